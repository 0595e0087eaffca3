"""Hausman's specification test ([R] hausman, Methods and formulas):

    chi2 = (b - B)' (V_b - V_B)^+ (b - B)    on df = rank(V_b - V_B)

b, V_b: the estimator consistent under H0 and Ha; B, V_B: the one efficient under H0.
The coefficients compared are those of the first equation (all equations with
``alleqs``, chosen ones with ``equations()``), without the constant (unless
``constant``) and without coefficients whose variance is zero (base/omitted), matched
by equation:name.  ``sigmamore`` scales V_b by (s_B/s_b)^2 and ``sigmaless`` V_B by
(s_b/s_B)^2, s being each model's residual standard deviation.  ^+ is the
Moore-Penrose inverse (singular values below max * k * 1e-9 taken as zero); the test
notes when V_b - V_B is not positive definite.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import stats

from mlmcli.errors import StataError
from mlmcli.syntax.coefnames import split_eq


@dataclass(frozen=True)
class Estimates:
    """One model's coefficients: eq:name names, b, V and its residual SD (or None)."""

    names: tuple[str, ...]
    b: np.ndarray
    V: np.ndarray
    sigma: float | None = None


@dataclass(frozen=True)
class HausmanNumbers:
    names: tuple[str, ...]  # eq:name of the compared coefficients
    b: np.ndarray
    B: np.ndarray
    Vd: np.ndarray
    chi2: float
    df: int
    rank: int
    p: float
    positive_definite: bool


def _subset(est: Estimates, keep: list[int]) -> Estimates:
    return Estimates(tuple(est.names[i] for i in keep), est.b[keep], est.V[np.ix_(keep, keep)], est.sigma)


def _drop_zero_variance(est: Estimates) -> Estimates:
    keep = [i for i in range(len(est.names)) if est.V[i, i] != 0]
    if not keep:
        raise StataError("nothing to test", 498)
    return _subset(est, keep)


def _equations(est: Estimates) -> list[str]:
    out: list[str] = []
    for nm in est.names:
        eq = split_eq(nm)[0]
        if eq not in out:
            out.append(eq)
    return out


def _first_equation(est: Estimates) -> Estimates:
    first = _equations(est)[0]
    return _subset(est, [i for i, nm in enumerate(est.names) if split_eq(nm)[0] == first])


def _select(est: Estimates, wanted: list[int]) -> Estimates:
    """``equations()``: keep the listed equations (1-based) and call them comp1, comp2 ..."""
    eqs = _equations(est)
    keep, names = [], []
    for k, number in enumerate(wanted):
        if number > len(eqs):
            continue
        for i, nm in enumerate(est.names):
            if split_eq(nm)[0] == eqs[number - 1]:
                keep.append(i)
                names.append(f"comp{k + 1}:{split_eq(nm)[1]}")
    sub = _subset(est, keep)
    return Estimates(tuple(names), sub.b, sub.V, sub.sigma)


def _drop_constant(est: Estimates) -> Estimates:
    keep = [i for i, nm in enumerate(est.names) if split_eq(nm)[1] != "_cons"]
    if not keep:
        raise StataError("no common coefficients names (eq:coef), nothing to test", 498)
    return _subset(est, keep)


def _key(name: str) -> str:
    eq, nm = split_eq(name)
    return f"{eq or '_'}:{nm}"


def generalized_inverse(A: np.ndarray) -> tuple[np.ndarray, int]:
    """Moore-Penrose inverse and rank (singular values <= max * k * 1e-9 are zero)."""
    U, w, Vt = np.linalg.svd(A)
    tol = (w.max() if w.size else 0.0) * A.shape[1] * 1e-9
    inv_w = np.where(w > tol, 1.0 / np.where(w > tol, w, 1.0), 0.0)
    return (Vt.T * inv_w) @ U.T, int(np.sum(w > tol))


def hausman(consistent: Estimates, efficient: Estimates, *, equations: list[tuple[int, int]] | None = None,
            alleqs: bool = False, constant: bool = False, sigma: str | None = None,
            df: int | None = None) -> HausmanNumbers:
    e1, e2 = _drop_zero_variance(consistent), _drop_zero_variance(efficient)
    if equations:
        e1 = _select(e1, [a for a, _ in equations])
        e2 = _select(e2, [b for _, b in equations])
    elif not alleqs:
        e1, e2 = _first_equation(e1), _first_equation(e2)
    if not constant:
        e1, e2 = _drop_constant(e1), _drop_constant(e2)
    V1, V2 = e1.V, e2.V
    if sigma is not None:
        if e1.sigma is None or e2.sigma is None:
            raise StataError("Estimators do not save e(sigma) or e(rmse),\nsigma option not allowed", 198)
        if sigma == "more":
            V1 = (e2.sigma / e1.sigma) ** 2 * V1
        else:
            V2 = (e1.sigma / e2.sigma) ** 2 * V2
    index2 = {_key(nm): i for i, nm in enumerate(e2.names)}
    common = [i for i, nm in enumerate(e1.names) if _key(nm) in index2]
    if not common:
        raise StataError("no coefficients in common; specify equations(matchlist)\n"
                         "for problems with different equation names.", 498)
    j = [index2[_key(e1.names[i])] for i in common]
    b, B = e1.b[common], e2.b[j]
    Vd = V1[np.ix_(common, common)] - V2[np.ix_(j, j)]
    Vd = (Vd + Vd.T) / 2
    if not np.all(np.isfinite(Vd)):  # a variance past the double range (y near 1e150): syminv's refusal
        raise StataError("matrix has missing values", 504)
    pd = bool(np.linalg.eigvalsh(Vd).min() > 0) if Vd.size else False
    inv, rank = generalized_inverse(Vd)
    d = b - B
    chi2 = float(d @ inv @ d)
    dof = rank if df is None else df
    p = float(stats.chi2.sf(chi2, dof)) if dof > 0 and chi2 >= 0 else float("nan")
    return HausmanNumbers(tuple(e1.names[i] for i in common), b, B, Vd, chi2, dof, rank, p, pd)
