"""``xmlsave`` and ``xmluse`` ([D] xmlsave): the data as an XML document, Stata's ``dta``
(the default) or Excel's SpreadsheetML (``doctype(excel)``), and back; ``.xml`` assumed.
Never written over an existing file without replace; xmluse leaves the data alone unless it
reads the whole file (and clear when they changed).  ``dtd``, ``legible``'s opposite and
xmluse's cells(), datestring, allstring, missing and nocompress are refused."""
from __future__ import annotations

import os

from mlmcli.commands.data.common import plain_path, refuse_if_changed, split_using, unquote
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options

_REFUSED_SAVE = ("dtd",)
_REFUSED_USE = ("cells", "datestring", "allstring", "missing", "nocompress")


def _doctype(opts: dict) -> str:
    kind = unquote(opts.get("doctype", "dta")).strip().lower()
    if kind not in ("dta", "excel"):
        raise StataError(f"doctype({kind}) invalid; dta or excel", 198)
    return kind


def cmd_xmlsave(session, cmd) -> None:
    from mlmcli.commands.data.outfile import export_selection
    from mlmcli.fileformats.safe_write import write_bytes_atomic
    from mlmcli.fileformats.xml_data import dta_document, excel_document

    opts = resolve_options(cmd.options, [OptionSpec("doctype", 3, True), OptionSpec("replace", 7),
                                         OptionSpec("legible", 3), OptionSpec("dtd", 3)])
    for name in _REFUSED_SAVE:
        if opts.get(name):
            raise StataError(f"option {name} is not supported by mlmcli", 198)
    varlist, using = split_using(cmd.args)
    if using is None:
        varlist, using = "", varlist
    replace = bool(opts.get("replace"))
    ds, names, path, rows = export_selection(session, cmd, varlist, using, ".xml", replace)
    make = excel_document if _doctype(opts) == "excel" else dta_document
    write_bytes_atomic(path, make(ds, names, rows), replace=replace)


def cmd_xmluse(session, cmd) -> None:
    from mlmcli.fileformats.xml_data import document_kind, parse, read_dta_document, read_excel_document

    opts = resolve_options(cmd.options, [OptionSpec("doctype", 3, True), OptionSpec("clear", 5),
                                         OptionSpec("sheet", 5, True), OptionSpec("firstrow", 5),
                                         *(OptionSpec(n, 3, n == "cells") for n in _REFUSED_USE)])
    for name in _REFUSED_USE:
        if opts.get(name):
            raise StataError(f"option {name}{'()' if name == 'cells' else ''} is not supported by mlmcli", 198)
    path = plain_path(cmd.args, ".xml")
    refuse_if_changed(session, bool(opts.get("clear")))
    if not os.path.isfile(path):
        raise StataError(f"file {path} not found", 601)
    with open(path, "rb") as fh:
        root = parse(fh.read())
    kind = _doctype(opts) if "doctype" in opts else document_kind(root)
    if document_kind(root) != kind or not kind:
        raise StataError(f"file {path} is not an XML document of doctype {kind or 'dta or excel'}", 610)
    if kind == "excel":
        sheet = unquote(opts["sheet"]) if "sheet" in opts else None
        ds = read_excel_document(root, sheet, bool(opts.get("firstrow")))
    else:
        ds = read_dta_document(root)
    ds.filename = os.path.abspath(path)
    ds.changed = False
    session.data = ds
