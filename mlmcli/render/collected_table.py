"""``etable`` / ``dtable`` / ``table`` tables (``mlmcli.results.collected_table``) as Stata 17/18 show
them and as their ``export()`` writes them.  The layouts were read off published output
(docs/etable.md lists the sources):

- text: a rule, the column headers, a rule, the rows, a rule, the notes.  The row headers
  are left-aligned in a column as wide as the widest; every column is one space and then
  its content: the values right-aligned in the width of the widest, then (``showstars``)
  one space and the stars left-aligned; the header is centred over that block (an odd
  spare space goes left), and a header wider than the block centres the block under it.
- markdown: a pipe table, every cell left-aligned and padded to its column's width, the
  stars in a column of their own with an empty header, the notes below.
- html and LaTeX: the same cells in a ``<table>`` / ``tabular`` (inferred: Stata's own
  html and LaTeX files add styling this does not copy); an Excel sheet: the same cells as
  text, one per worksheet cell (``flat_cells``; the command writes the workbook).
"""
from __future__ import annotations

import html as _html

from mlmcli.render.numfmt import format_number
from mlmcli.results.collected_table import CollectedTable, TableCell


def cell_text(cell: TableCell | None) -> str:
    if cell is None:
        return ""
    out = []
    for part in cell.parts:
        if part.text:
            out.append(part.text)
        if part.value is None:
            continue
        out.append(f"{part.left}{format_number(part.value, part.fmt).strip()}{part.right}")
    return cell.sep.join(out)


def _grid(table: CollectedTable):
    """(row header, [(value text, stars) per column]) per printed line."""
    out = []
    for row in table.rows:
        label = " " * row.indent + row.label
        if not row.lines:
            out.append((label, [("", "")] * len(table.columns)))
            continue
        for k, line in enumerate(row.lines):
            out.append((label if k == 0 else "", [(cell_text(c), c.stars if c else "") for c in line]))
    return out


def _render_bar_text(table: CollectedTable, grid) -> list[str]:
    """Stata 17 ``table``'s layout: every column one space and then its content right-aligned
    in max(its minimum width, widest value, header + 1); a spanning header centred over its
    columns (widening the last of them when it is wider); rules of ``-`` with ``+`` under the
    ``|`` that closes the row headers (Stata's box characters as a text log writes them).
    collect stars' labels are attached to their values (``.564***``)."""
    if table.stars_column:
        grid = [(label, [(value + star, "") for value, star in cells]) for label, cells in grid]
    w0 = max([len(h) for h, _ in grid] + [0])
    widths = []
    for j, header in enumerate(table.columns):
        least = table.column_widths[j] if j < len(table.column_widths) else 0
        widths.append(max([least, len(header) + 1] + [len(cells[j][0]) for _, cells in grid]))
    for spans in table.header_rows:
        start = 0
        for text, span in spans:
            room = sum(1 + widths[k] for k in range(start, start + span)) - 1
            if len(text) + 1 > room:
                widths[start + span - 1] += len(text) + 1 - room
            start += span
    total = sum(1 + w for w in widths)
    lines = [table.title] if table.title else []
    lines.append("-" * (w0 + 2 + total))
    for spans in table.header_rows:
        text, start = " " * w0 + " |", 0
        for label, span in spans:
            room = sum(1 + widths[k] for k in range(start, start + span))
            left = (room - len(label) + 1) // 2
            text += (" " * left + label).ljust(room)
            start += span
        lines.append(text)
    lines.append(" " * w0 + " |" + "".join(" " + h.rjust(w) for h, w in zip(table.columns, widths)))
    lines.append("-" * (w0 + 1) + "+" + "-" * total)
    aligns = [a for row in table.rows for a in (_aligns(row, len(widths)) if row.lines else [[""] * len(widths)])]
    for (label, cells), align in zip(grid, aligns):
        lines.append(label.ljust(w0) + " |" + "".join(" " + _aligned(value, w, a)
                                                     for (value, _), w, a in zip(cells, widths, align)))
    lines.append("-" * (w0 + 2 + total))
    return lines + list(table.notes)


def _aligns(row, n: int) -> list[list[str]]:
    return [[c.halign if c else "" for c in line] for line in row.lines]


def _aligned(text: str, width: int, halign: str) -> str:
    """collect style cell, halign(): left, center (an odd spare space goes left) or right."""
    if halign == "left":
        return text.ljust(width)
    if halign == "center":
        return (" " * ((width - len(text) + 1) // 2) + text).ljust(width)
    return text.rjust(width)


def render_text(table: CollectedTable) -> list[str]:
    grid = _grid(table)
    if table.bar:
        return _render_bar_text(table, grid)
    w0 = max([len(h) for h, _ in grid] + [0])
    stars = table.stars_column
    columns = []  # (content width, block offset, value width)
    for j, header in enumerate(table.columns):
        wv = max([len(cells[j][0]) for _, cells in grid] + [0])
        block = wv + (1 + stars if stars else 0)
        width = max(block, len(header))
        columns.append((width, (width - block + 1) // 2, wv))
    total = w0 + sum(1 + w for w, _, _ in columns)
    rule = "-" * total
    head = " " * w0
    for (width, _, _), header in zip(columns, table.columns):
        left = (width - len(header) + 1) // 2
        head += " " + (" " * left + header).ljust(width)
    lines = [table.title] if table.title else []
    lines += [rule, head, rule]
    for label, cells in grid:
        text = label.ljust(w0)
        for (width, offset, wv), (value, star) in zip(columns, cells):
            block = value.rjust(wv) + ((" " + star.ljust(stars)) if stars else "")
            text += " " + (" " * offset + block).ljust(width)
        lines.append(text)
    lines.append(rule)
    lines += list(table.notes)
    return lines


def flat_cells(table: CollectedTable) -> tuple[list[str], list[list[str]]]:
    """Header and body cells, the stars in columns of their own."""
    header = [""]
    for name in table.columns:
        header += [name] + ([""] if table.stars_column else [])
    body = []
    for label, cells in _grid(table):
        row = [label]
        for value, star in cells:
            row += [value] + ([star] if table.stars_column else [])
        body.append(row)
    if table.header_rows:  # spanning headers: the first row heads the file, the rest lead the body
        spanned = []
        for spans in table.header_rows:
            row = [""]
            for text, span in spans:
                row += [text] + [""] * (span - 1)
            spanned.append(row)
        return spanned[0], spanned[1:] + [header] + body
    return header, body


def render_markdown(table: CollectedTable) -> list[str]:
    header, body = flat_cells(table)
    widths = [max(len(r[k]) for r in [header] + body) for k in range(len(header))]

    def line(cells):
        return "|" + "|".join(f" {c.ljust(w)} " for c, w in zip(cells, widths)) + "|"

    lines = [f"**{table.title}**", ""] if table.title else []
    lines += [line(header), "|" + "|".join("-" * (w + 2) for w in widths) + "|"]
    lines += [line(r) for r in body]
    return lines + list(table.notes)


def render_html(table: CollectedTable) -> list[str]:
    header, body = flat_cells(table)
    esc = _html.escape
    lines = ["<table>"]
    if table.title:
        lines.append(f"<caption>{esc(table.title)}</caption>")
    lines.append("<thead><tr>" + "".join(f"<th>{esc(c)}</th>" for c in header) + "</tr></thead>")
    lines.append("<tbody>")
    for r in body:
        label = esc(r[0]).replace(" ", "&nbsp;", len(r[0]) - len(r[0].lstrip()))
        lines.append("<tr><td>" + label + "</td>" + "".join(f"<td>{esc(c)}</td>" for c in r[1:]) + "</tr>")
    lines.append("</tbody>")
    lines.append("</table>")
    lines += [f"<p>{esc(n)}</p>" for n in table.notes]
    return lines


_TEX_SPECIAL = {"\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_",
                "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}


def _tex(text: str) -> str:
    return "".join(_TEX_SPECIAL.get(ch, ch) for ch in text)


def render_tex(table: CollectedTable) -> list[str]:
    header, body = flat_cells(table)
    lines = [r"\begin{table}[!h]", r"\centering"]
    if table.title:
        lines.append(r"\caption{" + _tex(table.title) + "}")
    lines.append(r"\begin{tabular}{l" + "r" * (len(header) - 1) + "}")
    lines.append(r"\hline")
    lines.append(" & ".join(_tex(c) for c in header) + r" \\")
    lines.append(r"\hline")
    for r in body:
        label = _tex(r[0].lstrip())
        if r[0] != r[0].lstrip():
            label = r"\quad " + label
        lines.append(" & ".join([label] + [_tex(c) for c in r[1:]]) + r" \\")
    lines.append(r"\hline")
    lines.append(r"\end{tabular}")
    for note in table.notes:
        lines.append(r"\par " + _tex(note))
    lines.append(r"\end{table}")
    return lines


RENDERERS = {"text": render_text, "markdown": render_markdown, "html": render_html, "tex": render_tex}
