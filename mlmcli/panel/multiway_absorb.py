"""Linear regression absorbing several sets of fixed effects (the community command
``reghdfe``, Correia 2016), by the method of alternating projections.

Model y = X b + a_1[g_1] + ... + a_k[g_k] + e.  After dropping singleton groups (a group of
one observation in any fixed effect, repeatedly until none is left, as reghdfe does by
default), y and X are swept by each fixed effect's within transformation in turn
(Gauss-Seidel / Kaczmarz, "MAP") until no column moves by more than ``tol`` relative to its
scale; b is OLS of the swept y on the swept X (Frisch-Waugh-Lovell), and _cons comes from
the regression of the swept y plus its mean on the swept X plus their means and a constant,
as areg reports it.  Degrees of freedom absorbed: the categories of each fixed effect minus
the redundant ones -- none for the first, the number of connected components of the
bipartite graph of the first and second fixed effects' levels for the second (exact for
two); a fixed effect nested within the cluster variable is wholly redundant with
vce(cluster).  df_r = N - K - df_a; within R2 = 1 - RSS / TSS(swept y); as reghdfe 5 (since 4),
a nested fixed effect's levels count again for the RMSE and adjusted R2s, and the cluster factor
is (N-1)/(N-1-K-df_a) then (xtreg, fe's, with the constant).

Weights as reghdfe 5's solver takes them (reghdfe.mata's "Weight FAQ"): the projections are
weighted means, b is weighted least squares; fweights count as copies (N = sum of w; a lone
row is a singleton only with weight 1, ftools' drop_singletons); aweights and pweights are
rescaled to sum to the rows (N = rows), so RSS, TSS and the sandwich's meat use w * N / sum(w).
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.missing import stata_ratio
from mlmcli.ols import qr_solve
from mlmcli.panel.centred_fit import shift_constant, unit_column_scales
from mlmcli.robust.cluster_sandwich import cluster_sandwich


def drop_singletons(codes: list[np.ndarray], fweights: np.ndarray | None = None,
                    zero_sum_of: np.ndarray | None = None) -> np.ndarray:
    """Rows kept after repeatedly dropping observations alone in a group of any fixed effect
    (with fweights only a lone row of weight 1: ftools' drop_singletons(fweight)); with
    ``zero_sum_of`` (ppmlhdfe's depvar) also the groups where it sums to zero (ftools'
    zero_threshold: the "fe" separation check)."""
    keep = np.ones(codes[0].size, bool)
    while True:
        dropped = False
        for c in codes:
            counts = np.bincount(c[keep], minlength=int(c.max()) + 1)
            lone = keep & (counts[c] == 1)
            if fweights is not None:
                lone &= fweights == 1
            if zero_sum_of is not None:
                sums = np.bincount(c[keep], weights=zero_sum_of[keep], minlength=counts.size)
                lone |= keep & (sums[c] == 0)
            if lone.any():
                keep &= ~lone
                dropped = True
        if not dropped:
            return keep


def _recode(c: np.ndarray) -> np.ndarray:
    return np.unique(c, return_inverse=True)[1].astype(np.int64)


def _demean(M: np.ndarray, codes: list[np.ndarray], tol: float, maxiter: int,
            w: np.ndarray, width: int | None = None) -> tuple[np.ndarray, int]:
    """Alternating projections until the largest change of any column relative to its scale
    is below ``tol``.  Each column's sweeps are its own arithmetic, so the columns go in blocks
    small enough to stay in cache (eventstudyinteract's hundreds of interactions on nlswork),
    each block swept until all blocks are below ``tol`` at the same iteration: the numbers
    and the iteration count are those of sweeping all columns at once.  ``width``: columns
    a block (default: about 4 MB of them)."""
    from scipy.sparse import csr_matrix

    M = np.array(M, float)
    sizes = [np.bincount(c, weights=w).astype(float) for c in codes]
    # each fixed effect's weighted group sums as one sparse G x n product (np.add.at is slow on
    # wide M)
    summers = [csr_matrix((w, (c, np.arange(len(c)))), shape=(n.size, len(c))) for c, n in zip(codes, sizes)]
    runs = [np.bincount(c, minlength=n.size) if c.size and np.all(c[1:] >= c[:-1]) else None
            for c, n in zip(codes, sizes)]
    scale = np.maximum(np.abs(M).max(axis=0), 1.0)
    width = width or max(8, (1 << 19) // max(M.shape[0], 1))  # about 4 MB of columns
    blocks = [_SweptBlock(M, slice(lo, lo + width), scale) for lo in range(0, M.shape[1], width)]

    def sweep(block: _SweptBlock) -> None:
        block.sweep(codes, sizes, summers, runs, tol)
        if block.iteration > maxiter:
            raise StataError(f"alternating projections did not converge in {maxiter} iterations", 430)

    stop = 1  # the first iteration at which every block might be below tol
    settled = False
    while not settled:
        settled = True
        for block in blocks:
            while block.iteration < stop:
                sweep(block)
            if len(codes) > 1 and not block.below[stop]:
                sweep(block)
                while not block.below[block.iteration]:
                    sweep(block)
                stop, settled = block.iteration, False
    for block in blocks:
        M[:, block.columns] = block.values
    return M, stop


class _SweptBlock:
    """A block of columns under alternating projections: its values after ``iteration``
    sweeps and, for each sweep, whether its largest relative change was below tol."""

    def __init__(self, M: np.ndarray, columns: slice, scale: np.ndarray):
        self.columns = columns
        self.values = np.ascontiguousarray(M[:, columns])
        self.spare = np.empty_like(self.values)
        self.scale = scale[columns]
        self.iteration = 0
        self.below: dict[int, bool] = {}

    def sweep(self, codes, sizes, summers, runs, tol: float) -> None:
        before, after = self.values, self.spare
        current = before
        for c, n, summer, run in zip(codes, sizes, summers, runs):
            means = np.asarray(summer @ current) / n[:, None]
            # codes in order (the panel's sort): each mean repeated over its run of rows, the
            # same values as means[c] at half the cost
            np.subtract(current, means[c] if run is None else np.repeat(means, run, axis=0), out=after)
            current = after
        change = np.abs(np.subtract(after, before, out=before), out=before)
        self.iteration += 1
        # max_ij |change_ij| / scale_j from each column's largest change: division by a positive
        # number keeps the order, so the quotient of the maximum is the maximum of the quotients
        self.below[self.iteration] = bool((change.max(axis=0) / self.scale).max() < tol) if change.size else True
        self.values, self.spare = after, before


def _weights(rows: int, weights: np.ndarray | None, kind: str | None) -> tuple[np.ndarray, float]:
    """(w, N): fweights as they are, N their sum; aweights/pweights rescaled to sum to the rows."""
    if weights is None:
        return np.ones(rows), float(rows)
    w = np.asarray(weights, float)
    if kind == "fweight":
        return w, float(w.sum())
    return w * (rows / w.sum()), float(rows)


# reghdfe's collinear_tol = min(1e-6, tolerance/10) at its default tolerance 1e-8
COLLINEAR_TOL = 1e-9


def partial_out(M: np.ndarray, fe_codes: list[np.ndarray], *, tol: float = 1e-10, maxiter: int = 10000,
                weights: np.ndarray | None = None, weight_kind: str | None = None) -> tuple[np.ndarray, int]:
    """(M's columns with the fixed effects swept out by alternating weighted projections, the
    iterations that took)."""
    w, _ = _weights(M.shape[0], weights, weight_kind)
    return _demean(np.asarray(M, float), [_recode(c) for c in fe_codes], tol, maxiter, w)


def collinear_with_fixed_effects(X: np.ndarray, swept: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(``swept`` -- X partialled out -- with the columns collinear with the fixed effects zeroed,
    their mask).

    reghdfe's test after partialling out: column j is collinear with the fixed effects when
    sum_i xt_ij^2 <= COLLINEAR_TOL * sum_i x_ij^2 (xt: partialled out; x: as typed); zeroed, the
    rank check that follows omits them."""
    if X.shape[1] == 0:
        return swept.copy(), np.zeros(0, bool)
    before = np.einsum("ij,ij->j", X, X)
    after = np.einsum("ij,ij->j", swept, swept)
    collinear = (before > 0) & (after <= COLLINEAR_TOL * before)
    out = swept.copy()
    out[:, collinear] = 0.0
    return out, collinear


def fit_hdfe(y: np.ndarray, X: np.ndarray, fe_codes: list[np.ndarray], *, cluster: np.ndarray | None = None,
             robust: bool = False, tol: float = 1e-10, maxiter: int = 10000,
             weights: np.ndarray | None = None, weight_kind: str | None = None,
             swept: tuple[np.ndarray, int] | None = None) -> dict:
    """The fit on rows already free of singletons; fe_codes 0..G-1 per fixed effect.  ``swept``:
    (y and X partialled out, its iterations) when the caller has them already (``partial_out``)."""
    from mlmcli.distributions import f as f_dist

    rows, K = X.shape
    w, N = _weights(rows, weights, weight_kind)
    codes = [_recode(c) for c in fe_codes]
    if swept is None:
        swept = partial_out(np.column_stack([y, X]), codes, tol=tol, maxiter=maxiter, weights=weights,
                            weight_kind=weight_kind)
    swept, iterations = swept
    yw, Xw = swept[:, 0], swept[:, 1:]
    from mlmcli.panel.absorbed_dof import absorbed_dof

    counts, _ = absorbed_dof(codes, [str(g) for g in range(len(codes))], cluster)
    cats, redundant = [c.categories for c in counts], [c.redundant for c in counts]
    nested, exact = [c.nested for c in counts], [c.exact for c in counts]
    df_a = sum(cats) - sum(redundant)
    df_r = N - K - df_a
    # reghdfe 5's df_a_nested: the levels of fixed effects nested in the cluster variable; they
    # leave the constant to be counted (nested_adj) in the cluster factor, as xtreg, fe counts
    # it, and are subtracted again for the RMSE and adjusted R2s (used_df_r)
    df_a_nested = sum(c for c, n in zip(cats, nested) if n)
    used_df_r = df_r - df_a_nested
    if df_r <= 0:
        raise StataError("insufficient observations", 2001)
    ybar, Xbar = np.average(y, weights=w), np.average(X, axis=0, weights=w) if K else X.mean(axis=0)
    # the regression on the centred columns (scaled by powers of two), the grand means put back in
    # _cons at the end (panel.centred_fit: with them in X'X a near-collinear column loses its digits)
    scale = np.append(unit_column_scales(Xw), 1.0)
    Xc = np.column_stack([Xw, np.ones(rows)]) * scale
    XtX_inv, b = qr_solve(Xc, yw, w)
    e = yw - Xc @ b
    rss = float(w @ (e * e))
    t_df = df_r
    # the sandwich's scores: x e w (fweights: a row's w copies add w e^2 to the meat, not (w e)^2)
    if cluster is not None:  # G/(G-1) (N-1)/(df_r - nested)
        G = int(cluster.max()) + 1
        V = cluster_sandwich(XtX_inv, Xc * (e * w)[:, None], cluster, extra=(N - 1) / (df_r - (df_a_nested > 0)),
                             n_clusters=G)
        t_df = G - 1
    elif robust:  # N/df_r
        V = cluster_sandwich(XtX_inv, Xc * (e * w)[:, None], fweight=w if weight_kind == "fweight" else None,
                             extra=(N - 1) / df_r, n_clusters=N)
    else:
        V = rss / df_r * XtX_inv
    b, V = shift_constant(b * scale, V * scale[:, None] * scale[None, :], Xbar, ybar)
    tss = float(w @ (y - ybar) ** 2)
    tss_within = float(w @ yw ** 2)
    if K:
        bb = b[:K]
        try:
            F = float(bb @ np.linalg.solve(V[:K, :K], bb) / K)
        except np.linalg.LinAlgError:
            F = float("nan")
    else:
        F = float("nan")
    r2 = 1 - rss / tss if tss > 0 else float("nan")
    r = stata_ratio

    def ln(v: float) -> float:
        return float(np.log(v)) if v > 0 else float("nan")

    out = {"b": b, "V": V, "N": float(N), "df_m": float(K), "df_r": float(t_df), "df_a": float(df_a),
           "rss": rss, "tss": tss,
           "sum_w": float(np.sum(weights)) if weights is not None else float(rows), "tss_within": tss_within, "r2": r2,
           # a constant depvar (tss = 0) or df_r = 0: Stata's ratios and ln(0) are missing
           "r2_a": 1 - r(r(rss, used_df_r), r(tss, N - 1)), "r2_within": 1 - r(rss, tss_within),
           "r2_a_within": 1 - r(r(rss, used_df_r), r(tss_within, used_df_r + K)),
           "rmse": float(np.sqrt(r(rss, used_df_r))),
           "F": F, "p": float(f_dist.sf(F, K, t_df)) if np.isfinite(F) else float("nan"),
           "ll": -0.5 * N * (1 + np.log(2 * np.pi) + ln(r(rss, N))),
           "ll_0": -0.5 * N * (1 + np.log(2 * np.pi) + ln(r(tss_within, N))),
           "iterations": iterations, "categories": cats, "redundant": redundant, "nested": nested,
           "exact": exact,
           "resid": e}  # y - xb - d on the rows (reghdfe's residuals())
    if cluster is not None:
        out["N_clust"] = float(int(cluster.max()) + 1)
    return out



def scaled_back(out: dict, ys: float) -> dict:
    """``fit_hdfe``'s results of y / ys (a power of two: exact; ``mlmcli.ols.depvar_scale``) in
    y's units, as regress's fit_ols scales them: b, se, rmse, R2, F and ln L are the finite
    numbers they are, V and the sums of squares past the largest double missing (as Stata holds
    them)."""
    from mlmcli.missing import MAX_DOUBLE, stata_double

    if ys == 1.0:
        return out
    with np.errstate(over="ignore", invalid="ignore"):
        def big(v, power=1):
            v = np.asarray(v, float)
            for _ in range(power):  # one factor at a time: ys^2 alone may pass the largest double
                v = v * ys
            return np.where(np.abs(v) <= MAX_DOUBLE, v, np.nan) if v.ndim else stata_double(v)

        log_ys = out["N"] * float(np.log(ys))
        return {**out, "b": big(out["b"]), "V": big(out["V"], 2), "rss": big(out["rss"], 2),
                "tss": big(out["tss"], 2), "tss_within": big(out["tss_within"], 2), "rmse": big(out["rmse"]),
                "ll": out["ll"] - log_ys, "ll_0": out["ll_0"] - log_ys, "resid": big(out["resid"])}
