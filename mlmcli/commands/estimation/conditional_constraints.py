"""``xtlogit, fe constraints(numlist)``: the conditional logit maximised under ml's linear
constraints R b = r.

xtlogit.ado (2.12.4 and 2.16.0) hands ``constraints()`` (``mlopts``) to ``clogit``, whose ml
fits under them.  As ml does, the fit runs over gamma with b = b_0 + N gamma (``glm.inference.
ConstraintMap``: N spans R's null space, b_0 solves R b_0 = r), so the log likelihood, gradient
N'g and Hessian N'HN are the conditional likelihood's at b; V = N (N'(-H)N)^-1 N', a
coefficient the constraints fix having no variance (``(constrained)`` in the table).  The model
test is ml's Wald test of the coefficients ([R] test dropping what the constraints leave
untestable: ``x1 = -x2`` gives chi2(1)); the constraints print above the table (`` ( 1)  x1 +
x2 = 0``) and are posted as e(Cns).
"""
from __future__ import annotations

import numpy as np


def read_fe_constraints(session, names: list[str], text: str, note):
    """constraints(text) over e(b)'s ``names`` -> (LinearConstraints, ConstraintMap) or None when
    none applies (makecns' note for one naming what the model lacks)."""
    from mlmcli.glm.inference import ConstraintMap
    from mlmcli.postest.ml_constraints import read_constraints

    cns = read_constraints(session, names, text, note=note)
    if cns is None:
        return None
    return cns, ConstraintMap(len(names), cns.R, cns.r)


def reduced_derivatives(derivatives, cmap):
    """The conditional likelihood over gamma: (ll, N'g, N'HN) at b = b_0 + N gamma."""
    N = cmap.N

    def over_gamma(X, y, groups, gamma):
        ll, g, H = derivatives(X, y, groups, cmap.theta(gamma))
        return ll, N.T @ g, N.T @ H @ N
    return over_gamma


def constrained_estimates(cmap, gamma: np.ndarray, H_gamma: np.ndarray):
    """(b, V) from the fit over gamma: b = b_0 + N gamma, V = N (-H_gamma)^-1 N'."""
    try:
        Vg = np.linalg.inv(-H_gamma) if H_gamma.size else H_gamma
    except np.linalg.LinAlgError:
        Vg = np.linalg.pinv(-H_gamma)
    return cmap.theta(gamma), cmap.vcov(Vg)


def model_wald(b: np.ndarray, V: np.ndarray) -> tuple[float, int, float]:
    """ml's model test under constraints: Wald chi2 of b = 0, the untestable rows dropped."""
    from mlmcli.postest.wald import Constraint, wald_test

    k = len(b)
    if not k:
        return 0.0, 0, float("nan")
    w = wald_test([Constraint(np.eye(k)[j], 0.0) for j in range(k)], b, V, [""] * k)
    return (0.0, 0, float("nan")) if w.df == 0 else (w.chi2, w.df, w.p)
