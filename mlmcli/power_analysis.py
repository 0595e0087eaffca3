"""Power and sample size of the classic tests ([PSS] power onemean, twomeans, pairedmeans,
oneproportion, twoproportions, onecorrelation, twocorrelations, oneway, onevariance): pure numbers, no session,
no printing.

Each test is a power function of a (possibly fractional) sample size; the sample size a
power needs is the root of ``power(n) = target`` found on the continuous scale and rounded
up, as [PSS] power's Methods and formulas describe ("sample sizes are rounded up").
Formulas:
- t tests: power = 1 - T(df, ncp; t_crit) + T(df, ncp; -t_crit) two-sided, one tail
  one-sided, with T the noncentral t distribution (onemean, pairedmeans: df = n - 1;
  twomeans: df = n1 + n2 - 2, or Satterthwaite's df with unequal sds);
- z tests (knownsd): the same with the normal distribution;
- onevariance: (n - 1) s^2/v0 is chi2(n - 1) times va/v0 under Ha;
- twovariances: s2^2/s1^2 is F(n2 - 1, n1 - 1) times v2/v1 under Ha;
- oneway: the noncentral F(k - 1, N - k) with noncentrality N Var_m / Var_e;
- correlations: Fisher's z test, atanh(r) normal with variance 1/(n - 3) (in each group);
- oneproportion's score test and twoproportions' Pearson chi-squared test: the normal
  approximation with the null variance (p0 q0; the pooled proportion) in the critical
  value and the alternative variance in the denominator.
"""
from __future__ import annotations

import math
from dataclasses import dataclass


class PowerComputationError(ValueError):
    """A combination of parameters for which the computation fails (a missing table cell)."""


@dataclass(frozen=True)
class Design:
    """One test's parameters; n1 share and ratio describe how a total splits into groups."""
    method: str            # onemean, twomeans, pairedmeans, oneproportion, twoproportions
    null: float            # m0, m1, d0, p0, p1
    alt: float             # ma, m2, da, pa, p2
    sd1: float = 1.0       # sd (onemean), sd1 or the common sd (twomeans), sd_d (paired)
    sd2: float = 1.0
    equal_sds: bool = True
    known_sd: bool = False
    alpha: float = 0.05
    onesided: bool = False
    nratio: float = 1.0    # N2/N1 of two-sample tests
    groups: int = 0        # oneway: number of groups
    effect: float = 0.0    # oneway: Var_m / Var_e


def _upper_tail(crit: float, df: float, ncp: float) -> float:
    """P(T > crit) for noncentral t; a lower tail is the upper tail of -ncp (scipy's nct.cdf
    returns NaN in far lower tails), and past scipy's range the tail is 0 or 1."""
    from scipy.stats import nct

    value = float(nct.sf(crit, df, ncp))
    return value if math.isfinite(value) else (1.0 if ncp > crit else 0.0)


def _t_power(df: float, ncp: float, alpha: float, onesided: bool) -> float:
    from scipy.stats import t

    if onesided:
        crit = float(t.isf(alpha, df))
        return _upper_tail(crit, df, ncp) if ncp >= 0 else _upper_tail(crit, df, -ncp)
    crit = float(t.isf(alpha / 2, df))
    return _upper_tail(crit, df, ncp) + _upper_tail(crit, df, -ncp)


def _z_power(ncp: float, alpha: float, onesided: bool) -> float:
    from scipy.stats import norm

    if onesided:
        return float(norm.cdf(abs(ncp) - norm.isf(alpha)))
    z = float(norm.isf(alpha / 2))
    return float(norm.cdf(ncp - z) + norm.cdf(-ncp - z))


def _normal_approx(diff_n: float, sd0: float, sda: float, alpha: float, onesided: bool) -> float:
    """P(reject) when the statistic is diff/sd0 and the estimate's sd under Ha is sda."""
    from scipy.stats import norm

    d = abs(diff_n)
    if onesided:
        return float(norm.cdf((d - norm.isf(alpha) * sd0) / sda))
    z = float(norm.isf(alpha / 2))
    return float(norm.cdf((d - z * sd0) / sda) + norm.cdf((-d - z * sd0) / sda))


def group_sizes(design: Design, n_total: float) -> tuple[float, float]:
    n1 = n_total / (1.0 + design.nratio)
    return n1, n_total - n1


def power_at(design: Design, n1: float, n2: float | None = None) -> float:
    """The power with n (one-sample) or n1 and n2 observations."""
    d, a = design, design.alpha
    if d.method in ("onemean", "pairedmeans"):
        ncp = math.sqrt(n1) * (d.alt - d.null) / d.sd1
        return _z_power(ncp, a, d.onesided) if d.known_sd else _t_power(n1 - 1, ncp, a, d.onesided)
    if d.method == "twomeans":
        v1, v2 = d.sd1 ** 2 / n1, (d.sd1 if d.equal_sds else d.sd2) ** 2 / n2
        ncp = (d.alt - d.null) / math.sqrt(v1 + v2)
        if d.known_sd:
            return _z_power(ncp, a, d.onesided)
        df = n1 + n2 - 2 if d.equal_sds else (v1 + v2) ** 2 / (v1 ** 2 / (n1 - 1) + v2 ** 2 / (n2 - 1))
        return _t_power(df, ncp, a, d.onesided)
    if d.method == "oneway":   # n1 is the total N; the noncentral F of the group effect
        from scipy.stats import f, ncf

        df1, df2 = d.groups - 1, n1 - d.groups
        return float(ncf.sf(float(f.isf(a, df1, df2)), df1, df2, n1 * d.effect))
    if d.method == "onevariance":   # null and alt are variances; (n - 1) s^2 / v0 is chi2(n - 1) under Ho
        from scipy.stats import chi2

        df, scale = n1 - 1, d.null / d.alt
        if d.onesided:
            if d.alt > d.null:
                return float(chi2.sf(float(chi2.isf(a, df)) * scale, df))
            return float(chi2.cdf(float(chi2.ppf(a, df)) * scale, df))
        return float(chi2.sf(float(chi2.isf(a / 2, df)) * scale, df)
                     + chi2.cdf(float(chi2.ppf(a / 2, df)) * scale, df))
    if d.method == "twovariances":   # s2^2/s1^2 over v2/v1 is F(n2 - 1, n1 - 1)
        from scipy.stats import f

        df2, df1, ratio = n2 - 1, n1 - 1, d.alt / d.null
        if d.onesided:
            if ratio > 1:
                return float(f.sf(float(f.isf(a, df2, df1)) / ratio, df2, df1))
            return float(f.cdf(float(f.ppf(a, df2, df1)) / ratio, df2, df1))
        return float(f.sf(float(f.isf(a / 2, df2, df1)) / ratio, df2, df1)
                     + f.cdf(float(f.ppf(a / 2, df2, df1)) / ratio, df2, df1))
    if d.method == "onecorrelation":
        return _z_power(math.sqrt(n1 - 3) * (math.atanh(d.alt) - math.atanh(d.null)), a, d.onesided)
    if d.method == "twocorrelations":
        ncp = (math.atanh(d.alt) - math.atanh(d.null)) / math.sqrt(1 / (n1 - 3) + 1 / (n2 - 3))
        return _z_power(ncp, a, d.onesided)
    if d.method == "oneproportion":
        p0, pa = d.null, d.alt
        return _normal_approx((pa - p0) * math.sqrt(n1), math.sqrt(p0 * (1 - p0)),
                              math.sqrt(pa * (1 - pa)), a, d.onesided)
    if d.method == "twoproportions":
        p1, p2 = d.null, d.alt
        pbar = (n1 * p1 + n2 * p2) / (n1 + n2)
        sd0 = math.sqrt(pbar * (1 - pbar) * (1 / n1 + 1 / n2))
        sda = math.sqrt(p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2)
        return _normal_approx(p2 - p1, sd0, sda, a, d.onesided)
    raise ValueError(d.method)


def _power_of_total(design: Design, n: float) -> float:
    if design.method in ("twomeans", "twoproportions", "twocorrelations", "twovariances"):
        return power_at(design, *group_sizes(design, n))
    return power_at(design, n)


def sample_size(design: Design, target: float) -> float:
    """The fractional total sample size at which the power reaches ``target``."""
    if design.alt == design.null and design.method != "oneway" or design.method == "oneway" and design.effect == 0:
        raise PowerComputationError("alternative equals null")
    if not design.alpha < target < 1:
        raise PowerComputationError("power must be greater than alpha and less than 1")
    two = design.method in ("twomeans", "twoproportions", "twocorrelations", "twovariances")
    # a t test needs a degree of freedom: at least 2 observations (in each group)
    low = 2.0 * (1.0 + design.nratio) if two else 2.0
    if design.known_sd or "proportion" in design.method:
        low = 1e-6 * (1.0 + design.nratio if two else 1.0)
    if design.method == "onecorrelation":      # Fisher's z has variance 1/(n - 3)
        low = 3.0 + 1e-9
    elif design.method == "oneway":            # N - groups error degrees of freedom
        low = design.groups + 1e-9
    elif design.method == "twocorrelations":   # each group more than 3
        low = (3.0 + 1e-9) / min(1.0, design.nratio) * (1.0 + design.nratio)

    def gap(n: float) -> float:
        return _power_of_total(design, n) - target

    if gap(low) >= 0:
        return low
    high = max(2 * low, 4.0)
    while gap(high) < 0:
        high *= 2
        if high > 1e12:
            raise PowerComputationError("sample size too large")
    from scipy.optimize import brentq

    return float(brentq(gap, low, high, xtol=1e-10, rtol=1e-12, maxiter=500))


def rounded_up(n: float) -> int:
    """Stata rounds a computed sample size up; a root a hair above an integer is that integer."""
    return int(math.ceil(n - 1e-7))


# ---------------------------------------------------------------- sampsi (Stata 13's older command)
def _ceil_count(n: float) -> float:
    """sampsi.ado's rounding: a non-integer count goes up to the next integer (missing stays missing)."""
    if not math.isfinite(n):
        return float("nan")
    return float(n) if n == int(n) else float(int(n + 1))


def _ratio(a: float, b: float) -> float:
    """a / b with Stata's missing for a zero divisor."""
    return a / b if b != 0 else float("nan")


def _z_alpha(alpha: float, one_sided: bool) -> float:
    from scipy.stats import norm

    return float(norm.ppf(1 - alpha)) if one_sided else float(norm.ppf(1 - alpha / 2))


def _sampsi_groups(n1: float, n2: float, ratio: float) -> tuple[float, float]:
    if n2 == 0:
        return n1, _ceil_count(ratio * n1)
    if n1 == 0:
        return _ceil_count(n2 / ratio), n2
    return n1, n2


def sampsi_means(m1: float, m2: float, *, alpha: float, power: float, n1: float, n2: float, ratio: float,
                 sd1: float, sd2: float, one_sample: bool, one_sided: bool) -> dict:
    """sampsi for means: the normal-approximation sample size or power (sampsi.ado's _SAmpsi)."""
    from scipy.stats import norm

    diff = abs(m1 - m2)
    za = _z_alpha(alpha, one_sided)
    if sd1 == 0:
        sd1 = sd2
    if not one_sample and sd2 == 0:
        sd2 = sd1
    if n1 == 0 and n2 == 0:
        w = _ratio(za + float(norm.ppf(power)), diff) ** 2
        if one_sample:
            return dict(solve="n", n1=_ceil_count(w * sd1 ** 2), n2=0.0, power=power, sd1=sd1, sd2=sd2, ratio=ratio)
        n1 = _ceil_count(w * (sd1 ** 2 + sd2 ** 2 / ratio))
        return dict(solve="n", n1=n1, n2=_ceil_count(ratio * n1), power=power, sd1=sd1, sd2=sd2, ratio=ratio)
    n1, n2 = _sampsi_groups(n1, n2, ratio)
    if one_sample:
        shift = diff * math.sqrt(n1) / sd1
    else:
        shift = diff / math.sqrt(sd1 ** 2 / n1 + sd2 ** 2 / n2)
    p = float(norm.cdf(shift - za)) + (0.0 if one_sided else float(norm.cdf(-shift - za)))
    return dict(solve="power", n1=n1, n2=n2, power=p, sd1=sd1, sd2=sd2, ratio=n2 / n1 if n1 else ratio)


def sampsi_proportions(p1: float, p2: float, *, alpha: float, power: float, n1: float, n2: float,
                       ratio: float, one_sample: bool, one_sided: bool, continuity: bool) -> dict:
    """sampsi for proportions; two samples with Fleiss' continuity correction unless not continuity."""
    from scipy.stats import norm

    diff = abs(p1 - p2)
    w1, w2 = p1 * (1 - p1), p2 * (1 - p2)
    za = _z_alpha(alpha, one_sided)
    if n1 == 0 and n2 == 0:
        zb = float(norm.ppf(power))
        if one_sample:
            n = _ratio(za * math.sqrt(w1) + zb * math.sqrt(w2), diff) ** 2
            return dict(solve="n", n1=_ceil_count(n), n2=0.0, power=power, ratio=ratio)
        r1 = ratio + 1
        pbar = (p1 + ratio * p2) / r1
        n0 = _ratio((za * math.sqrt(r1 * pbar * (1 - pbar)) + zb * math.sqrt(ratio * w1 + w2)) ** 2, ratio * diff ** 2)
        n = (n0 / 4) * (1 + math.sqrt(1 + _ratio(2 * r1, n0 * ratio * diff))) ** 2 if continuity else n0
        n1 = _ceil_count(n)
        return dict(solve="n", n1=n1, n2=_ceil_count(ratio * n1), power=power, ratio=ratio)
    n1, n2 = _sampsi_groups(n1, n2, ratio)
    fine1 = p1 * n1 >= 10 and (1 - p1) * n1 >= 10
    if one_sample:
        def tail(sign):
            return float(norm.cdf(_ratio(sign * diff * math.sqrt(n1) - za * math.sqrt(w1), math.sqrt(w2))))
        p = tail(1) + (0.0 if one_sided else tail(-1))
        return dict(solve="power", n1=n1, n2=n2, power=p, ratio=n2 / n1, warning=not fine1)
    fine2 = p2 * n2 >= 10 and (1 - p2) * n2 >= 10
    ratio = n2 / n1
    r1 = ratio + 1
    pbar = (p1 + ratio * p2) / r1
    n0 = (n1 - _ratio(r1, 2 * ratio * diff)) ** 2 / n1 if continuity else n1
    zb = _ratio(diff * math.sqrt(ratio * n0) - za * math.sqrt(r1 * pbar * (1 - pbar)), math.sqrt(ratio * w1 + w2))
    return dict(solve="power", n1=n1, n2=n2, power=float(norm.cdf(zb)), ratio=ratio, warning=not (fine1 and fine2))
