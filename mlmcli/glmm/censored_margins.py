"""``margins`` after metobit and meintreg: predict(pr(a,b)), predict(e(a,b)) and
predict(ystar(a,b)) as functions of x b and e(b) ([ME] metobit postestimation).

With y* | u ~ N(x b + z'u, s_e^2), s_e^2 = e(b)'s var(e.depvar):

- ``fixedonly`` / ``conditional(fixedonly)``: conditional on the random effects set to zero,
  h(x b; s_e), h tobit's statistic of N(eta, s_e^2) (``postest.censored_prediction.censored_response``);
- otherwise ``marginal``, the default (help meglm_postestimation, Stata 15: "Option marginal is
  assumed where applicable if conditional(fixedonly) is not specified"; metobit is a Stata 15
  command): the statistic integrated over the random effects' distribution,
  E_u h(x b + z'u; s_e) = sum_k w_k h(x b + r t_k; s_e), r^2 = Var(z'u) = sum z_j z_k Sigma_jk
  (all random-effects terms; z_j the row's value of the slope variable, 1 for _cons), by the
  Gauss-Hermite rule of e(n_quad) points (or ``intpoints()``) as ``predict ..., marginal``.

The delta method's derivatives: in s_e through ds_e/dvar(e) = 1/(2 s_e); in each variance or
covariance of e(b) through dp/d(r^2) = sum_k w_k t_k h'(x b + r t_k)/(2r) (times z_j^2 for a
variance, 2 z_j z_k for a covariance).  A random slope on a variable makes r depend on the
row, so dydx() differentiates numerically (``numeric_derivatives``).
"""
from __future__ import annotations

import numpy as np

from ..errors import StataError, option_not_allowed
from ..margins.response import STOCHASTIC, LinearIndex
from ..postest.censored_prediction import bounds_at_rows, censored_response, margins_bounds
from ..syntax.abbreviation import resolve_choice
from ..syntax.options import read_options
from .quadrature import gauss_hermite

_NAMES = (("eta", 3), ("xb", 2), ("fixedonly", 5), ("marginal", 8), ("nooffset", 5), ("intpoints", 7),
          ("conditional", 4), ("pr", 1), ("e", 1), ("ystar", 2))
_STATISTICS = ("pr", "e", "ystar")
_STOCHASTIC = ("ebmeans", "ebmodes", "means", "modes", "reffects", "remeans", "remodes", "reses", "stdp",
               "pearson", "deviance", "anscombe", "residuals", "scores", "density", "distribution")


def random_part_elements(fit) -> list[tuple[str, str, float]]:
    """(z_j, z_k, c) per random-effects element of e(b), in ``stored_results.re_param_names``'
    order: Var(z'u) = sum c z_j z_k theta (c 1 for a variance, 2 for a covariance; z ``_cons``
    or a crossed factor is 1)."""
    out = []
    for lv in fit.model.structure.levels:
        for blk in lv.blocks:
            if blk.factor:
                out.append(("_cons", "_cons", 1.0))
                continue
            nm = list(blk.names)
            out += [(v, v, 1.0) for v in nm]
            if blk.cov.kind in ("unstructured", "exchangeable"):
                out += [(nm[i], nm[j], 2.0) for i in range(len(nm)) for j in range(i + 1, len(nm))]
    return out


def slope_variables(fit) -> tuple[str, ...]:
    """The random slopes' variables (what a marginal prediction reads besides X)."""
    return tuple(dict.fromkeys(v for a, b, _ in random_part_elements(fit) for v in (a, b) if v != "_cons"))


class CensoredMeResponse:
    """margins' response of pr/e/ystar after metobit/meintreg (module docstring); a = (var(e),
    then, with ``marginal``, the random-effects variances and covariances)."""

    linear = False

    def __init__(self, statistic: str, lo: float, hi: float, label: str, ancillary: tuple[str, ...],
                 elements: list[tuple[str, str, float]] | None = None, points: int = 7):
        self.statistic, self.lo, self.hi, self.label = statistic, lo, hi, label
        self.ancillary = tuple(ancillary)
        self.elements = elements  # None: the random effects at zero
        self.points = points
        self.numeric_derivatives = bool(elements) and any(a != "_cons" or b != "_cons" for a, b, _ in elements)

    def response(self, eta, a):
        return self._evaluate(eta, a, lambda name: 1.0, self.lo, self.hi)

    def row_response(self, design, setting, eta, a):  # random slopes and variable bounds read at the rows
        return self._evaluate(eta, a, lambda name: 1.0 if name == "_cons" else design.value(setting, name),
                              *bounds_at_rows(design, self.lo, self.hi, self.statistic))

    def _evaluate(self, eta, a, z_of, lo, hi):
        a = np.asarray(a, float).ravel()
        var_e = a[0]
        se = np.sqrt(var_e)
        eta = np.asarray(eta, float)
        if self.elements is None:
            p, d1, d2, ds, d1s = censored_response(self.statistic, eta, se, lo, hi)
            g = 1.0 / (2 * se)
            return p, d1, d2, np.asarray(ds * g)[..., None], np.asarray(d1s * g)[..., None]
        weights = [c * np.asarray(z_of(j), float) * np.asarray(z_of(k), float) for j, k, c in self.elements]
        v = sum((wt * th for wt, th in zip(weights, a[1:])), np.zeros(()))
        r = np.sqrt(np.maximum(v, 0.0))
        shape = np.broadcast_shapes(eta.shape, r.shape, np.shape(lo), np.shape(hi))
        p, d1, d2, dse, d1se, dr, d1r = (np.zeros(shape) for _ in range(7))
        t, w = gauss_hermite(max(int(self.points), 1))
        for tk, wk in zip(t, w):
            pk, d1k, d2k, dsk, d1sk = censored_response(self.statistic, eta + r * tk, se, lo, hi)
            p += wk * pk
            d1 += wk * d1k
            d2 += wk * d2k
            dse += wk * dsk
            d1se += wk * d1sk
            dr += wk * tk * d1k
            d1r += wk * tk * d2k
        with np.errstate(divide="ignore", invalid="ignore"):
            dv = np.where(r > 0, dr / (2 * r), 0.5 * d2)  # r = 0: Stein's E[h''(eta)]/2
            d1v = np.where(r > 0, d1r / (2 * r), 0.0)
        da = [dse / (2 * se)] + [dv * wt for wt in weights]
        d1a = [d1se / (2 * se)] + [d1v * wt for wt in weights]
        return p, d1, d2, np.stack(np.broadcast_arrays(*da), -1), np.stack(np.broadcast_arrays(*d1a), -1)


def censored_margins_prediction(fit, options: str):
    """(base prediction, nooffset typed) of margins' predict() after metobit/meintreg: eta/xb
    (the default: the linear predictor, fixed portion; eta ``marginal`` is the same x b), or
    pr(a,b)/e(a,b)/ystar(a,b) ``marginal`` (the default) or with the random effects at zero
    (``fixedonly`` or ``conditional(fixedonly)``)."""
    from .stored_results import re_param_names

    statistic, flags, points = None, set(), None
    for o in read_options(options.strip().lstrip(",")):
        name = resolve_choice(o.name, _NAMES)
        if name is None:
            if o.arg is None and any(s.startswith(o.name) for s in _STOCHASTIC if len(o.name) >= 2):
                raise StataError(STOCHASTIC, 498)
            raise option_not_allowed(o.name, o.arg)
        if (name in _STATISTICS or name in ("intpoints", "conditional")) != (o.arg is not None):
            raise option_not_allowed(o.name, o.arg)
        if name == "conditional":  # Stata 15's conditional(fixedonly); the EB predictions are stochastic
            word = o.arg.strip()
            if word in ("ebmeans", "ebmodes"):
                raise StataError(STOCHASTIC, 498)
            if word != "fixedonly":
                raise StataError("option conditional() incorrectly specified", 198)
            name = "fixedonly"
        if name in _STATISTICS or name in ("eta", "xb"):
            if statistic is not None:
                raise StataError("only one statistic may be specified", 198)
            statistic = (name, o.arg)
        elif name == "intpoints":
            try:
                points = int(o.arg.strip())
            except ValueError:
                points = 0
            if not 2 <= points <= 195:
                raise StataError("intpoints() must be an integer between 2 and 195", 198)
        else:
            flags.add(name)
    if "marginal" in flags and "fixedonly" in flags:
        raise StataError("only one of fixedonly or marginal is allowed", 198)
    marginal = "fixedonly" not in flags  # meglm postestimation (Stata 15): marginal assumed in margins
    if points is not None and not marginal:
        raise StataError("option intpoints() not allowed with fixedonly", 198)
    if statistic is None or statistic[0] in ("eta", "xb"):  # eta marginal: E_u(x b + z'u) = x b
        if marginal and statistic is not None and statistic[0] == "xb":
            raise StataError("option xb not allowed with marginal", 198)
        return LinearIndex("Linear prediction, fixed portion"), "nooffset" in flags
    name, arg = statistic
    prediction, lo, hi = margins_bounds(name, arg, name)
    label = prediction.label(fit.spec.depvar)
    residual = f"var(e.{fit.spec.depvar}):_cons"
    if not marginal:
        base = CensoredMeResponse(name, lo, hi, f"{label}, fixed portion only", (residual,))
    else:
        base = CensoredMeResponse(name, lo, hi, f"Marginal {label}", (residual, *re_param_names(fit)),
                                  random_part_elements(fit), points or int(fit.spec.points))
    return base, "nooffset" in flags
