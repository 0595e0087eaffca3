"""Interval data for the random-effects model of ``xtintreg`` ([XT] xtintreg): the same
likelihood as ``panel.tobit_random_effects`` (u_i ~ N(0, sigma_u^2) integrated by adaptive
Gauss-Hermite quadrature, e_it ~ N(0, sigma_e^2)) with each observation given by its two
depvars (lo, hi):

    point      lo == hi            f = phi((lo - eta)/s)/s
    left       lo missing          F = Phi((hi - eta)/s)
    right      hi missing          F = 1 - Phi((lo - eta)/s)
    interval   lo < hi             F = Phi((hi - eta)/s) - Phi((lo - eta)/s)

An interval's probability is computed in the tail where it is accurate (the upper one when
(lo - eta)/s > 0).  The engine never prints.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import special

from .tobit_random_effects import LEFT, LOG_2PI, RIGHT, UNCENSORED, TobitPanelData

INTERVAL = 2


@dataclass
class IntervalPanelData(TobitPanelData):
    """``lower``/``upper`` are depvar_lower/depvar_upper (NaN: unbounded); ``y`` is the
    midpoint (or the bound given), the starting regression's response as xtintreg.ado's."""

    def __post_init__(self):
        lo, hi = np.asarray(self.lower, float), np.asarray(self.upper, float)
        self.y = np.where(np.isnan(lo), hi, np.where(np.isnan(hi), lo, (lo + hi) / 2))
        kind = np.full(len(lo), INTERVAL)
        kind[lo == hi] = UNCENSORED
        kind[np.isnan(lo)] = LEFT
        kind[np.isnan(hi)] = RIGHT
        super().__post_init__()
        self.kind = kind

    def counts(self) -> tuple[int, int, int, int]:
        """(left-censored, uncensored, right-censored, interval) observations."""
        return tuple(int(np.sum(self.kind == k)) for k in (LEFT, UNCENSORED, RIGHT, INTERVAL))

    def log_terms(self, eta: np.ndarray, ln_sigma_e: float, scores: bool = False):
        """ln f_it at ``eta`` (n or n x K) and with ``scores`` its derivatives in eta and ln sigma_e."""
        s = np.exp(ln_sigma_e)
        shape = (-1,) + (1,) * (np.ndim(eta) - 1)
        kind = self.kind.reshape(shape)
        lo = np.nan_to_num(self.lower, nan=0.0).reshape(shape)
        hi = np.nan_to_num(self.upper, nan=0.0).reshape(shape)
        a_lo, a_hi = (lo - eta) / s, (hi - eta) / s
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            upper_tail = a_lo > 0  # Phi(a_hi) - Phi(a_lo) = Phi(-a_lo) - Phi(-a_hi)
            big = np.where(upper_tail, special.log_ndtr(-a_lo), special.log_ndtr(a_hi))
            small = np.where(upper_tail, special.log_ndtr(-a_hi), special.log_ndtr(a_lo))
            log_interval = big + np.log(-np.expm1(small - big))
            log_left = special.log_ndtr(a_hi)
            log_right = special.log_ndtr(-a_lo)
            log_point = -ln_sigma_e - 0.5 * LOG_2PI - 0.5 * a_lo * a_lo
            logf = np.where(kind == UNCENSORED, log_point, np.where(kind == LEFT, log_left,
                                                                    np.where(kind == RIGHT, log_right, log_interval)))
            if not scores:
                return logf
            # phi(a)/F for the bound(s) of each kind
            pdf_lo = -0.5 * a_lo * a_lo - 0.5 * LOG_2PI
            pdf_hi = -0.5 * a_hi * a_hi - 0.5 * LOG_2PI
            r_lo = np.exp(pdf_lo - np.where(kind == RIGHT, log_right, log_interval))
            r_hi = np.exp(pdf_hi - np.where(kind == LEFT, log_left, log_interval))
            d_eta = np.where(kind == UNCENSORED, a_lo / s,
                             np.where(kind == LEFT, -r_hi / s,
                                      np.where(kind == RIGHT, r_lo / s, -(r_hi - r_lo) / s)))
            d_lns = np.where(kind == UNCENSORED, a_lo * a_lo - 1,
                             np.where(kind == LEFT, -r_hi * a_hi,
                                      np.where(kind == RIGHT, r_lo * a_lo, -(r_hi * a_hi - r_lo * a_lo))))
        return logf, np.nan_to_num(d_eta), np.nan_to_num(d_lns)
