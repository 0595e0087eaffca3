"""nl's built-in functions, ``nl exp3|exp2|exp2a|log3|log4|gom3|gom4 : depvar x``: the
substitutable expression each writes, with the starting values its program (nlexp3.ado ...
nlgom4.ado, version 2.0.0) derives from the data: asymptotes from the range of depvar widened
by the factor 1.1, then a linear regression of a linearizing transform of depvar on x over the
observations where that transform exists.  Returns the ``(depvar = sexp)`` text and e(title).
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError

FAC = 1.1
NAMES = ("exp3", "exp2", "exp2a", "log3", "log4", "gom3", "gom4")


def _ols(t: np.ndarray, x: np.ndarray) -> tuple[float, float]:
    """(intercept, slope) of t on x over the rows where t is not missing (regress)."""
    keep = np.isfinite(t)
    if keep.sum() < 2:
        raise StataError("no observations", 2000)
    X = np.column_stack([np.ones(keep.sum()), x[keep]])
    coef = np.linalg.lstsq(X, t[keep], rcond=None)[0]
    return float(coef[0]), float(coef[1])


def _upper(vmax: float) -> float:
    return vmax / FAC if vmax < 0 else vmax * FAC


def _lower(vmin: float) -> float:
    return vmin * FAC if vmin < 0 else vmin / FAC


def builtin_expression(name: str, y: np.ndarray, x: np.ndarray, yname: str, xname: str) -> tuple[str, str]:
    g = lambda v: format(float(v), ".17g")  # noqa: E731 -- the values as nl's {b=#}
    with np.errstate(all="ignore"):
        if name == "exp2":
            a, s = _ols(np.log(y), x)
            return (f"{yname} = {{b1={g(np.exp(a))}}}*{{b2={g(np.exp(s))}}}^{xname}",
                    f"2-parameter exp. growth curve, {yname} = b1*b2^{xname}")
        if name in ("exp3", "exp2a"):
            _, slope = _ols(y, x)
            if slope > 0:
                b0 = _upper(y.max())
                a, s = _ols(np.log(b0 - y), x)
                b1 = -np.exp(a)
            else:
                b0 = _lower(y.min())
                a, s = _ols(np.log(y - b0), x)
                b1 = np.exp(a)
            b2 = np.exp(s)
            if name == "exp2a":
                return (f"{yname} = {{b1={g(b0)}}}*(1 - {{b2={g(b2)}}}^{xname})",
                        f"2-parameter asymptotic regression, {yname} = b1*(1 - b2^{xname})")
            return (f"{yname} = {{b0={g(b0)}}} + {{b1={g(b1)}}}*{{b2={g(b2)}}}^{xname}",
                    f"3-parameter asymptotic regression, {yname} = b0 + b1*b2^{xname}")
        hi, lo = _upper(y.max()), _lower(y.min())
        if name in ("log3", "log4"):
            a, s = _ols(np.log((y - lo) / (hi - y)), x)
        else:
            a, s = _ols(-np.log(-np.log((y - lo) / hi)), x)
        b2, b3, b1 = s, -a / s, hi - lo
    if name == "log3":
        return (f"{yname} = {{b1={g(b1)}}}/(1 + exp(-{{b2={g(b2)}}}*({xname} - {{b3={g(b3)}}})))",
                f"3-parameter logistic function, {yname} = b1/(1 + exp(-b2*({xname} - b3)))")
    if name == "log4":
        return (f"{yname} = {{b0={g(lo)}}} + {{b1={g(b1)}}}/(1 + exp(-{{b2={g(b2)}}}*({xname} - {{b3={g(b3)}}})))",
                f"4-parameter logistic function, {yname} = b0 + b1/(1 + exp(-b2*({xname} - b3)))")
    if name == "gom3":
        return (f"{yname} = {{b1={g(b1)}}}*exp(-exp(-{{b2={g(b2)}}}*({xname}-{{b3={g(b3)}}})))",
                f"3-parameter Gompertz function, {yname} = b1*exp(-exp(-b2*({xname} - b3)))")
    return (f"{yname} = {{b0={g(lo)}}} + {{b1={g(b1)}}}*exp(-exp(-{{b2={g(b2)}}}*({xname}-{{b3={g(b3)}}})))",
            f"4-parameter Gompertz function, {yname} = b0 + b1*exp(-exp(-b2*({xname} - b3)))")
