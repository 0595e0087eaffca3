"""Predictions of a fitted single-level GLM on the rows in memory, and its margins hook.

With eta = x b + offset (``nooffset``: without it) and F the inverse link:

- ``xb``: eta;  ``stdp``: sqrt(x V_b x') (the offset has no variance);
- ``pr`` (binary outcomes): Pr(y != 0) = F(eta);
- ``pr`` with outcome k (ordinal): F(kappa_k - eta) - F(kappa_{k-1} - eta),
  kappa_0 = -inf, kappa_K = +inf;
- ``n`` (counts): exp(eta), the expected number of events;  ``ir``: exp(x b), the
  incidence rate (the offset left out, as Stata's ``ir``).

The margins hook writes the same predictions as functions of x b (``mlmcli.margins.
response``); ``OffsetResponse`` carries the offset into margins: p_i = h(x_i b + offset_i) through the
margins engine's per-row hook (``row_response``), the offset (ln of the exposure)
read on the rows margins averages over.
"""
from __future__ import annotations

import numpy as np
from scipy import special

from ..errors import StataError, option_not_allowed

STATISTICS = {
    "bernoulli": ("pr", "xb", "stdp"),
    "binomial": ("pr", "xb", "stdp"),
    "poisson": ("n", "ir", "xb", "stdp"),
    "nbinomial": ("n", "ir", "xb", "stdp"),
    "ordinal": ("pr", "xb", "stdp"),
}
DEFAULT_STATISTIC = {"bernoulli": "pr", "binomial": "pr", "poisson": "n", "nbinomial": "n", "ordinal": "pr"}


def _cdf(link: str, x: np.ndarray) -> np.ndarray:
    if link == "logit":
        return special.expit(x)
    if link == "probit":
        return special.ndtr(x)
    return -np.expm1(-np.exp(np.minimum(x, 700.0)))


def response_probability(link: str, eta: np.ndarray) -> np.ndarray:
    """Pr(y != 0) = F(eta) of a binary model with ``link`` (logit, probit, cloglog)."""
    return _cdf(link, np.asarray(eta, float))


class GLMPredictions:
    """Mixed into ``GLMFit``: uses ``spec``, ``model``, ``beta``, ``anc``, ``V``."""

    # ---- statistics -------------------------------------------------------------
    def statistics(self) -> tuple[str, ...]:
        return STATISTICS.get(self.spec.family, ("xb", "stdp"))

    def default_statistic(self) -> str:
        return DEFAULT_STATISTIC.get(self.spec.family, "xb")

    def outcome_label(self, k: int) -> str:
        """``Pr(rating==3)`` for the k-th (0-based) ordinal category."""
        from .separation import stata_g
        return f"Pr({self.spec.depvar}=={stata_g(self.spec.categories[k])})"

    def outcome_index(self, typed: str) -> int:
        """``outcome(#2)`` (the second category) or ``outcome(3)`` (the category valued 3) -> 0-based."""
        cats = self.spec.categories
        text = typed.strip()
        try:
            if text.startswith("#"):
                k = int(text[1:])
                if 1 <= k <= len(cats):
                    return k - 1
            else:
                v = float(text)
                if v in cats:
                    return cats.index(v)
        except ValueError:
            pass
        raise StataError(f"outcome({text}) not found", 303 if text.startswith("#") else 111)

    def _offset(self, rows) -> np.ndarray:
        name = self.spec.offset_name
        if not name:
            return np.zeros(rows.n)
        if name.startswith("ln(") and name.endswith(")"):
            with np.errstate(divide="ignore", invalid="ignore"):
                t = rows.variable(name[3:-1])
                return np.where(t > 0, np.log(np.where(t > 0, t, 1.0)), np.nan)
        return rows.variable(name)

    def predict(self, statistic: str, rows, *, outcome: int | None = None, nooffset: bool = False) -> np.ndarray:
        """``statistic`` on every row in memory (NaN where a variable is missing)."""
        if statistic not in self.statistics():
            raise StataError(f"option {statistic} not allowed", 198)
        X = rows.fixed_design()
        p = self.model.p
        xb = X @ self.beta if p else np.zeros(rows.n)
        metric = getattr(self, "fitted_metric", None)
        if statistic == "stdp" and metric is not None and p:  # fitted on shifted columns: in that metric
            return metric.prediction_se(X, [j for j, lab in enumerate(self.labels) if not (lab.base or lab.omitted)])
        if statistic == "stdp":
            Vb = self.V[:p, :p]
            return np.sqrt(np.maximum(np.einsum("ij,jk,ik->i", X, Vb, X), 0)) if p else np.zeros(rows.n)
        if statistic == "ir":
            return np.exp(xb)
        eta = xb if nooffset else xb + self._offset(rows)
        if statistic == "xb":
            return eta
        if statistic == "n":
            return np.exp(eta)
        link = self.spec.link
        if self.spec.family == "ordinal":
            k = 0 if outcome is None else outcome
            K = len(self.spec.categories)
            hi = self.anc[k] if k < K - 1 else np.inf
            lo = self.anc[k - 1] if k > 0 else -np.inf
            return _cdf(link, hi - eta) - (_cdf(link, lo - eta) if k > 0 else 0.0)
        return _cdf(link, eta)

    # ---- margins hook -------------------------------------------------------------
    def margins_prediction(self, options: str):
        """margins' hook (``estimation.interface.MarginsFit``) for ``predict(options)``."""
        from ..margins.response import STOCHASTIC
        from ..syntax.options import read_options

        stat, outcome, nooffset, counts = None, None, False, None
        for opt in read_options(options):
            word = opt.name
            if word == "outcome" and opt.arg is not None and self.spec.family == "ordinal":
                outcome = self.outcome_index(opt.arg)
            elif word == "pr" and opt.arg is not None and counts is None and (
                    self.spec.family == "poisson" or (self.spec.family == "nbinomial" and self.spec.dispersion == "mean")):
                counts = opt.arg
            elif word == "nooffset" and opt.arg is None:
                nooffset = True
            elif word in self.statistics() and opt.arg is None and stat is None:
                stat = word
            elif word in ("stdp", "score", "scores", "residuals", "deviance", "pearson"):
                raise StataError(STOCHASTIC, 498)
            else:
                raise option_not_allowed(opt.name, opt.arg)
        if counts is not None:
            if stat is not None:
                raise StataError("only one statistic may be specified", 198)
            return self._count_probability(counts, nooffset)
        stat = stat or self.default_statistic()
        if stat == "stdp":
            raise StataError(STOCHASTIC, 498)
        base = self._margins_base(stat, outcome)
        if self.spec.offset_name and not nooffset and stat != "ir":
            return OffsetResponse(base, *self._offset_variable())
        return base

    def _count_probability(self, arg: str, nooffset: bool):
        """poisson's and nbreg's ``pr(n)`` and ``pr(a,b)`` (poisson_p, nbreg_p: Pr(y=n),
        Pr(a<=y<=b), b ``.`` for infinity) as a function of eta = x b + offset (and nbreg's
        lnalpha: the negative binomial with size 1/alpha), as tpoisson's hook writes them."""
        from scipy import stats

        from ..margins.equations import Equation, EquationsResponse, Offset, count_bounds, count_probability_label

        lo, hi, shown = count_bounds(arg)
        label = count_probability_label(self.spec.depvar, shown)
        nb = self.spec.family == "nbinomial"

        def probability(eta, etas):
            mu = np.exp(eta)
            if nb:
                size = np.exp(-etas[0])
                dist = stats.nbinom(size, size / (size + mu))
            else:
                dist = stats.poisson(mu)
            return (1.0 if np.isinf(hi) else dist.cdf(hi)) - (dist.cdf(lo - 1) if lo > 0 else 0.0)

        offset = None
        if self.spec.offset_name and not nooffset:
            offset = Offset(*self._offset_variable())
        names, equations = (("lnalpha:_cons",), (Equation(),)) if nb else ((), ())
        return EquationsResponse(label, probability, names, equations, offset)

    def _offset_variable(self) -> tuple[str, bool]:
        return offset_variable(self.spec.offset_name)

    def margins_variables(self) -> tuple[str, ...]:
        """Variables the margins predictions read besides X: the offset (or exposure) variable."""
        return (self._offset_variable()[0],) if self.spec.offset_name else ()

    def _margins_base(self, stat: str, outcome: int | None):
        from ..margins.response import InverseLink, LinearIndex, OrdinalProbability

        link, dep = self.spec.link, self.spec.depvar
        if stat == "xb":
            return LinearIndex("Linear prediction (log odds)" if link == "logit" and self.spec.family != "ordinal"
                               else "Linear prediction")
        if stat in ("n", "ir"):
            return InverseLink("log", "Predicted number of events" if stat == "n" else "Predicted incidence rate")
        if self.spec.family == "ordinal":
            k = 0 if outcome is None else outcome
            cuts = tuple(f"cut{j}:_cons" for j in range(1, len(self.spec.categories)))
            if link not in ("logit", "probit"):
                raise StataError(f"margins not available after ordinal {link} models", 498)
            return OrdinalProbability(link, k, cuts, self.outcome_label(k))
        return InverseLink(link, f"Pr({dep})")



def offset_variable(offset_name: str) -> tuple[str, bool]:
    """(variable, is it an exposure (its log enters)) of e(offset)'s ``v`` or ``ln(v)``."""
    if offset_name.startswith("ln(") and offset_name.endswith(")"):
        return offset_name[3:-1], True
    return offset_name, False


class OffsetResponse:
    """p = h(eta + offset) of a base prediction h; the offset read per row (margins' row hook)."""

    linear = False

    def __init__(self, base, variable: str, log: bool):
        self.base, self.variable, self.log = base, variable, log
        self.label, self.ancillary = base.label, base.ancillary

    def response(self, eta, a=None):  # without rows (no offset known): the base prediction
        return self.base.response(eta, a)

    def row_response(self, design, setting, eta, a):
        off = np.asarray(design.observed(self.variable), float)
        if self.log:
            with np.errstate(divide="ignore", invalid="ignore"):
                off = np.log(off)
        if hasattr(self.base, "row_response"):  # e.g. binomial trials read per row too
            return self.base.row_response(design, setting, np.asarray(eta, float) + off, a)
        return self.base.response(np.asarray(eta, float) + off, a)
