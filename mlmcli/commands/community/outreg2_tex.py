"""outreg2's LaTeX file, as its ``_texout`` writes the cleaned table (outreg2 2.2.5,
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


def tex_lines(lines: list[str], titles: int, fragment: bool) -> list[str]:
    """The .tex file's lines from the text file's (tab-separated) ``lines``."""
    rows = [ln.split("\t") for ln in lines]
    width = max((len(r) for r in rows), default=1)
    width = max(width, 2)  # _texout adds a second column to a one-column table
    rows = [r + [""] * (width - len(r)) for r in rows]
    body = rows[titles:]
    head = next((k for k, r in enumerate(body) if r[0] != ""), -1) + 1  # 1-based, 0: none
    bottom = len(body)
    while bottom > 0 and sum(1 for c in body[bottom - 1] if c != "") == 1:
        bottom -= 1
    head_border, bottom_border = head + titles if head else 0, bottom + titles
    n = len(rows)
    for k in range(bottom_border, n + 1):  # 1-based rows bottomBorder..N
        if k >= 1:
            rows[k - 1][0] = _respaced(rows[k - 1][0])
    if any(r[0] == "EQUATION" for r in rows):  # the notes into the first cell
        for k in range(bottom_border, n):
            rows[k][0], rows[k][1] = rows[k][1], ""
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
        if (titles and head and k == titles) or (head and k == head_border) or k == bottom_border:
            text += " \\hline"
        lines_out.append(text)
    begin = "\\begin{tabular}{l" + "c" * (width - 1) + "}" + ("" if titles else " \\hline")
    out = [begin] + lines_out + ["\\end{tabular}"]
    if not fragment:
        out = ["\\documentclass[]{article}", "\\setlength{\\pdfpagewidth}{8.5in} \\setlength{\\pdfpageheight}{11in}",
               "\\begin{document}"] + out + ["\\end{document}"]
    return out
