"""svy: tabulate's estimates and tests of independence ([SVY] svy: tabulate twoway, Methods
and formulas).

The cells are ordered row-major (p11 p12 ... p21 ...).  Cell proportions are the means of the
cells' indicators, weighted counts their totals, row (column) proportions the ratios of a
cell's indicator to its row's (column's) indicator; each comes with its linearized V and the
SRS variances design effects use.  Empty cells have zero estimates and zero variance.

The tests (Rao and Scott's corrections): with p the cell proportions, p0 the products of their
margins, n the observations, C the (r-1)(c-1) interaction contrasts,

    Pearson  X2 = n sum (p - p0)^2 / p0,   LR  G2 = 2 n sum p log(p / p0)
    D = n (C' P^-1 C)^-1 (C' P^-1 V P^-1 C),  P = diag(p) ("observed") or diag(p0) ("null")
    F = X / tr(D) on (tr(D)^2 / tr(D^2), tr(D)^2 / tr(D^2) * df) degrees of freedom

and the Wald tests: log-linear (C' log p on V of the logs) and Pearson's (the counts'
differences from independence on the totals' V), adjusted F = (df - k + 1) W / (k df) on
(k, df - k + 1).  Engines only: no printing."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mlmcli.survey.inference import srs_variances
from mlmcli.survey.linearized import DesignUnits, linearized_variance


@dataclass(frozen=True)
class Estimates:
    """One kind of table estimate (cell, count, row or column): b, V and the SRS variances."""

    b: np.ndarray
    V: np.ndarray
    V_srs: np.ndarray
    V_srswr: np.ndarray


@dataclass(frozen=True)
class TableEstimates:
    n_rows: int
    n_cols: int
    cell: Estimates  # proportions
    count: Estimates  # weighted counts
    shares: Estimates | None  # row or column proportions (se/ci/deff of rows or columns)
    total: float  # sum of weights (of the subpopulation)
    missing: bool  # singleunit(missing) met a stratum with one PSU: no V


def _estimates(b, scores, units: DesignUnits, weights, fpc: bool, srs_rows=None) -> tuple[Estimates, bool]:
    """``srs_rows``: the rows the SRS variances are of (srssubpop: the subpopulation's)."""
    lin = linearized_variance(scores, units)
    if srs_rows is None:
        srs, srswr = srs_variances(scores, weights, fpc)
    else:
        srs, srswr = srs_variances(scores[srs_rows], weights[srs_rows], fpc)
    return Estimates(np.asarray(b, float), lin.V, srs, srswr), lin.missing


def table_estimates(row_codes: np.ndarray, col_codes: np.ndarray, n_rows: int, n_cols: int, weights: np.ndarray,
                    sub: np.ndarray, units: DesignUnits, shares: str | None = None, srs_subpop: bool = False
                    ) -> TableEstimates:
    """Estimates over the estimation sample's rows (codes 0..R-1, 0..C-1; ``sub`` the
    subpopulation's rows); ``shares`` "row" or "column" adds those proportions;
    ``srs_subpop``: design effects against SRS within the subpopulation (srssubpop)."""
    w = np.where(sub, weights, 0.0)
    k = n_rows * n_cols
    cell_of = row_codes * n_cols + col_codes
    Y = np.zeros((len(w), k))
    Y[np.arange(len(w)), cell_of] = 1.0
    total = float(w.sum())
    wy = w[:, None] * Y
    counts = wy.sum(axis=0)
    fpc = units.fpc is not None
    srs_rows = np.asarray(sub, bool) if srs_subpop else None
    props = counts / total
    cell, missing = _estimates(props, w[:, None] * (Y - props) / total, units, weights, fpc, srs_rows)
    count, _ = _estimates(counts, wy, units, weights, fpc, srs_rows)
    share = None
    if shares in ("row", "column"):
        group = row_codes if shares == "row" else col_codes
        X = np.zeros_like(Y)
        for j in range(k):
            g = j // n_cols if shares == "row" else j % n_cols
            X[:, j] = group == g
        den = (w[:, None] * X).sum(axis=0)
        safe = np.where(den > 0, den, 1.0)
        ratio = np.where(den > 0, counts / safe, 0.0)
        scores = np.where(den > 0, w[:, None] * (Y - X * ratio) / safe, 0.0)
        share, _ = _estimates(ratio, scores, units, weights, fpc, srs_rows)
    return TableEstimates(n_rows, n_cols, cell, count, share, total, missing)


def margins(V: np.ndarray, n_rows: int, n_cols: int) -> tuple[np.ndarray, np.ndarray]:
    """V of the row sums and of the column sums of a row-major table's estimates."""
    rows = np.kron(np.eye(n_rows), np.ones((1, n_cols)))
    cols = np.kron(np.ones((1, n_rows)), np.eye(n_cols))
    Vr = rows @ V @ rows.T
    return 0.5 * (Vr + Vr.T), cols @ V @ cols.T


def interaction_contrasts(n_rows: int, n_cols: int) -> np.ndarray:
    """The (r c) x (r-1)(c-1) contrasts of the row-by-column interaction (effect coding)."""
    def effects(m):
        return np.vstack([np.eye(m - 1), -np.ones((1, m - 1))])
    return np.kron(effects(n_rows), effects(n_cols))


def _inverse_diagonal(p: np.ndarray) -> np.ndarray:
    """syminv(diag(p)): zero where p is zero."""
    return np.diag(np.where(p != 0, 1.0 / np.where(p != 0, p, 1.0), 0.0))


def _deff_traces(n: float, p: np.ndarray, V: np.ndarray, C: np.ndarray) -> tuple[float, float]:
    B = _inverse_diagonal(p)
    A = C.T @ B @ C
    D = n * np.linalg.pinv(0.5 * (A + A.T)) @ (C.T @ B @ V @ B @ C)
    return float(np.trace(D)), float(np.trace(D @ D))


def _rao_scott(stat: float, tr: float, tr2: float, df: float) -> dict:
    from mlmcli import distributions as stats

    out = {"cun": stat}
    if not (np.isfinite(stat) and np.isfinite(tr) and np.isfinite(tr2)) or tr == 0 or tr2 == 0:
        return {**out, "F": np.nan, "df1": np.nan, "df2": np.nan, "p": np.nan}
    df1 = tr * tr / tr2
    F = stat / tr
    return {**out, "F": F, "df1": df1, "df2": df1 * df, "p": float(stats.f.sf(F, df1, df1 * df))}


def _adjusted_wald(W: float, k: int, df: float) -> dict:
    from mlmcli import distributions as stats

    out = {"cun": W}
    if not np.isfinite(W):
        return {**out, "F": np.nan, "p": np.nan, "Fun": np.nan, "pun": np.nan}
    F = (df - k + 1) * W / (k * df)
    F = F if F >= 0 else np.nan
    p = float(stats.f.sf(F, k, df - k + 1)) if np.isfinite(F) and df - k + 1 > 0 else np.nan
    return {**out, "F": F, "p": p, "Fun": W / k, "pun": float(stats.f.sf(W / k, k, df))}


def independence_tests(t: TableEstimates, n_obs: float, df: float, pearson_wald: bool = False) -> dict:
    """{name: {cun, F, df1, df2, p ...}} for Pear, Penl, LR, LRnl (Rao-Scott), LLW and, when
    asked, Wald (Pearson); {} when the table has one row or column or a zero margin (Stata's
    "Statistics cannot be computed")."""
    R, C_ = t.n_rows, t.n_cols
    p = t.cell.b
    table = p.reshape(R, C_)
    row, col = table.sum(axis=1), table.sum(axis=0)
    if R == 1 or C_ == 1 or np.any(row == 0) or np.any(col == 0):
        return {}
    p0 = np.outer(row, col).ravel()
    C = interaction_contrasts(R, C_)
    pearson = float(n_obs * np.sum((p - p0) ** 2 / p0))
    with np.errstate(divide="ignore", invalid="ignore"):
        lr = float(2 * n_obs * np.sum(p * np.log(p / p0))) if np.all(p > 0) else np.nan
    if t.missing:
        tr = tr2 = tra = tr2a = np.nan
    else:
        tr, tr2 = _deff_traces(n_obs, p0, t.cell.V, C)
        tra, tr2a = _deff_traces(n_obs, p, t.cell.V, C)
    k = (R - 1) * (C_ - 1)
    out = {"Pear": _rao_scott(pearson, tra, tr2a, df), "Penl": _rao_scott(pearson, tr, tr2, df),
           "LR": _rao_scott(lr, tra, tr2a, df), "LRnl": _rao_scott(lr, tr, tr2, df)}
    llw = np.nan
    if not t.missing and np.all(p > 0):
        G = C.T @ np.log(p)
        B = _inverse_diagonal(p)
        A = C.T @ B @ t.cell.V @ B @ C
        llw = float(G @ np.linalg.pinv(0.5 * (A + A.T)) @ G)
    out["LLW"] = _adjusted_wald(llw, k, df)
    if pearson_wald:
        out["Wald"] = _adjusted_wald(_pearson_wald(t, row, col), k, df)
    out["mgdeff"] = tr / k if np.isfinite(tr) else np.nan
    out["cvgdeff"] = float(np.sqrt(k * tr2 / tr ** 2 - 1)) if np.isfinite(tr) and tr else np.nan
    return out


def _pearson_wald(t: TableEstimates, row: np.ndarray, col: np.ndarray) -> float:
    """The counts' differences from independence, N_ij - N_i. N_.j / N (i < r, j < c), on
    their delta-method V from the totals' V (Koch et al.)."""
    if t.missing:
        return np.nan
    R, C_ = t.n_rows, t.n_cols
    k = (R - 1) * (C_ - 1)
    p = t.cell.b.reshape(R, C_)
    A = np.zeros((k, R * C_))
    diff = np.zeros(k)
    m = 0
    for i in range(R - 1):
        for j in range(C_ - 1):
            e = row[i] * col[j]
            diff[m] = p[i, j] - e
            for g in range(R):
                for h in range(C_):
                    A[m, g * C_ + h] = (g == i and h == j) - (g == i) * col[j] - (h == j) * row[i] + e
            m += 1
    W = A @ t.count.V @ A.T
    return float(t.total ** 2 * diff @ np.linalg.pinv(0.5 * (W + W.T)) @ diff)
