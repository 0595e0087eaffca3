"""sdtest/sdtesti (sdtesti.ado 4.3 on _ttest.ado's table) and robvar (robvar.ado 7.0) as Stata
prints them:

```
Variance ratio test
------------------------------------------------------------------------------
   Group |     Obs        Mean    Std. Err.   Std. Dev.   [95% Conf. Interval]
---------+--------------------------------------------------------------------
...
    ratio = sd(Domestic) / sd(Foreign)                            f =   0.5148
Ho: ratio = 1                                    degrees of freedom =   51, 21
```
robvar: tabulate's summarize() table, then ``W0  = 3.5302042   df(1, 72)     Pr > F = 0.06436525``
with robvar.ado's formats (every W with the most decimals any of them shows).
"""
from __future__ import annotations

from mlmcli.render.abbrev import abbrev
from mlmcli.render.anova import summary_table
from mlmcli.render.mean_tests import RULE_MID, RULE_TOP, centre_columns, sample_header, sample_row
from mlmcli.render.numfmt import format_number
from mlmcli.results.classic_tests import LeveneTest, VarianceTest


def _at(line: str, col: int, text: str) -> str:
    return line.ljust(col - 1) + text


def _df(v: float) -> str:
    return format_number(v, "%10.0g").strip()


def _sd0_text(sd0: float) -> str:
    text = _df(sd0)
    return format_number(sd0, "%7.0g").strip() if len(text) > 6 else text


def render_sdtest(r: VarianceTest) -> str:
    s = r.statistic
    p = [format_number(v, "%6.4f") for v in (s.p_l, s.p, s.p_u)]
    if r.sd0 is not None:
        row = r.rows[0]
        sd0 = _sd0_text(r.sd0)
        two = "C < c" if s.p_l < s.p_u else "C > c"
        out = ["", "One-sample test of variance"] + sample_header(r.level, r.first_column)
        out += [sample_row(row), RULE_TOP, _at(f"    sd = sd({row.name})", 60, "c = chi2 = "
                                                + format_number(s.statistic, "%8.4f")),
                _at(f"Ho: sd = {sd0}", 50, "degrees of freedom = " + format_number(r.df[0], "%8.0f")), "",
                centre_columns([f"Ha: sd < {sd0}", f"Ha: sd != {sd0}", f"Ha: sd > {sd0}"]),
                centre_columns([f" Pr(C < c) = {p[0]}", f"2*Pr({two}) = {p[1]}", f" Pr(C > c) = {p[2]}"])]
        return "\n".join(out)
    a, b = r.rows
    two = "F < f" if s.p_l < s.p_u else "F > f"
    out = ["", "Variance ratio test"] + sample_header(r.level, r.first_column)
    out += [sample_row(a), sample_row(b), RULE_MID, sample_row(r.combined), RULE_TOP]
    out.append(_at(f"    ratio = sd({abbrev(a.name, 16)}) / sd({abbrev(b.name, 16)})", 67,
                   "f = " + format_number(s.statistic, "%8.4f")))
    d1, d2 = (_df(v) for v in r.df)
    width = min(len(d1), 9) + min(len(d2), 9)
    dft = "degrees of freedom = "
    if width < 7:
        out.append(_at(_at("Ho: ratio = 1", 50, dft), 77 - width, f"{d1}, {d2}"))
    else:
        out.append(_at("Ho: ratio = 1", 56 - width, f"{dft}{d1}, {d2}"))
    out += ["", centre_columns(["Ha: ratio < 1", "Ha: ratio != 1", "Ha: ratio > 1"]),
            centre_columns([f" Pr(F < f) = {p[0]}", f"2*Pr({two}) = {p[1]}", f"   Pr(F > f) = {p[2]}"])]
    return "\n".join(out)


def _display_text(v: float) -> str:
    """A number as ``display`` shows it without a format."""
    return format_number(v, "%10.0g").strip()


def _w_format(values) -> str | None:
    """robvar.ado's %w.df for the three W: the widest display text plus one, the most decimals."""
    width, right = 0, -1
    for v in values:
        text = _display_text(v)
        width = max(width, len(text) + (1 if text.startswith(".") else 0))
        right = max(right, text[::-1].find("."))
    return f"%{width + 1}.{right}f" if right >= 0 else None


def _p_text(p: float) -> str:
    """robvar.ado's p format: %0w.df with d the display text's length less one (0: ``0``)."""
    if p == 0:
        return _display_text(p)
    d = len(_display_text(p)) - 1
    return format_number(p, f"%0{d + 2}.{d}f")


def render_robvar(r: LeveneTest) -> str:
    out = [""] + summary_table(r.variable_label, r.group_label, r.groups, r.total)
    fmt = _w_format(r.w)
    d1, d2 = r.df
    for name, w, p in zip(("W0 ", "W50", "W10"), r.w, r.p):
        w_text = format_number(w, fmt) if fmt else _display_text(w)
        out += ["", f"{name} = {w_text}   df({d1}, {d2})     Pr > F = {_p_text(p)}"]
    return "\n".join(out)
