"""Empirical Bayes predictions of the random effects and fitted values.

b~ = Lambda u~ with (L L') u~ = Lambda'Z'W(y - X beta^) (the conditional modes,
= posterior means for a linear model).  Standard errors as Stata's
``predict, reses``:

- after ML: the conditional SD, sqrt(diag(sigma^2 Lambda C Lambda')) with C the
  group's diagonal block of (L L')^-1;
- after REML: the comparative SE, which adds the uncertainty of beta^:
  C + F (R_X R_X')^-1 F',  F = (L L')^-1 Lambda'Z'WX.

Fitted values: x beta^ + sum_k z_k b~_k[group_k].
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import numpy as np

from .blas_threads import single_threaded_blas
from .spec import MixedSpec


@dataclass(frozen=True)
class TermPredictions:
    """Per group of one term: ``modes`` (G, q) and ``se`` (G, q), columns as ``names``."""

    levelvar: str
    names: tuple[str, ...]
    modes: np.ndarray
    se: np.ndarray


def block_diag(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    out = np.zeros((a.shape[0] + b.shape[0], a.shape[1] + b.shape[1]))
    out[:a.shape[0], :a.shape[1]] = a
    out[a.shape[0]:, a.shape[1]:] = b
    return out


def merge_same_grouping(spec: MixedSpec, lams: list[np.ndarray]):
    """Terms with identical groups (``|| id: x || id: z``) as one block-diagonal term.

    Returns the merged spec, its Lambdas and, per original term, (merged index,
    column slice), so the factor's dense block stays small."""
    terms, merged_lams, where = [], [], []
    for t, lam in zip(spec.terms, lams):
        for k, m in enumerate(terms):
            if m.levelvar == t.levelvar and m.n_groups == t.n_groups and np.array_equal(m.group, t.group):
                q0 = m.Z.shape[1]
                terms[k] = dataclasses.replace(m, Z=np.column_stack([m.Z, t.Z]), names=m.names + t.names)
                merged_lams[k] = block_diag(merged_lams[k], lam)
                where.append((k, slice(q0, q0 + t.Z.shape[1])))
                break
        else:
            terms.append(t)
            merged_lams.append(lam)
            where.append((len(terms) - 1, slice(0, t.Z.shape[1])))
    return dataclasses.replace(spec, terms=tuple(terms)), merged_lams, where


def predict_random_effects(fit) -> list[TermPredictions]:
    """One TermPredictions per term of ``fit.spec`` (model order)."""
    model = fit.model
    if not fit.spec.terms:
        return []
    lams = model.lambdas(fit.theta)
    Vb = fit.V_beta / fit.sigma2 if (model.reml and model.p) else None
    mspec, mlams, where = merge_same_grouping(fit.spec, lams)
    from .blocked_cholesky import BlockedSystem

    system = model.blocked if len(mspec.terms) == len(fit.spec.terms) else BlockedSystem(mspec, model.obs_w)
    with single_threaded_blas():
        modes, var = system.modes_and_variances(mlams, fit.beta, Vb)
    out = []
    for t, (k, cols) in zip(fit.spec.terms, where):
        v = np.diagonal(var[k], axis1=1, axis2=2)[:, cols] * fit.sigma2
        out.append(TermPredictions(t.levelvar, tuple(t.names), modes[k][:, cols],
                                   np.sqrt(np.maximum(v, 0))))
    return out


def fitted_values(fit) -> np.ndarray:
    """x beta^ + Z b~ (all random effects)."""
    spec = fit.spec
    n = len(spec.y)
    yhat = fit.model.X @ fit.beta if fit.model.p else np.zeros(n)
    for t, pred in zip(spec.terms, predict_random_effects(fit)):
        Z = np.asarray(t.Z, float).reshape(n, -1)
        yhat = yhat + np.einsum("ij,ij->i", Z, pred.modes[t.group])
    return yhat
