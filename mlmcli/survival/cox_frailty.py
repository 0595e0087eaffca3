"""The gamma shared-frailty Cox model (stcox, shared()) by penalized partial likelihood, as
[ST] stcox's Methods and formulas describe it (Therneau and Grambsch).

Group g has frailty exp(w_g), gamma with mean 1 and variance theta; nu = 1/theta.  For fixed
theta the penalized partial likelihood
    PPL(b, w) = PL(b, w) + nu sum_g (w_g - exp(w_g))
(PL the Breslow or Efron partial likelihood with the offsets w_g of each record's group) is maximized
over (b, w) by Newton-Raphson; the profile (marginal) log likelihood of theta is
    log L_m = PPL(b^, w^) + sum_g [nu log nu - lgamma(nu) + lgamma(nu + D_g)
                                   - (nu + D_g) log(nu + D_g) + nu + D_g]
(D_g the group's failures), which tends to the Cox partial likelihood as theta -> 0.  theta^
maximizes it: by the envelope theorem d log L_m / d nu is the partial derivative at (b^, w^),
    sum_g [w_g - exp(w_g) + log nu - digamma(nu) + digamma(nu + D_g) - log(nu + D_g) + 1],
whose root in ln theta is found by bracketing; se(ln theta) comes from the derivative of that
score (the profile likelihood's curvature) and se(theta) = theta se(ln theta), as ml reports it
on /lntheta.  The variance of b is the b block of the inverse of minus the penalized Hessian:
conditional on theta, as Stata's note says.

stset iweights (stcox_fr takes only iweights, and only constant within group: its CheckWgt) are
group weights a_g: the partial likelihood weighted record by record and each group's penalty and
marginal term a_g times its own (D_g its count of failing records), the likelihood of each group
repeated a_g times when a_g is whole:
    log L_m = PL_w + sum_g a_g [nu (w_g - exp(w_g)) + nu log nu - lgamma(nu) + ...].
"""
from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
from scipy.special import digamma, gammaln

from mlmcli.survival.cox import FAINT_RISK_SET, CoxData, PartialLikelihood

LOWEST_LN_THETA = -12.0  # below it theta is taken as 0 (the Cox model), as stcox_fr's 1e-12 cut-off


@dataclass
class PenalizedFit:
    b: np.ndarray
    w: np.ndarray
    ppl: float
    V: np.ndarray        # the b block of (-H)^-1
    steps: int


class FrailtyLikelihood:
    """PPL(b, w) for one theta, its gradient and Hessian (Breslow or Efron ties: the group
    indicators are covariates with coefficients w, their blocks from the group-wise risk-set and
    death sums)."""

    def __init__(self, data: CoxData, groups: np.ndarray):
        self.data, self.groups = data, groups
        self.G = int(groups.max()) + 1
        self.onehot = np.zeros((len(groups), self.G))
        self.onehot[np.arange(len(groups)), groups] = 1.0
        dead = data.d == 1
        self.D = np.bincount(groups[dead], weights=data.w[dead], minlength=self.G)  # the PL's weighted failures
        self.count = np.bincount(groups[dead], minlength=self.G).astype(float)    # D_g of the marginal terms
        self.a = np.zeros(self.G)
        self.a[groups] = data.w  # the group's weight (its records' weights are equal)
        self.base = PartialLikelihood(data)

    def evaluate(self, b: np.ndarray, w: np.ndarray, nu: float):
        data, base = self.data, self.base
        offset = w[self.groups] if data.offset is None else data.offset + w[self.groups]
        base.data = replace(data, offset=offset)
        ll, gb, Hbb = base.evaluate(b)
        base.data = data
        eta = (data.X @ b if data.X.shape[1] else 0.0) + offset
        r = data.w * np.exp(eta - np.max(eta))
        S0 = base._risk_sums(r)
        S1 = base._risk_sums(r[:, None] * data.X)
        S0g = base._risk_sums(r[:, None] * self.onehot)                                   # K x G
        S1g = base._risk_sums(r[:, None, None] * data.X[:, :, None] * self.onehot[:, None, :])  # K x p x G
        deaths = None
        faint = np.flatnonzero(~(S0 > FAINT_RISK_SET))
        if faint.size:  # risk sets underflowing with the common shift: each scaled by its own (cox.py)
            deaths = self._death_blocks(r)
            for k in faint:
                at_risk = (data.t0 < base.times[k]) & (data.t >= base.times[k])
                rk = np.where(at_risk, data.w * np.exp(np.minimum(eta - np.max(eta[at_risk]), 0.0)), 0.0)
                S0[k], S1[k], S0g[k], S1g[k] = self._sums(rk, slice(None))
                failing = base.dead & (base.event_group == k)
                for block, value in zip(deaths, self._sums(rk, failing)):
                    block[k] = value
        ew = np.exp(w)
        if data.ties == "efron":
            gw, Hww, Hbw = self._efron_blocks(r, S0, S1, S0g, S1g, deaths)
        else:
            W = base.W
            s = S0g / S0[:, None]
            m = S1 / S0[:, None]
            gw = self.D - W @ s
            Hww = -np.diag(W @ s) + np.einsum("k,ki,kj->ij", W, s, s)
            Hbw = -np.einsum("k,kpg->pg", W / S0, S1g) + np.einsum("k,kp,kg->pg", W, m, s)
        gw = gw + nu * self.a * (1.0 - ew)
        Hww = Hww - np.diag(nu * self.a * ew)
        p = len(b)
        grad = np.concatenate([gb, gw])
        H = np.zeros((p + self.G, p + self.G))
        H[:p, :p], H[:p, p:], H[p:, :p], H[p:, p:] = Hbb, Hbw, Hbw.T, Hww
        return ll + nu * float(self.a @ (w - ew)), grad, H


    def _sums(self, r, rows):
        """sum over rows of r, r x, r 1_g, r x 1_g (one failure time's sums)."""
        X, onehot = self.data.X[rows], self.onehot[rows]
        r = r[rows]
        return (float(r.sum()), r @ X, r @ onehot, np.einsum("i,ip,ig->pg", r, X, onehot))

    def _death_blocks(self, r):
        base, X = self.base, self.data.X
        return (base._death_sums(r), base._death_sums(r[:, None] * X), base._death_sums(r[:, None] * self.onehot),
                base._death_sums(r[:, None, None] * X[:, :, None] * self.onehot[:, None, :]))

    def _efron_blocks(self, r, S0, S1, S0g, S1g, deaths=None):
        """The w gradient (without penalty) and the ww and bw Hessian blocks with Efron's
        approximation: at a failure time with M tied failures, l = 0..M-1, the risk set minus
        l/M of the failures' sums (``deaths``: those sums, already computed)."""
        base, X = self.base, self.data.X
        E0, E1, E0g, E1g = self._death_blocks(r) if deaths is None else deaths
        G, p = self.G, X.shape[1]
        gw, Hww, Hbw = self.D.copy(), np.zeros((G, G)), np.zeros((p, G))
        for k, M in enumerate(np.rint(base.W).astype(int)):
            for l in range(M):
                c = l / M
                phi = S0[k] - c * E0[k]
                s = (S0g[k] - c * E0g[k]) / phi
                m = (S1[k] - c * E1[k]) / phi
                gw -= s
                Hww -= np.diag(s) - np.outer(s, s)
                Hbw -= (S1g[k] - c * E1g[k]) / phi - np.outer(m, s)
        return gw, Hww, Hbw


def _solve(A: np.ndarray, g: np.ndarray) -> np.ndarray:
    """A^-1 g; a coefficient diverging (its Hessian entries underflowed to 0): the generalized
    inverse's step, which leaves it where it is."""
    try:
        return np.linalg.solve(A, g)
    except np.linalg.LinAlgError:
        return np.linalg.pinv(A) @ g


def _inverse(A: np.ndarray) -> np.ndarray:
    try:
        return np.linalg.inv(A)
    except np.linalg.LinAlgError:
        return np.linalg.pinv(A)


def penalized_fit(lik: FrailtyLikelihood, nu: float, start: tuple | None = None, iterate: int = 200) -> PenalizedFit:
    """Newton-Raphson with step halving on PPL from start (b, w) (zeros without)."""
    p = lik.data.X.shape[1]
    x = np.zeros(p + lik.G) if start is None else np.concatenate(start)
    f, g, H = lik.evaluate(x[:p], x[p:], nu)
    steps = 0
    for steps in range(1, iterate + 1):
        step = _solve(-H, g)
        t = 1.0
        while True:
            trial = x + t * step
            f_new, g_new, H_new = lik.evaluate(trial[:p], trial[p:], nu)
            if f_new >= f - 1e-12 * abs(f) or t < 1e-8:
                break
            t /= 2.0
        done = abs(f_new - f) < 1e-13 * (1.0 + abs(f)) and np.max(np.abs(t * step)) < 1e-9
        x, f, g, H = trial, f_new, g_new, H_new
        if done:
            break
    cov = _inverse(-H)
    return PenalizedFit(x[:p], x[p:], f, cov[:p, :p], steps)


def marginal_loglik(fit: PenalizedFit, lik: FrailtyLikelihood, nu: float) -> float:
    D = lik.count
    return fit.ppl + float(lik.a @ (nu * np.log(nu) - gammaln(nu) + gammaln(nu + D) - (nu + D) * np.log(nu + D) + nu + D))


def nu_score(fit: PenalizedFit, lik: FrailtyLikelihood, nu: float) -> float:
    """d log L_m / d nu at the penalized estimates (envelope theorem)."""
    D = lik.count
    return float(lik.a @ (fit.w - np.exp(fit.w) + np.log(nu) - digamma(nu) + digamma(nu + D) - np.log(nu + D) + 1.0))


@dataclass
class FrailtyFit:
    theta: float
    se_theta: float
    b: np.ndarray
    V: np.ndarray
    frailties: np.ndarray    # w^ of each group
    loglik: float            # log L_m(theta^)
    iterations: list         # log L_m at the root-finding evaluations (after the bracketing grid)


def fit_shared_frailty(data: CoxData, groups: np.ndarray) -> FrailtyFit:
    """theta^ by the root of the profile score in ln theta, then the final penalized fit."""
    from scipy.optimize import brentq

    lik = FrailtyLikelihood(data, groups)
    cache: dict[float, PenalizedFit] = {}
    history: list = []
    last = [None]

    def fit_at(x: float) -> PenalizedFit:
        if x not in cache:
            nu = float(np.exp(-x))
            cache[x] = penalized_fit(lik, nu, last[0])
            last[0] = (cache[x].b, cache[x].w)
            history.append((x, marginal_loglik(cache[x], lik, nu)))
        return cache[x]

    def score(x: float) -> float:  # d log L_m / d ln theta = -nu d/d nu
        nu = float(np.exp(-x))
        return -nu * nu_score(fit_at(x), lik, nu)

    # the grid from large theta down, warm starts following, as far as the first bracket: the
    # points below it do not change which bracket is taken (a penalized fit each, ~0.7 of the time
    # when they were all fitted)
    grid = np.arange(3.0, LOWEST_LN_THETA - 1e-9, -1.0)
    bracket, above = None, score(grid[0])
    for upper, lower in zip(grid[:-1], grid[1:]):
        below = score(lower)
        if above < 0 <= below:  # ln L_m rising below ``upper``... falling above: the maximum
            bracket = (lower, upper)
            break
        above = below
    n_grid = len(history)
    if bracket is None:  # the profile likelihood falls from theta = 0: the Cox model (theta = 0)
        return None
    root = brentq(score, *bracket, xtol=1e-13, rtol=1e-14, maxiter=200)
    h = 1e-4
    curvature = (score(root + h) - score(root - h)) / (2 * h)
    se_ln = float(np.sqrt(-1.0 / curvature)) if curvature < 0 else float("nan")
    theta = float(np.exp(root))
    final = penalized_fit(lik, 1.0 / theta, (fit_at(root).b, fit_at(root).w))
    return FrailtyFit(theta, theta * se_ln, final.b, final.V, final.w,
                      marginal_loglik(final, lik, 1.0 / theta), [ll for _, ll in history[n_grid:]])
