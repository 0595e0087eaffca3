"""Data in and out: ``use``, ``save``, ``import delimited``/``insheet``,
``export delimited``, ``clear``."""
from __future__ import annotations

import dataclasses
import os

import numpy as np

from mlmcli.commands.data.lazy import HELP as LAZY_HELP
from mlmcli.commands.data.common import (commas, download, dta_path, dta_save_path, export_file_words, keep_columns,
                                         mark, plain_path, refuse_if_changed, split_using, unquote, web_address,
                                         web_messages, without_value_labels)
from mlmcli.dataset import Dataset
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options
from mlmcli.textscan import find_top


HELP = {
    "use": "use file [, clear nolabel] : load a Stata dataset (or .sav/.sas7bdat/.xpt/.parquet)\n\n" + LAZY_HELP,
    "import": "import delimited [namelist using] file [, clear varnames() delimiters() case() asdouble lazy]\n\n" + LAZY_HELP,
}


# ----------------------------------------------------------------------------- use
def cmd_use(session, cmd) -> None:
    """``use file [, clear nolabel]`` or ``use varlist [if] [in] using file [, clear]``.

    The registry marks ``use`` raw: ``in 1/5 using file`` would otherwise read as a range."""
    from mlmcli.commands.data.foreign_files import FOREIGN_USE_EXTENSIONS
    from mlmcli.dta import read_dta
    cmd, file_text = _parse_use(cmd)
    opts = resolve_options(cmd.options, [OptionSpec("clear"), OptionSpec("nolabel", 5), OptionSpec("lazy"),
                                         OptionSpec("replace", 7)])
    if opts.get("replace"):
        # undocumented, but Stata's own joinby.ado and marginsplot.ado load with `use ..., replace`
        # over changed data (after preserve), so Stata's use takes it as clear
        opts["clear"] = True
    varlist_text = cmd.args
    if file_text is None:
        file_text, varlist_text = varlist_text, ""
    if not file_text:
        raise StataError("invalid file specification", 198)
    url = web_address(file_text, ".dta")
    if url is not None:  # `use http://...`: downloaded into the cache, then read from there
        refuse_if_changed(session, bool(opts.get("clear")))
        file_text = '"' + download(session, url) + '"'
    plain = unquote(file_text).lower()
    if opts.get("lazy") or (plain.endswith((".parquet", ".pq")) and not _written_by_mlm(unquote(file_text))):
        # a Parquet file from elsewhere reads through DuckDB (the same types as `use, lazy`);
        # one mlm wrote (export parquet) through pyarrow below, its labels and formats kept
        refuse_if_changed(session, bool(opts.get("clear")))
        from mlmcli.commands.data.lazy import use_parquet
        with web_messages(url, unquote(file_text)):
            use_parquet(session, cmd, unquote(file_text), varlist_text, bool(opts.get("lazy")))
        if url is not None:
            session.data.filename = url
        return
    path = dta_path(file_text)
    if not os.path.exists(path):
        raise StataError(f"file {path} not found", 601)
    refuse_if_changed(session, bool(opts.get("clear")))
    foreign = path.lower().endswith(FOREIGN_USE_EXTENSIONS)
    with web_messages(url, path):
        if foreign:  # .sav/.sas7bdat/.xpt/.parquet: read as import would (labels kept)
            from mlmcli.fileformats.dispatch import read_dataset
            ds = read_dataset(path)
        else:
            ds, stamp = read_dta(path)
            ds.timestamp = stamp.strip()
    path = None if foreign else (url or path)
    names = ds.expand_varlist(varlist_text) if varlist_text else None
    if opts.get("nolabel"):
        ds.value_label_of.clear()
        ds.value_labels.clear()
    old = session.data
    session.data = ds
    if cmd.if_exp or cmd.in_range:
        try:
            keep = mark(session, cmd)
        except StataError:
            session.data = old
            raise
        ds.df = ds.df[keep].reset_index(drop=True)
    if names is not None:
        keep_columns(ds, names)
    ds.changed = False
    ds.filename = path
    if ds.label:
        session.print(f"({ds.label})")


def _written_by_mlm(path: str) -> bool:
    from mlmcli.fileformats.parquet import has_stata_metadata

    return has_stata_metadata(os.path.expanduser(path))


def _parse_use(cmd):
    """Split a raw ``use`` tail at its top-level ``using``: (the parsed varlist/if/in/options
    side as an ``ast.Command``, the file text or None)."""
    from mlmcli.parser import parse_arguments

    text = cmd.args
    at = _top_level_word(text, "using")
    if at is None:
        return dataclasses.replace(parse_arguments(text, "use"), prefixes=cmd.prefixes), None
    before, after = text[:at], text[at + len("using"):]
    comma = find_top(after, ",", brackets="([")
    file_text = (after if comma < 0 else after[:comma]).strip()
    options = "" if comma < 0 else after[comma:]
    return dataclasses.replace(parse_arguments(before + options, "use"), prefixes=cmd.prefixes), file_text


def _top_level_word(text: str, word: str) -> int | None:
    """Start of ``word`` standing alone (space/quote delimited) outside quotes and brackets."""
    at = find_top(text, word, brackets="([")
    while at >= 0:
        end = at + len(word)
        if (at == 0 or text[at - 1].isspace()) and (end == len(text) or text[end].isspace()
                                                    or text[end] == '"'):
            return at
        at = find_top(text, word, at + 1, brackets="([")  # a top-level index: resume there
    return None


# ----------------------------------------------------------------------------- save
def cmd_save(session, cmd) -> None:
    """``save [file] [, replace nolabel orphans emptyok]``: atomic write; refuses to overwrite
    without ``replace``.  (mlm keeps value labels attached to no variable in every save, so
    ``orphans`` asks for what happens anyway; ``all``'s e(sample) is not kept.)"""
    from mlmcli.dta import write_dta
    opts = resolve_options(cmd.options, [OptionSpec("replace"), OptionSpec("emptyok"), OptionSpec("nolabel", 5),
                                         OptionSpec("orphans"), OptionSpec("all")])
    if opts.get("all"):
        raise StataError("option all not allowed: mlm keeps no e(sample) in saved files", 198)
    text = cmd.args.strip()
    if not text:
        if not session.data.filename:
            raise StataError("invalid file specification", 198)
        path = session.data.filename
        if web_address(path, "") is not None:  # the data came from `use http://...`
            raise StataError("may not write to web file", 633)
        if not opts.get("replace") and os.path.exists(path):
            raise StataError(f"file {path} already exists", 602)
    else:
        path = dta_save_path(text, bool(opts.get("replace")))
    if session.data.df.shape[1] == 0 and not opts.get("emptyok"):
        raise StataError("no variables defined", 111)
    if write_dta(without_value_labels(session.data) if opts.get("nolabel") else session.data, path) == 118:
        session.print("(note: text with characters Stata 13 cannot store; file saved in Stata 14 format)")
    session.data.changed = False
    session.data.filename = path
    session.data.timestamp = ""  # describe shows the saved file's time
    session.print(f"file {path} saved")


# ----------------------------------------------------------------------------- clear
def cmd_clear(session, cmd) -> None:
    """``clear`` drops the data and value labels; ``clear all`` also results, stored estimates and
    every frame; ``clear frames`` the frames only."""
    what = cmd.args.strip()
    if what not in ("", "all", "results", "matrix", "mata", "programs", "ado", "frames", "*"):
        raise StataError("invalid syntax", 198)
    if what == "frames":  # Stata 16: every frame dropped, one empty frame named default left
        from mlmcli.frame_store import reset
        reset(session)
        return
    if what == "results":
        session.r = {}
        session.e = None
        return
    if what == "matrix":  # Stata's `clear matrix` drops the matrices only
        session.matrices = {}
        return
    if what == "programs":  # the programs only; the data stay
        session.programs = {}
        session.ado_programs = {}
        return
    if what == "ado":  # [D] clear: the programs loaded automatically from ado-files only
        from mlmcli.commands.program.ado_files import drop_auto_loaded
        drop_auto_loaded(session)
        return
    if what == "mata":  # Mata's variables only; the data stay
        session.mata.clear()
        return
    session.data = Dataset()
    if what in ("all", "*"):
        from mlmcli.frame_store import reset
        reset(session)  # [D] clear: clear all drops every frame and leaves default current
        session.mata.clear()
        session.matrices = {}
        session.e = None
        session.estimates = {}
        session.r = {}
        session.scalars = {}
        session.constraints = {}
        session.preserved = None
        from mlmcli.commands.program.file_command import close_all
        close_all(session)  # [D] clear: clear all closes the files file opened
        _clear_all_rest(session)


def _clear_all_rest(session) -> None:
    """The rest of clear all's list in [D] clear (clear.sthlp, Stata 16): postutil clear,
    _return drop _all, program drop _all, timer clear, putdocx clear."""
    from mlmcli.commands.data.post import cmd_postutil
    from mlmcli.parser import parse_command

    cmd_postutil(session, parse_command("postutil clear"))
    session.return_holds = {}
    session.programs = {}
    session.ado_programs = {}
    session.program_classes = {}
    session.program_options = {}
    session.__dict__.pop("_timers", None)  # timer.py keeps them there
    session.settings.pop("putdocx", None)  # putdocx.py's document in memory


# ----------------------------------------------------------------------------- import / insheet
_IMPORT_OPTS = [OptionSpec("clear"), OptionSpec("varnames", 7, takes_arg=True),
                OptionSpec("delimiters", 5, takes_arg=True), OptionSpec("case", takes_arg=True),
                OptionSpec("asdouble"), OptionSpec("encoding", takes_arg=True),
                OptionSpec("comma"), OptionSpec("tab"), OptionSpec("names"), OptionSpec("nonames"),
                OptionSpec("double"), OptionSpec("lazy"), OptionSpec("numericcols", 8, takes_arg=True),
                OptionSpec("stringcols", 7, takes_arg=True), OptionSpec("rowrange", takes_arg=True),
                OptionSpec("colrange", takes_arg=True)]


def _forced_columns(opts: dict, name: str):
    """numericcols()/stringcols(): ``_all`` or a numlist of (1-based) column numbers."""
    text = opts.get(name)
    if not isinstance(text, str):
        return None
    if text.strip() == "_all":
        return "all"
    from mlmcli.syntax.numlist import numlist
    try:
        cols = [float(v) for v in numlist(text)]
    except StataError:
        raise StataError(f"option {name}() invalid", 198) from None
    if not cols or any(c != int(c) or c < 1 for c in cols):
        raise StataError(f"option {name}() invalid", 198)
    return {int(c) for c in cols}


def _line_range(opts: dict, name: str) -> tuple[int, int | None]:
    """rowrange()/colrange(): ``[start][:end]`` -> (start, end or None), 1-based, inclusive."""
    text = opts.get(name)
    if text is None or text is True:
        return 1, None
    start, colon, end = unquote(str(text)).strip().partition(":")
    try:
        first = int(start) if start.strip() else 1
        last = int(end) if end.strip() else None
    except ValueError:
        raise StataError(f"option {name}() invalid", 198) from None
    if first < 1 or (last is not None and last < first) or (not colon and not start.strip()):
        raise StataError(f"option {name}() invalid", 198)
    return first, last


def cmd_import(session, cmd) -> None:
    """``import delimited [using] file [, clear varnames(1|nonames) delimiter(",") case()]``,
    ``import excel [using] file [, sheet() cellrange() firstrow case() allstring clear describe]``,
    ``import spss|sas|parquet [varlist] using file [, clear ...]`` (commands/data/foreign_files.py)."""
    parts = cmd.args.split(None, 1)
    kind = parts[0] if parts else ""
    rest = parts[1] if len(parts) > 1 else ""
    names_text, file_text = split_using(rest)
    names = (names_text or "").split() if file_text is not None else []
    file_text = file_text if file_text is not None else rest
    if len(kind) >= 5 and "delimited".startswith(kind):
        return _import_delimited(session, cmd, file_text, insheet=False, names=names)
    if kind == "excel":
        if names:  # extvarlist (columns named by cell letters) was read past before
            raise StataError("import excel extvarlist is not supported by mlm; use cellrange()", 198)
        return _import_excel(session, cmd, file_text)
    if kind in ("spss", "sas", "parquet"):
        from mlmcli.commands.data.foreign_files import import_foreign
        return import_foreign(session, cmd, kind, rest)
    raise StataError(f"import: unknown subcommand {kind}" if kind else "invalid syntax", 198)


_EXCEL_OPTS = [OptionSpec("sheet", takes_arg=True), OptionSpec("cellrange", takes_arg=True),
               OptionSpec("firstrow", 5), OptionSpec("case", takes_arg=True), OptionSpec("allstring"),
               OptionSpec("clear"), OptionSpec("describe")]


def _import_excel(session, cmd, file_text: str) -> None:
    """import excel through ``fileformats.excel`` (the workbook may be at a URL)."""
    from mlmcli.fileformats.excel import describe_excel, describe_text, read_excel
    opts = resolve_options(cmd.options, _EXCEL_OPTS)
    file_text = file_text.strip()
    if not file_text:
        raise StataError("invalid file specification", 198)
    url = web_address(file_text, ".xlsx")
    if url is not None:
        if not opts.get("describe"):
            refuse_if_changed(session, bool(opts.get("clear")))
        file_text = download(session, url)
    path = plain_path(file_text, ".xlsx")
    if not os.path.exists(path) and not os.path.splitext(unquote(file_text))[1] and os.path.exists(path[:-1]):
        path = path[:-1]  # f means f.xlsx, else f.xls
    if not os.path.exists(path):
        raise StataError(f"file {url or path} not found", 601)
    if opts.get("describe"):
        with web_messages(url, path):
            sheets = describe_excel(path)
        session.print(describe_text(sheets))
        r = {"N_worksheet": len(sheets)}
        for k, sh in enumerate(sheets, 1):
            r[f"worksheet_{k}"], r[f"range_{k}"] = sh.sheet, sh.range
        session.set_r(r)
        return
    case = unquote(opts["case"]).lower() if isinstance(opts.get("case"), str) else "preserve"
    if case not in ("preserve", "lower", "upper"):
        raise StataError("option case() invalid", 198)
    refuse_if_changed(session, bool(opts.get("clear")))
    with web_messages(url, path):
        ds = read_excel(path, sheet=unquote(opts["sheet"]) if isinstance(opts.get("sheet"), str) else None,
                        cellrange=unquote(opts["cellrange"]) if isinstance(opts.get("cellrange"), str) else None,
                        firstrow=bool(opts.get("firstrow")), case=case, allstring=bool(opts.get("allstring")))
    session.data = ds


def cmd_insheet(session, cmd) -> None:
    """``insheet using file [, clear comma tab names nonames]`` (old name of import delimited)."""
    _, file_text = split_using(cmd.args)
    if file_text is None:
        raise StataError("using required", 100)
    _import_delimited(session, cmd, file_text, insheet=True)


def _import_delimited(session, cmd, file_text: str, insheet: bool, names=()) -> None:
    opts = resolve_options(cmd.options, _IMPORT_OPTS)
    _check_namelist(names)
    url = web_address(file_text, ".csv")
    if url is not None:
        refuse_if_changed(session, bool(opts.get("clear")))
        file_text = download(session, url)
    path = plain_path(file_text, ".csv")
    if not os.path.exists(path):
        raise StataError(f"file {path} not found", 601)
    refuse_if_changed(session, bool(opts.get("clear")))
    delim = None
    if opts.get("tab"):
        delim = "\t"
    elif opts.get("comma"):
        delim = ","
    elif isinstance(opts.get("delimiters"), str):
        d = unquote(opts["delimiters"])
        delim = "\t" if d in ("tab", "\\t") else d
    vn = opts.get("varnames")
    header = None if opts.get("nonames") or (isinstance(vn, str) and vn.strip() == "nonames") else (
        int(vn) if isinstance(vn, str) and vn.strip().isdecimal() and int(vn) > 0 else 1)
    case = "preserve" if insheet else (unquote(str(opts["case"])) if isinstance(opts.get("case"), str) else "lower")
    encoding = unquote(opts["encoding"]) if isinstance(opts.get("encoding"), str) else None
    asdouble = bool(opts.get("asdouble") or opts.get("double"))
    numeric_cols, string_cols = _forced_columns(opts, "numericcols"), _forced_columns(opts, "stringcols")
    if insheet and (numeric_cols or string_cols):
        raise StataError(f"option {'numericcols' if numeric_cols else 'stringcols'}() not allowed", 198)
    ranged = [name for name in ("rowrange", "colrange") if opts.get(name) is not None]
    if insheet and ranged:
        raise StataError(f"option {ranged[0]}() not allowed", 198)
    row_range, col_range = _line_range(opts, "rowrange"), _line_range(opts, "colrange")
    from mlmcli.fileformats.delimited import column_names, read_delimited
    if opts.get("lazy"):
        if names:
            raise StataError("a namelist may not be combined with lazy", 198)
        if numeric_cols or string_cols or ranged:
            raise StataError(f"options {' and '.join(o + '()' for o in ranged) or 'numericcols() and stringcols()'}"
                             " may not be combined with lazy", 198)
        if encoding is not None:
            raise StataError("options encoding() and lazy may not be combined", 198)
        from mlmcli.commands.data.lazy import import_csv_lazily
        return import_csv_lazily(session, path, delim, header is not None, asdouble,
                                 lambda head, ncol: column_names(head, ncol, case))
    with web_messages(url, path):
        ds = read_delimited(path, delimiter=delim, varnames=header, case=case, encoding=encoding,
                            asdouble=asdouble, numeric_cols=numeric_cols, string_cols=string_cols,
                            row_range=row_range, col_range=col_range)
    _apply_namelist(ds, names)
    session.data = ds
    nvar, nobs = len(ds.varnames), ds.nobs
    session.print(f"({nvar} var{'s' if nvar != 1 else ''}, {commas(nobs)} ob{'s' if nobs != 1 else ''})")


def _check_namelist(names) -> None:
    """``import delimited namelist using file``: new, distinct names (checked before reading)."""
    from types import SimpleNamespace

    from mlmcli.syntax.varlist import check_new_name
    seen: list[str] = []
    for name in names:
        check_new_name(SimpleNamespace(varnames=seen), name)
        seen.append(name)


def _apply_namelist(ds, names) -> None:
    """The namelist names the file's first columns, in order (more names than columns: r(198))."""
    if not names:
        return
    if len(names) > len(ds.varnames):
        raise StataError(f"too many variable names specified; the file has {len(ds.varnames)} columns", 198)
    pairs = dict(zip(ds.varnames, names))
    clash = sorted(set(names) & (set(ds.varnames) - set(pairs)))
    if clash:
        raise StataError(f"variable {clash[0]} already defined", 110)
    ds.rename_variables(pairs)


# ----------------------------------------------------------------------------- export
def cmd_export(session, cmd) -> None:
    """``export delimited [varlist] using file [, replace delimiter() novarnames nolabel datafmt quote]``;
    ``export excel|parquet|spss`` are in commands/data/foreign_files.py."""
    parts = cmd.args.split(None, 1)
    rest = parts[1] if len(parts) > 1 else ""
    if parts and parts[0] == "excel":
        from mlmcli.commands.data.foreign_files import export_excel
        return export_excel(session, cmd, rest)
    if parts and parts[0] in ("parquet", "spss"):
        from mlmcli.commands.data.foreign_files import export_file
        return export_file(session, cmd, parts[0], rest)
    if not parts or not "delimited".startswith(parts[0]) or len(parts[0]) < 5:
        raise StataError(f"export: unknown subcommand {parts[0]}" if parts else "invalid syntax", 198)
    opts = resolve_options(cmd.options, [OptionSpec("replace"), OptionSpec("delimiter", 5, takes_arg=True),
                                       OptionSpec("novarnames", 5), OptionSpec("nolabel", 5),
                                       OptionSpec("datafmt", 5), OptionSpec("quote", 1)])
    delim = ","
    if isinstance(opts.get("delimiter"), str):
        d = unquote(opts["delimiter"])
        delim = "\t" if d in ("tab", "\\t") else d
        if len(delim) != 1:  # export_delimited.ado: one character or tab
            raise StataError(f"{d} invalid character in delimiter() option", 198)
    export_file_words(session, rest)
    path = _write_text(session, cmd, rest, ".csv", delimiter=delim, varnames=not opts.get("novarnames"),
                       labels=not opts.get("nolabel"), replace=bool(opts.get("replace")),
                       datafmt=bool(opts.get("datafmt")), quote="strings" if opts.get("quote") else "auto")
    session.print(f"file {path} saved")


def cmd_outsheet(session, cmd) -> None:
    """``outsheet [varlist] using file [if] [in] [, comma delimiter() nonames nolabel noquote replace]``:
    Stata 12's writer (tab-separated by default, strings always quoted, numbers and dates in their
    display formats as outfile writes them, ``.out`` assumed); silent."""
    opts = resolve_options(cmd.options, [OptionSpec("comma", 1), OptionSpec("delimiter", 5, takes_arg=True),
                                       OptionSpec("nonames", 3), OptionSpec("nolabel", 3),
                                       OptionSpec("noquote", 3), OptionSpec("replace")])
    delim = "," if opts.get("comma") else "\t"
    if isinstance(opts.get("delimiter"), str):
        delim = unquote(opts["delimiter"])
        if len(delim) != 1:
            raise StataError(f"delimiter({opts['delimiter']}) invalid: one character expected", 198)
    if split_using(cmd.args)[1] is None and not _ends_in_using(cmd.args):
        raise StataError("using required", 100)
    _write_text(session, cmd, cmd.args, ".out", delimiter=delim, varnames=not opts.get("nonames"),
                labels=not opts.get("nolabel"), replace=bool(opts.get("replace")), datafmt=True,
                quote="never" if opts.get("noquote") else "strings")


def _ends_in_using(text: str) -> bool:
    """``outsheet x using`` with no file name after ``using``."""
    return text.split()[-1:] == ["using"]


def _write_text(session, cmd, rest: str, extension: str, **options) -> str:
    """The shared body of ``export delimited`` and ``outsheet``: varlist, using, if/in, r(602);
    returns the file's path."""
    if _ends_in_using(rest):
        raise StataError("invalid file specification", 198)
    varlist_text, file_text = split_using(rest)
    if file_text is None:
        file_text, varlist_text = varlist_text, ""
    if not file_text:
        raise StataError("using required", 100)
    path = plain_path(file_text, extension)
    if os.path.exists(path) and not options.get("replace"):
        raise StataError(f"file {path} already exists", 602)
    ds = session.data
    names = ds.expand_varlist(varlist_text) if varlist_text else ds.varnames
    rows = mark(session, cmd) if (cmd.if_exp or cmd.in_range) else np.ones(ds.nobs, dtype=bool)
    from mlmcli.fileformats.delimited import write_delimited
    write_delimited(ds, path, names=names, rows=rows, **options)
    return path
