"""Data in and out: ``use``, ``save``, ``import delimited``/``insheet``,
``export delimited``, ``clear``."""
from __future__ import annotations

import csv
import dataclasses
import io
import os
import re
import tempfile

import numpy as np
import pandas as pd

from mlmcli.commands.data.common import (commas, dta_path, mark, plain_path, split_using,
                                         string_format, string_type_for, unquote)
from mlmcli.dataset import Dataset
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options
from mlmcli.syntax.varlist import NAME_RE, RESERVED_NAMES
from mlmcli.textscan import find_top

DATA_CHANGED = "no; dataset in memory has changed since last saved"


def _refuse_if_changed(session, clear: bool) -> None:
    if not clear and session.data.changed and not session.data.is_empty():
        raise StataError(DATA_CHANGED, 4)


# ----------------------------------------------------------------------------- use
def cmd_use(session, cmd) -> None:
    """``use file [, clear nolabel]`` or ``use varlist [if] [in] using file [, clear]``.

    The registry marks ``use`` raw: ``in 1/5 using file`` would otherwise read as a range."""
    from mlmcli.dta import read_dta
    cmd, file_text = _parse_use(cmd)
    opts = resolve_options(cmd.options, [OptionSpec("clear"), OptionSpec("nolabel", 5)])
    varlist_text = cmd.args
    if file_text is None:
        file_text, varlist_text = varlist_text, ""
    if not file_text:
        raise StataError("invalid file specification", 198)
    path = dta_path(file_text)
    if not os.path.exists(path):
        raise StataError(f"file {path} not found", 601)
    _refuse_if_changed(session, bool(opts.get("clear")))
    ds, _stamp = read_dta(path)
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
        _subset_columns(ds, names)
    ds.changed = False
    ds.filename = path
    if ds.label:
        session.print(f"({ds.label})")


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


def _subset_columns(ds: Dataset, names: list[str]) -> Dataset:
    ds.df = ds.df[names]
    for meta in (ds.types, ds.formats, ds.var_labels, ds.value_label_of):
        for k in list(meta):
            if k not in names:
                del meta[k]
    return ds


# ----------------------------------------------------------------------------- save
def cmd_save(session, cmd) -> None:
    """``save [file] [, replace]``: atomic write; refuses to overwrite without ``replace``."""
    from mlmcli.dta import write_dta
    opts = resolve_options(cmd.options, [OptionSpec("replace"), OptionSpec("emptyok")])
    text = cmd.args.strip()
    if not text:
        if not session.data.filename:
            raise StataError("invalid file specification", 198)
        path = session.data.filename
        if not opts.get("replace") and os.path.exists(path):
            raise StataError(f"file {path} already exists", 602)
    else:
        path = dta_path(text)
        if os.path.exists(path) and not opts.get("replace"):
            raise StataError(f"file {path} already exists", 602)
    if session.data.df.shape[1] == 0 and not opts.get("emptyok"):
        raise StataError("no variables defined", 111)
    write_dta(session.data, path)
    session.data.changed = False
    session.data.filename = path
    session.print(f"file {path} saved")


# ----------------------------------------------------------------------------- clear
def cmd_clear(session, cmd) -> None:
    """``clear`` drops the data and value labels; ``clear all`` also results and stored estimates."""
    what = cmd.args.strip()
    if what not in ("", "all", "results", "matrix", "mata", "programs", "ado", "*"):
        raise StataError("invalid syntax", 198)
    if what == "results":
        session.r = {}
        session.e = None
        return
    session.data = Dataset()
    if what in ("all", "*"):
        session.e = None
        session.estimates = {}
        session.r = {}
        session.scalars = {}
        session.preserved = None


# ----------------------------------------------------------------------------- import / insheet
_IMPORT_OPTS = [OptionSpec("clear"), OptionSpec("varnames", 7, takes_arg=True),
                OptionSpec("delimiters", 5, takes_arg=True), OptionSpec("case", takes_arg=True),
                OptionSpec("asdouble"), OptionSpec("encoding", takes_arg=True),
                OptionSpec("comma"), OptionSpec("tab"), OptionSpec("names"), OptionSpec("nonames"),
                OptionSpec("double")]


def cmd_import(session, cmd) -> None:
    """``import delimited [using] file [, clear varnames(1|nonames) delimiter(",") case()]``."""
    parts = cmd.args.split(None, 1)
    if not parts or not "delimited".startswith(parts[0]) or len(parts[0]) < 5:
        kind = parts[0] if parts else ""
        raise StataError(f"import: unknown subcommand {kind}" if kind else "invalid syntax", 198)
    rest = parts[1] if len(parts) > 1 else ""
    _, file_text = split_using(rest)
    file_text = file_text if file_text is not None else rest
    _import_delimited(session, cmd, file_text, insheet=False)


def cmd_insheet(session, cmd) -> None:
    """``insheet using file [, clear comma tab names nonames]`` (old name of import delimited)."""
    _, file_text = split_using(cmd.args)
    if file_text is None:
        raise StataError("using required", 100)
    _import_delimited(session, cmd, file_text, insheet=True)


def _import_delimited(session, cmd, file_text: str, insheet: bool) -> None:
    opts = resolve_options(cmd.options, _IMPORT_OPTS)
    path = plain_path(file_text, ".csv")
    if not os.path.exists(path):
        raise StataError(f"file {path} not found", 601)
    _refuse_if_changed(session, bool(opts.get("clear")))
    delim = None
    if opts.get("tab"):
        delim = "\t"
    elif opts.get("comma"):
        delim = ","
    elif isinstance(opts.get("delimiters"), str):
        d = unquote(opts["delimiters"])
        delim = "\t" if d in ("tab", "\\t") else d
    header = True
    vn = opts.get("varnames")
    if opts.get("nonames") or (isinstance(vn, str) and vn.strip() == "nonames"):
        header = False
    try:
        with open(path, newline="", encoding="utf-8-sig", errors="replace") as fh:
            text = fh.read()
    except OSError as exc:
        raise StataError(f"file {path} could not be opened", 603) from exc
    if delim is None:
        first = text.split("\n", 1)[0]
        delim = "\t" if first.count("\t") > first.count(",") else ","
    rows = list(csv.reader(io.StringIO(text), delimiter=delim))
    rows = [r for r in rows if any(cell.strip() for cell in r)]
    if not rows:
        session.data = Dataset()
        session.print("(0 vars, 0 obs)")
        return
    ncol = max(len(r) for r in rows)
    rows = [r + [""] * (ncol - len(r)) for r in rows]
    lower = not insheet and str(opts.get("case", "lower")).strip() not in ("preserve", "upper")
    names = _column_names(rows[0] if header else [], ncol, lower)
    body = rows[1:] if header else rows
    ds = Dataset()
    frame = {}
    for j, name in enumerate(names):
        cells = [r[j].strip() for r in body]
        values, vtype = _column_values(cells, bool(opts.get("asdouble") or opts.get("double")))
        frame[name] = values
        ds.types[name] = vtype
        if vtype.startswith("str"):
            ds.formats[name] = string_format(vtype)
        if header and rows[0][j].strip() and rows[0][j].strip() != name:
            ds.var_labels[name] = rows[0][j].strip()
    ds.df = pd.DataFrame(frame, columns=names)
    ds.changed = True  # never saved as a dataset: `use` must not discard it silently
    session.data = ds
    session.print(f"({len(names)} var{'s' if len(names) != 1 else ''}, {commas(len(body))} ob{'s' if len(body) != 1 else ''})")


def _column_names(header: list[str], ncol: int, lower: bool) -> list[str]:
    names: list[str] = []
    for j in range(ncol):
        raw = header[j].strip() if j < len(header) else ""
        name = "".join(ch if (ch.isalnum() or ch == "_") and ch.isascii() else "_" for ch in raw)[:32]
        if lower:
            name = name.lower()
        if name and name[0].isdigit():
            name = ("_" + name)[:32]
        if not name or not NAME_RE.match(name) or name in names or name in RESERVED_NAMES:
            name = f"v{j + 1}"
        names.append(name)
    return names


_NUMBER_TEXT = re.compile(r"^\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*$")
_MAX_DOUBLE = 8.988465674311579e307  # Stata's largest double; beyond it is missing


def _column_values(cells: list[str], asdouble: bool):
    """Numeric when every non-empty cell parses as a number (``.`` and empty = missing)."""
    numeric = []
    for c in cells:
        if c in ("", ".", "NA"):
            numeric.append(np.nan)
            continue
        try:
            if not _NUMBER_TEXT.match(c):  # Python's float() also takes inf, nan, 1_000
                raise ValueError(c)
            v = float(c)
            numeric.append(v if abs(v) <= _MAX_DOUBLE else np.nan)  # 1e400: missing, as in Stata
        except ValueError:
            text = np.empty(len(cells), dtype=object)
            text[:] = cells
            return pd.Series(text), string_type_for(cells)
    arr = np.array(numeric, dtype=float)
    finite = arr[~np.isnan(arr)]
    if finite.size and np.all(finite == np.trunc(finite)):
        for t, (lo, hi) in (("byte", (-127, 100)), ("int", (-32767, 32740)), ("long", (-2147483647, 2147483620))):
            if finite.min() >= lo and finite.max() <= hi:
                return pd.Series(arr), t
        return pd.Series(arr), "double"
    if not finite.size:
        return pd.Series(arr), "byte"
    if asdouble:
        return pd.Series(arr), "double"
    return pd.Series(arr.astype(np.float32).astype(float)), "float"


# ----------------------------------------------------------------------------- export
def cmd_export(session, cmd) -> None:
    """``export delimited [varlist] using file [, replace delimiter() novarnames nolabel]``."""
    parts = cmd.args.split(None, 1)
    if not parts or not "delimited".startswith(parts[0]) or len(parts[0]) < 5:
        raise StataError("invalid syntax", 198)
    rest = parts[1] if len(parts) > 1 else ""
    varlist_text, file_text = split_using(rest)
    if file_text is None:
        file_text, varlist_text = varlist_text, ""
    opts = resolve_options(cmd.options, [OptionSpec("replace"), OptionSpec("delimiter", 5, takes_arg=True),
                                       OptionSpec("novarnames"), OptionSpec("nolabel")])
    path = plain_path(file_text, ".csv")
    if os.path.exists(path) and not opts.get("replace"):
        raise StataError(f"file {path} already exists", 602)
    ds = session.data
    names = ds.expand_varlist(varlist_text) if varlist_text else ds.varnames
    rows = mark(session, cmd) if (cmd.if_exp or cmd.in_range) else np.ones(ds.nobs, dtype=bool)
    delim = ","
    if isinstance(opts.get("delimiter"), str):
        d = unquote(opts["delimiter"])
        delim = "\t" if d in ("tab", "\\t") else d
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delim, lineterminator="\n")
    if not opts.get("novarnames"):
        writer.writerow(names)
    columns = [_export_cells(ds, n, not opts.get("nolabel")) for n in names]
    for i in np.flatnonzero(rows):
        writer.writerow([col[i] for col in columns])
    folder = os.path.dirname(os.path.abspath(path))
    try:
        fd, tmp = tempfile.mkstemp(prefix=".mlm-export-", dir=folder)
    except OSError:
        raise StataError(f"file {path} could not be opened", 603) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(buf.getvalue())
        from mlmcli.dta import chmod_like_new_file
        chmod_like_new_file(tmp)
        os.replace(tmp, path)
    except OSError as exc:
        if os.path.exists(tmp):
            os.remove(tmp)
        raise StataError(f"file {path} could not be opened", 603) from exc
    session.print(f"file {path} saved")


def _export_cells(ds: Dataset, name: str, labels: bool) -> list[str]:
    if ds.is_string(name):
        return [str(v) for v in ds.df[name].tolist()]
    out = []
    labmap = ds.value_labels.get(ds.value_label_of.get(name, ""), {}) if labels else {}
    single = ds.types.get(name) == "float"  # write floats at float precision: 0.1, not 0.10000000149
    for v in ds.df[name].to_numpy(dtype=float, na_value=np.nan):
        if np.isnan(v):
            out.append("")
        elif v in labmap:
            out.append(labmap[v])
        elif v == int(v) and abs(v) < 1e15:
            out.append(str(int(v)))
        else:
            out.append(str(np.float32(v)) if single and np.isfinite(np.float32(v)) else repr(float(v)))
    return out
