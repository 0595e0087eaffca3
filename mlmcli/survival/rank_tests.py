"""sts test's numbers: the weighted log-rank family (log-rank, Wilcoxon-Breslow-Gehan,
Tarone-Ware, Peto-Peto-Prentice, Fleming-Harrington), stratified or not, the test for trend
and the Cox regression-based test -- as Stata's logrank.ado, wilc_st.ado, tware_st.ado,
peto_st.ado, fh_st.ado, _sttrend.ado and ctst_st.ado compute them.

At each failure time t_j of a stratum: n_gj at risk (t0 < t_j <= t) and d_gj failing in
group g, n_j and d_j their sums, a weight W_j; then
  u_g = sum_j W_j (d_gj - n_gj d_j / n_j)
  V_gh = sum_j W_j^2 n_gj d_j (n_j - d_j) / (n_j (n_j - 1)) (delta_gh - n_hj / n_j)
summed over strata, chi2 = u V^- u' on k - 1 degrees of freedom.  W_j: 1 (log-rank), n_j
(Wilcoxon), sqrt(n_j) (Tarone-Ware), the stratum's modified Kaplan-Meier prod (1 - d/(n+1))
at t_j (Peto), S(t_j-)^p (1 - S(t_j-))^q of the stratum's Kaplan-Meier (Fleming-Harrington).
The ados give each record a weight and take, at t_j, the largest weight among the records
ending or entering at t_j; so does ``_record_weights``.  Numbers in, numbers out."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

@dataclass(frozen=True)
class RankTest:
    observed: np.ndarray   # events by group
    expected: np.ndarray   # sum n_g d / n (within strata)
    u: np.ndarray          # the weighted observed - expected (the "Sum of ranks")
    V: np.ndarray
    chi2: float
    df: int
    p: float
    omitted_strata: int    # strata without a failure
    hazard: np.ndarray | None = None   # cox: the relative hazards


@dataclass(frozen=True)
class _Stratum:
    times: np.ndarray      # failure times
    n: np.ndarray          # T x k at risk
    d: np.ndarray          # T x k failures
    weight: np.ndarray     # T


def _record_weights(kind: str, t0, t, d, w, p: float, q: float) -> np.ndarray:
    """Each record's weight from the stratum's pooled estimate at its _t (peto_st/fh_st)."""
    from mlmcli.survival.kaplan_meier import kaplan_meier

    km = kaplan_meier(t0, t, d, w)
    row = km.at(t)
    if kind == "peto":  # sts generate ns: prod (1 - d / (n + 1)) over the failure times <= _t
        ns = np.cumprod(1.0 - km.failed / (km.at_risk + 1.0))
        return np.where(row >= 0, ns[np.maximum(row, 0)], 1.0)
    s = np.where(row >= 0, km.survival[np.maximum(row, 0)], 1.0)
    # fh_st: the level of S just above the record's (its S(t-)); none (missing) at S = 1
    levels = np.unique(np.r_[s, 1.0])
    above = np.searchsorted(levels, s, side="right")
    prev = np.where(above < levels.size, levels[np.minimum(above, levels.size - 1)], np.nan)
    prev = np.where(s >= 1.0, np.nan, prev)
    with np.errstate(invalid="ignore"):
        return prev ** p * (1.0 - prev) ** q


def _stratum(kind, group, k, t0, t, d, w, p, q) -> _Stratum:
    times = np.unique(t[d != 0])
    n = np.zeros((times.size, k))
    f = np.zeros((times.size, k))
    for g in range(k):
        sel = group == g
        ts, t0s, ws, ds = t[sel], t0[sel], w[sel], d[sel]
        n[:, g] = [ws[(t0s < u) & (ts >= u)].sum() for u in times]
        f[:, g] = np.bincount(np.searchsorted(times, ts[ds != 0]), weights=ws[ds != 0], minlength=times.size)
    n_all = n.sum(1)
    if kind == "wilcoxon":
        weight = n_all
    elif kind == "tware":
        weight = np.sqrt(n_all)
    elif kind in ("peto", "fh"):
        record = _record_weights(kind, t0, t, d, w, p, q)
        weight = np.empty(times.size)
        for j, u in enumerate(times):
            here = record[(t == u) | (t0 == u)]
            # Stata sorts a missing weight last and keeps the last record: missing, summed as 0
            weight[j] = 0.0 if np.isnan(here).any() else here.max()
    else:
        weight = np.ones(times.size)
    return _Stratum(times, n, f, weight)


def rank_test(group, t0, t, d, weight=None, kind: str = "logrank", strata=None, p: float = 0.0,
              q: float = 0.0) -> RankTest:
    """The test of equal survivor functions across the groups coded 0..k-1 (module docstring),
    within the strata coded 0..m-1 (None: one stratum)."""
    from mlmcli.distributions import chi2 as chi2_dist

    group = np.asarray(group, np.int64)
    t0, t, d = (np.asarray(a, float) for a in (t0, t, d))
    w = np.ones_like(t) if weight is None else np.asarray(weight, float)
    strata = np.zeros(t.size, np.int64) if strata is None else np.asarray(strata, np.int64)
    k = int(group.max()) + 1
    observed, expected, u, V = np.zeros(k), np.zeros(k), np.zeros(k), np.zeros((k, k))
    omitted = 0
    for s in np.unique(strata):
        sel = strata == s
        if not (d[sel] != 0).any():
            omitted += 1
            continue
        part = _stratum(kind, group[sel], k, t0[sel], t[sel], d[sel], w[sel], p, q)
        n_all, d_all = part.n.sum(1), part.d.sum(1)
        share = part.n / n_all[:, None]
        observed += part.d.sum(0)
        expected += (share * d_all[:, None]).sum(0)
        u += (part.weight[:, None] * (part.d - share * d_all[:, None])).sum(0)
        for j in np.flatnonzero(n_all > 1):
            factor = part.weight[j] ** 2 * d_all[j] * (n_all[j] - d_all[j]) / (n_all[j] - 1)
            V += factor * (np.diag(share[j]) - np.outer(share[j], share[j]))
    chi2 = float(u @ np.linalg.pinv(V) @ u) if k > 1 else 0.0
    df = k - 1
    return RankTest(observed, expected, u, V, chi2, df, float(chi2_dist.sf(chi2, df)) if df else float("nan"),
                    omitted)


def trend_test(u: np.ndarray, V: np.ndarray, scores: np.ndarray) -> tuple[float, float]:
    """_sttrend: (chi2(1), p) of the score test with the groups' values as scores."""
    from mlmcli.distributions import chi2 as chi2_dist

    z = float(u @ scores)
    chi2 = z * z / float(scores @ V @ scores)
    return chi2, float(chi2_dist.sf(chi2, 1))


def cox_test(group, t0, t, d, weight=None, strata=None) -> RankTest:
    """ctst_st: stcox on the indicators of groups 2..k (Breslow ties, strata()), its LR chi2 and
    model df; relative hazards exp(b_g - mean b) with the mean weighted by expected events."""
    from mlmcli.distributions import chi2 as chi2_dist
    from mlmcli.survival.cox import CoxData, fit_cox
    from mlmcli.survival.cox_strata import StratifiedLikelihood
    from mlmcli.postest.coefficient_rows import safe_rank

    group = np.asarray(group, np.int64)
    t0, t, d = (np.asarray(a, float) for a in (t0, t, d))
    w = np.ones_like(t) if weight is None else np.asarray(weight, float)
    k = int(group.max()) + 1
    logrank = rank_test(group, t0, t, d, w, "logrank", strata)
    X = (group[:, None] == np.arange(1, k)[None, :]).astype(float)
    data = CoxData(t0, t, (d != 0).astype(float), X, w)
    lik = StratifiedLikelihood(data, strata)
    _, res, V, ll0 = fit_cox(data, likelihood=lik)
    b = np.r_[0.0, res.x]
    chi2 = 2.0 * (float(res.f) - ll0) if k > 1 else 0.0
    df = safe_rank(V) if k > 1 else 0
    mean = float(b @ logrank.expected / logrank.expected.sum())
    return RankTest(logrank.observed, logrank.expected, logrank.u, logrank.V, chi2, df,
                    float(chi2_dist.sf(chi2, df)) if df else float("nan"), logrank.omitted_strata,
                    np.exp(b - mean))
