"""Stratified 2x2 tables of Stata's epitab (``cs ..., by()`` and ``cc ..., by()``): the
stratum estimates, the Mantel-Haenszel combined risk or odds ratio with its interval (Greenland
and Robins' variance of the log risk ratio; Robins, Breslow and Greenland's of the log odds
ratio), the inverse-variance pooled ("direct") estimate, the tests of homogeneity (M-H,
direct, Breslow-Day and Tarone) and the Mantel-Haenszel test that the combined odds ratio is 1.
Formulas as the [ST] epitab manual's Methods and formulas; missing values are ``nan``."""
from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
from scipy import stats

from mlmcli.epitab import NAN, Estimate, case_control_table, odds_ratio, risk_ratio, z_value


@dataclass(frozen=True)
class Stratum:
    label: str
    cells: tuple
    estimate: Estimate
    weight: float


@dataclass(frozen=True)
class Homogeneity:
    name: str          # "M-H", "direct", "B-D", "Tarone"
    chi2: float
    df: int

    @property
    def p(self) -> float:
        return float(stats.chi2.sf(self.chi2, self.df)) if self.df > 0 else NAN


@dataclass
class StratifiedTable:
    measure: str                      # "RR" or "OR"
    strata: list[Stratum]
    combined: Estimate
    pooled: Estimate | None = None
    tests: list[Homogeneity] = field(default_factory=list)
    mh_chi2: float = NAN              # test that the combined OR is 1

    @property
    def mh_p(self) -> float:
        return float(stats.chi2.sf(self.mh_chi2, 1)) if not math.isnan(self.mh_chi2) else NAN


def _div(x, y):
    return x / y if y != 0 and not (isinstance(y, float) and math.isnan(y)) else NAN


def _log(x):
    return math.log(x) if x > 0 else NAN


def _pooled(values, variances, level: float) -> Estimate:
    """Inverse-variance pooling over the strata whose estimate and variance are finite."""
    pairs = [(v, w) for v, w in zip(values, variances) if not math.isnan(_div(_log(v), w))]
    num = sum(_log(v) / w for v, w in pairs)
    den = sum(1 / w for v, w in pairs)
    centre = num / den if den else NAN
    sd = math.sqrt(1 / den) if den else NAN
    z = z_value(level)
    return Estimate(math.exp(centre), math.exp(centre - z * sd), math.exp(centre + z * sd))


def _heterogeneity(values, variances, centre: float, name: str) -> Homogeneity:
    """sum (ln r_i - ln r)^2 / var_i over finite terms; df: strata with a nonmissing r_i, less 1."""
    total = 0.0
    for v, w in zip(values, variances):
        term = _div((_log(v) - _log(centre)) ** 2, w)
        if not math.isnan(term):
            total += term
    counted = sum(1 for v in values if not math.isnan(v))
    return Homogeneity(name, total, counted - 1)


def _breslow_day(strata, combined: float) -> tuple[float, float]:
    """Breslow-Day's statistic and Tarone's correction of it at the M-H odds ratio."""
    bd = sum_a = sum_fitted = sum_var = 0.0
    for s in strata:
        a, b, c, d = s.cells
        cases, controls, exposed = a + b, c + d, a + c
        qa, qb = 1 - combined, controls - exposed + exposed * combined + cases * combined
        qc = -combined * cases * exposed
        if qa == 0:
            fitted = -qc / qb
        else:
            root = math.sqrt(qb * qb - 4 * qa * qc) if qb * qb - 4 * qa * qc >= 0 else NAN
            r1, r2 = (-qb + root) / (2 * qa), (-qb - root) / (2 * qa)
            fitted = r1 if (r1 <= cases and r1 <= exposed and r1 >= 0) else r2
        cells = (fitted, cases - fitted, exposed - fitted, controls - exposed + fitted)
        var = _div(1.0, sum(_div(1.0, x) for x in cells))
        test = _div((a - fitted) ** 2, var)
        if not math.isnan(test):
            bd += test
        sum_fitted += 0.0 if math.isnan(fitted) else fitted
        sum_a += a
        sum_var += 0.0 if math.isnan(var) else var
    return bd, bd - _div((sum_a - sum_fitted) ** 2, sum_var)


def odds_ratio_strata(tables, level: float, method: str = "exact", *, pool: bool = False,
                      bd: bool = False, tarone: bool = False, tb: bool = False,
                      case_control: bool = True) -> StratifiedTable:
    """``tables``: (label, (a, b, c, d)) per stratum; ``method`` is the strata's interval;
    ``case_control``: cc's rules (Tarone's test replaces the M-H one when a stratum's odds
    ratio is 0 or missing) rather than cs's."""
    z = z_value(level)
    strata, sums = [], dict.fromkeys(("R", "S", "PR", "PSQR", "QS", "Xnum", "Xden"), 0.0)
    for label, (a, b, c, d) in tables:
        t = a + b + c + d
        m1, m0, n1, n0 = a + b, c + d, a + c, b + d
        P, Q, R, S = (a + d) / t, (b + c) / t, a * d / t, b * c / t
        for key, value in (("R", R), ("S", S), ("PR", P * R), ("PSQR", P * S + Q * R), ("QS", Q * S),
                           ("Xnum", a - n1 * m1 / t), ("Xden", _div(n1 * n0 * m1 * m0, t * t * (t - 1)))):
            sums[key] += 0.0 if math.isnan(value) else value
        estimate = (case_control_table(a, b, c, d, level).odds if method == "exact"
                    else odds_ratio(a, b, c, d, level, method))
        strata.append(Stratum(label, (a, b, c, d), estimate, b * c / t))
    mh = _div(sums["R"], sums["S"])
    se = math.sqrt(_div(sums["PR"], 2 * sums["R"] ** 2) + _div(sums["PSQR"], 2 * sums["R"] * sums["S"])
                   + _div(sums["QS"], 2 * sums["S"] ** 2))
    if tb:
        x = sums["Xnum"] / math.sqrt(sums["Xden"])
        lb, ub = sorted((mh ** (1 - z / x), mh ** (1 + z / x)))
        combined = Estimate(mh, lb, ub, "(tb)")
    else:
        combined = Estimate(mh, math.exp(_log(mh) - z * se), math.exp(_log(mh) + z * se))
    values = [_div(a * d, b * c) for a, b, c, d in (s.cells for s in strata)]
    variances = [sum(_div(1.0, x) for x in s.cells) for s in strata]
    result = StratifiedTable("OR", strata, combined, mh_chi2=_div(sums["Xnum"] ** 2, sums["Xden"]))
    # cc.ado: a stratum odds ratio of 0 or missing replaces the M-H test by Tarone's
    degenerate = case_control and any(math.isnan(v) or v == 0 for v in values)
    if pool:
        result.pooled = _pooled(values, variances, level)
        if not degenerate:
            result.tests.append(_heterogeneity(values, variances, result.pooled.value, "direct"))
    if not degenerate:
        result.tests.append(_heterogeneity(values, variances, mh, "M-H"))
    if bd or tarone or degenerate:
        bd_chi2, tarone_chi2 = _breslow_day(strata, mh)
        if bd:
            result.tests.append(Homogeneity("B-D", bd_chi2, len(strata) - 1))
        if tarone or degenerate:
            result.tests.append(Homogeneity("Tarone", tarone_chi2, len(strata) - 1))
    return result


def risk_ratio_strata(tables, level: float, *, tb: bool = False, pool: bool = False) -> StratifiedTable:
    """cs by(): stratum risk ratios, the M-H risk ratio and its homogeneity test."""
    z = z_value(level)
    strata = []
    s1 = s2 = num = den = 0.0
    for label, (a, b, c, d) in tables:
        t = a + b + c + d
        m1, n1, n0 = a + b, a + c, b + d
        s1 += _div(m1 * n1 * n0 - a * b * t, t * t)
        s2 += a * n0 / t
        num += a * n0 / t
        den += b * n1 / t
        strata.append(Stratum(label, (a, b, c, d), risk_ratio(a, b, c, d, level, tb), b * n1 / t))
    rr = _div(num, den)
    se = math.sqrt(_div(s1, s2 * den))
    combined = Estimate(rr, math.exp(_log(rr) - z * se), math.exp(_log(rr) + z * se))
    values = [s.estimate.value for s in strata]
    variances = [_div(c, a * (a + c)) + _div(d, b * (b + d)) for a, b, c, d in (s.cells for s in strata)]
    result = StratifiedTable("RR", strata, combined)
    if pool:
        result.pooled = _pooled(values, variances, level)
        result.tests.append(_heterogeneity(values, variances, result.pooled.value, "direct"))
    result.tests.append(_heterogeneity(values, variances, rr, "M-H"))
    return result


def rate_ratio_strata(tables, level: float, *, tb: bool = False, pool: bool = False) -> StratifiedTable:
    """ir by(): stratum rate ratios (exact or tb intervals), the M-H rate ratio with
    Greenland and Robins' variance, the pooled estimate (weights ab/(a+b); missing when a
    stratum has no cases on one side, as ir.ado's running sum turns missing) and the tests."""
    from mlmcli.incidence_rates import incidence_rates

    z = z_value(level)
    strata, values, variances = [], [], []
    v1 = v2 = v3 = pnum = pden = 0.0
    for label, (a, b, n1, n0) in tables:
        t = n1 + n0
        v1 += _div((a + b) * n1 * n0, t * t)
        v2 += _div(a * n0, t)
        v3 += _div(b * n1, t)
        ratio = incidence_rates(a, b, n1, n0, level, tb).ratio
        strata.append(Stratum(label, (a, b, n1, n0), ratio, _div(b * n1, t)))
        weight = _div(a * b, a + b)
        pnum += weight * _log(ratio.value)
        pden += weight
        values.append(ratio.value)
        variances.append(_div(1.0, a) + _div(1.0, b) if a and b else NAN)
    irr = _div(v2, v3)
    sd = math.sqrt(_div(v1, v2 * v3))
    combined = Estimate(irr, math.exp(_log(irr) - z * sd), math.exp(_log(irr) + z * sd))
    result = StratifiedTable("IRR", strata, combined)
    if pool:
        centre = _div(pnum, pden)
        spread = math.sqrt(_div(1.0, pden))
        result.pooled = Estimate(math.exp(centre), math.exp(centre - z * spread), math.exp(centre + z * spread))
        result.tests.append(_heterogeneity(values, variances, result.pooled.value, "direct"))
    result.tests.append(_heterogeneity(values, variances, irr, "M-H"))
    return result


def strata_cells(case: np.ndarray, exposed: np.ndarray, count: np.ndarray, groups: np.ndarray):
    """The four counts of each stratum, in the order of ``groups``' sorted values."""
    out = []
    for g in np.unique(groups):
        inside = groups == g
        out.append((g, tuple(float(count[inside & c & e].sum()) for c, e in
                             ((case, exposed), (case, ~exposed), (~case, exposed), (~case, ~exposed)))))
    return out
