"""Predictions as functions of the linear index: the pieces a fit's margins hook returns.

``margins`` differentiates a prediction p_i with respect to e(b) (the delta method) and
with respect to covariates (``dydx()``).  Every model that ``margins`` supports writes its
prediction as

    p_i = h(eta_i; a),    eta_i = x_i beta

with beta the first equation's estimable coefficients (X's columns) and a the other
parameters p depends on (cutpoints of an ordinal model; variance components of a
marginal GLMM mean), and tells ``margins`` h and its derivatives:

    response(eta, a) -> (p, dp/deta, d2p/deta2, dp/da (n x m) or None, d2p/deta da (n x m) or None)

(numbers broadcast: the linear index returns 1.0 and 0.0).  A fit implements the hook
``margins_prediction(options) -> MarginsPrediction`` (``mlmcli.estimation.interface``)
and usually returns one of the classes below:

- ``LinearIndex(label)``: p = eta (``regress``; ``mixed``'s fixed portion xb);
- ``InverseLink(link, label)``: p = g^-1(eta) for ``logit``, ``probit``, ``cloglog``,
  ``log`` (poisson/nbreg counts: exp(eta)) and ``identity``;
- ``OrdinalProbability(link, k, cuts, label)``: Pr(y = outcome k) =
  F(c_k - eta) - F(c_{k-1} - eta), c_0 = -inf, c_K = +inf, F the logistic or normal cdf,
  with a = the cutpoints (their e(b) names in ``cuts``).

A model whose prediction needs more (a marginal mean integrated over random effects)
implements the same two attributes and ``response`` itself.
"""
from __future__ import annotations

import numpy as np
from scipy import special

from mlmcli import distributions as stats

LINKS = ("identity", "logit", "probit", "cloglog", "log")


class LinearIndex:
    """p = eta: the linear prediction."""

    linear = True
    ancillary: tuple[str, ...] = ()

    def __init__(self, label: str):
        self.label = label

    def response(self, eta, a=None):
        return eta, 1.0, 0.0, None, None


def inverse_link(link: str, eta):
    """(g^-1(eta), its first and second derivatives)."""
    eta = np.asarray(eta, float)
    if link == "identity":
        return eta, np.ones_like(eta), np.zeros_like(eta)
    if link == "logit":
        p = special.expit(eta)
        d1 = p * (1 - p)
        return p, d1, d1 * (1 - 2 * p)
    if link == "probit":
        p = special.ndtr(eta)
        d1 = np.exp(-0.5 * eta * eta) / np.sqrt(2 * np.pi)
        return p, d1, -eta * d1
    if link == "cloglog":
        e = np.exp(np.minimum(eta, 700.0))
        p = -np.expm1(-e)
        d1 = np.exp(np.minimum(eta, 700.0) - e)
        return p, d1, d1 * (1 - e)
    if link == "log":
        p = np.exp(eta)
        return p, p, p
    raise ValueError(link)


class InverseLink:
    """p = g^-1(eta) for a GLM-type mean or probability."""

    linear = False
    ancillary: tuple[str, ...] = ()

    def __init__(self, link: str, label: str):
        if link not in LINKS:
            raise ValueError(link)
        self.link = link
        self.label = label
        self.linear = link == "identity"

    def response(self, eta, a=None):
        p, d1, d2 = inverse_link(self.link, eta)
        return p, d1, d2, None, None


def _cdf_pdf_slope(link: str, x):
    """F(x), f(x) = F'(x), f'(x) of the latent error; +-inf give the limits."""
    x = np.asarray(x, float)
    if link == "logit":
        F = special.expit(x)
        f = F * (1 - F)
        return F, f, f * (1 - 2 * F)
    f = stats.norm.pdf(x)
    finite = np.isfinite(x)  # -inf * 0 at the outer cutpoints would be nan (and a warning)
    return special.ndtr(x), f, np.where(finite, -np.where(finite, x, 0.0) * f, 0.0)


class OrdinalProbability:
    """Pr(y = outcome k) of an ordered logit/probit with cutpoints c (e(b) names ``cuts``)."""

    linear = False

    def __init__(self, link: str, k: int, cuts: tuple[str, ...], label: str):
        if link not in ("logit", "probit"):
            raise ValueError(link)
        self.link, self.k, self.ancillary, self.label = link, k, tuple(cuts), label

    def response(self, eta, a):
        eta = np.asarray(eta, float)
        K = len(self.ancillary) + 1
        a = np.asarray(a, float)
        hi = a[self.k] if self.k < K - 1 else np.inf
        lo = a[self.k - 1] if self.k > 0 else -np.inf
        F_hi, f_hi, s_hi = _cdf_pdf_slope(self.link, hi - eta)
        F_lo, f_lo, s_lo = _cdf_pdf_slope(self.link, lo - eta)
        p = F_hi - F_lo
        d1 = -(f_hi - f_lo)
        d2 = s_hi - s_lo
        da = np.zeros(eta.shape + (K - 1,))
        d1a = np.zeros(eta.shape + (K - 1,))
        if self.k < K - 1:
            da[..., self.k] = f_hi
            d1a[..., self.k] = -s_hi
        if self.k > 0:
            da[..., self.k - 1] = -f_lo
            d1a[..., self.k - 1] = s_lo
        return p, d1, d2, da, d1a


STOCHASTIC = "prediction is a function of possibly stochastic quantities other than e(b)"


def linear_prediction_for(options: str, label: str, statistics: tuple[str, ...],
                          stochastic: tuple[str, ...]) -> LinearIndex:
    """The hook of a linear model: ``predict()`` / ``predict(xb)`` is x b (``label``); the
    other ``predict`` statistics of the model (``stochastic``: residuals, BLUP-based fits,
    stdp) depend on more than e(b) and are refused as Stata refuses them."""
    from mlmcli.errors import StataError, option_not_allowed
    from mlmcli.syntax.options import read_options

    typed = read_options(options.replace(",", " "))
    if not typed or (len(typed) == 1 and typed[0].arg is None and typed[0].name in statistics):
        return LinearIndex(label)
    for o in typed:
        w = o.name
        if o.arg is not None or (w not in statistics
                                 and not any(s.startswith(w) or w.startswith(s) for s in stochastic)):
            raise option_not_allowed(w, o.arg)
    raise StataError(STOCHASTIC, 498)
