"""irf table / irf ctable as varirf_ctable.ado 2.4.12 (23oct2013, Stata 13) draws them.

The step column is 10 wide (``|``, the step %-6.0f at column 2, ``|`` at column 10); each
statistic column is 12 wide: its triple number ``(k)`` and its name centred (offset
int((12 - length) / 2), the number's length without its parentheses, as the ado computes it),
the values %-8.6g from two columns in; a block (a statistic with its Lower/Upper and S.E.
columns) closes with ``|``.  A new table starts when the next block would pass the linesize.
Titles: ``{col t}`` with t = int((10 + 12 columns - length) / 2), or centred when the columns
fill a line; notes: the level line and one ``(k) irfname = ..`` line per triple shown.
"""
from __future__ import annotations

from dataclasses import dataclass

from mlmcli.render.numfmt import format_number


@dataclass(frozen=True)
class IrfColumn:
    k: int
    name: str
    values: object


def _at(line: str, col: int, text: str) -> str:
    """SMCL ``{col n}text``: pad to column n (1-based); past it, no move."""
    if len(line) < col - 1:
        line = line.ljust(col - 1)
    return line + text


def render_irf_table(blocks, triples, title, level, *, linesize: int = 80) -> str:
    """blocks: [(steps, [IrfColumn, ...])] in order; triples: [(irfname, impulse, response)]."""
    cols = [(steps, c, len(block), b) for b, (steps, block) in enumerate(blocks) for c in block]
    ncols = len(cols)
    cpline = (linesize - 10) // 12
    out = []
    if title is not None:
        out.append("")
        if ncols >= cpline:
            out.append(" " * max((linesize - len(title)) // 2, 0) + title)
        else:
            out.append(_at("", (10 + ncols * 12 - len(title)) // 2, title))
    i = 0
    shown: list[int] = []
    while i < ncols:
        steps = cols[i][0]
        top, mid, bottom = "+" + "-" * 8 + "+", "|" + "-" * 8 + "+", "+" + "-" * 8 + "+"
        head1, head2 = "|        |", "|  step  |"
        data = ["|" + format_number(s, "%-6.0f").ljust(8) + "|" for s in steps]
        cpos = 10
        while True:
            _, col, _, b = cols[i]
            nxt = cols[i + 1] if i + 1 < ncols else None
            end = nxt is None or nxt[3] != b
            new_table = nxt is None or (end and cpos + (1 + nxt[2]) * 12 > linesize)
            npos = cpos + 12
            # a block closes with TT/+/BT, the table with TRC/RT/BRC (all "+", the middle rule's "|")
            top += "-" * 11 + ("+" if end else "-")
            mid += "-" * 11 + ("|" if end and new_table else "+" if end else "-")
            bottom += "-" * 11 + ("+" if end else "-")
            if col.k not in shown:
                shown.append(col.k)
            head1 = _at(head1, cpos + (12 - len(str(col.k))) // 2, f"({col.k})")
            head2 = _at(head2, cpos + (12 - len(col.name)) // 2, col.name)
            for r in range(len(data)):
                v = col.values[r] if r < len(col.values) else float("nan")
                data[r] = _at(data[r], 2 + cpos, format_number(v, "%-8.6g"))
            if end:
                head1, head2 = _at(head1, npos, "|"), _at(head2, npos, "|")
                data = [_at(d, npos, "|") for d in data]
            cpos = npos
            i += 1
            if new_table:
                break
        out += ["", top, head1, head2, mid, *data, bottom]
    if level is not None:
        out.append(f"{format_number(level, '%9.0g').strip()}% lower and upper bounds reported")
    for k in shown:
        name, imp, resp = triples[k - 1]
        out += _paragraph(f"({k}) irfname = {name}, impulse = {imp}, and response = {resp}", linesize)
    return "\n".join(out)


def _paragraph(text: str, linesize: int) -> list[str]:
    """SMCL {p 0 4 4}: the first line at column 1, the rest indented 4, within the linesize."""
    lines, cur, indent = [], "", 0
    for w in text.split():
        if cur and len(cur) + 1 + len(w) > linesize - 4:
            lines.append(cur)
            cur, indent = " " * 4 + w, 4
        else:
            cur = f"{cur} {w}" if cur.strip() else (" " * indent + w)
    lines.append(cur)
    return lines
