"""Seemingly unrelated estimation (``suest``): several fits' e(b) stacked into one vector and
their simultaneous sandwich variance, as suest.ado does it.

Each model i brings its coefficients b_i, its model-based variance V_i (the inverse of minus
its Hessian: the ``D`` of the sandwich) and its equation-level scores s_ie (d lnL_j / d xb_je
on every row of its estimation sample, 0 elsewhere).  The coefficient-level score of column k
of equation e is s_ie * x_k; stacked over the models, the scores U (n x K) give

    V = D (sum_c u_c u_c') D * M / (M - 1),      D = blockdiag(V_1, ..., V_m),

with u_c the sum of U's rows in cluster c (every observation its own cluster without
``vce(cluster)``) and M the number of clusters (the number of observations of the union of
the samples without): _robust's default ``minus(1)``.

``regress`` has no score of its own: suest.ado's Fix_regress adds an equation ``lnvar`` with
b = ln(s^2) (s = e(rmse)) and variance 2/N, the equations ``mean`` and ``lnvar`` with the
scores e/s^2 and (e^2/s^2 - 1)/2 (e the residual).

Equation names (FixEquationNames): with more than one model each equation ``eq`` of model
``name`` becomes ``name_eq`` (an unnamed equation: ``name``; ``.`` is ``_LAST``), cut to 32
characters; when the cut names are not distinct, ``name_1``, ``name_2``, ...  A single model
keeps its equation names.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mlmcli.syntax.coefnames import split_eq


@dataclass(frozen=True)
class ModelPart:
    """One model's share: coefficient names (``eq:name``), b, model-based V, the
    coefficient-level scores over every row (0 outside its sample) and its sample."""

    colnames: tuple[str, ...]
    b: np.ndarray
    V: np.ndarray
    scores: np.ndarray  # (n, k)
    sample: np.ndarray  # (n,) bool


def regress_lnvar(colnames, b, V, rmse: float, n_obs: float):
    """Fix_regress: the columns become ``mean:x`` and ``lnvar:_cons`` is appended with
    b = ln(rmse^2) and variance 2/N (REML variance, suest's default)."""
    k = len(colnames)
    names = tuple(f"mean:{split_eq(c)[1]}" for c in colnames) + ("lnvar:_cons",)
    b2 = np.append(np.asarray(b, float), np.log(rmse * rmse))
    V2 = np.zeros((k + 1, k + 1))
    V2[:k, :k] = V
    V2[k, k] = 2.0 / n_obs
    return names, b2, V2


def regress_scores(residual: np.ndarray, rmse: float) -> tuple[np.ndarray, np.ndarray]:
    """Fix_regress's score variables: e/s^2 and (e * e/s^2 - 1)/2."""
    var = rmse * rmse
    sc1 = residual / var
    return sc1, 0.5 * (residual * sc1 - 1.0)


def equations_in_order(colnames) -> list[str]:
    """The distinct equation names of ``colnames`` in order ("_" for an unnamed one)."""
    return list(dict.fromkeys(split_eq(c)[0] or "_" for c in colnames))


def renamed_columns(name: str, colnames, several: bool) -> tuple[tuple[str, ...], list[str]]:
    """(new ``eq:name`` columns, the model's own equation names): FixEquationNames when
    ``several`` models are combined, NoFixEquationNames (spaces -> ``_``) otherwise."""
    own = [eq.replace(" ", "_") for eq in equations_in_order(colnames)]
    if not several:
        return tuple(c if not split_eq(c)[0] else f"{split_eq(c)[0].replace(' ', '_')}:{split_eq(c)[1]}"
                     for c in colnames), own
    own = [eq.replace(".", ",") for eq in own]
    label = "_LAST" if name == "." else name
    if own == ["_"]:
        mapping = {"_": label}
    else:
        cut = [f"{label}_{eq}"[:32] for eq in own]
        if len(set(cut)) == len(cut):
            mapping = dict(zip(own, cut))
        else:
            mapping = {eq: f"{label}_{i}" for i, eq in enumerate(own, start=1)}
    out = []
    for c in colnames:
        eq, coef = split_eq(c)
        eq = (eq or "_").replace(" ", "_").replace(".", ",")
        out.append(f"{mapping[eq]}:{coef}")
    return tuple(out), own


def model_rank(V: np.ndarray) -> int:
    """colsof(V) - diag0cnt(syminv(V)): the columns of V that are not all zero and independent."""
    V = np.asarray(V, float)
    keep = np.flatnonzero(np.diag(V) > 0)
    if not len(keep):
        return 0
    sub = V[np.ix_(keep, keep)]
    scale = float(np.max(np.abs(np.diag(sub))))
    return int(np.linalg.matrix_rank(sub, tol=1e-13 * max(scale, 1e-300) * len(keep)))


@dataclass(frozen=True)
class Combined:
    """suest's e(b), e(V), e(N), e(N_clust) and e(rank)."""

    colnames: tuple[str, ...]
    b: np.ndarray
    V: np.ndarray
    n_obs: int
    n_clust: int | None
    rank: int


def combine(parts: list[ModelPart], cluster: np.ndarray | None = None, minus: int = 1,
            fweight: np.ndarray | None = None, weight: np.ndarray | None = None,
            normalise: bool = False) -> Combined:
    """The stacked b and the sandwich V of the module docstring over the union of the samples;
    ``cluster``: an integer code per row (any value outside the samples is ignored); ``minus``:
    _robust's k of the multiplier M / (M - k); ``fweight``: frequency weights (a row counts w
    times: sum_i w_i u_i u_i', N the sum of the weights; clusters sum w_i u_i).  e(N) stays the
    number of rows, as suest.ado's ``count if touse`` posts it.  ``weight``: aweights
    (``normalise``: rescaled to sum to the rows of the union, [U] 11.1.6) or iweights, which
    _robust treats as pweights: sum_c (sum_i w_i u_i)(...)', M the rows or the clusters."""
    touse = np.zeros(len(parts[0].sample), bool)
    for p in parts:
        touse |= p.sample
    D = _block_diagonal([np.asarray(p.V, float) for p in parts])
    U = np.hstack([np.where(p.sample[:, None], np.nan_to_num(p.scores), 0.0) for p in parts])[touse]
    n = int(touse.sum())
    w = None if fweight is None else np.asarray(fweight, float)[touse]
    if weight is not None:  # the rows' scores times their weights; the rows count once
        a = np.asarray(weight, float)[touse]
        U = U * (a * (n / a.sum()) if normalise else a)[:, None]
    if cluster is None:
        groups, m = (U, n) if w is None else (U * np.sqrt(w)[:, None], float(w.sum()))
        n_clust = None
    else:
        from mlmcli.robust.cluster_sandwich import cluster_index, cluster_sums

        inverse, m = cluster_index(np.asarray(cluster)[touse])
        groups = cluster_sums(U if w is None else U * w[:, None], inverse, m)
        n_clust = m
    meat = groups.T @ groups
    V = D @ meat @ D * (m / (m - minus) if m > minus else np.nan)
    V = (V + V.T) / 2.0
    names = tuple(c for p in parts for c in p.colnames)
    b = np.concatenate([np.asarray(p.b, float) for p in parts])
    return Combined(names, b, V, n, n_clust, sum(model_rank(p.V) for p in parts))


def _block_diagonal(blocks: list[np.ndarray]) -> np.ndarray:
    k = sum(bl.shape[0] for bl in blocks)
    out = np.zeros((k, k))
    at = 0
    for bl in blocks:
        j = bl.shape[0]
        out[at:at + j, at:at + j] = bl
        at += j
    return out
