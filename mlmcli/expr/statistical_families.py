"""Stata's statistical functions of the inverse Gaussian, logistic, Weibull, Weibull PH, Cauchy
and exponential distributions ([FN] Statistical functions): cumulative, tail, density and
their inverses, missing outside the manual's domains (``statistical_functions.stat``).
Each entry: name -> (min args, max args, implementation(ctx, *values)).
"""
from __future__ import annotations

from mlmcli.lazy_module import lazy_module

from mlmcli.expr.statistical_functions import probability, scipy_special, stat

np = lazy_module("numpy", globals(), "np")


# ----------------------------------------------------------------------------- inverse Gaussian (mean m, shape a)
def _igaussian(m, a, x):
    sp = scipy_special()
    xp = np.where(x > 0, x, 1)
    r = np.sqrt(a / xp)
    # Phi(r(x/m - 1)) + exp(2a/m) Phi(-r(x/m + 1)), the second term on the log scale
    second = np.exp(2 * a / m + sp.log_ndtr(-r * (xp / m + 1)))
    return np.where(x <= 0, 0.0, sp.ndtr(r * (xp / m - 1)) + second)


def _igaussiantail(m, a, x):
    sp = scipy_special()
    xp = np.where(x > 0, x, 1)
    r = np.sqrt(a / xp)
    second = np.exp(2 * a / m + sp.log_ndtr(-r * (xp / m + 1)))
    return np.where(x <= 0, 1.0, sp.ndtr(-r * (xp / m - 1)) - second)


def _lnigaussianden(m, a, x):
    return 0.5 * np.log(a / (2 * np.pi * x ** 3)) - a * (x - m) ** 2 / (2 * m * m * x)


def _invigaussian(m, a, p, tail=False):
    import scipy.stats as st
    dist = st.invgauss(m / a, scale=a)
    return dist.isf(p) if tail else dist.ppf(p)


def _mas(m, a, *rest):
    return (m > 0) & (a > 0)


def _ig_den_domain(m, a, x):
    return (m > 0) & (a > 0) & (x > 0)


# ----------------------------------------------------------------------------- logistic, Weibull, Cauchy, exponential
def _loc_scale(args):
    """(m, s, last) from logistic's 1, 2 or 3 arguments: (x), (s, x), (m, s, x)."""
    if len(args) == 1:
        return 0.0, 1.0, args[0]
    if len(args) == 2:
        return 0.0, args[0], args[1]
    return args


def _logistic_family(kind):
    def f(*args):
        m, s, x = _loc_scale(args)
        sp = scipy_special()
        z = (x - m) / s
        if kind == "cdf":
            return sp.expit(z)
        if kind == "tail":
            return sp.expit(-z)
        if kind == "den":
            e = sp.expit(z)
            return e * (1 - e) / s
        if kind == "inv":
            return m + s * sp.logit(x)
        return m - s * sp.logit(x)  # invtail
    return f


def _logistic_domain(kind):
    def d(*args):
        m, s, x = _loc_scale(args)
        ok = np.asarray(s) > 0
        return ok & probability(x) if kind.startswith("inv") else ok & ~np.isnan(x)
    return d


def _weibull_family(kind, ph=False):
    """weibull(a, b[, g], x) = 1 - exp(-((x - g)/b)^a); weibullph(a, b[, g], x) = 1 - exp(-b (x - g)^a)."""
    def f(a, b, *rest):
        g, x = (rest if len(rest) == 2 else (0.0, rest[0]))
        if kind in ("inv", "invtail"):
            h = -np.log1p(-x) if kind == "inv" else -np.log(x)  # cumulative hazard at the quantile
            return g + (b * h ** (1 / a) if not ph else (h / b) ** (1 / a))
        z = np.maximum(x - g, 0)
        hazard = (z / b) ** a if not ph else b * z ** a
        if kind == "cdf":
            return np.where(x < g, 0.0, -np.expm1(-hazard))
        if kind == "tail":
            return np.where(x < g, 1.0, np.exp(-hazard))
        rate = (a / b) * (z / b) ** (a - 1) if not ph else a * b * z ** (a - 1)
        return np.where(x < g, 0.0, rate * np.exp(-hazard))
    return f


def _weibull_domain(kind):
    def d(a, b, *rest):
        last = rest[-1]
        ok = (a > 0) & (b > 0)
        return ok & probability(last) if kind.startswith("inv") else ok & ~np.isnan(last)
    return d


def _cauchy_family(kind):
    def f(a, b, x):
        z = (x - a) / b
        if kind == "cdf":
            return 0.5 + np.arctan(z) / np.pi
        if kind == "tail":
            return 0.5 - np.arctan(z) / np.pi
        if kind == "den":
            return 1 / (np.pi * b * (1 + z * z))
        if kind == "lnden":
            return -np.log(np.pi * b) - np.log1p(z * z)
        if kind == "inv":
            return a + b * np.tan(np.pi * (x - 0.5))
        return a - b * np.tan(np.pi * (x - 0.5))
    return f


def _exponential_family(kind):
    def f(b, x):
        if kind == "cdf":
            return np.where(x < 0, 0.0, -np.expm1(-np.maximum(x, 0) / b))
        if kind == "tail":
            return np.where(x < 0, 1.0, np.exp(-np.maximum(x, 0) / b))
        if kind == "den":
            return np.where(x < 0, 0.0, np.exp(-np.maximum(x, 0) / b) / b)
        if kind == "inv":
            return -b * np.log1p(-x)
        return -b * np.log(x)
    return f


def _scale_domain(kind):
    def d(b, x):
        return (b > 0) & (probability(x) if kind.startswith("inv") else ~np.isnan(x))
    return d


def _cauchy_domain(kind):
    def d(a, b, x):
        return (b > 0) & ~np.isnan(a) & (probability(x) if kind.startswith("inv") else ~np.isnan(x))
    return d


FUNCTIONS: dict[str, tuple[int, int, object]] = {
    # inverse Gaussian
    "igaussian": (3, 3, stat(_igaussian, _mas)),
    "igaussiantail": (3, 3, stat(_igaussiantail, _mas)),
    "igaussianden": (3, 3, stat(lambda m, a, x: np.where(x <= 0, 0.0, np.exp(_lnigaussianden(m, a, np.where(x > 0, x, 1)))),
                                _mas)),
    "lnigaussianden": (3, 3, stat(_lnigaussianden, _ig_den_domain)),
    "invigaussian": (3, 3, stat(_invigaussian, lambda m, a, p: _mas(m, a) & probability(p))),
    "invigaussiantail": (3, 3, stat(lambda m, a, p: _invigaussian(m, a, p, True), lambda m, a, p: _mas(m, a) & probability(p))),
}

for _kind, _suffix in (("cdf", ""), ("tail", "tail"), ("den", "den"), ("inv", ""), ("invtail", "tail")):
    _prefix = "inv" if _kind.startswith("inv") else ""
    FUNCTIONS[f"{_prefix}logistic{_suffix}"] = (1, 3, stat(_logistic_family(_kind), _logistic_domain(_kind)))
    FUNCTIONS[f"{_prefix}weibull{_suffix}"] = (3, 4, stat(_weibull_family(_kind), _weibull_domain(_kind)))
    FUNCTIONS[f"{_prefix}weibullph{_suffix}"] = (3, 4, stat(_weibull_family(_kind, ph=True), _weibull_domain(_kind)))
    FUNCTIONS[f"{_prefix}cauchy{_suffix}"] = (3, 3, stat(_cauchy_family(_kind), _cauchy_domain(_kind)))
    FUNCTIONS[f"{_prefix}exponential{_suffix}"] = (2, 2, stat(_exponential_family(_kind), _scale_domain(_kind)))
FUNCTIONS["lncauchyden"] = (3, 3, stat(_cauchy_family("lnden"), _cauchy_domain("lnden")))
