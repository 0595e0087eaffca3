"""Names laid out in columns, down then across, as Stata's ``ds`` shows variables (its
DisplayInCols: column width = the longest name + the gap, as many columns as the line holds)."""
from __future__ import annotations


def render_name_columns(names: list[str], *, linesize: int, indent: int = 0, gap: int = 2) -> str:
    if not names:
        return ""
    width = max(len(n) for n in names) + gap
    ncols = (linesize + 1 - indent) // width
    if ncols < 2:
        return "\n".join(" " * indent + n for n in names)
    nrows = -(-len(names) // ncols)
    lines = []
    for i in range(nrows):
        row = [names[j] for j in range(i, len(names), nrows)]
        line = " " * indent + "".join(n.ljust(width) for n in row[:-1]) + row[-1]
        lines.append(line)
    return "\n".join(lines)
