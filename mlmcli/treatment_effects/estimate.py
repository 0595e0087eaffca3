"""teffects ra, ipw, ipwra and aipw as one system of estimating equations (Stata's
_teffects_*_gmm: ``gmm ..., onestep`` from the separately fitted models).

Parameters in e(b)'s order: the effects (ATE/ATET rows of the non-control levels then the
control's POmean, or the POmeans of every level), the outcome models ``OME<level>`` (ra, ipwra,
aipw: one per level) and the treatment model ``TME<level>`` (ipw, ipwra, aipw: one per
non-control level).  Per observation, with s = 1 (ate, pomeans) or 1{t = treated} (atet) and
a = 1/p_t(x) of the level received (atet: p_treated(x)/p_t(x)):

- ra and ipwra effects: s (m_j(x) - mu_j) for pomeans; s (m_j - m_c - tau_j) and s (m_c - mu_c);
  ipwra's outcome scores are weighted by a;
- aipw effects: the same with m_j replaced by m_j + 1{t = j} (y - m_j)/p_j (unnormalized);
- ipw effects, with d = y - mu_c - sum_j tau_j 1{t = j}: a 1{t = j} (y - mu_j) for pomeans;
  a d 1{t = j} and a d (the normalized weighted means).

The variance is the sandwich G^-1 S G^-T with G the weighted sum of the equations' Jacobian
(central differences) and S the sum of the outer products of the weighted equations (pweights
squared, fweights once, summed within clusters under vce(cluster)); no small-sample factor,
as Stata's gmm.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from mlmcli.robust.cluster_sandwich import cluster_index, clustered_meat
from mlmcli.treatment_effects import models


@dataclass
class TreatmentData:
    y: np.ndarray
    t: np.ndarray                 # level codes 0..k-1, the control's code first
    X_out: np.ndarray | None      # outcome covariates (constant last), ra
    X_tr: np.ndarray | None       # treatment covariates (constant last), ipw
    w: np.ndarray                 # weights (ones when none)
    squared_weights: bool = False  # pweights: S weighs each equation by w twice
    cluster: np.ndarray | None = None


@dataclass
class TreatmentFit:
    theta: np.ndarray
    V: np.ndarray
    criteria: tuple[float, float]
    k_effects: int
    subpop: np.ndarray = field(repr=False, default=None)


class _System:
    def __init__(self, method, stat, omodel, tmodel, data, k_levels, treated_code):
        self.method, self.stat, self.omodel, self.tmodel = method, stat, omodel, tmodel
        self.d, self.k, self.treated = data, k_levels, treated_code
        self.ind = (data.t[:, None] == np.arange(k_levels)[None, :]).astype(float)
        self.k_eff = k_levels  # pomeans: one per level; ate/atet: k-1 effects and the control's POmean
        self.outcome = method != "ipw"
        self.treatment = method != "ra"
        self.p = data.X_out.shape[1] if self.outcome else 0
        self.q = data.X_tr.shape[1] if self.treatment else 0

    def split(self, theta):
        """(effects, outcome coefficients (p, k) or None, treatment coefficients (q, k-1) or None)."""
        e = theta[:self.k_eff]
        rest = theta[self.k_eff:]
        beta = gamma = None
        if self.outcome:
            beta, rest = rest[:self.k * self.p].reshape(self.k, self.p).T, rest[self.k * self.p:]
        if self.treatment:
            gamma = rest.reshape(self.k - 1, self.q).T
        return e, beta, gamma

    def subpop(self):
        if self.stat == "atet":
            return self.ind[:, self.treated]
        return np.ones(len(self.d.y))

    def probabilities(self, gamma):
        return models.level_probabilities(self.tmodel, self.d.X_tr @ gamma)

    def ipw_weights(self, probs):
        """1/p_t(x) of the level received; atet: p_treated(x)/p_t(x)."""
        own = (probs * self.ind).sum(axis=1)
        return (probs[:, self.treated] if self.stat == "atet" else 1.0) / own

    def _effects_of_means(self, values, eff, s):
        """s (v_j - mu_j) (pomeans), or s (v_j - v_c - tau_j) and s (v_c - mu_c)."""
        if self.stat == "pomeans":
            return [s * (values[:, j] - eff[j]) for j in range(self.k)]
        return [s * (values[:, j] - values[:, 0] - eff[j - 1]) for j in range(1, self.k)] + \
            [s * (values[:, 0] - eff[-1])]

    def moments(self, theta):
        """(n, K) per-observation equations, unweighted."""
        d, ind = self.d, self.ind
        eff, beta, gamma = self.split(theta)
        probs = self.probabilities(gamma) if self.treatment else None
        cols = []
        if self.method in ("ra", "ipwra"):
            cols += self._effects_of_means(models.outcome_mean(self.omodel, d.X_out @ beta), eff, self.subpop())
        elif self.method == "aipw":
            means = models.outcome_mean(self.omodel, d.X_out @ beta)
            augmented = means + ind * (d.y[:, None] - means) / probs
            cols += self._effects_of_means(augmented, eff, np.ones(len(d.y)))
        else:
            a = self.ipw_weights(probs)
            if self.stat == "pomeans":
                cols += [a * ind[:, j] * (d.y - eff[j]) for j in range(self.k)]
            else:
                resid = d.y - eff[-1] - ind[:, 1:] @ eff[:-1]
                cols += [a * resid * ind[:, j] for j in range(1, self.k)]
                cols.append(a * resid)
        if self.outcome:
            a = self.ipw_weights(probs) if self.method == "ipwra" else 1.0
            for j in range(self.k):
                r = models.outcome_residual_weight(self.omodel, d.y, d.X_out @ beta[:, j])
                cols.append((a * ind[:, j] * r)[:, None] * d.X_out)
        if self.treatment:
            r = models.treatment_residual_weights(self.tmodel, ind, d.X_tr @ gamma)
            for j in range(self.k - 1):
                cols.append(r[:, j][:, None] * d.X_tr)
        return np.column_stack([c if c.ndim == 2 else c[:, None] for c in cols])

    def start(self):
        d, ind, w = self.d, self.ind, self.d.w
        par = []
        probs = None
        if self.treatment:
            gamma = models.fit_treatment(self.tmodel, ind, d.X_tr, w)
            probs = self.probabilities(gamma)
        if self.outcome:
            ow = w * self.ipw_weights(probs) if self.method == "ipwra" else w
            rows = [ind[:, j] > 0 for j in range(self.k)]
            beta = np.column_stack([models.fit_glm(self.omodel, d.y[r], d.X_out[r], ow[r]) for r in rows])
            means = models.outcome_mean(self.omodel, d.X_out @ beta)
            par.append(beta.T.ravel())
        if self.treatment:
            par.append(gamma.T.ravel())
        if self.method in ("ra", "ipwra"):
            s = self.subpop() * w
            mu = (s[:, None] * means).sum(axis=0) / s.sum()
        elif self.method == "aipw":
            augmented = means + ind * (d.y[:, None] - means) / probs
            mu = (w[:, None] * augmented).sum(axis=0) / w.sum()
        else:
            a = self.ipw_weights(probs) * w
            mu = np.array([np.sum(a * ind[:, j] * d.y) / np.sum(a * ind[:, j]) for j in range(self.k)])
        eff = mu if self.stat == "pomeans" else np.concatenate([mu[1:] - mu[0], mu[:1]])
        return np.concatenate([eff] + par)

    def total(self, theta):
        return self.d.w @ self.moments(theta)

    def jacobian(self, theta):
        K = len(theta)
        G = np.empty((K, K))
        for c in range(K):
            h = 1e-6 * max(1.0, abs(theta[c]))
            up, dn = theta.copy(), theta.copy()
            up[c] += h
            dn[c] -= h
            G[:, c] = (self.total(up) - self.total(dn)) / (2 * h)
        return G


def fit_treatment_effects(method: str, stat: str, data: TreatmentData, k_levels: int, *, treated_code: int = 1,
                          omodel: str = "linear", tmodel: str = "logit") -> TreatmentFit:
    """Estimates, robust variance and the two EE criteria (at the start and after one Newton step)."""
    sysm = _System(method, stat, omodel, tmodel, data, k_levels, treated_code)
    theta = sysm.start()
    n = data.w.sum()
    g0 = sysm.total(theta) / n
    G = sysm.jacobian(theta)
    theta = theta - np.linalg.solve(G, sysm.total(theta))
    g1 = sysm.total(theta) / n
    G = sysm.jacobian(theta)
    # S = sum of w^2 g g' (pweights, and within clusters) or w g g' (fweights, unweighted)
    scale = data.w if data.squared_weights or data.cluster is not None else np.sqrt(data.w)
    m = sysm.moments(theta) * scale[:, None]
    S = clustered_meat(m, None if data.cluster is None else cluster_index(data.cluster)[0], adjust=False)
    Ginv = np.linalg.inv(G)
    V = Ginv @ S @ Ginv.T
    return TreatmentFit(theta, (V + V.T) / 2, (float(g0 @ g0), float(g1 @ g1)), sysm.k_eff, sysm.subpop())
