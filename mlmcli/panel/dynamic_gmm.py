"""Linear dynamic panel-data GMM (the engine of xtabond and xtdpdsys, Stata's xtdpd).

The model y_it = x_it b + u_i + e_it is estimated from

- the difference equation D.y = D.x b + D.e on the rows where every difference exists, with
  GMM-type instruments (Arellano and Bond 1991): for each period t and each lag j of a
  ``DiffGmm`` block (first..last) the variable's level at t - j, one column per (t, j), a
  value that does not exist counting 0 ("missing = 0"); and standard instruments (one column
  each: D.x of the exogenous regressors, the levels of inst());
- the level equation y = x b + c + u + e (system estimators; xtabond only to estimate the
  constant): GMM-type instruments L#D.v, one column per period (Blundell and Bond 1998), and
  standard ones (the constant).

One-step: A1 = (sum_i Z_i' H_i Z_i)^-1, H_i = the (2, -1) band over consecutive difference
rows of panel i and the identity over its level rows (the cross blocks 0, as Stata's
xtdpdsys); b = (X'Z A Z'X)^-1 X'Z A Z'y.  Conventional V1 = s2 (X'Z A1 Z'X)^-1 with
s2 = e_d'e_d / (2 (N_d - k)) Stata's e(sig2) (the difference residuals' variance halved);
robust V1 = B X'Z A1 (sum_i Z_i'e_i e_i'Z_i) A1 Z'X B with B = (X'Z A1 Z'X)^-1.  Two-step:
A2 = (sum_i Z_i'e1_i e1_i'Z_i)^-1, V2 = (X'Z A2 Z'X)^-1 and, robust, Windmeijer's (2005)
corrected V2 + D V2 + V2 D' + D V1r D'.  Sargan: (Z'e)'A1(Z'e)/s2 one step, (Z'e)'A2(Z'e) two
steps.  Arellano-Bond's m_j: the difference residuals against their own j-th lag (Arellano
and Bond 1991, eq. 8) with the middle term of the estimator's weight and variance.
Inverses are generalised (Stata's invsym), the instruments' count their rank (e(zrank)).
The engine never prints.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mlmcli.errors import StataError


@dataclass(frozen=True)
class DiffGmm:
    """GMM-type instruments of the difference equation: ``values`` (every row of the data)
    lagged ``first`` .. ``last`` periods (``last`` None: every lag the data hold)."""

    values: np.ndarray
    first: int
    last: int | None


@dataclass(frozen=True)
class LevelGmm:
    """GMM-type instruments of the level equation: ``values`` (L#D.v on every row), one
    column per period."""

    values: np.ndarray


@dataclass(frozen=True)
class DpdProblem:
    """Every array over all rows of the data: ``panel`` codes, ``time`` in periods (integers),
    ``y``/``X`` in levels and ``dy``/``dX`` their differences (X holds the constant's column
    when the model has one: 1 in levels, 0 differenced); ``diff_rows``/``level_rows`` the
    rows of each equation (level_rows None: difference equation only)."""

    panel: np.ndarray
    time: np.ndarray
    y: np.ndarray
    X: np.ndarray
    dy: np.ndarray
    dX: np.ndarray
    diff_rows: np.ndarray
    level_rows: np.ndarray | None
    diff_gmm: tuple[DiffGmm, ...]
    diff_standard: np.ndarray  # rows x m (NaN where missing: 0)
    level_gmm: tuple[LevelGmm, ...] = ()
    level_standard: np.ndarray | None = None


@dataclass(frozen=True)
class DpdFit:
    b: np.ndarray
    V: np.ndarray
    V_conventional: np.ndarray  # the estimator's own (non-robust) variance
    sig2: float
    rss: float
    zrank: int
    sargan: float
    arm: tuple[float, ...]
    n_diff: int
    n_level: int
    residuals: np.ndarray  # level residuals y - X b on every row (NaN where X or y is missing)
    warn: bool  # the two-step weight is singular (Stata's message)


def shift_index(panel, time, rows, k):
    """For each row, the index of the row of the same panel k periods earlier among ``rows``
    (-1 when there is none)."""
    idx = np.flatnonzero(rows)
    lookup = {(p, t): i for p, t, i in zip(panel[idx].tolist(), time[idx].tolist(), idx.tolist())}
    return np.array([lookup.get((p, t - k), -1) for p, t in zip(panel.tolist(), time.tolist())], dtype=int)


def _lagged(values, panel, time, k):
    """values at t - k in the same panel (NaN when that row does not exist)."""
    src = shift_index(panel, time, np.ones(len(values), bool), k)
    return np.where(src >= 0, values[np.maximum(src, 0)], np.nan)


def _diff_gmm_columns(block: DiffGmm, prob: DpdProblem, rows: np.ndarray) -> np.ndarray:
    times = prob.time[rows]
    tmin = int(np.nanmin(prob.time))
    cols = []
    last = block.last if block.last is not None else int(times.max()) - tmin
    for j in range(block.first, last + 1):
        lag = _lagged(block.values, prob.panel, prob.time, j)[rows]
        for t in np.unique(times):
            if t - j < tmin:
                continue
            col = np.where((times == t) & np.isfinite(lag), lag, 0.0)
            cols.append(col)
    return np.column_stack(cols) if cols else np.zeros((len(times), 0))


def _level_gmm_columns(block: LevelGmm, prob: DpdProblem, rows: np.ndarray) -> np.ndarray:
    times = prob.time[rows]
    vals = block.values[rows]
    cols = [np.where((times == t) & np.isfinite(vals), vals, 0.0) for t in np.unique(times)]
    return np.column_stack(cols) if cols else np.zeros((len(times), 0))


def _order_rows(prob, mask):
    idx = np.flatnonzero(mask)
    return idx[np.lexsort((prob.time[idx], prob.panel[idx]))]


def _stack(prob: DpdProblem):
    """The stacked system: (Z, X, y, panel of each row, is-difference row, H Z, index of the
    data row), difference rows first."""
    d_idx = _order_rows(prob, prob.diff_rows)
    d_mask = np.zeros(len(prob.y), bool)
    d_mask[d_idx] = True
    Zd = [_diff_gmm_columns(g, prob, d_idx) for g in prob.diff_gmm]
    if prob.diff_standard.size:
        Zd.append(np.nan_to_num(prob.diff_standard[d_idx]))
    Zd = np.column_stack(Zd) if Zd else np.zeros((len(d_idx), 0))
    Xs, ys = prob.dX[d_idx], prob.dy[d_idx]
    # H Z over the difference rows: 2 z_t - z_(t-1) - z_(t+1) within consecutive rows
    prev = shift_index(prob.panel, prob.time, d_mask, 1)[d_idx]
    nxt = shift_index(prob.panel, prob.time, d_mask, -1)[d_idx]
    pos = np.full(len(prob.y), -1)
    pos[d_idx] = np.arange(len(d_idx))

    def band(M):
        out = 2.0 * M
        has = prev >= 0
        out[has] -= M[pos[prev[has]]]
        has = nxt >= 0
        out[has] -= M[pos[nxt[has]]]
        return out

    if prob.level_rows is None:
        return Zd, Xs, ys, prob.panel[d_idx], np.ones(len(d_idx), bool), band(Zd), d_idx, band
    l_idx = _order_rows(prob, prob.level_rows)
    Zl = [_level_gmm_columns(g, prob, l_idx) for g in prob.level_gmm]
    if prob.level_standard is not None and prob.level_standard.size:
        Zl.append(np.nan_to_num(prob.level_standard[l_idx]))
    Zl = np.column_stack(Zl) if Zl else np.zeros((len(l_idx), 0))
    Z = np.block([[Zd, np.zeros((len(d_idx), Zl.shape[1]))], [np.zeros((len(l_idx), Zd.shape[1])), Zl]])
    HZ = np.vstack([np.column_stack([band(Zd), np.zeros((len(d_idx), Zl.shape[1]))]),
                    Z[len(d_idx):]])
    X = np.vstack([Xs, prob.X[l_idx]])
    y = np.concatenate([ys, prob.y[l_idx]])
    is_diff = np.concatenate([np.ones(len(d_idx), bool), np.zeros(len(l_idx), bool)])
    return Z, X, y, np.concatenate([prob.panel[d_idx], prob.panel[l_idx]]), is_diff, HZ, \
        np.concatenate([d_idx, l_idx]), band


def panel_sums(M, codes, G):
    out = np.zeros((G, M.shape[1]))
    np.add.at(out, codes, M)
    return out


def fit_dpd(prob: DpdProblem, *, twostep: bool, robust: bool, artests: int) -> DpdFit:
    """The GMM fit; r(504) when its cross-products go past the largest double (values near
    1e307: Stata's matrices would hold missing values).  BLAS on c(processors) threads (one
    unless asked), as the other engines: its QR and SVDs are many times slower when OpenBLAS's
    threads contend for a busy machine's cores."""
    from mlmcli.mixed.blas_threads import single_threaded_blas

    with np.errstate(over="ignore", invalid="ignore"), single_threaded_blas():
        try:
            scaled, grand, scale, constant = _centred_problem(prob)
            fit = _fit_dpd(scaled, twostep=twostep, robust=robust, artests=artests)
            fit = _restored(fit, prob, grand, scale, constant)
        except np.linalg.LinAlgError:
            fit = None
    if fit is None or not (np.isfinite(fit.b).all() and np.isfinite(fit.V).all()):
        raise StataError("matrix has missing values", 504)
    return fit


def _centred_problem(prob: DpdProblem):
    """The problem with the regressors' levels centred (when the constant is X's last column:
    1 in levels, 0 differenced) and every column scaled by a power of two: x b + c = (x - xbar) b
    + (c + xbar b) exactly, the differences unchanged.  A regressor near 1e9 beside the
    constant made X'Z A Z'X singular to pinv's tolerance (every b near 0)."""
    from dataclasses import replace

    from mlmcli.panel.centred_fit import unit_column_scales

    X, dX = np.asarray(prob.X, float), np.asarray(prob.dX, float)
    k = X.shape[1]
    last_x, last_d = X[:, -1] if k else None, dX[:, -1] if k else None
    constant = bool(k and np.all((last_x == 1) | np.isnan(last_x)) and np.all((last_d == 0) | np.isnan(last_d)))
    kx = k - 1 if constant else k
    grand = np.zeros(kx)
    if constant and kx:
        grand = np.nanmean(X[:, :kx], axis=0)
        grand = np.where(np.isfinite(grand), grand, 0.0)
        X = np.column_stack([X[:, :kx] - grand, X[:, kx:]])
    scale = unit_column_scales(np.nan_to_num(np.vstack([X, dX]), nan=0.0, posinf=0.0, neginf=0.0))
    if constant:
        scale[-1] = 1.0
    if not constant and np.all(scale == 1.0):
        return prob, grand, scale, constant
    return replace(prob, X=X * scale, dX=dX * scale), grand, scale, constant


def _restored(fit: DpdFit, prob: DpdProblem, grand, scale, constant) -> DpdFit:
    """``fit`` of ``_centred_problem``'s problem in the original parameters."""
    from dataclasses import replace

    from mlmcli.panel.centred_fit import shift_constant

    def back(b, V):
        b, V = b * scale, V * scale[:, None] * scale[None, :]
        return shift_constant(b, V, grand) if constant else (b, V)

    b, V = back(fit.b, fit.V)
    _, V_conv = back(fit.b, fit.V_conventional)
    resid = np.full(len(prob.y), np.nan)
    resid_all = prob.y - prob.X @ b
    resid[np.isfinite(resid_all)] = resid_all[np.isfinite(resid_all)]
    return replace(fit, b=b, V=V, V_conventional=V_conv, residuals=resid)


def _finite(*matrices) -> None:
    if not all(np.isfinite(M).all() for M in matrices):
        raise StataError("matrix has missing values", 504)


def _fit_dpd(prob: DpdProblem, *, twostep: bool, robust: bool, artests: int) -> DpdFit:
    Z, X, y, pan, is_diff, HZ, data_idx, band = _stack(prob)
    codes = np.unique(pan, return_inverse=True)[1].ravel()
    G = int(codes.max()) + 1
    ZX, Zy = Z.T @ X, Z.T @ y
    _finite(Z, HZ, ZX, Zy)  # before LAPACK sees them (it prints its own complaint about inf)
    A1, zrank = gram_pinv(Z, HZ)

    def solve(A):
        M = ZX.T @ A @ ZX
        _finite(M)
        Minv = np.linalg.pinv(M)
        return Minv @ (ZX.T @ A @ Zy), Minv

    b1, B1 = solve(A1)
    e1 = y - X @ b1
    k = int(np.linalg.matrix_rank(B1))
    n_d = int(is_diff.sum())
    if n_d <= k:  # no residual degrees of freedom for sigma^2 (mlm's rule: Stata's r(2001))
        raise StataError("insufficient observations", 2001)
    s2 = float(e1[is_diff] @ e1[is_diff]) / (n_d - k) / 2.0
    g1 = panel_sums(Z * e1[:, None], codes, G)
    gA = g1 @ (A1 @ ZX)  # V1r = B1 X'Z A1 (g1'g1) A1 Z'X B1 without the L x L product
    V1r = B1 @ (gA.T @ gA) @ B1
    warn = False
    if not twostep:
        b, e, A, Bm = b1, e1, A1, B1
        V_conv = s2 * B1
        V = V1r if robust else V_conv
        Ze = Z.T @ e1
        sargan = float(Ze @ A1 @ Ze) / s2 if s2 > 0 else float("nan")  # a perfect fit: Stata's 0/0
    else:
        _finite(g1)
        A2, _ = gram_pinv(g1, g1)
        b, Bm = solve(A2)
        warn = int(np.linalg.matrix_rank(Bm)) < k  # Stata: the two-step VCE is not full rank
        e, A = y - X @ b, A2
        V_conv = Bm
        V = V_conv
        if robust:
            V = windmeijer_variance(Z, X, e1, e, codes, G, A2, Bm, ZX, V1r)
        Ze = Z.T @ e
        sargan = float(Ze @ A2 @ Ze)
    rss = float(e[is_diff] @ e[is_diff])
    arm = tuple(_ar_test(j, prob, Z, X, e, is_diff, data_idx, codes, G, A, Bm, V, HZ, band,
                         s2 if not (twostep or robust) else None) for j in range(1, artests + 1))
    resid = np.full(len(prob.y), np.nan)
    resid_all = prob.y - prob.X @ b
    resid[np.isfinite(resid_all)] = resid_all[np.isfinite(resid_all)]
    n_level = int(prob.level_rows.sum()) if prob.level_rows is not None else 0
    return DpdFit(b, V, V_conv, s2, rss, zrank, sargan, arm, n_d, n_level, resid, warn)


class FactoredSymmetric:
    """Q P Q' (Q with orthonormal columns) kept factored: ``A @ M`` and ``M @ A`` multiply
    through the factors, never forming the L x L matrix."""

    __array_ufunc__ = None  # ndarray @ A defers to __rmatmul__

    def __init__(self, Q: np.ndarray, P: np.ndarray):
        self.Q, self.P = Q, P

    def __matmul__(self, M):
        return self.Q @ (self.P @ (self.Q.T @ M))

    def __rmatmul__(self, M):
        return ((M @ self.Q) @ self.P) @ self.Q.T


def gram_pinv(Z: np.ndarray, HZ: np.ndarray):
    """(pinv(Z'HZ), rank(Z'HZ)) as numpy's pinv and matrix_rank give them, for H symmetric.
    With more instruments than rows (L > n: every lag of many predetermined variables) the
    L x L SVDs took minutes: then Z' = Q R (thin QR, Q'Q = I, span(Q) holds Z'HZ's rows and
    columns), Z'HZ = Q M Q' with M = R (HZ Q) holding the same nonzero singular values, so
    pinv(Z'HZ) = Q pinv(M) Q' (kept factored) and the rank is M's at Z'HZ's tolerance
    (largest singular value x L x eps)."""
    n, L = Z.shape
    if L <= n:
        A = Z.T @ HZ
        _finite(A)
        return np.linalg.pinv(A), int(np.linalg.matrix_rank(A))
    Q, R = np.linalg.qr(Z.T)
    M = R @ (HZ @ Q)
    M = (M + M.T) / 2.0
    _finite(M)
    sv = np.linalg.svd(M, compute_uv=False)
    rank = int(np.sum(sv > sv.max(initial=0.0) * L * np.finfo(float).eps))
    return FactoredSymmetric(Q, np.linalg.pinv(M)), rank


def windmeijer_variance(Z, X, e1, e2, codes, G, A2, B2, ZX, V1r) -> np.ndarray:
    """Windmeijer's (2005) finite-sample corrected two-step variance."""
    k = X.shape[1]
    ge = panel_sums(Z * e1[:, None], codes, G)  # per panel Z_i'e1_i
    Ze2 = Z.T @ e2
    D = np.zeros((k, k))
    base = B2 @ ZX.T @ A2
    w = A2 @ Ze2
    for j in range(k):
        gx = panel_sums(Z * X[:, [j]], codes, G)  # Z_i'x_ij
        dOmega = -(gx.T @ ge + ge.T @ gx)
        D[:, j] = -base @ dOmega @ w
    return B2 + D @ B2 + B2 @ D.T + D @ V1r @ D.T


def _ar_test(order, prob, Z, X, e, is_diff, data_idx, codes, G, A, Bm, V, HZ, band, s2) -> float:
    """Arellano-Bond's m_order on the difference residuals (0 for a lag that is not there)."""
    n = len(e)
    d_rows = data_idx[is_diff]
    d_mask = np.zeros(len(prob.y), bool)
    d_mask[d_rows] = True
    src = shift_index(prob.panel, prob.time, d_mask, order)[d_rows]
    pos = np.full(len(prob.y), -1)
    pos[d_rows] = np.arange(len(d_rows))
    u = e[is_diff]
    w_d = np.where(src >= 0, u[pos[np.maximum(src, 0)]], 0.0)
    w = np.zeros(n)
    w[is_diff] = w_d
    uw = np.zeros(G)
    np.add.at(uw, codes, e * w)  # sum over the panel's difference rows (w is 0 on level rows)
    num = float(uw.sum())
    wX = w @ X
    if s2 is None:  # residual-based: Omega_i = e_i e_i'
        d0 = float(uw @ uw)
        Zow = (panel_sums(Z * e[:, None], codes, G) * uw[:, None]).sum(axis=0)
    else:  # one-step conventional: Omega_i = s2 H_i
        Hw = np.zeros(n)
        Hw[is_diff] = band(w_d[:, None])[:, 0]
        d0 = s2 * float(w @ Hw)
        Zow = s2 * (HZ.T @ w)
    ZX = Z.T @ X
    d = d0 - 2.0 * float(wX @ Bm @ ZX.T @ A @ Zow) + float(wX @ V @ wX)
    return num / np.sqrt(d) if d > 0 else float("nan")
