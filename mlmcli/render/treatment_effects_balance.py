"""``tebalance summarize`` as _tebalance_summarize.ado's Display draws it with the _tab class:

```

  Covariate balance summary

                        Raw     Weighted
  -----------------------------------------
  Number of obs =       4642      4,642.0
  ...
  -----------------------------------------

  -----------------------------------------------------------------
                  |Standardized differences          Variance ratio
                  |        Raw     Weighted           Raw   Weighted
  ----------------+------------------------------------------------
             mage |  -.3003065    -.0023703      .8732646   .8754869
  -----------------------------------------------------------------
```
Columns from the ado's widths (15 13 13; 16 | 12 12 12 12), each entry right-aligned to its
column's end less its pad (3 3; 2 2 4 2), a left margin of 2 (a reading of _tab's geometry
without a log to check it against: docs/teffects.md).  Counts %10.0gc raw and %10.1fc weighted.
"""
from __future__ import annotations

from mlmcli.render.numfmt import format_number
from mlmcli.results.treatment_effects import BalanceSummary


def _size_table(r: BalanceSummary) -> list[str]:
    out = ["", "  Covariate balance summary", "",
           " " * 17 + "Raw".rjust(10) + "Weighted".rjust(13), "  " + "-" * 41]
    for label, (raw, weighted) in zip(("Number of obs", "Treated obs", "Control obs"), r.sizes):
        out.append("  " + label.ljust(13) + " =" + format_number(raw, "%10.0gc").rjust(10)
                   + format_number(weighted, "%10.1fc").rjust(13))
    out.append("  " + "-" * 41)
    return out


def _numbers(values) -> str:
    f = [format_number(v, "%9.0g") for v in values]
    return f[0].rjust(10) + f[1].rjust(12) + f[2].rjust(10) + f[3].rjust(14)


def render_balance_summary(r: BalanceSummary) -> str:
    out = _size_table(r)
    if r.baseline:
        t1, t2, cols = "    Means".center(23), "     Variances".center(24), ("Control", "Treated") * 2
    else:
        t1, t2, cols = "Standardized differences", "Variance ratio".rjust(24), ("Raw", "Weighted") * 2
    out += ["", "  " + "-" * 65, "  " + " " * 16 + "|" + t1.ljust(24) + t2,
            "  " + " " * 16 + "|" + cols[0].rjust(10) + cols[1].rjust(12) + cols[2].rjust(10) + cols[3].rjust(14),
            "  " + "-" * 16 + "+" + "-" * 48]
    for row in r.rows:
        if row.kind == "blank":
            out.append("  " + " " * 16 + "|")
        elif row.kind == "heading":
            out.append("  " + row.label.rjust(15) + " |")
        elif row.kind == "level":
            out.append("  " + row.label.rjust(14) + "  |" + _numbers(row.values))
        else:
            out.append("  " + row.label.rjust(15) + " |" + _numbers(row.values))
    out.append("  " + "-" * 65)
    return "\n".join(out)


def render_overid(chi2: float, df: int, p: float) -> str:
    """_tebalance_overid.ado's lines."""
    from mlmcli.render.numfmt import format_number

    head = " " * 9 + f"chi2({df})"
    return "\n".join(["", "Overidentification test for covariate balance", " " * 9 + "H0: Covariates are balanced:",
                      "", head.ljust(22) + "= " + format_number(chi2, "%8.0g"),
                      (" " * 9 + "Prob > chi2").ljust(22) + "=   " + format_number(p, "%5.4f")])
