"""gllamm's ``from(matrix)`` with ``copy`` and ``skip`` (help gllamm: starting values "from a
row vector ... the column names are used to match parameters unless copy; skip ignores
parameters of the matrix the model lacks"): the values in gllamm's parametrisation -- e(b)'s
names ``hi:ses``, ``lns1:_cons``, ``_cut11:_cons``, then per level (innermost first) the
Cholesky entries ``sch1_1:_cons`` / ``sch1_1:x`` (diagonal), ``sch1_2_1:_cons`` (below it,
correlated effects) -- carried to the engine's start: Sigma = L L' per level, its ln sd and
atanh corr (``glmm.cholesky_metric`` is the way back).  A level whose entries are not all
given keeps the engine's own start.
"""
from __future__ import annotations

import dataclasses

import numpy as np

from mlmcli.errors import StataError


def parameter_names(spec, design, model) -> list[str]:
    """gllamm's e(b) names before the fit (``gllamm_results.parameter_names``' order)."""
    from types import SimpleNamespace

    from mlmcli.commands.community.gllamm_results import parameter_names as eb_names
    from mlmcli.glmm.likelihood import GLMMModel

    engine = GLMMModel(spec)
    labels = tuple(lab for lab in design.labels if not (lab.base or lab.omitted))
    fake = SimpleNamespace(labels=labels, spec=spec, model=engine)
    return eb_names(fake, model), engine


def from_values(session, opts: dict, names: list[str]) -> np.ndarray | None:
    """from()'s values at the parameters ``names`` (nan where it gives none; ``copy``: by
    position, ``skip``: names the model lacks ignored), or None without from()."""
    from mlmcli.graphs.fpfit_ml_start import start_at

    if "from" not in opts:
        if opts.get("copy") or opts.get("skip"):
            raise StataError("gllamm: copy and skip need from()", 198)
        return None
    name = str(opts["from"]).strip()
    matrix = session.matrices.get(name)
    if matrix is None:
        raise StataError(f"matrix {name} not found", 111)
    values = np.asarray(matrix.values, float).ravel()
    if opts.get("copy"):
        if len(values) != len(names):  # ml init's copy: the lengths must agree
            raise StataError(f"{name}: {len(values)} values given, the model has {len(names)} parameters", 503)
        return start_at(("copy", tuple(values)), names)
    refs = tuple(f"[{c.split(':')[0]}]{c.split(':')[1]}" if ":" in c else c for c in matrix.colnames)
    return start_at(("names", tuple(zip(refs, values)), bool(opts.get("skip"))), names)


def with_start(session, spec, design, model, opts: dict):
    """``spec`` with the engine's start from ``from()``, ``copy``, ``skip``."""
    if "from" not in opts:
        from_values(session, opts, [])  # copy/skip alone: the error
        return spec
    names, engine = parameter_names(spec, design, model)
    given = from_values(session, opts, names)
    p, m = engine.p, engine.m
    theta = np.full(engine.k, np.nan)
    theta[:p + m] = given[:p + m]
    k = p + m
    levels = list(reversed(engine.structure.levels))  # gllamm's order: innermost first
    offsets, at = [], p + m
    for lv in engine.structure.levels:
        offsets.append(at)
        at += lv.n_est
    offsets = list(reversed(offsets))
    for lv, gl, off in zip(levels, model.levels, offsets):
        q = max(len(gl.variables), 1)
        correlated = model.correlated and q > 1
        n = q + (q * (q - 1) // 2 if correlated else 0)
        entries = given[k:k + n]
        k += n
        if not np.all(np.isfinite(entries)) or len(lv.blocks) != 1:
            continue
        L = np.diag(entries[:q])
        if correlated:
            L[np.tril_indices(q, -1)] = entries[q:]  # row-wise: (2,1), (3,1), (3,2) ...
        S = L @ L.T
        if np.all(np.diag(S) > 0):
            theta[off:off + lv.n_est] = lv.blocks[0].cov.est_from_cov(S)
    return dataclasses.replace(spec, fixed=dataclasses.replace(spec.fixed, start=theta))
