"""Looking at data: ``describe``, ``list``, ``count``."""
from __future__ import annotations

import datetime as _dt
import os
import re

import numpy as np

from mlmcli.characteristics import DTA, char_key, has_notes
from mlmcli.commands.data.common import commas, mark, storage_bytes, value_text
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, integer_option, resolve_options
from mlmcli.render.data_list import render_describe_footer, render_describe_header, render_describe_table, render_list
from mlmcli.results.data import (DescribeFooter, DescribeHeader, DescribeRow, DescribeTable, ListColumn,
                                 ListTable)


# ----------------------------------------------------------------------------- describe
def cmd_describe(session, cmd) -> None:
    """``describe [varlist] [, short simple fullnames]``; ``describe using file``."""
    from mlmcli.commands.data.common import dta_path, split_using
    opts = resolve_options(cmd.options, [OptionSpec("short", 1), OptionSpec("simple"),
                                       OptionSpec("fullnames", 4)])
    varlist_text, file_text = split_using(cmd.args)
    ds = session.data
    source = ds.filename or None
    stamp = ds.timestamp or _file_stamp(ds.filename)
    if file_text is not None:
        from mlmcli.dta import read_dta
        path = dta_path(file_text)
        if not os.path.exists(path):
            raise StataError(f"file {path} not found", 601)
        ds, written = read_dta(path)
        source, stamp = path, written.strip() or _file_stamp(path)
    names = ds.expand_varlist(varlist_text) if varlist_text else ds.varnames
    if opts.get("simple"):
        session.print("  ".join(names))
        return
    rows = [DescribeRow(n, ds.types.get(n, "float"), ds.format_of(n), ds.value_label_of.get(n, ""),
                        ds.var_labels.get(n, ""), has_notes(ds.chars, n)) for n in names]
    session.set_r({"N": ds.nobs, "k": len(ds.varnames), "width": _width(ds),
                   "changed": int(bool(ds.changed))})
    if varlist_text:
        session.print("")
        session.print(render_describe_table(DescribeTable(tuple(rows), with_header_rule=False,
                                                          fullnames=bool(opts.get("fullnames"))),
                                            linesize=session.linesize))
        return
    size = _width(ds) * ds.nobs
    session.print(render_describe_header(DescribeHeader(source if file_text is not None or ds.filename else None,
                                                        ds.nobs, len(ds.varnames), size, ds.label, stamp,
                                                        has_notes(ds.chars, DTA))))
    changed = bool(ds.changed and file_text is None)
    if opts.get("short"):
        session.print(render_describe_footer(DescribeFooter(ds.sortedby, changed, rule=False),
                                             linesize=session.linesize))
        return
    session.print(render_describe_table(DescribeTable(tuple(rows), fullnames=bool(opts.get("fullnames"))),
                                        linesize=session.linesize))
    session.print(render_describe_footer(DescribeFooter(ds.sortedby, changed), linesize=session.linesize))


def _width(ds) -> int:
    return sum(storage_bytes(ds.types.get(n, "float")) for n in ds.varnames)


def _file_stamp(path: str | None) -> str:
    if not path or not os.path.exists(path):
        return ""
    t = _dt.datetime.fromtimestamp(os.path.getmtime(path))
    return f"{t.day:2d} {t:%b %Y %H:%M}".strip()


# ----------------------------------------------------------------------------- list
_LIST_OPTS = [OptionSpec("noobs"), OptionSpec("clean"), OptionSpec("separator", 3, takes_arg=True),
              OptionSpec("nolabel"), OptionSpec("table", 3), OptionSpec("noheader", 5),
              OptionSpec("header", 6), OptionSpec("abbreviate", 2, takes_arg=True),
              OptionSpec("string", 3, takes_arg=True), OptionSpec("compress", 4),
              OptionSpec("sepby", takes_arg=True), OptionSpec("fast"), OptionSpec("nocompress", 6),
              OptionSpec("nodisplay", 3),  # clist's [no]d:isplay (unique.ado lists with it): table format
              OptionSpec("divider", 3), OptionSpec("subvarname")]


# list's options mlm does not have (name, shortest abbreviation): refused by name
_LIST_MISSING = (("mean", 2), ("sum", 3), ("N", 1), ("labvar", 6), ("constant", 3), ("notrim", 4),
                 ("absolute", 8), ("nodotz", 6), ("linesize", 4), ("fvall", 5))


def _refuse_missing_list_options(cmd) -> None:
    for opt in cmd.options:
        for name, least in _LIST_MISSING:
            if len(opt.name) >= least and name.startswith(opt.name):
                raise StataError(f"list: option {name} is not available in mlm", 198)


def cmd_list(session, cmd) -> None:
    """``list [varlist] [if] [in] [, noobs clean separator(#) nolabel noheader divider subvarname]``
    (``subvarname``: a variable's ``char var[varname]`` heads its column)."""
    _refuse_missing_list_options(cmd)
    if getattr(session.data, "lazy", False):  # only the listed rows are read from DuckDB
        from mlmcli.commands.data.lazy import lazy_list_rows
        fetched = lazy_list_rows(session, cmd, _LIST_OPTS)
        if fetched is not None:
            return list_rows(session, *fetched)
    opts = resolve_options(cmd.options, _LIST_OPTS)
    ds = session.data
    names = ds.expand_varlist(cmd.args) if cmd.args.strip() else ds.varnames
    rows = mark(session, cmd)
    by_mask = getattr(session, "by_mask", None)
    base = np.flatnonzero(np.asarray(by_mask, dtype=bool)) if by_mask is not None else np.arange(ds.nobs)
    position = {int(r): i + 1 for i, r in enumerate(base)}
    idx = np.flatnonzero(rows)
    list_rows(session, ds, names, idx, [position[int(i)] for i in idx], len(base), opts)


def list_rows(session, ds, names: list[str], idx: np.ndarray, positions: list[int], nobs: int, opts: dict) -> None:
    """Print rows ``idx`` of ``ds`` as observations number ``positions`` of ``nobs``."""
    if idx.size == 0 or not names:
        return
    sep = integer_option(opts, "separator", 5)
    breaks: set[int] = set()
    if isinstance(opts.get("sepby"), str):
        if not isinstance(opts.get("separator"), str):
            sep = 0
        for v in ds.expand_varlist(opts["sepby"]):
            col = ds.df[v].to_numpy(dtype=object)[idx]
            breaks |= {k for k in range(1, len(col)) if not _same(col[k], col[k - 1])}
    abbrev_to = integer_option(opts, "abbreviate", 8, minimum=1)
    string_to = integer_option(opts, "string", None, minimum=1)
    labels = not opts.get("nolabel")
    # nocompress (fast is its synonym): columns as wide as the display formats, not the values
    widen = bool(opts.get("nocompress") or opts.get("fast")) and not opts.get("compress")
    columns = []
    for n in names:
        values = ds.numeric(n) if "." in n else ds.df[n].to_numpy()  # L.y: operated values
        fmt = ds.format_of(n)
        if ds.is_string(n):
            cells = [str(values[i])[:string_to] if string_to else str(values[i]) for i in idx]
            left = fmt.startswith("%-")
        else:
            num = ds.numeric(n)
            cells = [value_text(ds, n, float(num[i]), labels=labels) for i in idx]
            left = False
        # the data in memory's chars (on lazy data ds holds only the fetched rows)
        header = session.data.chars.get(char_key(n, "varname"), "") if opts.get("subvarname") else ""
        columns.append(ListColumn(header or n, cells, left, format_width(fmt) if widen else 0))
    text = render_list(ListTable(tuple(columns), tuple(positions),
                                 show_obs=not opts.get("noobs"), clean=bool(opts.get("clean")), separator=sep,
                                 header=not opts.get("noheader"), breaks=frozenset(breaks or ()), nobs=nobs,
                                 abbreviate=abbrev_to, divider=bool(opts.get("divider"))))
    session.print(text)


def format_width(fmt: str) -> int:
    """The width a display format asks for (``%9.0g`` 9, ``%-20s`` 20; dates: 0)."""
    m = re.match(r"%-?~?0?(\d+)", fmt)
    return int(m.group(1)) if m else 0


def _same(a, b) -> bool:
    if isinstance(a, float) and isinstance(b, float) and np.isnan(a) and np.isnan(b):
        return True
    return a == b


# ----------------------------------------------------------------------------- count
def cmd_count(session, cmd) -> None:
    """``count [if] [in]``: prints ``  N``; stores r(N)."""
    if getattr(session.data, "lazy", False):
        from mlmcli.commands.data.lazy import lazy_handled
        if lazy_handled(session, cmd, "count"):
            return
    if cmd.args.strip():
        raise StataError("varlist not allowed", 101)
    resolve_options(cmd.options, [])
    n = int(mark(session, cmd).sum())
    session.set_r({"N": n})
    session.print(f"  {commas(n)}")
