"""esttab's ``page[(packages)]``: the table inside a whole LaTeX or HTML document, as esttab.ado's
``tex_open0`` / ``booktabs_open0`` / ``html_open0`` and their ``_close0`` write it (the class
``[opts]{standalone}`` with ``standalone[(opts)]``, ``[varwidth]`` by default)::

    % 6 Dec 2026 02:10:00
    \\documentclass{article}
    \\usepackage{packages}          (page(packages) only)
    \\usepackage{booktabs}          (booktabs only)
    \\usepackage{longtable}         (longtable only)
    \\begin{document}

    ...the table...

    \\end{document}

and in HTML ``<html>``, ``<head>``, ``<title>`` (the table's title, else "estimates table,
created date time"), ``</head>``, ``<body>``, a blank line, the table, a blank line, ``</body>``,
``</html>``; each document ends with an empty line."""
from __future__ import annotations

from mlmcli.results.estout import EstoutTable


def page_document(t: EstoutTable, mode: str, head: list[str], tail: list[str]) -> tuple[list[str], list[str]]:
    """The table's opening and closing inside the document ``page`` writes in ``mode`` (tex,
    booktabs, html)."""
    date, time = t.stamp
    if mode == "html":
        title = t.title or f"estimates table, created {date} {time}"
        return (["<html>", "<head>", f"<title>{title}</title>", "</head>", "<body>", ""] + head,
                tail + ["", "</body>", "</html>", ""])
    top = [f"% {date} {time}", f"\\documentclass{t.document_class}"]
    if t.page:
        top.append(f"\\usepackage{{{t.page}}}")
    if mode == "booktabs":
        top.append("\\usepackage{booktabs}")
    if t.longtable:
        top.append("\\usepackage{longtable}")
    return top + ["\\begin{document}", ""] + head, tail + ["", "\\end{document}", ""]


def at_codes(lines, t: EstoutTable, width: int, span: int, legend: str) -> list[str]:
    """estout's InsertAtVariables in prehead() ... postfoot(): ``@span`` the number of columns
    (the labels' one included), ``@M`` the models, ``@E`` the model-equation columns (the
    models, unless ``unstack`` puts a model's equations side by side), ``@width`` the table's width in characters, ``@hline`` that
    many dashes (at most 400), ``@title`` the title, ``@starlegend`` the stars' legend."""
    unstack = t.extra.get("unstack")
    models = len(set(unstack["model_of"])) if unstack else t.nmodels
    values = {"span": str(span), "M": str(models), "E": str(t.nmodels), "width": str(width),
              "hline": (t.hlinechar or "-") * min(width, 400), "title": t.title,
              "starlegend": legend}
    out = []
    for line in lines:
        for name in ("starlegend", "hline", "width", "title", "span", "M", "E"):  # longest first
            line = line.replace("@" + name, values[name])
        out.append(line)
    return out


def substitute(lines: list[str], pairs) -> list[str]:
    """estout's substitute(from to ...): each pair replaced in every line written, in turn."""
    out = []
    for line in lines:
        for old, new in pairs:
            if old or new:
                line = line.replace(old, new) if old else line
        out.append(line)
    return out


def longtable_head(mode: str) -> str:
    """What esttab.ado's tex_toprule / booktabs_toprule add after the top rule with ``longtable``:
    the first head ends, the rule repeated on the following pages' heads and feet."""
    if mode == "booktabs":
        return "\\endfirsthead\\midrule\\endhead\\midrule\\endfoot\\endlastfoot"
    return "\\endfirsthead\\hline\\endhead\\hline\\endfoot\\endlastfoot"


def markdown_divider(varwidth: int, widths: list[int], stars: list[bool], star_width: int) -> str:
    """estout.ado's MakeMMDdef: the markdown line under the header, ``| ---`` as wide as the labels'
    column, then per column `` | :`` dashes ``:`` (centred), the column's width less 2, plus the
    stars' width where the column carries stars, and `` |``."""
    line = "| " + "-" * max(1, varwidth)
    for width, starred in zip(widths, stars):
        line += " | :" + "-" * max(1, width - 2) + ("-" * max(1, star_width) if starred else "") + ":"
    return line + " |"


def markdown_wrap(title: str, notes: list[str]) -> tuple[list[str], list[str]]:
    """esttab.ado's mmd opening and closing: an empty line (and the title and an empty line)
    before the table; after it an empty line and the notes, each but the last ending in
    ``<br>``, then an empty line."""
    head = [""] + ([title, ""] if title else [])
    tail = ([""] + [n + ("<br>" if i < len(notes) - 1 else "") for i, n in enumerate(notes)]) if notes else []
    return head, tail + [""]
