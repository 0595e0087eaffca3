"""The bootstrap's summary of its replicates, exactly as bootstrap.ado's ``_bs_sum`` (and its
``OneBstat``) compute it, and the BCa acceleration as its ``JKAccel`` does.  Pure numbers.

Replicates are the rows of a (reps x k) matrix, NaN where a replicate failed or was rejected;
as ``marksample`` does, a row with any missing value is left out of everything (N_reps counts
the rows kept, N_misreps the others).  With n the rows kept, b the observed statistics,
z = invnormal((100 + level)/200):

- b_bs = the mean; bias = b_bs - b; se = the standard deviation (divisor n - 1);
- V = the covariance (divisor n - 1); ``mse``: sum (x - b)(x - b)' / n (``_sumaccum``'s V
  about b times (n-1)/n); se stays the standard deviation;
- normal interval: b -/+ z se;
- percentile interval: the (100-level)/2 and (100+level)/2 percentiles, by ``_pctile``'s
  definition (``stata_percentile``: R's quantile type 2);
- z0 = invnormal(c/n), c = #{x <= b} (``ties``: less half of #{x == b}); missing unless
  0 < c < n, and with it the BC and BCa intervals;
- BC: the percentiles 100 normal(2 z0 -/+ z);
- BCa (an acceleration a): the percentiles 100 normal(z0 + w/(1 - a w)), w = z0 -/+ z;
- a percentile outside (0, 100) leaves that interval missing (``_pctile`` fails, captured).

Acceleration (``JKAccel``): the jackknife's pseudovalues p_j = N b - (N-1) b_(j) over the N
replicates (leave-one-out, or one cluster out), a = skewness(p) / (6 sqrt(n)) over the n
pseudovalues present (``summarize, detail``'s skewness, moments divided by n), 0 when the
pseudovalues' mean and sd are both 0, missing when the skewness is (then no BCa interval:
bootstrap.ado warns and drops bca) -- the same as Efron's sum d^3 / (6 (sum d^2)^1.5),
d = mean(b_(.)) - b_(j).
"""
from __future__ import annotations

import numpy as np

from mlmcli.distributions import norm
from mlmcli.results.bootstrap import BootstrapStatistics


def stata_percentile(values: np.ndarray, p: float) -> float:
    """``_pctile``'s p-th percentile of ``values`` (no weights, the default definition): with
    x_(1) <= ... <= x_(n) and P = n p/100, i = floor(P): (x_(i) + x_(i+1))/2 when P = i, else
    x_(i+1) (x_(1) for P < 1, x_(n) for P >= n).  NaN for p outside (0, 100) or no values."""
    x = np.sort(np.asarray(values, float))
    n = len(x)
    if n == 0 or not (0 < p < 100):
        return float("nan")
    P = n * p / 100.0
    i = int(np.floor(P))
    if i >= n:
        return float(x[-1])
    if P == i and i >= 1:
        return float((x[i - 1] + x[i]) / 2)
    return float(x[i])


def acceleration(jackknife: np.ndarray, observed: np.ndarray) -> np.ndarray:
    """The BCa acceleration of each statistic from its jackknife replicates (module docstring):
    ``jackknife`` (N x k), NaN where a replicate failed."""
    J = np.atleast_2d(np.asarray(jackknife, float))
    b = np.asarray(observed, float).reshape(-1)
    N = J.shape[0]
    out = np.full(J.shape[1], np.nan)
    for j in range(J.shape[1]):
        pseudo = N * b[j] - (N - 1) * J[:, j]
        pseudo = pseudo[np.isfinite(pseudo)]
        n = len(pseudo)
        if n == 0:
            continue
        mean = pseudo.mean()
        d = pseudo - mean
        m2 = float(np.mean(d * d))
        sd = np.sqrt(m2 * n / (n - 1)) if n > 1 else float("nan")
        if mean == 0 and sd == 0:
            out[j] = 0.0
        elif m2 > 0:
            out[j] = float(np.mean(d ** 3)) / m2 ** 1.5 / (6 * np.sqrt(n))
    return out


def bootstrap_summary(replicates: np.ndarray, observed: np.ndarray, *, level: float = 95.0, mse: bool = False,
                      ties: bool = False, accel: np.ndarray | None = None) -> BootstrapStatistics:
    """The summary of ``replicates`` (reps x k) about ``observed`` (k); ``accel``: the
    acceleration (``acceleration``), which adds the BCa interval.  Fewer than one usable
    replicate leaves everything missing (the caller raises its error)."""
    B = np.atleast_2d(np.asarray(replicates, float))
    b = np.asarray(observed, float).reshape(-1)
    k = len(b)
    good = B[np.all(np.isfinite(B), axis=1)] if B.size else np.zeros((0, k))
    n = good.shape[0]
    z = float(norm.ppf((100 + level) / 200))
    nan = np.full(k, np.nan)
    b_bs, se, bias, z0 = nan.copy(), nan.copy(), nan.copy(), nan.copy()
    ci = {name: np.full((2, k), np.nan) for name in ("normal", "percentile", "bc", "bca")}
    V = np.full((k, k), np.nan)
    if n >= 1:
        # columns past 2^480 (estimates near 1e307) as column / 2^j: exact, and their squares
        # stay finite; V past the largest double is missing
        top = np.max(np.abs(good), axis=0)
        s = np.where(top > 2.0 ** 480, np.ldexp(1.0, np.minimum(np.frexp(top)[1], 1023)), 1.0)
        scaled = good / s
        b_bs = scaled.mean(axis=0) * s
        bias = b_bs - b
        if n >= 2:
            d = scaled - b_bs / s
            se = np.sqrt(np.sum(d * d, axis=0) / (n - 1)) * s
            V = d.T @ d / (n - 1)
        if mse:
            e = scaled - b / s
            V = e.T @ e / n
        if np.any(s != 1.0) and (n >= 2 or mse):
            with np.errstate(over="ignore", invalid="ignore"):
                V = V * s[:, None] * s[None, :]
            V = np.where(np.abs(V) <= 8.988465674311579e307, V, np.nan)
        ci["normal"] = np.vstack([b - z * se, b + z * se])
        lo, hi = (100 - level) / 2, (100 + level) / 2
        for j in range(k):
            x = good[:, j]
            ci["percentile"][:, j] = (stata_percentile(x, lo), stata_percentile(x, hi))
            count = float(np.sum(x <= b[j]))
            if ties:
                count -= np.sum(x == b[j]) / 2
            if not 0 < count < n:
                continue
            z0[j] = norm.ppf(count / n)
            p1, p2 = 100 * norm.cdf(2 * z0[j] - z), 100 * norm.cdf(2 * z0[j] + z)
            ci["bc"][:, j] = (stata_percentile(x, p1), stata_percentile(x, p2))
            if accel is not None and np.isfinite(accel[j]):
                a = float(accel[j])
                w1, w2 = z0[j] - z, z0[j] + z
                p1 = 100 * norm.cdf(z0[j] + w1 / (1 - a * w1))
                p2 = 100 * norm.cdf(z0[j] + w2 / (1 - a * w2))
                ci["bca"][:, j] = (stata_percentile(x, p1), stata_percentile(x, p2))
    return BootstrapStatistics(
        observed=b, b_bs=b_bs, V=V, reps=np.full(k, float(n)), bias=bias, se=se, z0=z0,
        ci_normal=ci["normal"], ci_percentile=ci["percentile"], ci_bc=ci["bc"],
        ci_bca=ci["bca"] if accel is not None else None,
        accel=None if accel is None else np.asarray(accel, float).reshape(-1),
        level=float(level), n_reps=int(n), n_misreps=int(B.shape[0] - n), mse=bool(mse), ties=bool(ties))
