"""The skewness and kurtosis test for normality (Stata's ``sktest``) and the ladder of powers.

sktest (D'Agostino, Belanger and D'Agostino 1990, with Royston's 1991 adjustment; as Stata's
sktest.ado computes it).  With b1 = skewness and b2 = kurtosis of the n values (moments with
divisor n, as ``summarize, detail``), n >= 8:

  Y = b1 sqrt((n+1)(n+3) / (6(n-2))),  beta2 = 3(n^2+27n-70)(n+1)(n+3) / ((n-2)(n+5)(n+7)(n+9)),
  W2 = -1 + sqrt(2(beta2-1)),  delta = 1/sqrt(log sqrt W2),  alpha = sqrt(2/(W2-1)),
  Z1 = delta log(Y/alpha + sqrt((Y/alpha)^2 + 1));
  E = 3(n-1)/(n+1),  V = 24n(n-2)(n-3) / ((n+1)^2 (n+3)(n+5)),  X = (b2 - E)/sqrt V,
  rb1 = 6(n^2-5n+2)/((n+7)(n+9)) sqrt(6(n+3)(n+5) / (n(n-2)(n-3))),
  A = 6 + 8/rb1 (2/rb1 + sqrt(1 + 4/rb1^2)),
  Z2 = ((1 - 2/(9A)) - ((1 - 2/A) / (1 + X sqrt(2/(A-4))))^(1/3)) / sqrt(2/(9A));
  K2 = Z1^2 + Z2^2, P = chi2tail(2, K2) (noadjust); adjusted: ZC2 = -invnormal(exp(-K2/2)),
  Z = ZC2 (ZC2 < -1), a1 + b1 ZC2 (ZC2 < cut), a2 + b2 ZC2 otherwise, with cut = .55 n^.2 - .21,
  a1 = (-5 + 3.46 log n) exp(-1.37 log n), b1 = 1 + (.854 - .148 log n) exp(-.55 log n),
  b2 - b1 = 2.13 / (1 - 2.37 log n), a2 = a1 - (b2-b1) cut; P = 1 - normal(Z), K2 = -2 log P.
  Pr(skewness) = 2 - 2 normal(|Z1|), Pr(kurtosis) = 2 - 2 normal(|Z2|).

The ladder (Stata's ladder.ado): the sktest of x^3, x^2, x, sqrt(x), log(x), 1/sqrt(x), 1/x,
1/x^2, 1/x^3, each computed in single precision as ``generate`` stores it; a transformation
with a missing value where x is not missing has no test.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mlmcli.distributions import chi2, norm
from mlmcli.summary_statistics import moments


@dataclass(frozen=True)
class SkewKurtTest:
    n: int
    p_skew: float
    p_kurt: float
    chi2: float
    p_chi2: float


def sktest(x: np.ndarray, weights: np.ndarray | None = None, adjust: bool = True) -> SkewKurtTest:
    """The skewness-kurtosis test of the non-missing values of x (frequency ``weights``: repeated)."""
    x = np.asarray(x, float)
    if weights is not None:
        keep = ~np.isnan(x)
        x = np.repeat(x[keep], np.asarray(weights, float)[keep].astype(int))
    m = moments(x)
    n = int(m["N"])
    nan = float("nan")
    if n < 8:
        return SkewKurtTest(n, nan, nan, nan, nan)
    skew, kurt = m["skewness"], m["kurtosis"]
    y = skew * np.sqrt((n + 1) * (n + 3) / (6 * (n - 2)))
    beta2 = 3 * (n * n + 27 * n - 70) * (n + 1) * (n + 3) / ((n - 2) * (n + 5) * (n + 7) * (n + 9))
    w2 = -1 + np.sqrt(2 * (beta2 - 1))
    delta = 1 / np.sqrt(np.log(np.sqrt(w2)))
    alpha = np.sqrt(2 / (w2 - 1))
    z1 = delta * np.log(y / alpha + np.sqrt((y / alpha) ** 2 + 1))
    eb2 = 3 * (n - 1) / (n + 1)
    vb2 = 24 * n * (n - 2) * (n - 3) / ((n + 1) ** 2 * (n + 3) * (n + 5))
    xk = (kurt - eb2) / np.sqrt(vb2)
    rb1 = (6 * (n * n - 5 * n + 2) / ((n + 7) * (n + 9))) * np.sqrt(6 * (n + 3) * (n + 5) / (n * (n - 2) * (n - 3)))
    a = 6 + (8 / rb1) * (2 / rb1 + np.sqrt(1 + 4 / (rb1 * rb1)))
    base = (1 - 2 / a) / (1 + xk * np.sqrt(2 / (a - 4)))
    z2 = ((1 - 2 / (9 * a)) - np.cbrt(base)) / np.sqrt(2 / (9 * a))
    k2 = z1 * z1 + z2 * z2
    if adjust:
        zc2 = -norm.ppf(np.exp(-0.5 * k2))
        logn = np.log(n)
        cut = .55 * n ** .2 - .21
        a1 = (-5 + 3.46 * logn) * np.exp(-1.37 * logn)
        b1 = 1 + (.854 - .148 * logn) * np.exp(-.55 * logn)
        b2mb1 = 2.13 / (1 - 2.37 * logn)
        a2, b2 = a1 - b2mb1 * cut, b2mb1 + b1
        z = zc2 if zc2 < -1 else (a1 + b1 * zc2 if zc2 < cut else a2 + b2 * zc2)
        p = 1 - norm.cdf(z)
        k2 = -2 * np.log(p) if p > 0 else float("nan")   # Stata: log(0) is missing
    else:
        p = chi2.sf(k2, 2)
    return SkewKurtTest(n, float(2 - 2 * norm.cdf(abs(z1))), float(2 - 2 * norm.cdf(abs(z2))),
                        float(k2), float(p))


# (r() name, words, formula with {v}, function)
LADDER = (
    ("cube", "cubic", "{v}^3", lambda x: x ** 3),
    ("square", "square", "{v}^2", lambda x: x ** 2),
    ("ident", "identity", "{v}", lambda x: x),
    ("sqrt", "square root", "sqrt({v})", np.sqrt),
    ("log", "log", "log({v})", np.log),
    ("invsqrt", "1/(square root)", "1/sqrt({v})", lambda x: 1 / np.sqrt(x)),
    ("inv", "inverse", "1/{v}", lambda x: 1 / x),
    ("invsq", "1/square", "1/({v}^2)", lambda x: 1 / x ** 2),
    ("invcube", "1/cubic", "1/({v}^3)", lambda x: 1 / x ** 3),
)


def as_float(values: np.ndarray) -> np.ndarray:
    """Values as a ``float`` variable holds them (beyond float's range: missing)."""
    with np.errstate(over="ignore", invalid="ignore"):
        out = np.asarray(values, dtype=np.float32).astype(float)
    out[~np.isfinite(out)] = np.nan
    return out


def ladder(x: np.ndarray, adjust: bool = True) -> list[tuple[str, str, str, SkewKurtTest | None]]:
    """(name, words, formula template, test or None) for each rung of the ladder of powers."""
    v = as_float(x)
    v = v[~np.isnan(v)]
    out = []
    for name, words, formula, f in LADDER:
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
            t = as_float(f(v))
        out.append((name, words, formula, None if np.isnan(t).any() else sktest(t, adjust=adjust)))
    return out
