"""``estpost tabstat varlist [weight], statistics() columns() by() nototal missing`` posted as
estpost.ado's estpost_tabstat (read in benjann/estout; the listing checked against the published
example in estpost's help, ``estpost tabstat price mpg rep78, by(foreign) statistics(mean sd)
columns(statistics) listwise``):

- per statistic (columns(statistics)) or per variable (columns(variables), ``b``/``V`` named
  ``_b``/``_V``) a 1 x k row e(name): the by() groups one after the other, then Total (unless
  ``nototal``); a group's entries are named ``group:variable`` (``group:statistic``), or just
  ``group`` when there is one variable (one statistic);
- the groups are named by their value labels, by their values when a label cannot be a name
  (it holds ``:`` ``.`` or ``"``, or is longer than 30 characters) or a value is missing
  (``_missing_``); then e(labels) holds the labels (_estpost_namesandlabels,
  _estpost_eqnamesandlabels); a string by() variable's groups are its values;
- weights: aweights and fweights, the statistics as summarize computes them with that weight
  (tabstat.ado); e(wtype) e(wexp).
"""
from __future__ import annotations

import re

import numpy as np

from mlmcli.commands.community.estpost_listing import equation_listing, listing


def weighted_statistic(name: str, x: np.ndarray, w: np.ndarray | None, kind: str | None) -> float:
    """tabstat's statistic ``name`` of x (missing values left out) under weights w of ``kind``:
    summarize's figures (r(N), r(sum), r(mean), r(sd), r(Var), r(p#), ...) with that weight."""
    from mlmcli.summary_statistics import statistic, weighted_moments, weighted_percentile

    if w is None:
        return statistic(name, x)
    keep = ~np.isnan(x)
    x, w = x[keep], w[keep]
    m = weighted_moments(x, w, kind)
    if name == "count":
        return float(m["N"])
    if name == "sum":
        return float(m["sum"])
    if x.size == 0:
        return np.nan
    if name in ("mean", "min", "max", "sd", "skewness", "kurtosis"):
        return float(m[name])
    if name == "variance":
        return float(m["Var"])
    if name == "range":
        return float(m["max"] - m["min"])
    if name == "cv":
        return float(m["sd"] / m["mean"]) if m["mean"] else np.nan
    if name == "semean":
        return float(m["sd"] / np.sqrt(m["N"]))
    order = np.argsort(x, kind="stable")
    xs, ws = x[order], w[order]
    if name == "iqr":
        return weighted_percentile(xs, ws, 75) - weighted_percentile(xs, ws, 25)
    return weighted_percentile(xs, ws, int(name[1:]))  # p1 ... p99 (median is p50)


def _bad(label: str) -> bool:
    return bool(re.search(r'[:."]', label)) or len(label) > 30


def group_names(values: list[str], labels: list[str], equations: bool) -> tuple[list[str], str]:
    """(names, e(labels)) of the groups: their labels (a value without one: the value) unless a
    label cannot be a name or a value is missing; then the values (``.`` -> ``_missing_``) and
    e(labels) lists the labels (as equations: every label; as names: value "label" pairs)."""
    force = any("." in v for v in values)
    shown = [lab or v for v, lab in zip(values, labels)]
    force = force or any(_bad(s) for s, lab in zip(shown, labels) if lab or equations)
    if not force:
        return shown, ""
    names = [v.replace(".", "_missing_", 1) for v in values]
    if equations:
        return names, " ".join(f'`"{s}"\'' for s in shown)
    return names, " ".join(f'{n} `"{s}"\'' for n, s, v, lab in zip(names, shown, values, labels) if lab or "." in v)


def post_tabstat(session, names: list[str], stats: list[str], columns: str, touse: np.ndarray, weight: tuple,
                 byvar: str | None, opts: dict) -> None:
    from mlmcli.commands.data.tabulate_report import tabulated_categories
    from mlmcli.estimation.results import EstimationResults
    from mlmcli.results.matrix import Matrix

    ds = session.data
    w, wkind, wexp = weight
    data = {n: ds.numeric(n) for n in names}

    def table(sel: np.ndarray) -> np.ndarray:  # statistics x variables
        ws = None if w is None else w[sel]
        return np.array([[weighted_statistic(s, data[n][sel], ws, wkind) for n in names] for s in stats], float)

    groups: list[tuple[str, np.ndarray]] = []
    labels = ""
    if byvar is not None:
        include_missing = bool(opts.get("missing"))
        values, codes = tabulated_categories(ds, byvar, touse, include_missing, False)
        shown, _ = tabulated_categories(ds, byvar, touse, include_missing, True)
        if ds.is_string(byvar):  # estpost: a string variable's groups are numbered, its values the labels
            values, shown = [str(k) for k in range(1, len(values) + 1)], [s or str(k + 1) for k, s in enumerate(values)]
        lab = [s if s != v else "" for v, s in zip(values, shown)]
        full = np.full(ds.nobs, -1, dtype=int)
        full[touse] = codes
        per_row = len(names) if columns == "statistics" else len(stats)
        gnames, labels = group_names(values, lab, per_row > 1)
        groups = [(g, full == k) for k, g in enumerate(gnames)]
    if byvar is None or not opts.get("nototal"):
        groups.append(("Total" if byvar is not None else "", touse))
        if labels and len(names if columns == "statistics" else stats) > 1:
            labels += ' `"Total"\''
    tables = [(g, table(sel)) for g, sel in groups]
    if columns == "statistics":
        cnames, inner = stats, names
        rows_of = {g: t.T for g, t in tables}  # per group: variables x statistics
    else:
        cnames, inner = [{"b": "_b", "V": "_V"}.get(n, n) for n in names], stats
        rows_of = {g: t for g, t in tables}  # per group: statistics x variables
    matrices = {}
    for j, cname in enumerate(cnames):
        values = np.concatenate([rows_of[g][:, j] for g, _ in tables])
        if byvar is None:
            cols = tuple(inner)
        elif len(inner) == 1:
            cols = tuple(g for g, _ in tables)
        else:
            cols = tuple(f"{g}:{name}" for g, _ in tables for name in inner)
        matrices[cname] = Matrix(values.reshape(1, -1), ("r1",), cols)
    if not opts.get("quietly"):
        session.print()
        session.print(f"Summary statistics: {' '.join(stats)}")
        session.print(f"     for variables: {' '.join(names)}")
        if byvar is not None:
            session.print(f"  by categories of: {byvar}")
        if byvar is not None and len(inner) > 1:
            blocks = [(g, list(inner), [rows_of[g][i].tolist() for i in range(len(inner))]) for g, _ in tables]
            session.print(equation_listing(blocks, cnames, byvar))
        else:
            rows = [name.replace(" ", "_") for name in (inner if byvar is None else [g for g, _ in tables])]
            listed = {c: matrices[c].values[0].tolist() for c in cnames}
            session.print(listing(rows, cnames, listed, tuple(cnames), byvar or "",
                                  total_line=byvar is not None and not opts.get("nototal")))
        if labels:
            session.print("")
            session.print("category labels saved in macro e(labels)")
    session.e = EstimationResults(cmd="estpost", scalars={"N": float(touse.sum())},
                                  macros={"cmd": "estpost", "subcmd": "tabstat", "stats": " ".join(stats),
                                          "vars": " ".join(names), "byvar": byvar or "", "labels": labels,
                                          "wtype": wkind or "", "wexp": wexp},
                                  matrices=matrices, sample=touse.copy() if opts.get("esample") else None)
