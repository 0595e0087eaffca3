"""The linearized (Taylor-series) variance of survey estimates ([SVY] variance estimation).

An estimator's scores ``z`` (one row per observation, already multiplied by the sampling
weight and by the bread, so V = sum over strata of the PSU totals' spread) give

    V = sum_h (1 - f_h) n_h/(n_h - 1) sum_j (z_hj - zbar_h)(z_hj - zbar_h)'

z_hj the total of z over PSU j of stratum h, n_h the stratum's PSUs and f_h its sampling
fraction (fpc(): a rate when every value is <= 1, else the stratum's population of PSUs).
Observations outside a subpopulation keep their rows with zero scores, so their PSUs and
strata still count (the design df and the centring), as Stata's subpop() does; a stratum
without any subpopulation member is omitted (no part in V, no single-unit rule).

A stratum with one PSU: ``singleunit(missing)`` (the default) makes V missing; ``certainty``
lets it add nothing; ``scaled`` adds nothing and scales V by H / (H - H_single);
``centered`` centres its PSU at the grand mean of the PSU totals (factor 1 for n_h = 1)."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mlmcli.errors import StataError
from mlmcli.sorted_codes import matrix_row_codes


@dataclass(frozen=True)
class DesignUnits:
    """The estimation sample's design: stratum and PSU codes per row, fpc per row (None: no
    fpc) and the lonely-PSU rule."""

    strata: np.ndarray  # 0..H-1
    psu: np.ndarray  # 0..P-1, unique across strata
    fpc: np.ndarray | None = None
    singleunit: str = "missing"
    omitted: frozenset = frozenset()  # strata with no subpopulation member: no part in V
    later: "DesignUnits | None" = None  # the next stage's units over the same rows (strata nested in PSUs)

    @property
    def n_strata(self) -> int:
        return int(self.strata.max()) + 1 if len(self.strata) else 0

    @property
    def n_psu(self) -> int:
        return int(self.psu.max()) + 1 if len(self.psu) else 0

    @property
    def design_df(self) -> int:
        return self.n_psu - self.n_strata


def design_units(n: int, strata_values, psu_values, fpc_values, singleunit: str) -> DesignUnits:
    """Codes for the ``n`` rows of the estimation sample: ``strata_values`` None (one stratum),
    ``psu_values`` None (each observation its own PSU); PSU ids are nested in strata (the same id
    in two strata names two PSUs, as Stata treats them)."""
    if strata_values is None:
        strata = np.zeros(n, np.int64)
    else:
        _, strata = np.unique(np.asarray(strata_values), return_inverse=True)
    if psu_values is None:
        psu_key = np.arange(n)
    else:
        _, psu_key = np.unique(np.asarray(psu_values), return_inverse=True)
    pairs = np.stack([strata, psu_key], axis=1) if n else np.zeros((0, 2), np.int64)
    psu = matrix_row_codes(pairs) if n else np.zeros(0, np.int64)
    fpc = None
    if fpc_values is not None:
        fpc = np.asarray(fpc_values, float)
        _check_fpc(fpc, strata, psu)
    return DesignUnits(strata.astype(np.int64).ravel(), np.asarray(psu, np.int64).ravel(), fpc, singleunit)


def _check_fpc(fpc: np.ndarray, strata: np.ndarray, psu: np.ndarray) -> None:
    """svy's checks of fpc(): one value per stratum, all rates (<= 1) or all counts, counts no
    smaller than the stratum's PSUs (messages as [SVY] svyset's)."""
    if np.any(fpc < 0):
        raise StataError("fpc must be >= 0", 462)
    for h in np.unique(strata):
        vals = fpc[strata == h]
        if np.ptp(vals) != 0:
            raise StataError("fpc for all observations within a stratum must be the same", 462)
    rates = fpc <= 1
    if rates.any() and not rates.all():
        raise StataError("fpc must be <= 1 if a rate, or >= no. sampled PSUs per stratum if PSU totals", 462)
    if not rates.any():
        for h in np.unique(strata):
            if fpc[strata == h][0] < len(np.unique(psu[strata == h])):
                raise StataError("fpc must be <= 1 if a rate, or >= no. sampled PSUs per stratum if PSU totals",
                                 462)


@dataclass(frozen=True)
class LinearizedVariance:
    V: np.ndarray
    single_unit_strata: int  # strata with one PSU
    missing: bool  # singleunit(missing) met a stratum with one PSU


def linearized_variance(scores: np.ndarray, units: DesignUnits) -> LinearizedVariance:
    """V of the estimates whose (weighted, bread-multiplied) scores are ``scores`` (n x k)."""
    z = np.asarray(scores, float).reshape(len(units.psu), -1)
    k = z.shape[1]
    P, H = units.n_psu, units.n_strata
    totals = np.zeros((P, k))
    np.add.at(totals, units.psu, z)
    psu_stratum = np.zeros(P, np.int64)
    psu_stratum[units.psu] = units.strata
    n_h = np.bincount(psu_stratum, minlength=H)
    single = n_h == 1
    for h in units.omitted:
        single[h] = False
    V = np.zeros((k, k))
    grand = totals.mean(axis=0) if P else np.zeros(k)
    for h in range(H):
        t = totals[psu_stratum == h]
        nh = len(t)
        if nh == 0 or h in units.omitted:
            continue
        f = sampling_fraction(units, h, nh)
        if nh == 1:
            if units.singleunit == "centered":
                d = t - grand
                V += (1 - f) * d.T @ d
            continue
        d = t - t.mean(axis=0)
        V += (1 - f) * nh / (nh - 1) * d.T @ d
    n_single = int(single.sum())
    missing = n_single > 0 and units.singleunit == "missing"
    if units.later is not None and units.fpc is not None:
        # the next stage's variance within each PSU, times its stratum's sampling fraction f_h
        # (Stata's and svyrecvar's recursion); its strata nest in one stratum each, so scaling
        # the scores by sqrt(f_h) scales each of its strata's part by f_h
        f = np.array([sampling_fraction(units, h, int(n)) if n else 0.0 for h, n in enumerate(n_h)])
        inner = linearized_variance(z * np.sqrt(f[units.strata])[:, None], units.later)
        V = V + inner.V
        missing = missing or inner.missing
    if missing:
        V = np.full((k, k), np.nan)
    elif n_single and units.singleunit == "scaled":
        V = V * H / (H - n_single) if H > n_single else np.full((k, k), np.nan)
    return LinearizedVariance(V, n_single, missing)


def sampling_fraction(units: DesignUnits, h: int, nh: int) -> float:
    if units.fpc is None:
        return 0.0
    value = float(units.fpc[units.strata == h][0])
    return value if value <= 1 else nh / value


def strata_counts(units: DesignUnits) -> tuple[int, int, int]:
    """Stage 1's strata, its singleton strata (one PSU; strata without subpopulation members
    left out, as the variance leaves them) and its certainty strata (sampling rate 1: every
    PSU drawn), for estat strata."""
    psu_stratum = np.zeros(units.n_psu, np.int64)
    psu_stratum[units.psu] = units.strata
    n_h = np.bincount(psu_stratum, minlength=units.n_strata)
    single = sum(1 for h, n in enumerate(n_h) if n == 1 and h not in units.omitted)
    certain = 0
    if units.fpc is not None:
        certain = sum(1 for h, n in enumerate(n_h) if n and sampling_fraction(units, h, int(n)) >= 1)
    return units.n_strata, single, certain
