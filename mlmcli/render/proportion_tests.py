"""prtest/prtesti, bitest/bitesti and signtest as Stata prints them (prtesti.ado 2.3's tables,
which keep Stata 13's headers; bitesti.ado 4.2; signtest.ado 2.3):

```
(blank)
One-sample test of proportion                   foreign: Number of obs =       74
------------------------------------------------------------------------------
    Variable |       Mean   Std. Err.                     [95% Conf. Interval]
-------------+----------------------------------------------------------------
     foreign |   .2972973   .0531331                      .1931583    .4014363
------------------------------------------------------------------------------
    p = proportion(foreign)                                       z =  -1.8034
Ho: p = 0.4
```
"""
from __future__ import annotations

from mlmcli.render.abbrev import abbrev
from mlmcli.render.mean_tests import centre_columns
from mlmcli.render.coef_table import level_text
from mlmcli.render.numfmt import format_number
from mlmcli.results.classic_tests import BinomialTest, ProportionRow, ProportionTest, SignTest

_TOP = "-" * 13 + "-" + "-" * 64
_MID = "-" * 13 + "+" + "-" * 64


def _at(line: str, col: int, text: str) -> str:
    return line.ljust(col - 1) + text


def _g(v: float) -> str:
    return format_number(v, "%9.0g")


def _header(level: float, first: str, show_z: bool) -> list[str]:
    lt = level_text(level)
    line = _at(_at(("    " + first).ljust(13) + "|", 22, "Mean"), 29, "Std. Err.")
    if show_z:
        line = _at(_at(line, 44, "z"), 49, "P>|z|")
    return [_TOP, _at(line, 61 - len(lt), f"[{lt}% Conf. Interval]"), _MID]


def _row(r: ProportionRow) -> str:
    line = abbrev(r.name, 12).rjust(12) + " |"
    return _at(_at(_at(_at(line, 17, _g(r.p)), 28, _g(r.se)), 58, _g(r.lb)), 70, _g(r.ub))


def _p0_text(p0: float) -> str:
    """prtesti.ado's Ho value: %8.6f without trailing zeros (at most five dropped)."""
    if p0 < 1e-6:
        return format_number(p0, "%8.0g").strip()
    if p0 > 1 - 1e-6:
        return "0.999999"
    text = format_number(p0, "%8.6f")
    for _ in range(6):
        if text.endswith("0") and len(text) > 3:
            text = text[:-1]
        else:
            break
    return text.strip()


def _tail_lines(r: ProportionTest, ha: list[str]) -> list[str]:
    p = [format_number(v, "%6.4f") for v in (r.z.p_l, r.z.p, r.z.p_u)]
    return ["", centre_columns(ha),
            centre_columns([f"Pr(Z < z) = {p[0]}", f"Pr(|Z| > |z|) = {p[1]}", f"Pr(Z > z) = {p[2]}"])]


def _obs_line(title: str, name: str, n: int) -> str:
    return _at(_at(title, 53 - len(name), name), 53, ": Number of obs = " + format_number(n, "%8.0g"))


def render_prtest(r: ProportionTest) -> str:
    z = "z = " + format_number(r.z.statistic, "%8.4f")
    if r.diff is None:
        row = r.rows[0]
        out = ["", _obs_line("One-sample test of proportion", row.name[:12], row.n)]
        out += _header(r.level, r.first_column, False) + [_row(row), _TOP]
        m0 = _p0_text(r.p0)
        out += [_at(f"    p = proportion({abbrev(row.name, 12)})", 67, z), f"Ho: p = {m0}"]
        return "\n".join(out + _tail_lines(r, [f"Ha: p < {m0}", f"Ha: p != {m0}", f"Ha: p > {m0}"]))
    a, b = (x.name[:12].strip() for x in r.rows)
    out = ["", _obs_line("Two-sample test of proportions", a, r.rows[0].n), _obs_line("", b, r.rows[1].n)]
    out += _header(r.level, r.first_column, True) + [_row(r.rows[0]), _row(r.rows[1]), _MID, _row(r.diff)]
    under = _at(_at(_at(_at(" " * 13 + "|", 17, "under Ho:"), 28, _g(r.se_null)), 38,
                    format_number(r.z.statistic, "%8.2f")), 49, format_number(r.p_null, "%5.3f"))
    out += [under, _TOP, _at(f"        diff = prop({a}) - prop({b})", 67, z), "    Ho: diff = 0"]
    return "\n".join(out + _tail_lines(r, ["Ha: diff < 0", "Ha: diff != 0", "Ha: diff > 0"]))


def _probability_line(k: int, sign: str, p: float, col_eq: int, note: str = "") -> str:
    line = _at(_at("", 3, f"Pr(k {sign}= {k})"), col_eq, "= " + format_number(p, "%8.6f"))
    return line + (f"  ({note})" if note else "")


def render_bitest(r: BinomialTest) -> str:
    head, dashes, name = "", "", ""
    if r.name:
        head, dashes, name = "    Variable |", "-" * 13 + "+", abbrev(r.name, 12).rjust(12) + " |"
    out = ["", head + " " * 8 + "N   Observed k   Expected k   Assumed p   Observed p", dashes + "-" * 60,
           name + format_number(r.n, "%9.0f") + format_number(r.k, "%11.0f") + "    "
           + format_number(r.n * r.p0, "%9.0g") + format_number(r.p0, "%14.5f")
           + format_number(r.k / r.n, "%13.5f"), ""]
    if r.k_opp is None:
        col_eq = 3 + len(str(r.k)) + 10
        out += [_probability_line(r.k, ">", r.p_u, col_eq, "one-sided test"),
                _probability_line(r.k, "<", r.p_l, col_eq, "one-sided test"),
                _probability_line(r.k, ">" if r.empty_tail == "lower" else "<", r.p, col_eq, "two-sided test"),
                "", f"  note: {r.empty_tail} tail of two-sided p-value is empty"]
    else:
        k1, k2 = min(r.k, r.k_opp), max(r.k, r.k_opp)
        col_eq = 3 + len(f"{k1}{k2}") + 19
        out += [_probability_line(r.k, ">", r.p_u, col_eq, "one-sided test"),
                _probability_line(r.k, "<", r.p_l, col_eq, "one-sided test"),
                _at(_at("", 3, f"Pr(k <= {k1} or k >= {k2})"), col_eq, "= " + format_number(r.p, "%8.6f"))
                + "  (two-sided test)"]
    if r.detail:
        out.append("")
        out += [_probability_line(k, "=", p, col_eq, note) for k, p, note in r.detail]
    return "\n".join(out)


def _sign_row(label: str, observed: float, expected: float) -> str:
    return _at(_at(label.rjust(12) + " |", 17, format_number(observed, "%10.0g")), 29,
               format_number(expected, "%10.0g"))


def render_signtest(r: SignTest) -> str:
    ns = r.n_pos + r.n_neg
    name = abbrev(r.name, 10)
    rel = f"{name}" if r.expression == "0" else f"{name} - {r.expression}"
    out = ["", "Sign test", "", "        sign |    observed    expected", "-" * 13 + "+" + "-" * 24,
           _sign_row("positive", r.n_pos, ns / 2), _sign_row("negative", r.n_neg, ns / 2),
           _sign_row("zero", r.n_zero, r.n_zero), "-" * 13 + "+" + "-" * 24,
           _sign_row("all", ns + r.n_zero, ns + r.n_zero), "", "One-sided tests:"]
    for label, count, tail, p in (("positive", r.n_pos, ">", r.p_pos), ("negative", r.n_neg, "<", r.p_neg)):
        out += [f"  Ho: median of {rel} = 0 vs.", f"  Ha: median of {rel} {tail} 0",
                f"      Pr(#{label} >= {count}) =",
                f"         Binomial(n = {ns}, x >= {count}, p = 0.5) = " + format_number(p, "%7.4f"), ""]
    top = max(r.n_pos, r.n_neg)
    out += ["Two-sided test:", f"  Ho: median of {rel} = 0 vs.", f"  Ha: median of {rel} != 0",
            f"      Pr(#positive >= {top} or #negative >= {top}) =",
            f"         min(1, 2*Binomial(n = {ns}, x >= {top}, p = 0.5)) = " + format_number(r.p_two, "%7.4f")]
    return "\n".join(out)
