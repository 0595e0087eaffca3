"""Direct standardization of rates (dstdize.ado): each study group's stratum-specific rates
weighted by a standard population's stratum shares.

For group c and stratum a with population n_ca and cases d_ca: rate r_ca = d_ca/n_ca, share
f_ca = n_ca/N_c; with P_a the standard population's share, the adjusted rate is
sum_a r_ca P_a (over the strata present in the group), its standard error
sqrt(sum_a P_a^2 r_ca (1 - r_ca)/n_ca) and the normal confidence interval floored at 0;
the adjusted cases are N_c times the adjusted rate.

Indirect standardization (istdize.ado): the standard's stratum rates times the group's stratum
populations give the expected cases E; SMR = observed/E with exact Poisson limits of the
observed count over E; the adjusted rate is SMR times the standard's crude rate, its limits
from the approximation SMR (1 -/+ z/(2 sqrt(obs [+1])))^2 (the upper one times (obs + 1)/obs)
that istdize.ado uses for them."""
from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class StratumRow:
    stratum: tuple          # the stratum variables' values
    pop: float
    cases: float
    share: float            # f_ca
    rate: float
    std_share: float        # P_a (NaN: the stratum is not in the standard population)


@dataclass(frozen=True)
class GroupResult:
    group: tuple
    rows: tuple[StratumRow, ...]
    pop: float
    cases: float
    adjusted_cases: float
    crude: float
    adjusted: float
    se: float
    lower: float
    upper: float


def standardize(cells: dict, standard: dict, z: float) -> list[GroupResult]:
    """cells: {(group, stratum): (pop, cases)}; standard: {stratum: share}; groups in sorted order."""
    out = []
    for group in sorted({g for g, _ in cells}, key=value_order):
        strata = sorted((s for g, s in cells if g == group), key=value_order)
        total = sum(cells[(group, s)][0] for s in strata)
        cases = sum(cells[(group, s)][1] for s in strata)
        rows, adjusted_cases, variance = [], 0.0, 0.0
        for s in strata:
            n, d = cells[(group, s)]
            share, rate = n / total, d / n if n else float("nan")
            P = standard.get(s, float("nan"))
            rows.append(StratumRow(s, n, d, share, rate, P))
            if not math.isnan(P) and not math.isnan(rate):
                adjusted_cases += d * P / share
                variance += P * P * rate * (1 - rate) / n
        adjusted = adjusted_cases / total
        half = z * math.sqrt(variance)
        out.append(GroupResult(group, tuple(rows), total, cases, adjusted_cases, cases / total, adjusted,
                               math.sqrt(variance), max(0.0, adjusted - half), adjusted + half))
    return out


def value_order(key: tuple) -> tuple:
    """Sort key of value tuples that may mix numbers and strings (numbers first)."""
    return tuple((1, v) if isinstance(v, str) else (0, v) for v in key)


# ---------------------------------------------------------------- indirect (istdize.ado)
@dataclass(frozen=True)
class IndirectRow:
    stratum: tuple
    rate: float             # the standard population's stratum rate
    pop: float              # the study population in the stratum
    expected: float         # pop * rate


@dataclass(frozen=True)
class IndirectResult:
    group: tuple
    rows: tuple[IndirectRow, ...]
    cases: float            # observed cases
    pop: float              # study population over the strata the standard has
    expected: float
    crude: float
    smr: float
    smr_lower: float        # exact Poisson limits of the cases over the expected
    smr_upper: float
    adjusted: float         # smr times the standard's crude rate
    lower: float            # the adjusted rate's approximate limits (istdize.ado's)
    upper: float


def indirect(groups: list, rates: dict, crude_rate: float, level: float) -> list[IndirectResult]:
    """groups: [(group values, {stratum: population}, observed cases)], in display order;
    rates: {stratum: the standard's rate}.  Strata the standard lacks are left out."""
    from scipy.stats import norm

    from mlmcli.confidence_intervals import poisson_interval

    z = float(norm.ppf(0.5 + level / 200))
    out = []
    for group, strata, cases in groups:
        rows = tuple(IndirectRow(s, rates[s], strata[s], strata[s] * rates[s])
                     for s in sorted(strata, key=value_order) if s in rates)
        total = sum(r.pop for r in rows)
        expected = sum(r.expected for r in rows)
        smr = cases / expected if expected else float("nan")
        nan = float("nan")
        low_factor = (1 - z / (2 * math.sqrt(cases))) ** 2 if cases > 0 else nan
        high_factor = (1 + z / (2 * math.sqrt(cases + 1))) ** 2
        approx_low = max(0.0, smr * low_factor) if not math.isnan(smr * low_factor) else nan
        approx_high = smr * ((cases + 1) / cases) * high_factor if cases > 0 else nan
        exact = poisson_interval(1.0, int(cases), level)
        out.append(IndirectResult(
            group, rows, cases, total, expected, cases / total if total else nan, smr,
            max(0.0, exact.lb / expected) if expected else nan, exact.ub / expected if expected else nan,
            smr * crude_rate, max(0.0, approx_low * crude_rate) if not math.isnan(approx_low) else nan,
            approx_high * crude_rate))
    return out
