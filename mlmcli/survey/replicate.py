"""Replication-based survey variance ([SVY] variance estimation, "Replication-based methods"):
the estimator is recomputed with each replicate's sampling weights and V is the spread of
the replicate estimates b_r around c (their mean, or the full-sample b with ``mse``):

    BRR        V = 1 / (R (1 - k)^2) sum_r (b_r - c)(b_r - c)'           k = fay()
    SDR        V = 4 / R (1 - f) sum_r (b_r - c)(b_r - c)'                f = sdrweight()'s fpc()
    jackknife  V = sum_h (1 - f_h) m_h sum_{r in h} (b_r - c_h)(b_r - c_h)'

with the jackknife's c_h the mean of the replicates of stratum h (b with ``mse``), m_h its
multiplier ((n_h - 1) / n_h by default, n_h the replicates of h) and f_h its sampling fraction.
The jackknife from the design (no jkrweight()) deletes one PSU at a time: its stratum's other
PSUs get weights n_h / (n_h - 1), one replicate per PSU.

A replicate that leaves every subpopulation weight as it is (a deleted PSU of a stratum
without subpopulation members) is skipped, as Stata's ``s`` replicates: it counts neither in
V nor in the replications (a published Stata log: 14 of 62 replicates, design df -17 with
31 strata)."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class ReplicateDesign:
    """The replicate weights over the estimation sample's rows (n x R) and, per replicate,
    its jackknife stratum, multiplier and sampling fraction; ``n_strata`` the strata the
    design df subtracts; ``psus``: PSU count for the header (None: replicate-weight variables)."""

    method: str  # brr | jackknife | sdr
    weights: np.ndarray
    strata: np.ndarray
    multiplier: np.ndarray
    fpc: np.ndarray
    n_strata: int
    fay: float = 0.0
    mse: bool = False
    dof: float | None = None
    psus: int | None = None
    single_unit: bool = False  # the design's jackknife met a stratum with one PSU

    @property
    def n_reps(self) -> int:
        return int(self.weights.shape[1])


def jackknife_from_design(w: np.ndarray, strata: np.ndarray, psu: np.ndarray, fpc_rate: np.ndarray) -> tuple:
    """(weights n x P, stratum of each replicate, multiplier, fraction, single-PSU stratum met):
    the delete-one-PSU jackknife of the design (``psu`` codes 0..P-1 nested in ``strata``;
    ``fpc_rate`` the sampling fraction of each row's stratum)."""
    P = int(psu.max()) + 1 if len(psu) else 0
    psu_stratum = np.zeros(P, np.int64)
    psu_stratum[psu] = strata
    psu_fraction = np.zeros(P)
    psu_fraction[psu] = fpc_rate
    n_h = np.bincount(psu_stratum, minlength=int(psu_stratum.max()) + 1 if P else 0)
    W = np.repeat(np.asarray(w, float)[:, None], P, axis=1)
    for j in range(P):
        h = psu_stratum[j]
        if n_h[h] < 2:
            continue
        in_h = strata == h
        W[in_h, j] *= n_h[h] / (n_h[h] - 1)
        W[psu == j, j] = 0.0
    nh = n_h[psu_stratum].astype(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        mult = np.where(nh > 1, (nh - 1) / nh, 0.0)
    return W, psu_stratum, mult, psu_fraction, bool(np.any(n_h == 1))


def used_replicates(design: ReplicateDesign, full_weights: np.ndarray, sub: np.ndarray) -> np.ndarray:
    """Replicates that change some subpopulation row's weight (the others are skipped)."""
    W = design.weights[sub]
    return ~np.all(W == np.asarray(full_weights, float)[sub][:, None], axis=0)


def replicate_variance(b: np.ndarray, B: np.ndarray, design: ReplicateDesign, used: np.ndarray) -> np.ndarray:
    """V from the replicate estimates ``B`` (R x k; rows of skipped or failed replicates unused)."""
    b = np.asarray(b, float)
    B = np.asarray(B, float)[used]
    k = len(b)
    R = len(B)
    if R == 0:
        return np.full((k, k), np.nan)
    if design.method in ("brr", "sdr"):
        d = B - (b if design.mse else B.mean(axis=0))
        if design.method == "brr":
            return d.T @ d / (R * (1 - design.fay) ** 2)
        f = float(design.fpc[0]) if len(design.fpc) else 0.0
        return 4.0 / R * (1 - f) * d.T @ d
    strata = design.strata[used]
    mult = design.multiplier[used]
    fpc = design.fpc[used]
    V = np.zeros((k, k))
    for h in np.unique(strata):
        in_h = strata == h
        Bh = B[in_h]
        d = Bh - (b if design.mse else Bh.mean(axis=0))
        V += ((1 - fpc[in_h]) * mult[in_h] * d.T) @ d
    return V


def default_multipliers(strata: np.ndarray) -> np.ndarray:
    """(n_h - 1) / n_h per replicate, n_h the replicates of its stratum."""
    _, codes, counts = np.unique(strata, return_inverse=True, return_counts=True)
    n = counts[codes].astype(float)
    return (n - 1) / n
