"""Predictions of multi-equation models for margins: p = f(eta, eta_2, ..., eta_m) with eta = x b
the first equation's linear predictor (the engine's) and eta_k = z_k g_k (+ offset_k) the other
equations' (zip's ``inflate``, heckman's ``select``, zinb's ``lnalpha`` and heckman's
``athrho``/``lnsigma`` constants).  The other equations' coefficients are margins'
ancillary parameters a = (g_2, ..., g_m); their linear predictors are built on each row under
margins' setting (``DesignOnRows.matrix`` of the equation's column recipes), so at(), the
marginlist's levels and dy/dx's shifts set their covariates too.

As after ``streg`` (Stata's ``marginsprop nochainrule``) the derivatives are numerical:
dp/deta and dp/deta_k per row by Richardson-extrapolated central differences,
D = (4 D(h/2) - D(h)) / 3 with D(h) = [f(e + h) - f(e - h)] / 2h (error O(h^4)), and
dp/dg_kj = dp/deta_k z_kj; the engine differentiates in the covariates numerically
(``numeric_derivatives``).

After a fit on shifted columns (``glm.rescaled_fit.FittedMetric``: mlogit, zip/zinb) margins
works in the fitted metric; ``in_fitted_metric`` gives the prediction that reads the other
equations' columns there too, (z - shift) scale, with a = g' (in the user's units z g near 1e9
less a constant near -1e9 keeps seven digits, and the delta method loses the rest).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..errors import StataError

STEP = 1e-4  # difference step in the linear predictors


def equation_variables(recipes, offsets=()) -> tuple[str, ...]:
    """The variables an equation's column recipes read, then the offset variables (None skipped):
    what a fit's ``margins_variables`` hands margins for its other equations."""
    names = []
    for r in recipes:
        names += list(r.continuous) + [v for v, _ in r.indicators]
    names += [v for v in offsets if v]
    return tuple(dict.fromkeys(names))


def other_equations(designs, eqnames, ks) -> tuple[tuple[str, ...], tuple, list[int]]:
    """The equations ``ks`` other than e(b)'s first as margins' ancillary parameters: (their
    coefficients' e(b) names, their ``Equation``s, the equation indexes in that order) -- etas[j]
    of ``EquationsResponse.value`` is then equation others[j]'s x b (sureg/reg3, sem's xb())."""
    others = list(dict.fromkeys(k for k in ks if k != 0))
    names, equations = [], []
    for k in others:
        design = designs[k]
        names += [f"{eqnames[k]}:{c}" for c in design.column_names]
        equations.append(Equation(tuple(design.recipes)))
    return tuple(names), tuple(equations), others


@dataclass(frozen=True)
class Offset:
    """An equation's offset variable (``log``: exposure(), its ln enters)."""

    variable: str
    log: bool = False

    def on_rows(self, design) -> np.ndarray:
        v = np.asarray(design.observed(self.variable), float)
        if self.log:
            with np.errstate(divide="ignore", invalid="ignore"):
                v = np.where(v > 0, np.log(np.where(v > 0, v, 1.0)), np.nan)
        return v


@dataclass(frozen=True)
class Equation:
    """Another equation of the model: its column recipes (None: a constant, one coefficient)
    and offset (None: none)."""

    recipes: tuple | None = None
    offset: Offset | None = None

    @property
    def size(self) -> int:
        return 1 if self.recipes is None else len(self.recipes)


class EquationsResponse:
    """margins' prediction (``estimation.interface.MarginsPrediction``) p = value(eta, [eta_k]).

    ``value(eta, etas)`` takes the first equation's linear predictor (offset added when
    ``offset`` is given) and the list of the other equations' (arrays over the rows) and
    returns p; ``ancillary`` names the other equations' coefficients in e(b), in order."""

    linear = False
    numeric_derivatives = True

    def __init__(self, label: str, value, ancillary: tuple[str, ...], equations: tuple[Equation, ...] = (),
                 offset: Offset | None = None):
        if sum(eq.size for eq in equations) != len(ancillary):
            raise ValueError("ancillary names do not match the equations")
        self.label, self.value, self.ancillary = label, value, tuple(ancillary)
        self.equations, self.offset = tuple(equations), offset
        self.column_metric = None  # (shift, scale) over the ancillary parameters: ``in_fitted_metric``

    def in_fitted_metric(self, shift: np.ndarray, scale: np.ndarray) -> "EquationsResponse":
        """This prediction with the other equations' columns read as (z - shift) scale (``shift``
        and ``scale`` over the ancillary parameters, a constant's 0 and 1; module docstring)."""
        import copy

        out = copy.copy(self)
        out.column_metric = (np.asarray(shift, float), np.asarray(scale, float))
        return out

    def response(self, eta, a=None):
        raise ValueError("a multi-equation prediction reads the rows: call row_response")

    def row_response(self, design, setting, eta, a):
        n = design.n
        eta = np.broadcast_to(np.asarray(eta, float), (n,)).astype(float)
        if self.offset is not None:
            eta = eta + self.offset.on_rows(design)
        a = np.zeros(0) if a is None else np.asarray(a, float)
        etas, Zs, at = [], [], 0
        for eq in self.equations:
            g = a[at:at + eq.size]
            if eq.recipes is None:
                z, e = None, np.full(n, g[0])
            else:
                z = design.matrix(setting, eq.recipes)
                if self.column_metric is not None:
                    shift, scale = (part[at:at + eq.size] for part in self.column_metric)
                    z = (z - shift) * scale
                e = z @ g if z.shape[1] else np.zeros(n)
            if eq.offset is not None:
                e = e + eq.offset.on_rows(design)
            etas.append(e)
            Zs.append(z)
            at += eq.size

        def central(k, h):  # k = -1: the first equation
            def shifted(s):
                if k < 0:
                    return self.value(eta + s, etas)
                return self.value(eta, [e + s if j == k else e for j, e in enumerate(etas)])

            return (shifted(h) - shifted(-h)) / (2 * h)

        def derivative(k):
            return (4 * central(k, STEP / 2) - central(k, STEP)) / 3

        with np.errstate(all="ignore"):
            p = np.asarray(self.value(eta, etas), float)
            d1 = np.asarray(derivative(-1), float)
            da = None
            if at:
                da = np.zeros((n, at))
                start = 0
                for k, (eq, z) in enumerate(zip(self.equations, Zs)):
                    g_k = np.asarray(derivative(k), float)
                    da[:, start:start + eq.size] = g_k[:, None] * (1.0 if z is None else z)
                    start += eq.size
        return p, d1, None, da, None


def count_bounds(arg: str):
    """(lo, hi, label tail) of a count model's pr(n) / pr(a,b): integers >= 0, hi = inf for ``.``."""
    parts = [p.strip() for p in arg.split(",")]
    if len(parts) > 2 or any(not p or len(p.split()) > 1 for p in parts):
        raise StataError("invalid syntax", 198)
    values = []
    for k, text in enumerate(parts):
        if text == "." and k == 1:
            values.append(np.inf)
            continue
        try:
            v = float(text)
        except ValueError:
            raise StataError("margins, predict(pr()): the bounds must be numbers in mlmcli", 198) from None
        kind = "argument" if len(parts) == 1 else f"{'lower' if k == 0 else 'upper'} bound of {text}"
        if v < 0:
            raise StataError(f"{kind} must be nonnegative", 198)
        if v != int(v):
            raise StataError(f"{kind} must be an integer", 198)
        values.append(v)
    if len(parts) == 1:
        return values[0], values[0], parts
    if values[1] < values[0]:
        raise StataError(f"upper bound of {parts[1]} must be greater than or equal to the lower bound of "
                         f"{parts[0]}", 198)
    return values[0], values[1], parts


def count_probability_label(depvar: str, shown: list) -> str:
    """``Pr(y=n)``, ``Pr(y>=a)`` (b ``.``) or ``Pr(a<=y<=b)``: the count models' pr() labels."""
    if len(shown) == 1:
        return f"Pr({depvar}={shown[0]})"
    return f"Pr({depvar}>={shown[0]})" if shown[1] == "." else f"Pr({shown[0]}<={depvar}<={shown[1]})"
