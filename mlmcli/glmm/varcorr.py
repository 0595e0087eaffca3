"""A GLMM fit as postestimation sees it (``mlmcli.estimation.interface.MultilevelFit``):
the random-effects terms over the estimation sample, their covariance matrices (VarCorr),
the empirical Bayes predictions, and ``predict``'s statistics on every row of the data.

Predictions on a data row i (``PredictionRows``): the fixed part x_i beta + offset_i
(``exposure()``: ln of the exposure variable), the random part z_i' b~_g summed over the
terms with b~ the posterior means (``ebmeans``) or modes (``ebmodes``) of the row's
groups (``fixedonly``: 0; a row whose group was not in the estimation sample: missing),
then mu = g^-1(eta) (times the binomial trials), ordinal Pr(y = outcome k) =
F(kappa_k - eta) - F(kappa_{k-1} - eta), and the residuals of ``posterior.predict``.
"""
from __future__ import annotations

import dataclasses
from types import SimpleNamespace

import numpy as np

from ..errors import StataError
from ..glm.family import Family
from .posterior import residual
from .quadrature import gauss_hermite

STATISTICS = ("mu", "pr", "eta", "xb", "stdp", "pearson", "deviance", "anscombe", "response")


@dataclasses.dataclass(frozen=True)
class TermPredictions:
    """``blups()`` of one term: (n_groups x q) posterior means or modes and SDs."""

    modes: np.ndarray
    se: np.ndarray


def re_terms(fit) -> list:
    """The spec's terms restricted to the estimation sample (rows the fit kept)."""
    used = np.asarray(fit.used, bool)
    out = []
    for t in fit.spec.terms:
        if used.all():
            out.append(t)
            continue
        kw = {"group": np.asarray(t.group)[used], "Z": np.asarray(t.Z).reshape(len(used), -1)[used]}
        for name in ("fweight", "pweight"):
            w = getattr(t, name, None)
            if w is not None:
                kw[name] = np.asarray(w)[used]
        out.append(dataclasses.replace(t, **kw))
    return out


def _blocks(fit):
    """(level, block, start in phi) per term, in term order."""
    out, k = [], 0
    for lv in fit.model.structure.levels:
        for blk in lv.blocks:
            out.append((lv, blk, k))
            k += blk.cov.n_est
    return out


def re_covariance(fit, k: int) -> np.ndarray:
    """VarCorr of term k (q x q; 1 x 1 for a crossed ``R.x`` factor)."""
    lv, blk, start = _blocks(fit)[k]
    S = blk.cov.cov_from_est(fit.phi[start:start + blk.cov.n_est])
    return S[:1, :1] if blk.factor else S


def blups(fit, kind: str = "ebmeans", points: int | None = None) -> list[TermPredictions]:
    """Per term: posterior means (``ebmeans``, by ``points`` nodes per effect; default the
    estimation's) or modes (``ebmodes``) and their SDs."""
    cache = fit.__dict__.setdefault("_eb_cache", {})
    key = kind if points is None or kind == "ebmodes" else (kind, int(points))
    if key not in cache:
        cache[key] = [TermPredictions(e.values, e.se) for e in fit.posterior(kind, points)]
    return cache[key]


# ---------------------------------------------------------------------- rows of the data
def _offset(fit, rows) -> np.ndarray:
    name = fit.spec.fixed.offset_name
    if not name:
        return np.zeros(rows.n)
    if name.startswith("ln(") and name.endswith(")"):
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.log(rows.variable(name[3:-1]))
    return rows.variable(name)


def _random_part(fit, rows, kind: str, points: int | None = None) -> np.ndarray:
    groups = rows.groups()
    effects = blups(fit, kind, points)
    out = np.zeros(rows.n)
    for k, t in enumerate(re_terms(fit)):
        code = groups.codes[k]
        vals = effects[k].modes
        for j, name in enumerate(t.names):
            z = np.ones(rows.n) if name == "_cons" or name.startswith("R.") else rows.variable(name)
            b = np.full(rows.n, np.nan)
            known = code >= 0
            b[known] = vals[code[known], 0 if t.crossed_factor else j]
            out += z * b
    return out


def trials_of(fit, rows) -> np.ndarray | None:
    """The binomial denominators of the rows (a number or a variable; None: Bernoulli)."""
    label = fit.spec.fixed.trials_label
    if label is None:
        return None
    try:
        return np.full(rows.n, float(label))
    except ValueError:
        return rows.variable(label)


def random_part_variance(fit, rows) -> np.ndarray:
    """Var(z_i'b) = sum over random-effects terms of z_i' Sigma_k z_i (terms independent;
    a factor R.x, crossed or at a level, adds its variance once: one level per row)."""
    out = np.zeros(rows.n)
    for k, t in enumerate(re_terms(fit)):
        S = np.asarray(fit.re_covariance(k), float)
        if t.crossed_factor or t.level_factor:
            out += S[0, 0]
            continue
        Z = np.column_stack([np.ones(rows.n) if name == "_cons" else rows.variable(name) for name in t.names])
        out += np.einsum("ij,jk,ik->i", Z, S, Z)
    return out


def marginal_mean(fit, rows, xb: np.ndarray, mean_fn, points: int) -> np.ndarray:
    """Population-averaged mean E_b g^-1(xb_i + z_i'b) = int g^-1(xb_i + s_i t) phi(t) dt with
    s_i^2 = Var(z_i'b) (z_i'b is a scalar normal), by the ``points``-point Gauss-Hermite rule."""
    t, w = gauss_hermite(max(int(points), 1))
    s = np.sqrt(random_part_variance(fit, rows))
    return sum(wk * mean_fn(xb + s * tk) for tk, wk in zip(t, w))


def predict_rows(fit, statistic: str, rows, *, kind: str = "ebmeans", fixedonly: bool = False,
                 outcome: int | None = None, nooffset: bool = False, marginal: bool = False,
                 points: int | None = None) -> np.ndarray:
    """``statistic`` on every row (see the module docstring); NaN where undefined.
    ``outcome``: the ordinal category number 1..K for ``pr``/``mu``.  ``marginal``: ``mu``/``pr``
    integrated over the random-effects distribution (``marginal_mean``; ``points`` nodes,
    default the estimation's); otherwise ``points`` are those of the posterior means."""
    if statistic not in STATISTICS:
        raise StataError(f"option {statistic} not allowed", 198)
    fx = fit.spec.fixed
    X = rows.fixed_design()
    xb = X @ fit.beta + (0.0 if nooffset else _offset(fit, rows))
    if marginal:
        return _marginal_statistic(fit, statistic, rows, xb, outcome, points or fit.spec.points)
    if statistic == "xb":
        return xb
    if statistic == "stdp":
        return fit.fixed_prediction_se(X)
    eta = xb if fixedonly else xb + _random_part(fit, rows, kind, points)
    if statistic == "eta":
        return eta
    if fx.family == "ordinal":
        if statistic not in ("mu", "pr"):
            raise StataError(f"option {statistic} not allowed", 198)
        fam = fit.model.family
        ok = np.isfinite(eta)
        P = np.full((rows.n, fam.ncat), np.nan)
        P[ok] = fam.category_probs(eta[ok], fit.anc)
        return P[:, (outcome or 1) - 1]
    if statistic == "pr" and fx.family not in ("bernoulli", "binomial"):
        raise StataError("option pr not allowed", 198)
    y = rows.depvar()
    fam = Family(fx.family, fx.link, np.nan_to_num(y), trials_of(fit, rows), fx.dispersion, 0)
    with np.errstate(all="ignore"):
        mu = fam.mean(eta, fit.anc)
        if statistic == "pr":
            return mu / fam.trials
        if statistic == "mu":
            return mu
        proxy = SimpleNamespace(spec=fit.spec, model=SimpleNamespace(family=fam), anc=fit.anc)
        y = fam.y if fx.family != "bernoulli" else np.where(np.isnan(y), np.nan, fam.y)
        y = np.where(np.isnan(rows.depvar()), np.nan, y)
        return residual(proxy, statistic, y, mu)


def _marginal_statistic(fit, statistic, rows, xb, outcome, points) -> np.ndarray:
    fx = fit.spec.fixed
    if statistic not in ("mu", "pr"):
        raise StataError(f"option marginal not allowed with {statistic}", 198)
    with np.errstate(all="ignore"):
        if fx.family == "ordinal":
            fam = fit.model.family
            ok = np.isfinite(xb)

            def category(eta):
                P = np.full(rows.n, np.nan)
                P[ok] = fam.category_probs(eta[ok], fit.anc)[:, (outcome or 1) - 1]
                return P
            return marginal_mean(fit, rows, xb, category, points)
        if statistic == "pr" and fx.family not in ("bernoulli", "binomial"):
            raise StataError("option pr not allowed", 198)
        y = rows.depvar()
        fam = Family(fx.family, fx.link, np.nan_to_num(y), trials_of(fit, rows), fx.dispersion, 0)
        mu = marginal_mean(fit, rows, xb, lambda eta: fam.mean(eta, fit.anc), points)
        return mu / fam.trials if statistic == "pr" else mu
