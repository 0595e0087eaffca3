"""logit_p's covariate-pattern statistics ([R] logistic postestimation, Methods and formulas;
Hosmer & Lemeshow's m-asymptotic definitions).

The estimation sample's observations with equal values of the right-hand-side variables (the
variables of e(b)'s columns, operators removed, as logit_p's ``unopvarlist``; the offset is not
part of a pattern) form pattern j, numbered 1, 2, ... in the sort order of those variables
(``number``).  With M_j the (frequency-weighted) count of the pattern, y_j its weighted count of
non-zero outcomes and p_j, s_j the predicted probability and the S.E. of the linear prediction
(logit_p takes them from the pattern's last observation in its sort order: here the last in data
order):

    Pearson residual     r_j = (y_j - M_j p_j) / sqrt(M_j p_j (1 - p_j))          (residuals)
    leverage             h_j = M_j p_j (1 - p_j) s_j^2                             (hat)
    standardized Pearson r_j / sqrt(1 - h_j)                                      (rstandard)
    Pregibon's dbeta     r_j^2 h_j / (1 - h_j)^2                                   (dbeta)
    H-L dX^2             r_j^2 / (1 - h_j)                                         (dx2)
    H-L dD               d_j^2 / (1 - h_j), d_j the deviance residual              (ddeviance)

Every observation of the pattern gets the pattern's value; rows outside the sample are NaN.
"""
from __future__ import annotations

import numpy as np

from .covariate_patterns import CovariatePatterns


def pattern_statistic(name: str, patterns: CovariatePatterns, stdp: np.ndarray | None) -> np.ndarray:
    """One statistic of the module docstring on every row (NaN outside the sample)."""
    if name == "number":
        return patterns.number()
    if name == "residuals":
        return patterns.pearson()
    if name == "deviance":
        return patterns.deviance()
    h = patterns.hat(stdp)
    if name == "hat":
        return h
    with np.errstate(divide="ignore", invalid="ignore"):
        if name == "ddeviance":
            return patterns.deviance() ** 2 / (1 - h)
        r = patterns.pearson()
        if name == "rstandard":
            return r / np.sqrt(1 - h)
        if name == "dx2":
            return r * r / (1 - h)
        if name == "dbeta":
            return r * r * h / (1 - h) ** 2
    raise ValueError(name)


def covariate_variables(colnames) -> list[str]:
    """The variables of e(b)'s column names without operators (logit_p's GetRhs + unopvarlist):
    ``2.grp`` -> grp, ``c.x#c.z`` -> x z, ``L.x2`` -> x2; _cons left out; first appearance order."""
    out: list[str] = []
    for col in colnames:
        name = col.split(":")[-1]
        if name == "_cons":
            continue
        for part in name.split("#"):
            var = part.rsplit(".", 1)[-1]
            if var and var not in out:
                out.append(var)
    return out
