"""``ttest``/``ttesti`` as Stata 13 prints them (ttesti.ado 3.1, _ttest.ado 1.3):

```
(blank)
One-sample t test
------------------------------------------------------------------------------
Variable |     Obs        Mean    Std. Err.   Std. Dev.   [95% Conf. Interval]
---------+--------------------------------------------------------------------
     mpg |      74     21.2973    .6725511    5.785503     19.9569    22.63769
------------------------------------------------------------------------------
    mean = mean(mpg)                                              t =   1.9289
Ho: mean = 20                                    degrees of freedom =       73
(blank)
    Ha: mean < 20               Ha: mean != 20                 Ha: mean > 20
 Pr(T < t) = 0.9712         Pr(|T| > |t|) = 0.0576          Pr(T > t) = 0.0288
```
Columns: n %7.0f at 12, mean/SE/SD %9.0g at 22/34/46, CI %9.0g at 58/70; the
hypotheses and p-values centred about columns 11, 40 and 70.
"""
from __future__ import annotations

from mlmcli.render.abbrev import abbrev
from mlmcli.render.coef_table import level_text
from mlmcli.render.numfmt import drop_leading_zero, format_number
from mlmcli.results.statistics import TTestResult, TTestRow

RULE_TOP = "-" * 78
RULE_MID = "-" * 9 + "+" + "-" * 68


def _at(line: str, col: int, text: str) -> str:
    return line.ljust(col - 1) + text


def sample_header(level: float, first: str) -> list[str]:
    lt = level_text(level)
    cil = len(lt)
    label = "Conf.Interval" if cil == 5 else "Conf. Interval"
    line = _at(_at(_at(_at(_at(_at(first, 10, "|"), 16, "Obs"), 27, "Mean"), 35, "Std. Err."), 47, "Std. Dev."),
               61 - cil + (cil == 5), f"[{lt}% {label}]")
    return [RULE_TOP, line, RULE_MID]


def sample_row(r: TTestRow) -> str:
    line = abbrev(r.name, 8).rjust(8) + " |"
    if r.n is not None:
        line = _at(line, 12, format_number(r.n, "%7.0f"))
    line = _at(line, 22, format_number(r.mean, "%9.0g"))
    line = _at(line, 34, format_number(r.se, "%9.0g"))
    if r.sd is not None:
        line = _at(line, 46, format_number(r.sd, "%9.0g"))
    line = _at(line, 58, format_number(r.ci_lo, "%9.0g"))
    return _at(line, 70, format_number(r.ci_hi, "%9.0g"))


def centre_columns(texts: list[str]) -> str:
    """Stata's _center2: three strings centred about columns 11, 40 and 70."""
    centres = [11, 40, 70]
    if len(texts[2]) > 20:
        centres[2] = 79 - len(texts[2]) // 2
    out, last = "", 0
    for text, c in zip(texts, centres):
        skip = max(int(last != 0), c - len(text) // 2 - 1 - last)
        out += " " * skip + text
        last += skip + len(text)
    return out


def _p_lines(r: TTestResult, ha: list[str]) -> list[str]:
    p = [format_number(v, "%6.4f") for v in (r.p_l, r.p, r.p_u)]
    probabilities = [f"Pr(T < t) = {p[0]}", f"Pr(|T| > |t|) = {p[1]}", f"Pr(T > t) = {p[2]}"]
    return ["", centre_columns(ha), centre_columns(probabilities)]


def render_ttest(r: TTestResult, first: str = "Variable") -> str:
    """``first``: the first column's heading (``Variable``, ``   Group``, or blank for
    ``ttesti`` without ``xname()``)."""
    level = r.level
    t_text = "t = " + format_number(r.t, "%8.4f")
    if r.kind == "one":
        name = r.names[0]
        mu0 = format_number(r.mu0, "%8.0g").strip() if len(_num(r.mu0)) > 8 else _num(r.mu0)
        out = ["", "One-sample t test"] + sample_header(level, first) + [sample_row(r.rows[0]), RULE_TOP]
        out.append(_at(f"    mean = mean({name})", 67, t_text))
        out.append(_at(f"Ho: mean = {mu0}", 50, "degrees of freedom = " + format_number(r.df, "%8.0f")))
        return "\n".join(out + _p_lines(r, [f"Ha: mean < {mu0}", f"Ha: mean != {mu0}", f"Ha: mean > {mu0}"]))
    a, b = r.names
    if r.kind == "paired":
        out = ["", "Paired t test"] + sample_header(level, first)
        out += [sample_row(r.rows[0]), sample_row(r.rows[1]), RULE_MID, sample_row(r.diff), RULE_TOP]
        out.append(_at(f"     mean(diff) = mean({abbrev(a, 16)} - {abbrev(b, 16)})", 67, t_text))
        out.append(_at(" Ho: mean(diff) = 0", 50, "degrees of freedom = " + format_number(r.df, "%8.0f")))
        return "\n".join(out + _p_lines(r, ["Ha: mean(diff) < 0", "Ha: mean(diff) != 0", "Ha: mean(diff) > 0"]))
    un = "" if r.variances == "equal" else "un"
    out = ["", f"Two-sample t test with {un}equal variances"] + sample_header(level, first)
    out += [sample_row(r.rows[0]), sample_row(r.rows[1]), RULE_MID, sample_row(r.combined), RULE_MID,
            sample_row(r.diff), RULE_TOP]
    out.append(_at(_at("", 5, f"diff = mean({abbrev(a, 16)}) - mean({abbrev(b, 16)})"), 67, t_text))
    dft, dfc = {"welch": ("Welch's degrees of freedom = ", 42),
                "unequal": ("Satterthwaite's degrees of freedom = ", 34)}.get(r.variances,
                                                                             ("degrees of freedom = ", 50))
    out.append(_at("Ho: diff = 0", dfc, dft + format_number(r.df, "%8.0g")))
    return "\n".join(out + _p_lines(r, ["Ha: diff < 0", "Ha: diff != 0", "Ha: diff > 0"]))


def _num(v: float) -> str:
    """A number as Stata's macro expansion writes it (``20``, ``.5``, ``-1.25``)."""
    text = repr(float(v))
    if text.endswith(".0"):
        text = text[:-2]
    return drop_leading_zero(text)
