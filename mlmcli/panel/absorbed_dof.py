"""The degrees of freedom absorbed by several fixed effects, as reghdfe 5/6's
``FixedEffects::estimate_dof()`` counts them with its default ``dof(pairwise clusters
continuous)`` (intercepts only: mlm absorbs no slopes).

For each absorbed factor: its categories, the redundant ones, whether that count is exact and
whether the factor is nested in the cluster variable.  (1) A factor that is the cluster
variable, or nested within it, is wholly redundant ("nested"; its levels are df_a_nested).
(2) Of the rest, every factor but the first has at least one redundant category -- the first
too when some factor was nested.  (3) The first remaining factor is exact; for every pair
(g, h) of remaining factors, h's redundant count is at least the number of mobility groups
(connected components) of g and h, exact for the second factor only.  df_a is the categories
minus the redundant ones.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mlmcli.sorted_codes import unique_rows


def mobility_groups(a: np.ndarray, b: np.ndarray) -> int:
    """Connected components of the bipartite graph linking levels of a and b that meet in a row."""
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    na, nb = int(a.max()) + 1, int(b.max()) + 1
    graph = coo_matrix((np.ones(a.size), (a, b + na)), shape=(na + nb, na + nb))
    return int(connected_components(graph, directed=False)[0])


def nested_within(fe: np.ndarray, cluster: np.ndarray) -> bool:
    """Each level of fe lies within one cluster."""
    pairs = unique_rows(np.column_stack([fe, cluster]))
    return pairs.shape[0] == int(fe.max()) + 1


@dataclass(frozen=True)
class AbsorbedCount:
    categories: int
    redundant: int
    exact: bool
    nested: bool


def absorbed_dof(codes: list[np.ndarray], names: list[str], cluster: np.ndarray | None = None,
                 cluster_name: str | None = None) -> tuple[list[AbsorbedCount], int]:
    """(one ``AbsorbedCount`` per factor, df_a_nested); codes are 0..G-1 on the estimation rows."""
    G = len(codes)
    levels = [int(c.max()) + 1 if c.size else 0 for c in codes]
    redundant = [0] * G
    exact = [False] * G
    nested = [False] * G
    remaining = list(range(G))
    if cluster is not None:
        for g in list(remaining):
            if names[g] == cluster_name or nested_within(codes[g], cluster):
                redundant[g], exact[g], nested[g] = levels[g], True, True
                remaining.remove(g)
    df_a_nested = sum(levels[g] for g in range(G) if nested[g])
    if len(remaining) > 1 or (remaining and df_a_nested > 0):
        for g in remaining[0 if df_a_nested else 1:]:
            redundant[g] = 1
    if remaining:
        exact[remaining[0]] = True
    for i, g in enumerate(remaining[:-1]):
        for j in range(i + 1, len(remaining)):
            h = remaining[j]
            redundant[h] = max(redundant[h], mobility_groups(codes[g], codes[h]))
            if i == 0 and j == 1:
                exact[h] = True
    return [AbsorbedCount(levels[g], redundant[g], exact[g], nested[g]) for g in range(G)], df_a_nested
