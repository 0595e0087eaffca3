"""``nl`` output: the iteration log, the ANOVA-style header and the ``/b0`` table.

```
Iteration 0:  residual SS =  .0005769
(blank)
      Source |       SS       df       MS
-------------+------------------------------           Number of obs =         20
       Model |  17.6717234     2  8.83586172           R-squared     =     1.0000
    Residual |  .000576805    18  .000032045           Adj R-squared =     1.0000
-------------+------------------------------           Root MSE      =   .0056608
       Total |  17.6723003    20  .883615013           Res. dev.     =  -152.3164
```
The left block is Stata 13's regress ANOVA block; the statistics follow nl.ado's Header
(labels at column 53, N %10.0fc, R-squared %10.4f, Root MSE and Res. dev. %9.0g after two
blanks); robust and cluster fits print nl.ado's Header2 (``Nonlinear regression``).  The
note ``Parameter b0 taken as constant term in model & ANOVA table`` follows the table.
"""
from __future__ import annotations

from mlmcli.render.coef_table import render_coef_table
from mlmcli.render.numfmt import format_number


def iteration_lines(fit) -> list[str]:
    return [f"Iteration {k}:  residual SS =  {format_number(v, '%9.0g').strip()}"
            for k, v in enumerate(fit.iterations)]


def _row(name: str, ss: float, df: float, ms: float) -> str:
    return (name.rjust(12) + " |" + format_number(ss, "%11.0g").rjust(12)
            + format_number(df, "%5.0f").rjust(6) + format_number(ms, "%11.0g").rjust(12))


def _stat(label: str, value: str) -> str:
    return label.ljust(14) + "= " + value


def render_nl(s: dict, m: dict, rows, level: float) -> str:
    n = _stat("Number of obs", format_number(s["N"], "%10.0fc"))
    r2 = _stat("R-squared", format_number(s["r2"], "%10.4f"))
    r2a = _stat("Adj R-squared", format_number(s["r2_a"], "%10.4f"))
    rmse = _stat("Root MSE", " " + format_number(s["rmse"], "%9.0g"))
    dev = _stat("Res. dev.", " " + format_number(s["dev"], "%9.0g"))
    robust = bool(m.get("vcetype"))
    out = ["", ""]  # NLout and Header each begin with a blank line
    if robust:
        out.append("Nonlinear regression".ljust(52) + n)
        out += [" " * 52 + x for x in (r2, r2a, rmse, dev)]
    else:
        rule = "-" * 13 + "+" + "-" * 30
        df_r = s["N"] - s["df_m"] - (1 if s["cj"] else 0)  # the ANOVA residual df (e(df_r) under cluster differs)
        df_t = s["N"] - (1 if s["cj"] else 0)
        out.append("      Source |       SS       df       MS")
        out.append(rule.ljust(52) + n)
        out.append(_row("Model", s["mss"], s["df_m"], s["mms"]).ljust(52) + r2)
        out.append(_row("Residual", s["rss"], df_r, s["msr"]).ljust(52) + r2a)
        out.append(rule.ljust(52) + rmse)
        out.append(_row("Total", s["tss"], df_t, s["tss"] / df_t).ljust(52) + dev)
    out.append("")
    if m.get("title"):
        out.append(m["title"])
    if m.get("title_2"):
        out.append(m["title_2"])
    cluster = (int(s["N_clust"]), m["clustvar"]) if m.get("clustvar") else None
    out.append(render_coef_table(rows, m["depvar"], stat_label="t", level=level, robust=robust, cluster=cluster))
    if s.get("cj"):
        word = m["params"].split()[int(s["cj"]) - 1]
        out.append(f"  Parameter {word} taken as constant term in model" + ("" if robust else " & ANOVA table"))
    return "\n".join(out)
