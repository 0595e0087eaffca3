"""The profiled (RE)ML deviance of a linear mixed model (Bates et al. 2015, sec. 3).

With b = Lambda u, u ~ N(0, sigma^2 I) and the sparse Cholesky factor

    L L' = Lambda' Z'WZ Lambda + I,

eliminating u from the cross-products of (X, y) leaves the (p+1) x (p+1)
matrix M~ = [X y]'W[X y] - R'R with R = L^-1 Lambda' Z'W[X y].  Write
M~ = [[A, c], [c', d]]; then  A = R_X R_X',  beta^ = A^-1 c,
r^2 = d - c' beta^  (the penalised weighted residual sum of squares), and

    -2 l_ML(theta)   = log|L|^2 + n (1 + log(2 pi r^2 / n))
    -2 l_REML(theta) = log|L|^2 + log|R_X|^2 + (n-p) (1 + log(2 pi r^2 / (n-p)))

with sigma^2 = r^2/n (ML) or r^2/(n-p) (REML).  Unprofiled, at any beta and sigma:

    -2 l_ML(beta, sigma)  = n log(2 pi sigma^2) + log|L|^2 + v'M~v / sigma^2,  v = (-beta, 1)
    -2 l_REML(sigma)      = (n-p) log(2 pi sigma^2) + log|L|^2 + log|R_X|^2 + r^2 / sigma^2.

For nested terms, L is built level by level from the per-group statistics of
``NestedStatistics``: for each group of the lowest term, with its rows of
the cross-product partitioned into its own q columns (1) and the rest (2),
L_g = chol(Lambda' M11 Lambda + I), R_g = L_g^-1 Lambda' M12; the Schur
complement rows M22 - R_g'R_g are summed into the parent group, the (X, y)
part R_g,X'R_g,X is subtracted from the global [X y]'W[X y], and log|L|^2
accumulates 2 sum log diag L_g.  A group weight f multiplies the group's
contribution (cumulatively over its ancestors).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import small_blocks as sb
from .nested_statistics import NestedStatistics

LOG2PI = np.log(2 * np.pi)


@dataclass
class Reduction:
    """What is left after eliminating the random effects at one theta.

    ``logdet``: log|L|^2; ``M``: M~ ((p+1) x (p+1)); ``n``: weighted N.
    ``top_logdet``/``top_M``/``top_n``: the same per highest-level group
    (nested path only, ``top_M`` group axis last; None otherwise), for per-cluster scores.
    """

    logdet: float
    M: np.ndarray
    n: float
    top_logdet: np.ndarray | None = None
    top_M: np.ndarray | None = None
    top_n: np.ndarray | None = None


@dataclass
class LevelTape:
    """One level's elimination, kept for the adjoint (``nested_adjoint``); group axis
    last (``small_blocks``).

    ``cur``: (d, d + r, G) input rows; ``P`` = L_g^-1 Lambda' (q, q, G);
    ``R`` = P D (q, d - q + r, G)."""

    cur: np.ndarray
    P: np.ndarray
    R: np.ndarray


def eliminate_level(cur: np.ndarray, lam: np.ndarray, tape: list | None = None):
    """Eliminate one term's q random effects from per-group row blocks.

    cur: (d, d + r, G): the rows of the d remaining random-effects columns
    (the term's own q first) against those columns and (X, y).  With
    L_g = chol(Lambda' cur11 Lambda + I) and R_g = L_g^-1 Lambda' cur[:q, q:],
    returns the Schur complement rows (d-q, d-q+r, G), R_g's (X, y) part
    (q, r, G) and log|L_g|^2 per group.  With ``tape`` (a list), appends the
    LevelTape the adjoint needs.
    """
    q = lam.shape[0]
    d = cur.shape[0]
    D = cur[:q, q:]
    if q == 1:
        a = lam[0, 0] ** 2 * cur[0, 0] + 1.0
        P = (lam[0, 0] / np.sqrt(a))[None, None, :]
        R = P * D
        ld = np.log(a)
    else:
        A = sb.rmul(sb.lmul(lam.T, cur[:q, :q]), lam)
        for i in range(q):
            A[i, i] += 1.0
        L = sb.cholesky(A)
        ld = 2 * np.log(L[0, 0])
        for i in range(1, q):
            ld += 2 * np.log(L[i, i])
        P = sb.rmul(sb.tri_inverse(L), lam.T)
        R = sb.bmm(P, D)
    if tape is not None:
        tape.append(LevelTape(cur, P, R))
    m = d - q
    new = cur[q:, q:] - sb.btmm(R[:, :m], R) if m else cur[q:, q:]
    return new, R[:, m:], ld


GROUP_CHUNK = 32768  # groups per pass where the work is group by group (bounded temporaries)


def eliminate_outermost(cur: np.ndarray, lam: np.ndarray, tape: list | None = None):
    """``eliminate_level`` for the outermost term (no columns left after it), by chunks of
    groups: the same numbers, with temporaries of a chunk's size."""
    q, G = lam.shape[0], cur.shape[2]
    if G <= GROUP_CHUNK or cur.shape[0] != q:
        return eliminate_level(cur, lam, tape)
    r = cur.shape[1] - q
    P, R, ld = np.empty((q, q, G)), np.empty((q, r, G)), np.empty(G)
    for s in range(0, G, GROUP_CHUNK):
        e = min(G, s + GROUP_CHUNK)
        part: list = []
        _, R[:, :, s:e], ld[s:e] = eliminate_level(cur[:, :, s:e], lam, part)
        P[:, :, s:e] = part[0].P
    if tape is not None:
        tape.append(LevelTape(cur, P, R))
    return cur[q:, q:], R, ld


def reduce_nested(stats: NestedStatistics, lambdas: list[np.ndarray],
                  keep_top: bool = False, tape: list | None = None) -> Reduction:
    """Eliminate all random effects of a nested model (innermost term first).

    With ``tape``, the per-level LevelTapes are appended (innermost first)."""
    cur = stats.zrows
    M = stats.xx.copy()
    r = M.shape[0]
    logdet = 0.0
    top = keep_top and stats.top_xx is not None
    if top:
        top_M, top_ld = stats.top_xx.copy(), np.zeros(stats.top_groups)
    for k in range(len(lambdas) - 1, -1, -1):
        if k == 0:
            cur, RX, ld = eliminate_outermost(cur, lambdas[k], tape)
        else:
            cur, RX, ld = eliminate_level(cur, lambdas[k], tape)
        cw = stats.cumulative[k]
        RXs = RX if cw is None else RX * np.sqrt(cw)
        M -= sb.sum_inner(RXs, RXs)
        logdet += float(ld.sum() if cw is None else cw @ ld)
        if top:
            top_M -= sb.parent_sum(sb.btmm(RXs, RXs), stats.to_top[k], stats.top_groups)
            top_ld += np.bincount(stats.to_top[k], weights=ld if cw is None else cw * ld,
                                  minlength=stats.top_groups)
        f = stats.group_weights[k]
        if f is not None:
            cur = cur * f
        if k > 0:
            cur = sb.parent_sum(cur, stats.parents[k], stats.n_groups[k - 1])
    red = Reduction(logdet, M, stats.n)
    if top:
        red.top_logdet, red.top_M, red.top_n = top_ld, top_M, stats.top_n
    return red


def nested_adjoint(stats: NestedStatistics, tape: list[LevelTape], M_bar: np.ndarray,
                   ld_bar: float) -> list[np.ndarray]:
    """d f / d S_k for every term (outermost first), S_k = Lambda_k Lambda_k' (relative
    covariance), of f = ld_bar log|L|^2 + tr(M_bar M~) -- reverse mode through
    ``reduce_nested`` (``tape`` from the same theta).

    Per group of one level, with cur = [[C, D], [D', E]], T = Lambda A^-1 Lambda'
    = P'P, the elimination is E~ = E - D'TD and log|I + S C|; for the adjoint E^
    of E~ (the parent's adjoint of its row block, or w M_bar for the (X, y)
    block, w = the group's cumulative weight):
        S^ += w (C - CTC) - W E^ W',   W = D - C T D  (= (I - CT) D),
        C^  = w T + T D E^ D' T,       D^ = -2 T D E^,
    and the adjoint of cur, [[C^, D^/2], [D^'/2, E^]], times the group's own
    weight is E^ of each of its children.
    """
    K = len(tape)
    out: list[np.ndarray] = [None] * K  # type: ignore[list-item]
    parent_bar = None
    # tape is innermost first; walk it outermost first
    for j in range(K - 1, -1, -1):
        k = K - 1 - j  # term index, outermost = 0
        lv = tape[j]
        cur, P, R = lv.cur, lv.P, lv.R
        if j == 0 and parent_bar is None:  # a single level: its Sbar alone, by chunks
            out[k] = _outermost_only_adjoint(lv, stats.cumulative[k], M_bar, ld_bar)
            break
        d, G = cur.shape[0], cur.shape[2]
        q = P.shape[0]
        cw = stats.cumulative[k]
        C = cur[:q, :q]
        D = cur[:q, q:]
        T = sb.btmm(P, P)
        TD = sb.btmm(P, R)
        W = sb.bmm(C, TD)
        np.subtract(D, W, out=W)
        inner = j > 0  # the adjoint must go on to an inner level
        # sum_g w_g (C - C T C)_g: the difference per group first (it cancels near the
        # optimum; summed separately the rounding shows in the SE Hessian)
        CTC = sb.bmm(sb.bmm(C, T), C)
        np.subtract(C, CTC, out=CTC)
        Sbar = ld_bar * (sb.group_sum(CTC) if cw is None else CTC @ cw)
        del CTC
        if parent_bar is None:  # outermost level: E^ = w M_bar
            WE = sb.rmul(W, M_bar)
            if cw is not None:
                WE *= cw
            Sbar -= sb.sum_outer(WE, W)
            del WE
            TDE = None
            if inner:
                TDE = sb.rmul(TD, M_bar)
                if cw is not None:
                    TDE *= cw
        else:
            par = stats.parents[k]
            f = stats.group_weights[k]
            Ebar = parent_bar[:, :, par] if f is None else parent_bar[:, :, par] * f
            Sbar -= sb.sum_outer(sb.bmm(W, Ebar), W)
            TDE = sb.bmm(TD, Ebar) if inner else None
        del W
        out[k] = 0.5 * (Sbar + Sbar.T)
        if not inner:
            break
        Cbar = sb.bmm(TDE, sb.transpose(TD))
        Cbar += ld_bar * (T if cw is None else T * cw)
        dr = d - q + M_bar.shape[0]
        Pbar = np.empty((q + dr, q + dr, G))
        Pbar[:q, :q] = Cbar
        Pbar[:q, q:] = -TDE
        Pbar[q:, :q] = -sb.transpose(TDE)
        if parent_bar is None:
            Pbar[q:, q:] = M_bar[:, :, None] if cw is None else M_bar[:, :, None] * cw
        else:
            Pbar[q:, q:] = Ebar
        parent_bar = Pbar
    return out


def _outermost_only_adjoint(lv: LevelTape, cw: np.ndarray | None, M_bar: np.ndarray,
                            ld_bar: float) -> np.ndarray:
    """S^ of a model with one level (``nested_adjoint``'s formulas with E^ = w M_bar), by
    chunks of groups."""
    q, G = lv.P.shape[0], lv.P.shape[2]
    Sbar = np.zeros((q, q))
    for s in range(0, G, GROUP_CHUNK):
        e = min(G, s + GROUP_CHUNK)
        C, D = lv.cur[:q, :q, s:e], lv.cur[:q, q:, s:e]
        P, R = lv.P[:, :, s:e], lv.R[:, :, s:e]
        w = None if cw is None else cw[s:e]
        # with PC = P C (C symmetric): C T D = (PC)' R and C T C = (PC)'(PC)
        PC = sb.bmm(P, C)
        W = sb.btmm(PC, R)
        np.subtract(D, W, out=W)
        CTC = sb.btmm(PC, PC)
        np.subtract(C, CTC, out=CTC)  # per group first: it cancels near the optimum
        Sbar += ld_bar * (sb.group_sum(CTC) if w is None else CTC @ w)
        WE = sb.rmul(W, M_bar)
        if w is not None:
            WE *= w
        Sbar -= sb.sum_outer(WE, W)
    return 0.5 * (Sbar + Sbar.T)


@dataclass
class ProfiledFit:
    """beta^, r^2, log|R_X|^2 and the deviance at one theta."""

    beta: np.ndarray
    r2: float
    logdet_RX: float
    deviance: float
    RX: np.ndarray


def profile(red: Reduction, reml: bool) -> ProfiledFit:
    """Closed-form beta^, sigma and the (RE)ML deviance from a Reduction."""
    M = red.M
    p = M.shape[0] - 1
    n = red.n
    if p:
        try:
            RX = np.linalg.cholesky(M[:p, :p])
        except np.linalg.LinAlgError:
            return ProfiledFit(np.full(p, np.nan), np.nan, np.nan, np.inf, np.eye(p))
        c = np.linalg.solve(RX, M[:p, p])
        beta = np.linalg.solve(RX.T, c)
        r2 = M[p, p] - c @ c
        ldrx = 2 * np.log(np.diag(RX)).sum()
    else:
        RX, beta, r2, ldrx = np.zeros((0, 0)), np.zeros(0), M[0, 0], 0.0
    if not r2 > 0:
        return ProfiledFit(beta, r2, ldrx, np.inf, RX)
    if reml:
        dof = n - p
        dev = red.logdet + ldrx + dof * (1 + LOG2PI + np.log(r2 / dof))
    else:
        dev = red.logdet + n * (1 + LOG2PI + np.log(r2 / n))
    return ProfiledFit(beta, r2, ldrx, float(dev), RX)


def sigma2_hat(pf: ProfiledFit, n: float, reml: bool, p: int) -> float:
    return pf.r2 / (n - p if reml else n)


def loglik_at(red: Reduction, beta: np.ndarray, sigma2: float, reml: bool) -> float:
    """Unprofiled (RE)ML log likelihood at (theta of ``red``, beta, sigma^2).

    For REML beta is ignored (it is integrated out)."""
    M = red.M
    p = M.shape[0] - 1
    if reml:
        pf = profile(red, True)
        if not np.isfinite(pf.deviance):
            return -np.inf
        return -0.5 * ((red.n - p) * (LOG2PI + np.log(sigma2)) + red.logdet + pf.logdet_RX
                       + pf.r2 / sigma2)
    v = np.append(-np.asarray(beta, float), 1.0)
    return -0.5 * (red.n * (LOG2PI + np.log(sigma2)) + red.logdet + v @ M @ v / sigma2)


def top_logliks(red: Reduction, beta: np.ndarray, sigma2: float) -> np.ndarray:
    """Per highest-level-group ML log likelihood contributions (they sum to l_ML)."""
    v = np.append(-np.asarray(beta, float), 1.0)
    quad = v @ np.tensordot(v, red.top_M, axes=(0, 0))  # (einsum's three operands: a slow loop)
    return -0.5 * (red.top_n * (LOG2PI + np.log(sigma2)) + red.top_logdet + quad / sigma2)


def _pad_xx_inverse(pf: ProfiledFit) -> np.ndarray:
    """[[A^-1, 0], [0, 0]] with A = R_X R_X' (= d log|A| / d M~)."""
    p = len(pf.beta)
    out = np.zeros((p + 1, p + 1))
    if p:
        Rinv = np.linalg.inv(pf.RX)
        out[:p, :p] = Rinv.T @ Rinv
    return out


def deviance_seeds(pf: ProfiledFit, n: float, reml: bool) -> tuple[np.ndarray, float]:
    """(d dev / d M~, d dev / d log|L|^2) of the profiled deviance (module docstring).

    r^2 is the Schur complement of M~, so d r^2 = v' dM~ v with v = (-beta^, 1);
    d log|R_X|^2 = tr(A^-1 dA)."""
    v = np.append(-pf.beta, 1.0)
    dof = n - len(pf.beta) if reml else n
    M_bar = (dof / pf.r2) * np.outer(v, v)
    if reml:
        M_bar += _pad_xx_inverse(pf)
    return M_bar, 1.0


def loglik_seeds(pf: ProfiledFit, sigma2: float, reml: bool) -> tuple[np.ndarray, float]:
    """(d l / d M~, d l / d log|L|^2) of the (RE)ML log likelihood at sigma^2, beta profiled
    (ML) or integrated out (REML): l = -(log|L|^2 [+ log|R_X|^2] + n' log(2 pi sigma^2)
    + r^2 / sigma^2) / 2."""
    v = np.append(-pf.beta, 1.0)
    M_bar = (-0.5 / sigma2) * np.outer(v, v)
    if reml:
        M_bar -= 0.5 * _pad_xx_inverse(pf)
    return M_bar, -0.5
