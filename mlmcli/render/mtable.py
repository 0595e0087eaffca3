"""``mtable``'s text (SPost13 mtable.ado 1.0.6): ``Expression: ...``, the table of margins and
``Specified values of covariates``, each as matlist prints a ``cspec("o1& %#s | %#.#f & ...")``
table.  The layout, from the SPost13 book's logs (``mtable, at(married=(0 1) female=1 kid5=0)
atmeans pr(0/5) width(7)``):

```
Expression: Pr(art), predict(pr())

           | married        0        1        2        3        4        5
 ----------+--------------------------------------------------------------
         1 |       0    0.244    0.344    0.243    0.114    0.040    0.011
```
the row names right-aligned after one blank (``o1``), one blank and ``|``; each column one
blank, the value in its format's width, one blank (the last one's not drawn: the rule stops at
the last value); the line under the column names leaves the first blank.  Without row names
(names(columns): ``mtable, pr(0/2) brief`` and ``mtable ..., right norownumbers brief`` in the
same book) the first column starts at once and the columns are two blanks apart.  coleqnm()'s
equation names head their columns, each from the blank before its first column (``mtable,
at(k5=(0 1 2 3)) coleqnm(1st)``: ``           | 1st``), and a factor's level (``2.``) is shown on a
line of its own over its variable's name, ending one place right of it (``|        2.`` over
``|     year``):

```
       0         1         2
----------------------------
   0.209     0.310     0.242
```
"""
from __future__ import annotations

import math
import re

from mlmcli.missing import text as missing_text
from mlmcli.render.numfmt import format_number
from mlmcli.results.mtable import MtableGrid, MtableResult


def _width(fmt: str) -> int:
    m = re.match(r"%-?(\d+)", fmt)
    return int(m.group(1)) if m else 9


def _cell(value, fmt: str) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return missing_text(value if value is not None else float("nan"))
    return format_number(value, fmt).strip()


def render_grid(grid: MtableGrid) -> list[str]:
    widths = [_width(f) for f in grid.formats]
    lw = grid.label_width
    shown = (lambda text: text.replace("_", " ")) if grid.underscore else (lambda text: text)
    label = (lambda text: " " + text.rjust(lw) + " |") if lw else (lambda text: "")
    lead = 1 if lw else 0  # the blank before the first column
    out = [""] + ([grid.title, ""] if grid.title else [])
    coleqs = [shown(eq) for eq, _ in grid.cols]
    if grid.header and any(coleqs):
        cells, j = [], 0
        while j < len(coleqs):  # an equation's name over its columns, from their first blank on
            k = j
            while k < len(coleqs) and coleqs[k] == coleqs[j]:
                k += 1
            span = sum(w + 2 for w in widths[j:k])
            cells.append(" " + coleqs[j][:span - 1].ljust(span - 1))
            j = k
        out.append((label("") + "".join(cells)[1 - lead:]).rstrip())
    if grid.header:
        names = [shown(name) for _, name in grid.cols]
        ops = [name.split(".", 1)[0] + "." if "." in name else "" for name in names]
        if any(ops):  # a factor's level over its name, ending one place to the right
            out.append((label("") + "".join(" " + op.rjust(w + 1) for op, w in zip(ops, widths))[1 - lead:]).rstrip())
            names = [name.split(".", 1)[1] if "." in name else name for name in names]
        out.append(_line(label(""), names, widths, lead))
        rule = "-" * (sum(w + 2 for w in widths) - 2 + lead)
        out.append((" " + "-" * (lw + 1) + "+" + rule) if lw else rule)
    last_eq = ""
    for (eq, name), values in zip(grid.rows, grid.values):
        if lw and eq and eq != last_eq:
            out.append(" " + shown(eq).ljust(lw) + " |")
        last_eq = eq
        out.append(_line(label(shown(name)), [_cell(v, f) for v, f in zip(values, grid.formats)], widths, lead))
    return out


def _line(head: str, texts: list[str], widths: list[int], lead: int) -> str:
    cells = "".join(" " + t.rjust(w) + " " for t, w in zip(texts, widths))
    return (head + cells[1 - lead:]).rstrip()


def render_mtable(result: MtableResult) -> str:
    out = ["", result.title] if result.title else []
    out += ["", f"Expression: {result.expression}"]
    out += render_grid(result.table)
    if result.at_table is not None:
        out += render_grid(result.at_table)
    return "\n".join(out)
