"""stcrreg's tvc() and texp(): Fine and Gray's model with covariates z g(t) whose value in the
risk set of a failure time tau_k is z g(tau_k) -- for every member, the competing-failed
subjects kept after their failure included (StataCorp: with tvc() "Stata can extrapolate
values ... past the time of the [competing event] because it has a mathematical expression
for doing so"; R's cmprsk::crr with cov2/tf computes the same).

Each member's covariate vector then depends on the failure time, so the risk-set sums are
taken on a failure-times-by-subjects grid: W[k, j] the subdistribution weight of subject j
at tau_k (1 while T_j >= tau_k, G(tau_k-)/G(T_j-) after a competing failure, 0 otherwise),
x_kj = (x_j, z_j g(tau_k)).  The likelihood, its derivatives, the score residuals with the
censoring term and the baseline are subdistribution_hazard's formulas with x_kj in place of
x_j (the term of G: q(u) = sum_{tau_k >= u} d_k/S0_k sum_{competing, T_j < u} W r (x_kj - xbar_k)).
"""
from __future__ import annotations

import numpy as np

from mlmcli.survival.subdistribution_hazard import SubdistributionLikelihood


class TimeVaryingSubdistribution(SubdistributionLikelihood):
    """SubdistributionLikelihood with the columns ``Z`` times g(tau_k) after data.X's."""

    def __init__(self, data, Z: np.ndarray, g: np.ndarray):
        super().__init__(data)
        order = self.order
        ts = self.ts
        # g at each failure time, read from the records whose _t it is (g one value per _t)
        g_sorted = g[order]
        g_tau = g_sorted[np.searchsorted(ts, self.times, "left")]
        Zs = Z[order]
        K, n = len(self.times), len(ts)
        self.grid = np.concatenate([np.broadcast_to(self.Xs, (K,) + self.Xs.shape),
                                    Zs[None, :, :] * g_tau[:, None, None]], axis=2)  # K x n x p
        at_risk = ts[None, :] >= self.times[:, None]
        later = self.competing[None, :] & ~at_risk
        self.W = np.where(at_risk, 1.0, np.where(later, self.G_tau[:, None] / self.G_subject[None, :], 0.0))
        self.W = self.W * self.ws[None, :]  # stset's weights
        self.later = later
        fail = self.st == 1
        self.fail_rows = np.flatnonzero(fail)
        self.fail_k = np.searchsorted(self.times, ts[fail])
        self.p = self.grid.shape[2]

    def _risk(self, b: np.ndarray):
        eta = (self.grid @ b if self.p else np.zeros(self.W.shape)) + self.offs[None, :]
        shift = float(np.max(eta)) if eta.size else 0.0
        r = self.W * np.exp(eta - shift)
        S0 = r.sum(axis=1)
        S1 = np.einsum("kj,kjp->kp", r, self.grid)
        return eta, shift, r, S0, S1

    def evaluate(self, b: np.ndarray, derivatives: bool = True):
        eta, shift, r, S0, S1 = self._risk(b)
        own = self.grid[self.fail_k, self.fail_rows]   # each failure's covariates at its time
        wf = self.ws[self.fail_rows]
        ll = float(wf @ eta[self.fail_k, self.fail_rows] - self.d @ (np.log(S0) + shift))
        mean = S1 / S0[:, None]
        grad = wf @ own - self.d @ mean
        H = np.zeros((self.p, self.p))
        if derivatives and self.p:
            S2 = np.einsum("kj,kjp,kjq->kpq", r, self.grid, self.grid)
            H = -np.einsum("k,kij->ij", self.d / S0, S2) + np.einsum("k,ki,kj->ij", self.d, mean, mean)
        return ll, grad, H

    def score_residuals(self, b: np.ndarray) -> np.ndarray:
        """u_i = eta_i + psi_i per subject, in the data's order (n x p)."""
        _, _, r, S0, S1 = self._risk(b)
        xbar = S1 / S0[:, None]
        a = self.d / S0
        centred = self.grid - xbar[:, None, :]                        # K x n x p
        U = -np.einsum("k,kj,kjp->jp", a, r, centred) / self.ws[:, None]  # per unit of weight
        U[self.fail_rows] += centred[self.fail_k, self.fail_rows]
        if self.cens_times.size:
            u = self.cens_times
            M = np.where(self.later[:, :, None], (a[:, None] * r)[:, :, None] * centred, 0.0)
            before = np.concatenate([np.zeros((M.shape[0], 1, self.p)), np.cumsum(M, axis=1)], axis=1)
            total = np.concatenate([np.cumsum(before[::-1], axis=0)[::-1], np.zeros((1,) + before.shape[1:])])
            from_k = np.searchsorted(self.times, u, "left")            # failure times >= u
            q = total[from_k, np.searchsorted(self.ts, u, "left")]     # subjects with T_j < u
            Y, c = self.cens_at_risk.astype(float), self.cens_counts
            compensator = np.concatenate([np.zeros((1, self.p)), np.cumsum(c[:, None] * q / (Y ** 2)[:, None], axis=0)])
            psi = -compensator[np.searchsorted(u, self.ts, "right")]
            cens = self.st == 0
            at = np.searchsorted(u, self.ts[cens])
            psi[cens] += q[at] / Y[at][:, None]
            U = U + psi
        out = np.empty_like(U)
        out[self.order] = U
        return out

    def baseline(self, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        _, shift, _, S0, _ = self._risk(b)
        return self.times, np.cumsum(self.d / (S0 * np.exp(shift)))
