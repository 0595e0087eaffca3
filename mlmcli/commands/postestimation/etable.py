"""``etable`` (Stata 17's table of estimation results, [R] etable) and the ``export()``
both it and ``dtable`` take.  The table is built by ``mlmcli.estimation.etable`` and written
by ``mlmcli.render.collected_table``; docs/etable.md says what was read from which source
and what is inferred.

Options honoured: ``estimates()``, ``cstat()`` (``_r_b _r_se _r_z _r_p _r_ci _r_lb _r_ub``,
with ``nformat()``), ``mstat()`` (with ``nformat()``, ``label()``), ``showstars``,
``showstarsnote``, ``stars()``, ``column()``, ``varlabel``/``novarlabel``, ``keep()``,
``drop()``, ``title()``, ``export()``, ``append`` (the active or named results as new columns
of the last etable, shown with its options; with no etable since the last ``collect clear``
it is an error, mlm's wording).  Every other option is refused (r(198)).
"""
from __future__ import annotations

import os

from mlmcli.commands.data.common import unquote
from mlmcli.errors import StataError
from mlmcli.estimation import active as estimates
from mlmcli.syntax.abbreviation import abbreviates
from mlmcli.syntax.options import OptionSpec, resolve_options, split_options
from mlmcli.textscan import find_top, split_words

# export(): file format by as() or by the file's extension
EXPORT_FORMATS = {".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html", ".tex": "tex",
                  ".txt": "text", ".log": "text", ".xlsx": "xlsx"}
_AS = [("markdown", 8, "markdown"), ("md", 2, "markdown"), ("html", 4, "html"), ("latex", 5, "tex"),
       ("tex", 3, "tex"), ("txt", 3, "text"), ("xlsx", 4, "xlsx")]
_EXTENSIONS = {"markdown": ".md", "html": ".html", "tex": ".tex", "text": ".txt", "xlsx": ".xlsx"}
_REFUSED_FORMATS = (".docx", ".xls", ".pdf", ".smcl", ".sthlp")


def reject_stray_comma(text: str) -> None:
    """Stata's syntax parser on a second comma (``etable, estimates(a b), showstars``)."""
    first = find_top(text, ",", brackets="(")
    if first < 0:
        return
    second = find_top(text[first + 1:], ",", brackets="(")
    if second >= 0:
        after = text[first + 1 + second + 1:].split()
        raise StataError(f"invalid '{after[0] if after else ','}'", 198)


def export_spec(text: str) -> tuple[str, str, bool]:
    """``export(filename [, as(fileformat) replace])`` -> (path, format, replace)."""
    body, options, _ = split_options(text)
    path = unquote(body.strip())
    if not path:
        raise StataError("export(): filename required", 198)
    opts = resolve_options(options, [OptionSpec("as", 2, takes_arg=True), OptionSpec("replace", 3)])
    ext = os.path.splitext(path)[1].lower()
    if isinstance(opts.get("as"), str):
        word = opts["as"].strip().lower()
        kind = next((k for n, m, k in _AS if abbreviates(word, n, m)), None)
        if kind is None:
            if word in ("docx", "xls", "pdf", "smcl", "sthlp", "word", "excel"):
                raise StataError(f"export as({word}) is not available in mlm; use markdown, html, latex, txt or xlsx",
                                 198)
            raise StataError(f"as({word}) invalid", 198)
        if not ext:
            path += _EXTENSIONS[kind]
    else:
        if ext in _REFUSED_FORMATS:
            raise StataError(f"export to {ext} files is not available in mlm; use .md, .html, .tex, .txt or .xlsx", 198)
        if ext not in EXPORT_FORMATS:
            raise StataError(f"file extension {ext or '(none)'} not recognized; specify option as()", 198)
        kind = EXPORT_FORMATS[ext]
    return path, kind, bool(opts.get("replace"))


def show_table(session, table, export: tuple | None) -> None:
    """A collected table printed after a blank line, then written to ``export`` (the
    ``export_spec`` of export(), or None)."""
    from mlmcli.render.collected_table import render_text

    session.print("")
    for line in render_text(table):
        session.print(line)
    if export is not None:
        export_table(session, table, *export)


def export_table(session, table, path: str, kind: str, replace: bool, collection: str | None = None) -> None:
    """The table to ``path`` in format ``kind``; an existing file only with ``replace``
    (``collection``: the name the message gives; etable's and dtable's by default)."""
    from mlmcli.fileformats.safe_write import write_bytes_atomic
    from mlmcli.render.collected_table import RENDERERS

    if os.path.exists(path) and not replace:
        raise StataError(f"file {path} already exists", 602)
    data = _xlsx_bytes(table) if kind == "xlsx" else ("\n".join(RENDERERS[kind](table)) + "\n").encode("utf-8")
    write_bytes_atomic(path, data, replace=replace)
    if collection is None:
        collection = "DTable" if getattr(table, "columns", ()) == ("Summary",) else "ETable"
    session.print(f"(collection {collection} exported to file {path})")


def _xlsx_bytes(table) -> bytes:
    """A workbook with one sheet: the table's cells as text, the title above, the notes below."""
    import io

    from openpyxl import Workbook

    from mlmcli.render.collected_table import flat_cells

    header, body = flat_cells(table)
    book = Workbook()
    sheet = book.active
    sheet.title = "Table"
    for row in ([[table.title]] if table.title else []) + [header] + body + [[n] for n in table.notes]:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


_COLUMNS = [("depvar", 3, "depvar"), ("dvlabel", 3, "dvlabel"), ("command", 3, "command"), ("title", 3, "title"),
            ("estimates", 3, "estimates"), ("index", 3, "index")]
SPECS = [OptionSpec("estimates", 3, takes_arg=True), OptionSpec("cstat", 5, takes_arg=True, repeatable=True),
         OptionSpec("mstat", 5, takes_arg=True, repeatable=True), OptionSpec("showstars"),
         OptionSpec("showstarsnote"), OptionSpec("stars", 5, takes_arg=True), OptionSpec("column", 3, takes_arg=True),
         OptionSpec("varlabel", 6), OptionSpec("novarlabel", 8), OptionSpec("keep", 4, takes_arg=True),
         OptionSpec("drop", 4, takes_arg=True), OptionSpec("title", 5, takes_arg=True),
         OptionSpec("export", 6, takes_arg=True), OptionSpec("append", 6)]
# with append: the earlier table's options stay; these may be given again
_APPEND_OPTIONS = ("append", "estimates", "export")


def _cstat(text: str, default_fmts: dict) -> tuple[str, str]:
    from mlmcli.render.numfmt import is_valid_format

    body, options, _ = split_options(text)
    name = body.strip()
    if name not in default_fmts:
        raise StataError(f"cstat({name}) invalid; mlm's etable knows {' '.join(default_fmts)}", 198)
    opts = resolve_options(options, [OptionSpec("nformat", 2, takes_arg=True)])
    fmt = (opts.get("nformat") or default_fmts[name]).strip()
    if not is_valid_format(fmt):
        raise StataError(f"invalid numeric format '{fmt}'", 120)
    return name, fmt


def _mstat(text: str) -> tuple[str, str, str]:
    from mlmcli.estimation.etable import MSTAT_LABELS
    from mlmcli.render.numfmt import is_valid_format

    body, options, _ = split_options(text)
    name = body.strip()
    if not name or len(name.split()) != 1:
        raise StataError("mstat() invalid", 198)
    opts = resolve_options(options, [OptionSpec("nformat", 2, takes_arg=True), OptionSpec("label", 3, takes_arg=True)])
    fmt = (opts.get("nformat") or ("%9.0g" if name == "N" else "%9.3f")).strip()
    if not is_valid_format(fmt):
        raise StataError(f"invalid numeric format '{fmt}'", 120)
    label = unquote(opts["label"]) if isinstance(opts.get("label"), str) else MSTAT_LABELS.get(name, name)
    return name, label, fmt


def _stars(text: str) -> list:
    body, options, _ = split_options(text)
    opts = resolve_options(options, [OptionSpec("attach", 3, takes_arg=True)])
    if isinstance(opts.get("attach"), str) and opts["attach"].strip() != "_r_b":
        raise StataError("stars(): mlm attaches stars to _r_b only", 198)
    words = split_words(body)
    if not words or len(words) % 2:
        raise StataError("stars() invalid", 198)
    out = []
    for level, symbol in zip(words[::2], words[1::2]):
        try:
            value = float(level)
        except ValueError:
            raise StataError(f"'{level}' found where number expected", 7) from None
        if not 0 < value < 1:
            raise StataError("stars(): levels must be between 0 and 1", 198)
        out.append((value, unquote(symbol), level))
    return out


def cmd_etable(session, cmd) -> None:
    from mlmcli.estimation.etable import CSTAT_FORMATS, EtableSpec, build_etable

    reject_stray_comma(cmd.args)
    body, options, _ = split_options(cmd.args)
    if body.strip():
        raise StataError("varlist not allowed", 101)
    opts = resolve_options(options, SPECS)
    if opts.get("append"):
        return _append(session, opts)
    if opts.get("varlabel") and opts.get("novarlabel"):
        raise StataError("options varlabel and novarlabel may not be combined", 198)
    spec = EtableSpec(varlabel=not opts.get("novarlabel"), showstars=bool(opts.get("showstars")),
                      starsnote=bool(opts.get("showstarsnote")))
    if opts.get("cstat"):
        spec.cstats = [_cstat(t, CSTAT_FORMATS) for t in opts["cstat"]]
    if opts.get("mstat"):
        spec.mstats = [_mstat(t) for t in opts["mstat"]]
    if isinstance(opts.get("stars"), str):
        spec.stars = _stars(opts["stars"])
    if isinstance(opts.get("column"), str):
        word = opts["column"].strip()
        spec.column = next((k for n, m, k in _COLUMNS if abbreviates(word, n, m)), "")
        if not spec.column:
            raise StataError(f"column({word}) invalid", 198)
    spec.keep = [unquote(w) for w in split_words(opts.get("keep") or "")]
    spec.drop = [unquote(w) for w in split_words(opts.get("drop") or "")]
    if isinstance(opts.get("title"), str):
        spec.title = unquote(opts["title"])
    export = export_spec(opts["export"]) if isinstance(opts.get("export"), str) else None
    models = _models(session, opts)
    table = build_etable(session, models, spec)
    session.etable_columns = (models, spec)
    show_table(session, table, export)


def _models(session, opts) -> list:
    """(column name, results) of estimates() or of the active results."""
    names = estimates.expand_names(session, split_words(opts.get("estimates") or ".")) if opts.get("estimates") \
        else ["."]
    models = []
    for n in names:
        e = estimates.lookup(session, n)
        models.append((n if n != "." else (estimates.active_name(session) or "Active"), e))
    return models


def _append(session, opts) -> None:
    """``etable, append [estimates()]``: the last table with the new columns after its own."""
    from mlmcli.estimation.etable import build_etable

    other = [k for k, v in opts.items() if v and k not in _APPEND_OPTIONS]
    if other:
        raise StataError(f"option {other[0]} not allowed with append", 198)
    if session.etable_columns is None:
        raise StataError("collection ETable not found", 111)
    models, spec = session.etable_columns
    models = models + _models(session, opts)
    table = build_etable(session, models, spec)
    session.etable_columns = (models, spec)
    show_table(session, table, export_spec(opts["export"]) if isinstance(opts.get("export"), str) else None)
