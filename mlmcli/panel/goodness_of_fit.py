"""The three R-squareds ``xtreg`` reports for any estimate b ([XT] xtreg, Methods and
formulas), each a squared correlation:

    within   corr( (x_it - xbar_i) b , y_it - ybar_i )^2     over observations
    between  corr( xbar_i b , ybar_i )^2                     over panels
    overall  corr( x_it b , y_it )^2                         over observations

where x b includes the constant (which changes no correlation).  A correlation with a
constant prediction is missing in Stata; xtreg reports 0 then (as ``xtreg, re`` does
when the fitted values have no variance), and the between R-squared of a single
panel is missing.
"""
from __future__ import annotations

import numpy as np

from mlmcli.panel.groups import Panels


def _centred(v: np.ndarray) -> np.ndarray:
    """v less its mean, divided by a power of two near its largest value (exact; a correlation
    is free of scale): values near 1e150 or 1e307 have products past the largest double."""
    v = np.asarray(v, float)
    top = float(np.max(np.abs(v))) if v.size else 0.0
    if np.isfinite(top) and top > 0:
        v = v / 2.0 ** np.frexp(top)[1]
    return v - np.mean(v) if v.size else v


def squared_correlation(a: np.ndarray, b: np.ndarray) -> float:
    a, b = _centred(a), _centred(b)
    den = np.sqrt(np.dot(a, a) * np.dot(b, b))
    if not np.isfinite(den) or den <= 0:
        return float("nan")
    return float(np.dot(a, b) / den) ** 2


def correlation(a: np.ndarray, b: np.ndarray) -> float:
    a, b = _centred(a), _centred(b)
    den = np.sqrt(np.dot(a, a) * np.dot(b, b))
    return float(np.dot(a, b) / den) if den > 0 else float("nan")


def panel_r_squared(y: np.ndarray, xb: np.ndarray, panels: Panels) -> tuple[float, float, float]:
    """(within, between, overall) R-squared of the prediction ``xb``."""
    if np.std(xb) < 1e-8 * max(1.0, float(np.max(np.abs(xb))) if xb.size else 1.0):
        return 0.0, 0.0, 0.0
    within = squared_correlation(panels.within(xb), panels.within(y))
    if panels.n < 2:
        between = float("nan")
    else:
        between = squared_correlation(panels.means(xb), panels.means(y))
    overall = squared_correlation(xb, y)
    return (0.0 if np.isnan(within) else within, between, overall)
