"""``xttest1``'s report as xttest1.ado (10/8/2006) displays it::

    (blank)
    Tests for the error component model:
    (blank)
            ln_wage[idcode,t] = Xb + u[idcode] + v[idcode,t]
               v[idcode,t] = lambda v[idcode,(t-1)] + e[idcode,t]
    (blank)
            Estimated results:
                    (xttest0's block: depvar, e and u with Var and sd = sqrt(Var))
    (blank)
            Tests:
               Random Effects, Two Sided:
               LM(Var(u)=0)          =  145.55 Pr>chi2(1) =  0.0000
               ALM(Var(u)=0)         = ...
    (blank)
               Random Effects, One Sided:
               ...
    (blank)
               Serial Correlation:
               ...
    (blank)
               Joint Test:
               LM(Var(u)=0,lambda=0) =  159.49 Pr>chi2(2) =  0.0000
    (blank)

Statistics %8.2f after the label (column 12), ``Pr>...`` at column 44, p %7.4f.  Without
``unadjusted`` only the ALM lines and the joint test are shown.  The depvar's name stands
right-aligned before column 25 (``_skip(9 - length)``: a longer name is not abbreviated).
"""
from __future__ import annotations

from mlmcli.render.numfmt import format_number
from mlmcli.results.panel import ErrorComponentResult


def _at(line: str, col: int, text: str) -> str:
    return line.ljust(col - 1) + text


def _test(label: str, value: float, p_label: str, p: float) -> str:
    return _at(_at("", 12, label.ljust(22) + "=" + format_number(value, "%8.2f")), 44,
               p_label + " = " + format_number(p, "%7.4f"))


def render_xttest1(r: ErrorComponentResult) -> str:
    dv, iv, s, p = r.depvar, r.ivar, r.stats, r.p
    out = ["", "Tests for the error component model:", "",
           _at("", 9, f"{dv}[{iv},t] = Xb + u[{iv}] + v[{iv},t]"),
           _at("", 12, f"v[{iv},t] = lambda v[{iv},(t-1)] + e[{iv},t]"), "",
           _at("", 9, "Estimated results:"),
           _at(_at(_at("", 26, "|"), 34, "Var"), 42, "sd = sqrt(Var)"),
           _at("", 17, "-" * 9 + "+" + "-" * 29)]

    def row(label: str, var: float) -> str:
        return (_at("", 16, " " * max(0, 9 - len(label)) + label + " |  ") + format_number(var, "%9.0g")
                + " " * 6 + format_number(var ** 0.5, "%9.0g"))

    out += [row(dv, r.var_y), row("e", r.var_e), row("u", r.var_u), "", _at("", 9, "Tests:")]
    chi1, chi2, normal = "Pr>chi2(1)", "Pr>chi2(2)", "Pr>N(0,1) "
    out.append(_at("", 12, "Random Effects, Two Sided:"))
    if r.unadjusted:
        out.append(_test("LM(Var(u)=0)", s.lm_re, chi1, p["lm_re"]))
    out += [_test("ALM(Var(u)=0)", s.alm_re, chi1, p["alm_re"]), "", _at("", 12, "Random Effects, One Sided:")]
    if r.unadjusted:
        out.append(_test("LM(Var(u)=0)", s.lm_re_one, normal, p["lm_re_one"]))
    out += [_test("ALM(Var(u)=0)", s.alm_re_one, normal, p["alm_re_one"]), "", _at("", 12, "Serial Correlation:")]
    if r.unadjusted:
        out.append(_test("LM(lambda=0)", s.lm_sc, chi1, p["lm_sc"]))
    out += [_test("ALM(lambda=0)", s.alm_sc, chi1, p["alm_sc"]), "", _at("", 12, "Joint Test:"),
            _test("LM(Var(u)=0,lambda=0)", s.lm_joint, chi2, p["lm_joint"]), ""]
    return "\n".join(out)
