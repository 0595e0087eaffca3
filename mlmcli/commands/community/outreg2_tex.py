"""outreg2's LaTeX and RTF files, as its ``_texout`` and ``out2rtf2`` write the cleaned table (outreg2 2.2.5,
zhangdashenqi/stata_ado_plus ``o/outreg2.ado``, based on out2tex 0.9): the rows of the text file
(column numbers, ``VARIABLES`` and the titles, the empty rows above and below the coefficients,
Observations and the statistics, the notes), each ``v1 & v2 & ... \\`` run together;

- ``\\hline`` after the last title row (else on the ``\\begin{tabular}`` line), after the head
  row (the first with a first cell, the ``VARIABLES``/``EQUATION`` row) and after the bottom
  row (the last with more than one cell); titles and notes each one
  ``\\multicolumn{N}{c}{...} \\\\``;
- from the bottom row down the first cell is re-spaced word by word with ``<`` as ``$<$``
  (so `` R-squared`` and `` *** p$<$0.01, ...``); with an EQUATION column the notes are moved
  to the first cell after that (their ``<`` kept);
- ``_`` and ``%`` escaped in the first column and in the column headings, ``< > { } |`` in the
  statistics columns' body;
- a document (``\\documentclass[]{article}``, letter page size, ``\\begin{document}``) unless
  ``tex(fragment)``.

The RTF (out2rtf2, 12-point, the standard borders): the titles and the notes centred
paragraphs, the rows a table of ``\\ql`` name and ``\\qc`` value cells, overlined on the first
row, underlined under the last heading row and the bottom row, each column as wide as its
longest text + 1 times 144 twips (the names' column measured on the body rows; at least 1350
with an EQUATION column).
"""
from __future__ import annotations

import re


def _respaced(text: str) -> str:
    """The first cell of the bottom rows: its words joined by one space after a leading one,
    ``<`` as ``$<$`` glued to the next word (the loop before _texout's body)."""
    out, glue = "", False
    for tok in re.findall(r"<|[^\s<]+", text):
        if tok == "<":
            out += "$<$"
            glue = True
        else:
            out += tok if glue else " " + tok
            glue = False
    return out


def _escaped_name(text: str) -> str:
    has_eqn = text.count("$") >= 2
    if not has_eqn:
        text = text.replace("_", "\\_")
    return text.replace("%", "\\%")


def _escaped_stat(text: str) -> str:
    for old, new in (("<", "$<$"), (">", "$>$"), ("{", "\\{"), ("}", "\\}"), ("|", "$|$")):
        text = text.replace(old, new)
    return text


def _borders(lines: list[str], titles: int):
    """(rows padded to one width, width, head border, bottom border): the head row is the first
    below the titles with a first cell, the bottom row the last with more than one cell, both
    1-based in the whole table (0: no head row); under an EQUATION column the notes are moved
    into the first cell."""
    rows = [ln.split("\t") for ln in lines]
    width = max(max((len(r) for r in rows), default=1), 2)  # _texout adds a second column to one
    rows = [r + [""] * (width - len(r)) for r in rows]
    body = rows[titles:]
    head = next((k for k, r in enumerate(body) if r[0] != ""), -1) + 1
    bottom = len(body)
    while bottom > 0 and sum(1 for c in body[bottom - 1] if c != "") == 1:
        bottom -= 1
    return rows, width, head + titles if head else 0, bottom + titles


def _notes_first(rows, bottom_border: int) -> None:
    if any(r[0] == "EQUATION" for r in rows):
        for k in range(bottom_border, len(rows)):
            rows[k][0], rows[k][1] = rows[k][1], ""


def tex_lines(lines: list[str], titles: int, fragment: bool) -> list[str]:
    """The .tex file's lines from the text file's (tab-separated) ``lines``."""
    rows, width, head_border, bottom_border = _borders(lines, titles)
    for k in range(max(bottom_border, 1), len(rows) + 1):  # 1-based rows bottomBorder..N
        rows[k - 1][0] = _respaced(rows[k - 1][0])
    _notes_first(rows, bottom_border)
    lines_out = []
    for k, row in enumerate(rows, 1):
        name = _escaped_name(row[0])
        stats = row[1:]
        if titles + 1 <= k <= head_border:
            stats = [_escaped_name(c) for c in stats]
        elif head_border < k <= bottom_border:
            stats = [_escaped_stat(c) for c in stats]
        if k <= titles or k > bottom_border:  # a title or a note: one cell across the table
            text = f"\\multicolumn{{{width}}}{{c}}{{{name}{''.join(stats)}}} \\\\"
        else:
            text = name + " & " + " & ".join(stats) + " \\\\"
        if (titles and head_border and k == titles) or (head_border and k == head_border) or k == bottom_border:
            text += " \\hline"
        lines_out.append(text)
    begin = "\\begin{tabular}{l" + "c" * (width - 1) + "}" + ("" if titles else " \\hline")
    out = [begin] + lines_out + ["\\end{tabular}"]
    if not fragment:
        out = ["\\documentclass[]{article}", "\\setlength{\\pdfpagewidth}{8.5in} \\setlength{\\pdfpageheight}{11in}",
               "\\begin{document}"] + out + ["\\end{document}"]
    return out


def rtf_text(lines: list[str], titles: int) -> str:
    """The .rtf document (out2rtf2's, not pretty, 12 points) from the text file's ``lines``."""
    rows, width, head_border, bottom_border = _borders(lines, titles)
    equation = any(r[0] == "EQUATION" for r in rows)
    _notes_first(rows, bottom_border)
    n = len(rows)
    body = rows[head_border:bottom_border]
    widths = [max([len(r[0]) for r in body] + [1])] + [max([len(r[j]) for r in rows] + [1]) for j in range(1, width)]
    plain, under, over, pos = "", "", "", 0
    for j, w in enumerate(widths):
        pos += (w + 1) * 144
        if j == 0 and equation and pos < 1350:
            pos = 1350
        plain += f"\\cellx{pos}"
        under += f"\\clbrdrb\\brdrs\\cellx{pos}"
        over += f"\\clbrdrt\\brdrs\\cellx{pos}"

    def row(k: int) -> str:
        cells = rows[k - 1]
        return "\\ql " + cells[0] + "\\cell" + "".join("\\qc " + c + "\\cell" for c in cells[1:]) + "\\row\n"

    lead = "\\trowd\\trgaph75\\trleft-75\\trqc"
    out = "{\\rtf1\\fs24\n"
    if titles:
        out += "\\pard\\qc\n" + "".join(rows[k][0] + "\\par\n" for k in range(titles))
    out += "\\trowd\\trgaph75\\trleft-75\\intbl\\trqc" + over + "\n"
    for k in range(titles + 1, head_border):
        out += row(k) + lead + plain + "\n"
    out += lead + under + "\n" + row(head_border) + lead + plain + "\n"
    out += "".join(row(k) for k in range(head_border + 1, bottom_border))
    out += lead + "\\trbrdrb\\brdrs" + under + "\n" + row(bottom_border)
    if bottom_border < n:
        out += "\\pard\\qc\n" + "".join(rows[k][0] + "\\par\n" for k in range(bottom_border, n))
    return out + "}"
