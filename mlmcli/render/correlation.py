"""``correlate`` and ``pwcorr`` as Stata 13 prints them: blocks of at most seven
columns headed by the (8-character) names, rows named in 12 columns.

```
             |      mpg   weight
-------------+------------------
         mpg |   1.0000
      weight |  -0.8072   1.0000
```
correlate prints r as %9.4f (covariances as " " + %8.0g); pwcorr prints " %7.4f" and a
star or blank, its p-values and counts under each row (pwcorr.ado).
"""
from __future__ import annotations

from mlmcli.render.abbrev import abbrev
from mlmcli.render.numfmt import format_number
from mlmcli.results.statistics import CorrelationMatrix, PairwiseCorrelations

BLOCK = 7


def _blocks(names, out: list[str]):
    """The column blocks (j0, j1) of at most BLOCK names, each headed (in ``out``) by its names."""
    k = len(names)
    for j0 in range(0, k, BLOCK):
        j1 = min(j0 + BLOCK, k)
        out += ["", " " * 13 + "|" + "".join(abbrev(n, 8).rjust(9) for n in names[j0:j1]),
                "-" * 13 + "+" + "-" * (9 * (j1 - j0))]
        yield j0, j1


def render_means(rows) -> str:
    out = ["    Variable |         Mean    Std. Dev.          Min          Max",
           "-" * 13 + "+" + "-" * 52]
    for r in rows:
        out.append(abbrev(r.name, 12).rjust(12) + " |" + "".join(
            format_number(v, r.fmt).strip().rjust(13) for v in (r.mean, r.sd, r.min, r.max)))
    return "\n".join(out)


def render_correlate(m: CorrelationMatrix) -> str:
    out: list[str] = []
    if m.means:
        out += ["", render_means(m.means), ""]
    k = len(m.names)
    for j0, j1 in _blocks(m.names, out):
        for i in range(j0, k):
            cells = []
            for j in range(j0, min(j1, i + 1)):
                v = m.values[i][j]
                cells.append(" " + format_number(v, "%8.0g") if m.covariance else format_number(v, "%9.4f"))
            out.append(abbrev(m.names[i], 12).rjust(12) + " |" + "".join(cells))
    return "\n".join(out)


def render_pwcorr(m: PairwiseCorrelations) -> str:
    out: list[str] = []
    k = len(m.names)
    for j0, j1 in _blocks(m.names, out):
        for i in range(j0, k):
            cols = range(j0, min(j1, i + 1))

            def shown(j):
                return i == j or m.print_level is None or m.p[i][j] <= m.print_level

            cells = []
            for j in cols:
                star = "*" if (m.star is not None and i != j and m.p[i][j] <= m.star) else " "
                cells.append(" " + format_number(m.rho[i][j], "%7.4f") + star if shown(j) else " " * 9)
            out.append(abbrev(m.names[i], 12).rjust(12) + " | " + "".join(cells))
            if m.sig:
                out.append(" " * 13 + "|" + "".join(
                    "  " + format_number(m.p[i][j], "%7.4f") if shown(j) else " " * 9
                    for j in range(j0, min(j1, i))))
            if m.obs:
                out.append(" " * 13 + "|" + "".join(
                    "  " + format_number(m.n[i][j], "%7.0g") if shown(j) else " " * 9 for j in cols))
            if m.sig or m.obs:
                out.append(" " * 13 + "|")
    return "\n".join(out)


def render_spearman_pair(r) -> str:
    """spearman.ado's two-variable display:

    ```
     Number of obs =      50
    Spearman's rho =       0.6933

    Test of Ho: mrgrate and divorce_rate are independent
        Prob > |t| =       0.0000
    ```"""
    return "\n".join(["", " Number of obs = " + format_number(r.nobs, "%7.0f"),
                      "Spearman's rho = " + format_number(r.rho, "%12.4f"), "",
                      f"Test of Ho: {r.first} and {r.second} are independent",
                      "    Prob > |t| = " + format_number(r.p, "%12.4f")])
