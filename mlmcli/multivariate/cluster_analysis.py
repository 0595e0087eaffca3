"""Cluster analysis numbers ([MV] cluster): dissimilarities, kmeans/kmedians partitions,
hierarchical linkages and the dendrogram sequence cluster.ado keeps in its _id/_ord/_hgt
variables.  Pure numpy; the command (commands/statistics/cluster.py) stores the results.

Hierarchical linkages follow the Lance-Williams updates (single, complete, average,
weighted average, median, centroid, Ward's), as R's stats::hclust (tests check against it).
Stata's builtin ``_cluster`` is not published: where it is silent mlm decides (docs/cluster.md):
a tie of the smallest dissimilarity merges the pair with the lowest indices first, and at
each merge the cluster holding the lower observation number is drawn on the left.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mlmcli.errors import StataError

# Stata's names of the dissimilarity measures mlm computes (lower case -> stored name)
MEASURE_NAMES = {"l2": "L2", "euclidean": "L2", "l2squared": "L2squared", "l1": "L1", "absolute": "L1",
                 "cityblock": "L1", "manhattan": "L1", "linfinity": "Linfinity", "maximum": "Linfinity",
                 "canberra": "Canberra"}
# the similarity measures for continuous data mlm computes (larger: more alike)
SIMILARITY_NAMES = {"correlation": "correlation", "angular": "angular", "angle": "angular"}
# binary and mixed measures of [MV] measure_option mlm does not compute
REFUSED_MEASURES = ("matching", "jaccard", "russell", "hamann", "dice",
                    "antidice", "sneath", "rogers", "ochiai", "yule", "anderberg", "kulczynski", "pearson",
                    "gower", "gower2", "lpower")


def parse_measure(text: str | None, default: str = "L2") -> str:
    """measure()'s text -> the stored name (``L2``, ``L2squared``, ``L1``, ``Linfinity``,
    ``L(#)``, ``Canberra``; the similarities ``correlation``, ``angular``); binary and mixed
    measures are refused by name."""
    if text is None or not text.strip():
        return default
    word = text.strip().replace(" ", "")
    low = word.lower()
    if low in MEASURE_NAMES:
        return MEASURE_NAMES[low]
    if low in SIMILARITY_NAMES:
        return SIMILARITY_NAMES[low]
    if low.startswith("l(") and low.endswith(")"):
        try:
            power = float(low[2:-1])
        except ValueError:
            raise StataError(f"{word} invalid measure", 198) from None
        if power < 1:
            raise StataError("L(#) requires # >= 1", 198)
        return f"L({low[2:-1]})"
    base = low.split("(")[0]
    if base in REFUSED_MEASURES:
        raise StataError(f"measure {base} is not supported by mlm (measures for continuous data only: "
                         "L2, L2squared, L1, Linfinity, L(#), Canberra, correlation, angular)", 198)
    raise StataError(f"unknown similarity or dissimilarity measure {word}", 198)


def is_similarity(measure: str) -> bool:
    return measure in SIMILARITY_NAMES.values()


def measure_range(measure: str, p: int) -> str:
    """The stored range (match value, then mismatch; . is infinity)."""
    return "1 -1" if is_similarity(measure) else f"0 {p}" if measure == "Canberra" else "0 ."


def pairwise(a: np.ndarray, b: np.ndarray, measure: str) -> np.ndarray:
    """The (dis)similarity of each row of ``a`` to each row of ``b`` (in blocks of rows of
    ``a``; the n x n result's memory checked first)."""
    from mlmcli.limits import require_memory

    require_memory(8.0 * len(a) * len(b) * 3)
    step = max(1, int(4e6 // max(1, len(b) * a.shape[1])))
    if len(a) > step:
        return np.vstack([_pairwise_block(a[k:k + step], b, measure) for k in range(0, len(a), step)])
    return _pairwise_block(a, b, measure)


def _pairwise_block(a: np.ndarray, b: np.ndarray, measure: str) -> np.ndarray:
    with np.errstate(over="ignore", invalid="ignore"):  # values near 1e307: inf, which callers refuse
        return _measure_block(a, b, measure)


def _measure_block(a: np.ndarray, b: np.ndarray, measure: str) -> np.ndarray:
    if is_similarity(measure):  # the rows' correlation (centred) or cosine across the variables
        if measure == "correlation":
            a, b = a - a.mean(axis=1, keepdims=True), b - b.mean(axis=1, keepdims=True)
        norms = np.sqrt((a ** 2).sum(axis=1))[:, None] * np.sqrt((b ** 2).sum(axis=1))[None, :]
        with np.errstate(invalid="ignore", divide="ignore"):
            return (a @ b.T) / norms
    diff = a[:, None, :] - b[None, :, :]
    if measure == "L2":
        return np.sqrt((diff ** 2).sum(axis=2))
    if measure == "L2squared":
        return (diff ** 2).sum(axis=2)
    if measure == "L1":
        return np.abs(diff).sum(axis=2)
    if measure == "Linfinity":
        return np.abs(diff).max(axis=2)
    if measure == "Canberra":
        denom = np.abs(a[:, None, :]) + np.abs(b[None, :, :])
        with np.errstate(invalid="ignore", divide="ignore"):
            terms = np.where(denom > 0, np.abs(diff) / np.where(denom > 0, denom, 1), 0.0)
        return terms.sum(axis=2)
    power = float(measure[2:-1])
    return (np.abs(diff) ** power).sum(axis=2) ** (1 / power)


# ----------------------------------------------------------------------------- kmeans


@dataclass(frozen=True)
class Partition:
    groups: np.ndarray   # 1..k for each clustered row
    centers: np.ndarray  # k x p final means (medians)
    iterations: int


def kmeans(x: np.ndarray, centers: np.ndarray, *, medians: bool, measure: str, iterate: int) -> Partition:
    """Batch kmeans (kmedians): assign every row to its nearest (most similar) centre (a tie: the lowest
    group), recompute each group's mean (median) and repeat until no row moves or
    ``iterate`` passes.  A group left empty keeps its centre (mlm's decision)."""
    centers = centers.astype(float).copy()
    groups = None
    done = 0
    while done < max(iterate, 1):
        apart = pairwise(x, centers, measure)
        new = np.argmin(-apart if is_similarity(measure) else apart, axis=1)
        done += 1
        if groups is not None and np.array_equal(new, groups):
            break
        groups = new
        for g in range(len(centers)):
            members = x[groups == g]
            if len(members):
                centers[g] = np.median(members, axis=0) if medians else members.mean(axis=0)
    return Partition(groups + 1, centers, done)


def partition_start(n: int, k: int, way: str, uniform=None, group_codes=None) -> np.ndarray:
    """The initial groups (0..k-1) of cluster.ado's partition starts: everykth (1, 2, ..., k,
    1, ...), segments (int((i-1)/N k) + 1), prandom (everykth in the order of uniform draws)
    and group() (codes already 0..k-1)."""
    i = np.arange(n)
    if way == "everykth":
        return i % k
    if way == "segments":
        return (i * k) // n
    if way == "prandom":
        out = np.empty(n, int)
        out[np.lexsort((i, uniform))] = i % k
        return out
    return group_codes


def seed_rows(x: np.ndarray, k: int, key: np.ndarray) -> np.ndarray:
    """cluster.ado's firstk/lastk/krandom: among the distinct rows of x (each represented by
    its row of lowest ``key``), the k of lowest ``key``; r(2001) when fewer are distinct."""
    order = np.lexsort((np.arange(len(key)), key))
    seen, picks = set(), []
    for row in order:
        values = tuple(x[row])
        if values not in seen:
            seen.add(values)
            picks.append(row)
    if len(picks) < k:
        raise StataError("insufficient observations due to ties", 2001)
    return np.array(picks[:k])


def distinct_rows(x: np.ndarray) -> int:
    return len({tuple(row) for row in x})


# ----------------------------------------------------------------------- hierarchical

LINKAGES = ("single", "complete", "average", "waverage", "median", "centroid", "wards")


@dataclass(frozen=True)
class Dendrogram:
    order: np.ndarray    # order[p] = the row (0-based) at position p
    heights: np.ndarray  # heights[p] = fusion height linking positions p and p+1 (NaN last)
    pointer: np.ndarray  # Sibson's pointer representation: pi (0-based; the last row itself)
    level: np.ndarray    # and lambda (NaN last): row a stops being its cluster's highest at level[a]


def _lance_williams(method, d_ki, d_kj, d_ij, n_i, n_j, n_k):
    n = n_i + n_j
    if method == "single":
        return np.minimum(d_ki, d_kj)
    if method == "complete":
        return np.maximum(d_ki, d_kj)
    if method == "average":
        return (n_i * d_ki + n_j * d_kj) / n
    if method == "waverage":
        return (d_ki + d_kj) / 2
    if method == "median":
        return (d_ki + d_kj) / 2 - d_ij / 4
    if method == "centroid":
        return (n_i * d_ki + n_j * d_kj) / n - n_i * n_j * d_ij / n ** 2
    return ((n_i + n_k) * d_ki + (n_j + n_k) * d_kj - n_k * d_ij) / (n + n_k)  # wards


def hierarchical(d: np.ndarray, method: str) -> Dendrogram:
    """Agglomerate the n x n dissimilarities ``d`` by ``method``; r(198) on a dendrogram
    reversal (a merge below an earlier one: centroid and median linkages), which mlm does not
    draw with Stata's pseudo heights.  Each row keeps its nearest neighbour (the lowest
    index among ties), so a step rescans only the rows whose neighbour changed."""
    n = len(d)
    work = d.astype(float).copy()
    np.fill_diagonal(work, np.inf)
    size = np.ones(n)
    low = list(range(n))  # each cluster's lowest observation number (left-right orientation)
    high = list(range(n))  # and its highest (the pointer representation)
    pointer, level = np.arange(n), np.full(n, np.nan)
    height_of = np.full(n, -np.inf)  # leaves: below any merge (negated similarities are negative)
    nodes: dict = {i: ("leaf", i) for i in range(n)}
    nearest = np.argmin(work, axis=1) if n > 1 else np.zeros(n, int)
    best = work[np.arange(n), nearest]
    for _ in range(n - 1):
        i = int(np.argmin(best))
        j = int(nearest[i])
        i, j = min(i, j), max(i, j)
        h = float(work[i, j])
        if h < max(height_of[i], height_of[j]) - 1e-12 * max(1.0, abs(h)):
            raise StataError("dendrogram reversal: mlm does not support the pseudo heights Stata "
                             f"uses for {method} linkage here", 198)
        others = np.flatnonzero(np.isfinite(best))
        others = others[(others != i) & (others != j)]
        updated = _lance_williams(method, work[others, i], work[others, j], h, size[i], size[j], size[others])
        work[others, i] = updated
        work[i, others] = updated
        work[j, :] = np.inf
        work[:, j] = np.inf
        best[j] = np.inf
        left, right = (i, j) if low[i] < low[j] else (j, i)
        nodes[i] = ("node", nodes[left], nodes[right], h)
        del nodes[j]
        low[i] = min(low[i], low[j])
        lower, upper = sorted((high[i], high[j]))
        pointer[lower], level[lower] = upper, h
        high[i] = upper
        height_of[i] = h
        size[i] += size[j]
        # rows whose neighbour was i or j, and row i itself, are rescanned; the others may
        # only find the merged cluster nearer (a tie goes to the lower index)
        stale = others[(nearest[others] == i) | (nearest[others] == j)]
        rescan = np.concatenate([[i], stale]) if len(others) else np.array([i])
        nearest[rescan] = np.argmin(work[rescan], axis=1)
        best[rescan] = work[rescan, nearest[rescan]]
        fresh = others[~np.isin(others, stale)]
        closer = (updated[np.isin(others, fresh)] < best[fresh]) | (
            (updated[np.isin(others, fresh)] == best[fresh]) & (i < nearest[fresh]))
        nearest[fresh[closer]] = i
        best[fresh[closer]] = updated[np.isin(others, fresh)][closer]
        if len(others) == 0:
            best[i] = np.inf
    root = nodes[next(iter(nodes))]
    order, links = _sequence(root)
    return Dendrogram(np.array(order), np.array(links + [np.nan]), pointer, level)


def _sequence(root):
    """Leaves left to right and the height linking each neighbouring pair (no recursion:
    deep single-linkage chains)."""
    order, links, stack = [], [], [(root, None)]
    while stack:
        node, link = stack.pop()
        if link is not None:
            links.append(link)
        if node[0] == "leaf":
            order.append(node[1])
            continue
        _, left, right, h = node
        stack.append((right, h))
        stack.append((left, None))
    return order, links


def groups_along(heights: np.ndarray, breaks: np.ndarray) -> np.ndarray:
    """Group numbers 1, 2, ... along the dendrogram positions, a new group after each
    position p with ``breaks[p]`` (cluster.ado numbers groups left to right)."""
    starts = np.concatenate([[1], breaks[:-1].astype(int)])
    return np.cumsum(starts)


def height_ranks(heights: np.ndarray) -> np.ndarray:
    """cluster.ado's rank of each link height, largest first, tied heights sharing one plus
    the position of the tie's last member; NaN for the missing last height."""
    n = len(heights)
    finite = ~np.isnan(heights)
    ranks = np.full(n, np.nan)
    idx = np.flatnonzero(finite)
    order = idx[np.lexsort((idx, -heights[idx]))]
    position = 0
    while position < len(order):
        end = position
        while end + 1 < len(order) and heights[order[end + 1]] == heights[order[position]]:
            end += 1
        ranks[order[position:end + 1]] = end + 2
        position = end + 1
    return ranks


def groups_for_count(heights: np.ndarray, count: int, ties: str) -> tuple[int | None, np.ndarray | None]:
    """(the number of groups produced, the group of each position) for groups(count) with
    ties(error|skip|less|more), as cluster.ado's ClGenGrps; (None, None) when skipped."""
    n = len(heights)
    if count == 1:
        return 1, np.ones(n, int)
    if count > n:
        if ties != "less":
            raise StataError(f"insufficient observations to create {count} groups", 2000)
        count = n
    ranks = height_ranks(heights)
    finite = ~np.isnan(ranks)
    if int((ranks[finite] <= count).sum()) != count - 1:
        if ties == "error":
            raise StataError(f"cannot create {count} groups because of ties", 198)
        if ties == "skip":
            return None, None
        if ties == "less":
            below = ranks[finite & (ranks <= count)] if finite.any() else np.array([])
            count = int(below.max()) if below.size else 1
        else:
            count = int(ranks[finite & (ranks >= count)].min())
    breaks = finite & (ranks <= count)
    return int(breaks.sum()) + 1, groups_along(heights, breaks)


def groups_for_cut(heights: np.ndarray, cut: float) -> np.ndarray:
    """cut(#): a new group after every link at or above ``cut`` (dissimilarities)."""
    return groups_along(heights, ~np.isnan(heights) & (heights >= cut))


# ---------------------------------------------------------------------- stopping rules


def _within_ss(x: np.ndarray) -> float:
    """trace of the deviation cross-products (mat accum, noconstant deviations)."""
    return float(((x - x.mean(axis=0)) ** 2).sum()) if len(x) > 1 else 0.0


def calinski(x: np.ndarray, groups: np.ndarray) -> float:
    """Calinski-Harabasz pseudo-F: (trace B/(g-1)) / (trace W/(N-g)), B and W summed over
    the variables as cluster_stop.ado sums anova's mss and rss."""
    labels = np.unique(groups)
    g, n = len(labels), len(x)
    within = sum(_within_ss(x[groups == label]) for label in labels)
    between = _within_ss(x) - within
    return (between / (g - 1)) / (within / (n - g))


def duda(x: np.ndarray, fewer: np.ndarray, more: np.ndarray) -> tuple[float, float]:
    """Duda-Hart Je(2)/Je(1) and pseudo-T-squared for the group of ``fewer`` that ``more``
    splits in two (cluster_stop.ado's Duda_stop)."""
    for label in np.unique(fewer):
        inside = fewer == label
        parts = np.unique(more[inside])
        if len(parts) > 1:
            break
    whole = _within_ss(x[inside])
    a, b = (x[inside & (more == part)] for part in parts[:2])
    split = _within_ss(a) + _within_ss(b)
    ratio = split / whole if whole > 0 else np.nan
    t2 = (whole / split - 1) * (len(a) + len(b) - 2) if split > 0 else np.nan
    return ratio, t2
