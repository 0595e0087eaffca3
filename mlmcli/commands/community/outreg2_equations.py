"""outreg2's layouts of a multi-equation model (outreg2 2.2.5, ``_outreg2``; zhangdashenqi/stata_ado_plus
``o/outreg2.ado``):

- **wide** (the default): "make multiple equation regression table (wide format)" -- one makeFile
  call per equation of e(b) (``coleq``, each once), on ``b[., "eq:"]`` with the equation stripped
  (``matrix colnames b_eq = _:``), so each equation is its own column, headed by the equation's
  name (``local depvar: word eq of eqlist``), its rows merged with the other columns' by the
  coefficient's name, and each column gets the model's statistics rows (Observations, addstat(),
  e(), addtext()) as makeFile writes them for every call;
- **onecol** / **long** (``long`` implies ``onecol``; after ologit and oprobit both are forced,
  ``wide`` undoes them): the equations one under another in one column;
- after **xtpoisson** (``eqsingle``: "fix for xtpoisson") one column without equation names;
- **eqkeep(eqlist)** / **eqdrop(eqlist)** (not both): the equations kept, eqkeep's in its order
  (``local eqlist `eqkeep'``), eqdrop's removed (``macroMinus``); a single-equation model is
  written whole (outreg2 counts its equations before eqkeep/eqdrop: ``eqnum_original``).

makeFile drops a base or omitted coefficient (``o.``, ``#b.`` with coef and se 0), so mlogit's
base outcome is a column with no coefficient rows.
"""
from __future__ import annotations

import dataclasses

import numpy as np

from mlmcli.errors import StataError
from mlmcli.syntax.coefnames import parse_coef_name, split_eq

_FORCED_LONG = ("ologit", "oprobit")  # _outreg2: "force them long"
_EQSINGLE = ("xtpoisson",)  # _outreg2's "fix for xtpoisson": one column, no equation names (eqsingle)
EQUATION_COLUMN = "outreg2_equation"  # marks the results of one equation's wide column


def _equations(names) -> list[str]:
    out: list[str] = []
    for full in names:
        eq = split_eq(full)[0]
        if eq not in out:
            out.append(eq)
    return out


def equation_lists(opts: dict) -> tuple[list[str], list[str]]:
    """eqkeep() and eqdrop() as lists of names (outreg2: "cannot specify both")."""
    keep = str(opts.get("eqkeep") or "").replace(",", " ").split()
    drop = str(opts.get("eqdrop") or "").replace(",", " ").split()
    if keep and drop:
        raise StataError("cannot specify both eqkeep( ) and eqdrop( )", 198)
    return keep, drop


def one_column(opts: dict, e) -> bool:
    """Is this model written in one column with its equations named (onecol, long, or forced
    long), not wide?  (xtpoisson: one column, unnamed.)"""
    if opts.get("wide") or e.cmd in _EQSINGLE:
        return False
    return bool(opts.get("onecol") or opts.get("long")) or e.cmd in _FORCED_LONG


def _restricted(e, coefs, columns: list[int], strip: bool):
    """``e`` with e(b) and e(V) cut to ``columns`` (the names as a user reads them), the equation
    stripped when ``strip``; read as posted (no further renaming of free parameters)."""
    from mlmcli.results.matrix import Matrix

    idx = np.asarray(columns, int)
    names = tuple(split_eq(coefs.names[j])[1] if strip else coefs.names[j] for j in columns)
    b = Matrix(np.asarray(coefs.b, float)[idx].reshape(1, -1), ("y1",), names)
    V = Matrix(np.asarray(coefs.V, float)[np.ix_(idx, idx)], names, names)
    macros = {**e.macros, EQUATION_COLUMN: "1"} if strip else e.macros  # (only in outreg2's own table)
    return dataclasses.replace(e, matrices={**e.matrices, "b": b, "V": V}, macros=macros, posted_version=13.0)


def model_columns(e, opts: dict, keep: list[str], drop: list[str]) -> list[tuple[str | None, object]]:
    """The table columns one model fills: [(heading or None, results)], None keeping the
    call's own heading (ctitle() or the depvar).  Wide: a column per equation kept, headed by its
    name, without base/omitted rows, holding only the coefficients keep()/drop() leave (their
    patterns read with the equation, ``drop(/:cut1)``, before it is stripped); one column: the
    model with the equations kept."""
    coefs = e.stata_coefficients() if hasattr(e, "stata_coefficients") else e.coefficients()
    eqs = _equations(coefs.names)
    if len(eqs) <= 1 or e.cmd in _EQSINGLE:
        return [(None, e)]
    eqkeep, eqdrop = equation_lists(opts)
    if eqkeep:
        missing = [q for q in eqkeep if q not in eqs]
        if missing:
            raise StataError(f"equation {missing[0]} not found", 111)
        chosen = list(dict.fromkeys(eqkeep))
    else:
        chosen = [q for q in eqs if q not in eqdrop]
    if not chosen:
        raise StataError("eqdrop() drops every equation", 198)
    if one_column(opts, e):  # makeFile drops the base/omitted rows here too (mlogit's base outcome)
        cols = [j for q in chosen for j, n in enumerate(coefs.names)
                if split_eq(n)[0] == q and not _dropped(n, coefs, j)]
        if len(cols) == len(coefs.names):
            return [(None, e)]
        return [(None, _restricted(e, coefs, cols, strip=False))]
    out = []
    for q in chosen:
        cols = [j for j, n in enumerate(coefs.names) if split_eq(n)[0] == q and not _dropped(n, coefs, j)
                and _kept(n, keep, drop)]
        out.append((q, _restricted(e, coefs, cols, strip=True)))
    return out


def _kept(full: str, keep: list[str], drop: list[str]) -> bool:
    """keep()/drop() (and the varlist) on ``eq:name`` as esttab's machinery reads them."""
    from mlmcli.estimation.estout import matches

    eq, name = split_eq(full)
    shown = "#".join(p.text(markers=False) for p in parse_coef_name(name).parts)
    if keep and not any(matches(p, eq, shown) for p in keep):
        return False
    return not any(matches(p, eq, shown) for p in drop)


def stripped_names(columns) -> list[str]:
    """The coefficient names of the wide columns' results (to keep them when keep() is typed:
    their own patterns were read before the equation was stripped)."""
    out: list[str] = []
    for e in columns:
        for full in e.matrices["b"].colnames:
            name = "#".join(p.text(markers=False) for p in parse_coef_name(full).parts)
            if name not in out:
                out.append(name)
    return out


def row_order(results) -> list[str]:
    """The coefficient rows of a table holding wide columns, as appendFile merges them: each
    name where it first appears from the first column on (a later column's new names after the
    earlier ones), ``_cons`` (Constant) last."""
    out: list[str] = []
    for e in results:
        coefs = e.stata_coefficients() if hasattr(e, "stata_coefficients") else e.coefficients()
        for full in coefs.names:
            name = "#".join(p.text(markers=False) for p in parse_coef_name(split_eq(full)[1]).parts)
            if name not in out:
                out.append(name)
    return [n for n in out if n != "_cons"] + (["_cons"] if "_cons" in out else [])


def _dropped(full: str, coefs, j: int) -> bool:
    """makeFile's "arbitary fix for o. missing zeros": a base or omitted coefficient whose
    coefficient and standard error are 0."""
    parsed = parse_coef_name(split_eq(full)[1])
    return parsed.is_base_or_omitted and float(coefs.b[j]) == 0 and not float(coefs.V[j, j]) > 0


def equation_names(results) -> list[str]:
    """Every equation name of the models' coefficients (the onecol EQUATION column's names)."""
    out: list[str] = []
    for e in results:
        coefs = e.stata_coefficients() if hasattr(e, "stata_coefficients") else e.coefficients()
        out += [q for q in _equations(coefs.names) if q and q not in out]
    return out
