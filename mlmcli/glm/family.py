"""Conditional distributions of a generalized linear model: log density and its
derivatives with respect to the linear predictor.

For an observation with outcome y and linear predictor eta (offset included)
every family gives

    logf(eta)                     log f(y | eta; alpha), all constants included
                                  (binomial coefficient, lgamma(y+1), ...) as
                                  Stata's log likelihoods include them;
    d1, d2, d3                    d^k logf / d eta^k  (observed, not expected);
    dlogf_danc                    d logf / d alpha_m for the ancillary parameters
                                  alpha in Stata's metric, as (index, value) pairs.

Families and links (``meglm``'s combinations):

- ``bernoulli`` / ``binomial`` (n trials): logf = y ln p + (n-y) ln(1-p) + ln C(n, y),
  p = F(eta) with F the inverse link: logit 1/(1+e^-eta), probit Phi(eta),
  cloglog 1 - exp(-e^eta).
- ``poisson`` (log): logf = y eta - e^eta - ln y!.
- ``nbinomial`` with ``dispersion("mean")`` (NB2, ancillary ``lnalpha``):
  m = 1/alpha, mu = e^eta,
  logf = lnG(y+m) - lnG(m) - ln y! + m ln(m/(m+mu)) + y ln(mu/(m+mu));
  with ``dispersion("constant")`` (NB1, ancillary ``lndelta``): m = mu/delta,
  logf = lnG(y+m) - lnG(m) - ln y! - m ln(1+delta) + y ln(delta/(1+delta)).
- ``ordinal`` (logit, probit, cloglog; ancillary cutpoints kappa_1 < ... < kappa_{K-1},
  y coded 1..K): logf = ln(F(kappa_y - eta) - F(kappa_{y-1} - eta)), kappa_0 = -inf,
  kappa_K = +inf.
- ``gaussian`` (identity; ancillary ``lnsigma`` = ln sd of the residual):
  logf = -ln sigma - ln(2 pi)/2 - (y-eta)^2 / (2 sigma^2).
- ``gamma`` (log; ancillary ``logs`` = ln of the scale s): ``gamma_family``.

Everything is vectorised: eta may have any shape whose leading axis matches y
(e.g. n x K quadrature nodes); y-dependent arrays broadcast along the trailing axes.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from scipy import special as sps

from .gamma_differences import lgamma_diff, polygamma_diff
from .gamma_family import gamma_derivs, gamma_dlogf_dlogs, gamma_logf
from .inverse_links import (LOG_2PI, binary_log_derivs, binary_log_probs, log_cdf, log_cdf_derivs, log_diff_cdf,
                            log_sf, logit_log_cdf_into, pdf_derivs)

LINKS = {
    "bernoulli": ("logit", "probit", "cloglog"),
    "binomial": ("logit", "probit", "cloglog"),
    "poisson": ("log",),
    "nbinomial": ("log",),
    "ordinal": ("logit", "probit", "cloglog"),
    "gaussian": ("identity",),
    "gamma": ("log",),
}
DEFAULT_LINK = {"bernoulli": "logit", "binomial": "logit", "poisson": "log", "nbinomial": "log",
                "ordinal": "logit", "gaussian": "identity", "gamma": "log"}


def _col(a: np.ndarray, ndim: int) -> np.ndarray:
    """Per-observation array shaped to broadcast against an eta with ``ndim`` axes."""
    a = np.asarray(a)
    return a.reshape(a.shape + (1,) * (ndim - a.ndim))


@dataclass
class Family:
    """One conditional distribution with its link, bound to the outcome data.

    ``y``: outcomes (n,); ``trials``: binomial n per observation (or None for 1);
    ``ncat``: number of ordinal categories (y already coded 1..K).
    ``n_anc``: number of ancillary parameters; ``anc_names``: their e(b) equation
    names (``cut1`` ... / ``lnalpha`` / ``lndelta`` / ``lnsigma``).
    """

    family: str
    link: str
    y: np.ndarray
    trials: np.ndarray | None = None
    dispersion: str = "mean"
    ncat: int = 0
    _const: np.ndarray = field(init=False, repr=False)

    def __post_init__(self):
        y = np.asarray(self.y, float)
        self.y = y
        if self.family in ("bernoulli", "binomial"):
            if self.family == "bernoulli":
                y = (y != 0).astype(float)
                self.y = y
                self._s = 2 * y - 1
            n = np.ones_like(y) if self.trials is None else np.asarray(self.trials, float)
            self.trials = n
            self._const = (sps.gammaln(n + 1) - sps.gammaln(y + 1) - sps.gammaln(n - y + 1)
                           if self.family == "binomial" else np.zeros_like(y))
        elif self.family in ("poisson", "nbinomial"):
            self._const = -sps.gammaln(y + 1)
        else:
            self._const = np.zeros_like(y)
        if self.family == "ordinal":
            self._k = y.astype(np.int64)  # 1..K
        self._rows = None

    # ---- ancillary parameters ---------------------------------------------
    @property
    def n_anc(self) -> int:
        if self.family == "ordinal":
            return self.ncat - 1
        return 1 if self.family in ("nbinomial", "gaussian", "gamma") else 0

    @property
    def anc_names(self) -> list[str]:
        if self.family == "ordinal":
            return [f"cut{k}" for k in range(1, self.ncat)]
        if self.family == "nbinomial":
            return ["lnalpha" if self.dispersion == "mean" else "lndelta"]
        if self.family == "gaussian":
            return ["lnsigma"]
        if self.family == "gamma":
            return ["logs"]
        return []

    def subset(self, rows: np.ndarray) -> "Family":
        """The same family on a subset of observations."""
        return Family(self.family, self.link, self.y[rows],
                      None if self.trials is None or self.family == "bernoulli" else self.trials[rows],
                      self.dispersion, self.ncat)

    # ---- log density -------------------------------------------------------
    def logf(self, eta: np.ndarray, anc: np.ndarray = ()) -> np.ndarray:
        nd = np.ndim(eta)
        y = _col(self.y, nd)
        c = _col(self._const, nd)
        fam = self.family
        if fam == "bernoulli" and self.link != "cloglog":
            return log_cdf_derivs(self.link, _col(self._s, nd) * eta, 0)[0]
        if fam in ("bernoulli", "binomial"):
            lp, lq = binary_log_probs(self.link, eta)
            n = _col(self.trials, nd)
            return c + np.where(y > 0, y * lp, 0.0) + np.where(n - y > 0, (n - y) * lq, 0.0)
        if fam == "poisson":
            return c + y * eta - np.exp(np.minimum(eta, 700.0))
        if fam == "nbinomial":
            mu = np.exp(np.minimum(eta, 700.0))
            if self.dispersion == "mean":
                alpha = np.exp(anc[0])
                m = 1.0 / alpha
                # m ln(m/(m+mu)) + y ln(mu/(m+mu)) = -m ln(1 + alpha mu) + y (ln(alpha mu) - ln(1+alpha mu))
                l1p = np.log1p(alpha * mu)
                return (c + lgamma_diff(m, y) - m * l1p
                        + y * (np.log(alpha) + eta - l1p))
            delta = np.exp(anc[0])
            m = mu / delta
            return (c + lgamma_diff(m, y) - m * np.log1p(delta)
                    + y * (anc[0] - np.log1p(delta)))
        if fam == "ordinal":
            return self._ordinal_logf(eta, np.asarray(anc, float))
        if fam == "gamma":
            return gamma_logf(y, eta, anc[0])
        # gaussian
        lns = anc[0]
        r = (y - eta) * np.exp(-lns)
        return -lns - 0.5 * LOG_2PI - 0.5 * r * r

    def logf_over(self, eta: np.ndarray, anc: np.ndarray = (), scratch: np.ndarray | None = None) -> np.ndarray:
        """``logf(eta, anc)`` written over ``eta`` (same bits), for callers that evaluate it
        again and again on work arrays; ``scratch``: a work array of eta's shape, which lets
        the Bernoulli logit density run without temporaries."""
        if self.family == "poisson" and scratch is not None:
            # logf's c + y eta - exp(min(eta, 700)) in place: the same products and sums
            np.minimum(eta, 700.0, out=scratch)
            np.exp(scratch, out=scratch)
            np.multiply(eta, _col(self.y, eta.ndim), out=eta)
            np.add(eta, _col(self._const, eta.ndim), out=eta)
            return np.subtract(eta, scratch, out=eta)
        if self.family == "bernoulli" and self.link == "logit" and scratch is not None:
            np.multiply(eta, _col(self._s, eta.ndim), out=eta)
            return logit_log_cdf_into(eta, scratch)
        if self.family == "nbinomial" and self.dispersion == "mean" and scratch is not None:
            return self._nbinomial_mean_over(eta, anc, scratch)
        eta[...] = self.logf(eta, anc)
        return eta

    def _nbinomial_mean_over(self, eta, anc, scratch):
        """logf's mean-dispersion negative binomial, c + lgamma_diff(m, y) - m l1p + y (ln alpha
        + eta - l1p), in place: the same operations in the same order (only the operands of
        a product or a sum swapped, which IEEE arithmetic leaves exact), without the five
        temporaries of eta's size (menbreg's quadrature evaluates it for every node)."""
        nd = eta.ndim
        alpha = np.exp(anc[0])
        m = 1.0 / alpha
        np.minimum(eta, 700.0, out=scratch)
        np.exp(scratch, out=scratch)                  # mu
        np.multiply(scratch, alpha, out=scratch)
        np.log1p(scratch, out=scratch)                # l1p
        np.add(eta, np.log(alpha), out=eta)
        np.subtract(eta, scratch, out=eta)
        np.multiply(eta, _col(self.y, nd), out=eta)   # y (ln alpha + eta - l1p)
        np.multiply(scratch, m, out=scratch)
        np.subtract(_col(self._const, nd) + lgamma_diff(m, _col(self.y, nd)), scratch, out=scratch)
        return np.add(scratch, eta, out=eta)

    def _cut_args(self, eta, kappa):
        nd = np.ndim(eta)
        k = self._k
        K = self.ncat
        big = np.inf
        cuts = np.concatenate([[-big], kappa, [big]])
        a = _col(cuts[k], nd) - eta
        c = _col(cuts[k - 1], nd) - eta
        return a, c, _col(k, nd), K

    def _category_rows(self):
        """Observations in the first, the last and the middle categories (row indices)."""
        if self._rows is None:
            k = self._k
            first, last = k == 1, k == self.ncat
            self._rows = (np.flatnonzero(first), np.flatnonzero(last), np.flatnonzero(~first & ~last))
        return self._rows

    def _ordinal_logf(self, eta, kappa):
        """ln F(kappa_1 - eta) in the first category, ln(1 - F(kappa_{K-1} - eta)) in the
        last, ln(F(kappa_k - eta) - F(kappa_{k-1} - eta)) between: each row evaluates only
        its own term."""
        eta = np.asarray(eta, float)
        nd = eta.ndim
        link = self.link
        first, last, mid = self._category_rows()
        out = np.empty(eta.shape)
        with np.errstate(invalid="ignore"):
            if first.size:
                out[first] = log_cdf(link, kappa[0] - eta[first])
            if last.size:
                out[last] = log_sf(link, kappa[self.ncat - 2] - eta[last])
            if mid.size:
                km, em = self._k[mid], eta[mid]
                a = _col(kappa[km - 1], nd) - em
                c = _col(kappa[km - 2], nd) - em
                out[mid] = log_diff_cdf(link, np.where(np.isfinite(a), a, 1.0),
                                         np.where(np.isfinite(c), c, 0.0))
        return out

    def logf_derivs(self, eta: np.ndarray, anc: np.ndarray = (), order: int = 2) -> list[np.ndarray]:
        """[logf, d1, ..., d_order] in one pass where the family shares work between them."""
        if self.family == "bernoulli" and self.link != "cloglog":
            sg = _col(self._s, np.ndim(eta))
            g = log_cdf_derivs(self.link, sg * eta, order)
            return [g[0]] + [(sg if i != 1 else 1.0) * g[i + 1] for i in range(order)]
        if self.family == "ordinal" and order:  # the derivatives need exp(logf): computed once
            kappa = np.asarray(anc, float)
            lf = self._ordinal_logf(eta, kappa)
            return [lf] + self._ordinal_derivs(eta, kappa, order, lf)
        return [self.logf(eta, anc)] + (list(self.derivs(eta, anc, order)) if order else [])

    # ---- derivatives with respect to eta --------------------------------------
    def derivs(self, eta: np.ndarray, anc: np.ndarray = (), order: int = 2):
        """(d1, d2[, d3]) of logf with respect to eta."""
        nd = np.ndim(eta)
        y = _col(self.y, nd)
        fam = self.family
        if fam == "bernoulli" and self.link != "cloglog":
            sg = _col(self._s, nd)
            g = log_cdf_derivs(self.link, sg * eta, order)
            out = [(sg if i != 1 else 1.0) * g[i + 1] for i in range(order)]
        elif fam in ("bernoulli", "binomial"):
            _, _, dp, dq = binary_log_derivs(self.link, eta)
            n = _col(self.trials, nd)
            out = [y * dp[i] + (n - y) * dq[i] for i in range(order)]
        elif fam == "poisson":
            mu = np.exp(np.minimum(eta, 700.0))
            out = [y - mu, -mu, -mu][:order]
        elif fam == "nbinomial":
            mu = np.exp(np.minimum(eta, 700.0))
            if self.dispersion == "mean":
                al = np.exp(anc[0])
                den = 1 + al * mu
                out = [(y - mu) / den]  # only the orders asked for (the gradient's calls want d1 alone)
                if order > 1:
                    out.append(-mu * (1 + al * y) / den ** 2)
                if order > 2:
                    out.append(-(1 + al * y) * mu * (1 - al * mu) / den ** 3)
            else:
                delta = np.exp(anc[0])
                m = mu / delta
                A = polygamma_diff(0, m, y) - np.log1p(delta)
                A1 = polygamma_diff(1, m, y)
                out = [m * A, m * (A + m * A1)]
                if order > 2:
                    A2 = polygamma_diff(2, m, y)
                    out.append(m * (A + 3 * m * A1 + m * m * A2))
                out = out[:order]
        elif fam == "ordinal":
            out = self._ordinal_derivs(eta, np.asarray(anc, float), order)
        elif fam == "gamma":
            out = gamma_derivs(y, eta, anc[0], order)
        else:
            s2 = np.exp(-2 * anc[0])
            out = [(y - eta) * s2, -s2 + 0 * eta, 0 * eta][:order]
        return tuple(out)

    def _ordinal_pieces(self, eta, kappa, lf=None):
        """P = F(a) - F(c) and f, f', f'' at a and c (0 at infinite cutpoints); ``lf``:
        ``_ordinal_logf(eta, kappa)`` when the caller has it."""
        a, c, k, K = self._cut_args(eta, kappa)
        fa = [np.where(np.isfinite(a), v, 0.0) for v in pdf_derivs(self.link, np.where(np.isfinite(a), a, 0.0))]
        fc = [np.where(np.isfinite(c), v, 0.0) for v in pdf_derivs(self.link, np.where(np.isfinite(c), c, 0.0))]
        P = np.exp(self._ordinal_logf(eta, kappa) if lf is None else lf)
        return P, fa, fc, k, K

    def _ordinal_derivs(self, eta, kappa, order, lf=None):
        P, fa, fc, _, _ = self._ordinal_pieces(eta, kappa, lf)
        # dP/deta = -(f(a) - f(c)), d2P = f'(a) - f'(c), d3P = -(f''(a) - f''(c))
        g1 = -(fa[0] - fc[0]) / P
        g2 = (fa[1] - fc[1]) / P
        out = [g1, g2 - g1 * g1]
        if order > 2:
            g3 = -(fa[2] - fc[2]) / P
            out.append(g3 - 3 * g2 * g1 + 2 * g1 ** 3)
        return out[:order]

    # ---- derivatives with respect to the ancillary parameters -----------------
    def dlogf_danc(self, eta: np.ndarray, anc: np.ndarray):
        """d logf / d alpha as a list of (index (n,) int, value (shape of eta)) pairs;
        index -1 marks observations that do not depend on that slot."""
        nd = np.ndim(eta)
        y = _col(self.y, nd)
        n = len(self.y)
        fam = self.family
        if fam == "nbinomial":
            mu = np.exp(np.minimum(eta, 700.0))
            if self.dispersion == "mean":
                al = np.exp(anc[0])
                m = 1 / al
                dm = (polygamma_diff(0, m, y) - np.log1p(al * mu)
                      + (mu - y) / (m + mu))
                return [(np.zeros(n, np.int64), -m * dm)]
            delta = np.exp(anc[0])
            m = mu / delta
            A = polygamma_diff(0, m, y) - np.log1p(delta)
            return [(np.zeros(n, np.int64), -m * A + (y - mu) / (1 + delta))]
        if fam == "gamma":
            return [(np.zeros(n, np.int64), gamma_dlogf_dlogs(y, eta, anc[0]))]
        if fam == "gaussian":
            r2 = (y - eta) ** 2 * np.exp(-2 * anc[0])
            return [(np.zeros(n, np.int64), r2 - 1)]
        if fam == "ordinal":
            P, fa, fc, k, K = self._ordinal_pieces(eta, np.asarray(anc, float))
            kk = self._k
            upper = np.where(kk < self.ncat, kk - 1, -1)   # kappa_k is slot k-1
            lower = np.where(kk > 1, kk - 2, -1)           # kappa_{k-1} is slot k-2
            return [(upper, fa[0] / P), (lower, -fc[0] / P)]
        return []

    def anc_dense(self, eta: np.ndarray, anc: np.ndarray, with_derivs: bool = False, h: float = 1e-6):
        """Per ancillary parameter j: d logf/d alpha_j as a dense array shaped like eta, and
        with ``with_derivs`` also d d1/d alpha_j and d d2/d alpha_j (central differences in
        alpha_j, per observation)."""
        anc = np.asarray(anc, float)
        out = []
        pairs = self.dlogf_danc(eta, anc)
        for j in range(self.n_anc):
            L = np.zeros(np.shape(eta))
            for idx, val in pairs:
                mask = _col(idx == j, np.ndim(eta))
                L = L + np.where(mask, val, 0.0)
            if not with_derivs:
                out.append((L,))
                continue
            e = np.zeros(len(anc))
            e[j] = h
            p1, p2 = self.derivs(eta, anc + e, 2), self.derivs(eta, anc - e, 2)
            out.append((L, (p1[0] - p2[0]) / (2 * h), (p1[1] - p2[1]) / (2 * h)))
        return out

    # ---- means and starting values ------------------------------------------
    def mean(self, eta: np.ndarray, anc: np.ndarray = ()) -> np.ndarray:
        """E(y | eta): n p for binomial families, mu for counts, eta for gaussian;
        for ordinal the expected category is not used (see ``category_probs``)."""
        fam = self.family
        if fam in ("bernoulli", "binomial"):
            return np.exp(log_cdf(self.link, eta)) * _col(self.trials, np.ndim(eta))
        if fam in ("poisson", "nbinomial", "gamma"):
            return np.exp(eta)
        return np.asarray(eta, float)

    def category_probs(self, eta: np.ndarray, kappa: np.ndarray) -> np.ndarray:
        """(n, K) probabilities of each ordinal category."""
        cuts = np.concatenate([[-np.inf], np.asarray(kappa, float), [np.inf]])
        F = np.empty((len(eta), len(cuts)))
        for j, ct in enumerate(cuts):
            F[:, j] = 0.0 if ct == -np.inf else (1.0 if ct == np.inf else np.exp(log_cdf(self.link, ct - eta)))
        return np.diff(F, axis=1)
