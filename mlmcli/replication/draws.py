"""The bootstrap's draws, as bootstrap.ado's ``_loop_bs`` makes them with ``bsample``: in each
replicate, from every stratum, ``size()`` units (default: all of the stratum's) drawn with
replacement, a unit being an observation or, with ``cluster()``, every row of one cluster.
A unit drawn twice is two units: each drawn copy gets a code of its own (``idcluster()``'s
numbering), so a command that groups on them (xtreg's panels, clogit's groups) sees two panels.

The random numbers are mlm's stream (``set seed``/``seed()``: numpy's generator), not Stata's
KISS/Mersenne stream, so the replicates are not Stata's to the digit; everything computed from
them (``mlmcli.replication.summary``) is.  One stratum, no size(): the draw is
``rng.integers(0, G, G)`` over the units in code order -- the stream every earlier
``vce(bootstrap)`` in mlm used, so those results keep their numbers.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

from mlmcli.errors import StataError

# what a refit may raise when a replicate's data do not identify the model: the replicate fails
FAILED_FIT = (np.linalg.LinAlgError, ValueError, ZeroDivisionError, FloatingPointError, ArithmeticError)


@dataclass(frozen=True)
class ResamplingUnits:
    """The units a bootstrap draws from, over the rows of the estimation sample (0..n-1)."""
    members: tuple  # members[u]: the row indices of unit u, in row order
    strata: tuple  # strata[s]: the units of stratum s (ascending)
    size: int | None  # units drawn from each stratum (None: as many as it has)

    @property
    def n_units(self) -> int:
        return len(self.members)

    @property
    def n_strata(self) -> int:
        return len(self.strata)


@dataclass(frozen=True)
class Draw:
    """One bootstrap sample: ``rows`` (indices into the estimation sample, a drawn unit's rows
    together, units in the order drawn), ``codes`` (per row, 0.. the drawn copy it belongs to:
    idcluster()'s numbering less one) and ``units`` (the unit of each drawn copy)."""
    rows: np.ndarray
    codes: np.ndarray
    units: np.ndarray


def codes_of(values) -> np.ndarray:
    """0..G-1 codes of ``values`` in sorted order of the values (Stata sorts by them)."""
    return np.unique(np.asarray(values), return_inverse=True)[1].reshape(-1)


def resampling_units(n: int, clusters=None, strata=None, size: int | None = None) -> ResamplingUnits:
    """The units of ``n`` rows: each row, or each value of ``clusters`` (codes or values, one per
    row); ``strata`` (one per row; a cluster's stratum is its first row's) splits them.  A
    ``size`` larger than a stratum's units is bootstrap.ado's "size() must not be greater than
    number of clusters" r(498) (bsample's "resample size must not be greater than number of
    observations" without clusters)."""
    if clusters is None:
        members = tuple(np.array([i]) for i in range(n))
        unit_of_row = np.arange(n)
    else:
        unit_of_row = codes_of(clusters)
        order = np.argsort(unit_of_row, kind="stable")
        bounds = np.flatnonzero(np.r_[True, np.diff(unit_of_row[order]) != 0, True])
        members = tuple(order[a:z] for a, z in zip(bounds[:-1], bounds[1:]))
    if strata is None:
        groups = (np.arange(len(members)),)
    else:
        first = np.array([int(m[0]) for m in members], dtype=int)
        stratum_of_unit = codes_of(np.asarray(strata)[first]) if len(first) else np.zeros(0, int)
        groups = tuple(np.flatnonzero(stratum_of_unit == s) for s in range(int(stratum_of_unit.max(initial=-1)) + 1))
    if size is not None:
        size = int(size)
        if size < 1:
            raise StataError("size() must be a positive integer", 198)
        if any(size > len(g) for g in groups):
            if clusters is not None:
                raise StataError("size() must not be greater than number of clusters", 498)
            raise StataError("resample size must not be greater than number of observations", 498)
    return ResamplingUnits(members, groups, size)


def draw(units: ResamplingUnits, rng: np.random.Generator) -> Draw:
    """One bootstrap sample (module docstring)."""
    picked = [g[rng.integers(0, len(g), size=units.size or len(g))] for g in units.strata]
    chosen = np.concatenate(picked) if picked else np.zeros(0, int)
    pieces = [units.members[u] for u in chosen]
    rows = np.concatenate(pieces) if pieces else np.zeros(0, int)
    codes = np.repeat(np.arange(len(chosen)), [len(p) for p in pieces])
    return Draw(rows, codes, chosen)


def bootstrap_replicates(estimate: Callable[[np.ndarray, np.ndarray], np.ndarray], units: ResamplingUnits, reps: int,
                         rng: np.random.Generator, k: int, progress: Callable[[bool], None] | None = None
                         ) -> np.ndarray:
    """(reps x k) replicate statistics, a row of NaN where the replicate failed: ``estimate(rows,
    codes)`` (``Draw.rows``/``Draw.codes``) returns the k statistics of one sample, or raises
    one of FAILED_FIT, or returns something not finite or not of length k (reject(): NaN);
    ``progress(ok)`` after each replicate (the dots)."""
    out = np.full((reps, k), np.nan)
    for r in range(reps):
        sample = draw(units, rng)
        b = attempt(estimate, sample.rows, sample.codes, k, partial=True)
        if b is not None:
            out[r] = b
        if progress is not None:
            progress(b is not None and bool(np.all(np.isfinite(b))))
    return out


def attempt(estimate, rows, codes, k: int | None, partial: bool = False):
    """``estimate(rows, codes)`` as a finite vector of length k, or None when it failed.
    ``partial``: a vector of length k with some (not all) values missing is kept as it is
    (_loop_bs posts each statistic it can evaluate, ``.`` for the others: ologit's replicate
    without a category has no ``_b[cutK:_cons]``; the summary keeps complete replicates only)."""
    try:
        b = np.asarray(estimate(rows, codes), float)
    except FAILED_FIT:
        return None
    if k is not None and b.shape != (k,):
        return None
    finite = np.isfinite(b)
    if not np.all(finite) and not (partial and np.any(finite) and not np.any(np.isinf(b))):
        return None
    return b
