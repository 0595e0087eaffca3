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
    at_risk, failing, means = np.zeros(K), np.zeros(K), np.zeros((K, X.shape[1]))
    for k, M in enumerate(np.rint(lik.W).astype(int)):
        c = np.arange(M) / M
        phi = S0[k] - c * E0[k]
        at_risk[k], failing[k] = np.sum(1 / phi), np.sum((1 - c) / phi)
        means[k] = ((S1[k][None, :] - c[:, None] * E1[k][None, :]) / phi[:, None]).mean(axis=0)
    return at_risk, failing, means


def _alpha(r_dead: np.ndarray, w_dead: np.ndarray, at_risk_sum: float) -> float:
    """Kalbfleisch and Prentice's alpha_k (module docstring), by bisection on log alpha."""
    from scipy.optimize import brentq

    if np.sum(w_dead * r_dead) >= at_risk_sum * (1 - 1e-12):  # everyone at risk fails
        return 0.0
    if len(r_dead) == 1 and w_dead[0] == 1:
        return float((1 - r_dead[0] / at_risk_sum) ** (1 / r_dead[0]))

    def excess(u):
        return float(np.sum(w_dead * r_dead / -np.expm1(r_dead * u))) - at_risk_sum
    lo, hi = -1.0, -1e-12
    while excess(lo) > 0:
        lo *= 2
    while excess(hi) < 0:
        hi /= 1e3
    return float(np.exp(brentq(excess, lo, hi, xtol=1e-300, rtol=1e-15)))


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
    alphas = np.array([_alpha(risk[dead & (k == j)], data.w[dead & (k == j)], S0[j]) for j in range(len(lik.times))])
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
