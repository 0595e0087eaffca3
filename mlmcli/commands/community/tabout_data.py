"""tabout's numbers: the tabulate counts (matcell/matrow/matcol) and summarize's figures that
tabout.ado 2.0.7 reads (do_mat, sum_oneway, sum_twoway, do_statres)."""
from __future__ import annotations

import math

import numpy as np


def coded_values(ds, name: str) -> tuple[np.ndarray, dict | None]:
    """The variable's values (a string variable encoded 1, 2, ... in sorted order, as encode
    does) and the labels of its values (None: no value label)."""
    if ds.is_string(name):
        texts = ["" if v is None or v != v else str(v) for v in ds.df[name].to_numpy(dtype=object)]
        levels = sorted({t for t in texts if t != ""})
        code = {t: float(k + 1) for k, t in enumerate(levels)}
        return (np.array([code.get(t, math.nan) for t in texts], dtype=float),
                {float(k + 1): t for k, t in enumerate(levels)})
    values = np.asarray(ds.numeric(name), dtype=float)
    lab = ds.value_label_of.get(name)
    return values, (None if lab is None else dict(ds.value_labels.get(lab, {})))


def count_grid(v: np.ndarray, h: np.ndarray | None, mask: np.ndarray, w: np.ndarray | None,
               rows: np.ndarray | None = None, cols: np.ndarray | None = None):
    """tabulate v [h]: (row values, column values, counts) over the non-missing pairs of the
    sample; with rows/cols given, the counts on that grid (values outside it left out)."""
    mask = mask & ~np.isnan(v)
    if h is not None:
        mask &= ~np.isnan(h)
    rows = np.unique(v[mask]) if rows is None else rows
    cols = (np.unique(h[mask]) if h is not None else np.array([0.0])) if cols is None else cols
    mask &= np.isin(v, rows)
    if h is not None:
        mask &= np.isin(h, cols)
    weight = np.ones(v.size) if w is None else w
    ci = np.searchsorted(cols, h[mask]) if h is not None else np.zeros(int(mask.sum()), dtype=int)
    counts = np.zeros((rows.size, cols.size))
    np.add.at(counts, (np.searchsorted(rows, v[mask]), ci), weight[mask])
    return rows, cols, counts.tolist()


def summarize_figure(kind: str, x: np.ndarray, w: np.ndarray | None) -> float:
    """do_statres(): one r() figure of summarize, detail (frequency weights w)."""
    from mlmcli.summary_statistics import moments, stata_percentile, weighted_moments, weighted_percentile

    if kind == "uwsum":
        kind, w = "sum", None
    kind = {"median": "p50", "count": "N"}.get(kind, kind)
    keep = ~np.isnan(x)
    if w is not None:
        keep &= ~np.isnan(w) & (w > 0)  # summarize drops zero frequency weights
        x, w = x[keep], w[keep]
        r = weighted_moments(x, w, "fweight")
        order = np.argsort(x, kind="stable")
        pct = (lambda p: weighted_percentile(x[order], w[order], p))
    else:
        x = x[keep]
        r = moments(x)
        sx = np.sort(x)
        pct = (lambda p: stata_percentile(sx, p))
    for p in (1, 5, 10, 25, 50, 75, 90, 95, 99):
        r[f"p{p}"] = pct(p) if x.size else math.nan

    def ratio(a, b):
        return r[a] / r[b] if r[b] == r[b] and r[b] != 0 else math.nan
    derived = {"iqr": lambda: r["p75"] - r["p25"], "r9010": lambda: ratio("p90", "p10"),
               "r9050": lambda: ratio("p90", "p50"), "r7525": lambda: ratio("p75", "p25"),
               "r1050": lambda: ratio("p10", "p50")}
    if kind in derived:
        return float(derived[kind]())
    return float(r.get(kind, math.nan))  # r(var): summarize stores r(Var), so missing


def summary_matrix(pairs: list, data: dict, v, h, rows, cols, touse, w, oneway: bool) -> list:
    """sum_oneway (every statistic for each row value, then all rows) or sum_twoway (the first
    statistic in each cell, the row and column totals and the grand total)."""
    def figure(kind, name, mask):
        return summarize_figure(kind, data[name][mask], None if w is None else w[mask])

    def row_mask(x):
        return touse & ((v == x) if x is not None else ~np.isnan(v))
    if oneway:
        return [[figure(kind, name, row_mask(x)) for kind, name in pairs] for x in list(rows) + [None]]
    kind, name = pairs[0]
    hv = np.nan_to_num(h, nan=math.inf)
    return [[figure(kind, name, row_mask(x) & (hv == y)) for y in cols]
            + [figure(kind, name, row_mask(x) & ~np.isnan(h))] for x in list(rows) + [None]]
