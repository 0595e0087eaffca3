"""The numbers behind histograms, kernel densities, lowess and local polynomial smooths,
as Stata computes them (``histogram``, ``kdensity``, ``lowess``, ``lpoly`` and their
``twoway`` plot types).  Pure numpy; missing values are dropped by the callers.

Kernels (``z = (x - X_i)/h``; Stata's ``kdensity``/``lpoly`` definitions):

    epanechnikov  K(z) = 3/4 (1 - z^2/5)/sqrt(5)   |z| < sqrt(5)   (unit variance)
    epan2         K(z) = 3/4 (1 - z^2)             |z| < 1
    biweight      K(z) = 15/16 (1 - z^2)^2         |z| < 1
    cosine        K(z) = 1 + cos(2 pi z)           |z| < 1/2
    gaussian      K(z) = phi(z)
    parzen        K(z) = 4/3 - 8 z^2 + 8 |z|^3     |z| <= 1/2
                  K(z) = 8 (1 - |z|)^3 / 3         1/2 < |z| <= 1
    rectangle     K(z) = 1/2                       |z| < 1
    triangle      K(z) = 1 - |z|                   |z| < 1
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from mlmcli.errors import StataError
from mlmcli.ols import depvar_scale
from mlmcli.summary_statistics import stata_percentile

KERNELS = ("epanechnikov", "epan2", "biweight", "cosine", "gaussian", "parzen", "rectangle",
           "triangle")
# kernel names and their minimal abbreviations (kdensity's kernel() option)
# the kernels as kdensity's old options by themselves (kdensity, twoway kdensity: ``, biweight``)
KERNEL_WORDS = ("biweight", "cosine", "epanechnikov", "gaussian", "parzen", "rectangle", "triangle", "epan2")
KERNEL_ABBREVIATIONS = (("epan2", 5), ("epanechnikov", 2), ("biweight", 2), ("cosine", 3),
                        ("gaussian", 3), ("parzen", 3), ("rectangle", 3), ("triangle", 3))


def kernel(name: str, z: np.ndarray) -> np.ndarray:
    """K(z) for one of ``KERNELS`` (the table in the module docstring)."""
    z = np.asarray(z, dtype=float)
    a = np.abs(z)
    if name == "epanechnikov":
        return np.where(a < math.sqrt(5.0), 0.75 * (1.0 - z * z / 5.0) / math.sqrt(5.0), 0.0)
    if name == "epan2":
        return np.where(a < 1.0, 0.75 * (1.0 - z * z), 0.0)
    if name == "biweight":
        return np.where(a < 1.0, 15.0 / 16.0 * (1.0 - z * z) ** 2, 0.0)
    if name == "cosine":
        return np.where(a < 0.5, 1.0 + np.cos(2.0 * math.pi * z), 0.0)
    if name == "gaussian":
        return np.exp(-0.5 * z * z) / math.sqrt(2.0 * math.pi)
    if name == "parzen":
        inner = 4.0 / 3.0 - 8.0 * z * z + 8.0 * a ** 3
        outer = 8.0 * (1.0 - a) ** 3 / 3.0
        return np.where(a <= 0.5, inner, np.where(a <= 1.0, outer, 0.0))
    if name == "rectangle":
        return np.where(a < 1.0, 0.5, 0.0)
    if name == "triangle":
        return np.where(a < 1.0, 1.0 - a, 0.0)
    raise ValueError(name)


# ---------------------------------------------------------------- kernel density
def silverman_bandwidth(x: np.ndarray, w: np.ndarray | None = None, kind: str = "fweight") -> float:
    """``kdensity``'s default half-width:

        h = 0.9 m / N^(1/5),   m = min(sd, IQR/1.349)   (m = sd when that is <= 0)

    with sd and the quartiles of ``summarize, detail`` (Stata's percentile
    definition); N is the number of observations (the sum of frequency weights).
    """
    x = np.asarray(x, dtype=float)
    if w is None:
        n = x.size
        top = depvar_scale(x)  # exact: the same sd, without squares past the double range
        with np.errstate(over="ignore"):
            sd = float(np.std(x / top, ddof=1)) * top if n > 1 else 0.0
        sx = np.sort(x)
        iqr = stata_percentile(sx, 75) - stata_percentile(sx, 25)
    else:
        from mlmcli.summary_statistics import weighted_moments, weighted_percentile

        order = np.argsort(x, kind="stable")
        stats = weighted_moments(x, w, kind)
        n = float(stats["N"])
        sd = float(np.sqrt(stats["Var"]))
        iqr = (weighted_percentile(x[order], w[order], 75)
               - weighted_percentile(x[order], w[order], 25))
    m = min(sd, iqr / 1.349)
    if not m > 0:
        m = sd
    return 0.9 * m / float(n) ** 0.2 if n > 0 else 0.0


def density_grid(x: np.ndarray, h: float, n: int) -> np.ndarray:
    """``kdensity``'s evaluation points: n equally spaced from min(x) - h to max(x) + h."""
    lo, hi = float(np.min(x)), float(np.max(x))
    if n <= 1:
        return np.array([lo - h])
    delta = (hi - lo + 2.0 * h) / (n - 1)
    return lo - h + np.arange(n) * delta


def kernel_density(x: np.ndarray, at: np.ndarray, h: float, kernel_name: str = "epanechnikov",
                   w: np.ndarray | None = None) -> np.ndarray:
    """f(a) = 1/(W h) sum_i w_i K((a - X_i)/h), W = sum_i w_i (w = 1 unweighted)."""
    x = np.asarray(x, dtype=float)
    at = np.asarray(at, dtype=float)
    w = np.ones_like(x) if w is None else np.asarray(w, dtype=float)
    total = float(np.sum(w))
    if h <= 0 or total <= 0:
        return np.full(at.shape, np.nan)
    out = np.empty(at.shape, dtype=float)
    step = max(1, 2_000_000 // max(x.size, 1))  # bounded memory for large data
    for start in range(0, at.size, step):
        block = at[start:start + step]
        z = (block[:, None] - x[None, :]) / h
        out[start:start + step] = kernel(kernel_name, z) @ w / (total * h)
    return out


def normal_density(at: np.ndarray, mean: float, sd: float) -> np.ndarray:
    """phi((a - mean)/sd)/sd (Stata's ``normalden(a, mean, sd)``)."""
    at = np.asarray(at, dtype=float)
    return np.exp(-0.5 * ((at - mean) / sd) ** 2) / (sd * math.sqrt(2.0 * math.pi))


# ---------------------------------------------------------------- histogram
@dataclass(frozen=True)
class HistogramBins:
    """A histogram as ``twoway__histogram_gen`` makes it.

    ``lower``: left edge of the first bin; ``width``; ``bins``; ``start`` (shown in the
    note); ``centers``/``heights``: one per bin holding data; ``counts`` likewise;
    ``n``: observations (sum of frequency weights); ``area``: what the bars add up to
    (1 density, width fraction, 100 width percent, n width frequency), the factor a
    density overlay is scaled by.
    """

    lower: float
    width: float
    bins: int
    start: float
    centers: np.ndarray
    heights: np.ndarray
    counts: np.ndarray
    n: float
    kind: str
    area: float

    @property
    def upper(self) -> float:
        return self.lower + self.width * self.bins


def default_bins(n: float) -> int:
    """Stata's default number of bins: int(min(sqrt(N), 10 ln(N)/ln(10))), at least 1.

    (The product is truncated in floating point: 10 ln(1000)/ln(10) is just below 30,
    so 1,000 observations get 29 bins, as in Stata.)"""
    return max(1, int(min(math.sqrt(n), 10.0 * math.log(n) / math.log(10.0))))


def histogram_bins(x: np.ndarray, *, w: np.ndarray | None = None, bins: int | None = None,
                   width: float | None = None, start: float | None = None,
                   discrete: bool = False, kind: str = "density") -> HistogramBins:
    """Bins and bar heights.

    Continuous: the lower edge is ``start`` (default min x); with ``bin(k)`` (default
    ``default_bins(N)``) the width is (max - lower)/k; with ``width(h)``,
    k = ceil((max - lower)/h).  Discrete: the width is ``width`` or the smallest
    difference between distinct values (1 if none), the lower edge min - h/2 and
    k = int((max - lower)/h + .5).  Observation i falls in bin floor((x_i - lower)/h)
    (the maximum in the last bin).  Heights: density count/(N h), fraction count/N,
    frequency count, percent 100 count/N.
    """
    x = np.asarray(x, dtype=float)
    w = np.ones_like(x) if w is None else np.asarray(w, dtype=float)
    n = float(np.sum(w))
    lo, hi = float(np.min(x)), float(np.max(x))
    if lo == hi and width is None:
        width = 1.0
    shown_start = lo
    if start is not None:
        if lo < start and abs(lo - start) / (abs(start) + 1.0) > 1e-5:
            raise StataError("option start() may not be larger than minimum of the variable", 198)
        shown_start = start
        if not discrete:
            lo = start
    if not discrete:
        if width is None:
            k = bins or default_bins(n)
            h = (float(hi) - float(lo)) / k
            if not (math.isfinite(h) and h > 0):  # a range past the double range, or below its least step
                # twoway__histogram_gen: h is missing (or 0), so is every bin number; its tabulate
                # of them fails and it says "too many bins" with tabulate's rc
                raise StataError("too many bins", 2000)
        else:
            h = width
            span = (hi - lo) / h  # past the double range: Stata's ceil(.) is ., and max(1, .) is 1
            k = max(1, math.ceil(span)) if math.isfinite(span) else 1
    else:
        if width is None:
            values = np.unique(x)
            diffs = np.diff(values)
            h = float(diffs.min()) if diffs.size else 1.0
        else:
            h = width
        lo = lo - h / 2.0
        span = (hi - lo) / h + 0.5
        k = int(span) if math.isfinite(span) else 1
    with np.errstate(over="ignore", invalid="ignore"):
        idx = np.floor((x - lo) / h)
    idx[idx < 0] = 0
    idx[idx == k] = k - 1
    inside = np.isfinite(idx)  # a bin number past the double range is missing: not tabulated, as Stata
    codes, inverse = np.unique(idx[inside], return_inverse=True)
    counts = np.bincount(inverse, weights=w[inside], minlength=codes.size)
    centers = lo + h / 2.0 + h * codes
    if kind == "density":
        heights, area = counts / (n * h), 1.0
    elif kind == "fraction":
        heights, area = counts / n, h
    elif kind == "percent":
        heights, area = 100.0 * counts / n, 100.0 * h
    elif kind == "frequency":
        heights, area = counts.astype(float), n * h
    else:  # pragma: no cover - callers pass one of the four
        raise ValueError(kind)
    return HistogramBins(lo, h, int(k), shown_start, centers, heights, counts, n, kind, area)


# ---------------------------------------------------------------- lowess
def lowess(y: np.ndarray, x: np.ndarray, bwidth: float = 0.8, mean: bool = False,
           weighted: bool = True, adjust: bool = False, logit: bool = False) -> np.ndarray:
    """Stata's ``lowess`` smooth, one value per observation (in the input order).

    With the data sorted by x (ties in their input order), the smooth at i uses
    observations i- = max(1, i - k) .. i+ = min(i + k, N),

        k = floor((N bwidth - 0.5)/2),

    weighted by the tricube w_j = (1 - (|x_j - x_i|/Delta)^3)^3,
    Delta = 1.0001 max(x_{i+} - x_i, x_i - x_{i-}) (all 1 with ``noweight``); the
    smoothed value is the weighted mean (``mean``) or the weighted least-squares
    line's prediction at x_i (the weighted mean when x does not vary in the span).
    ``adjust`` rescales the smooth so that its mean is the mean of y; ``logit`` returns
    ln(s/(1-s)), with s below .0001 set to 1/N and above .9999 to 1 - 1/N.
    """
    y = np.asarray(y, dtype=float)
    x = np.asarray(x, dtype=float)
    top = float(np.max(np.abs(y), initial=0.0))
    if top > 2.0 ** 480 and not logit:  # y near 1e307: the smooth of y / 2^j, scaled back (exact)
        scale = math.ldexp(1.0, min(math.frexp(top)[1], 1023))
        with np.errstate(over="ignore"):
            out = lowess(y / scale, x, bwidth, mean, weighted, adjust) * scale
        return np.where(np.abs(out) <= 8.988465674311579e307, out, np.nan)
    n = x.size
    order = np.argsort(x, kind="stable")
    xs, ys = x[order], y[order]
    k = int(math.floor((n * bwidth - 0.5) / 2.0))
    k = max(k, 0)
    smooth = np.empty(n)
    for i in range(n):
        a, b = max(0, i - k), min(n - 1, i + k)
        xw, yw = xs[a:b + 1], ys[a:b + 1]
        if weighted:
            delta = 1.0001 * max(xs[b] - xs[i], xs[i] - xs[a])
            wt = (1.0 - (np.abs(xw - xs[i]) / delta) ** 3) ** 3 if delta > 0 else np.ones_like(xw)
        else:
            wt = np.ones_like(xw)
        total = wt.sum()
        ybar = float(wt @ yw / total)
        if mean:
            smooth[i] = ybar
            continue
        xbar = float(wt @ xw / total)
        sxx = float(wt @ (xw - xbar) ** 2)
        if sxx <= 1e-300 * max(1.0, xbar * xbar):
            smooth[i] = ybar
        else:
            slope = float(wt @ ((xw - xbar) * (yw - ybar))) / sxx
            smooth[i] = ybar + slope * (xs[i] - xbar)
    out = np.empty(n)
    out[order] = smooth
    if adjust:
        out = out * float(np.mean(y)) / float(np.mean(out))
    if logit:
        adj = 1.0 / n
        out = np.where(out < 1e-4, adj, np.where(out > 1 - 1e-4, 1 - adj, out))
        out = np.log(out / (1 - out))
    return out


# ---------------------------------------------------------------- local polynomial
def _moment(kernel_name: str, j: int) -> float:
    """mu_j = integral of t^j K(t) dt (numerically, over the kernel's support)."""
    from scipy.integrate import quad

    support = {"epanechnikov": math.sqrt(5.0), "cosine": 0.5, "gaussian": 12.0}.get(kernel_name, 1.0)
    value, _ = quad(lambda t: t ** j * float(kernel(kernel_name, np.array(t))), -support, support,
                    limit=200, points=[0.0, -0.5, 0.5] if kernel_name == "parzen" else None)
    return value


@lru_cache(maxsize=64)
def equivalent_kernel_constant(kernel_name: str, p: int) -> float:
    """Fan and Gijbels' (1996, eq. 3.20) C_{0,p}(K) for an odd degree p:

        C = [ ((p+1)!)^2 R(K*) / (2 (p+1) {mu_{p+1}(K*)}^2) ]^(1/(2p+3))

    with the equivalent kernel K*(t) = e_1' S^{-1} (1, t, ..., t^p)' K(t),
    S = (mu_{j+l}), R(K*) = integral of K*^2 and mu_{p+1}(K*) = integral of t^{p+1} K*.
    """
    import warnings

    from scipy.integrate import IntegrationWarning, quad

    with warnings.catch_warnings():  # high degrees: quad's round-off notes are not for users
        warnings.simplefilter("ignore", IntegrationWarning)
        return _equivalent_kernel_constant(kernel_name, p, quad)


def _equivalent_kernel_constant(kernel_name: str, p: int, quad) -> float:
    S = np.array([[_moment(kernel_name, j + l) for l in range(p + 1)] for j in range(p + 1)])
    row = np.linalg.solve(S, np.eye(p + 1)[:, 0])  # e_1' S^{-1} (S is symmetric)

    def kstar(t: float) -> float:
        return float(row @ t ** np.arange(p + 1)) * float(kernel(kernel_name, np.array(t)))

    support = {"epanechnikov": math.sqrt(5.0), "cosine": 0.5, "gaussian": 12.0}.get(kernel_name, 1.0)
    r_k, _ = quad(lambda t: kstar(t) ** 2, -support, support, limit=200)
    mu, _ = quad(lambda t: t ** (p + 1) * kstar(t), -support, support, limit=200)
    fact = math.factorial(p + 1)
    return (fact ** 2 * r_k / (2.0 * (p + 1) * mu ** 2)) ** (1.0 / (2 * p + 3))


def rot_bandwidth(y: np.ndarray, x: np.ndarray, degree: int = 0,
                  kernel_name: str = "epanechnikov") -> float:
    """``lpoly``'s default, the rule-of-thumb bandwidth of Fan and Gijbels (1996, eq. 4.3):

        h = C_{0,p}(K) [ s^2 (u - l) / sum_i {m^(p+1)(X_i)}^2 1(l <= X_i <= u) ]^(1/(2p+3))

    where m is a global polynomial of degree p+3 fitted by least squares, s^2 its
    residual variance (RSS/(N - p - 4)), and [l, u] = [min + .05 range, max - .05 range].
    The constant needs an odd p (for an even p the (p+1)th moment of the equivalent
    kernel is 0): an even degree uses p+1 throughout, the local linear bandwidth,
    which has the same asymptotic variance.  Stata does not publish its constant for
    even degrees; this choice is ours.
    """
    p = degree if degree % 2 == 1 else degree + 1
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    ys, xs = depvar_scale(y), depvar_scale(x)
    if ys != 1.0 or xs != 1.0:  # near the largest double: h is free of y's scale and in x's units
        return rot_bandwidth(y / ys, x / xs, degree, kernel_name) * xs
    n = x.size
    center, scale = float(np.mean(x)), float(np.std(x)) or 1.0
    t = (x - center) / scale
    q = p + 3
    T = np.vander(t, q + 1, increasing=True)
    coef, *_ = np.linalg.lstsq(T, y, rcond=None)
    resid = y - T @ coef
    s2 = float(resid @ resid) / max(n - (q + 1), 1)
    # (p+1)th derivative of the fitted polynomial, in the units of x
    deriv = np.zeros(n)
    for j in range(p + 1, q + 1):
        deriv += coef[j] * math.factorial(j) / math.factorial(j - p - 1) * t ** (j - p - 1)
    deriv /= scale ** (p + 1)
    lo, hi = float(x.min()), float(x.max())
    l, u = lo + 0.05 * (hi - lo), hi - 0.05 * (hi - lo)
    inside = (x >= l) & (x <= u)
    denom = float(np.sum(deriv[inside] ** 2))
    if not denom > 0 or not s2 > 0:
        return 0.0
    const = equivalent_kernel_constant(kernel_name, p)
    return const * (s2 * (u - l) / denom) ** (1.0 / (2 * p + 3))


def local_polynomial(y: np.ndarray, x: np.ndarray, at: np.ndarray, h: float, degree: int = 0,
                     kernel_name: str = "epanechnikov") -> np.ndarray:
    """The kernel-weighted local polynomial smooth m(a) = b_0, where b minimises

        sum_i K((X_i - a)/h) {Y_i - b_0 - b_1 (X_i - a) - ... - b_p (X_i - a)^p}^2

    (NaN where fewer than p+1 observations get weight or the fit is singular; y or x near the
    largest double are smoothed divided by a power of two and scaled back)."""
    y = np.asarray(y, dtype=float)
    x = np.asarray(x, dtype=float)
    ys, xs = depvar_scale(y), depvar_scale(x)
    if ys != 1.0 or xs != 1.0:
        inner = local_polynomial(y / ys, x / xs, np.asarray(at, dtype=float) / xs, h / xs, degree, kernel_name)
        with np.errstate(over="ignore"):
            return inner * ys
    out = np.full(len(at), np.nan)
    for k, a in enumerate(np.asarray(at, dtype=float)):
        d = x - a
        with np.errstate(invalid="ignore", divide="ignore"):  # h = 0 (a constant x): no weights, missing
            wt = kernel(kernel_name, d / h)
        use = wt > 0
        if use.sum() < degree + 1:
            continue
        D = np.vander(d[use] / h, degree + 1, increasing=True)
        sw = np.sqrt(wt[use])
        beta, _, rank, _ = np.linalg.lstsq(D * sw[:, None], y[use] * sw, rcond=None)
        if rank == degree + 1:
            out[k] = beta[0]
    return out


def _local_fit(x: np.ndarray, a: float, h: float, degree: int, kernel_name: str):
    """The weighted least squares of a degree-p polynomial at ``a``: (rows with weight, their
    kernel weights w = K((X_i - a)/h), the design X = [1, (X_i - a)/h, ..., ((X_i - a)/h)^p],
    (X'WX)^-1, X'W^2X); None when fewer than p+1 rows get weight or X'WX is singular."""
    d = x - a
    with np.errstate(invalid="ignore", divide="ignore"):  # h = 0 (a constant y's bandwidth): no weights
        wt = kernel(kernel_name, d / h)
    use = wt > 0
    if use.sum() < degree + 1:
        return None
    w, X = wt[use], np.vander(d[use] / h, degree + 1, increasing=True)
    XtWX = X.T @ (X * w[:, None])
    if np.linalg.matrix_rank(XtWX) < degree + 1:
        return None
    return use, w, X, np.linalg.inv(XtWX), X.T @ (X * (w ** 2)[:, None])


def local_polynomial_variance(y: np.ndarray, x: np.ndarray, at: np.ndarray, h: float, degree: int,
                              kernel_name: str, pilot: float,
                              sigma2: float | np.ndarray | None = None) -> np.ndarray:
    """``lpoly``'s standard errors squared (its Methods and formulas; Fan and Gijbels 1996,
    sec. 4.3), at each point a of ``at``:

        Var{m(a)} = s2(a) e1' (X'WX)^-1 (X'W^2 X) (X'WX)^-1 e1,   W = diag K((X_i - a)/h)

    with the design X of the degree-p fit at a.  The residual variance s2(a), unless given
    (``var()``: a constant or one value per point), is the normalised weighted residual sum
    of squares of a local polynomial of degree p + 2 fitted at a with the pilot bandwidth h*:

        s2(a) = sum_i K((X_i - a)/h*) (Y_i - Yhat_i)^2 / tr{W* - W*X*(X*'W*X*)^-1 X*'W*}

    (Yhat_i: that local fit at X_i).  Both ratios are free of the kernel's scale.  NaN
    where a fit has too few rows with weight, is singular, or leaves no degrees of freedom (y or
    x near the largest double: ``local_polynomial_se``)."""
    y = np.asarray(y, dtype=float)
    x = np.asarray(x, dtype=float)
    at = np.asarray(at, dtype=float)
    given = None if sigma2 is None else np.broadcast_to(np.asarray(sigma2, dtype=float), at.shape)
    out = np.full(at.shape, np.nan)
    for k, a in enumerate(at):
        main = _local_fit(x, a, h, degree, kernel_name)
        if main is None:
            continue
        _, _, _, inv, XtW2X = main
        factor = float((inv @ XtW2X @ inv)[0, 0])
        if given is not None:
            out[k] = given[k] * factor
            continue
        pilot_fit = _local_fit(x, a, pilot, degree + 2, kernel_name)
        if pilot_fit is None:
            continue
        use, w, X, inv, XtW2X = pilot_fit
        resid = y[use] - X @ (inv @ (X.T @ (w * y[use])))
        df = float(w.sum() - np.trace(inv @ XtW2X))
        if df > 0:
            out[k] = float(w @ resid ** 2) / df * factor
    return out


def local_polynomial_se(y: np.ndarray, x: np.ndarray, at: np.ndarray, h: float, degree: int,
                        kernel_name: str, pilot: float, sigma2: float | np.ndarray | None = None) -> np.ndarray:
    """The square roots of ``local_polynomial_variance``.  y or x near the largest double are
    taken divided by powers of two (exact) and the standard errors scaled back: their variances
    would pass the largest double, the standard errors do not."""
    y = np.asarray(y, dtype=float)
    x = np.asarray(x, dtype=float)
    ys, xs = depvar_scale(y), depvar_scale(x)
    if ys == 1.0 and xs == 1.0:
        return np.sqrt(local_polynomial_variance(y, x, at, h, degree, kernel_name, pilot, sigma2))
    scaled_sigma2 = None if sigma2 is None else np.asarray(sigma2, dtype=float) / ys / ys
    inner = local_polynomial_variance(y / ys, x / xs, np.asarray(at, dtype=float) / xs, h / xs, degree,
                                      kernel_name, pilot / xs, scaled_sigma2)
    with np.errstate(over="ignore"):
        return np.sqrt(inner) * ys
