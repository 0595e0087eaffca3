"""mtable's tables from its margins runs (mtable.ado 1.0.6): the estimates and the statistics
asked for, wide (statistics in columns; one margins run) or long (statistics in rows; several
outcomes), the at() values that vary beside them, the row names (rowname()/rowstub()), the
stacking with the previous mtable (below/right: matrices _mtab_stack and _mtab_atstack and the
globals mtable_cspec, mtable_rspec, mtable_type, mtable_cspecnames, mtable_expression, as the ado
leaves them), r(table) and r(atspec)."""
from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from mlmcli.commands.community import mtable_at
from mlmcli.commands.community.mtable_names import margins_names
from mlmcli.errors import StataError

_RTABLE_ROWS = ("b", "se", "z", "pvalue", "ll", "ul")
_LABELS = {"se": "se", "z": "z", "pvalue": "p", "ll": "ll", "ul": "ul"}


@dataclass
class MtableRequest:
    stats: list
    names: str
    names_typed: bool
    decimals: int
    width: int
    twidth: int
    atvars: str
    atright: bool
    below: bool
    right: bool
    clear: bool
    layout: str
    estname: str
    colstub: str
    rowstub: str
    rowname: str
    roweq: str
    coleq: str
    nolabels: bool
    valuelength: int
    nofvlabel: bool
    title: str
    brief: bool
    nobs: bool
    matrix: str


@dataclass
class _Grid:
    rows: list  # (eq, name)
    cols: list  # (eq, name)
    values: np.ndarray
    kinds: list  # "at" or "stat" per column


def _estimates(r: dict):
    """r(table)' without omitted or base rows: (names, k x 6 array)."""
    table = r.get("table")
    if table is None:
        raise StataError("margins did not leave r(table)", 498)
    vals = np.atleast_2d(np.asarray(table.values, float))
    idx = list(range(len(_RTABLE_ROWS)))  # by position, as the ado's r(table)'[1...,1..6]: t after regress
    keep = [j for j, name in enumerate(table.colnames) if not mtable_at.is_base_or_omitted(name.split(":")[-1])]
    return [table.colnames[j] for j in keep], vals[idx][:, keep].T


def _outcome_label(session, depvar: str, value: float, req: MtableRequest) -> str:
    text = str(int(value)) if float(value).is_integer() else f"{value:g}"
    if not req.nolabels:
        lab = session.data.value_label_text(depvar, value)
        if lab is not None:
            text = lab[:req.valuelength] if req.valuelength else lab
    return text.replace(" ", "_")


def _dydx_rownames(session, names: list[str], req: MtableRequest, xvars) -> list[str]:
    """The rows of a dy/dx table: a factor's level (its value label unless nofvlabel), an
    at() row's number, a continuous variable's name."""
    out = []
    for full in names:
        name = full.split(":")[-1]
        if m := re.match(r"^(\d+)bn?\._at$", name):
            out.append(m.group(1))
        elif m := re.match(r"^(\d+)b?n?\.(\w+)$", name):
            lab = None if req.nofvlabel else session.data.value_label_text(m.group(2), float(m.group(1)))
            out.append((lab or m.group(1)).replace(" ", "_") if not req.nofvlabel else name)
        else:
            out.append(name)
    return out


def _at_table(req: MtableRequest, r: dict):
    """(at names, values) for the table, constant (names, 1-row values) and r(atspec), or the
    ado's message."""
    at = r.get("at")
    if at is None:  # mlm's margins leaves no r(at) without at()/atmeans (Stata's all missing)
        return ([], None), ([], None), None
    names, vals = list(at.colnames), np.atleast_2d(np.asarray(at.values, float))
    cnames, cvals, vnames, vvals = mtable_at.split(names, vals)
    constant = (cnames, cvals) if cnames else ([], None)
    spec = mtable_at.atspec(names, vals) if cnames else None
    if req.atvars == "_none":
        return ([], None), constant, spec
    if not req.atvars:
        return ((vnames, vvals) if vnames else ([], None)), constant, spec
    if req.atvars == "_all":
        return ((names, vals) if not np.isnan(vals[0, 0]) else ([], None)), constant, spec
    chosen = mtable_at.expand_atvars(req.atvars, names)
    if isinstance(chosen, str):
        return (chosen, None), constant, spec
    return (chosen, vals[:, [names.index(n) for n in chosen]]), constant, spec


def make_table(session, req: MtableRequest, results: list, multiple: bool, depvar: str, ecmd: str) -> None:
    from mlmcli.render.mtable import render_mtable
    from mlmcli.results.mtable import MtableResult

    runs = []
    estname = req.estname
    for outcome, r in results:
        names = margins_names(r, depvar, ecmd)
        estname = estname or (names.est_nonum if multiple else names.est_num)
        if names.isdydx and len(names.xvars) > 2 and int(r.get("k_at", 0) or 0) > 1:
            return session.print("only one dydx() variable allowed when using at()")
        runs.append((outcome, names, *_estimates(r)))
    last_r = results[-1][1]
    names = runs[-1][1]
    title = names.title_nonum if multiple else names.title_num
    rownames, n_est = runs[-1][2], runs[-1][3].shape[0]
    if any(t.shape[0] != n_est for *_, t in runs):
        raise StataError("conformability error", 503)
    layout = req.layout or ("long" if multiple else "wide")
    label = dict(_LABELS, estimate=estname)
    stat_cols, stat_vals = {}, {}
    for stat in req.stats:
        k = _RTABLE_ROWS.index({"estimate": "b"}.get(stat, stat))
        if multiple:
            outl = [_outcome_label(session, depvar, o, req) for o, *_ in runs]
            stat_cols[stat] = [f"{label[stat]}_{req.colstub}{o}" if layout == "wide" else f"{req.colstub}{o}"
                               for o in outl]
            stat_vals[stat] = np.column_stack([t[:, k] for *_, t in runs])
        else:
            stat_cols[stat] = [f"{req.colstub}{label[stat]}"]
            stat_vals[stat] = runs[-1][3][:, [k]]
    rows_w = [n.split(":")[-1].replace("._at", "").replace("bn", "") for n in rownames]
    if rows_w == ["_cons"]:
        rows_w = ["estimate"]
    if names.isdydx and not req.nofvlabel:
        rows_w = _dydx_rownames(session, rownames, req, names.xvars)
    (at_names, at_vals), (c_names, c_vals), spec = _at_table(req, last_r)
    if isinstance(at_names, str):
        return session.print(at_names)
    has_at = at_vals is not None
    if has_at and at_vals.shape[0] != n_est:
        raise StataError("conformability error", 503)
    n_stats = len(req.stats)
    if layout == "wide":
        svals = np.column_stack([stat_vals[s] for s in req.stats])
        scols = [c for s in req.stats for c in stat_cols[s]]
        rows, at_rows = rows_w, at_vals
    else:
        first = req.stats[0]
        svals = np.vstack([stat_vals[s][i] for i in range(n_est) for s in req.stats])
        scols = stat_cols[first]
        rows = [str(i + 1) if n_stats == 1 else label[s] for i in range(n_est) for s in req.stats]
        if n_stats == 1 and names.isdydx:
            rows = rows_w
        at_rows = np.repeat(at_vals, n_stats, axis=0) if has_at else None
    grid = _join(rows, scols, svals, at_names, at_rows, req.atright)
    _rename_rows(grid, req, layout, estname, n_stats)
    if req.roweq:
        grid.rows = [(req.roweq, n) for _, n in grid.rows]
    if req.coleq:
        grid.cols = [(req.coleq, n) for _, n in grid.cols]
    names_mode = req.names
    if not req.names_typed and ((layout == "long" and n_stats > 1) or n_est > 1 or req.below or req.rowname):
        names_mode = "all"
    _finish(session, req, grid, layout, names_mode, title, (c_names, c_vals), spec,
            underscore=names.isdydx and not req.nofvlabel)


def _join(rows, scols, svals, at_names, at_vals, atright) -> _Grid:
    cols, kinds, blocks = [("", c) for c in scols], ["stat"] * len(scols), [svals]
    if at_vals is not None:
        at_cols = [("", n.replace("bn.", ".").replace("._at", "")) for n in at_names]
        if atright:
            cols, kinds, blocks = cols + at_cols, kinds + ["at"] * len(at_cols), blocks + [at_vals]
        else:
            cols, kinds, blocks = at_cols + cols, ["at"] * len(at_cols) + kinds, [at_vals] + blocks
    return _Grid([("", r) for r in rows], cols, np.column_stack(blocks), kinds)


def _rename_rows(grid: _Grid, req: MtableRequest, layout: str, estname: str, n_stats: int) -> None:
    """rowname() (at most 26 characters; it wins over rowstub()) and rowstub()."""
    stub = (req.rowname[:26] if req.rowname else req.rowstub)
    if not stub:
        return
    out, n = [], len(grid.rows)
    for i, (eq, name) in enumerate(grid.rows, 1):
        if name == "estimate":
            name = estname
        if name == "_" or n_stats == 1:
            name = stub if n == 1 else f"{stub}_{i}"
        else:
            name = name.replace(".", "_")
            name = stub if (layout == "wide" and req.rowname) else f"{stub}_{name}"
        out.append((eq, name))
    grid.rows = out


def _formats(grid: _Grid, req: MtableRequest) -> list[str]:
    return [f"%{max(len(name), req.width)}.{req.decimals}{'g' if kind == 'at' else 'f'}"
            for (_, name), kind in zip(grid.cols, grid.kinds)]


def _cspec(label_width: int, formats: list[str]) -> str:
    head = f"o1& %{label_width}s |" if label_width else "&"
    return head + "".join(f" {f} &" for f in formats)


def _finish(session, req, grid: _Grid, layout: str, names_mode: str, title: str, constant, spec,
            underscore: bool) -> None:
    from mlmcli.render.mtable import render_mtable
    from mlmcli.results.matrix import Matrix
    from mlmcli.results.mtable import MtableGrid, MtableResult

    lw_type = "W" if layout == "wide" else "L"
    stacking = req.below or req.right
    stack = session.matrices.get("_mtab_stack") if not req.clear else None
    if req.clear:
        session.matrices.pop("_mtab_stack", None)
        session.matrices.pop("_mtab_atstack", None)
    rows_for_width = [n for _, n in grid.rows] + ([_plain(n) for n in stack.rownames] if stacking and stack else [])
    width = max([9, len(req.roweq) + 1] + [len(n) + 1 for n in rows_for_width])
    if req.twidth > 0:
        width = req.twidth
    shows_names = names_mode in ("all", "rows")
    label_width = width if shows_names else 0
    formats = _formats(grid, req)
    values = grid.values
    rows, cols = grid.rows, grid.cols
    if stacking:
        if session.globals.get("mtable_type", "") != lw_type or stack is None:
            return session.print("when stacking, current & prior matrix must both be long or both wide")
        prior_vals = np.atleast_2d(np.asarray(stack.values, float))
        prior_spec = session.globals.get("mtable_cspec", "")
        if req.right:
            if prior_vals.shape[0] != values.shape[0]:
                return session.print("current table does not match rows of saved table")
            prior_label = re.search(r"o1& %(\d+)s \|", prior_spec)
            label_width = (int(prior_label.group(1)) if prior_label else 9) if shows_names else 0
            formats = re.findall(r"%\d+\.\d+[fg]", prior_spec) + formats
            values = np.hstack([prior_vals, values])
            rows = [_split(n) for n in stack.rownames]
            cols = [_split(n) for n in stack.colnames] + cols
        else:
            if prior_vals.shape[1] != values.shape[1]:
                return session.print("current table does not match columns of saved table")
            values = np.vstack([prior_vals, values])
            rows = [_split(n) for n in stack.rownames] + rows
            cols = [_split(n) for n in stack.colnames]
    if shows_names and not label_width:
        label_width = 9
    cspec = _cspec(label_width, formats)
    display = Matrix(values, tuple(_full(eq, n) for eq, n in rows), tuple(_full(eq, n) for eq, n in cols))
    session.globals.update({"mtable_cspec": cspec, "mtable_type": lw_type, "mtable_cspecnames": f"o1& %{width}s |",
                            "mtable_rspec": "&" + ("-" if names_mode in ("all", "columns") else "")
                            + "&" * values.shape[0], "mtable_expression": title})
    table = MtableGrid("", tuple(rows), tuple(cols), tuple(map(tuple, values.tolist())), tuple(formats),
                       label_width, names_mode in ("all", "columns"), underscore)
    at_grid = _at_display(session, req, constant, stacking)
    expression = title + ("\n\nN = " if req.nobs else "")
    session.print(render_mtable(MtableResult(req.title, expression, table, None if req.brief else at_grid)))
    if req.matrix:
        session.matrices[req.matrix] = display
    session.matrices["_mtab_display"] = display
    session.matrices["_mtab_stack"] = display
    returned = {"table": display}
    if spec is not None:
        returned["atspec"] = spec
    session.set_r(returned)


def _at_display(session, req, constant, stacking):
    """Specified values of covariates: the current constant at() values under the previous
    sets (``Set 1`` ...) when stacking; ``.n`` under ``No at()`` when none."""
    from mlmcli.missing import extended
    from mlmcli.results.matrix import Matrix
    from mlmcli.results.mtable import MtableGrid

    names, vals = constant
    current = (list(names), [float(v) for v in vals[0]]) if vals is not None else (["No at()"], [extended("n")])
    prior = session.matrices.get("_mtab_atstack") if stacking else None
    rows, cols = [], list(current[0])
    table_rows = []
    if prior is not None:
        pcols = list(prior.colnames)
        cols = pcols + [c for c in current[0] if c not in pcols]
        pvals = np.atleast_2d(np.asarray(prior.values, float))
        for i, rname in enumerate(prior.rownames):
            rows.append(rname)
            table_rows.append([pvals[i, pcols.index(c)] if c in pcols else float("nan") for c in cols])
    cur = dict(zip(*current))
    rows.append("Current")
    table_rows.append([cur.get(c, float("nan")) for c in cols])
    title = ("Specified values where .n indicates no values specified with at()" if "No at()" in cols
             else "Specified values of covariates")
    formats = [f"%{max(len(c), req.width)}.{req.decimals}g" for c in cols]
    grid = MtableGrid(title, tuple(("", r) for r in rows), tuple(("", c) for c in cols),
                      tuple(tuple(r) for r in table_rows), tuple(formats), 9, True)
    numbers = [int(m.group(1)) for r in rows[:-1] if (m := re.match(r"Set (\d+)$", r))]
    rows[-1] = f"Set {max(numbers) + 1 if numbers and prior is not None else 1}"
    numeric = np.array(table_rows, float)
    session.matrices["_mtab_atstack"] = Matrix(numeric, tuple(rows), tuple(cols))
    session.matrices["_mtab_atdisplay"] = Matrix(numeric, tuple(rows[:-1] + ["Current"]), tuple(cols))
    return grid


def _split(full: str) -> tuple[str, str]:
    return tuple(full.split(":", 1)) if ":" in full else ("", full)


def _plain(full: str) -> str:
    return _split(full)[1]


def _full(eq: str, name: str) -> str:
    return f"{eq}:{name}" if eq else name
