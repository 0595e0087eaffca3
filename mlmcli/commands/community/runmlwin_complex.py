"""runmlwin models the mixed engine has no form for, fitted by ``mlmcli.mixed.level1_variance``:
complex level-1 variation (``level1(id: cons x [, elements(A)])``: the level-1 variance a
function of covariates) and ``elements()`` patterns at higher levels other than all or
diagonal.  The fixed part takes plain variables here (factor-variable terms are refused)."""
from __future__ import annotations

import math
import time

import numpy as np

from mlmcli.errors import StataError
from mlmcli.sorted_codes import matrix_row_codes


class FixedPartModel:
    """What ``predict`` needs: the fixed part's xb and its standard error (stdp)."""

    predict_default = "xb"
    predict_default_note = "(option xb assumed; fitted values)"  # Stata's _predict

    def __init__(self, names: list[str], beta: np.ndarray, V: np.ndarray):
        self.names, self.beta, self.V = list(names), np.asarray(beta, float), np.asarray(V, float)

    def predict(self, stat: str, rows) -> np.ndarray:
        X = np.column_stack([rows.variable(name) for name in self.names])
        if stat == "xb":
            return X @ self.beta
        if stat == "stdp":
            return np.sqrt(np.einsum("ij,jk,ik->i", X, self.V, X))
        raise StataError(f"option {stat} not allowed", 198)


def _units(columns: list[np.ndarray]) -> np.ndarray:
    """Codes 0.. of the units nested in ``columns`` (the ids from the highest level down)."""
    stacked = np.column_stack(columns)
    return matrix_row_codes(stacked)


def _start(session, names, parts_z, elements, resid_var, initsprevious: bool) -> np.ndarray:
    """Starting values: the previous runmlwin estimates of the same names (initsprevious), else
    a tenth of the residual variance at the higher levels, the rest at level 1, covariances 0."""
    theta, at = [], 0
    for k, (Z, elems) in enumerate(zip(parts_z, elements)):
        level1 = k == len(parts_z) - 1
        for i, j in elems:
            with np.errstate(over="ignore"):
                scale = max(float(np.mean(Z[:, i] ** 2)), 1e-12)
            if not np.isfinite(scale):  # a random-part variable near 1e300: its variance terms overflow
                raise StataError("initial values not feasible", 1400)
            theta.append(0.0 if i != j else (0.9 if level1 and i == 0 else 0.1) * resid_var / scale)
    theta = np.array(theta)
    e = session.e
    if initsprevious and e is not None and e.cmd == "runmlwin":
        prev = dict(zip(e.matrices["b"].colnames, np.asarray(e.matrices["b"].values, float).ravel()))
        for k, name in enumerate(names):
            if name in prev and np.isfinite(prev[name]):
                theta[k] = prev[name]
    return theta


def fit_complex(session, *, body, text, depvar, fixed, higher, level1, rows, reml, opts):
    from mlmcli.commands.community.runmlwin_results import param_name, post
    from mlmcli.mixed.level1_variance import RandomPart, fit, loglik_at

    if any(("." in t or "#" in t) for t in fixed):
        raise StataError("runmlwin: factor-variable terms with complex level-1 variation or partial elements() "
                         "are not available in mlm; generate the indicator variables", 198)
    data = session.data
    ids = [lv.idvar for lv in higher] + [level1.idvar]
    used = [depvar] + fixed + ids + [v for lv in higher + [level1] for v in lv.variables]
    sample = rows.copy()
    for name in dict.fromkeys(used):
        sample &= ~np.isnan(np.asarray(data.numeric(name), float))
    n = int(sample.sum())
    if n == 0:
        raise StataError("no observations", 2000)
    col = {name: np.asarray(data.numeric(name), float)[sample] for name in dict.fromkeys(used)}
    y = col[depvar]
    X = np.column_stack([col[v] for v in fixed]) if fixed else np.zeros((n, 0))
    if X.shape[1] == 0 or np.linalg.matrix_rank(X) < X.shape[1]:
        raise StataError("runmlwin: the fixed part is empty or collinear", 459)
    if n <= X.shape[1]:  # no residual variance to start the random part from
        raise StataError("insufficient observations", 2001)
    parts, codes = [], []
    for k, lv in enumerate(higher):
        codes.append(_units([col[v.idvar] for v in higher[:k + 1]]))
        if lv.variables:
            elems = tuple((i, j) for _, i, j in lv.parameters())
            parts.append(RandomPart(codes[-1], np.column_stack([col[v] for v in lv.variables]), elems))
    elems1 = tuple((i, j) for _, i, j in level1.parameters())
    part1 = RandomPart(np.arange(n), np.column_stack([col[v] for v in level1.variables]), elems1)
    rp_names = [f"RP{lv.number}:{param_name(kind, lv.variables, i, j)}"
                for lv in higher + [level1] for kind, i, j in lv.parameters()]
    resid = y - X @ np.linalg.lstsq(X, y, rcond=None)[0]
    theta0 = _start(session, rp_names, [p.Z for p in parts] + [part1.Z], [p.elements for p in parts] + [elems1],
                    float(resid @ resid / max(n - X.shape[1], 1)), bool(opts.get("initsprevious")))
    if not np.isfinite(loglik_at(theta0, y, X, parts, part1, reml)):
        theta0 = _start(session, rp_names, [p.Z for p in parts] + [part1.Z], [p.elements for p in parts] + [elems1],
                        float(resid @ resid / max(n - X.shape[1], 1)), False)
        if not np.isfinite(loglik_at(theta0, y, X, parts, part1, reml)):  # V not positive definite
            raise StataError("initial values not feasible", 1400)
    maxiter = int(str(opts["maxiterations"]).strip()) if "maxiterations" in opts else 1000
    start = time.perf_counter()
    result = fit(y, X, parts, part1, theta0, reml, maxiter=maxiter)
    seconds = time.perf_counter() - start
    groups = None
    if codes:
        sizes = [np.bincount(c) for c in codes]
        groups = [[len(s) for s in sizes], [s.min() for s in sizes], [s.mean() for s in sizes],
                  [s.max() for s in sizes]]
    names = [f"FP1:{v}" for v in fixed] + rp_names
    p = len(fixed)
    full_sample = np.zeros(data.nobs, bool)
    full_sample[np.flatnonzero(sample)] = True
    model = FixedPartModel(fixed, result.beta, result.V[:p, :p])
    return post(session, text=text, depvar=depvar, higher=higher, level1=level1, reml=reml, seconds=seconds,
                names=names, b=np.concatenate([result.beta, result.theta]), V=result.V, k_f=p, n=n,
                ll=result.ll, iterations=float(result.iterations), converged=result.converged and math.isfinite(
                    result.ll), groups=groups, sample=full_sample, model=model, design=None)

