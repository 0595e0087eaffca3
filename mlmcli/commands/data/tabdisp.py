"""``tabdisp`` ([P] tabdisp): the data shown as a table, one observation a cell; no statistics.

    tabdisp rowvar [colvar [supercolvar]] [if] [in], cellvar(varnames) [by(superrowvars)
        format(%fmt) center left concise missing totals dotz cellwidth(#) csepwidth(#)
        scsepwidth(#) stubwidth(#)]

Laid out by ``table``'s renderer (Stata's ``table`` is built on tabdisp).  Missing values of
the stub variables are categories of their own, ``.`` last (after ``.a`` ... ``.z``), as the
manual's dotz option describes (dotz: .z last); ``totals`` labels ``.`` (dotz: ``.z``)
"Total".  A combination of the stub variables held by more than one observation is refused
(mlm's wording, docs/tabdisp.md).
"""
from __future__ import annotations

import numpy as np

from mlmcli.commands.data.common import mark, value_text
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options

OPTIONS = [OptionSpec("cellvar", 1, takes_arg=True), OptionSpec("by", None, takes_arg=True),
           OptionSpec("format", 1, takes_arg=True), OptionSpec("center", 3), OptionSpec("left", 1),
           OptionSpec("concise", 3), OptionSpec("missing", 1), OptionSpec("totals", 1), OptionSpec("dotz"),
           OptionSpec("cellwidth", 5, takes_arg=True), OptionSpec("csepwidth", 4, takes_arg=True),
           OptionSpec("scsepwidth", 5, takes_arg=True), OptionSpec("stubwidth", 5, takes_arg=True)]


class _Stub:
    """One stub variable's categories in tabdisp's order and each observation's category."""

    def __init__(self, ds, name: str, rows: np.ndarray, totals: bool, dotz: bool = False):
        self.dotz = dotz
        self.title = ds.var_labels.get(name) or name
        if ds.is_string(name):
            col = ds.df[name].to_numpy(dtype=object)
            keys = sorted({v for v, r in zip(col, rows) if r})
            self.texts = [str(k) for k in keys]
            index = {k: i for i, k in enumerate(keys)}
            self.codes = np.array([index.get(v, -1) if r else -1 for v, r in zip(col, rows)])
            return
        from mlmcli.missing import code

        x = ds.numeric(name)
        # numbers, then .a ... .z, then . (the default order the manual's dotz describes);
        # dotz interchanges . and .z: .z last, and .z is the "Total" with totals
        keys = sorted({self._key(v, code) for v, r in zip(x, rows) if r})
        index = {k: i for i, k in enumerate(keys)}
        self.codes = np.array([index[self._key(v, code)] if r else -1 for v, r in zip(x, rows)])
        firsts: dict = {}
        for v, r in zip(x, rows):
            if r:
                firsts.setdefault(self._key(v, code), v)
        self.texts = [("Total" if totals and k == (2, 0.0) else value_text(ds, name, firsts[k])) for k in keys]

    def _key(self, v: float, code) -> tuple[int, float]:
        if not np.isnan(v):
            return (0, float(v))
        c = code(v)
        if self.dotz and c in (0, 26):
            c = 26 - c                      # . takes .z's place and .z the last one
        return (1, float(c)) if c > 0 else (2, 0.0)

    def __len__(self) -> int:
        return len(self.texts)


def cmd_tabdisp(session, cmd) -> None:
    opts = resolve_options(cmd.options, OPTIONS)
    ds = session.data
    if "cellvar" not in opts:
        raise StataError("option cellvar() required", 198)
    names = ds.expand_varlist(cmd.args)
    if not names:
        raise StataError("varlist required", 100)
    if len(names) > 3:
        raise StataError("too many variables specified", 103)
    cellvars = ds.expand_varlist(str(opts["cellvar"]))
    if len(cellvars) > 5:
        raise StataError("cellvar(): too many variables specified", 103)
    by_names = ds.expand_varlist(opts["by"]) if isinstance(opts.get("by"), str) else []
    if len(by_names) > 4:
        raise StataError("by(): too many variables specified", 103)
    if opts.get("center") and opts.get("left"):
        raise StataError("options center and left may not be combined", 198)
    fmt = opts["format"].strip() if isinstance(opts.get("format"), str) else "%9.0g"
    from mlmcli.render.numfmt import format_number, is_valid_format
    if not is_valid_format(fmt) or fmt.endswith("s"):
        raise StataError(f"format {fmt} invalid", 120)
    rows = mark(session, cmd, [], strok=True)
    if not rows.any():
        raise StataError("no observations", 2000)
    totals = bool(opts.get("totals"))
    dotz = bool(opts.get("dotz"))
    stubs = [_Stub(ds, n, rows, totals, dotz) for n in names]
    by_stubs = [_Stub(ds, n, rows, totals, dotz) for n in by_names]
    all_stubs = by_stubs + stubs
    keys = np.column_stack([s.codes for s in all_stubs])[rows]
    observations = np.flatnonzero(rows)
    cell_of: dict = {}
    for obs, key in zip(observations, map(tuple, keys)):
        if key in cell_of:
            raise StataError("observations are not unique within " + " ".join(by_names + names), 459)
        cell_of[key] = obs
    cells_text = {var: _cell_texts(ds, var, fmt, bool(opts.get("missing")), format_number) for var in cellvars}

    row_stub, col_stub = stubs[0], (stubs[1] if len(stubs) > 1 else None)
    sup_stub = stubs[2] if len(stubs) > 2 else None
    columns = [(s, c) for s in (range(len(sup_stub)) if sup_stub else [None])
               for c in (range(len(col_stub)) if col_stub else [None])]
    from mlmcli.results.data_management import TableRow
    groups = sorted({k[:len(by_stubs)] for k in cell_of})
    table_rows: list = []
    for group in groups:
        if by_stubs:
            table_rows.append(TableRow(" ".join(s.texts[c] for s, c in zip(by_stubs, group)), heading=True))
        for r in range(len(row_stub)):
            cells = []
            for s, c in columns:
                key = group + (r,) + (() if c is None else (c,)) + (() if s is None else (s,))
                obs = cell_of.get(key)
                cells.append(() if obs is None else tuple(cells_text[v][obs] for v in cellvars))
            if not any(cells) or (opts.get("concise") and not any(t for cell in cells for t in cell)):
                continue
            table_rows.append(TableRow(row_stub.texts[r], tuple(cells)))
    if col_stub is None:
        heads = tuple(ds.var_labels.get(v) or v for v in cellvars)
        if len(cellvars) > 1:
            table_rows = [TableRow(t.stub, tuple((line,) for line in t.cells[0]) if t.cells and t.cells[0]
                                   else tuple(() for _ in cellvars), t.heading) for t in table_rows]
    else:
        heads = tuple(col_stub.texts[c] for _, c in columns)
    supercolumns = ()
    if sup_stub is not None:
        supercolumns = tuple((sup_stub.texts[s], len(col_stub)) for s in range(len(sup_stub)))
    stub_titles = tuple(s.title for s in by_stubs) + (row_stub.title,)
    from mlmcli.commands.data.table import show_table
    show_table(session, opts, " and ".join(stub_titles) if by_stubs else row_stub.title,
               col_stub.title if col_stub else "", sup_stub.title if sup_stub else "", supercolumns, heads, table_rows)


def _cell_texts(ds, var: str, fmt: str, missing: bool, format_number) -> list[str]:
    """Each observation's cell text: strings as they are, numbers in fmt, missing blank
    (or shown with ``missing``)."""
    if ds.is_string(var):
        return [str(v) for v in ds.df[var].to_numpy(dtype=object)]
    from mlmcli.missing import text as missing_text

    out = []
    for v in ds.numeric(var):
        if np.isnan(v):
            out.append(missing_text(v) if missing else "")
        else:
            out.append(format_number(float(v), fmt).strip())
    return out
