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
    """Is this model written in one column (onecol, long, or forced long), not wide?"""
    if opts.get("wide"):
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
    return dataclasses.replace(e, matrices={**e.matrices, "b": b, "V": V}, posted_version=13.0)


def model_columns(e, opts: dict) -> list[tuple[str | None, object]]:
    """The table columns one model fills: [(heading or None, results)], None keeping the
    call's own heading (ctitle() or the depvar).  Wide: a column per equation kept, headed by its
    name, without base/omitted rows; one column: the model with the equations kept."""
    coefs = e.stata_coefficients() if hasattr(e, "stata_coefficients") else e.coefficients()
    eqs = _equations(coefs.names)
    if len(eqs) <= 1:
        return [(None, e)]
    keep, drop = equation_lists(opts)
    if keep:
        missing = [q for q in keep if q not in eqs]
        if missing:
            raise StataError(f"equation {missing[0]} not found", 111)
        chosen = list(dict.fromkeys(keep))
    else:
        chosen = [q for q in eqs if q not in drop]
    if not chosen:
        raise StataError("eqdrop() drops every equation", 198)
    if one_column(opts, e):
        if chosen == eqs:
            return [(None, e)]
        cols = [j for q in chosen for j, n in enumerate(coefs.names) if split_eq(n)[0] == q]
        return [(None, _restricted(e, coefs, cols, strip=False))]
    out = []
    for q in chosen:
        cols = [j for j, n in enumerate(coefs.names) if split_eq(n)[0] == q and not _dropped(n, coefs, j)]
        out.append((q, _restricted(e, coefs, cols, strip=True)))
    return out


def _dropped(full: str, coefs, j: int) -> bool:
    """makeFile's "arbitary fix for o. missing zeros": a base or omitted coefficient whose
    coefficient and standard error are 0."""
    parsed = parse_coef_name(split_eq(full)[1])
    return parsed.is_base_or_omitted and float(coefs.b[j]) == 0 and not float(coefs.V[j, j]) > 0
