"""``putdocx``: a Word (.docx) document built paragraph by paragraph and table by table.

Stata 15+ ([RPT] putdocx)::

    putdocx begin [, pagesize(letter|legal|A3|A4|A5|B4|B5) landscape font(name[, size])]
    putdocx paragraph [, style(name) halign(left|right|center|justified|distribute) font()]
    putdocx text (exp) [, bold italic underline strikeout allcaps smallcaps linebreak
                          nformat(%fmt) font()]
    putdocx table name = (#rows, #cols) | matrix(name) | data(varlist) | etable[(numlist)]
                          [, title(string) note(string) nformat(%fmt) rownames colnames]
    putdocx save filename [, replace append]
    putdocx describe | clear

The document lives in memory (``session.settings["putdocx"]``) until ``save``, which writes
it and closes it, as Stata does.  ``table name = etable[(#...)]`` adds the coefficient table(s) shown last -- the
estimation's, or the margins table after margins -- built from the stored results (putdocx_etable).  Images, page breaks, headers and footers, sections and ``putdocx append`` are refused
(r(198)).
"""
from __future__ import annotations

import os
import re
import zipfile
from xml.sax.saxutils import escape


from mlmcli.commands.data.common import plain_path
from mlmcli.errors import StataError, invalid_syntax
from mlmcli.fileformats.safe_write import atomic_write
from mlmcli.syntax.options import OptionSpec, resolve_options, split_options

HELP = {"putdocx": "putdocx begin | paragraph [, style()] | text (exp) [, bold italic ...] | "
                   "table name = (r,c)|matrix(name)|data(varlist) [, title() note()] | save file [, replace] | "
                   "describe | clear"}

_STATE = "putdocx"
_BEGIN_OPTS = [OptionSpec("pagesize", takes_arg=True), OptionSpec("landscape"), OptionSpec("font", takes_arg=True)]
_PARA_OPTS = [OptionSpec("style", takes_arg=True), OptionSpec("halign", takes_arg=True),
              OptionSpec("font", takes_arg=True)]
_TEXT_OPTS = [OptionSpec(n) for n in ("bold", "italic", "underline", "strikeout", "allcaps", "smallcaps",
                                      "linebreak")] + [OptionSpec("nformat", takes_arg=True),
                                                       OptionSpec("font", takes_arg=True)]
_TABLE_OPTS = [OptionSpec("title", takes_arg=True), OptionSpec("note", takes_arg=True),
               OptionSpec("nformat", takes_arg=True), OptionSpec("rownames"), OptionSpec("colnames"),
               OptionSpec("varnames"), OptionSpec("obsno")]
_SAVE_OPTS = [OptionSpec("replace")]
_REFUSED = ("image", "pagebreak", "sectionbreak", "append", "textblock", "textfile", "pagenumber", "collect")


def cmd_putdocx(session, cmd) -> None:
    m = re.match(r"\s*([A-Za-z]*)(.*)$", cmd.args, re.S)
    verb, rest = m.group(1).lower(), m.group(2)
    if verb in _REFUSED:
        raise StataError(f"putdocx {verb} is not available in mlm", 198)
    handler = {"begin": _begin, "paragraph": _paragraph, "text": _text, "table": _table, "save": _save,
               "describe": _describe, "clear": _clear}.get(verb)
    if handler is None:
        raise StataError(f"putdocx: unknown subcommand {verb}" if verb else "invalid syntax", 198)
    handler(session, rest)


def _document(session) -> dict:
    doc = session.settings.get(_STATE)
    if doc is None:
        raise StataError("document not created; use putdocx begin", 198)
    return doc


def _begin(session, rest: str) -> None:
    body, options, _ = split_options(rest)
    if body.strip():
        raise invalid_syntax()
    if session.settings.get(_STATE) is not None:
        raise StataError("document already open in memory", 110)
    opts = resolve_options(options, _BEGIN_OPTS)
    session.settings[_STATE] = {"blocks": [], "landscape": bool(opts.get("landscape")),
                                "pagesize": str(opts.get("pagesize", "letter")).strip().lower()}


def _paragraph(session, rest: str) -> None:
    body, options, _ = split_options(rest)
    if body.strip():
        raise invalid_syntax()
    doc = _document(session)
    opts = resolve_options(options, _PARA_OPTS)
    style = str(opts.get("style", "")).strip()
    halign = str(opts.get("halign", "")).strip().lower()
    if halign and halign not in ("left", "right", "center", "justified", "distribute"):
        raise StataError("option halign() invalid", 198)
    doc["blocks"].append({"kind": "paragraph", "style": style, "halign": halign, "runs": []})


def _text(session, rest: str) -> None:
    body, options, _ = split_options(rest)
    body = body.strip()
    if not (body.startswith("(") and body.endswith(")")):
        raise invalid_syntax()
    doc = _document(session)
    if not doc["blocks"] or doc["blocks"][-1]["kind"] != "paragraph":
        raise StataError("no active paragraph; use putdocx paragraph", 198)
    opts = resolve_options(options, _TEXT_OPTS)
    from mlmcli.expr import evaluate_scalar
    value = evaluate_scalar(session, body[1:-1])
    doc["blocks"][-1]["runs"].append({"text": _as_text(value, opts.get("nformat")),
                                      **{k: bool(opts.get(k)) for k in ("bold", "italic", "underline",
                                                                         "strikeout", "allcaps", "smallcaps",
                                                                         "linebreak")}})


def _as_text(value, fmt) -> str:
    if isinstance(value, str):
        return value
    from mlmcli.render.numfmt import format_number, is_valid_format
    f = str(fmt).strip() if isinstance(fmt, str) else "%9.0g"
    if not is_valid_format(f):
        raise StataError("invalid format", 120)
    return format_number(value, f).strip()


# [RPT] putdocx table: at most 63 columns (Word's own limit) and 32,767 rows in a table
MAX_TABLE_ROWS, MAX_TABLE_COLUMNS = 32_767, 63


def _check_table_size(nrows: int, ncols: int) -> None:
    if nrows > MAX_TABLE_ROWS or ncols > MAX_TABLE_COLUMNS:
        raise StataError(f"a table may have at most {MAX_TABLE_ROWS:,} rows and {MAX_TABLE_COLUMNS} columns", 198)


def _table(session, rest: str) -> None:
    body, options, _ = split_options(rest)
    m = re.match(r"\s*([A-Za-z_]\w*)\s*=\s*(.+?)\s*$", body)
    if m is None:
        raise invalid_syntax()
    name, spec = m.group(1), m.group(2)
    doc = _document(session)
    opts = resolve_options(options, _TABLE_OPTS)
    fmt = str(opts["nformat"]).strip() if isinstance(opts.get("nformat"), str) else None
    word = re.match(r"([A-Za-z]+)", spec)
    kind = word.group(1).lower() if word else ""
    if kind == "etable":
        _etable(session, doc, name, spec[len("etable"):].strip(), fmt, opts)
        return
    if spec.startswith("("):
        dims = re.match(r"\(\s*(\d+)\s*,\s*(\d+)\s*\)$", spec)
        if dims is None:
            raise invalid_syntax()
        _check_table_size(int(dims.group(1)), int(dims.group(2)))  # before (2147483648, 3) is built
        rows = [["" for _ in range(int(dims.group(2)))] for _ in range(int(dims.group(1)))]
    elif kind == "matrix" and spec.endswith(")"):
        rows = _matrix_rows(session, spec[len(word.group(1)):].strip()[1:-1], fmt, opts)
    elif kind == "data" and spec.endswith(")"):
        rows = _data_rows(session, spec[len(word.group(1)):].strip()[1:-1], fmt, opts)
    else:
        raise invalid_syntax()
    if not rows or not rows[0]:
        raise StataError("table has no rows or columns", 198)
    _check_table_size(len(rows), max(len(r) for r in rows))
    names = [b["name"] for b in doc["blocks"] if b["kind"] == "table"]
    if name in names:
        raise StataError(f"table {name} already exists", 110)
    doc["blocks"].append({"kind": "table", "name": name, "rows": rows,
                          "title": _unquote(opts.get("title")), "note": _unquote(opts.get("note"))})


def _etable(session, doc: dict, name: str, which: str, fmt, opts) -> None:
    """``= etable[(#1 #2 ...)]``: the last estimation's coefficient table(s) (putdocx_etable);
    several are named name1, name2, ... as Stata names them."""
    from mlmcli.commands.data.putdocx_etable import etable_rows

    if which and not (which.startswith("(") and which.endswith(")")):
        raise invalid_syntax()
    for other in ("rownames", "colnames", "varnames", "obsno"):
        if opts.get(other):
            raise StataError(f"option {other} not allowed", 198)
    if fmt:
        _as_text(0.0, fmt)  # an invalid nformat(): r(120) before the document changes
    tables = etable_rows(session, which[1:-1] if which else "", fmt)
    names = [name] if len(tables) == 1 else [f"{name}{k}" for k in range(1, len(tables) + 1)]
    taken = {b["name"] for b in doc["blocks"] if b["kind"] == "table"}
    for n in names:
        if n in taken:
            raise StataError(f"table {n} already exists", 110)
    for n, rows in zip(names, tables):
        doc["blocks"].append({"kind": "table", "name": n, "rows": rows,
                              "title": _unquote(opts.get("title")), "note": _unquote(opts.get("note"))})


def _unquote(text) -> str:
    if not isinstance(text, str):
        return ""
    parts = re.findall(r'`"(.*?)"\'|"([^"]*)"|(\S+)', text)
    return "".join(a or b or c for a, b, c in parts)


def _matrix_rows(session, inner: str, fmt, opts) -> list[list[str]]:
    from mlmcli.expr.matrix_algebra import finish
    from mlmcli.expr.matrix_expression import evaluate_matrix
    mat = finish(evaluate_matrix(session, inner.strip()))
    cells = [[_as_text(float(v), fmt) if v == v else "." for v in line] for line in mat.values.tolist()]
    if opts.get("rownames"):
        cells = [[rn] + line for rn, line in zip(mat.rownames, cells)]
    if opts.get("colnames"):
        cells = [([""] if opts.get("rownames") else []) + list(mat.colnames)] + cells
    return cells


def _data_rows(session, inner: str, fmt, opts) -> list[list[str]]:
    ds = session.data
    names = ds.expand_varlist(inner)
    cols = []
    for n in names:
        if ds.is_string(n):
            cols.append([str(v) for v in ds.df[n].tolist()])
        else:
            f = fmt or ds.format_of(n)
            cols.append([_as_text(float(v), f) if v == v else "." for v in ds.numeric(n)])
    rows = [list(r) for r in zip(*cols)]
    if opts.get("obsno"):
        rows = [[str(i + 1)] + r for i, r in enumerate(rows)]
    if opts.get("varnames"):
        rows = [([""] if opts.get("obsno") else []) + list(names)] + rows
    return rows


def _describe(session, rest: str) -> None:
    if rest.strip():
        raise invalid_syntax()
    doc = _document(session)
    paragraphs = sum(b["kind"] == "paragraph" for b in doc["blocks"])
    tables = [b for b in doc["blocks"] if b["kind"] == "table"]
    session.print(f"  document in memory: {paragraphs} paragraph(s), {len(tables)} table(s)")
    for t in tables:
        session.print(f"    {t['name']}: {len(t['rows'])} x {max(sum(_span(c) for c in r) for r in t['rows'])}")


def _clear(session, rest: str) -> None:
    if rest.strip():
        raise invalid_syntax()
    session.settings.pop(_STATE, None)


def _save(session, rest: str) -> None:
    body, options, _ = split_options(rest)
    if not body.strip():
        raise invalid_syntax()
    doc = _document(session)
    opts = resolve_options(options, _SAVE_OPTS)
    path = plain_path(body, ".docx")
    # existing without replace r(602), read-only r(608), no folder r(603); a failed write leaves no half file
    atomic_write(path, lambda tmp: write_docx(tmp, doc), replace=bool(opts.get("replace")))
    session.settings.pop(_STATE, None)  # save closes the document
    session.print(f"successfully created \"{os.path.abspath(path)}\"")


# ----------------------------------------------------------------------------- the .docx package
_CONTENT_TYPES = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                  '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                  '<Default Extension="xml" ContentType="application/xml"/>'
                  '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
                  'officedocument.wordprocessingml.document.main+xml"/></Types>')
_RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
         '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
         '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
         'officeDocument" Target="word/document.xml"/></Relationships>')
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_PAGES = {"letter": (12240, 15840), "legal": (12240, 20160), "a3": (16838, 23811), "a4": (11906, 16838),
          "a5": (8391, 11906), "b4": (14170, 20015), "b5": (9979, 14170)}


def _run_xml(run: dict) -> str:
    props = "".join(tag for key, tag in (("bold", "<w:b/>"), ("italic", "<w:i/>"),
                                        ("underline", '<w:u w:val="single"/>'), ("strikeout", "<w:strike/>"),
                                        ("allcaps", "<w:caps/>"), ("smallcaps", "<w:smallCaps/>")) if run[key])
    text = f'<w:t xml:space="preserve">{escape(run["text"])}</w:t>' + ("<w:br/>" if run["linebreak"] else "")
    return f"<w:r>{f'<w:rPr>{props}</w:rPr>' if props else ''}{text}</w:r>"


def _paragraph_xml(text: str, style: str = "", halign: str = "", runs_xml: str | None = None) -> str:
    ppr = (f'<w:pStyle w:val="{escape(style)}"/>' if style else "") + (
        f'<w:jc w:val="{ {"justified": "both"}.get(halign, halign) }"/>' if halign else "")
    body = runs_xml if runs_xml is not None else (f'<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'
                                                 if text else "")
    return f"<w:p>{f'<w:pPr>{ppr}</w:pPr>' if ppr else ''}{body}</w:p>"


def _span(cell) -> int:
    return cell[1] if isinstance(cell, tuple) else 1


def _cell_xml(cell) -> str:
    """A cell: text, or (text, columns it spans) -- etable's interval heading spans two."""
    text, span = cell if isinstance(cell, tuple) else (cell, 1)
    props = f'<w:tcPr><w:gridSpan w:val="{span}"/></w:tcPr>' if span > 1 else ""
    return f"<w:tc>{props}{_paragraph_xml(text)}</w:tc>"


def _table_xml(block: dict) -> str:
    out = _paragraph_xml(block["title"]) if block["title"] else ""
    borders = "".join(f'<w:{s} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
                      for s in ("top", "bottom", "insideH"))
    width = max(sum(_span(c) for c in line) for line in block["rows"])
    rows = "".join("<w:tr>" + "".join(_cell_xml(c) for c in line)
                   + "<w:tc><w:p/></w:tc>" * (width - sum(_span(c) for c in line)) + "</w:tr>"
                   for line in block["rows"])
    out += f'<w:tbl><w:tblPr><w:tblBorders>{borders}</w:tblBorders></w:tblPr>{rows}</w:tbl>'
    return out + (_paragraph_xml(block["note"]) if block["note"] else "")


def write_docx(path: str, doc: dict) -> None:
    """The document's blocks as a minimal WordprocessingML package."""
    parts = []
    for block in doc["blocks"]:
        if block["kind"] == "paragraph":
            parts.append(_paragraph_xml("", block["style"], block["halign"],
                                        "".join(_run_xml(r) for r in block["runs"])))
        else:
            parts.append(_table_xml(block))
    width, height = _PAGES.get(doc["pagesize"], _PAGES["letter"])
    if doc["landscape"]:
        width, height = height, width
    sect = f'<w:sectPr><w:pgSz w:w="{width}" w:h="{height}"/></w:sectPr>'
    xml = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{_W}"><w:body>'
           + "".join(parts) + sect + "</w:body></w:document>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", _CONTENT_TYPES)
        z.writestr("_rels/.rels", _RELS)
        z.writestr("word/document.xml", xml)

