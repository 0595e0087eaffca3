"""``collect`` ([TABLES] collect): the follow-ups of Stata 17's ``table`` on the collection
it leaves (``mlmcli.commands.data.table_collect``):

- ``collect preview [, name(cname)]``: the table again;
- ``collect export filename [, as(fmt) name(cname) replace]``: .md .html .tex .txt .xlsx,
  written as etable's export() writes, and .docx (``mlmcli.fileformats.docx_table``); the
  other formats are refused by name;
- ``collect style cell [result[stats]] , nformat(%fmt) sformat(sfmt)``: the cells' formats;
- ``collect label levels result stat "label" [stat "label" ...] [, name(cname)]``;
- ``collect title "text"``, ``collect notes "text"`` (a note more; alone: no notes), shown
  above and below the table (placement inferred);
- ``collect clear``.

Every other subcommand, ``collect:`` prefix and style option is refused by name (r(198)).
"""
from __future__ import annotations

import os
import re

from mlmcli.commands.data.common import unquote
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options, split_options
from mlmcli.textscan import split_words

_NAME = OptionSpec("name", takes_arg=True)


def _collection(session, opts: dict):
    name = unquote(opts["name"].strip()) if isinstance(opts.get("name"), str) else session.collections.get("_current")
    if name is None or name not in session.collections:
        hint = "" if name else ("; mlm's table makes one only in Stata 17's syntax, such as "
                                "table (rowvar) (colvar) or table rowvar, statistic(frequency)")
        raise StataError(f"collection {name or 'Table'} not found{hint}", 111)
    return name, session.collections[name]


def _preview(session, body: str, opts_text) -> None:
    from mlmcli.commands.data.table_collect import show
    if body.strip():
        raise StataError(f"invalid '{body.split()[0]}'", 198)
    opts = resolve_options(opts_text, [_NAME])
    show(session, _collection(session, opts)[1])


def _export(session, body: str, opts_text) -> None:
    from mlmcli.commands.data.table_collect import assemble
    from mlmcli.commands.postestimation.etable import export_spec, export_table
    path = unquote(body.strip())
    if not path:
        raise StataError("filename required", 100)
    opts = resolve_options(opts_text, [_NAME, OptionSpec("as", 2, takes_arg=True), OptionSpec("replace")])
    name, collection = _collection(session, opts)
    word = opts["as"].strip().lower() if isinstance(opts.get("as"), str) else ""
    if word in ("docx", "word") or not word and path.lower().endswith(".docx"):
        return _export_docx(session, assemble(collection), path, bool(opts.get("replace")), name)
    spec = f'"{path}", ' + (f"as({opts['as']}) " if isinstance(opts.get("as"), str) else "")
    spec += "replace" if opts.get("replace") else ""
    target, kind, replace = export_spec(spec)
    export_table(session, assemble(collection), target, kind, replace, collection=name)


def _export_docx(session, table, path: str, replace: bool, name: str) -> None:
    from mlmcli.fileformats.docx_table import docx_bytes
    from mlmcli.fileformats.safe_write import write_bytes_atomic
    from mlmcli.render.collected_table import flat_cells
    if not path.lower().endswith(".docx"):
        path += ".docx"
    if os.path.exists(path) and not replace:
        raise StataError(f"file {path} already exists", 602)
    header, body = flat_cells(table)
    write_bytes_atomic(path, docx_bytes([header] + body, table.title, table.notes), replace=replace)
    session.print(f"(collection {name} exported to file {path})")


def _style(session, body: str, opts_text) -> None:
    from mlmcli.commands.data.table_collect import parse_formats, restyled
    words = body.split(None, 1)
    if not words or words[0].lower() != "cell":
        raise StataError(f"collect style {words[0] if words else ''} is not available in mlm", 198)
    raw = resolve_options(opts_text, [OptionSpec("nformat", 2, takes_arg=True),
                                      OptionSpec("sformat", 2, takes_arg=True), _NAME], allow_unknown=True)
    for key in raw:
        if key not in ("nformat", "sformat", "name"):
            raise StataError(f"collect style cell option {key}() is not available in mlm", 198)
    name, collection = _collection(session, raw)
    stats: set[str] = {c[0] for _, _, cells in collection.rows if cells for c in cells if c is not None}
    where = words[1].strip() if len(words) > 1 else ""
    if where:
        m = re.fullmatch(r"result\[([^\]]*)\]", where)
        if m is None:
            raise StataError(f"collect style cell {where}: only result[...] tags are available in mlm", 198)
        stats = set(m.group(1).split())
    formats = parse_formats([f"{raw['nformat']} {' '.join(sorted(stats))}"], stats, "nformat") if "nformat" in raw else {}
    sformats = parse_formats([f"{raw['sformat']} {' '.join(sorted(stats))}"], stats, "sformat") if "sformat" in raw else {}
    session.collections[name] = restyled(collection, formats, sformats)


def _label(session, body: str, opts_text) -> None:
    from dataclasses import replace

    from mlmcli.commands.data.table_collect import TITLES, PERCENTILE, statistic_title
    words = split_words(body)
    if len(words) < 2 or words[0].lower() != "levels":
        raise StataError(f"collect label {words[0] if words else ''} is not available in mlm", 198)
    if words[1].lower() != "result":
        raise StataError(f"collect label levels {words[1]}: only dimension result is available in mlm", 198)
    pairs = words[2:]
    if not pairs or len(pairs) % 2:
        raise StataError("collect label levels: a label is required for each level", 198)
    opts = resolve_options(opts_text, [_NAME, OptionSpec("modify")])
    name, collection = _collection(session, opts)
    relabel = {}
    for level, label in zip(pairs[::2], pairs[1::2]):
        if level not in TITLES and not PERCENTILE.match(level):
            raise StataError(f"level {level} of dimension result not found", 111)
        relabel[statistic_title(level)] = unquote(label)
    rows = [(relabel.get(label, label), indent, cells) for label, indent, cells in collection.rows]
    columns = tuple(relabel.get(c, c) for c in collection.columns)
    session.collections[name] = replace(collection, rows=rows, columns=columns)


def _title_or_note(session, body: str, opts_text, kind: str) -> None:
    from dataclasses import replace
    words = split_words(body)
    if len(words) > 1:
        raise StataError(f"collect {kind}: one quoted text expected", 198)
    opts = resolve_options(opts_text, [_NAME])
    name, collection = _collection(session, opts)
    text = unquote(words[0]) if words else ""
    if kind == "title":
        session.collections[name] = replace(collection, title=text)
    else:  # collect notes "text" adds a note; collect notes alone removes them
        session.collections[name] = replace(collection, notes=collection.notes + (text,) if text else ())


def cmd_collect(session, cmd) -> None:
    text = cmd.args.strip()
    m = re.match(r"(\w*)(.*)\Z", text, re.S)
    sub, rest = m.group(1).lower(), m.group(2)
    if not sub or rest.lstrip().startswith(":"):
        raise StataError("the collect: prefix is not available in mlm; use table, etable or dtable", 198)
    body, options, _ = split_options(rest)
    if sub == "clear":
        session.collections.clear()
        return
    if sub in ("title", "notes"):
        return _title_or_note(session, body, options, sub)
    handlers = {"preview": (_preview, 4), "export": (_export, 3), "style": (_style, 3), "label": (_label, 3)}
    for word, (handler, least) in handlers.items():
        if len(sub) >= least and word.startswith(sub):
            return handler(session, body, options)
    raise StataError(f"collect {sub} is not available in mlm", 198)
