"""``xtsum``, ``xttab`` and ``xtdescribe`` as Stata 13 prints them (xtsum.ado 1.1,
xttab.ado 1.2, xtdescribe.ado 1.3).

xtsum:
```
(blank)
Variable         |      Mean   Std. Dev.       Min        Max |    Observations
-----------------+--------------------------------------------+----------------
hours    overall |  36.55956   9.869623          1        168 |     N =   28467
         between |             7.846585          1       83.5 |     n =    4710
         within  |             7.520712  -2.154726   130.0596 | T-bar = 6.04395
```
"""
from __future__ import annotations

from mlmcli.render.abbrev import abbrev
from mlmcli.render.numfmt import format_number
from mlmcli.results.panel import XtdescribeResult, XtsumRow, XttabResult


def _g(v) -> str:
    return format_number(v, "%9.0g")


def render_xtsum(rows: list[XtsumRow]) -> str:
    out = ["", "Variable" + " " * 9 + "|" + " " * 6 + "Mean   Std. Dev.       Min        Max |    Observations",
           "-" * 17 + "+" + "-" * 44 + "+" + "-" * 16]
    for k, r in enumerate(rows):
        if k:
            out.append(" " * 17 + "|" + " " * 44 + "|")
        out.append(abbrev(r.name, 8).ljust(9) + "overall | " + _g(r.mean) + "  " + _g(r.sd) + "  " + _g(r.min)
                   + "  " + _g(r.max) + " |" + "     N =" + format_number(r.N, "%8.0f"))
        out.append(" " * 9 + "between |" + " " * 12 + _g(r.sd_b) + "  " + _g(r.min_b) + "  " + _g(r.max_b)
                   + " |" + "     n =" + format_number(r.n, "%8.0f"))
        word = "    T" if r.balanced else "T-bar"
        out.append(" " * 9 + "within  |" + " " * 12 + _g(r.sd_w) + "  " + _g(r.min_w) + "  " + _g(r.max_w)
                   + " | " + word + " =" + format_number(r.Tbar, "%8.0g"))
    return "\n".join(out)


def render_xttab(r: XttabResult) -> str:
    """```
    (blank)
                      Overall             Between            Within
         msp |    Freq.  Percent      Freq.  Percent        Percent
    ----------+-----------------------------------------------------
    ```"""
    out = ["", " " * 18 + "Overall" + " " * 13 + "Between" + " " * 12 + "Within",
           abbrev(r.name, 9).rjust(9) + " |    Freq.  Percent" + " " * 6 + "Freq.  Percent" + " " * 8 + "Percent",
           "-" * 10 + "+" + "-" * 53]
    for row in r.rows:
        out.append(row.label.rjust(9) + " |" + format_number(row.freq, "%8.0f") + format_number(row.percent, "%10.2f")
                   + format_number(row.panels, "%10.0f") + format_number(row.panel_percent, "%10.2f") + " "
                   + format_number(row.within, "%14.2f"))
    out.append("-" * 10 + "+" + "-" * 53)
    out.append("    Total |" + format_number(r.N, "%8.0f") + format_number(100, "%10.2f")
               + format_number(r.total_panels, "%10.0f") + format_number(100 * r.total_panels / r.n, "%10.2f")
               + " " + format_number(r.total_within, "%14.2f"))
    base = f"(n = {r.n}"
    out.append(" " * (39 - len(base)) + base + ")")
    return "\n".join(out)


def render_xtdescribe(r: XtdescribeResult) -> str:
    out = [""]
    out.append((" " * max(0, 8 - len(r.ivar)) + f"{r.ivar}:  {r.ivals[0]}, {r.ivals[1]}, ..., {r.ivals[2]}")
               .ljust(61) + "n =" + format_number(r.n, "%11.0f"))
    line1 = f"{r.tvals[0]}, {r.tvals[1]}, ..., {r.tvals[2]}"
    out.append((" " * max(0, 8 - len(r.tvar)) + f"{r.tvar}:  {line1}").ljust(61) + "T =" + format_number(r.T, "%11.0f"))
    out.append(" " * 11 + f"Delta({r.tvar}) = {r.delta}")
    out.append(" " * 11 + f"Span({r.tvar})  = {r.span} periods")
    ident = "uniquely identifies each observation" if r.unique else "does not uniquely identify observations"
    out.append(" " * 11 + f"({r.ivar}*{r.tvar} {ident})")
    out.append("")
    out.append("Distribution of T_i:   min      5%     25%       50%       75%     95%     max")
    d = [format_number(v, "%6.0f") for v in r.t_distribution]
    out.append(" " * 20 + d[0] + "  " + d[1] + "  " + d[2] + "    " + d[3] + "    " + d[4] + "  " + d[5] + "  " + d[6])
    star = "*" if r.step != 1 else ""
    width = max(len(r.overall), len("Pattern" + star))
    out.append("")
    out.append(" " * 5 + "Freq.  Percent    Cum. |  Pattern" + star)
    rule = " " + "-" * 27 + "+" + "-" * 2 + "-" * width
    out.append(rule)
    total = sum(c for c, _ in r.patterns)
    cum = 0
    for count, pattern in r.patterns[:r.shown]:
        cum += count
        out.append(format_number(count, "%9.0f") + format_number(100 * count / total, "%10.2f")
                   + format_number(100 * cum / total, "%8.2f") + " |  " + pattern)
    if r.shown < len(r.patterns):
        rest = total - cum
        out.append(format_number(rest, "%9.0f") + format_number(100 * rest / total, "%10.2f")
                   + format_number(100, "%8.2f") + " | (other patterns)")
    out.append(rule)
    out.append(format_number(total, "%9.0f") + format_number(100, "%10.2f") + " " * 8 + " |  " + r.overall)
    if star:
        out.append(" " + "-" * 27 + "-" + "-" * 2 + "-" * width)
        out.append(f" *Each column represents {format_number(r.step, '%9.0g').strip()} periods.")
    return "\n".join(out)
