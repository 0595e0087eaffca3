"""A single-level GLM's log likelihood as a function of theta = (beta, alpha) (``GLMModel``),
and the starts ``fit_glm`` maximises it from: the constant-only model (``constant_only``,
Stata's ``Iteration 0``) and nbreg.ado's start of the full model (``nbreg_full_start``).

log L(theta) = sum_i w_i logf(y_i | eta_i; alpha),  eta_i = x_i beta + offset_i, alpha the
ancillary parameters in Stata's metric (cutpoints, ln alpha, ln delta, ln sigma).  Gradient
analytic; Hessian analytic in beta (X' diag(w d2) X) and in an ordinal model's cutpoints, by
central differences of the analytic gradient in the other ancillary rows.
"""
from __future__ import annotations

import numpy as np
from mlmcli import distributions as stats  # scipy.stats' numbers without its import

from ..results.glmm import IterationStep
from .family import Family
from .gamma_family import gamma_logs_start
from .newton import maximize
from .spec import GLMSpec


def make_family(spec) -> Family:
    if getattr(spec, "censor", None) is not None:
        from .censored_gaussian import CensoredGaussian
        return CensoredGaussian(*spec.censor)
    ncat = len(spec.categories) if spec.family == "ordinal" else 0
    return Family(spec.family, spec.link, np.asarray(spec.y, float),
                  None if spec.trials is None else np.asarray(spec.trials, float),
                  spec.dispersion, ncat)


def ancillary_start(family: Family, y: np.ndarray, w: np.ndarray) -> np.ndarray:
    """Constant-only values of the ancillary parameters (cutpoints at the cumulative
    proportions; ln alpha = ln delta = 0; ln sigma = ln sd(y))."""
    if family.family == "ordinal":
        k = np.asarray(y, np.int64)
        cum = np.cumsum(np.bincount(k, weights=w, minlength=family.ncat + 1)[1:])[:-1] / w.sum()
        cum = np.clip(cum, 1e-6, 1 - 1e-6)
        if family.link == "logit":
            return np.log(cum / (1 - cum))
        if family.link == "probit":
            return stats.norm.ppf(cum)
        return np.log(-np.log1p(-cum))
    if family.family == "nbinomial":
        return np.array([0.0])
    if family.family == "gamma":
        return np.array([gamma_logs_start(y, w)])
    if family.family == "gaussian":
        m = np.average(y, weights=w)
        return np.array([0.5 * np.log(max(np.average((y - m) ** 2, weights=w), 1e-300))])
    return np.zeros(0)


def inverse_link(link: str, p: float) -> float:
    p = min(max(p, 1e-12), 1 - 1e-12)
    if link == "logit":
        return float(np.log(p / (1 - p)))
    if link == "probit":
        return float(stats.norm.ppf(p))
    return float(np.log(-np.log1p(-p)))


class GLMModel:
    """The log likelihood of a GLM spec as a function of theta = (beta, alpha)."""

    def __init__(self, spec: GLMSpec, family: Family | None = None, rows: np.ndarray | None = None):
        self.spec = spec
        n = spec.n
        self.rows = np.arange(n) if rows is None else rows
        fam = family or make_family(spec)
        self.family = fam if rows is None else fam.subset(self.rows)
        self.X = np.asarray(spec.X, float).reshape(n, -1)[self.rows]
        self.offset = (np.zeros(len(self.rows)) if spec.offset is None
                       else np.asarray(spec.offset, float)[self.rows])
        w = spec.obs_weights()
        self.w = np.ones(len(self.rows)) if w is None else w[self.rows]
        self.p = self.X.shape[1]
        self.m = self.family.n_anc
        self.k = self.p + self.m

    def eta(self, theta):
        # the latest x b kept for the same coefficients bit for bit: an iteration asks for it at
        # one b five times (the value, the gradient, the Hessian and the ancillary parameters'
        # differenced gradients, which move only those); callers do not write into it
        b = np.asarray(theta[:self.p], float)
        key = b.tobytes()
        if getattr(self, "_eta_key", None) != key:
            self._eta_value, self._eta_key = self.X @ b + self.offset, key
        return self._eta_value

    def obs_loglik(self, theta) -> np.ndarray:
        return self.w * self.family.logf(self.eta(theta), theta[self.p:])

    def loglik(self, theta) -> float:
        v = float(np.sum(self.obs_loglik(theta)))
        return v if np.isfinite(v) else -np.inf

    def influence(self, theta) -> np.ndarray:
        """Each row's influence on theta, (-H)^-1 s_j (a row of the result per estimation row)."""
        from ..mixed.inference import invert_negative_hessian

        return self.scores(theta) @ invert_negative_hessian(self.hessian(theta))

    def scores(self, theta) -> np.ndarray:
        """n x k per-observation gradient contributions."""
        eta = self.eta(theta)
        anc = theta[self.p:]
        (d1,) = self.family.derivs(eta, anc, 1)
        S = np.zeros((len(eta), self.k))
        S[:, :self.p] = self.X * (self.w * d1)[:, None]
        for idx, val in self.family.dlogf_danc(eta, anc):
            ok = idx >= 0
            S[np.flatnonzero(ok), self.p + idx[ok]] += (self.w * val)[ok]
        return S

    def gradient(self, theta) -> np.ndarray:
        eta = self.eta(theta)
        anc = theta[self.p:]
        (d1,) = self.family.derivs(eta, anc, 1)
        g = np.zeros(self.k)
        g[:self.p] = self.X.T @ (self.w * d1)
        for idx, val in self.family.dlogf_danc(eta, anc):
            weights, ok = self.w * val, idx >= 0
            if not ok.all():  # (all of them: nbreg's ln alpha, the same sums without the copies)
                idx, weights = idx[ok], weights[ok]
            g[self.p:] += np.bincount(idx, weights=weights, minlength=self.m)
        return g

    def hessian(self, theta) -> np.ndarray:
        if self.family.family == "ordinal":
            return self.ordinal_hessian(theta)
        eta = self.eta(theta)
        d1, d2 = self.family.derivs(eta, theta[self.p:], 2)
        H = np.zeros((self.k, self.k))
        H[:self.p, :self.p] = (self.X * (self.w * d2)[:, None]).T @ self.X
        for j in range(self.p, self.k):  # rows of the ancillary parameters: differences of the gradient
            h = 1e-5 * (1 + abs(theta[j]))
            e = np.zeros(self.k)
            e[j] = h
            col = (self.gradient(theta + e) - self.gradient(theta - e)) / (2 * h)
            H[:, j] = col
            H[j, :] = col
        return H

    def ordinal_hessian(self, theta) -> np.ndarray:
        """Analytic Hessian of an ordinal model.  With l = ln(F(a) - F(c)), a = kappa_y - eta,
        c = kappa_{y-1} - eta, P = F(a) - F(c), g_a = f(a)/P, g_c = f(c)/P, h = f'/P:
        l_aa = h_a - g_a^2, l_cc = -h_c - g_c^2, l_ac = g_a g_c; eta enters a and c with
        -1, kappa_y a and kappa_{y-1} c with +1."""
        eta = self.eta(theta)
        kappa = theta[self.p:]
        P, fa, fc, _, _ = self.family._ordinal_pieces(eta, kappa)
        ga, gc, ha, hc = fa[0] / P, fc[0] / P, fa[1] / P, fc[1] / P
        laa, lcc, lac = ha - ga * ga, -hc - gc * gc, ga * gc
        w = self.w
        k = self.family._k
        m = self.m
        upper = np.where(k < self.family.ncat, k - 1, -1)
        lower = np.where(k > 1, k - 2, -1)
        H = np.zeros((self.k, self.k))
        p = self.p
        H[:p, :p] = (self.X * (w * (laa + 2 * lac + lcc))[:, None]).T @ self.X
        for slot, val in ((upper, -(laa + lac)), (lower, -(lac + lcc))):
            ok = slot >= 0
            for j in range(p):
                H[j, p:] += np.bincount(slot[ok], weights=(w * val * self.X[:, j])[ok], minlength=m)
        H[p:, :p] = H[:p, p:].T
        for slot, val in ((upper, laa), (lower, lcc)):
            ok = slot >= 0
            H[np.arange(p, self.k), np.arange(p, self.k)] += np.bincount(slot[ok], weights=(w * val)[ok],
                                                                         minlength=m)
        both = (upper >= 0) & (lower >= 0)
        off = np.bincount(upper[both], weights=(w * lac)[both], minlength=m)[1:]
        idx = np.arange(p + 1, self.k)
        H[idx, idx - 1] += off
        H[idx - 1, idx] += off
        return H

    def grad_hess(self, theta):
        return self.gradient(theta), self.hessian(theta)


def constant_only(model: GLMModel, cons_col: int | None) -> tuple[np.ndarray, float, list[IterationStep]]:
    """theta of the constant-only model (ancillary parameters free) and its log likelihood."""
    spec, fam = model.spec, model.family
    theta = np.zeros(model.k)
    theta[model.p:] = ancillary_start(fam, fam.y, model.w)
    if cons_col is None and model.m == 0:
        return theta, model.loglik(theta), []
    # sub-model on [_cons] + ancillary
    free = ([cons_col] if cons_col is not None else []) + list(range(model.p, model.k))
    if cons_col is not None:
        if fam.family in ("bernoulli", "binomial"):
            pbar = np.sum(model.w * fam.y) / np.sum(model.w * fam.trials)
            theta[cons_col] = inverse_link(spec.link, pbar)
        elif fam.family in ("poisson", "nbinomial", "gamma"):
            theta[cons_col] = float(np.log(max(np.sum(model.w * fam.y), 1e-300)
                                           / np.sum(model.w * np.exp(model.offset))))
        elif fam.family == "gaussian":
            theta[cons_col] = float(np.average(fam.y - model.offset, weights=model.w))

    def f(z):
        t = theta.copy()
        t[free] = z
        return model.loglik(t)

    def gh(z):
        t = theta.copy()
        t[free] = z
        return model.gradient(t)[free], model.hessian(t)[np.ix_(free, free)]

    res = maximize(f, gh, theta[free], iterate=200)
    theta[free] = res.x
    return theta, res.f, res.steps


def nbreg_full_start(model: GLMModel, poisson_b: np.ndarray, theta0: np.ndarray, ll_0: float,
                     cons_col: int | None) -> np.ndarray:
    """nbreg.ado's start of the full model.  With a constant: the Poisson coefficients with the
    constant moved so that the (weighted) mean of x b, offset aside, is the constant-only
    model's constant, and that model's ln alpha (ln delta), if their log likelihood beats the
    constant-only model's; else the constant-only estimates (slopes 0).  noconstant: the
    Poisson coefficients and ln alpha (ln delta) 0."""
    if cons_col is None:
        return np.r_[poisson_b, np.zeros(model.m)]
    if model.p <= 1:
        return theta0.copy()
    b = poisson_b.copy()
    b[cons_col] += theta0[cons_col] - float(np.average(model.X @ b, weights=model.w))
    moved = np.r_[b, theta0[model.p:]]
    ll = model.loglik(moved)
    return moved if np.isfinite(ll) and ll > ll_0 else theta0.copy()
