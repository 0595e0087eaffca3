"""Files in formats other than Stata's and delimited text: ``import spss``/``import sas``
(Stata 16's syntax), ``import parquet``, ``export excel``, ``export parquet``, ``export spss``
(beyond Stata), ``use`` of .sav/.sas7bdat/.xpt/.parquet files, and ``saveold``.

The readers and writers live in ``mlmcli.fileformats``; this module parses the commands,
checks ``clear``/``replace`` and assigns ``session.data`` only after a reader returned, so a
failed read leaves the data in memory as they were."""
from __future__ import annotations

import os

import numpy as np

from mlmcli.commands.data.common import (commas, export_file_words, keep_columns, mark, plain_path, refuse_if_changed,
                                         split_using, unquote, without_value_labels)
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options


# extensions `use` opens through pyreadstat/pyarrow (the data arrive as an import would bring them)
FOREIGN_USE_EXTENSIONS = (".sav", ".zsav", ".por", ".sas7bdat", ".xpt", ".xport", ".parquet", ".pq")


def _text_option(opts: dict, name: str) -> str | None:
    value = opts.get(name)
    return unquote(value.strip()) if isinstance(value, str) else None


def _case_option(opts: dict) -> str:
    case = (_text_option(opts, "case") or "preserve").lower()
    if case not in ("preserve", "lower", "upper"):
        raise StataError("option case() invalid", 198)
    return case


def _varlist_and_file(rest: str) -> tuple[list[str] | None, str]:
    """``[varlist] using file`` or ``[using] file`` -> (names or None, file text)."""
    varlist_text, file_text = split_using(rest)
    if file_text is None:
        file_text, varlist_text = varlist_text, ""
    file_text = file_text.strip()
    if not file_text:
        raise StataError("invalid file specification", 198)
    names = varlist_text.split() if varlist_text else None
    return names, file_text


def _announce(session, ds) -> None:
    nvar, nobs = len(ds.varnames), ds.nobs
    session.print(f"({nvar} var{'s' if nvar != 1 else ''}, {commas(nobs)} ob{'s' if nobs != 1 else ''})")


# ----------------------------------------------------------------------------- import
_IMPORT_FOREIGN_OPTS = {
    "spss": [OptionSpec("clear"), OptionSpec("encoding", takes_arg=True), OptionSpec("case", takes_arg=True)],
    "sas": [OptionSpec("clear"), OptionSpec("encoding", takes_arg=True), OptionSpec("bcat", takes_arg=True),
            OptionSpec("case", takes_arg=True)],
    "parquet": [OptionSpec("clear"), OptionSpec("case", takes_arg=True)],
}
_DEFAULT_EXT = {"spss": ".sav", "sas": ".sas7bdat", "parquet": ".parquet"}


def import_foreign(session, cmd, kind: str, rest: str) -> None:
    """``import spss|sas|parquet [varlist] using file [, clear encoding() bcat() case()]``
    (``import spss file`` without ``using`` too, as Stata 16 allows)."""
    opts = resolve_options(cmd.options, _IMPORT_FOREIGN_OPTS[kind])
    wanted, file_text = _varlist_and_file(rest)
    path = plain_path(file_text, _DEFAULT_EXT[kind])
    if not os.path.exists(path):
        raise StataError(f"file {path} not found", 601)
    case = _case_option(opts)
    if kind == "parquet" and case != "preserve":
        raise StataError("option case() not allowed with import parquet", 198)
    refuse_if_changed(session, bool(opts.get("clear")))
    ds = _read(kind, path, wanted, encoding=_text_option(opts, "encoding"),
               catalog=_text_option(opts, "bcat"), case=case)
    session.data = ds
    _announce(session, ds)


def _read(kind: str, path: str, wanted: list[str] | None, *, encoding=None, catalog=None, case="preserve"):
    if kind == "spss":
        from mlmcli.fileformats.spss_sas import read_spss
        return _with_columns(lambda cols: read_spss(path, columns=cols, encoding=encoding, case=case), wanted)
    if kind == "sas":
        from mlmcli.fileformats.spss_sas import read_sas
        return _with_columns(lambda cols: read_sas(path, columns=cols, encoding=encoding, catalog=catalog,
                                                   case=case), wanted)
    from mlmcli.fileformats.parquet import read_parquet
    return _with_columns(lambda cols: read_parquet(path, columns=cols), wanted)


def _with_columns(read, wanted: list[str] | None):
    """Read all columns, then keep ``wanted`` (names checked against the file's own, so an
    unknown name is r(111) and abbreviations follow Stata's varlist rules)."""
    ds = read(None)
    if wanted is None:
        return ds
    return keep_columns(ds, ds.expand_varlist(" ".join(wanted)))


# ----------------------------------------------------------------------------- export
_EXPORT_EXCEL_OPTS = [OptionSpec("sheet", takes_arg=True), OptionSpec("cell", takes_arg=True),
                      OptionSpec("firstrow", takes_arg=True), OptionSpec("nolabel"), OptionSpec("replace"),
                      OptionSpec("sheetmodify"), OptionSpec("sheetreplace"), OptionSpec("missing", takes_arg=True),
                      OptionSpec("datestring", takes_arg=True), OptionSpec("locale", takes_arg=True)]


def _export_rows(session, cmd, names_text: str):
    ds = session.data
    names = ds.expand_varlist(names_text) if names_text else list(ds.varnames)
    names = list(dict.fromkeys(names))  # `t t`: one column, as the data `keep t t' leaves
    rows = mark(session, cmd) if (cmd.if_exp or cmd.in_range) else np.ones(ds.nobs, dtype=bool)
    return names, rows


def export_excel(session, cmd, rest: str) -> None:
    """``export excel [varlist] using file [if] [in] [, sheet("name"[, modify|replace]) cell()
    firstrow(variables|varlabels) nolabel replace sheetmodify sheetreplace missing() datestring()]``."""
    opts = resolve_options(cmd.options, _EXPORT_EXCEL_OPTS)
    if "locale" in opts:
        raise StataError("option locale() not allowed: mlm writes .xlsx workbooks in UTF-8", 198)
    datestring = _text_option(opts, "datestring")
    if datestring is not None:
        from mlmcli.fileformats.delimited import is_datetime_format
        if not datestring.startswith("%") or not is_datetime_format(datestring):
            raise StataError(f"datestring({datestring}) invalid: a datetime display format such as %td "
                             "or %tcCCYY-NN-DD_HH:MM is expected", 198)
    export_file_words(session, rest)
    varlist_text, file_text = split_using(rest)
    if file_text is None:
        file_text, varlist_text = varlist_text, ""
    path = plain_path(file_text, ".xlsx")
    sheet, modify, replace_sheet = _sheet_option(_text_option(opts, "sheet") if "sheet" in opts else None)
    firstrow = _text_option(opts, "firstrow")
    if firstrow is not None:
        firstrow = firstrow.lower()
        firstrow = {"var": "variables", "variables": "variables", "varl": "varlabels",
                    "varlabels": "varlabels"}.get(firstrow, firstrow)
    names, rows = _export_rows(session, cmd, varlist_text)
    from mlmcli.fileformats.excel import write_excel

    write_excel(session.data, path, names=names, rows=rows, sheet=sheet, cell=_text_option(opts, "cell") or "A1",
                firstrow=firstrow, labels=not opts.get("nolabel"), missing=_text_option(opts, "missing"),
                replace=bool(opts.get("replace")), sheetmodify=bool(opts.get("sheetmodify") or modify),
                sheetreplace=bool(opts.get("sheetreplace") or replace_sheet), datestring=datestring)
    session.print(f"file {path} saved")


def _sheet_option(text: str | None) -> tuple[str | None, bool, bool]:
    """``sheet("name")`` or Stata 14's ``sheet("name", modify|replace)``."""
    if text is None:
        return None, False, False
    name, _, how = text.partition(",")
    name, how = unquote(name.strip()), how.strip().lower()
    if not name:
        raise StataError("sheet() requires a worksheet name", 198)
    if how not in ("", "modify", "replace"):
        raise StataError(f"sheet(): option {how} not allowed", 198)
    return name, how == "modify", how == "replace"


def export_file(session, cmd, kind: str, rest: str) -> None:
    """``export parquet|spss [varlist] using file [if] [in] [, replace]``."""
    opts = resolve_options(cmd.options, [OptionSpec("replace")])
    export_file_words(session, rest)  # as export delimited and export excel read their words
    varlist_text, file_text = split_using(rest)
    if file_text is None:
        file_text, varlist_text = varlist_text, ""
    path = plain_path(file_text, ".parquet" if kind == "parquet" else ".sav")
    names, rows = _export_rows(session, cmd, varlist_text)
    if kind == "parquet":
        from mlmcli.fileformats.parquet import write_parquet

        write_parquet(session.data, path, replace=bool(opts.get("replace")), names=names, rows=rows)
    else:
        from mlmcli.fileformats.spss_sas import write_spss

        ds = session.data
        if len(names) != len(ds.varnames) or not rows.all():
            ds = ds.copy()
            ds.df = ds.df.loc[rows].reset_index(drop=True)
            keep_columns(ds, names)
        write_spss(ds, path, replace=bool(opts.get("replace")))
    session.print(f"file {path} saved")


# ----------------------------------------------------------------------------- saveold
def cmd_saveold(session, cmd) -> None:
    """``saveold file [, replace version(#) nolabel]``: a .dta an older Stata opens (Stata 13's
    saveold writes release 115, Stata 12's format; ``version(11|12|13)`` as Stata 14 has it)."""
    from mlmcli.commands.data.common import dta_save_path
    from mlmcli.fileformats.dta_write import SAVEOLD_RELEASE, release_for_stata_version, save_dta

    opts = resolve_options(cmd.options, [OptionSpec("replace"), OptionSpec("version", takes_arg=True),
                                       OptionSpec("nolabel", 5), OptionSpec("all")])
    if opts.get("all"):
        raise StataError("option all not allowed: mlm keeps no e(sample) in saved files", 198)
    text = cmd.args.strip()
    if not text:
        raise StataError("invalid file specification", 198)
    path = dta_save_path(text, bool(opts.get("replace")))
    release = SAVEOLD_RELEASE
    if "version" in opts:
        try:
            version = int(str(opts["version"]).strip())
        except ValueError:
            raise StataError("option version() invalid", 198) from None
        release = release_for_stata_version(version)
    ds = session.data
    if ds.df.shape[1] == 0:
        raise StataError("no variables defined", 111)
    if opts.get("nolabel"):
        ds = without_value_labels(ds)
    save_dta(ds, path, replace=bool(opts.get("replace")), version=release)
    session.print(f"file {path} saved")
