"""``sts list, saving(filename[, replace])``: the listed results as a .dta, as sts.ado writes
them -- SaveList (the table: time begin fail net_lost|lost [enter] survivor|failure|cumhaz
std_err lb ub, with the by() variables first), Listat's postfile (at(): time begin fail and
the function, floats) and Licompu's (compare: time and survivor_# (failure_#, cumhaz_#) per group)."""
from __future__ import annotations

import numpy as np
import pandas as pd

from mlmcli.errors import StataError
from mlmcli.storage_types import compressed_type  # st_ct: gen double, then compress

FUNCTION_NAMES = {"survival": ("survivor", "Survivor Function"), "failure": ("failure", "Failure Function"),
                  "na": ("cumhaz", "Nelson-Aalen Cum. Haz. Function")}


def parse_saving(text: str) -> tuple[str, bool]:
    """ParseSaving: ``filename[, replace]``; anything else is ``option saving() misspecified``."""
    from mlmcli.commands.data.common import dta_path

    name, comma, rest = str(text).partition(",")
    rest = rest.strip()
    if not name.strip() or rest not in ("", "replace"):
        raise StataError("option saving() misspecified", 198)
    return dta_path(name.strip()), rest == "replace"


def _by_columns(session, by_vars, keys_per_row):
    data = session.data
    cols, types, vlab = {}, {}, {}
    for j, v in enumerate(by_vars):
        cols[v] = [key[j] for key in keys_per_row]
        types[v] = data.types.get(v, "double")
        if v in data.value_label_of:
            vlab[v] = data.value_label_of[v]
    return cols, types, vlab


def save_listing(session, path: str, replace: bool, by_vars, groups, function: str, level: float,
                 kind: str, enter: bool = False) -> None:
    """groups: (by() values, rows) per group; kind: "table" (SaveList) or "at" (Listat)."""
    from mlmcli.fileformats.dta_write import save_dta

    fname, flabel = FUNCTION_NAMES[function]
    names = ["time", "begin", "fail"] + ([] if kind == "at" else ["lost" if enter else "net_lost"])
    names += (["enter"] if enter and kind != "at" else []) + [fname, "std_err", "lb", "ub"]
    keys, rows = [], []
    for key, group_rows in groups:
        for row in group_rows:
            keys.append(key)
            values = list(row[:3]) + ([] if kind == "at" else [row[3]]) + ([row[8]] if enter and kind != "at" else [])
            rows.append(values + list(row[4:8]))
    matrix = np.array(rows, float).reshape(len(rows), len(names))
    cols, types, vlab = _by_columns(session, by_vars, keys)
    for j, name in enumerate(names):
        cols[name] = matrix[:, j]
        if kind == "at":
            types[name] = "float"  # postfile's default
        elif name == "time":
            types[name] = session.data.types.get("_t", "double")
        elif name in ("begin", "fail", "lost", "net_lost", "enter"):
            types[name] = compressed_type(matrix[:, j])
        else:
            types[name] = "double"
    labels = {"time": "Time", "begin": "Beg. Total", "fail": "Fail", "net_lost": "Net Lost", "lost": "Lost",
              "enter": "Enter", fname: flabel, "std_err": "Std. Error",
              "lb": f"Lower Bound of {level:g}% Conf. Int.", "ub": f"Upper Bound of {level:g}% Conf. Int."}
    _write(session, path, replace, cols, types, labels, vlab, save_dta)


def save_compare(session, path: str, replace: bool, by_vars, keys, at, values, function: str,
                 adjusted: bool = False) -> None:
    """Licompu's file: time, then <function>_# per group labelled "<Title> for  var=value"."""
    from mlmcli.fileformats.dta_write import save_dta
    from mlmcli.render.numfmt import format_number

    from mlmcli.render.survival_sts import compare_title

    stem = FUNCTION_NAMES[function][0]
    title = compare_title(function, adjusted)
    cols, types, labels = {"time": np.asarray(at, float)}, {"time": "float"}, {}
    for g, (key, column) in enumerate(zip(keys, values), start=1):
        name = f"{stem}_{g}"
        cols[name], types[name] = np.asarray(column, float), "float"
        shown = [v if isinstance(v, str) else format_number(float(v), "%18.0g").strip() for v in key]
        labels[name] = f"{title} for " + "".join(f" {v}={s}" for v, s in zip(by_vars, shown))
    _write(session, path, replace, cols, types, labels, {}, save_dta)


def save_adjusted(session, path: str, replace: bool, by_vars, groups, failure: bool, at: bool) -> None:
    """adjustfor(): SaveList's time and survivor|failure (the by()/strata() variables first; _t's
    type and doubles) or, with at(), Listata's postfile (floats); labelled "Adjusted ... Function".
    groups: (by() values, [(time, value), ...]) per group."""
    from mlmcli.fileformats.dta_write import save_dta

    fname = "failure" if failure else "survivor"
    keys = [key for key, rows in groups for _ in rows]
    cols, types, vlab = _by_columns(session, by_vars, keys)
    cols["time"] = np.array([row[0] for _, rows in groups for row in rows], float)
    cols[fname] = np.array([row[1] for _, rows in groups for row in rows], float)
    types["time"] = "float" if at else session.data.types.get("_t", "double")
    types[fname] = "float" if at else "double"
    labels = {"time": "Time", fname: f"Adjusted {'Failure' if failure else 'Survivor'} Function"}
    _write(session, path, replace, cols, types, labels, vlab, save_dta)


def _write(session, path, replace, cols, types, labels, vlab, save_dta) -> None:
    from mlmcli.dataset import Dataset

    data = session.data
    ds = Dataset(df=pd.DataFrame(cols), types=types, var_labels=labels, value_label_of=dict(vlab),
                 value_labels={name: dict(data.value_labels[name]) for name in set(vlab.values())
                               if name in data.value_labels})
    save_dta(ds, path, replace=replace)
