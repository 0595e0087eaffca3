"""Delta-method inference for margins and their contrasts.

With m = m(b) the margins and J = dm/db' their Jacobian (rows: margins, columns: e(b)),

    V(m) = J V(b) J',   se_i = sqrt(V(m)_ii),   z_i = m_i / se_i (t on e(df_r) after regress),
    p_i = 2 P(Z > |z_i|),   CI_i = m_i -+ q se_i,  q the (1 + level/100)/2 quantile.

A linear function L m (contrasts, pairwise differences) has V = L V(m) L'.  A joint Wald
test of L m = 0 (q independent rows) is chi2 = (L m)' (L V(m) L')^- (L m) on q degrees of
freedom, reported as F = chi2/q on (q, df_r) when the model has residual df.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mlmcli import distributions as stats


@dataclass(frozen=True)
class Estimates:
    """Point estimates, their covariance and what the table prints for each."""

    b: np.ndarray
    V: np.ndarray
    se: np.ndarray
    stat: np.ndarray
    p: np.ndarray
    lo: np.ndarray
    hi: np.ndarray
    df_r: float | np.ndarray | None  # an array: each row's own DF
    level: float


def critical_value(level: float, df_r: float | None) -> float:
    prob = 0.5 + level / 200.0
    return float(stats.t.ppf(prob, df_r)) if df_r else float(stats.norm.ppf(prob))


def two_sided_p(stat: np.ndarray, df_r: float | None) -> np.ndarray:
    a = np.abs(stat)
    return 2 * (stats.t.sf(a, df_r) if df_r else stats.norm.sf(a))


def estimates(b: np.ndarray, V: np.ndarray, df_r: float | None, level: float,
              valid: np.ndarray | None = None) -> Estimates:
    """The table's columns for b with covariance V; ``valid`` False rows are all missing; a
    margin or variance past Stata's largest double (an overflow: at(x = 1e300)) is missing."""
    b = np.asarray(b, float)
    V = np.asarray(V, float)
    b = np.where(np.abs(b) <= 8.988465674311579e307, b, np.nan)
    V = np.where(np.abs(V) <= 8.988465674311579e307, V, np.nan)
    se = np.sqrt(np.clip(np.diag(V), 0, None)) if len(b) else np.zeros(0)
    with np.errstate(divide="ignore", invalid="ignore"):
        stat = np.where(se > 0, b / se, np.nan)
    p = two_sided_p(stat, df_r)
    q = critical_value(level, df_r)
    lo, hi = b - q * se, b + q * se
    if valid is not None:
        bad = ~np.asarray(valid, bool)
        for arr in (se, stat, p, lo, hi):
            arr[bad] = np.nan
    return Estimates(b, V, se, stat, p, lo, hi, df_r, level)


def interval_critical_values(rows) -> np.ndarray:
    """The critical value behind each printed interval, (ul - b) / se (multiple comparisons)."""
    return np.array([(r.hi - r.b) / r.se if r.se > 0 else np.nan for r in rows])


def delta_method(values: np.ndarray, jacobian: np.ndarray, V: np.ndarray) -> np.ndarray:
    """V(m) = J V J' over the parameters the margins depend on (a column of e(V) the Jacobian
    does not touch -- a variance component at its boundary -- may hold missing values)."""
    used = np.flatnonzero(np.any(jacobian != 0, axis=0))
    if not len(used):
        return np.zeros((len(values), len(values)))
    Ju = jacobian[:, used]
    with np.errstate(invalid="ignore", over="ignore"):  # a variance past the largest double: missing
        return Ju @ V[np.ix_(used, used)] @ Ju.T


def unconditional_vce(linearized: list, jacobian: np.ndarray, influence: np.ndarray,
                      clusters: np.ndarray | None, columns: np.ndarray | None = None) -> np.ndarray:
    """vce(unconditional): the margins' variance with the covariates treated as sampled.

    Margin c, m_c = sum_{i in R_c} w_i q_i(b) / sum_{R_c} w, is linearized in each sample
    row j (Stata's linearization method for predictive margins):

        z_cj = w_j (q_cj - m_c) / sum_{R_c} w * 1[j in R_c]  +  J_c IF_j,

    IF_j the row's influence on e(b) ((-H)^-1 s_j, ``margins_influence``), J_c dm_c/db; and

        V = n/(n-1) sum_j z_j z_j'     (clusters: G/(G-1) sum_g (sum_{j in g} z_j)(...)';
                                    after svy: survey.linearized's V over the design's units).

    ``linearized``: each margin's first part (sparse 1 x m, or None for a base row of zeros),
    over the margins' rows; ``columns``: where those m rows sit among the n rows of
    ``influence`` (subpop(): the subpopulation in the estimation sample, the first part being
    0 outside it), None when they are the same rows."""
    from scipy import sparse

    n = influence.shape[0]
    m = n if columns is None else len(columns)
    rows = [sparse.csr_matrix((1, m)) if a is None else sparse.csr_matrix(a) for a in linearized]
    first = sparse.vstack(rows).toarray() if rows else np.zeros((0, m))
    if columns is not None:
        placed = np.zeros((first.shape[0], n))
        placed[:, columns] = first
        first = placed
    Z = first + jacobian @ influence.T
    if hasattr(clusters, "units"):  # after svy: the design's linearized variance of the z's
        from mlmcli.survey.linearized import linearized_variance

        z = np.zeros((n, Z.shape[0]))
        z[clusters.position] = Z.T
        return linearized_variance(z, clusters.units).V
    from mlmcli.robust.cluster_sandwich import clustered_meat

    return clustered_meat(Z.T, clusters, n_clusters=n if clusters is None else None)


def r_table(est: Estimates, names: tuple[str, ...], crit=None):
    """Stata's r(table): rows b se z|t pvalue ll ul df crit eform (9 x k); ``crit``: the
    critical values of multiple-comparison intervals (per column), else the level's."""
    from mlmcli.results.matrix import Matrix

    k = len(est.b)
    per_row = est.df_r is not None and np.ndim(est.df_r) > 0  # each row's own DF (small after mixed)
    if crit is None:
        crit = stats.t.ppf(0.5 + est.level / 200.0, est.df_r) if per_row else critical_value(est.level, est.df_r)
    df = np.asarray(est.df_r, float) if per_row else np.full(k, est.df_r if est.df_r else np.nan)
    rows = np.vstack([est.b, est.se, est.stat, est.p, est.lo, est.hi, df, np.broadcast_to(crit, (k,)), np.zeros(k)])
    stat_name = "t" if per_row or est.df_r else "z"
    return Matrix(rows, ("b", "se", stat_name, "pvalue", "ll", "ul", "df", "crit", "eform"), tuple(names))


@dataclass(frozen=True)
class WaldResult:
    stat: float  # chi2, or F when df_r
    df: int
    p: float
    df_r: float | None


def rounding_floor(L: np.ndarray, V: np.ndarray) -> np.ndarray:
    """Per row of L, the size below which (L V L')_rr is rounding: 1e-13 diag(|L| |V| |L|').

    A contrast the model cannot move (an interaction the model omits) cancels exactly in
    exact arithmetic; in floating point its variance is a few ulps of the terms summed."""
    A = np.abs(L)
    return 1e-13 * np.einsum("ij,jk,ik->i", A, np.abs(V), A)


def wald(L: np.ndarray, b: np.ndarray, V: np.ndarray, df_r: float | None) -> WaldResult:
    """Joint test of L b = 0 (redundant rows dropped: df = rank of L V L', eigenvalues at
    the rounding level of its terms counting as zero)."""
    Lb = L @ b
    LVL = L @ V @ L.T
    w, U = np.linalg.eigh((LVL + LVL.T) / 2)
    tol = max(max(w.max(initial=0.0), 0.0) * 1e-12 * max(1, len(w)),
              float(np.max(rounding_floor(L, V), initial=0.0)))
    keep = w > tol
    df = int(np.count_nonzero(keep))
    if df == 0:
        return WaldResult(float("nan"), 0, float("nan"), df_r)
    proj = U[:, keep].T @ Lb
    chi2 = float(np.sum(proj * proj / w[keep]))
    if df_r:
        F = chi2 / df
        return WaldResult(F, df, float(stats.f.sf(F, df, df_r)), df_r)
    return WaldResult(chi2, df, float(stats.chi2.sf(chi2, df)), None)
