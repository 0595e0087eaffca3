"""Stata 13's ``table`` ([R] table before Stata 17):

``table rowvar [colvar [supercolvar]] [if] [in] [fw aw pw iw] [, contents(clist) by(varlist)
format(%fmt) center left row col scol missing replace name(stub) cellwidth(#) csepwidth(#)
scsepwidth(#) stubwidth(#) concise]``

contents(): up to five of ``freq``, ``mean v``, ``sd v``, ``sum v``, ``rawsum v``, ``count v``,
``n v``, ``max v``, ``min v``, ``median v``, ``p# v``, ``iqr v``, ``semean v`` (default
``freq``); a cell shows one line per statistic, computed over the observations with that
row/column/supercolumn/by() value (``missing``: missing values of the table's variables
form their own categories).  ``row``, ``col``, ``scol`` add totals; ``replace`` replaces
the data by one observation per cell with the statistics in ``table1`` ... (``name(stub)``:
``stub1`` ...).
"""
from __future__ import annotations

import re

import numpy as np
import pandas as pd

from mlmcli.commands.data.table_axis import table_sample
from mlmcli.errors import StataError, invalid_syntax
from mlmcli.syntax.options import OptionSpec, integer_option, resolve_options

OPTIONS = [OptionSpec("contents", 1, takes_arg=True), OptionSpec("by", takes_arg=True),
           OptionSpec("format", 1, takes_arg=True), OptionSpec("center"), OptionSpec("left"), OptionSpec("row"),
           OptionSpec("col"), OptionSpec("scol"), OptionSpec("missing"), OptionSpec("replace"),
           OptionSpec("name", takes_arg=True), OptionSpec("cellwidth", takes_arg=True),
           OptionSpec("csepwidth", takes_arg=True), OptionSpec("scsepwidth", takes_arg=True),
           OptionSpec("stubwidth", takes_arg=True), OptionSpec("concise")]

_HEADS = {"freq": "Freq.", "median": "med", "count": "N", "n": "N"}
_STATS = {"mean", "sd", "sum", "rawsum", "count", "n", "max", "min", "median", "iqr", "semean"}


def _synonym(word: str) -> str:
    """table.ado's Parse and Valid: ``n`` is count, ``m``/``me``/``mea`` mean, ``med``... median
    and ``sem``... semean (bsubstr("median", 1, max(3, len)) == word and the like)."""
    if word == "n":
        return "count"
    if len(word) >= 3 and "median".startswith(word):
        return "median"
    if word and "mean".startswith(word):
        return "mean"
    if len(word) >= 3 and "semean".startswith(word):
        return "semean"
    return word


def _contents(text: str, ds) -> list[tuple[str, str | None]]:
    words = text.split()
    out, i = [], 0
    while i < len(words):
        stat = _synonym(words[i].lower())
        if stat == "freq":
            out.append(("freq", None))
            i += 1
            continue
        if stat not in _STATS and not re.fullmatch(r"p([1-9]|[1-9]\d)", stat):
            raise StataError(f"{words[i]} invalid statistic", 198)
        if i + 1 >= len(words):
            raise StataError(f"contents(): {stat} requires a variable", 198)
        var = ds.resolve(words[i + 1])
        if ds.is_string(var):
            raise StataError("type mismatch", 109)
        out.append((stat, var))
        i += 2
    if not out:
        raise StataError("contents() invalid", 198)
    if len(out) > 5:
        raise StataError("contents(): at most five statistics may be specified", 198)
    return out


def _head(stat: str, var: str | None) -> str:
    return _HEADS.get(stat, stat) if var is None else f"{_HEADS.get(stat, stat)}({var})"


def _compute(stat: str, x: np.ndarray | None, w: np.ndarray | None, rows: np.ndarray) -> float:
    from mlmcli.summary_statistics import statistic, weighted_moments
    if stat == "freq":
        return float(w[rows].sum()) if w is not None else float(rows.sum())
    values = x[rows]
    if stat in ("count", "n"):
        return float((~np.isnan(values)).sum())
    if not np.isfinite(values).any():
        return np.nan
    if w is not None and stat in ("mean", "sd", "sum"):
        ww = w[rows]
        m = weighted_moments(values, ww, "aweight")
        return {"mean": m["mean"], "sd": m["sd"], "sum": float((ww * np.nan_to_num(values)).sum())}[stat]
    if stat == "rawsum":
        stat = "sum"
    return statistic(stat, values)


def cmd_table(session, cmd) -> None:
    from mlmcli.commands.data.table_collect import NEW_SYNTAX_OPTIONS, OPTIONS as NEW_OPTIONS, cmd_table_collect
    typed = {spec.name for opt in cmd.options for spec in NEW_OPTIONS if spec.matches(opt.name)}
    if "(" in cmd.args or typed & set(NEW_SYNTAX_OPTIONS):  # Stata 17's syntax ([R] table)
        return cmd_table_collect(session, cmd)
    opts = resolve_options(cmd.options, OPTIONS)
    ds = session.data
    names = ds.expand_varlist(cmd.args)
    if len(names) > 3:
        raise StataError("too many variables specified", 103)
    by_names = ds.expand_varlist(opts["by"]) if isinstance(opts.get("by"), str) else []
    if len(by_names) > 4:
        raise StataError("by(): too many variables specified", 103)
    contents = _contents(opts.get("contents", "freq"), ds)
    if opts.get("center") and opts.get("left"):
        raise StataError("options center and left may not be combined", 198)
    fmt = opts["format"].strip() if isinstance(opts.get("format"), str) else "%9.0g"
    from mlmcli.render.numfmt import format_number, is_valid_format
    if not is_valid_format(fmt) or fmt.endswith("s"):
        raise StataError(f"format {fmt} invalid", 120)
    missing = bool(opts.get("missing"))
    rows, w, (axes, by_axes) = table_sample(session, cmd, [names, by_names], missing,
                                            ("fweight", "aweight", "pweight", "iweight"))
    xs = {var: ds.numeric(var) for _, var in contents if var is not None}

    def cell(selection: np.ndarray) -> tuple[str, ...]:
        if not selection.any():
            return ()
        out = []
        for stat, var in contents:
            value = _compute(stat, xs.get(var), w, selection)
            out.append("" if np.isnan(value) else format_number(value, fmt).strip())
        return tuple(out)

    row_axis = axes[0]
    col_axis = axes[1] if len(axes) > 1 else None
    sup_axis = axes[2] if len(axes) > 2 else None
    # columns: (supercolumn code or None, column code or None); None = total
    sup_codes = list(range(len(sup_axis))) if sup_axis else [None]
    if sup_axis and opts.get("scol"):
        sup_codes.append("total")
    columns = []
    for s_code in sup_codes:
        col_codes = list(range(len(col_axis))) if col_axis else [None]
        if col_axis and opts.get("col"):
            col_codes.append("total")
        columns += [(s_code, c) for c in col_codes]

    def column_rows(s_code, c_code) -> np.ndarray:
        sel = np.ones(ds.nobs, dtype=bool)
        if sup_axis is not None and s_code != "total":
            sel &= sup_axis.codes == s_code
        if col_axis is not None and c_code not in (None, "total"):
            sel &= col_axis.codes == c_code
        return sel

    column_masks = [column_rows(s, c) for s, c in columns]
    from mlmcli.results.data_management import TableRow
    table_rows: list = []
    records: list = []
    by_groups = [()] if not by_axes else sorted({tuple(int(a.codes[i]) for a in by_axes) for i in np.flatnonzero(rows)})
    for group in by_groups:
        in_group = rows.copy()
        for a, code in zip(by_axes, group):
            in_group &= a.codes == code
        if by_axes:
            table_rows.append(TableRow(" ".join(a.texts[c] for a, c in zip(by_axes, group)), heading=True))
        row_codes = list(range(len(row_axis))) + (["total"] if opts.get("row") else [])
        for r_code in row_codes:
            in_row = in_group & (row_axis.codes == r_code) if r_code != "total" else in_group
            if r_code != "total" and not in_row.any():
                continue
            cells = tuple(cell(in_row & m) for m in column_masks)
            table_rows.append(TableRow("Total" if r_code == "total" else row_axis.texts[r_code], cells))
            if r_code == "total":
                continue
            for (s_code, c_code), m in zip(columns, column_masks):
                if "total" in (s_code, c_code) or not (in_row & m).any():
                    continue
                values = [_compute(stat, xs.get(var), w, in_row & m) for stat, var in contents]
                records.append((group, r_code, c_code, s_code, values))
    if len(contents) == 1 and col_axis is None:
        heads = (_head(*contents[0]),)
    elif col_axis is None:
        heads = tuple(_head(s, v) for s, v in contents)
        table_rows = [TableRow(r.stub, tuple((line,) for line in r.cells[0]) if r.cells and r.cells[0]
                               else tuple(() for _ in contents), r.heading) for r in table_rows]
    else:
        heads = tuple("Total" if c == "total" else col_axis.texts[c] for _, c in columns)
    supercolumns = ()
    if sup_axis is not None:
        per = len(columns) // len(sup_codes)
        supercolumns = tuple(("Total" if s == "total" else sup_axis.texts[s], per) for s in sup_codes)
    stub_title = tuple(a.title for a in by_axes) + (row_axis.title,)
    stub_text = " and ".join(stub_title) if by_axes else row_axis.title
    show_table(session, opts, stub_text, col_axis.title if col_axis else "", sup_axis.title if sup_axis else "",
               supercolumns, heads, table_rows)
    if opts.get("replace"):
        stub = opts["name"].strip() if isinstance(opts.get("name"), str) else "table"
        from mlmcli.commands.data.common import unquote
        _replace_data(session, ds, unquote(stub), by_axes, row_axis, col_axis, sup_axis, contents, records)


def show_table(session, opts, stub_text, column_title, supercolumn_title, supercolumns, heads, rows) -> None:
    """Lay out and print a table with the layout options table and tabdisp share."""
    from mlmcli.render.data_management import render_table
    from mlmcli.results.data_management import StatTable

    session.print(render_table(StatTable(
        stub_title=(stub_text,), column_title=column_title, supercolumn_title=supercolumn_title,
        supercolumns=supercolumns, column_heads=heads, rows=tuple(rows),
        align="center" if opts.get("center") else "left" if opts.get("left") else "right",
        cellwidth=integer_option(opts, "cellwidth", None, minimum=1),
        stubwidth=integer_option(opts, "stubwidth", None, minimum=1),
        csepwidth=integer_option(opts, "csepwidth", 2, minimum=0),
        scsepwidth=integer_option(opts, "scsepwidth", 1, minimum=0))))


def _replace_data(session, ds, stub, by_axes, row_axis, col_axis, sup_axis, contents, records) -> None:
    """One observation per cell: the table's variables (values, labels kept) and stub1 ..."""
    from mlmcli.dataset import Dataset
    from mlmcli.syntax.varlist import NAME_RE
    if not NAME_RE.match(stub + "1"):
        raise invalid_syntax()
    frame: dict = {}
    axes = [(a, [rec[0][k] for rec in records]) for k, a in enumerate(by_axes)]
    axes.append((row_axis, [rec[1] for rec in records]))
    if col_axis is not None:
        axes.append((col_axis, [rec[2] for rec in records]))
    if sup_axis is not None:
        axes.append((sup_axis, [rec[3] for rec in records]))
    new = Dataset()
    for axis, codes in axes:
        frame[axis.name] = [axis.values[c] for c in codes]
        for meta in ("types", "formats", "var_labels", "value_label_of"):
            src = getattr(ds, meta)
            if axis.name in src:
                getattr(new, meta)[axis.name] = src[axis.name]
    for k, (stat, var) in enumerate(contents, 1):
        frame[f"{stub}{k}"] = [rec[4][k - 1] for rec in records]
        new.types[f"{stub}{k}"] = "float"
        new.var_labels[f"{stub}{k}"] = _head(stat, var)
    new.df = pd.DataFrame(frame)
    new.value_labels = {k: dict(v) for k, v in ds.value_labels.items()
                        if k in set(new.value_label_of.values())}
    new.changed = True
    session.data = new
