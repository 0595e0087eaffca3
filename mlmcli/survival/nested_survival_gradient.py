"""mestreg's nested-level quadrature fits (``nested_survival``, two or more levels,
mvaghermite, mcaghermite, ghermite) maximised as the me engine maximises its own
(``glmm.estimate``): the analytic gradient of the nested quadrature likelihood
(``glmm.nested_quadrature_gradient``: the total derivative, nodes re-placed at every theta)
with ``SurvivalRows``' derivatives in eta and in the ancillary parameters, BFGS with its
boundary jumps (``glmm.optimize.maximize``) in the coordinates scaled by the fixed-effects
model's covariance (``glmm.coordinates``), then ``polish``: Newton steps to the optimum and
the Hessian from central differences of the gradient (``settled_jacobian_of_gradient``,
Richardson-extrapolated as for the me engine's nested quadrature).

Before, these fits ran ``glmm.row_family_fit`` (BFGS on central differences of the values,
2k likelihoods per gradient, and a Hessian of ~2k^2 values); the printed estimates and SEs
are the same (bench/mestreg_nested100.py, docs/mestreg_nested_gradient100.md).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class GradientFit:
    """What ``fit_nested_survival`` reads of ``row_family_fit.RowFamilyFit``."""

    theta: np.ndarray
    V: np.ndarray
    loglik: float
    converged: bool
    limit_reached: bool
    steps: tuple


def model_gradient(model):
    """theta -> d ln L/d theta of a nested ``NestedSurvivalModel`` (quadrature methods)."""
    from mlmcli.glmm.nested_quadrature_gradient import nested_quadrature_gradient

    return lambda theta: nested_quadrature_gradient(model, np.asarray(theta, float))


def _boundary_indices(model):
    """(ln sd positions, atanh positions, ln sd -> its correlations) in theta, as
    ``glmm.derivatives`` gives them for the me engine's models."""
    from mlmcli.glmm import derivatives

    return (derivatives.log_sd_indices(model), derivatives.atanh_indices(model),
            derivatives.correlation_partners(model))


def fit_with_gradient(model, start: np.ndarray, V_fixed: np.ndarray, iterate: int = 300,
                      on_iteration=None) -> GradientFit:
    """Maximise ``model.loglik`` from ``start`` (module docstring); ``V_fixed``: the
    fixed-effects model's covariance of (beta, ancillaries), the scaling of their coordinates;
    ``on_iteration(i, loglik)``: each iteration of the log as it is reached."""
    from mlmcli.glm.inference import ConstraintMap
    from mlmcli.glmm.coordinates import ScaledMap, fixed_part_scaling
    from mlmcli.glmm.optimize import Objective, maximize, polish
    from mlmcli.mixed.inference import invert_negative_hessian
    from mlmcli.results.glmm import IterationStep

    cmap0 = ConstraintMap(model.k)
    cmap = ScaledMap(cmap0, fixed_part_scaling(cmap0, V_fixed, model.p + model.m))
    grad = model_gradient(model)
    obj = Objective(lambda u: model.loglik(cmap.theta(u)), cmap.m, lambda u: cmap.N.T @ grad(cmap.theta(u)))
    obj.log_sd, obj.atanh, obj.partners = _boundary_indices(model)
    obj.extrapolate_settled = True
    res = maximize(obj, cmap.gamma(np.asarray(start, float)), iterate=iterate, on_iteration=on_iteration)
    H = res.hessian if res.hessian is not None else obj.rough_hessian(res.x, res.f)
    x, f = res.x, res.f
    if res.converged:
        x, f, H = polish(obj, res.x, res.f, H)
    steps = list(res.steps)
    if f > res.f + 1e-9 * max(1.0, abs(res.f)):
        steps.append(IterationStep(len(steps), f))
        if on_iteration is not None:
            on_iteration(len(steps) - 1, f)
    V = cmap.vcov(invert_negative_hessian(H))
    limit = not res.converged and len(res.steps) - 1 >= iterate
    return GradientFit(cmap.theta(x), (V + V.T) / 2, float(f), bool(res.converged), limit, tuple(steps))
