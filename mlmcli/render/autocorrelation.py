"""corrgram (1.4.0) and wntestq (1.0.10) as their ados (Stata 16 tree) display them:

```
(blank)
                                          -1       0       1 -1       0       1
 LAG       AC       PAC      Q     Prob>Q  [Autocorrelation]  [Partial Autocor]
-------------------------------------------------------------------------------
1        0.6825   0.6936   18.207  0.0000          |-----             |-----
```
lag %-6.0g, AC and PAC %7.4f at columns 9 and 18, Q %7.0g at 27, Prob>Q %6.4f at 36, and the
17-character bars at columns 44 and 63 (one dash per eighth of the correlation, the bar at the
centre; {c LT}/{c RT} print as ``|``); noplot stops after Prob>Q under a 41-dash rule.
"""
from __future__ import annotations

import math

from mlmcli.render.numfmt import format_number
from mlmcli.results.autocorrelation import Correlogram, PortmanteauTest


def _at(line: str, col: int, text: str) -> str:
    return line.ljust(col - 1) + text


def correlation_bar(corr: float) -> str:
    """corrgram's MkString: 17 characters, the centre (9th) ``|``; empty when missing."""
    if corr is None or math.isnan(corr):
        return ""
    if corr >= 0:
        vb, ve = 9, int(8 * corr) + 9
    else:
        ve, vb = 9, math.trunc(8 * corr) + 9
    chars = []
    for k in range(1, 18):
        ch = "-" if vb <= k <= ve else " "
        if k == 9 and (vb == 9 or ve == 9):
            ch = "|"
        chars.append(ch)
    return "".join(chars)


def render_correlogram(r: Correlogram) -> str:
    if r.plot:
        out = ["", " " * 42 + "-1       0       1 -1       0       1",
               " LAG       AC       PAC      Q     Prob>Q  [Autocorrelation]  [Partial Autocor]", "-" * 79]
    else:
        out = ["", " LAG       AC       PAC      Q     Prob>Q", "-" * 41]
    for lag, ac, pac, q, p in r.rows:
        line = format_number(lag, "%-6.0g")
        for col, v, fmt in ((9, ac, "%7.4f"), (18, pac, "%7.4f"), (27, q, "%7.0g"), (36, p, "%6.4f")):
            line = _at(line, col, format_number(v, fmt))
        if r.plot:
            line = _at(_at(line, 44, correlation_bar(ac)), 63, correlation_bar(pac))
        out.append(line)
    return "\n".join(out)


def render_portmanteau(r: PortmanteauTest) -> str:
    return "\n".join(["", "Portmanteau test for white noise", "-" * 39,
                      " Portmanteau (Q) statistic = " + format_number(r.stat, "%10.4f"),
                      _at(f" Prob > chi2({r.df}) ", 28, "= " + format_number(r.p, "%10.4f"))])
