"""A nested mixed model's per-group cross-products computed where the rows are.

``NestedReduction`` describes the model as SQL column expressions over a relation with
the dataset's variables: the level variables (outermost first; the lowest-level group
of a row is its combination of all of them), the random-effects columns z (innermost
term first, ``1`` for ``_cons``), the fixed-effects columns x (``factor_variables``
recipes as SQL) and y, and the estimation sample (an SQL boolean).  One
``GROUP BY`` over the level variables gives, per lowest-level group, the row count and
the sum of every distinct product of two columns that ``GroupSums`` needs (z_a c_b for
the rows of zc, x_a x_b / x_a y / y y for xy); ``assemble`` turns those sums (sorted by
the level variables, as the in-memory group codes are) into ``mixed.group_sums.GroupSums``.
The sums add up over any split of the rows, so the same query run on parts of the
data and summed by group gives the same result (``mlmcli.distributed``).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mlmcli.lazydata.store import quote
from mlmcli.mixed.group_sums import GroupSums
from mlmcli.sorted_codes import neighbours_differ

ONE = "1"


@dataclass(frozen=True)
class NestedReduction:
    """See the module docstring.  ``depth[k]``: how many level variables (from the
    outermost) identify term k's groups; ``qs[k]``: term k's random-effects columns
    (outermost first); ``columns``: z (innermost term first), x, y as SQL."""

    keys: tuple[str, ...]
    depth: tuple[int, ...]
    qs: tuple[int, ...]
    columns: tuple[str, ...]
    p: int
    sample: str = "true"

    @property
    def Q(self) -> int:
        return sum(self.qs)

    def pairs(self) -> list[tuple[int, int]]:
        """(a, b) column pairs whose sums are needed: z x everything, and (x, y) x (x, y)."""
        Q, D = self.Q, len(self.columns)
        out = [(a, b) for a in range(Q) for b in range(a, D)]
        out += [(a, b) for a in range(Q, D) for b in range(a, D)]
        return out

    def distinct_products(self) -> dict[tuple[str, str], str]:
        """Canonical product (two SQL texts, sorted) -> its output column name."""
        out: dict[tuple[str, str], str] = {}
        for a, b in self.pairs():
            key = tuple(sorted((self.columns[a], self.columns[b])))
            if key not in out:
                out[key] = f"__p{len(out)}"
        return out

    def aggregate_sql(self, source: str) -> str:
        """The GROUP BY query over ``source`` (a relation with the dataset's variables)."""
        keys = ", ".join(quote(k) for k in self.keys)
        sums = []
        for (e1, e2), name in self.distinct_products().items():
            if e1 == ONE and e2 == ONE:
                expr = "count(*)"
            elif ONE in (e1, e2):
                expr = f"sum({e2 if e1 == ONE else e1})"
            else:
                expr = f"sum(({e1}) * ({e2}))"
            sums.append(f"CAST({expr} AS DOUBLE) AS {name}")
        return (f"SELECT {keys}, CAST(count(*) AS DOUBLE) AS __n, {', '.join(sums)} FROM {source} "
                f"WHERE {self.sample} GROUP BY {keys}")

    def ordered_sql(self, source: str) -> str:
        keys = ", ".join(quote(k) for k in self.keys)
        return f"{self.aggregate_sql(source)} ORDER BY {keys}"

    def assemble(self, table: dict[str, np.ndarray]) -> GroupSums:
        """GroupSums from the query's columns (rows sorted by the level variables)."""
        G = len(table["__n"])
        names = self.distinct_products()
        D, Q = len(self.columns), self.Q
        r = D - Q

        def sums(a: int, b: int) -> np.ndarray:
            key = tuple(sorted((self.columns[a], self.columns[b])))
            return np.asarray(table[names[key]], dtype=float)

        zc = np.empty((G, Q, D))
        for a in range(Q):
            for b in range(D):
                zc[:, a, b] = sums(a, b) if b >= a or b >= Q else zc[:, b, a]
        xy = np.empty((G, r, r))
        for i in range(r):
            for j in range(i, r):
                xy[:, i, j] = xy[:, j, i] = sums(Q + i, Q + j)
        changes = [np.r_[True, _differs(np.asarray(table[k]))] if G else np.zeros(0, bool) for k in self.keys]
        term_groups, n_groups = [], []
        for d in self.depth:
            start = np.zeros(G, bool)
            for c in changes[:d]:
                start |= c
            codes = np.cumsum(start) - 1
            term_groups.append(codes.astype(np.int64))
            n_groups.append(int(codes[-1]) + 1 if G else 0)
        return GroupSums(zc=zc, xy=xy, count=np.asarray(table["__n"], dtype=float), qs=tuple(self.qs),
                         term_groups=tuple(term_groups), n_groups=tuple(n_groups))


def fixed_cross_products(sums: GroupSums, k: int, constant: bool) -> np.ndarray:
    """Cross-products of the first k fixed-effects columns over all rows, centred when the
    model has a constant (then column k is the constant: its sums are the column sums):
    G = sum_i c_i c_i' - n m m', m = sum_i c_i / n (``collinear_columns.independent_columns``)."""
    total = sums.xy.sum(axis=0)
    G = total[:k, :k].copy()
    if constant:
        n = float(sums.count.sum())
        m = total[:k, k]
        G -= np.outer(m, m) / n if n > 0 else 0.0
    return G


def keep_fixed_columns(sums: GroupSums, columns: list[int]) -> GroupSums:
    """The sums of a model with only these fixed-effects columns (indices into x)."""
    Q, p = sum(sums.qs), sums.p
    rows = list(columns) + [p]  # and y
    return GroupSums(zc=sums.zc[:, :, list(range(Q)) + [Q + j for j in rows]],
                     xy=sums.xy[:, rows][:, :, rows], count=sums.count, qs=sums.qs,
                     term_groups=sums.term_groups, n_groups=sums.n_groups)


def _differs(values: np.ndarray) -> np.ndarray:
    """values[i+1] != values[i] (numbers or strings)."""
    return neighbours_differ(values)


def reduce_in_duckdb(reduction: NestedReduction, source: str) -> GroupSums:
    """Run the reduction in the process's DuckDB (``source``: the lazy dataset's relation)."""
    from mlmcli.lazydata import store

    result = store.query(reduction.ordered_sql(source)).fetchnumpy()
    return reduction.assemble({k: _plain(v) for k, v in result.items()})


def _plain(values) -> np.ndarray:
    """A fetched column as a plain numpy array (masked NULLs cannot occur: the sample excludes them)."""
    arr = np.ma.getdata(values) if isinstance(values, np.ma.MaskedArray) else np.asarray(values)
    return arr
