"""Matrices as Stata's ``matlist`` lays them out (used by ``estat wcorrelation``, whose
Stata 12 ancestor ``xtmixed_corr.ado`` prints ``matlist `sd', format() rowtitle()
title()`` and ``matlist `corr', ...``), and ``estat df``'s table.

```
(blank)
Standard Deviations:
(blank)
         obs |      1       2       3
-------------+------------------------
          sd |  4.384   4.384   4.384
```
Row names right-aligned in 12 columns, `` |``, then each column two spaces plus the
value right-aligned in the wider of the format and the column name; the lower triangle
of a symmetric matrix; columns beyond the linesize continue in further panels.
"""
from __future__ import annotations

import re

from mlmcli.render.abbrev import abbrev
from mlmcli.render.numfmt import format_number
from mlmcli.results.postestimation import DFTableResult, MatrixDisplay, WcorrelationResult

ROW_WIDTH = 12


def _fmt_width(fmt: str) -> int:
    m = re.match(r"%-?0?(\d+)", fmt)
    return int(m.group(1)) if m else 9


def render_matlist(m: MatrixDisplay, *, linesize: int = 80) -> str:
    """``title``, a blank line, then the table (in panels when wider than the linesize)."""
    w = max([_fmt_width(m.fmt)] + [len(c) for c in m.colnames])
    per = max(1, (linesize - ROW_WIDTH - 2) // (w + 2))
    out = ["", m.title] if m.title else []
    n = len(m.colnames)
    for start in range(0, max(n, 1), per):
        cols = range(start, min(n, start + per))
        out.append("")
        head = abbrev(m.rowtitle, ROW_WIDTH).rjust(ROW_WIDTH) + " |"
        out.append(head + "".join("  " + m.colnames[j].rjust(w) for j in cols))
        out.append("-" * (ROW_WIDTH + 1) + "+" + "-" * ((w + 2) * len(cols) + 1))
        for i, name in enumerate(m.rownames):
            if m.lower and i < start:
                continue
            cells = []
            for j in cols:
                if m.lower and j > i:
                    cells.append(" " * (w + 2))
                else:
                    cells.append("  " + format_number(m.values[i][j], m.fmt).strip().rjust(w))
            out.append((abbrev(name, ROW_WIDTH).rjust(ROW_WIDTH) + " |" + "".join(cells)).rstrip())
    return "\n".join(out)


def render_wcorrelation(result: WcorrelationResult, *, linesize: int = 80) -> str:
    """``estat wcorrelation``'s text: the heading paragraph, then each matrix."""
    from mlmcli.render.lrtest import wrap_paragraph

    if result.note:
        return "\n".join([""] + wrap_paragraph(result.note, linesize, hanging=4))
    out = [""] + wrap_paragraph(result.heading, linesize, hanging=4)
    for m in result.matrices:
        out.append(render_matlist(m, linesize=linesize))
    return "\n".join(out)


def render_df_table(result: DFTableResult, *, linesize: int = 80) -> str:
    """``estat df``: ``Degrees of freedom`` above a matrix of the DFs (``_matrix_table``)."""
    m = MatrixDisplay("", "", result.rownames, result.methods, result.values, fmt="%9.2f")
    text = "\n".join(["", "Degrees of freedom", render_matlist(m, linesize=linesize)])
    if result.note:
        from mlmcli.render.lrtest import wrap_paragraph
        text += "\n" + "\n".join(wrap_paragraph(result.note, linesize))
    return text
