"""Regression diagnostics after ``regress`` ([R] regress postestimation): pure numbers on the
estimation sample, each from auxiliary least-squares fits as Stata's ado files run them.

    vif        VIF_j = 1 / (1 - R2_j), R2_j of x_j on the other regressors (vif.ado); with
               ``uncentered`` the fits have no constant, R2 uncentered, and the constant is
               a regressor named ``intercept``.  Rows sorted by VIF descending, then name.
    hettest    u_i = e_i^2 / (RSS/N) on z (fitted values or variables), weights as regress's:
               normal: chi2 = MSS/2 (Breusch-Pagan / Cook-Weisberg); iid: N R2 (Koenker);
               fstat: the auxiliary fit's F; each z alone (mtest) MSS/2 on 1 df (hettest.ado).
    ovtest     Ramsey RESET: y on X and powers 2-4 of the fitted values rescaled to [0, 1] and
               stored as floats (ovtest.ado); F of the powers from the restricted and
               unrestricted residual sums of squares.  ``rhs``: powers 2-4 of each regressor
               that is not 0/1-valued, rescaled to [0, 1].
    imtest     Cameron & Trivedi's decomposition (imtest.ado): with s2 = RSS/N,
               heteroskedasticity: e^2 - s2 on X and the centred cross-products x_i x_j (i >= j),
               skewness: e^3 - 3 s2 e on X, kurtosis: e^4 - 6 s2 e^2 + 3 s2^2 on a constant,
               each N (1 - RSS/USS) with USS the uncentred sum of squares of the response;
               White's test: N R2 of e^2 on X and the cross-products.  Stored as floats
               unless ``double``, as imtest.ado generates them.
    szroeter   for each z: ranks h of z (ties averaged), Q = n^2 / (2 (n - 1)) (hbar_e -
               hbar)^2 / var(h), hbar_e the mean of h weighted by e^2; chi2(1) (szroeter.ado).

Auxiliary fits drop collinear columns as regress does (``collinear_columns``).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mlmcli import distributions as stats
from mlmcli.collinear_columns import independent_candidates
from mlmcli.errors import StataError
from mlmcli.ols import fit_ols
from mlmcli.results.regress_diagnostics import HettestNumbers, InformationMatrixNumbers, ResetNumbers


@dataclass(frozen=True)
class AuxiliaryFit:
    """What an auxiliary ``regress`` leaves in e(): sums of squares, R2, F and df."""

    N: float
    mss: float
    rss: float
    r2: float
    F: float
    df_m: int
    df_r: float
    kept: np.ndarray  # which of the candidate columns were estimable


def auxiliary_fit(y: np.ndarray, C: np.ndarray, weight: np.ndarray | None = None,
                  weight_kind: str | None = None, constant: bool = True) -> AuxiliaryFit:
    """``regress y C [weight]`` (``noconstant`` when not ``constant``): collinear columns of C
    omitted first, as regress's _rmcoll; its R2 is uncentred without a constant."""
    C = np.asarray(C, float).reshape(len(y), -1)
    keep = independent_candidates(C, constant) if C.shape[1] else np.zeros(0, bool)
    X = C[:, keep]
    if constant:
        X = np.column_stack([X, np.ones(len(y))])
    fit = fit_ols(np.asarray(y, float), X, constant=constant, weight=weight, weight_kind=weight_kind)
    return AuxiliaryFit(N=fit.N, mss=fit.mss, rss=fit.rss, r2=fit.r2, F=fit.F, df_m=fit.df_m,
                        df_r=fit.df_r, kept=keep)


# ---------------------------------------------------------------------- vif
def variance_inflation(C: np.ndarray, names: list[str], weight=None, weight_kind=None,
                       uncentered: bool = False, constant: bool = True,
                       sort: bool = True) -> list[tuple[str, float]]:
    """(name, VIF) of each regressor (module docstring)."""
    C = np.asarray(C, float)
    names = list(names)
    if uncentered and constant:
        C = np.column_stack([C, np.ones(C.shape[0])])
        names.append("intercept")
    rows = []
    for j, name in enumerate(names):
        others = np.delete(C, j, axis=1)
        aux = auxiliary_fit(C[:, j], others, weight, weight_kind, constant=not uncentered)
        with np.errstate(divide="ignore"):
            rows.append((name, float(1.0 / (1.0 - aux.r2)) if aux.r2 < 1 else float("inf")))
    if sort:  # gsort -vif name
        rows.sort(key=lambda row: (-row[1], row[0]))
    return rows


# ---------------------------------------------------------------------- hettest
def breusch_pagan(residuals: np.ndarray, Z: np.ndarray, N: float, rss: float, weight=None,
                  weight_kind=None, kind: str = "normal", each: bool = False) -> HettestNumbers:
    """hettest's statistic on the columns of Z (module docstring); ``kind`` normal, iid or fstat."""
    with np.errstate(over="ignore", invalid="ignore"):  # residuals near 1e307: hettest.ado's u is missing
        u = residuals ** 2 / (rss / N)
    known = np.isfinite(u)
    if not known.any():
        raise StataError("no observations", 2000)
    if not known.all():  # the auxiliary regress leaves out the missing u
        u, Z = u[known], Z[known]
        weight = None if weight is None else np.asarray(weight)[known]
    aux = auxiliary_fit(u, Z, weight, weight_kind)
    if kind == "iid":
        value, df_r, p = aux.N * aux.r2, None, stats.chi2.sf(aux.N * aux.r2, aux.df_m)
    elif kind == "fstat":
        value, df_r, p = aux.F, aux.df_r, stats.f.sf(aux.F, aux.df_m, aux.df_r)
    else:
        value, df_r, p = aux.mss / 2, None, stats.chi2.sf(aux.mss / 2, aux.df_m)
    rows = []
    if each:
        for j in range(Z.shape[1]):
            one = auxiliary_fit(u, Z[:, [j]], weight, weight_kind)
            rows.append((one.mss / 2, one.df_m, float(stats.chi2.sf(one.mss / 2, one.df_m))))
    return HettestNumbers("F" if kind == "fstat" else "chi2", float(value), aux.df_m, df_r, float(p), tuple(rows))


# ---------------------------------------------------------------------- ovtest
def _unit_range(v: np.ndarray) -> np.ndarray:
    lo, hi = float(np.min(v)), float(np.max(v))
    return (v - lo) / (hi - lo)


def _float_powers(v: np.ndarray) -> list[np.ndarray]:
    """v^2, v^3, v^4 computed in double and stored as floats (``gen float``)."""
    return [(v ** k).astype(np.float32).astype(float) for k in (2, 3, 4)]


def reset_test(y: np.ndarray, X: np.ndarray, fitted: np.ndarray, weight=None, weight_kind=None,
               constant: bool = True, regressors: list[tuple[str, np.ndarray, bool]] | None = None,
               depvar: str = "y") -> ResetNumbers | None:
    """Ramsey's RESET (module docstring): X the model's non-constant columns; ``regressors``
    (``rhs``): (name, values, stored as double) of each, whose powers replace the fitted
    values'.  None: every power is collinear with X (ovtest's "test not possible")."""
    if regressors is None:
        if np.min(fitted) == np.max(fitted):  # ovtest.ado's (yh - min)/(max - min) is missing: no observations
            raise StataError("no observations", 2000)
        powers = _float_powers(_unit_range(fitted))
        labels = [f"predicted {depvar}^{k}" for k in (2, 3, 4)]  # ovtest.ado's variable labels
        base = X
    else:
        powers, labels, columns = [], [], []
        for name, v, is_double in regressors:
            if np.min(v) == np.max(v):  # ovtest.ado drops a constant regressor
                continue
            if np.all((v == 0) | (v == 1)):
                columns.append(v)
                continue
            scaled = _unit_range(v)
            if not is_double:
                scaled = scaled.astype(np.float32).astype(float)
            columns.append(scaled)
            powers += _float_powers(scaled)
            labels += [f"({name})^{k}" if "#" in name else f"{name}^{k}" for k in (2, 3, 4)]
        base = np.column_stack(columns) if columns else np.empty((len(y), 0))
        if not powers:
            return None
    P = np.column_stack(powers)
    restricted = auxiliary_fit(y, base, weight, weight_kind, constant)
    full = auxiliary_fit(y, np.column_stack([base, P]), weight, weight_kind, constant)
    kept_powers = full.kept[base.shape[1]:]
    q = int(kept_powers.sum())
    if q == 0:
        return None
    # no residual degrees of freedom (or a perfect fit): test's F is missing (no Stata evidence)
    F = ((restricted.rss - full.rss) / q) / (full.rss / full.df_r) if full.df_r > 0 and full.rss > 0 else np.nan
    return ResetNumbers(float(F), q, full.df_r, float(stats.f.sf(F, q, full.df_r)),
                        tuple(lab for lab, k in zip(labels, kept_powers) if not k))


# ---------------------------------------------------------------------- imtest
def _stored(v: np.ndarray, double: bool) -> np.ndarray:
    """v as a float variable holds it (a double unless ``double``): past float's range, missing."""
    if double:
        return v
    with np.errstate(over="ignore", invalid="ignore"):
        out = v.astype(np.float32).astype(float)
    out[np.isinf(out)] = np.nan
    return out


def information_matrix_test(residuals: np.ndarray, X: np.ndarray, rss: float, N: float,
                            white: bool = False, double: bool = False) -> InformationMatrixNumbers:
    """imtest's decomposition (module docstring); X the non-omitted non-constant regressors."""
    n, k = X.shape
    centred = X - X.mean(axis=0)
    cross = [_stored(centred[:, i] * centred[:, j], double) for i in range(k) for j in range(i + 1)]
    Xc = np.column_stack([X] + cross) if cross else X
    s2 = rss / N
    e = _stored(residuals, double)

    def chi2_of(response, C, constant_only=False):
        response = _stored(response, double)
        uss = float(np.sum(_stored(response ** 2, double)))
        aux = auxiliary_fit(response, np.empty((n, 0)) if constant_only else C)
        return aux.N * (1 - aux.rss / uss), aux.df_m if not constant_only else 1

    white_stat = None
    if white:
        aux = auxiliary_fit(_stored(e ** 2, double), Xc)
        chi2 = aux.N * aux.r2
        white_stat = (float(chi2), aux.df_m, float(stats.chi2.sf(chi2, aux.df_m)))
    parts = (("Heteroskedasticity",) + chi2_of(e ** 2 - s2, Xc),
             ("Skewness",) + chi2_of(e ** 3 - 3 * s2 * e, X),
             ("Kurtosis",) + chi2_of(e ** 4 - 6 * s2 * e ** 2 + 3 * s2 * s2, None, constant_only=True))
    rows = tuple((name, float(c), int(d), float(stats.chi2.sf(c, d))) for name, c, d in parts)
    chi2_t, df_t = sum(r[1] for r in rows), sum(r[2] for r in rows)
    return InformationMatrixNumbers(rows, (chi2_t, df_t, float(stats.chi2.sf(chi2_t, df_t))), white_stat)


# ---------------------------------------------------------------------- szroeter
def szroeter_statistic(z: np.ndarray, residuals: np.ndarray) -> tuple[float, float]:
    """(Q, p) of Szroeter's rank test on z (rows where z is known; module docstring)."""
    from scipy.stats import rankdata

    known = ~np.isnan(z)
    h = rankdata(z[known])
    n = len(h)
    e = residuals[known]
    top = float(np.max(np.abs(e), initial=0.0))
    e2 = (e / top) ** 2 if top > 2.0 ** 480 else e ** 2  # Q is free of e's scale; e^2 near 1e307 overflows
    hbar_e = float(np.sum(h * e2) / np.sum(e2))
    Q = n * n / (2 * (n - 1)) * (hbar_e - h.mean()) ** 2 / h.var(ddof=1)
    return float(Q), float(stats.chi2.sf(Q, 1))
