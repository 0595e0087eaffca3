"""Roodman's xtabond2 (difference and system GMM) on the stacked system of
``mlmcli.panel.dynamic_gmm``: its own instrument layout and tests.

Where xtabond2 differs from xtdpd (Roodman 2009, "How to do xtabond2", Stata Journal 9(1)):

- instrument columns may span both equations: an iv() variable with equation(both) is ONE
  column, D.x on the difference rows and x on the level rows; gmm() blocks are per equation
  (levels of v lagged a..b per period in differences, L(a-1)D.v per period in levels),
  ``collapse`` one column per lag;
- the one-step weight of a system is (Z'HZ)^-1 with H's cross blocks filled (eq. 26: the
  covariance of D.v_t with v_t is 1, with v_(t-1) -1), the default h(3);
- Sargan = (Z'e)'(Z'HZ)^-1(Z'e)/s2 with the one-step residuals and s2 = e_d'e_d/(2 N_d), N_d
  the difference rows (no degrees-of-freedom correction: the paper's printed 67.59 = xtabond's
  65.82 x 611/595; Stata 18's xtabond2 divides by N_d in systems too, where the 2009 paper's
  version divided by e(N), the level rows: its 186.90);
  Hansen = the two-step criterion (Z'e2)' S^-1 (Z'e2), S = sum_i Z_i'e1_i e1_i'Z_i, after
  one-step fits too;
- difference-in-Hansen: the two-step criterion without a subset of the instruments, its
  weight the matching block of the full S (skipped when that model is not overidentified),
  and its difference from the full Hansen;
- small: robust/corrected V times (N-c)/(N-c-(k-1)) G/(G-1), c = 1 with a constant (fitted to
  the paper's printed standard errors: 611/596 x 140/139 in differences, 890/878 x 140/139 in
  the system); the AR tests use the unscaled V;
  the one-step conventional V = s2 (X'Z A1 Z'X)^-1, small N/(N-k) (decided without evidence).
Every printed number of the paper's three abdata examples (one-step difference, its `small`
variant, one-step system) and of a published two-step difference log is reproduced by
tests/test_xtabond2_engine.py.
The engine never prints.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import sparse

from mlmcli.panel.dynamic_gmm import panel_sums, shift_index, windmeijer_variance


@dataclass(frozen=True)
class InstrumentBlock:
    """Columns of Z: ``diff`` values on the difference rows, ``level`` on the level rows
    (rows x m each, every data row; None: 0 in that equation)."""

    diff: np.ndarray | None
    level: np.ndarray | None


@dataclass(frozen=True)
class Xtabond2Problem:
    panel: np.ndarray
    time: np.ndarray
    y: np.ndarray
    X: np.ndarray  # levels (the constant's column 1 when the model has one)
    dy: np.ndarray
    dX: np.ndarray
    diff_rows: np.ndarray
    level_rows: np.ndarray | None
    blocks: tuple[InstrumentBlock, ...]
    groups: tuple[tuple[str, tuple[int, ...]], ...]  # difference-in-Hansen: label, block indexes
    h: int = 3  # the one-step weight: 1 identity, 2 no difference-level blocks, 3 full (eq. 26)
    # orthogonal (difference GMM): dy/dX hold forward orthogonal deviations (stored one row
    # late, as xtabond2); the AR tests run on the first differences ar_dy/ar_dX over ar_rows
    orthogonal: bool = False
    ar_dy: np.ndarray | None = None
    ar_dX: np.ndarray | None = None
    ar_rows: np.ndarray | None = None


@dataclass(frozen=True)
class HansenSubset:
    label: str
    df_excl: int
    chi2_excl: float
    df_diff: int
    chi2_diff: float


@dataclass(frozen=True)
class Xtabond2Fit:
    b: np.ndarray
    V: np.ndarray
    n_instruments: int
    sargan: float
    hansen: float
    df_overid: int
    arm: tuple[float, ...]
    n_diff: int
    n_level: int
    subsets: tuple[HansenSubset, ...]
    singular_weight: bool  # the two-step (or Hansen) weight needed a generalised inverse
    sig2: float  # e(sig2): the final residuals' e_d'e_d / (2N)


@dataclass
class _Stacked:
    Z: np.ndarray
    X: np.ndarray
    y: np.ndarray
    codes: np.ndarray
    is_diff: np.ndarray
    H: sparse.csr_matrix
    data_idx: np.ndarray
    block_cols: list
    raw_columns: int  # before all-zero columns are dropped


def _order(prob, mask):
    idx = np.flatnonzero(mask)
    return idx[np.lexsort((prob.time[idx], prob.panel[idx]))]


def stack(prob: Xtabond2Problem) -> _Stacked:
    d_idx = _order(prob, prob.diff_rows)
    l_idx = _order(prob, prob.level_rows) if prob.level_rows is not None else np.zeros(0, int)
    nd, nl = len(d_idx), len(l_idx)
    cols, block_cols = [], []
    start = raw = 0
    for blk in prob.blocks:
        m = (blk.diff if blk.diff is not None else blk.level).shape[1]
        top = np.nan_to_num(blk.diff[d_idx]) if blk.diff is not None else np.zeros((nd, m))
        bottom = np.nan_to_num(blk.level[l_idx]) if blk.level is not None else np.zeros((nl, m))
        part = np.vstack([top, bottom])
        raw += m
        keep = np.flatnonzero(np.any(part != 0, axis=0))  # all-zero columns are no instruments
        cols.append(part[:, keep])
        block_cols.append(list(range(start, start + len(keep))))
        start += len(keep)
    Z = np.column_stack(cols) if cols else np.zeros((nd + nl, 0))
    X = np.vstack([prob.dX[d_idx], prob.X[l_idx]])
    y = np.concatenate([prob.dy[d_idx], prob.y[l_idx]])
    data_idx = np.concatenate([d_idx, l_idx])
    codes = np.unique(prob.panel[data_idx], return_inverse=True)[1].ravel()
    is_diff = np.arange(nd + nl) < nd
    return _Stacked(Z, X, y, codes, is_diff, _weight_h(prob, d_idx, l_idx), data_idx, block_cols, raw)


def _weight_h(prob, d_idx, l_idx) -> sparse.csr_matrix:
    """H (eq. 23 and 26): 2 / -1 over consecutive difference rows, I over the level rows,
    Cov(D.v_t, v_t) = 1 and Cov(D.v_t, v_(t-1)) = -1 between them (h(3)); h(2) without those
    cross blocks (DPD for Ox, xtdpdsys), h(1) the identity."""
    nd, nl = len(d_idx), len(l_idx)
    if prob.h == 1:
        return sparse.identity(nd + nl, format="csr")
    key_d = {(p, t): i for i, (p, t) in enumerate(zip(prob.panel[d_idx].tolist(), prob.time[d_idx].tolist()))}
    key_l = {(p, t): nd + i for i, (p, t) in enumerate(zip(prob.panel[l_idx].tolist(), prob.time[l_idx].tolist()))}
    entries = []  # (row, column, value), both triangles

    def pair(i, j, val):
        entries.extend([(i, j, val), (j, i, val)])

    if prob.orthogonal:  # deviations of i.i.d. errors are i.i.d.: I (difference GMM only)
        return sparse.identity(nd + nl, format="csr")
    for (p, t), i in key_d.items():
        entries.append((i, i, 2.0))
        j = key_d.get((p, t - 1))
        if j is not None:
            pair(i, j, -1.0)
        for s, val in (((t, 1.0), (t - 1, -1.0)) if prob.h == 3 else ()):
            j = key_l.get((p, s))
            if j is not None:
                pair(i, j, val)
    entries += [(i, i, 1.0) for i in key_l.values()]
    r, c, v = zip(*entries) if entries else ((), (), ())
    return sparse.csr_matrix((v, (r, c)), shape=(nd + nl, nd + nl))


def forward_deviations(values: np.ndarray, panel: np.ndarray, time: np.ndarray, rows: np.ndarray):
    """Forward orthogonal deviations sqrt(n/(n+1)) (x_t - mean of the n later rows of ``rows``),
    stored on the panel's next row of ``rows`` (xtabond2 stores them one period late, so the
    instruments' lags read as in differences)."""
    out = np.full(len(values), np.nan)
    idx = np.flatnonzero(rows)
    idx = idx[np.lexsort((time[idx], panel[idx]))]
    starts = np.flatnonzero(np.r_[True, panel[idx][1:] != panel[idx][:-1], True])
    for a, z in zip(starts[:-1], starts[1:]):
        ii = idx[a:z]
        v = values[ii]
        tail = np.cumsum(v[::-1])[::-1]  # sums of the rows from each one on
        for m in range(len(ii) - 1):
            n = len(ii) - m - 1
            out[ii[m + 1]] = np.sqrt(n / (n + 1.0)) * (v[m] - tail[m + 1] / n)
    return out


def _gmm(Z, X, y, A):
    ZX, Zy = Z.T @ X, Z.T @ y
    B = np.linalg.pinv(ZX.T @ A @ ZX)
    return B @ (ZX.T @ A @ Zy), B


def _two_step_j(Z, X, y, H, codes, G) -> float:
    _, e2, A2, *_ = _estimate(Z, X, y, H, codes, G, True)
    Ze = Z.T @ e2
    return float(Ze @ A2 @ Ze)


def _estimate(Z, X, y, H, codes, G, twostep):
    """(b, e, A of the final step, B, one-step residuals, A1, S1, singular)."""
    A1 = np.linalg.pinv(Z.T @ (H @ Z))
    b1, B1 = _gmm(Z, X, y, A1)
    e1 = y - X @ b1
    g1 = panel_sums(Z * e1[:, None], codes, G)
    S1 = g1.T @ g1
    singular = np.linalg.matrix_rank(S1) < S1.shape[0]
    if not twostep:
        return b1, e1, A1, B1, e1, A1, S1, singular
    A2 = np.linalg.pinv(S1)
    b2, B2 = _gmm(Z, X, y, A2)
    return b2, y - X @ b2, A2, B2, e1, A1, S1, singular


def fit_xtabond2(prob: Xtabond2Problem, *, twostep: bool, robust: bool, small: bool, artests: int,
                 diffsargan: bool, constant: bool) -> Xtabond2Fit:
    st = stack(prob)
    Z, X, y, H, codes = st.Z, st.X, st.y, st.H, st.codes
    G = int(codes.max()) + 1
    b, e, A, Bm, e1, A1, S1, _ = _estimate(Z, X, y, H, codes, G, twostep)
    # xtabond2 warns when the moments' covariance over all the columns it built (all-zero ones
    # too) is singular: the paper's examples and published logs warn whenever columns are zero
    singular = int(np.linalg.matrix_rank(S1)) < st.raw_columns
    k = int(np.linalg.matrix_rank(Bm))
    n_d = int(st.is_diff.sum())
    n_obs = int(prob.level_rows.sum()) if prob.level_rows is not None else n_d  # e(N)
    ed = e1[st.is_diff]
    halves = 1.0 if prob.orthogonal else 2.0  # Var(D.e) = 2 s2, Var(fod e) = s2
    s2 = float(ed @ ed) / (halves * n_d)
    ZX = Z.T @ X
    B1 = np.linalg.pinv(ZX.T @ A1 @ ZX)
    V1r = B1 @ ZX.T @ A1 @ S1 @ A1 @ ZX @ B1
    if twostep:
        V = windmeijer_variance(Z, X, e1, e, codes, G, A, Bm, ZX, V1r) if robust else Bm
    else:
        V = V1r if robust else s2 * B1
    Ze = Z.T @ e
    Ze1 = Z.T @ e1
    sargan = float(Ze1 @ A1 @ Ze1) / s2  # one-step residuals, after two-step fits too
    # Hansen: the two-step criterion at the two-step estimate, after one-step fits too
    hansen = _two_step_j(Z, X, y, H, codes, G)
    zrank = int(np.linalg.matrix_rank(Z))
    arm = tuple(_ar_test(j, prob, st, b, e, A, Bm, V, None if (twostep or robust) else s2, G)
                for j in range(1, artests + 1))
    if small:  # after the AR tests, which use the unscaled V (the paper's printed z's)
        c = 1 if constant else 0
        V = V * ((n_obs - c) / (n_obs - c - (k - 1)) * G / (G - 1) if (robust or twostep)
                 else n_obs / (n_obs - k))
    subsets = []
    if diffsargan:
        for label, blocks in prob.groups:
            drop = sorted(c for bi in blocks for c in st.block_cols[bi])
            keep = np.setdiff1d(np.arange(Z.shape[1]), drop)
            Zr = Z[:, keep]
            r_rank = int(np.linalg.matrix_rank(Zr))
            if r_rank <= k or not drop:
                continue  # the model without the group is not overidentified: no test
            Ar = np.linalg.pinv(S1[np.ix_(keep, keep)])
            br, _ = _gmm(Zr, X, y, Ar)
            Zer = Zr.T @ (y - X @ br)
            j_excl = float(Zer @ Ar @ Zer)
            subsets.append(HansenSubset(label, r_rank - k, j_excl, zrank - r_rank, hansen - j_excl))
    n_level = int(prob.level_rows.sum()) if prob.level_rows is not None else 0
    e_d = e[st.is_diff]
    return Xtabond2Fit(b, V, zrank, sargan, hansen, zrank - k, arm, n_d, n_level, tuple(subsets), singular,
                       float(e_d @ e_d) / (halves * n_d))


def _ar_test(order, prob, st, b, e, A, Bm, V, s2, G) -> float:
    """Arellano-Bond's z for order ``order`` on the first-differenced residuals (after
    orthogonal deviations too), Roodman (2009) section 3.5: the level rows' residuals zeroed."""
    if prob.orthogonal:
        rows = np.flatnonzero(prob.ar_rows)
        u_all = prob.ar_dy - prob.ar_dX @ b
        UX = prob.ar_dX[rows]
    else:
        rows = st.data_idx[st.is_diff]
        u_all = np.full(len(prob.y), np.nan)
        u_all[rows] = e[st.is_diff]
        UX = st.X[st.is_diff]
    mask = np.zeros(len(prob.y), bool)
    mask[rows] = True
    src = shift_index(prob.panel, prob.time, mask, order)[rows]
    u = u_all[rows]
    w = np.where(src >= 0, u_all[np.maximum(src, 0)], 0.0)
    codes_u = np.searchsorted(np.unique(prob.panel[st.data_idx]), prob.panel[rows])
    uw = np.zeros(G)
    np.add.at(uw, codes_u, u * w)
    num = float(uw.sum())
    Z, X = st.Z, st.X
    wX = w @ UX
    if s2 is None:
        d0 = float(uw @ uw)
        Zow = (panel_sums(Z * e[:, None], st.codes, G) * uw[:, None]).sum(axis=0)
    else:
        w_st = np.zeros(len(e))
        w_st[st.is_diff] = w
        Hw = st.H @ w_st
        d0 = s2 * float(w_st @ Hw)
        Zow = s2 * (Z.T @ Hw)
    d = d0 - 2.0 * float(wX @ Bm @ (Z.T @ X).T @ A @ Zow) + float(wX @ V @ wX)
    return num / np.sqrt(d) if d > 0 else float("nan")
