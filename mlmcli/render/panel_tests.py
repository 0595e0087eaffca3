"""``hausman`` and ``xttest0`` as Stata 13 prints them (hausman.ado 3.x; xttest0.ado 1.5).

hausman:
```
(blank)
                 ---- Coefficients ----
             |      (b)          (B)            (b-B)     sqrt(diag(V_b-V_B))
             |       fe           re         Difference          S.E.
-------------+----------------------------------------------------------------
         age |    .0359987     .0368059       -.0008073        .0013177
------------------------------------------------------------------------------
                           b = consistent under Ho and Ha; obtained from xtreg
            B = inconsistent under Ha, efficient under Ho; obtained from xtreg
(blank)
    Test:  Ho:  difference in coefficients not systematic
(blank)
                  chi2(8) = (b-B)'[(V_b-V_B)^(-1)](b-B)
                          =      149.43
                Prob>chi2 =      0.0000
```
values %9.0g at columns 18, 31, 47 and 63.
"""
from __future__ import annotations

import textwrap

from mlmcli.render.abbrev import abbrev
from mlmcli.render.numfmt import format_number
from mlmcli.results.panel import BreuschPaganResult, GroupwiseHetResult, HausmanResult
from mlmcli.syntax.coefnames import display_name


def _at(line: str, col: int, text: str) -> str:
    """``text`` starting at 1-based column ``col`` (Stata's _col())."""
    return line.ljust(col - 1) + text


def _centre(text: str, width: int) -> str:
    pad = width - len(text)
    left = pad // 2
    return " " * left + text + " " * (pad - left)


def render_hausman(r: HausmanResult, linesize: int = 80) -> str:
    out: list[str] = []
    if r.rank != r.n_coefs:
        note = (f"Note: the rank of the differenced variance matrix ({r.rank}) does not equal the number "
                f"of coefficients being tested ({r.n_coefs}); be sure this is what you expect, or there may "
                "be problems computing the test.  Examine the output of your estimators for anything "
                "unexpected and possibly consider scaling your variables so that the coefficients are on a "
                "similar scale.")
        out.append("")
        out.extend(textwrap.wrap(note, width=min(linesize, 255) - 1, subsequent_indent=" " * 8,
                                 break_on_hyphens=False))
    n1 = abbrev(r.consistent_name, 12) or "."
    n2 = abbrev(r.efficient_name, 12) or "."
    out.append("")
    out.append(_at("", 18, "---- Coefficients ----"))
    out.append(_at(_at(_at(_at(_at("", 14, "|"), 21, "(b)"), 34, "(B)"), 49, "(b-B)"), 59, "sqrt(diag(V_b-V_B))"))
    out.append(_at(_at(_at(_at(_at("", 14, "|"), 17, _centre(n1, 12)), 30, _centre(n2, 12)), 46, "Difference"),
                   66, "S.E."))
    out.append("-" * 13 + "+" + "-" * 64)
    eq = None
    several = len({row.equation for row in r.rows}) > 1
    for row in r.rows:
        if several and row.equation != eq:
            if eq is not None:
                out.append("-" * 13 + "+" + "-" * 64)
            out.append(_at(row.equation or "", 14, "|"))
            eq = row.equation
        line = abbrev(display_name(row.name), 12).rjust(12) + " |"
        line = _at(line, 18, format_number(row.b, "%9.0g"))
        line = _at(line, 31, format_number(row.B, "%9.0g"))
        line = _at(line, 47, format_number(row.b - row.B, "%9.0g"))
        line = _at(line, 63, format_number(row.se, "%9.0g"))
        out.append(line)
    out.append("-" * 78)
    out.append(f"b = consistent under Ho and Ha; obtained from {r.consistent_cmd}".rjust(78))
    out.append(f"B = inconsistent under Ha, efficient under Ho; obtained from {r.efficient_cmd}".rjust(78))
    out.append("")
    out.append("    Test:  Ho:  difference in coefficients not systematic")
    out.append("")
    out.append(f"chi2({r.df})".rjust(25) + " = (b-B)'[(V_b-V_B)^(-1)](b-B)")
    if r.chi2 >= 0:
        out.append(_at("", 27, "=  " + format_number(r.chi2, "%10.2f")))
        out.append(_at("", 17, "Prob>chi2 =  " + format_number(r.p, "%10.4f")))
        if not r.positive_definite:
            out.append(_at("", 17, "(V_b-V_B is not positive definite)"))
    else:
        out.append(_at(_at("", 27, "=" + format_number(r.chi2, "%9.2f")), 41, "chi2<0 ==> model fitted on these"))
        out.append(_at("", 41, "data fails to meet the asymptotic"))
        out.append(_at("", 41, "assumptions of the Hausman test;"))
        out.append(_at("", 41, "see suest for a generalized test"))
    return "\n".join(out)


def render_xttest3(r: GroupwiseHetResult) -> str:
    """xttest3.ado 1.0.8's display (``_col(16) %12.2f``, ``_col(22) %8.4f``)::

        (blank)
        Modified Wald test for groupwise heteroskedasticity
        in fixed effect regression model
        (blank)
        H0: sigma(i)^2 = sigma^2 for all i
        (blank)
        chi2 (48)  =       141.37
        Prob > chi2 =      0.0000
        (blank)
    """
    model = "in cross-sectional time-series FGLS regression model" if r.fgls else "in fixed effect regression model"
    return "\n".join(["", "Modified Wald test for groupwise heteroskedasticity", model, "",
                      "H0: sigma(i)^2 = sigma^2 for all i", "",
                      f"chi2 ({r.df})  =".ljust(15) + f"{r.chi2:12.2f}",
                      "Prob > chi2 = ".ljust(21) + f"{r.p:8.4f}", ""])


def render_xttest2(r) -> str:
    """xttest2.ado 1.0.5's display: a line holding one space, the correlation matrix as ``mat
    list ..., nohead format(%9.4f)`` lists it (rows and columns ``__e<panel>``, the lower
    triangle), then the test (``%9.3f``, ``%6.4f``) and the complete observations used."""
    from mlmcli.render.listings import render_matrix_list
    from mlmcli.results.postestimation import MatrixListing

    names = tuple(f"__e{format_number(p, '%12.0g').strip()}" for p in r.panels)
    listing = render_matrix_list(MatrixListing("", r.corr, names, names, symmetric=True, fmt="%9.4f", header=False))
    return "\n".join([" ", "Correlation matrix of residuals:", listing, "",
                      f"Breusch-Pagan LM test of independence: chi2({r.df}) = {format_number(r.lm, '%9.3f')}, "
                      f"Pr = {format_number(r.p, '%6.4f')}",
                      f"Based on {r.n_complete} complete observations over panel units"])


def render_xttest0(r: BreuschPaganResult) -> str:
    """```
    (blank)
    Breusch and Pagan Lagrangian multiplier test for random effects
    (blank)
            ln_wage[idcode,t] = Xb + u[idcode] + e[idcode,t]
    (blank)
            Estimated results:
                             |       Var     sd = sqrt(Var)
                    ---------+-----------------------------
                     ln_wage |   .2283326       .4778416
                           e |   .0845002       .2906892
                           u |   .0665151       .2579053
    (blank)
            Test:   Var(u) = 0
                                 chibar2(01) =  1.4e+04
                              Prob > chibar2 =   0.0000
    ```"""
    iv, dv = r.ivar, r.depvar
    out = ["", "Breusch and Pagan Lagrangian multiplier test for random effects", "",
           _at("", 9, f"{dv}[{iv},t] = Xb + u[{iv}] + e[{iv},t]"), "",
           _at("", 9, "Estimated results:"),
           _at(_at(_at("", 26, "|"), 34, "Var"), 42, "sd = sqrt(Var)"),
           _at("", 17, "-" * 9 + "+" + "-" * 29)]

    def row(label, var):
        return (_at("", 16, abbrev(label, 9).rjust(9) + " |  ") + format_number(var, "%9.0g") + " " * 6
                + format_number(var ** 0.5, "%9.0g"))

    out += [row(dv, r.var_y), row("e", r.var_e), row("u", r.var_u), ""]
    out.append(_at(_at("", 9, "Test:"), 17, "Var(u) = 0"))
    out.append(_at(_at("", 30, "chibar2(01) ="), 44, format_number(r.lm, "%8.2f")))
    out.append(_at(_at("", 27, "Prob > chibar2 = "), 45, format_number(r.p, "%7.4f")))
    return "\n".join(out)
