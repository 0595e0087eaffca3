"""Working correlation structures of ``xtgee`` ([XT] xtgee, Methods and formulas), estimated
from the Pearson residuals r_it of the current fit, panel i of n_i observations at time
positions t (0, 1, ... in steps of the time variable's delta), phi = sum r_it^2 / N:

- independent: R = I;
- exchangeable: alpha = [sum_i sum_{s < t} r_is r_it / (sum_i n_i (n_i - 1)/2 - p under nmp)] / phi
  (xtgee.ado's cF: the pairs' count less nmp * p), with
  xtgee.ado's stops: above 1 (or missing) it stops ("estimates diverging (correlation > 1)"),
  below -1/(T - 1) (R not positive definite) it is reset to 99% of that bound;
- ar g and stationary g: the lag-j autocorrelations
      alpha_j = [sum_i (1/n_i) sum_t r_it r_i,t+j] / [sum_i (1/n_i) sum_t r_it^2],  j = 1..g;
  stationary: R_st = alpha_|s-t| for |s-t| <= g, 0 beyond; ar: the autocorrelations of the
  AR(g) process whose Yule-Walker equations these alphas are (alpha_1..alpha_g themselves up
  to lag g, then rho_k = sum_j a_j rho_{k-j}; AR(1): alpha^|s-t|);
- unstructured: R_st = [sum_{i: s,t observed} r_is r_it / N_st] / phi;
- nonstationary g: unstructured within g lags of the diagonal, 0 beyond;
- fixed: the user's matrix.

Frequency-type weights w_i (constant within panel) weight every panel sum; ``weights`` is
one weight per observation.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import linalg

KINDS = ("exchangeable", "independent", "unstructured", "ar", "stationary", "nonstationary", "fixed")


class CorrelationAboveOne(ArithmeticError):
    """xtgee.ado's stop: the exchangeable alpha above 1, or missing (its phi is N / sum r^2,
    missing on a perfect fit; the pairs' count is 0 when every panel has one observation)."""


@dataclass(frozen=True)
class WorkingCorrelation:
    """``kind`` (one of KINDS); ``order``: g of ar/stationary/nonstationary; ``matrix``: the
    fixed R."""

    kind: str
    order: int = 0
    matrix: np.ndarray | None = None

    @property
    def time_indexed(self) -> bool:
        """Structures whose R is indexed by time position (not by order within panel)."""
        return self.kind not in ("exchangeable", "independent")

    @property
    def label(self) -> str:
        """e(corr) as Stata stores it (``AR1``, ``stationary2``, ...)."""
        if self.kind == "ar":
            return f"AR{self.order}"
        if self.kind in ("stationary", "nonstationary"):
            return f"{self.kind}{self.order}"
        return self.kind

    def estimate(self, r: np.ndarray, starts, ends, pos: np.ndarray, T: int, phi: float,
                 w: np.ndarray | None = None, nmp_p: int = 0) -> tuple[np.ndarray, float | None]:
        """The T x T working correlation matrix R and the alpha an exchangeable alpha below
        -1/(T - 1) was reset to (None when it was not); raises CorrelationAboveOne.
        ``nmp_p``: p under nmp (0 otherwise), taken off the exchangeable pairs' count; the
        unstructured and nonstationary R are divided by the panels (xtgee.ado: phi/nclust),
        with no nmp term of their own (phi, N - p under nmp, carries it)."""
        w = np.ones(len(r)) if w is None else w
        if self.kind == "independent":
            return np.eye(T), None
        if self.kind == "fixed":
            return self.matrix, None
        if self.kind == "exchangeable":
            alpha, reset = _exchangeable_working_alpha(r, starts, ends, w, phi, T, nmp_p)
            return exchangeable_matrix(alpha, T), (alpha if reset else None)
        if self.kind in ("ar", "stationary"):
            alpha = _autocorrelations(r, starts, ends, pos, self.order, w)
            rho = alpha if self.kind == "stationary" else _ar_autocorrelations(alpha, T)
            lags = np.abs(np.subtract.outer(np.arange(T), np.arange(T)))
            full = np.r_[rho, np.zeros(max(T - len(rho), 0))]
            return full[lags], None
        with np.errstate(divide="ignore", invalid="ignore"):  # phi = 0: missing, as the ado's phi/N
            R = _unstructured(r, starts, ends, pos, T, w) / phi if phi > 0 else np.full((T, T), np.nan)
        np.fill_diagonal(R, 1.0)
        if self.kind == "nonstationary":
            R[np.abs(np.subtract.outer(np.arange(T), np.arange(T))) > self.order] = 0.0
        return R, None


def _exchangeable_working_alpha(r, starts, ends, w, phi: float, T: int, nmp_p: int = 0) -> tuple[float, bool]:
    """alpha with xtgee.ado's stops, and whether it was reset: above 1 (missing counts as above
    1 in Stata; 1 to rounding leaves R singular) raises CorrelationAboveOne; below the bound
    -1/(T - 1) it is reset to 99% of the bound (the 2006 FAQ: R not positive definite)."""
    alpha = exchangeable_alpha(r, starts, ends, w, phi, nmp_p)
    if not alpha < 1 - 1e-12:
        raise CorrelationAboveOne(alpha)
    bound = -1 / (T - 1) if T > 1 else float("nan")
    if alpha < bound + 1e-12:
        return 0.99 * bound, True
    return alpha, False


def exchangeable_alpha(r, starts, ends, w, phi: float, nmp_p: int = 0) -> float:
    """alpha with Stata's missing arithmetic (nan): xtgee.ado divides by phi = sum r^2 / N
    (its inverse, N / sum r^2, missing when every residual is 0) and by the number of pairs
    less nmp * p (``nmp_p``; missing when every panel has one observation)."""
    sizes = ends - starts
    terms = np.empty(len(starts))
    for t in np.unique(sizes):  # the panels of one size at a time; the same sums and dots as panel by panel
        idx = np.flatnonzero(sizes == t)
        ri = r[starts[idx][:, None] + np.arange(t)]
        s = ri.sum(axis=1)
        terms[idx] = w[starts[idx]] * (s * s - (ri[:, None, :] @ ri[:, :, None])[:, 0, 0])
    num = pairs = 0.0
    for term, pair in zip(terms.tolist(), (w[starts] * sizes * (sizes - 1)).tolist()):  # in panel order
        num += term
        pairs += pair
    pairs = pairs / 2 - nmp_p  # xtgee.ado's cF = sum_i w_i n_i (n_i - 1)/2 - nmp * p
    if pairs <= 0 or not phi > 0:
        return float("nan")
    return num / 2 / pairs / phi


def exchangeable_matrix(alpha: float, T: int) -> np.ndarray:
    return np.full((T, T), alpha) + (1 - alpha) * np.eye(T)


def _autocorrelations(r, starts, ends, pos, g: int, w) -> np.ndarray:
    """(1, alpha_1, ..., alpha_g): each panel's lag-j products over its n_i, summed."""
    sums = np.zeros(g + 1)
    for a, z in zip(starts, ends):
        ti = pos[a:z] - pos[a]
        series = np.zeros(int(ti.max()) + 1 + g)
        series[ti] = r[a:z]
        n = len(series) - g
        sums += w[a] / (z - a) * np.array([series[:n] @ series[j:j + n] for j in range(g + 1)])
    if sums[0] == 0:  # every residual 0: xtgee.ado leaves the zero lags alone, R = I
        return np.r_[1.0, np.zeros(g)]
    return sums / sums[0]


def _ar_autocorrelations(alpha: np.ndarray, T: int) -> np.ndarray:
    """rho_0..rho_{T-1} of the AR(g) process with autocorrelations alpha up to lag g."""
    g = len(alpha) - 1
    coef = linalg.solve(linalg.toeplitz(alpha[:g]), alpha[1:])
    rho = list(alpha)
    for k in range(g + 1, T):
        rho.append(float(coef @ np.array([rho[k - j] for j in range(1, g + 1)])))
    return np.array(rho[:max(T, 1)])


def _unstructured(r, starts, ends, pos, T, w) -> np.ndarray:
    S = np.zeros((T, T))
    C = np.zeros((T, T))
    for a, z in zip(starts, ends):
        ri, ti = r[a:z], pos[a:z]
        S[np.ix_(ti, ti)] += w[a] * np.outer(ri, ri)
        C[np.ix_(ti, ti)] += w[a]
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(C > 0, S / C, 0.0)
