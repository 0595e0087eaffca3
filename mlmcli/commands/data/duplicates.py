"""``duplicates report|examples|list|tag|drop [varlist] [if] [in]`` ([D] duplicates).

Observations are duplicates when they agree on every variable of the varlist (all
variables when none is typed; missing values agree with each other).  Groups of duplicates
are numbered in the sort order of their values; ``drop`` keeps the first observation of
each group in the current order and leaves the order of the data as it was.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from mlmcli.commands.data.common import commas, mark, value_text
from mlmcli.errors import StataError, invalid_syntax
from mlmcli.sorted_codes import first_rows, row_codes
from mlmcli.syntax.abbreviation import NameTable
from mlmcli.syntax.options import OptionSpec, required_text_option, resolve_options
from mlmcli.syntax.varlist import check_new_name


def _keys(ds, names: list[str], rows: np.ndarray) -> np.ndarray:
    """Group number (0, 1, ... in sort order of the values) of each selected row: strings
    ranked by ``pd.factorize(sort=True)``, numbers by their order key, the columns combined
    by ``row_codes`` (groupby(sort=True).ngroup()'s numbers)."""
    columns = []
    for n in names:
        if ds.is_string(n):
            columns.append(pd.factorize(np.asarray(ds.df[n].astype(str), dtype=object)[rows], sort=True)[0])
        else:
            columns.append(_numeric_key(ds, n)[rows])
    return row_codes(columns) if columns[0].size else np.zeros(0, dtype=np.int64)


def _numeric_key(ds, name: str) -> np.ndarray:
    from mlmcli.missing import order_key
    return order_key(ds.numeric(name))  # . < .a < ... sort last and agree among themselves


def _setup(session, cmd, words: list[str]):
    ds = session.data
    names = ds.expand_varlist(" ".join(words)) if words else list(ds.varnames)
    if not names:
        raise StataError("no variables defined", 111)
    rows = mark(session, cmd)
    idx = np.flatnonzero(rows)
    groups = _keys(ds, names, rows) if idx.size else np.array([], dtype=np.int64)
    sizes = np.bincount(groups) if idx.size else np.array([], dtype=np.int64)
    title = " ".join(names) if words else ""
    return ds, names, idx, groups, sizes, title


def _title(session, title: str) -> None:
    from mlmcli.render.data_management import duplicates_title
    session.print(duplicates_title(title))


def _report(session, cmd, words):
    from mlmcli.render.data_management import render_duplicates_report
    from mlmcli.results.data_management import DuplicatesReport
    resolve_options(cmd.options, [])
    ds, names, idx, groups, sizes, title = _setup(session, cmd, words)
    _title(session, title)
    session.print()
    per_obs = sizes[groups] if idx.size else np.array([], dtype=np.int64)
    rows = []
    for copies in sorted(set(per_obs.tolist())):
        n_obs = int((per_obs == copies).sum())
        rows.append((copies, n_obs, n_obs - n_obs // copies))
    session.print(render_duplicates_report(DuplicatesReport(tuple(rows))))
    session.set_r({"N": int(idx.size), "unique_value": int(sizes.size)})


def _listing(session, cmd, words, examples: bool):
    from mlmcli.render.data_list import render_list
    from mlmcli.results.data import ListColumn, ListTable
    from mlmcli.commands.data.describe import format_width

    opts = resolve_options(cmd.options, [OptionSpec("compress"), OptionSpec("nocompress", 6), OptionSpec("fast"),
                                         OptionSpec("nolabel", 5)])
    # [D] duplicates: "compress  compress width of columns ...; nocompress  use display format of
    # each variable; fast  synonym for nocompress" (list's options): widths from the formats
    widen = bool(opts.get("fast") or opts.get("nocompress")) and not opts.get("compress")
    ds, names, idx, groups, sizes, title = _setup(session, cmd, words)
    _title(session, title)
    dup = sizes[groups] > 1 if idx.size else np.array([], dtype=bool)
    if not dup.any():
        session.print()
        session.print("(0 observations are duplicates)")
        return
    # groups of duplicates, numbered 1, 2, ... in sort order; observations in data order
    order = np.argsort(groups[dup], kind="stable")
    codes, members = groups[dup][order], idx[dup][order]
    new = np.ones(codes.size, dtype=bool)
    new[1:] = codes[1:] != codes[:-1]
    dup_groups = codes[new].tolist()
    shown = new if examples else np.ones(codes.size, dtype=bool)
    picked = list(zip(np.cumsum(new)[shown].tolist(), members[shown].tolist()))  # (group number, row)
    labels = not opts.get("nolabel")
    columns = [ListColumn("group:", [str(k) for k, _ in picked])]
    if examples:
        columns.append(ListColumn("#", [str(int(sizes[dup_groups[k - 1]])) for k, _ in picked]))
        columns.append(ListColumn("e.g. obs", [str(r + 1) for _, r in picked]))
    else:
        columns.append(ListColumn("obs:", [str(r + 1) for _, r in picked]))
    for n in names:
        if ds.is_string(n):
            columns.append(ListColumn(n, [str(ds.df[n].iat[r]) for _, r in picked], ds.format_of(n).startswith("%-"),
                                      format_width(ds.format_of(n)) if widen else 0))
        else:
            x = ds.numeric(n)
            columns.append(ListColumn(n, [value_text(ds, n, float(x[r]), labels=labels) for _, r in picked],
                                      min_width=format_width(ds.format_of(n)) if widen else 0))
    breaks = frozenset(i for i in range(1, len(picked)) if picked[i][0] != picked[i - 1][0])
    session.print(render_list(ListTable(tuple(columns), tuple(range(1, len(picked) + 1)), show_obs=False,
                                        separator=0 if not examples else 5, breaks=breaks if not examples
                                        else frozenset(), nobs=len(picked))))


def _examples(session, cmd, words):
    _listing(session, cmd, words, examples=True)


def _list(session, cmd, words):
    _listing(session, cmd, words, examples=False)


def _tag(session, cmd, words):
    opts = resolve_options(cmd.options, [OptionSpec("generate", 1, takes_arg=True)])
    new = required_text_option(opts, "generate")
    vtype = None
    parts = new.split()
    if len(parts) == 2:
        vtype, new = parts
    elif len(parts) != 1:
        raise invalid_syntax()
    check_new_name(session.data, new)
    ds, names, idx, groups, sizes, title = _setup(session, cmd, words)
    values = np.full(ds.nobs, np.nan)
    if idx.size:
        values[idx] = sizes[groups] - 1
    top = np.nanmax(values) if idx.size else 0
    vtype = vtype or ("byte" if top <= 100 else "int" if top <= 32740 else "long")
    _title(session, title)
    ds.set_variable(new, values, vtype)


def _drop(session, cmd, words):
    opts = resolve_options(cmd.options, [OptionSpec("force")])
    if words and not opts.get("force"):
        raise StataError("force option required with duplicates drop varlist", 198)
    ds, names, idx, groups, sizes, title = _setup(session, cmd, words)
    keep = np.ones(ds.nobs, dtype=bool)
    if idx.size:
        first = idx[first_rows(groups, sizes.size)]  # each group's first row
        keep[idx[idx != first[groups]]] = False
    dropped = int((~keep).sum())
    _title(session, title)
    session.print()
    if dropped:
        ds.take_rows(keep)
        ds.changed = True
    session.print(f"({commas(dropped)} observation{'s' if dropped != 1 else ''} deleted)")


DUPLICATES_SUBCOMMANDS = NameTable(
    [("report", 1, _report), ("examples", 1, _examples), ("list", 1, _list), ("tag", 3, _tag),
     ("drop", 4, _drop)],
    unknown=lambda w: StataError(f"invalid duplicates subcommand {w}" if w else "invalid syntax", 198),
    not_implemented=lambda n: StataError(f"duplicates {n} is not implemented in mlm", 199))


def cmd_duplicates(session, cmd) -> None:
    words = cmd.args.split()
    if not words:
        raise invalid_syntax()
    DUPLICATES_SUBCOMMANDS.handler(words[0])(session, cmd, words[1:])


# ----------------------------------------------------------------------------- isid
def cmd_isid(session, cmd) -> None:
    """``isid varlist [, sort missok]`` ([D] isid): nothing when the variables identify the
    observations uniquely; else ``variable(s) x y do not uniquely identify the observations``
    r(459); missing values in them are r(459) too unless ``missok``; ``sort`` sorts by them."""
    opts = resolve_options(cmd.options, [OptionSpec("sort", 2), OptionSpec("missok")])
    ds = session.data
    names = ds.expand_varlist(cmd.args)
    rows = np.ones(ds.nobs, dtype=bool)
    if not opts.get("missok"):
        for n in names:
            missing = (ds.df[n].to_numpy(dtype=object) == "") if ds.is_string(n) else np.isnan(ds.numeric(n))
            if missing.any():
                raise StataError(f"variable {n} should never be missing", 459)
    groups = _keys(ds, names, rows)
    if groups.size and np.bincount(groups).max() > 1:
        which = "variable" if len(names) == 1 else "variables"
        verb = "does" if len(names) == 1 else "do"
        raise StataError(f"{which} {' '.join(names)} {verb} not uniquely identify the observations", 459)
    if opts.get("sort"):
        order = np.argsort(groups, kind="stable")
        ds.take_rows(order)
        ds.sortedby = tuple(names)

