"""``fit_glmm_rescaled(spec)``: ``fit_glmm`` on a design whose regressors are badly centred or
scaled for the quadrature fit -- a regressor near 1e9 (x + 1e9: its phase-1 logit 'not concave'
to the iteration limit, the full model stuck with SEs of 1e-19), or one scaled by 1e9 (its
coefficient near 1e-9: the central-difference scores of vce(robust) stepped by 1e-5 in it, robust
SEs off by orders of magnitude).

The model is fitted on X' = (X - shift) * scale (``panel.centred_fit.ColumnRescaling``: the
shifted and power-of-two-scaled columns; ordinary columns and the constant as they are) and
mapped back: theta = T theta', V = T V' T' (the robust fit's bread likewise); the log
likelihood is the same function of the mapped parameters, so ll, the iteration logs and the
LR tests carry over as they are.  The fit returned is the user's model (its spec, design and
phase-1 GLM in the user's columns), so tables, e(), predict and margins read it unchanged.
Designs with only ordinary columns, constraints, or a column past the double range
(``metric_representable``: Stata's ml stops in its own metric there) are ``fit_glmm``'s.
"""
from __future__ import annotations

import dataclasses

import numpy as np

from .fit import GLMMFit, fit_glmm
from .spec import GLMMSpec


def design_rescaling(spec: GLMMSpec):
    """The ``ColumnRescaling`` of ``spec``'s fixed part, or None (fitted as it is)."""
    from mlmcli.panel.centred_fit import far_column_rescaling

    fx = spec.fixed
    if fx.constraints is not None:
        return None
    X = np.asarray(fx.X, float).reshape(fx.n, -1)
    estimable = [lab for lab in fx.coef_labels if not (lab.base or lab.omitted)]
    constant = bool(X.shape[1] and estimable and estimable[-1].name == "_cons" and np.all(X[:, -1] == 1.0))
    cutpoints = len(fx.categories) - 1 if fx.family == "ordinal" else 0  # they take the shifts
    return far_column_rescaling(X, constant, cutpoints=max(cutpoints, 0))


def fit_glmm_rescaled(spec: GLMMSpec, on_iteration=None) -> GLMMFit:
    """``fit_glmm(spec)``, on rescaled columns where the design needs it (module docstring)."""
    rescaling = design_rescaling(spec)
    start = spec.fixed.start
    if rescaling is None or (start is not None and not np.all(np.isfinite(np.asarray(start, float)))):
        return fit_glmm(spec, on_iteration)  # ordinary columns; from() leaving values to the engine
    fx = spec.fixed
    X = np.asarray(fx.X, float).reshape(fx.n, -1)
    start = fx.start
    if start is not None:  # from(), a replicate's start: over the design's columns and the other
        # parameters it maps; over fewer columns (phase 1 dropped one) the engine's own start
        from .likelihood import GLMMModel

        start = np.asarray(start, float).ravel()
        start = rescaling.from_user(start) if len(start) == GLMMModel(spec).k else None
    inner = dataclasses.replace(spec, fixed=dataclasses.replace(fx, X=rescaling.apply(X), start=start))
    fit = fit_glmm(inner, on_iteration)
    from .estimate import kept_columns

    cols = kept_columns(fx.coef_labels, fit.labels)
    kept = rescaling.subset(cols)
    if kept is None:  # phase 1 dropped the constant the shifts moved into: the raw fit
        return fit_glmm(spec, on_iteration)
    return _in_user_units(fit, kept, X[:, cols], fx.start)


def _in_user_units(fit: GLMMFit, rescaling, X_user: np.ndarray, start) -> GLMMFit:
    from mlmcli.glm.likelihood_model import GLMModel

    from .likelihood import GLMMModel

    fixed = dataclasses.replace(fit.spec.fixed, X=X_user, start=start)
    spec = dataclasses.replace(fit.spec, fixed=fixed)
    rows = None if np.all(fit.used) else np.flatnonzero(fit.used)
    theta, V = rescaling.to_user(fit.theta, fit.V)
    V_model = None if fit.V_model is None else rescaling.to_user(fit.theta, fit.V_model)[1]
    glm = fit.glm
    glm_spec = dataclasses.replace(glm.spec, X=X_user)
    glm_theta, glm_V = rescaling.to_user(glm.theta, glm.V)
    glm = dataclasses.replace(glm, spec=glm_spec, model=GLMModel(glm_spec, rows=glm.model.rows),
                              theta=glm_theta, V=glm_V)
    scores = None
    if fit.robust and fit.model.structure.levels:  # margins' vce(unconditional) (which a model
        # without random effects refuses): the scores differenced in the fitted metric,
        # d/dtheta = T^-T d/dtheta' (a step of 1e-5 in a coefficient near 1e-9 is not a derivative)
        from .derivatives import group_scores

        T = rescaling.parameter_map(len(fit.theta) - len(rescaling.scale))
        scores = np.linalg.solve(T.T, group_scores(fit.model, fit.theta).T).T
    from mlmcli.glm.rescaled_fit import metric_over

    b_fitted, V_fitted = fit.e_matrices()  # e(b), e(V) of the fitted metric: margins' delta method
    labels = fit.labels
    est = [j for j, lab in enumerate(labels) if not (lab.base or lab.omitted)]
    cuts = list(range(len(labels), len(labels) + rescaling.cutpoints))
    metric = metric_over(rescaling, est + cuts, b_fitted.values.ravel(), V_fitted.values)
    return dataclasses.replace(fit, spec=spec, model=GLMMModel(spec, rows=rows), theta=theta, V=V,
                               V_model=V_model, glm=glm, group_score_rows=scores, fitted_metric=metric)
