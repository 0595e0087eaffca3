"""Fisher's exact test of an r x c table (tabulate's ``exact``, median's, tabi's).

Given the margins, a table's probability is prod R_i! prod C_j! / (N! prod n_ij!); the two-sided
p sums the probabilities of every table no more probable than the observed one (relative
tolerance 1e-7), found by enumerating the tables column by column.  For a 2 x 2 table the
one-sided p is the smaller hypergeometric tail that holds the observed table.  Rows and columns
with zero totals are dropped first.
"""
from __future__ import annotations

import numpy as np
from scipy import special, stats

from mlmcli.errors import StataError

TABLE_LIMIT = 20_000_000  # tables enumerated before the computation is refused


def _compositions(total: int, caps: tuple[int, ...]):
    """Every way to write ``total`` as len(caps) parts with part i at most caps[i]."""
    if len(caps) == 1:
        if total <= caps[0]:
            yield (total,)
        return
    rest = sum(caps[1:])
    for first in range(max(0, total - rest), min(caps[0], total) + 1):
        for tail in _compositions(total - first, caps[1:]):
            yield (first,) + tail


def fisher_exact(counts) -> tuple[float, float | None]:
    """(two-sided p, one-sided p of a 2 x 2 table or None)."""
    c = np.asarray(counts, dtype=np.int64)
    c = c[c.sum(axis=1) > 0][:, c.sum(axis=0) > 0]
    if c.size == 0 or min(c.shape) < 2:
        return 1.0, (1.0 if c.shape == (2, 2) else None)
    rows, cols = c.sum(axis=1), c.sum(axis=0)
    if c.shape == (2, 2):
        return _two_by_two(c, rows, cols)
    lf = special.gammaln
    observed = float(-lf(c + 1).sum())
    cutoff = observed + abs(observed) * 1e-7 + 1e-12
    # states: the rows' remaining totals -> log of the sum over tables so far of 1/prod n_ij!
    # restricted to tables at most as probable as the observed one cannot be summed by state, so
    # the tables are enumerated; each state carries its partial -sum ln n_ij! values
    states = {tuple(int(r) for r in rows): np.zeros(1)}
    seen = 0
    for j, total in enumerate(cols):
        nxt: dict[tuple[int, ...], list[np.ndarray]] = {}
        for remaining, partial in states.items():
            for column in _compositions(int(total), remaining):
                key = tuple(r - a for r, a in zip(remaining, column))
                nxt.setdefault(key, []).append(partial - float(sum(lf(a + 1) for a in column)))
                seen += partial.size
                if seen > TABLE_LIMIT:
                    raise StataError("Fisher's exact test: too many tables to enumerate", 910)
        states = {k: np.concatenate(v) for k, v in nxt.items()}
    logs = next(iter(states.values()))
    constant = float(lf(rows + 1).sum() + lf(cols + 1).sum() - lf(c.sum() + 1))
    p = float(np.exp(logs[logs <= cutoff] + constant).sum())
    return min(p, 1.0), None


def _two_by_two(c: np.ndarray, rows: np.ndarray, cols: np.ndarray) -> tuple[float, float]:
    n, r1, c1 = int(c.sum()), int(rows[0]), int(cols[0])
    a = int(c[0, 0])
    dist = stats.hypergeom(n, r1, c1)
    lo, hi = max(0, r1 + c1 - n), min(r1, c1)
    support = np.arange(lo, hi + 1)
    pmf = dist.pmf(support)
    observed = dist.pmf(a)
    two = float(pmf[pmf <= observed * (1 + 1e-7)].sum())
    one = float(min(dist.cdf(a), dist.sf(a - 1)))
    return min(two, 1.0), min(one, 1.0)
