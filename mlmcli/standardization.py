"""Direct standardization of rates (dstdize.ado): each study group's stratum-specific rates
weighted by a standard population's stratum shares.

For group c and stratum a with population n_ca and cases d_ca: rate r_ca = d_ca/n_ca, share
f_ca = n_ca/N_c; with P_a the standard population's share, the adjusted rate is
sum_a r_ca P_a (over the strata present in the group), its standard error
sqrt(sum_a P_a^2 r_ca (1 - r_ca)/n_ca) and the normal confidence interval floored at 0;
the adjusted cases are N_c times the adjusted rate."""
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
