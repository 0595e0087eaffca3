"""What predict computes after stcox from the fitted b ([ST] stcox postestimation), record by
record, each stratum with its own risk sets:

  hazard increments at failure time tau_k: Breslow dH_k = W_k / S0_k (also after exactm and
  exactp, at their b); Efron dH_k =
  sum_l 1 / (S0 - (l/M) E0) for the records still at risk and sum_l (1 - l/M) / (...) for those
  failing at tau_k (the tied failures share the time);
  basechazard  H0(t) = sum_{tau_k <= t} dH_k (x = 0, no offset)
  mgale        d_i - exp(eta_i) sum_{t0_i < tau_k <= t_i} dH_k (the record's own increments)
  basehc       1 - alpha_k, Kalbfleisch and Prentice's hazard contribution: alpha_k solves
               sum_{D_k} w r / (1 - alpha^r) = sum_{R_k} w r (r = exp(eta)); on failing records
  basesurv     S0(t) = prod_{tau_k <= t} alpha_k
  schoenfeld   x_i - the risk set's r-weighted mean of x at the record's failure time (Efron: the
               mean of the M partial means), on failing records
  scores       the efficient score residuals (PartialLikelihood.score_residuals).
  scaledsch    b + d V r_i (scaled_schoenfeld: Grambsch and Therneau's scaling, d the number
               of failures, V the model-based variance), on failing records.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mlmcli.survival.cox import CoxData, PartialLikelihood
from mlmcli.survival.cox_strata import subset


@dataclass
class CoxResiduals:
    mgale: np.ndarray
    basechazard: np.ndarray
    basesurv: np.ndarray
    basehc: np.ndarray
    schoenfeld: np.ndarray
    scores: np.ndarray


def cox_residuals(data: CoxData, strata: np.ndarray | None, b: np.ndarray) -> CoxResiduals:
    n, p = data.X.shape
    out = CoxResiduals(mgale=np.full(n, np.nan), basechazard=np.full(n, np.nan), basesurv=np.full(n, np.nan),
                       basehc=np.full(n, np.nan), schoenfeld=np.full((n, p), np.nan),
                       scores=np.full((n, p), np.nan))
    codes = np.zeros(n, int) if strata is None else np.unique(strata, return_inverse=True)[1]
    for g in range(int(codes.max()) + 1 if n else 0):
        rows = np.flatnonzero(codes == g)
        _stratum(subset(data, rows), b, out, rows)
    return out


def _increments(lik: PartialLikelihood, r: np.ndarray, X: np.ndarray):
    """(dH for those at risk, dH for those failing, the Schoenfeld means) at each failure time."""
    S0, S1 = lik._risk_sums(r), lik._risk_sums(r[:, None] * X)
    if lik.data.ties != "efron":
        return lik.W / S0, lik.W / S0, S1 / S0[:, None]
    E0, E1 = lik._death_sums(r), lik._death_sums(r[:, None] * X)
    K = len(lik.times)
    # Efron's M_k terms of every failure time side by side (tied_terms), summed per time
    k, c = lik.tied_terms()
    phi = S0[k] - c * E0[k]
    at_risk = np.bincount(k, 1 / phi, minlength=K)
    failing = np.bincount(k, (1 - c) / phi, minlength=K)
    M = np.bincount(k, minlength=K)
    partial = (S1[k] - c[:, None] * E1[k]) / phi[:, None]
    with np.errstate(invalid="ignore", divide="ignore"):  # M_k = 0 (weights rounding to 0): missing
        means = np.stack([np.bincount(k, partial[:, j], minlength=K) for j in range(X.shape[1])], axis=1) / M[:, None] \
            if X.shape[1] else np.zeros((K, 0))
    return at_risk, failing, means


def _alphas(r_dead: np.ndarray, w_dead: np.ndarray, k_dead: np.ndarray, at_risk_sums: np.ndarray) -> np.ndarray:
    """Kalbfleisch and Prentice's alpha_k (module docstring) of every failure time k: 0 when
    everyone at risk fails, the closed form (1 - r / S0)^(1 / r) for a lone unweighted failure,
    else the root in u = log alpha of sum_{D_k} w r / (1 - e^(r u)) = S0_k, increasing in u < 0,
    by bisection of all such times side by side down to adjacent doubles."""
    K = len(at_risk_sums)
    alphas = np.zeros(K)
    deaths = np.bincount(k_dead, minlength=K)
    failing = np.bincount(k_dead, w_dead * r_dead, minlength=K)
    solve = failing < at_risk_sums * (1 - 1e-12)
    lone = solve & (deaths == 1) & (np.bincount(k_dead, w_dead == 1, minlength=K) == 1)
    first = np.full(K, -1)
    first[k_dead[::-1]] = np.arange(len(k_dead))[::-1]
    r_lone = r_dead[first[lone]]
    alphas[lone] = (1 - r_lone / at_risk_sums[lone]) ** (1 / r_lone)
    tied = np.flatnonzero(solve & ~lone)
    if not len(tied):
        return alphas
    where = np.full(K, -1)
    where[tied] = np.arange(len(tied))
    on = where[k_dead] >= 0
    slot, r, w = where[k_dead[on]], r_dead[on], w_dead[on]
    target = at_risk_sums[tied]

    def excess(u):
        with np.errstate(divide="ignore", over="ignore"):
            return np.bincount(slot, w * r / -np.expm1(r * u[slot]), minlength=len(tied)) - target
    lo, hi = np.full(len(tied), -1.0), np.full(len(tied), -1e-12)
    while (low := excess(lo) > 0).any():
        lo[low] *= 2
    while (high := excess(hi) < 0).any():
        hi[high] /= 1e3
    for _ in range(2200):  # each pass halves every bracket; 2200 reach adjacent doubles from any start
        mid = 0.5 * (lo + hi)
        open_ = (mid != lo) & (mid != hi)
        if not open_.any():
            break
        below = excess(mid) < 0
        lo = np.where(open_ & below, mid, lo)
        hi = np.where(open_ & ~below, mid, hi)
    alphas[tied] = np.exp(0.5 * (lo + hi))
    return alphas


def _stratum(data: CoxData, b: np.ndarray, out: CoxResiduals, rows: np.ndarray) -> None:
    lik = PartialLikelihood(data)
    X = data.X
    eta = X @ b if X.shape[1] else np.zeros(len(data.t))
    if data.offset is not None:
        eta = eta + data.offset
    risk = np.exp(eta)
    r = data.w * risk
    dH_all, dH_dead, means = _increments(lik, r, X)
    ca = np.r_[0.0, np.cumsum(dH_all)]
    hi = np.searchsorted(lik.times, data.t, "right")
    lo = np.searchsorted(lik.times, data.t0, "right")
    exposure = ca[hi] - ca[lo]
    dead, k = lik.dead, lik.event_group
    exposure[dead] += dH_dead[k[dead]] - dH_all[k[dead]]
    out.mgale[rows] = data.d - risk * exposure
    out.basechazard[rows] = ca[hi]
    S0 = lik._risk_sums(r)
    alphas = _alphas(risk[dead], data.w[dead], k[dead], S0)
    out.basesurv[rows] = np.r_[1.0, np.cumprod(alphas)][hi]
    out.basehc[rows[dead]] = 1 - alphas[k[dead]]
    out.schoenfeld[rows[dead]] = X[dead] - means[k[dead]]
    out.scores[rows] = lik.score_residuals(b)


def scaled_schoenfeld(schoenfeld: np.ndarray, b: np.ndarray, V: np.ndarray, failures: float) -> np.ndarray:
    """b + d V r_i for each record's Schoenfeld residuals r_i (missing rows stay missing)."""
    return np.asarray(b, float)[None, :] + failures * (schoenfeld @ np.asarray(V, float))


def subject_sums(ds, sample: np.ndarray, values: np.ndarray) -> np.ndarray:
    """A subject's sum of values (rows of e(sample)) on its last record (by _t), missing elsewhere."""
    from mlmcli.panel.groups import group_codes

    ids = group_codes(ds, ds.chars["st_id"], sample)
    t = ds.numeric("_t")[sample]
    order = np.lexsort((t, ids))
    last = np.zeros(len(ids), bool)
    last[order[np.r_[ids[order][1:] != ids[order][:-1], True]]] = True
    sums = np.zeros((int(ids.max()) + 1,) + values.shape[1:])
    np.add.at(sums, ids, values)
    out = np.full(values.shape, np.nan)
    out[last] = sums[ids[last]]
    return out
