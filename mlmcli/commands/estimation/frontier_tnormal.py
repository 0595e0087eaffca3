"""The normal/truncated-normal frontier with a time-invariant u_i: ``frontier, distribution(tnormal)``
(each observation its own panel) and ``xtfrontier, ti`` ([XT] xtfrontier), on
``mlmcli.glm.truncated_frontier``.

The start is frontier.ado's for tnormal: the half-normal moments' sigma_u^2 and sigma_v^2, mu = 0.
The table shows the frontier, /mu, /lnsigma2 and /ilgtgamma (z and P; Stata 13's name of the
logit of gamma), then sigma2 and gamma (the intervals of lnsigma2 and ilgtgamma transformed),
sigma_u2 = gamma sigma2 and sigma_v2 = (1 - gamma) sigma2 (symmetric intervals).  frontier adds
the third-moment test ("H0: No inefficiency component:"); no LR test is shown (frontier.ado's
Replay shows it for hnormal/exponential only).  e(b): depvar's equation, mu, ilgtgamma, lnsigma2
(frontier.ado's ml model order; xtfrontier's own order was not at hand, mlmcli keeps the same).
"""
from __future__ import annotations

import numpy as np

from mlmcli.glm.truncated_frontier import PanelFrontierData, fit_truncated_frontier, start_values
from mlmcli.missing import stata_exp

NAMES = ("mu", "ilgtgamma", "lnsigma2")


def fit(y, X, groups, sign, constant, ml, time=None):
    """(fit, moment start): the half-normal moments give frontier.ado's tnormal start."""
    from dataclasses import replace

    from mlmcli.glm.stochastic_frontier import FrontierData, moment_start
    from mlmcli.panel.centred_fit import centring, metric_representable, needs_centring

    # a regressor near 1e9 (or scaled by 1e9): the fit on centred, power-of-two-scaled columns and
    # (theta, V) mapped back (x b + c is the same index; the start's OLS is equivariant)
    mapped = needs_centring(X, constant) and metric_representable(X)
    if mapped:
        rescaling = centring(X, constant)
        X = rescaling.apply(X)
    start = moment_start(FrontierData(y, X, np.ones(len(y)), sign, "hnormal"), constant=constant)
    k = X.shape[1]
    b0 = start.theta[:k]
    su2, sv2 = np.exp(start.theta[k + 1]), np.exp(start.theta[k])
    data = PanelFrontierData(y, X, groups, sign, time)
    out = fit_truncated_frontier(data, start_values(b0, su2, sv2, time is not None), **ml)
    if mapped:
        T = rescaling.parameter_map(len(out.theta) - k)
        out = replace(out, theta=T @ out.theta, V=T @ out.V @ T.T,
                      hessian=None if out.hessian is None else np.linalg.pinv(T).T @ out.hessian @ np.linalg.pinv(T))
        start = replace(start, theta=np.concatenate([rescaling.parameter_map(0) @ start.theta[:k],
                                                     start.theta[k:]]))
    return out, start


def transformed_rows(theta, V, level):
    """sigma2, gamma (transformed intervals), sigma_u2, sigma_v2 (delta method, symmetric)."""
    from scipy import special

    from mlmcli.mixed.spec import CoefLabel
    from mlmcli.postest.coefficient_rows import rows_from_estimates
    from mlmcli.results.mixed import CoefRow

    ig, ls = theta[-2], theta[-1]
    Vt = V[-2:, -2:]  # (ilgtgamma, lnsigma2)
    rg, rs = rows_from_estimates((CoefLabel("g"), CoefLabel("s")), np.array([ig, ls]), Vt, level)
    g, s2 = float(special.expit(ig)), stata_exp(ls)
    nan = float("nan")
    dg = g * (1 - g)
    rows = [CoefRow("sigma2", s2, float(s2 * rs.se), nan, nan, stata_exp(rs.ci_lo), stata_exp(rs.ci_hi)),
            CoefRow("gamma", g, float(dg * rg.se), nan, nan, float(special.expit(rg.ci_lo)),
                    float(special.expit(rg.ci_hi)))]
    z = (rs.ci_hi - ls) / rs.se if rs.se > 0 else nan
    for name, value, grad in (("sigma_u2", g * s2, np.array([s2 * dg, g * s2])),
                              ("sigma_v2", (1 - g) * s2, np.array([-s2 * dg, (1 - g) * s2]))):
        se = float(np.sqrt(max(grad @ Vt @ grad, 0.0)))
        rows.append(CoefRow(name, float(value), se, nan, nan, float(value - z * se), float(value + z * se)))
    return tuple(rows)


def ancillary_rows(theta, V, level, tvd: bool = False):
    """/mu, [/eta,] /lnsigma2, /ilgtgamma (the display order of frontier.ado's diparms)."""
    from mlmcli.mixed.inference import fixed_rows
    from mlmcli.mixed.spec import CoefLabel

    n = len(theta)
    order = [n - 4, n - 3, n - 1, n - 2] if tvd else [n - 3, n - 1, n - 2]
    names = ("/mu", "/eta", "/lnsigma2", "/ilgtgamma") if tvd else ("/mu", "/lnsigma2", "/ilgtgamma")
    return fixed_rows(tuple(CoefLabel(nm) for nm in names), theta[order], V[np.ix_(order, order)], level)
