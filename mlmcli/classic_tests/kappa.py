"""Interrater agreement (kap.ado for two raters; kappa.ado's _crckpa2 and _crckpak for counts
of ratings).

Two raters, cell shares f_ij of the k x k table (categories: the values either rater used) and
weights w_ij: p_o = sum w_ij f_ij, p_e = sum w_ij f_i. f_.j, kappa = (p_o - p_e)/(1 - p_e),
se = sqrt(sum f_i. f_.j (w_ij - (wbar_i. + wbar_.j))^2 - p_e^2) / ((1 - p_e) sqrt(n)) with
wbar_i. = sum_j f_.j w_ij and wbar_.j = sum_i f_i. w_ij (Fleiss, Cohen and Everitt's variance
under no agreement), z = kappa / se, Prob>Z = 1 - normal(z).  Weights: identity; ``w``
1 - |i - j|/(k - 1); ``w2`` 1 - ((i - j)/(k - 1))^2, with i, j the categories' ranks (their
values with ``absolute``).

Counts of ratings (Fleiss): for two outcomes, x and m - x ratings per subject, kappa =
(BMS - WMS)/(BMS + (mbar - 1) WMS) with the between and within mean squares, and its se as
_crckpa2 computes it; for more outcomes, each outcome against the rest and the combined
kappa = sum p_j q_j kappa_j / sum p_j q_j, tested only when every subject has the same number
of ratings m.
"""
from __future__ import annotations

import math

import numpy as np
from scipy import stats


def weight_matrix(positions: np.ndarray, k: int, kind: str) -> np.ndarray:
    d = np.abs(positions[:, None] - positions[None, :]) / (k - 1)
    if kind == "w":
        return 1 - d
    if kind == "w2":
        return 1 - d ** 2
    return (positions[:, None] == positions[None, :]).astype(float)


def two_raters(counts: np.ndarray, weights: np.ndarray) -> dict:
    n = float(counts.sum())
    f = counts / n
    fi, fj = f.sum(axis=1), f.sum(axis=0)
    p0 = float((weights * f).sum())
    pe = float((weights * np.outer(fi, fj)).sum())
    kappa = (p0 - pe) / (1 - pe) if pe != 1 else float("nan")
    wi = weights @ fj  # wbar_i.
    wj = fi @ weights  # wbar_.j
    spread = float((np.outer(fi, fj) * (weights - (wi[:, None] + wj[None, :])) ** 2).sum())
    se = math.sqrt(spread - pe ** 2) / ((1 - pe) * math.sqrt(n)) if pe != 1 and spread >= pe ** 2 else float("nan")
    z = kappa / se if se > 0 else float("nan")
    return {"N": n, "prop_o": p0, "prop_e": pe, "kappa": kappa, "se": se, "z": z,
            "p": float(stats.norm.sf(z)) if np.isfinite(z) else float("nan")}


def two_outcomes(x: np.ndarray, other: np.ndarray) -> tuple[float, float]:
    """(kappa, z) of _crckpa2: x and other ratings of each subject (subjects without any left out)."""
    m = x + other
    keep = m > 0
    x, m = x[keep].astype(float), m[keep].astype(float)
    n = m.size
    mbar = m.mean()
    pbar = x.mean() / mbar
    bms = float(((x - m * pbar) ** 2 / m).mean())
    wms = float((x * (m - x) / m).mean()) / (mbar - 1) if mbar != 1 else float("nan")
    kappa = (bms - wms) / (bms + (mbar - 1) * wms)
    mbarh = 1 / float((1 / m).mean())
    qbar = 1 - pbar
    inner = 2 * (mbarh - 1) + (mbar - mbarh) * (1 - 4 * pbar * qbar) / (mbar * pbar * qbar)
    se = math.sqrt(inner) / ((mbar - 1) * math.sqrt(n * mbarh)) if inner >= 0 and mbar != 1 else float("nan")
    return kappa, kappa / se if se > 0 else float("nan")


def outcomes(counts: np.ndarray) -> tuple[list[tuple[float, float]], float, float, bool]:
    """(per outcome (kappa, z), combined kappa, combined z, same number of ratings per subject)."""
    total = counts.sum(axis=1)
    equal = bool(total.min() == total.max())
    per, nu, de, x3 = [], 0.0, 0.0, 0.0
    ratings = float(total.sum())
    for j in range(counts.shape[1]):
        kappa, z = two_outcomes(counts[:, j], total - counts[:, j])
        p = counts[:, j].sum() / ratings
        nu, de, x3 = nu + p * (1 - p) * kappa, de + p * (1 - p), x3 + p * (1 - p) * (1 - 2 * p)
        per.append((kappa, z if equal else float("nan")))
    kappa = nu / de
    if not equal:
        return per, kappa, float("nan"), False
    m, n = float(total[0]), counts.shape[0]
    se = math.sqrt(2 / (n * m * (m - 1))) / de * math.sqrt(de ** 2 - x3)
    return per, kappa, kappa / se, True
