"""repest's results as data: the outfile() dataset (wide over over() levels or long_over, with
pvalue), by(, average()) rows, betalog()'s replicate estimates and pisacoverage's coverage
marks -- as repest.ado 1.12.4 builds them with postfile, reshape and svmat (read, not copied).
"""
from __future__ import annotations

import math
import re

import numpy as np

from mlmcli.commands.community.repest_run import CellResult, flagged


def abbrev_name(name: str, n: int = 28) -> str:
    """strtoname(abbrev(name, 28)): a long name keeps its first n-2 characters, ~ and its last."""
    if len(name) > n:
        name = name[:n - 2] + "~" + name[-1]
    name = re.sub(r"\W", "_", name)
    return ("_" + name if name[:1].isdigit() else name)[:32]


def _normal_p(b: float, se: float, eform: bool) -> float:
    if math.isnan(b) or math.isnan(se) or se == 0:
        return math.nan
    z = abs((b - 1 if eform else b) / se)
    return math.erfc(z / math.sqrt(2))


def cell_columns(cell: CellResult, names: list[str], pvalue: bool, eform: bool) -> dict[str, float]:
    """One posted line: name_b, name_se (, name_pv) for each statistic."""
    out: dict[str, float] = {}
    if cell.failed:
        b = np.full(len(names), np.nan)
        se = b
    else:
        b, se = flagged(cell)
    for i, name in enumerate(names):
        lab = abbrev_name(name)
        out[f"{lab}_b"] = float(b[i])
        out[f"{lab}_se"] = float(se[i])
        if pvalue:
            out[f"{lab}_pv"] = _normal_p(float(b[i]), float(se[i]), eform)
    return out


def average_row(rows: list[dict], by_var: str, average_levels: str, pvalue: bool, eform: bool) -> dict:
    """repest_compute_averages: the mean of each _b and sqrt(sum se^2) / n of each _se over the
    rows whose by level is found in average()."""
    chosen = [r for r in rows if r[by_var] and r[by_var] in average_levels]
    out: dict = {}
    keys = [k for k in (rows[0] if rows else {}) if k.endswith(("_b", "_se"))]
    for k in keys:
        values = np.array([r.get(k, np.nan) for r in chosen], float)
        values = values[~np.isnan(values)]
        if k.endswith("_b"):
            out[k] = float(values.mean()) if values.size else np.nan
        else:
            out[k] = float(np.sqrt((values ** 2).sum()) / values.size) if values.size else np.nan
    if pvalue:
        for k in [k for k in keys if k.endswith("_se")]:
            rad = k[:-3]
            out[f"{rad}_pv"] = _normal_p(out.get(f"{rad}_b", np.nan), out[k], eform)
    out[by_var] = "average"
    return out


def wide_over(rows_by_level: list[tuple[str, list[tuple[str, dict]]]], by_var: str, pvalue: bool) -> list[dict]:
    """reshape wide over over_value: _<level>_<name>_se ... _<level>_<name>_b ..., level's - as m."""
    out = []
    for by_level, cells in rows_by_level:
        row: dict = {by_var: by_level}
        stubs: list[str] = []
        for _, cols in cells:
            for suffix in ("_se", "_b") + (("_pv",) if pvalue else ()):
                for k in cols:
                    if k.endswith(suffix) and k not in stubs and not (suffix == "_b" and k.endswith("_se")):
                        stubs.append(k)
        for stub in stubs:
            for level, cols in cells:
                row[f"_{str(level).replace('-', 'm')}_{stub}"] = cols.get(stub, np.nan)
        out.append(row)
    return out


def to_dataset(rows: list[dict], string_columns: tuple[str, ...]):
    """The rows as a Dataset: the named columns str (str20, or longer when needed), the others double."""
    import pandas as pd

    from mlmcli.dataset import Dataset

    columns: list[str] = []
    for r in rows:
        for k in r:
            if k not in columns:
                columns.append(k)
    frame = {}
    types = {}
    for k in columns:
        if k in string_columns:
            values = ["" if r.get(k) is None else str(r.get(k)) for r in rows]
            frame[k] = values
            types[k] = f"str{max([20] + [len(v.encode()) for v in values])}"
        else:
            frame[k] = np.array([r.get(k, np.nan) for r in rows], float)
            types[k] = "double"
    return Dataset(df=pd.DataFrame(frame, columns=columns), types=types)


def betalog_rows(cell: CellResult, by_var: str, pv_here: bool, over: bool) -> list[dict]:
    """repest_create_betalog: per plausible value, the estimate (weight 0) and each replicate's."""
    out = []
    for p, beta, devs in cell.betalog:
        lines = [beta] + [beta + d for d in devs]
        for w, values in enumerate(lines):
            row = {abbrev_name(n, 32): float(v) for n, v in zip(cell.names, values)}
            if pv_here:
                row["pv"] = float(p)
            row["weight"] = float(w)
            if over:
                row["over_level"] = float(cell.over_level)
            row[by_var] = cell.by_level
            out.append(row)
    return out


def betalog_dataset(rows: list[dict], by_var: str):
    return to_dataset(rows, (by_var,))


def outfile_dataset(rows: list[dict], string_columns: tuple[str, ...]):
    return to_dataset(rows, string_columns)


_STAT_SUFFIX = re.compile(r"_(m|mean|sd|kurtosis|skewness|min|max|p[15]|p[12579][059]|Var|N|sum_w|m?[0-9]+)_b$")


def pisacoverage_flags(ds) -> list[str]:
    """repest_pisacoverage: after each estimate's _se a string <name>_c, "†" when its coverage
    is below 75% (not 0), "‡" below 50%; the coverage columns are then dropped.  Returns the
    lines the ado prints for estimates whose coverage it cannot find."""
    df = ds.df
    names = list(df.columns)
    notes: list[str] = []
    new_order: list[str] = []
    marks: dict[str, list[str]] = {}
    for var in names:
        new_order.append(var)
        if not var.endswith("_b") or re.search(r"e_coverage_b|_x_b$|^x_", var):
            continue
        xvar = None
        if "e_coverage_b" in names:
            xvar = "e_coverage_b"
        else:
            cats = [n[:-len("_e_coverage_b")] for n in names if n.endswith("_e_coverage_b")]
            if cats:
                xvar = next((f"{c}_e_coverage_b" for c in cats if var.startswith(c)), None)
            else:
                candidate = var[:-2] + "_x_b"
                if candidate in names:
                    xvar = candidate
                elif _STAT_SUFFIX.search(var):
                    guess = re.sub(r"_[a-z0-9]+_b$", "_x_b", var)
                    xvar = guess if guess in names else None
                    if xvar is None:
                        notes.append("coverage was not computed")
                elif var.startswith("pwc_"):
                    guess = "x_" + var[4:]
                    xvar = guess if guess in names else None
                    if xvar is None:
                        notes.append("coverage was not computed")
        flag_var = var[:-2] + "_c"
        if xvar is None:
            marks[flag_var] = ["."] * len(df)
            notes.append(f'coverage was not computed for {var}; {flag_var}  is equal to "." ')
        else:
            x = np.asarray(df[xvar], float)
            marks[flag_var] = ["‡" if (v < 0.5 and v != 0) else "†" if (v < 0.75 and v != 0) else "" for v in x]
        marks.setdefault("__after__" + flag_var, [var[:-2] + "_se"])
    columns = {n: df[n] for n in names}
    order: list[str] = []
    for n in names:
        order.append(n)
        for flag_var in [k for k in marks if not k.startswith("__after__") and marks["__after__" + k][0] == n]:
            order.append(flag_var)
    for flag_var in [k for k in marks if not k.startswith("__after__")]:
        columns[flag_var] = marks[flag_var]
        if flag_var not in order:
            order.append(flag_var)
    keep = [n for n in order if not (re.search(r"e_coverage", n) or re.search(r"_x_[bsef]+$", n)
                                     or n.startswith("x_"))]
    import pandas as pd

    ds.df = pd.DataFrame({n: columns[n] for n in keep}, columns=keep)
    for k in [k for k in marks if not k.startswith("__after__")]:
        ds.types[k] = f"str{max([1] + [len(v.encode()) for v in marks[k]])}"
    for n in list(ds.types):
        if n not in keep:
            del ds.types[n]
    return notes
