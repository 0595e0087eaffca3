"""``estat esize`` after ``regress`` and ``anova`` as Stata 13's estat_esize_13.ado computes it:
eta-squared (and with ``omega`` its adjusted form) for the whole model and, partial, for each
term, with confidence intervals from the noncentral F distribution (Smithson 2001).

For a term with numerator df q, denominator df d (e(df_r)) and its F (the Wald F of its
coefficients with the OLS variance, anova's partial F):

    eta2 = q F / (q F + d)
    lambda_lo / lambda_hi: the noncentrality at which F is the (level+100)/200 / (100-level)/200
    quantile of F(q, d, lambda) (Stata's npnF); limit = lambda / (lambda + q + d + 1)
    omega2 = max(0, eta2 - (q/d)(1 - eta2)), its limits from the eta2 limits the same way,
    clipped to [0, 1]

The model row takes e(df_m), e(df_r) and e(F).  A limit whose quantile no nonnegative
noncentrality reaches (F below that quantile of the central F) is missing: mlm's reading of
npnF's range, without a Stata log at hand to confirm it.
"""
from __future__ import annotations

import math

import numpy as np

from mlmcli.results.regress_diagnostics import EsizeRow


def noncentrality(q: float, d: float, F: float, p: float) -> float:
    """lambda >= 0 with P(F(q, d, lambda) <= F) = p (npnF); NaN when there is none."""
    from scipy import optimize, special

    if not (np.isfinite(F) and F >= 0) or special.fdtr(q, d, F) < p:
        return float("nan")

    def gap(lam: float) -> float:  # decreasing in lambda
        return float(special.ncfdtr(q, d, lam, F)) - p

    top = max(1.0, q * F)
    while gap(top) > 0:  # scipy's ncfdtrinc stops about 1e-4 short: bracket and solve instead
        top *= 2
        if top > 1e9:
            return float("nan")
    return float(optimize.brentq(gap, 0.0, top, xtol=1e-12, rtol=1e-14))


def esize_row(name: str, label: str, q: float, d: float, F: float, level: float) -> EsizeRow:
    eta2 = q * F / (q * F + d)
    bounds = []
    for p in ((level + 100) / 200, 1 - (level + 100) / 200):
        lam = noncentrality(q, d, F, p)
        bounds.append(lam / (lam + q + d + 1))
    lo, hi = bounds
    omega = max(0.0, eta2 - q / d * (1 - eta2))
    lo_o = lo - q / d * (1 - lo)
    hi_o = hi - q / d * (1 - hi)
    lo_o = max(0.0, lo_o) if not math.isnan(lo_o) else lo_o
    hi_o = min(1.0, hi_o) if not math.isnan(hi_o) else hi_o
    return EsizeRow(name, label, eta2, lo, hi, omega, lo_o, hi_o, q, d, F)


def term_f(b: np.ndarray, V: np.ndarray) -> float:
    """The Wald F of coefficients b with variance V: b' V^-1 b / q."""
    try:
        return float(b @ np.linalg.solve(V, b) / len(b))
    except np.linalg.LinAlgError:  # V singular (its entries underflow for regressors near 1e307): missing
        return float("nan")
