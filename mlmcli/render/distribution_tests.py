"""ksmirnov as Stata 13 prints it (ksmirnov.ado 3.5 run under version 13: the Corrected column):

```
(blank)
Two-sample Kolmogorov-Smirnov test for equality of distribution functions
(blank)
 Smaller group       D       P-value  Corrected
 ----------------------------------------------
 0:                  0.5000    0.424
 1:                 -0.1667    0.909
 Combined K-S:       0.5000    0.785      0.735
```
"""
from __future__ import annotations

from mlmcli.render.numfmt import format_number
from mlmcli.results.classic_tests import KolmogorovSmirnov


def render_ksmirnov(r: KolmogorovSmirnov) -> str:
    out = [""] + list(r.title) + [""]
    out += [" Smaller group       D       P-value  " + ("    Exact" if r.exact else "Corrected"), " " + "-" * 46]
    for name, d, p in zip(r.names, r.d, r.p):
        out.append(f" {name}:".ljust(19) + format_number(d, "%8.4f") + format_number(p, "%9.3f"))
    out.append(" Combined K-S:".ljust(19) + format_number(r.d_combined, "%8.4f") + format_number(r.p_combined, "%9.3f")
               + format_number(r.p_corrected, "%11.3f"))
    return "\n".join(out)


def render_continuity_corrected(chi2: float, p: float) -> str:
    """median.ado's lines after the 2 x 2 table's tests."""
    return ("\n   Continuity corrected:\n          Pearson chi2(1) = " + format_number(chi2, "%8.4f")
            + "   Pr = " + format_number(p, "%5.3f"))
