"""The listing ``estpost`` prints of what it posts (matlist's ``nohalf lines(oneline)`` layout,
matlist.ado of Stata 16's base tree): row names right-aligned in 12 (or more) columns, then per
column a blank, the value right-aligned and a blank, so values stand two blanks apart; missing
values blank (nodotz)."""
from __future__ import annotations

import numpy as np

from mlmcli.render.abbrev import abbrev
from mlmcli.render.numfmt import format_number


def _cells(values) -> list[str]:
    return ["" if np.isnan(v) else format_number(v, "%9.0g").strip() for v in values]


def listing(names: list[str], labels: list[str], columns: dict, kinds: tuple, title: str = "",
            total_line: bool = False) -> str:
    """The results as ``matlist, nohalf lines(oneline)`` shows them: variables down, e(stat) across
    (``title``: the row title; ``total_line``: lines(rowtotal), a rule above the last row)."""
    heads = [f"e({lab})" for lab in labels]
    width = max(12, *(len(abbrev(n, 32)) for n in names)) if names else 12
    cells = [_cells([columns[k][i] for k in kinds]) for i in range(len(names))]
    widths = [max(9, len(h), *(len(row[j]) for row in cells)) for j, h in enumerate(heads)]
    rule = "-" * (width + 1) + "+" + "-" * sum(w + 2 for w in widths)
    lines = ["", f"{abbrev(title, width):>{width}} |" + "".join(f" {h:>{w}} " for h, w in zip(heads, widths)), rule]
    for i, (n, row) in enumerate(zip(names, cells)):
        if total_line and i == len(names) - 1:
            lines.append(rule)
        lines.append(f"{abbrev(n, width):>{width}} |" + "".join(f" {v:>{w}} " for v, w in zip(row, widths)))
    return "\n".join(lines)


def equation_listing(blocks: list, labels: list[str], title: str = "") -> str:
    """matlist of a matrix with row equations (``lines(oneline)``: a rule between equations):
    per block (equation name, row names, rows of values) the equation's name left-aligned on a
    line of its own, then its rows.  Published in estpost's help (estpost tabstat ..., by())."""
    heads = [f"e({lab})" for lab in labels]
    names = [n for _, rows, _ in blocks for n in rows]
    width = max(12, *(len(abbrev(n, 32)) for n in names)) if names else 12
    cells = [[_cells(values) for values in block_values] for _, _, block_values in blocks]
    widths = [max(9, len(h), *(len(row[j]) for block in cells for row in block)) for j, h in enumerate(heads)]
    rule = "-" * (width + 1) + "+" + "-" * sum(w + 2 for w in widths)
    lines = ["", f"{abbrev(title, width):>{width}} |" + "".join(f" {h:>{w}} " for h, w in zip(heads, widths)), rule]
    for b, ((eq, rows, _), block) in enumerate(zip(blocks, cells)):
        if b:
            lines.append(rule)
        lines.append(f"{abbrev(eq, width + 1):<{width + 1}}|" + " " * sum(w + 2 for w in widths))
        for n, row in zip(rows, block):
            lines.append(f"{abbrev(n, width):>{width}} |" + "".join(f" {v:>{w}} " for v, w in zip(row, widths)))
    return "\n".join(lines)
