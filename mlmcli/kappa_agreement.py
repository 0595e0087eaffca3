"""Cohen's kappa for two raters (Stata's ``kap`` with two variables): the observed and the
chance-expected (weighted) agreement over the square table of the categories either rater
used, kappa and its standard error under no agreement beyond chance (Fleiss, Cohen and Everitt
1969, as [R] kappa's Methods and formulas give it), with the one-sided z test."""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy import stats


@dataclass(frozen=True)
class Kappa:
    n: float
    prop_o: float
    prop_e: float
    kappa: float
    se: float
    weights: np.ndarray

    @property
    def z(self) -> float:
        return self.kappa / self.se if self.se > 0 else float("nan")

    @property
    def p(self) -> float:
        return float(stats.norm.sf(self.z))


def category_weights(values: np.ndarray, scheme: str, absolute: bool, user=None) -> np.ndarray:
    """I (identity), w (1 - |i - j| / (k - 1)) or w2 (1 - ((i - j) / (k - 1))^2), with i, j the
    categories' ranks, or their values under ``absolute``; ``user``: kapwgt's (size, lower
    triangle by rows), indexed the same way."""
    if user is not None:
        size, lower = user
        full = np.zeros((size, size))
        full[np.tril_indices(size)] = lower
        full = full + np.tril(full, -1).T
        index = (np.arange(len(values)) if not absolute else values.astype(int) - 1)
        return full[np.ix_(index, index)]
    k = len(values) if not absolute else int(values.max())
    position = np.arange(1, len(values) + 1) if not absolute else values
    gap = np.abs(position[:, None] - position[None, :]) / (k - 1)
    if scheme == "w":
        return 1 - gap
    if scheme == "w2":
        return 1 - gap ** 2
    return np.eye(len(values))


def two_rater_kappa(first: np.ndarray, second: np.ndarray, count: np.ndarray, scheme: str = "I",
                    absolute: bool = False, user=None) -> Kappa:
    values = np.unique(np.concatenate([first, second]))
    table = np.zeros((len(values), len(values)))
    np.add.at(table, (np.searchsorted(values, first), np.searchsorted(values, second)), count)
    n = float(table.sum())
    f = table / n
    w = category_weights(values, scheme, absolute, user)
    fi, fj = f.sum(axis=1), f.sum(axis=0)
    p0 = float((w * f).sum())
    pe = float((w * np.outer(fi, fj)).sum())
    kappa = (p0 - pe) / (1 - pe)
    wi, wj = w @ fj, fi @ w          # row i: sum_j fj w_ij; column j: sum_i fi w_ij
    inner = float((np.outer(fi, fj) * (w - (wi[:, None] + wj[None, :])) ** 2).sum()) - pe ** 2
    se = 1 / ((1 - pe) * math.sqrt(n)) * math.sqrt(inner) if inner >= 0 else float("nan")
    return Kappa(n, p0, pe, kappa, se, w)
