"""``collect export filename [, as(fileformat) name(cname) replace]`` ([TABLES] collect
export): .md .html .tex .txt .xlsx as etable's export() writes them, .docx
(``mlmcli.fileformats.docx_table``), .xls (``mlmcli.fileformats.xls_table``, a BIFF8 workbook
of text cells) and .pdf (the text table in a monospaced font, drawn by matplotlib, which the
base install has).  A layout of several tables (a table dimension) writes them one after the
other, each under its heading lines.  An existing file is overwritten only with ``replace``.
"""
from __future__ import annotations

import io
import os

from mlmcli.commands.data.common import unquote
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options

_OWN = {"docx": ".docx", "word": ".docx", "xls": ".xls", "excel": ".xls", "pdf": ".pdf"}


def collection_cells(tables, framed: bool) -> list[list[str]]:
    """Every table's cells (spanning headers, header, body) under its heading lines, an empty
    row between tables, every row as wide as the widest; ``framed``: the title above and the
    notes below too."""
    from mlmcli.render.collected_table import flat_cells
    rows: list[list[str]] = []
    for k, (heading, table) in enumerate(tables):
        if k:
            rows.append([])
        header, body = flat_cells(table)
        rows += [[table.title]] if table.title and framed else []
        rows += [[line] for line in heading] + [header] + body + ([[n] for n in table.notes] if framed else [])
    width = max(len(r) for r in rows)
    return [r + [""] * (width - len(r)) for r in rows]


def _pdf_bytes(lines: list[str]) -> bytes:
    """The text lines on A4 pages in a monospaced font small enough for the widest line."""
    from matplotlib.backends.backend_pdf import PdfPages
    from matplotlib.figure import Figure
    per_page = 60
    width = max([len(line) for line in lines] + [40])
    size = min(9.0, 0.95 * 72 * (8.27 - 1.0) / (0.6 * width))  # a monospaced glyph is ~0.6 em wide
    out = io.BytesIO()
    with PdfPages(out) as pdf:
        for start in range(0, max(len(lines), 1), per_page):
            fig = Figure(figsize=(8.27, 11.69))
            fig.text(0.06, 0.95, "\n".join(lines[start:start + per_page]), family="monospace", fontsize=size,
                     va="top", ha="left")
            pdf.savefig(fig)
    return out.getvalue()


def _xlsx_bytes(rows: list[list[str]]) -> bytes:
    from openpyxl import Workbook
    book = Workbook()
    sheet = book.active
    sheet.title = "Table"
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def export(session, body: str, opts_text) -> None:
    from mlmcli.commands.data.table_collect import NAME, collection
    from mlmcli.commands.data.collection_layout import lay_out
    from mlmcli.commands.postestimation.etable import export_spec
    from mlmcli.fileformats.safe_write import write_bytes_atomic
    from mlmcli.render.collected_table import RENDERERS, render_text
    path = unquote(body.strip())
    if not path:
        raise StataError("filename required", 100)
    opts = resolve_options(opts_text, [NAME, OptionSpec("as", 2, takes_arg=True), OptionSpec("replace")])
    name, coll = collection(session, opts)
    replace = bool(opts.get("replace"))
    word = opts["as"].strip().lower() if isinstance(opts.get("as"), str) else ""
    ext = os.path.splitext(path)[1].lower()
    own = _OWN.get(word) if word else ext if ext in _OWN.values() else None
    if own is not None:
        path = path if ext else path + own
        kind = own[1:]
    else:
        spec = f'"{path}", ' + (f"as({opts['as']}) " if word else "") + ("replace" if replace else "")
        path, kind, _ = export_spec(spec)
    if os.path.exists(path) and not replace:
        raise StataError(f"file {path} already exists", 602)
    tables = lay_out(coll)
    if kind in ("docx", "xls", "xlsx"):
        rows = collection_cells(tables, framed=kind != "docx")
        if kind == "docx":
            from mlmcli.fileformats.docx_table import docx_bytes
            data = docx_bytes(rows, coll.title, coll.notes)
        elif kind == "xls":
            from mlmcli.fileformats.xls_table import xls_bytes
            data = xls_bytes(rows)
        else:
            data = _xlsx_bytes(rows)
    else:
        render = render_text if kind in ("text", "pdf") else RENDERERS[kind]
        lines: list[str] = []
        for k, (heading, table) in enumerate(tables):
            lines += ([""] if k else []) + heading + render(table)
        data = _pdf_bytes(lines) if kind == "pdf" else ("\n".join(lines) + "\n").encode("utf-8")
    write_bytes_atomic(path, data, replace=replace)
    session.print(f"(collection {name} exported to file {path})")
