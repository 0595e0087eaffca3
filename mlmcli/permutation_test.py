"""The Monte Carlo permutation p-values of Stata's ``permute`` (permute.ado's GetResults): for
each statistic, c counts the permutations whose value T meets the event -- |T| >= |T(obs)| - eps
(two-sided), T <= T(obs) + eps (``left``), T >= T(obs) - eps (``right``) -- among the n
non-missing ones; p = c/n, SE(p) = sqrt(p(1-p)/n) and the exact (Clopper-Pearson) binomial
interval that ``cii n c`` gives."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

EVENTS = {"both": "|T| >= |T(obs)|", "left": "T <= T(obs)", "right": "T >= T(obs)"}


@dataclass(frozen=True)
class PermutationResult:
    observed: float
    c: int
    n: int
    p: float
    se: float
    lower: float
    upper: float


def exact_binomial_interval(n: int, c: int, level: float) -> tuple[float, float]:
    from scipy.stats import beta

    alpha = 1 - level / 100
    lower = 0.0 if c == 0 else float(beta.ppf(alpha / 2, c, n - c + 1))
    upper = 1.0 if c == n else float(beta.ppf(1 - alpha / 2, c + 1, n - c))
    return lower, upper


def permutation_result(observed: float, T: np.ndarray, event: str, level: float, eps: float = 1e-7) -> PermutationResult:
    T = np.asarray(T, float)
    T = T[~np.isnan(T)]
    if event == "left":
        hits = T <= observed + eps
    elif event == "right":
        hits = T >= observed - eps
    else:
        hits = np.abs(T) >= abs(observed) - eps
    n, c = int(T.size), int(hits.sum())
    if n == 0:
        nan = float("nan")
        return PermutationResult(observed, c, n, nan, nan, nan, nan)
    p = c / n
    lower, upper = exact_binomial_interval(n, c, level)
    return PermutationResult(observed, c, n, p, float(np.sqrt(p * (1 - p) / n)), lower, upper)
