"""The numbers of Stata's epitab 2x2 tables (``cs``/``csi`` for cohort data, ``cc``/``cci``
for case-control data).

Cells follow Stata's order: ``a`` exposed cases, ``b`` unexposed cases, ``c`` exposed
noncases (controls), ``d`` unexposed noncases.  The formulas are those the [ST] epitab manual
gives (Rothman 1986 for the risk difference and ratio, Woolf and test-based intervals,
Cornfield's iterated interval, the conditional exact interval for the odds ratio).

Stata's exact odds-ratio interval (cci.ado) is found by secant steps from Cornfield starting
values and stops when a step is below 0.5% of the limit, so its last printed digits are those
of that iteration, not of the exact root; the same iteration is run here (published
``cci 96 104 109 666``: 3.937435 8.061794, where the exact root is 3.93747 8.06178).
Missing values are ``nan``.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy import stats
from scipy.special import gammaln

NAN = float("nan")


@dataclass(frozen=True)
class Estimate:
    value: float
    lb: float
    ub: float
    label: str = ""          # "(tb)", "(Woolf)", "(Cornfield)", "(exact)" or ""


def z_value(level: float) -> float:
    """The normal quantile of a two-sided interval at ``level`` percent."""
    return float(stats.norm.ppf(1 - (1 - level / 100) / 2))


def divide(x: float, y: float) -> float:
    """x / y, or missing (nan) where Stata's division gives missing."""
    return x / y if y != 0 and not math.isnan(y) else NAN


def _test_x(a, b, c, d) -> float:
    """The signed square root of the Mantel-Haenszel chi-squared (test-based intervals)."""
    m1, m0, n1, n0 = a + b, c + d, a + c, b + d
    t = n1 + n0
    return divide(a - n1 * m1 / t, math.sqrt(m1 * m0 * n1 * n0 / (t * t * (t - 1))) if t > 1 else 0.0)


def _pow(base: float, power: float) -> float:
    if math.isnan(base) or math.isnan(power) or base < 0 or (base == 0 and power <= 0):
        return NAN
    return base ** power


def risk_difference(a, b, c, d, level: float, tb: bool = False) -> Estimate:
    n1, n0 = a + c, b + d
    rd = divide(a, n1) - divide(b, n0)
    z = z_value(level)
    if not tb:
        se = math.sqrt(divide(a * (n1 - a), n1 ** 3) + divide(b * (n0 - b), n0 ** 3))
        return Estimate(rd, rd - z * se, rd + z * se)
    x = _test_x(a, b, c, d)
    return Estimate(rd, rd * (1 - divide(z, x)), rd * (1 + divide(z, x)), "(tb)")


def risk_ratio(a, b, c, d, level: float, tb: bool = False) -> Estimate:
    n1, n0 = a + c, b + d
    rr = divide(divide(a, n1), divide(b, n0))
    z = z_value(level)
    if not tb:
        var = divide(c, a * n1) + divide(d, b * n0)
        if math.isnan(rr) or rr <= 0 or math.isnan(var):
            return Estimate(rr, NAN, NAN)
        se = math.sqrt(var)
        return Estimate(rr, math.exp(math.log(rr) - z * se), math.exp(math.log(rr) + z * se))
    x = _test_x(a, b, c, d)
    lb, ub = _pow(rr, 1 - divide(z, x)), _pow(rr, 1 + divide(z, x))
    if lb > ub:
        lb, ub = ub, lb
    if a == 0:
        lb = ub = NAN
    return Estimate(rr, lb, ub, "(tb)")


def _cornfield_limit(a, b, c, d, z: float, sign: int, adjusted: bool) -> float:
    """Cornfield's limit: the fixed point of a = A -/+ z / sqrt(sum of reciprocal expected
    cells), as _crcrnfd (tolerance .001) or, ``adjusted``, with the 0.5 continuity shift and
    damped steps to 1e-7 (cci.ado's starting values for the exact interval)."""
    m1, n1, n2 = a + c, a + b, c + d      # exposed, cases, noncases
    tol = 1e-7 if adjusted else 1e-3
    al, old, i = float(a), NAN, 0
    for _ in range(10000):
        if not (math.isnan(old) or abs(al - old) > tol) or math.isnan(al):
            break
        old = al
        cells = (al, m1 - al, n1 - al, n2 - m1 + al)
        total = sum(divide(1.0, v) for v in cells) if all(v != 0 for v in cells) else NAN
        step = z / math.sqrt(total) if total > 0 else NAN
        al = a + sign * ((0.5 if adjusted else 0.0) + step)
        if adjusted:
            i += 1
            if not math.isnan(al):
                al = (i * al + (i - 1) * old) / (2 * i - 1)
        if math.isnan(al):
            i += 1
            al = a + sign * i
            if sign < 0 and (al < 0 or n2 - m1 + al < 0):
                al = NAN
            if sign > 0 and (al > n1 or al > m1):
                al = NAN
    if math.isnan(al):
        if sign > 0:
            return NAN
        al = 0.0
    return divide(al * (n2 - m1 + al), (m1 - al) * (n1 - al))


def odds_ratio(a, b, c, d, level: float, method: str = "cornfield") -> Estimate:
    """``method``: cornfield, woolf, tb or exact."""
    r = divide(a * d, b * c)
    z = z_value(level)
    if method == "cornfield":
        return Estimate(r, _cornfield_limit(a, b, c, d, z, -1, False),
                        _cornfield_limit(a, b, c, d, z, 1, False), "(Cornfield)")
    if method == "woolf":
        if min(a, b, c, d) == 0:
            return Estimate(r, NAN, NAN, "(Woolf)")
        se = math.sqrt(1 / a + 1 / b + 1 / c + 1 / d)
        return Estimate(r, math.exp(math.log(r) - z * se), math.exp(math.log(r) + z * se), "(Woolf)")
    if method == "tb":
        x = _test_x(a, b, c, d)
        lb, ub = _pow(r, 1 - divide(z, x)), _pow(r, 1 + divide(z, x))
        if lb > ub:
            lb, ub = ub, lb
        if a == 0 or d == 0:
            lb = ub = NAN
        return Estimate(r, lb, ub, "(tb)")
    return Estimate(r, *_exact_interval(a, b, c, d, level), "(exact)")


class _Conditional:
    """The distribution of the exposed cases given all margins, at odds ratio psi."""

    def __init__(self, a, b, c, d):
        n1, n0, m1 = a + c, b + d, a + b
        self.support = np.arange(max(0, m1 - n0), min(n1, m1) + 1, dtype=float)
        s = self.support
        self.log_base = -(gammaln(s + 1) + gammaln(n1 - s + 1) + gammaln(m1 - s + 1) + gammaln(n0 - m1 + s + 1))
        self.k = int(a - self.support[0])

    def probabilities(self, psi: float) -> np.ndarray:
        if not psi > 0:   # all mass at the lowest count
            return np.eye(1, len(self.support))[0]
        logs = self.support * math.log(psi) + self.log_base
        p = np.exp(logs - logs.max())
        return p / p.sum()

    def cdf(self, psi: float) -> np.ndarray:
        return np.cumsum(self.probabilities(psi))

    def upper_tail(self, psi: float) -> float:     # P(A >= a)
        return 1.0 if self.k == 0 else float(1 - self.cdf(psi)[self.k - 1])

    def lower_tail(self, psi: float) -> float:     # P(A <= a)
        return float(self.cdf(psi)[self.k])


def _secant(tail, start_far: float, start_near: float, target: float, which: str) -> float:
    """cci.ado's xcnfint: secant steps until a step is under 0.5% of the limit."""
    older, newer = start_far, start_near
    if math.isnan(newer) or math.isnan(older) or abs(newer - older) < 0.005 * newer:
        return newer
    p_old, p_new = tail(older), tail(newer)
    for _ in range(99):
        slope = (p_new - p_old) / (newer - older)
        if slope == 0 or math.isnan(slope):
            break
        step = (target + slope * newer - p_new) / slope
        older, p_old, newer, p_new = newer, p_new, step, tail(step)
        if abs(newer - older) < 0.005 * newer:
            return newer
    from mlmcli.errors import StataError
    raise StataError(f"Too many iterations:{which}", 19 if which == "lower" else 29)


def _exact_interval(a, b, c, d, level: float) -> tuple[float, float]:
    z = z_value(level)
    dist = _Conditional(a, b, c, d)
    target = (100 - level) / 200
    if min(a, b, c, d) == 0:
        # a zero cell puts a at an end of its range: that limit is 0 or infinite (missing);
        # the other is solved to full precision (a decision: cci.ado's starting values fail).
        return _exact_root(dist, a == dist.support[0], target)
    adj_lb = _cornfield_limit(a, b, c, d, z, -1, True)
    adj_ub = _cornfield_limit(a, b, c, d, z, 1, True)
    unadj_lb = _cornfield_limit(a, b, c, d, z, -1, False)
    unadj_ub = _cornfield_limit(a, b, c, d, z, 1, False)
    flag_lb, flag_ub = not adj_lb > 0, math.isnan(adj_ub)
    if unadj_lb < 0 or math.isnan(unadj_ub) or flag_lb or flag_ub:
        woolf = odds_ratio(a, b, c, d, level, "woolf")
        if unadj_lb < 0 or flag_lb:
            unadj_lb, adj_lb = woolf.lb, woolf.lb * 0.75
        if math.isnan(unadj_ub) or flag_ub:
            unadj_ub, adj_ub = woolf.ub, woolf.ub * 1.3
    lb = _secant(dist.upper_tail, unadj_lb, adj_lb, target, "lower")
    ub = _secant(dist.lower_tail, unadj_ub, adj_ub, target, "upper")
    return (0.0 if math.isnan(lb) else lb), ub


def _exact_root(dist: _Conditional, at_low_end: bool, target: float) -> tuple[float, float]:
    from scipy.optimize import brentq

    if len(dist.support) == 1:
        return 0.0, NAN
    if at_low_end:
        return 0.0, math.exp(brentq(lambda t: dist.lower_tail(math.exp(t)) - target, -50, 50))
    return math.exp(brentq(lambda t: dist.upper_tail(math.exp(t)) - target, -50, 50)), NAN


def pearson_chi2(a, b, c, d) -> tuple[float, float]:
    """Pearson's chi-squared without continuity correction and its upper-tail p."""
    t = a + b + c + d
    table = np.array([[a, b], [c, d]], dtype=float)
    expected = np.outer(table.sum(axis=1), table.sum(axis=0)) / t if t else np.zeros((2, 2))
    if np.any(expected == 0):
        return NAN, NAN
    chi2 = float(((table - expected) ** 2 / expected).sum())
    return chi2, float(stats.chi2.sf(chi2, 1)) if not math.isnan(chi2) else NAN


def fisher_exact(a, b, c, d) -> tuple[float, float]:
    """One-sided (the smaller tail, as tabulate's exact) and two-sided (tables no more
    probable than the observed) Fisher's exact p-values."""
    dist = _Conditional(a, b, c, d)
    probs = dist.probabilities(1.0)
    observed = probs[dist.k]
    one = min(float(probs[:dist.k + 1].sum()), float(probs[dist.k:].sum()))
    two = float(probs[probs <= observed * (1 + 1e-7)].sum())
    return min(one, 1.0), min(two, 1.0)


@dataclass(frozen=True)
class CohortTable:
    """csi's numbers: risks, risk difference and ratio, attributable (or prevented) fraction
    among the exposed and in the population, the odds ratio when asked, and the test."""
    cells: tuple
    rd: Estimate
    rr: Estimate
    afe: Estimate
    afp: float
    attributable: bool        # "Attr. frac." (rr >= 1, or missing) rather than "Prev. frac."
    odds: Estimate | None
    chi2: float = NAN
    p: float = NAN
    p1_exact: float = NAN
    p_exact: float = NAN


def cohort_table(a, b, c, d, level: float, *, odds: str | None = None, tb: bool = False,
                 exact: bool = False) -> CohortTable:
    """``odds``: None, or the odds-ratio interval (cornfield, woolf, tb)."""
    n1, m1, t = a + c, a + b, a + b + c + d
    rd = risk_difference(a, b, c, d, level, tb)
    rr = risk_ratio(a, b, c, d, level, tb)
    attributable = math.isnan(rr.value) or rr.value >= 1
    if attributable:
        afe_value = 1.0 if (b == 0 and a > 0) else (rr.value - 1) / rr.value
        afe = Estimate(afe_value, divide(rr.lb - 1, rr.lb), divide(rr.ub - 1, rr.ub), rr.label)
        afp = divide(a, m1) * afe_value
    else:
        afe = Estimate(1 - rr.value, 1 - rr.ub, 1 - rr.lb, rr.label)
        afp = divide(n1, t) * afe.value
    odds_estimate = odds_ratio(a, b, c, d, level, odds) if odds else None
    tests = dict(zip(("p1_exact", "p_exact"), fisher_exact(a, b, c, d))) if exact else \
        dict(zip(("chi2", "p"), pearson_chi2(a, b, c, d)))
    return CohortTable((a, b, c, d), rd, rr, afe, afp, attributable, odds_estimate, **tests)


@dataclass(frozen=True)
class CaseControlTable:
    """cci's numbers: the odds ratio with its interval, the attributable (prevented) fraction
    among the exposed and in the population, and the test."""
    cells: tuple
    odds: Estimate
    afe: Estimate
    afp: float
    attributable: bool
    chi2: float = NAN
    p: float = NAN
    p1_exact: float = NAN
    p_exact: float = NAN


def case_control_table(a, b, c, d, level: float, *, method: str = "exact",
                       exact: bool = False) -> CaseControlTable:
    """``method``: exact (cci's default), cornfield, woolf or tb.  The fractions use the
    interval shown; their point values are _cci's (Cornfield path), as cci.ado takes them."""
    odds = odds_ratio(a, b, c, d, level, method)
    r, m1 = odds.value, a + b
    attributable = math.isnan(r) or r >= 1
    if attributable:
        afe_value = 1.0 if (a > 0 and b > 0 and c == 0 and d > 0) else divide(r - 1, r)
        afe = Estimate(afe_value, divide(odds.lb - 1, odds.lb), divide(odds.ub - 1, odds.ub), odds.label)
        afp = divide(a, m1) * afe_value
    else:
        afe = Estimate(1 - r, 1 - odds.ub, 1 - odds.lb, odds.label)
        share = divide(a, m1) * afe.value
        afp = divide(share, share + r)
    tests = dict(zip(("p1_exact", "p_exact"), fisher_exact(a, b, c, d))) if exact else \
        dict(zip(("chi2", "p"), pearson_chi2(a, b, c, d)))
    return CaseControlTable((a, b, c, d), odds, afe, afp, attributable, **tests)
