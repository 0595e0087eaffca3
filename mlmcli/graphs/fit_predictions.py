"""What ``twoway lfit/qfit/lfitci/qfitci`` draw when ``estopts()`` asks ``regress`` for a
robust or cluster VCE or ``predopts()`` asks ``predict`` for another statistic than ``xb``.

Stata's twoway fits run ``regress y x [x^2] [weight] if touse, estopts`` and then, at the
evaluation points, ``predict stat, predopts`` (the line) and ``predict se, stdp|stdf|stdr``
(the band's standard error).  Here the regression is ``mlmcli.ols.fit_ols``, the engine of
``regress`` (its b, its VCE -- OLS, robust or cluster sandwich -- its rmse s and e(df_r)),
on the columns (powers of x, 1) that ``fits.power_columns`` keeps.  At a point with
columns x0:

    xb   = x0 b,                    stdp = sqrt(x0 V x0')
    stdf = sqrt(stdp^2 + s^2),      stdr = sqrt(s^2 - stdp^2)   (not after robust: regres_p)
    hat  = x0 (X'WX)^-1 x0'         (leverage; unweighted fits only)
    pr(a,b)    = Phi(beta) - Phi(alpha)
    e(a,b)     = xb - s (phi(beta) - phi(alpha)) / (Phi(beta) - Phi(alpha))
    ystar(a,b) = a Phi(alpha) + b (1 - Phi(beta)) + (Phi(beta) - Phi(alpha)) xb
                 - s (phi(beta) - phi(alpha))
    with alpha = (a - xb)/s, beta = (b - xb)/s, a missing a (b) meaning -inf (+inf)
    ([R] regress postestimation).

The band is ``stat -/+ invttail(e(df_r), (100 - level)/200) se`` around the predicted
statistic, as twoway's fit computes it (with vce(cluster) e(df_r) is the clusters less one).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mlmcli.errors import StataError
from mlmcli.graphs.fits import LineFit, power_columns

# predict's statistics after regress that need the observed outcome at each point: the
# fit is evaluated on a grid of x where there is none
NEEDS_OUTCOME = ("residuals", "rstandard", "rstudent", "cooksd", "dfits", "welsch", "covratio",
                 "dfbeta", "score", "scores")


@dataclass(frozen=True)
class Prediction:
    """``predopts()`` read: ``statistic`` (xb, stdp, stdf, stdr, hat, pr, e, ystar) and the
    bounds ``(a, b)`` of pr/e/ystar (``nan``: unbounded)."""

    statistic: str = "xb"
    bounds: tuple[float, float] = (float("nan"), float("nan"))
    typed: tuple[str, str] | None = None  # the bounds as typed (the label shows them)
    explicit: bool = False  # predopts(xb) typed: predict's label, not regress's default

    def label(self, depvar: str) -> str:
        """The label ``predict`` gives the variable, which the plot's legend shows."""
        if self.statistic in _LABELS:
            return _LABELS[self.statistic] if self.explicit or self.statistic != "xb" else "Fitted values"
        lo, hi = self.typed or (".", ".")
        condition = {(True, True): "", (True, False): f"{depvar}<{hi}", (False, True): f"{depvar}>{lo}",
                     (False, False): f"{lo}<{depvar}<{hi}"}[(lo == ".", hi == ".")]
        if self.statistic == "pr":
            return f"Pr({condition or depvar})"
        star = "*" if self.statistic == "ystar" else ""
        return f"E({depvar}{star}|{condition})" if condition else f"E({depvar})"


_LABELS = {"xb": "Linear prediction", "stdp": "S.E. of the prediction", "stdf": "S.E. of the forecast",
           "stdr": "S.E. of the residual", "hat": "Leverage"}


def regression_fit(y: np.ndarray, x: np.ndarray, at: np.ndarray, degree: int, se: str | None,
                   level: float, *, w: np.ndarray | None = None, weight_kind: str | None = None,
                   constant: bool = True, vce: str = "ols", cluster: np.ndarray | None = None,
                   prediction: Prediction = Prediction()) -> LineFit:
    """The predicted statistic at ``at`` (and its band with ``se`` in stdp/stdf/stdr) after
    regress of y on the powers 1..degree of x (module docstring).  ``cluster``: the cluster
    codes of the rows (vce(cluster)); rows with a missing y, x or weight are dropped."""
    from mlmcli.ols import fit_ols

    ok = np.isfinite(y) & np.isfinite(x)
    if w is not None:
        ok &= np.isfinite(w) & (w != 0)
    y, x = y[ok], x[ok]
    w = None if w is None else np.asarray(w, float)[ok]
    cluster = None if cluster is None else np.asarray(cluster)[ok]
    if len(y) == 0:
        raise StataError("no observations", 2000)
    robust = vce != "ols" or weight_kind == "pweight"
    for name in ("stdf", "stdr"):
        if robust and name in (se, prediction.statistic):
            raise StataError(f"option {name} not allowed after robust estimation", 198)
    if prediction.statistic == "hat" and w is not None:
        raise StataError("predopts(): option hat not supported by mlmcli with weights", 198)
    columns = power_columns(x, degree, constant)
    X = columns.design(x)
    fit = fit_ols(y, X, constant=constant, weight=w, weight_kind=weight_kind, vce=vce, cluster=cluster)
    X0 = columns.design(np.asarray(at, float))
    xb = X0 @ fit.b
    var_p = np.einsum("ij,jk,ik->i", X0, fit.V, X0)
    s2 = fit.rmse ** 2
    stat = _statistic(prediction, xb, var_p, s2, X0, X, w)
    if se is None:
        return LineFit(np.asarray(at, float), stat)
    if not fit.df_r > 0:
        nan = np.full_like(stat, np.nan)
        return LineFit(np.asarray(at, float), stat, nan, nan.copy())
    width = _statistic(Prediction(se), xb, var_p, s2, X0, X, w)
    from mlmcli.distributions import t as student_t

    q = float(student_t.ppf(0.5 + level / 200.0, fit.df_r))
    return LineFit(np.asarray(at, float), stat, stat - q * width, stat + q * width)


def _statistic(prediction: Prediction, xb, var_p, s2: float, X0, X, w) -> np.ndarray:
    name = prediction.statistic
    if name == "xb":
        return xb
    if name == "stdp":
        return np.sqrt(np.maximum(var_p, 0.0))
    if name == "stdf":
        return np.sqrt(s2 + var_p)
    if name == "stdr":
        return np.sqrt(np.maximum(s2 - var_p, 0.0))
    if name == "hat":
        inverse = np.linalg.inv(X.T @ X)
        return np.einsum("ij,jk,ik->i", X0, inverse, X0)
    from mlmcli.distributions import norm

    s = float(np.sqrt(s2))
    lo, hi = prediction.bounds
    alpha = np.full_like(xb, -np.inf) if np.isnan(lo) else (lo - xb) / s
    beta = np.full_like(xb, np.inf) if np.isnan(hi) else (hi - xb) / s
    big_a, big_b = norm.cdf(alpha), norm.cdf(beta)
    small_a = np.where(np.isfinite(alpha), norm.pdf(np.where(np.isfinite(alpha), alpha, 0.0)), 0.0)
    small_b = np.where(np.isfinite(beta), norm.pdf(np.where(np.isfinite(beta), beta, 0.0)), 0.0)
    if name == "pr":
        return big_b - big_a
    if name == "e":
        with np.errstate(divide="ignore", invalid="ignore"):
            return xb - s * (small_b - small_a) / (big_b - big_a)
    # ystar: y censored at a and b; an unbounded side adds nothing
    below = 0.0 if np.isnan(lo) else lo * big_a
    above = 0.0 if np.isnan(hi) else hi * (1.0 - big_b)
    return below + above + (big_b - big_a) * xb - s * (small_b - small_a)


def read_prediction(text: str | None) -> Prediction:
    """``predopts()``: predict's options after regress.  One statistic (default xb);
    ``nooffset`` changes nothing (regress has no offset); statistics that need the outcome
    at each point are refused; another name is Stata's ``option X not allowed``."""
    from mlmcli.syntax.abbreviation import resolve_choice
    from mlmcli.syntax.options import read_options

    if not isinstance(text, str):
        return Prediction()
    chosen: list[Prediction] = []
    names = (("xb", 2), ("stdp", 4), ("stdf", 4), ("stdr", 4), ("hat", 1), ("leverage", 1),
             ("pr", 1), ("e", 1), ("ystar", 2), ("nooffset", 5), ("residuals", 2), ("rstandard", 4),
             ("rstudent", 4), ("cooksd", 1), ("dfits", 3), ("welsch", 1), ("covratio", 3),
             ("dfbeta", 3), ("scores", 2), ("score", 5), ("index", 1))
    for option in read_options(text):
        name = resolve_choice(option.name.lower(), names)
        if name is None:
            raise StataError(f"predopts(): option {option.name} not allowed", 198)
        if name == "nooffset":
            continue
        if name in NEEDS_OUTCOME:
            raise StataError(f"predopts(): option {name} not supported by mlmcli: the fit is "
                             "evaluated at points of x that have no outcome", 198)
        takes = name in ("pr", "e", "ystar")
        if takes != (option.arg is not None):
            raise StataError(f"predopts(): option {option.name} incorrectly specified", 198)
        name = {"leverage": "hat", "index": "xb"}.get(name, name)
        if takes:
            bounds, typed = _bounds(option.arg, name)
            chosen.append(Prediction(name, bounds, typed))
        else:
            chosen.append(Prediction(name, explicit=True))
    if len(chosen) > 1 and len({p.statistic for p in chosen}) > 1:
        raise StataError("predopts(): only one statistic may be specified", 198)
    return chosen[-1] if chosen else Prediction()


def _bounds(arg: str, name: str) -> tuple[tuple[float, float], tuple[str, str]]:
    """``pr(a,b)``: two numbers, ``.`` for an unbounded side; b must not be below a."""
    parts = [p.strip() for p in str(arg).split(",")]
    if len(parts) != 2:
        raise StataError(f"predopts(): option {name}() incorrectly specified", 198)
    out = []
    for part in parts:
        if part == ".":
            out.append(float("nan"))
            continue
        try:
            out.append(float(part))
        except ValueError:
            raise StataError(f"predopts(): option {name}() with a bound that is not a number not "
                             "supported by mlmcli: the fit's points have no values of a variable", 198) from None
    if out[0] > out[1]:
        raise StataError(f"option {name}(a,b) incorrectly specified; b must be >= a", 198)
    return (out[0], out[1]), (parts[0], parts[1])
