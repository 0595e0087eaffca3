"""The single-level ML fit (``fit_glm``: logit, probit, cloglog, poisson, nbreg, ologit,
oprobit) on a regressor near 1e9 (x + 1e9): in the user's units the Hessian of x and the
constant is singular to rounding (their columns agree to nine digits), so Newton's steps are
'not concave' to the iteration limit and the SEs come out near 1e-20.

The model is fitted on X' = (X - shift) * scale (``panel.centred_fit.ColumnRescaling``: the far
columns shifted by their means and power-of-two scaled, the constant and ordinary columns as
they are; an ordered model's cutpoints take the constant's part) and mapped back, theta =
T theta', V = T V' T' (the sandwich likewise: its scores map by T^-T).  The log likelihood is
the same function of the mapped parameters, so ll, ll_0, the iteration log and the LR tests
carry over; the fit returned holds the user's design, so tables, e(), predict and margins read
it unchanged (a robust fit keeps each row's influence from the fitted metric for margins'
vce(unconditional): in the user's units -H is singular to rounding).

Only a shifted design is refitted: a column merely scaled by 1e9 (or 1e-9) fits in the user's
units as it is (Newton's steps are the same up to the scaling, the log bit for bit Stata's
metric), and so do designs with constraints, from() values with missing entries, the
iteration details of maximize's trace options, or a column past the double range
(``metric_representable``: Stata's ml stops in its own metric there).
"""
from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

import numpy as np

from .spec import GLMSpec

if TYPE_CHECKING:
    from mlmcli.panel.centred_fit import ColumnRescaling


def shifted_design_rescaling(spec: GLMSpec, used: np.ndarray, labels) -> ColumnRescaling | None:
    """The ``ColumnRescaling`` of ``spec``'s design over the ``used`` rows when a column needs a
    shift, else None (module docstring)."""
    from mlmcli.panel.centred_fit import far_column_rescaling

    if spec.constraints is not None or spec.record:
        return None
    X = np.asarray(spec.X, float).reshape(spec.n, -1)
    estimable = [lab for lab in labels if not (lab.base or lab.omitted)]
    if len(estimable) != X.shape[1]:
        return None
    rows = X[np.asarray(used, bool)]
    constant = bool(estimable and estimable[-1].name == "_cons" and np.all(rows[:, -1] == 1.0))
    cutpoints = len(spec.categories) - 1 if spec.family == "ordinal" else 0
    rescaling = far_column_rescaling(rows, constant, cutpoints=max(cutpoints, 0))
    if rescaling is None or not rescaling.shifted or (not constant and not cutpoints):
        return None
    if spec.start is not None and not np.all(np.isfinite(np.asarray(spec.start, float))):
        return None  # from() with defaults left: those are the engine's own, in its metric
    return rescaling


def rescaled_spec(spec: GLMSpec, rescaling) -> GLMSpec:
    """``spec`` on the rescaled columns, its from() values mapped to them."""
    X = np.asarray(spec.X, float).reshape(spec.n, -1)
    start = None if spec.start is None else rescaling.from_user(np.asarray(spec.start, float).ravel())
    return dataclasses.replace(spec, X=rescaling.apply(X), start=start)


def in_user_units(fit, spec: GLMSpec, rescaling):
    """The ``GLMFit`` of ``rescaled_spec(spec)`` as the fit of ``spec``: its design, theta and V."""
    from .likelihood_model import GLMModel

    theta, V = rescaling.to_user(fit.theta, fit.V)
    model = GLMModel(spec, rows=fit.model.rows)
    rows = None
    if fit.robust:  # margins' vce(unconditional): T (-H')^-1 s'_j from the fitted metric -- in the
        # user's units -H is singular to rounding (near's column and the constant's)
        rows = fit.model.influence(fit.theta) @ rescaling.parameter_map(len(fit.theta) - len(rescaling.scale)).T
    return dataclasses.replace(fit, spec=spec, model=model, theta=theta, V=V, influence_rows=rows)
