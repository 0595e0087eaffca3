"""t tests of means (``ttest``, ``ttesti``; [R] ttest, Methods and formulas).

one-sample:  t = (xbar - mu0) sqrt(n) / s on n - 1 df
paired:      the one-sample test of d = x1 - x2 against 0
two-sample:  equal variances: df = n1 + n2 - 2, V = ((n1-1)s1^2 + (n2-1)s2^2)/df (1/n1 + 1/n2)
             unequal: V = s1^2/n1 + s2^2/n2, Satterthwaite's
             df = V^2 / ((s1^2/n1)^2/(n1-1) + (s2^2/n2)^2/(n2-1)), or Welch's
             df = -2 + V^2 / ((s1^2/n1)^2/(n1+1) + (s2^2/n2)^2/(n2+1));  t = (xbar1 - xbar2)/sqrt(V)
p = 2 ttail(df, |t|); p_l = P(T < t), p_u = P(T > t).  Each row of the table shows
n, mean, s/sqrt(n), s and mean -+ invttail(n-1, (1-level)/2) s/sqrt(n); the combined
row pools the two samples.
"""
from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass

import numpy as np
from scipy import stats

from mlmcli.missing import stata_double, stata_ratio
from mlmcli.summary_statistics import moments


@dataclass(frozen=True)
class Sample:
    name: str
    n: int
    mean: float
    sd: float  # NaN when n == 1


@dataclass(frozen=True)
class TTest:
    kind: str  # one | paired | two
    rows: tuple[Sample, ...]
    combined: Sample | None
    diff: Sample | None  # paired: the differences; two: mean difference (sd unused)
    se: float
    df: float
    t: float
    p: float
    p_l: float
    p_u: float
    mu0: float = 0.0
    variances: str = "equal"  # equal | unequal | welch


def _tails(t: float, df: float) -> tuple[float, float, float]:
    p = float(2 * stats.t.sf(abs(t), df)) if np.isfinite(t) else float("nan")
    if t < 0:
        pl = p / 2
        return p, pl, 1 - pl
    pr = p / 2
    return p, 1 - pr, pr


def sample(name: str, x: np.ndarray) -> Sample:
    """n, mean and sd of the values by summarize's moments: scaled near the largest double, and
    a constant's mean is its value and its sd 0 (x.mean() of 25 copies of 0.37499999999999989
    is an ulp off, and the sd of the deviations 6e-17: ttest's t of two such groups was -6)."""
    n = int(x.size)
    if not n:
        return Sample(name, 0, float("nan"), float("nan"))
    both = moments(x, spread="sd")
    return Sample(name, n, both["mean"], both["sd"] if n > 1 else float("nan"))


_LARGE = 2.0 ** 480  # past it, squares and sums of the values can pass the largest double


def one_sample(s: Sample, mu0: float) -> TTest:
    se = s.sd / np.sqrt(s.n)
    t = stata_ratio(s.mean - mu0, se)  # sd 0 (ttesti # # 0 #): t is missing, as in Stata
    p, pl, pu = _tails(t, s.n - 1)
    return TTest("one", (s,), None, None, float(se), float(s.n - 1), float(t), p, pl, pu, mu0)


def paired(a: Sample, b: Sample, d: Sample) -> TTest:
    se = d.sd / np.sqrt(d.n)
    t = stata_ratio(d.mean, se)
    p, pl, pu = _tails(t, d.n - 1)
    return TTest("paired", (a, b), None, d, float(se), float(d.n - 1), float(t), p, pl, pu)


def two_sample(a: Sample, b: Sample, variances: str = "equal") -> TTest:
    """The two-sample test (``_two_sample``); samples near the largest double are tested as
    x / 2^j (t, df and p do not change) and their se and combined figures scaled back."""
    top = max((abs(v) for v in (a.mean, b.mean, a.sd, b.sd) if np.isfinite(v)), default=0.0)
    if top <= _LARGE:
        return _two_sample(a, b, variances)
    k = math.ldexp(1.0, min(math.frexp(top)[1], 1023))
    half = [Sample(x.name, x.n, x.mean / k, x.sd / k) for x in (a, b)]
    out = _two_sample(half[0], half[1], variances)
    back = lambda v: stata_double(v * k)  # noqa: E731 - missing past the largest double
    combined = Sample("combined", out.combined.n, back(out.combined.mean), back(out.combined.sd))
    diff = Sample("diff", out.diff.n, back(out.diff.mean), float("nan"))
    return dataclasses.replace(out, rows=(a, b), combined=combined, diff=diff, se=back(out.se))


def _two_sample(a: Sample, b: Sample, variances: str = "equal") -> TTest:
    n1, n2 = a.n, b.n
    v1, v2 = a.sd ** 2, b.sd ** 2
    r = stata_ratio  # one observation (n - 1 = 0) or sd 0: Stata's arithmetic gives missing
    if variances in ("unequal", "welch"):
        var = v1 / n1 + v2 / n2
        if variances == "welch":
            df = -2 + r(var ** 2, (v1 / n1) ** 2 / (n1 + 1) + (v2 / n2) ** 2 / (n2 + 1))
        else:
            df = r(var ** 2, r((v1 / n1) ** 2, n1 - 1) + r((v2 / n2) ** 2, n2 - 1))
    else:
        df = n1 + n2 - 2
        var = r((n1 - 1) * v1 + (n2 - 1) * v2, df) * (1 / n1 + 1 / n2)
    se = float(np.sqrt(var)) if var >= 0 else float("nan")
    t = r(a.mean - b.mean, se)
    p, pl, pu = _tails(t, df)
    n = n1 + n2
    m = (n1 * a.mean + n2 * b.mean) / n
    s = np.sqrt(((n1 - 1) * v1 + n1 * (m - a.mean) ** 2 + (n2 - 1) * v2 + n2 * (m - b.mean) ** 2) / (n - 1))
    combined = Sample("combined", n, float(m), float(s))
    diff = Sample("diff", n, a.mean - b.mean, float("nan"))
    return TTest("two", (a, b), combined, diff, se, float(df), float(t), p, pl, pu, variances=variances)


def confidence_interval(mean: float, se: float, df: float, level: float) -> tuple[float, float]:
    q = stats.t.ppf(0.5 + level / 200.0, df) if df > 0 else float("nan")
    with np.errstate(over="ignore", invalid="ignore"):  # a mean or se past the largest double: missing
        lo, hi = float(mean - q * se), float(mean + q * se)
    return (lo if math.isfinite(lo) else float("nan")), (hi if math.isfinite(hi) else float("nan"))


def table(test: TTest, level: float):
    """The ``TTestResult`` the renderer prints (every row's SE and CI computed here)."""
    from mlmcli.results.statistics import TTestResult, TTestRow

    def row(s: Sample) -> TTestRow:
        sd = s.sd if s.n > 1 else float("nan")
        se = sd / np.sqrt(s.n)
        lo, hi = confidence_interval(s.mean, se, s.n - 1, level)
        return TTestRow(s.name, s.n, s.mean, float(se), sd, lo, hi)

    diff = None
    if test.kind == "paired":
        diff = row(test.diff)
    elif test.kind == "two":
        lo, hi = confidence_interval(test.diff.mean, test.se, test.df, level)
        diff = TTestRow("diff", None, test.diff.mean, test.se, None, lo, hi)
    return TTestResult(test.kind, tuple(row(s) for s in test.rows),
                       row(test.combined) if test.combined is not None else None, diff,
                       tuple(s.name for s in test.rows), test.t, test.df, test.p, test.p_l, test.p_u,
                       test.mu0, test.variances, level)
