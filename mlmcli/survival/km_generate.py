"""``sts generate``'s numbers as sts.ado's Gen makes them: AddSurv on st_ct's rows at the failure
times of each group (every row when the sample has no failure at all), merged back on
(group, _t), then carried forward record by record in _t order.

AddSurv (doubles; Stata's ``sum()`` counts a missing term as 0): h = d/n, S = prod(1 - h),
the modified K-M prod(1 - d/(n+1)) (``ns``), se(S) = S sqrt(sum d/(n(n-d))) where S is not 0 (and
missing where S is 1), se(-ln ln S) = sqrt(sum d/(n(n-d)) / (sum ln((n-d)/n))^2), the bounds
S^exp(-+z se(lls)) where S is not 0, the Nelson-Aalen H = sum h, its se sqrt(sum d/n^2) and
H exp(-+z se/H) where H is not 0.  Gen's merge: a record whose _t is a failure time of its
group gets that row; the others get nothing, then s (ns) is the previous record's value or 1
at the group's first record, na the previous or 0, se(s), se(lls), lb, ub, se(na), lb(na),
ub(na) the previous record's (missing before the first failure; a missing value at a failure
row, as se(s) where S = 0, is carried over the same way); n, d and h stay missing off the
failure times (h everywhere missing when it is 0 everywhere).  Numbers in, numbers out."""
from __future__ import annotations

import numpy as np

AT_FAILURES = ("n", "d", "h")


def _running_sum(terms: np.ndarray) -> np.ndarray:
    """Stata's sum(): a running sum in which a missing term counts as 0."""
    return np.cumsum(np.where(np.isfinite(terms), terms, 0.0))


def addsurv(n: np.ndarray, d: np.ndarray, level: float) -> dict[str, np.ndarray]:
    """Every function at the rows (n at risk, d failing), NaN where Stata's is missing."""
    from mlmcli.distributions import norm
    from mlmcli.survival.kaplan_meier import hazard_steps, nelson_aalen_sums, product_limit

    n, d = np.asarray(n, float), np.asarray(d, float)
    z = float(norm.ppf(1 - (1 - level / 100.0) / 2))
    aalen, se_aalen, lba, uba = nelson_aalen_sums(n, d, level)
    h, s = hazard_steps(n, d)[0], product_limit(n, d)  # sts list's steps (n is never negative)
    with np.errstate(divide="ignore", invalid="ignore"):
        nh = np.where(n == 0, 0.0, d / (n + 1))
        ns = np.cumprod(1.0 - nh)
        var = _running_sum(d / (n * (n - d)))
        se = np.where(s != 0, s * np.sqrt(var), np.nan)
        se = np.where(s == 1, np.nan, se)
        logs = _running_sum(np.log((n - d) / n))
        slls = np.sqrt(var / logs ** 2)
        slls = np.where(np.isfinite(slls), slls, np.nan)
        lb = np.where(s != 0, s ** np.exp(z * slls), np.nan)
        ub = np.where(s != 0, s ** np.exp(-z * slls), np.nan)
    return {"s": s, "ns": ns, "se(s)": se, "h": h, "se(lls)": slls, "lb(s)": lb, "ub(s)": ub, "n": n, "d": d,
            "na": aalen, "se(na)": se_aalen, "lb(na)": lba, "ub(na)": uba}


def _forward_filled(values: np.ndarray) -> np.ndarray:
    out = values.copy()
    for i in range(1, out.size):
        if np.isnan(out[i]):
            out[i] = out[i - 1]
    return out


def record_values(row_times: np.ndarray, rows: dict[str, np.ndarray], t: np.ndarray, function: str) -> np.ndarray:
    """The function on records with exit times ``t`` from their group's rows (module docstring)."""
    idx = np.searchsorted(row_times, t, side="right") - 1
    before = idx < 0
    safe = np.where(before, 0, idx)
    matched = ~before & (row_times[safe] == t) if row_times.size else np.zeros(t.size, bool)
    if function in AT_FAILURES:
        return np.where(matched, rows[function][safe], np.nan) if row_times.size else np.full(t.size, np.nan)
    if not row_times.size:
        start = {"s": 1.0, "ns": 1.0, "na": 0.0}.get(function, np.nan)
        return np.full(t.size, start)
    if function in ("s", "ns", "na"):
        return np.where(before, 0.0 if function == "na" else 1.0, rows[function][safe])
    filled = _forward_filled(rows[function])
    return np.where(before, np.nan, filled[safe])
