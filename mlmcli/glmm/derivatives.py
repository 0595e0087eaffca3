"""Derivatives of ln L(theta) and where the kinds of parameters sit in theta, for ``fit``.

``model_gradient``: the analytic gradient of the engine when it has one (one level, every
method: ``single_level_gradient``; nested Laplace: ``nested_gradient``; nested quadrature:
``nested_quadrature_gradient``); ``group_scores``: the
top-level groups' d ln L_g / d theta (central differences; the sandwich VCE);
``log_sd_indices`` / ``atanh_indices``: the ln sd and atanh corr positions (the
optimizer's boundary parameters: a variance at 0, a correlation at +/-1).
"""
from __future__ import annotations

import numpy as np

from .likelihood import GLMMModel


def _estimation_indices(model: GLMMModel, log_sd: bool) -> tuple[int, ...]:
    k, out = model.p + model.m, []
    for lv in model.structure.levels:
        for blk in lv.blocks:
            out += [k + i for i, name in enumerate(blk.cov.est_names()) if name.startswith("lns") == log_sd]
            k += blk.cov.n_est
    return tuple(out)


def log_sd_indices(model: GLMMModel) -> tuple[int, ...]:
    """Positions of the ln sd parameters (``lns#_#_#``) in theta."""
    return _estimation_indices(model, True)


def atanh_indices(model: GLMMModel) -> tuple[int, ...]:
    """Positions of the atanh correlation parameters (``atr#_#_#_#``) in theta."""
    return _estimation_indices(model, False)


def correlation_partners(model: GLMMModel) -> dict[int, tuple[int, ...]]:
    """{position of a ln sd: positions of the atanh correlations it enters} (``lns#_#_i``
    and ``atr#_#_i_j``; an exchangeable block's one ln sd enters its one correlation)."""
    k, out = model.p + model.m, {}
    for lv in model.structure.levels:
        for blk in lv.blocks:
            names = blk.cov.est_names()
            for a, lns in enumerate(names):
                if lns.startswith("lns"):
                    i = lns.rsplit("_", 1)[1]
                    out[k + a] = tuple(k + b for b, atr in enumerate(names)
                                       if atr.startswith("atr") and i in atr.split("_")[-2:])
            k += blk.cov.n_est
    return {j: c for j, c in out.items() if c}


def model_gradient(model: GLMMModel):
    """The analytic gradient of ln L when the engine has one, else None."""
    if len(model.structure.levels) != 1:
        if model.method != "laplace":
            from .nested_quadrature_gradient import nested_quadrature_gradient
            return lambda theta: nested_quadrature_gradient(model, theta)
        from .nested_gradient import laplace_gradient
        return lambda theta: laplace_gradient(model, theta)
    from .single_level_gradient import analytic_gradient
    return analytic_gradient(model)


def group_scores(model, theta: np.ndarray) -> np.ndarray:
    """(G_top, k) derivatives of each top-level group's ln L_g (central differences); ``model``
    is any with ``group_logliks(theta)`` (GLMMModel, row_family_fit.RowFamilyModel)."""
    k = len(theta)
    h = 1e-5 * np.maximum(1.0, np.abs(theta))
    columns = []
    # a step from an estimate at the edge (a variance near 1e300) may leave the doubles: that
    # score is not finite and the sandwich's entries missing, as the likelihood itself is read
    with np.errstate(over="ignore", invalid="ignore"):
        for i in range(k):
            e = np.zeros(k)
            e[i] = h[i]
            columns.append((model.group_logliks(theta + e) - model.group_logliks(theta - e)) / (2 * h[i]))
    return np.column_stack(columns)
