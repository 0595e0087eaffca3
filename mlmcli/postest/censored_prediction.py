"""``predict`` after ``tobit`` and ``intreg`` (tobit_p, intreg_p): every statistic is a function of
the linear prediction x b (+ the offset) and sigma:

    xb, stdp = sqrt(x V x'), stdf = sqrt(stdp^2 + sigma^2),
    pr(a,b), e(a,b), ystar(a,b) of y* ~ N(x b, sigma^2) (``regression_diagnostics.truncated_statistic``).
"""
from __future__ import annotations

import numpy as np

from mlmcli.postest.linear_prediction import LinearIndexPredictions


class CensoredPredictions(LinearIndexPredictions):
    """The fit ``predict`` and ``margins`` see: b (estimable coefficients), V, sigma."""

    def __init__(self, b, V, sigma: float, offset_var: str | None, coef_labels, het=None, *,
                 ancillary: str = "sigma:_cons", depvar: str = "y"):
        self.b, self.V, self.sigma = np.asarray(b, float), np.asarray(V, float), float(sigma)
        self.offset_var, self.coef_labels = offset_var, tuple(coef_labels)
        self.het = het  # intreg's het(): (its design, g); sigma_i = exp(z_i g)
        self.ancillary, self.depvar = ancillary, depvar  # e(b)'s sigma (tobit) or lnsigma (intreg)

    def sigma_at(self, data):
        """sigma at every row of ``data`` (a number without het())."""
        if self.het is None:
            return self.sigma
        design, g = self.het
        Z = np.asarray(design.columns(data), float).reshape(data.nobs, -1)
        return np.exp(Z @ g)

    posted = None  # (e(b), e(V)) as the command posts them: model:, sigma:/lnsigma: equations
    fitted_metric = None  # fitted on shifted columns: glm.rescaled_fit.FittedMetric

    def margins_fitted_metric(self):
        """The fitted metric margins' delta method works in (None: the user's units)."""
        return self.fitted_metric
    limits = (None, None)  # tobit's ll() and ul() (None: not typed)
    censored = None  # cnreg's censored() variable

    def e_matrices(self):
        return self.posted

    def result(self):
        return None  # the command keeps the result object

    def index(self, xb: np.ndarray, rows, offset: bool = True) -> np.ndarray:
        """x b plus the offset variable (``offset`` False: nooffset)."""
        if offset and self.offset_var:
            return xb + rows.variable(self.offset_var)
        return xb

    def predict_from_index(self, statistic: str, xb, rows):
        from mlmcli.errors import StataError, option_not_allowed

        if statistic == "xb":
            return self.index(xb, rows)
        raise StataError(f"option {statistic} not allowed", 198)

    def margins_prediction(self, options: str):
        """margins' hook: xb (the default), pr(a,b), e(a,b), ystar(a,b) with numbers a, b
        (``.`` open) as functions of x b and e(b)'s sigma (tobit) or ln sigma (intreg)."""
        from mlmcli.errors import StataError, option_not_allowed
        from mlmcli.margins.response import STOCHASTIC, LinearIndex
        from mlmcli.syntax.abbreviation import resolve_choice
        from mlmcli.syntax.options import read_options

        typed = read_options(options)
        if len(typed) > 1:
            raise StataError("only one statistic may be specified", 198)
        name = resolve_choice(typed[0].name, (("xb", 2), ("pr", 1), ("e", 1), ("ystar", 2), ("stdp", 4),
                                                       ("stdf", 4), ("scores", 2))) if typed else "xb"
        if name is None:
            raise option_not_allowed(typed[0].name, typed[0].arg)
        if name in ("stdp", "stdf", "scores"):
            raise StataError(STOCHASTIC, 498)
        if self.offset_var:
            raise StataError("margins after a fit with offset() not supported by mlmcli with tobit and intreg", 198)
        if name == "xb":
            return LinearIndex("Linear prediction")
        if self.het is not None:
            raise StataError(f"margins, predict({name}()) after intreg, het() not supported by mlmcli", 198)
        prediction, lo, hi = margins_bounds(name, typed[0].arg or "", name)
        return CensoredResponse(name, lo, hi, self.ancillary, prediction.label(self.depvar))

    def statistic(self, name: str, xb: np.ndarray, stdp, sigma, lo=np.nan, hi=np.nan) -> np.ndarray:
        """stdf, pr, e or ystar at the linear predictions ``xb`` with ``sigma`` (a number or
        one per row; bounds: numbers or arrays, NaN for an open side)."""
        from mlmcli.postest.regression_diagnostics import truncated_statistic

        if name == "stdf":
            return np.sqrt(stdp * stdp + sigma ** 2)
        return truncated_statistic(name, xb, sigma, lo, hi)


def margins_bounds(statistic: str, arg: str, typed_as: str):
    """(Prediction, lo, hi) of margins' predict(pr(a,b)) & co.: a number, NaN for ``.``, or a
    variable's name as typed ([R] tobit postestimation: "a and b may be specified as numbers
    or variable names"), read at each row by ``bounds_at_rows``.  b >= a is checked here when
    both are numbers (as predict), at the rows otherwise."""
    from mlmcli.postest.regress_prediction import Prediction, bound_values, parse_bounds

    prediction = Prediction(statistic, typed=parse_bounds(arg, typed_as))

    def number_or_name(text):
        try:
            return float(text)
        except ValueError:
            return text
    lo, hi = (np.nan if t == "." else number_or_name(t) for t in prediction.typed)
    if not isinstance(lo, str) and not isinstance(hi, str):
        lo, hi = bound_values(prediction, float)
    return prediction, lo, hi


def bound_variable_names(predict_options: str) -> list[str]:
    """The variables typed as bounds in a predict() option text of margins (pr(lim,.) ...):
    what margins must read besides the model's variables."""
    from mlmcli.syntax.abbreviation import resolve_choice
    from mlmcli.syntax.options import read_options

    names = []
    for o in read_options(str(predict_options).strip().lstrip(",")):
        stat = resolve_choice(o.name, (("pr", 1), ("e", 1), ("ystar", 2), ("pr0", 3), ("e0", 2), ("ystar0", 6)))
        if stat is None or o.arg is None or o.arg.count(",") != 1:
            continue
        for text in (t.strip() for t in o.arg.split(",")):
            try:
                float(text)
            except ValueError:
                if text and text != ".":
                    names.append(text)
    return names


def bounds_at_rows(design, lo, hi, statistic: str):
    """The bounds at margins' rows: a variable's observed values (missing: that side open, as
    predict) or the number; b below a on a row where both are set is predict's refusal."""
    lo, hi = (np.asarray(design.observed(v), float) if isinstance(v, str) else v for v in (lo, hi))
    with np.errstate(invalid="ignore"):
        if np.any(np.asarray(lo) > np.asarray(hi)):
            from mlmcli.errors import StataError

            raise StataError(f"option {statistic}(a,b) incorrectly specified; b must be >= a", 198)
    return lo, hi


class CensoredResponse:
    """margins' response p = h(eta; a), a = sigma (``sigma:_cons``) or ln sigma (``lnsigma:_cons``)."""

    linear = False

    def __init__(self, statistic: str, lo: float, hi: float, ancillary: str, label: str):
        self.statistic, self.lo, self.hi, self.label = statistic, lo, hi, label
        self.ancillary = (ancillary,)
        self.log_scale = ancillary.startswith("lnsigma")

    def response(self, eta, a):
        return self._evaluate(eta, a, self.lo, self.hi)

    def row_response(self, design, setting, eta, a):  # a variable bound read at the rows
        return self._evaluate(eta, a, *bounds_at_rows(design, self.lo, self.hi, self.statistic))

    def _evaluate(self, eta, a, lo, hi):
        a0 = float(np.asarray(a, float).ravel()[0])
        s = float(np.exp(a0)) if self.log_scale else a0
        p, d1, d2, ds, d1s = censored_response(self.statistic, eta, s, lo, hi)
        chain = s if self.log_scale else 1.0  # d/d ln sigma = sigma d/d sigma
        return p, d1, d2, (ds * chain)[..., None], (d1s * chain)[..., None]


class FixedSigmaResponse:
    """margins' pr(a,b), e(a,b), ystar(a,b) after ``regress``: regres_p takes sigma = e(rmse),
    which is no element of e(b), so the delta method holds it fixed (p = h(eta) alone)."""

    linear = False
    ancillary: tuple[str, ...] = ()

    def __init__(self, statistic: str, lo, hi, sigma: float, label: str):
        self.statistic, self.lo, self.hi, self.sigma, self.label = statistic, lo, hi, float(sigma), label

    def response(self, eta, a=None):
        return self._evaluate(eta, self.lo, self.hi)

    def row_response(self, design, setting, eta, a):  # a variable bound read at the rows
        return self._evaluate(eta, *bounds_at_rows(design, self.lo, self.hi, self.statistic))

    def _evaluate(self, eta, lo, hi):
        p, d1, d2, _, _ = censored_response(self.statistic, eta, self.sigma, lo, hi)
        return p, d1, d2, None, None


def censored_response(statistic: str, eta, s: float, lo: float, hi: float):
    """pr(lo,hi), e(lo,hi) or ystar(lo,hi) of y* ~ N(eta, s^2) and its derivatives ->
    (p, dp/deta, d2p/deta2, dp/ds, d2p/deta ds); lo/hi NaN for an open side.  With
    A = (lo - eta)/s, B = (hi - eta)/s, P = Phi(B) - Phi(A) and Dk = B^k phi(B) - A^k phi(A)
    (an open side contributes 0): pr: P, -D0/s, -D1/s^2, -D1/s, (D0 - D2)/s^2; ystar:
    dp/deta = P, d2 = -D0/s, dp/ds = -D0, d2p/deta ds = -D1/s; e = eta - s R with R = D0/P:
    1 - D1/P - R^2, ((D0 - D2)/P - 3 R D1/P - 2 R^3)/s, -R - D2/P - R D1/P and
    ((D1 - D3)/P - (D1/P)^2 - 2 R D2/P - 2 R^2 D1/P)/s."""
    from mlmcli.postest.regression_diagnostics import truncated_statistic

    eta, lo, hi = np.broadcast_arrays(np.asarray(eta, float), np.asarray(lo, float), np.asarray(hi, float))
    with np.errstate(invalid="ignore"):  # lo/hi: numbers or one per row, NaN an open side
        A = np.where(np.isnan(lo), -np.inf, (lo - eta) / s)
        B = np.where(np.isnan(hi), np.inf, (hi - eta) / s)

    def powers(t):
        finite = np.isfinite(t)
        t0 = np.where(finite, t, 0.0)
        phi = np.where(finite, np.exp(-0.5 * t0 * t0) / np.sqrt(2 * np.pi), 0.0)
        return [phi * t0 ** k for k in range(4)]
    pb, pa = powers(B), powers(A)
    D0, D1, D2, D3 = (pb[k] - pa[k] for k in range(4))
    p = truncated_statistic(statistic, eta, s, lo, hi)
    if statistic == "pr":
        return p, -D0 / s, -D1 / s ** 2, -D1 / s, (D0 - D2) / s ** 2
    if statistic == "ystar":
        P = truncated_statistic("pr", eta, s, lo, hi)
        return p, P, -D0 / s, -D0, -D1 / s
    P = truncated_statistic("pr", eta, s, lo, hi)
    R, Q1, Q2 = D0 / P, D1 / P, D2 / P
    return (p, 1 - Q1 - R ** 2, ((D0 - D2) / P - 3 * R * Q1 - 2 * R ** 3) / s, -R - Q2 - R * Q1,
            ((D1 - D3) / P - Q1 ** 2 - 2 * R * Q2 - 2 * R ** 2 * Q1) / s)
