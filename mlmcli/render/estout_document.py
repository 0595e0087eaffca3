"""esttab's ``page[(packages)]``: the table inside a whole LaTeX or HTML document, as esttab.ado's
``tex_open0`` / ``booktabs_open0`` / ``html_open0`` and their ``_close0`` write it::

    % 6 Dec 2026 02:10:00
    \\documentclass{article}
    \\usepackage{packages}          (page(packages) only)
    \\usepackage{booktabs}          (booktabs only)
    \\begin{document}

    ...the table...

    \\end{document}

and in HTML ``<html>``, ``<head>``, ``<title>`` (the table's title, else "estimates table,
created date time"), ``</head>``, ``<body>``, a blank line, the table, a blank line, ``</body>``,
``</html>``; each document ends with an empty line."""
from __future__ import annotations

from mlmcli.results.estout import EstoutTable


def page_document(t: EstoutTable, mode: str, lines: list[str]) -> list[str]:
    """``lines`` (the table) wrapped in the document ``page`` writes in ``mode`` (tex, booktabs, html)."""
    date, time = t.stamp
    if mode == "html":
        title = t.title or f"estimates table, created {date} {time}"
        return (["<html>", "<head>", f"<title>{title}</title>", "</head>", "<body>", ""] + lines
                + ["", "</body>", "</html>", ""])
    head = [f"% {date} {time}", "\\documentclass{article}"]
    if t.page:
        head.append(f"\\usepackage{{{t.page}}}")
    if mode == "booktabs":
        head.append("\\usepackage{booktabs}")
    return head + ["\\begin{document}", ""] + lines + ["", "\\end{document}", ""]
