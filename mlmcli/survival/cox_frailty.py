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


# failure times whose risk-set sum (with the common shift) is at least this enter the w blocks
# through the group sums with weights c_k / S0_k and c_k / S0_k^2 (far from overflow); the
# others (a diverging fit's) are summed alone, each scaled by its own largest x b
REGULAR_RISK_SET = 1e-100


class FrailtyLikelihood:
    """PPL(b, w) for one theta, its gradient and Hessian (Breslow or Efron ties: the group
    indicators are covariates with coefficients w), from per-group sums, never an observations
    x groups indicator matrix.  At failure time k (risk-set sums S0, S1; failures' E0, E1) the
    tied terms l = 0..M-1 (Breslow: one, with weight W_k) have phi = S0 - (l/M) E0 and the
    group shares s = (S0g - (l/M) E0g) / phi; summed over k and l,
        g_w = D - sum s,   H_ww = -diag(sum s) + sum s s',
        H_bw = -sum (S1g - (l/M) E1g) / phi + sum m s'   (m = (S1 - (l/M) E1) / phi),
    which ``_tie_weights`` turns into sums over k of S0g_k, E0g_k, S1g_k, E1g_k and their products
    with weights.  Risk-set sums by group (S0g: K x G) come from one bincount of the records' exit
    (and entry) rows and a running sum over the failure times; the failures' (E0g, E1g) enter only
    linearly, so failure by failure (a bincount over the groups), and so do S0g and S1g in the
    linear terms: record j is in the risk sets k < exit_j, so sum_k L_k S0g_k adds r_j times the
    running sum of L up to exit_j (``_linear``); the ww block's products by running sums too
    (``_outer_sum``).  With delayed entry (records leaving the risk sets before their exit) the
    linear and product terms are dense products with S0g and S1g instead."""

    def __init__(self, data: CoxData, groups: np.ndarray):
        self.data, self.groups = data, groups
        self.G = G = int(groups.max()) + 1
        dead = data.d == 1
        self.D = np.bincount(groups[dead], weights=data.w[dead], minlength=G)  # the PL's weighted failures
        self.count = np.bincount(groups[dead], minlength=G).astype(float)    # D_g of the marginal terms
        self.a = np.zeros(G)
        self.a[groups] = data.w  # the group's weight (its records' weights are equal)
        self.base = base = PartialLikelihood(data)
        self.K = K = len(base.times)
        # a record is in the risk sets of the failure times entry..exit-1 (base._exit_entry_rows)
        self._exit_rows = np.searchsorted(base.times, data.t, "right")
        self._entry_rows = np.searchsorted(base.times, data.t0, "right")
        self._entries = bool(self._entry_rows.any())
        self._dead = dead
        self._dead_time = base.event_group[dead]
        self._dead_group = groups[dead]

    def _group_risk_sums(self, values: np.ndarray) -> np.ndarray:
        """sum over each failure time's risk set of values (n), by group, last failure time
        first: row j is failure time K - 1 - j's (a running sum down contiguous rows, in place)."""
        size = (self.K + 1) * self.G
        rows = np.bincount((self.K - self._exit_rows) * self.G + self.groups, weights=values, minlength=size)
        if self._entries:
            rows -= np.bincount((self.K - self._entry_rows) * self.G + self.groups, weights=values, minlength=size)
        rows = rows.reshape(self.K + 1, self.G)
        np.cumsum(rows, axis=0, out=rows)  # row j: the exit rows K - j ..
        return rows[:self.K]

    def _linear(self, L: np.ndarray, r: np.ndarray, S0g: np.ndarray) -> np.ndarray:
        """sum_k L_k S0g_k for the columns of L (K x q): q x G.  Without delayed entry record by
        record, r_j times the running sum of L over the failure times before exit_j (terms of
        L's signs only, as in the sum over k); with it the products with S0g (last time first)."""
        if self._entries:
            return np.stack([column[::-1] @ S0g for column in L.T])
        running = np.zeros((self.K + 1, L.shape[1]))
        np.cumsum(L, axis=0, out=running[1:])
        return self._by_group(r[:, None] * running[self._exit_rows], self.groups)

    def _by_group(self, values: np.ndarray, groups: np.ndarray) -> np.ndarray:
        """sum of the rows of values (n x p) by group: p x G."""
        return np.stack([np.bincount(groups, weights=values[:, j], minlength=self.G) for j in range(values.shape[1])]) \
            if values.shape[1] else np.zeros((0, self.G))

    def evaluate(self, b: np.ndarray, w: np.ndarray, nu: float):
        data, base = self.data, self.base
        offset = w[self.groups] if data.offset is None else data.offset + w[self.groups]
        base.data = replace(data, offset=offset)
        ll, gb, Hbb = base.evaluate(b)
        base.data = data
        X = data.X
        eta = (X @ b if X.shape[1] else 0.0) + offset
        r = data.w * np.exp(eta - np.max(eta))
        rx = r[:, None] * X
        S0, S1 = base._risk_sums(r), base._risk_sums(rx)
        efron = data.ties == "efron"
        E0, E1 = (base._death_sums(r), base._death_sums(rx)) if efron else (None, None)
        regular = S0 >= REGULAR_RISK_SET
        alone = np.flatnonzero(~regular)
        if alone.size:  # each of these risk sets scaled by its own largest x b (cox.py)
            S0, S1 = S0.copy(), S1.copy()
            sums = [self._sums_alone(k, eta) for k in alone]
            S0[alone], S1[alone] = [t[0] for t in sums], [t[1] for t in sums]
            if efron:
                E0, E1 = E0.copy(), E1.copy()
                E0[alone], E1[alone] = [t[4] for t in sums], [t[5] for t in sums]
        weights = self._tie_weights(S0, E0)  # a1, b1, alpha, beta, gamma
        mean = S1 / S0[:, None]
        eps = E1 / S0[:, None] if efron else np.zeros_like(mean)
        # the regular failure times, from the group sums with the common shift
        a1, b1, alpha, beta, gamma = (np.where(regular, v, 0.0) / np.where(regular, S0, 1.0) for v in weights)
        S0g = self._group_risk_sums(r)  # last failure time first
        linear = self._linear(np.column_stack([a1, alpha[:, None] * mean - beta[:, None] * eps]), r, S0g)
        shares = linear[0]                                              # sum s (without the ties' part)
        Hbw = linear[1:] - self._linear_rx(a1, rx)
        Hww = self._outer_sum(alpha / np.where(regular, S0, 1.0), r, S0g)
        if efron:  # the failures' group sums, failure by failure
            k, g = self._dead_time, self._dead_group
            rd, rxd = r[self._dead], rx[self._dead]
            shares = shares - np.bincount(g, weights=b1[k] * rd, minlength=self.G)
            Hbw += self._by_group(rxd * b1[k, None], g) \
                + self._by_group((gamma[:, None] * eps - beta[:, None] * mean)[k] * rd[:, None], g)
            from scipy.sparse import csr_matrix

            E = csr_matrix((rd, (k, g)), shape=(self.K, self.G))  # E0g (duplicates summed)
            beta_e = csr_matrix((rd * (beta / np.where(regular, S0, 1.0))[k], (self.K - 1 - k, g)), shape=S0g.shape)
            P = beta_e.T @ S0g                                       # sum beta_k e_k s_k'
            Hww += (E.T @ E.multiply((gamma / np.where(regular, S0, 1.0))[:, None])).toarray() - P - P.T
        for k, (_, _, s0g, s1g, _, _, e0g, e1g) in zip(alone, sums if alone.size else ()):
            a1, b1, alpha, beta, gamma = (v[k] for v in weights)
            s, e = s0g / S0[k], e0g / S0[k]
            a1, b1 = a1 / S0[k], b1 / S0[k]
            shares += a1 * s0g - b1 * e0g
            Hbw += np.outer(alpha * mean[k] - beta * eps[k], s) + np.outer(gamma * eps[k] - beta * mean[k], e) \
                - a1 * s1g + b1 * e1g
            Hww += alpha * np.outer(s, s) - beta * (np.outer(s, e) + np.outer(e, s)) + gamma * np.outer(e, e)
        gw = self.D - shares
        ew = np.exp(w)
        Hww[np.diag_indices(self.G)] -= shares + nu * self.a * ew
        gw = gw + nu * self.a * (1.0 - ew)
        p = len(b)
        grad = np.concatenate([gb, gw])
        H = np.zeros((p + self.G, p + self.G))
        H[:p, :p], H[:p, p:], H[p:, :p], H[p:, p:] = Hbb, Hbw, Hbw.T, Hww
        return ll + nu * float(self.a @ (w - ew)), grad, H

    def _tie_weights(self, S0: np.ndarray, E0: np.ndarray | None):
        """Per failure time, the sums over its tied terms l = 0..M-1 (c = l/M, q = S0 / phi) of
        q, c q, q^2, c q^2, c^2 q^2: the weights of S0g, E0g (and S1g, E1g) over S0 in the
        linear terms and of their products over S0^2 in the others.  Breslow's: W, 0, W, 0, 0."""
        W = self.base.W
        if E0 is None:
            zero = np.zeros(self.K)
            return W, zero, W, zero, zero
        k, c = self.base.tied_terms()
        q = S0[k] / (S0[k] - c * E0[k])
        return tuple(np.bincount(k, weights=v, minlength=self.K) for v in (q, c * q, q * q, c * q * q, c * c * q * q))

    def _linear_rx(self, a: np.ndarray, rx: np.ndarray) -> np.ndarray:
        """sum_k a_k S1g_k (p x G): without delayed entry record j (in the risk sets k < exit_j)
        adds r x times the running sum of a up to exit_j; with it, from S1g's columns."""
        if self._entries:
            return np.stack([a[::-1] @ self._group_risk_sums(rx[:, j]) for j in range(rx.shape[1])]) \
                if rx.shape[1] else np.zeros((0, self.G))
        running = np.concatenate([[0.0], np.cumsum(a)])
        return self._by_group(rx * running[self._exit_rows, None], self.groups)

    def _outer_sum(self, c: np.ndarray, r: np.ndarray, S0g: np.ndarray) -> np.ndarray:
        """sum_k c_k S0g_k S0g_k' (G x G; S0g last failure time first).  Without delayed entry by
        running sums: with R_m the records' r at exit row m by group (sparse), risk set k holds
        the rows m > k, so
            sum_k c_k S0g_k S0g_k' = sum_m C_m R_m R_m' + Q + Q',  C_m = sum_{k<m} c_k,
            Q = sum_m C_m R_m S0g_m'  (S0g_K = 0):
        n G operations, every term >= 0.  With delayed entry (R_m with signs, which would
        cancel) one dense product."""
        if self._entries:
            return (c[::-1, None] * S0g).T @ S0g
        from scipy.sparse import csr_matrix

        C = np.concatenate([[0.0], np.cumsum(c)])
        m = self._exit_rows
        R = csr_matrix((r, (m, self.groups)), shape=(self.K + 1, self.G))  # duplicates summed
        CR = csr_matrix((r * C[m], (m, self.groups)), shape=(self.K + 1, self.G))
        inside = m < self.K  # S0g_K = 0; S0g_m is row K - 1 - m of S0g (last failure time first)
        Q = csr_matrix(((r * C[m])[inside], (self.K - 1 - m[inside], self.groups[inside])), shape=S0g.shape).T @ S0g
        return (R.T @ CR).toarray() + Q + Q.T

    def _sums_alone(self, k: int, eta: np.ndarray):
        """Failure time k's risk-set sums scaled by exp(-its largest x b): S0, S1, and by group
        S0g (G), S1g (p x G); then the same over its failures: E0, E1, E0g, E1g."""
        data = self.data
        at_risk = (data.t0 < self.base.times[k]) & (data.t >= self.base.times[k])
        r = np.where(at_risk, data.w * np.exp(np.minimum(eta - np.max(eta[at_risk]), 0.0)), 0.0)
        out = []
        for rows in (slice(None), self.base.dead & (self.base.event_group == k)):
            rk, X, groups = r[rows], data.X[rows], self.groups[rows]
            out += [float(rk.sum()), rk @ X, np.bincount(groups, weights=rk, minlength=self.G),
                    self._by_group(rk[:, None] * X, groups)]
        return out


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


def fit_shared_frailty(data: CoxData, groups: np.ndarray, on_iteration=None) -> FrailtyFit:
    """theta^ by the root of the profile score in ln theta, then the final penalized fit.
    ``on_iteration(i, loglik)``: the root finding's evaluations as the log numbers them."""
    from scipy.optimize import brentq

    lik = FrailtyLikelihood(data, groups)
    cache: dict[float, PenalizedFit] = {}
    history: list = []
    last = [None]
    logged_from = [None]  # where the log's iterations start in history: after the grid

    def fit_at(x: float) -> PenalizedFit:
        if x not in cache:
            nu = float(np.exp(-x))
            cache[x] = penalized_fit(lik, nu, last[0])
            last[0] = (cache[x].b, cache[x].w)
            history.append((x, marginal_loglik(cache[x], lik, nu)))
            if on_iteration is not None and logged_from[0] is not None:
                on_iteration(len(history) - 1 - logged_from[0], history[-1][1])
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
    n_grid = logged_from[0] = len(history)  # the progress line counts iterations after the grid
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
