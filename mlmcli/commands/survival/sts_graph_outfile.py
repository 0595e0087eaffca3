"""``sts graph, outfile(filename[, replace])``: the graph's data saved as a dataset.  The option
is undocumented in the manual; sts.ado 8.6.0 (Graph_wrk's last lines) keeps, of the data it has
built to draw from, the by() variables, ``_t``, the plotted function and ``Vh``:

    keep `sb' _t `s' `Vh' ; rename `s' survival|failure|hazard|cumhaz ; rename `Vh' V<that name>

The name is the function option typed (none, and ``na``, which the ado does not name:
``survival``); both variables %10.0g.  Which rows, their values and storage types:
sts_graph_outfile_rows (Kaplan-Meier, failure, cumulative hazard, with lost/enter/atrisk and
censored()), sts_graph_outfile_smooth (the smoothed hazard, adjustfor()).  An existing file
without ``replace``: r(602), as ``save``."""
from __future__ import annotations

import os

import numpy as np

from mlmcli.errors import StataError

LABELS = {"survival": "Survivor function", "failure": "Failure function", "cumhaz": "Cumulative hazard",
          "hazard": "Smoothed hazard function"}


def save_outfile(session, text, choice, opts, drawn, by_vars, group_list, weights, level,
                 tmin: float, tmax: float) -> None:
    from mlmcli.commands.data.common import dta_path
    from mlmcli.dta import write_dta

    name, _, option = str(text).partition(",")
    option = option.strip().lower()
    if not name.strip():
        raise StataError("invalid file specification", 198)
    if option not in ("", "replace"):
        raise StataError(f"option {option} not allowed", 198)
    path = dta_path(name.strip())
    if os.path.exists(path) and option != "replace":
        raise StataError(f"file {path} already exists", 602)
    frame, stored = _frame(session, choice, opts, drawn, by_vars, group_list, weights, level, tmin, tmax)
    write_dta(_dataset(session, frame, stored, choice, opts, by_vars, group_list), path)


def _frame(session, choice, opts, drawn, by_vars, group_list, weights, level, tmin, tmax):
    """(columns g, _t, s, Vh; the storage types the ado's steps give them: {"_t"|"s"|"Vh"|"by": type},
    the rest as stset's ``_t``, the data's by() variables, doubles)."""
    from mlmcli.commands.survival import sts_graph_outfile_rows as rows
    from mlmcli.commands.survival import sts_graph_outfile_smooth as smooth

    statistic, by = choice.statistic, bool(by_vars)
    if statistic == "hazard":  # noorigin; per() is 1
        f = smooth.hazard_frame(session, choice, group_list, weights, level, tmin, tmax)
        return f, {"_t": "float", "Vh": "float", "by": "float"}
    if not choice.adjust:  # the rows the graph's labels and marks are drawn from
        f, stored = rows.graph_rows(session, choice, opts, drawn, by, group_list, weights, tmin, tmax)
        if f is None:
            raise StataError("no observations", 2000)
        return f, stored
    f = smooth.adjusted_frame(session, choice, group_list, weights, tmin, tmax)
    stored = {"Vh": "float"} if by and not choice.strata else {"Vh": "float", "s": "float"}  # stcox's bases()
    if not f["g"].size:
        raise StataError("no observations", 2000)
    if not opts.get("noorigin"):
        f = rows.with_origin(f, by, statistic == "failure", choice.separate, choice.per)
    return rows.times_per(f, choice, by, tmin), stored


def _dataset(session, f, stored, choice, opts, by_vars, group_list):
    import pandas as pd

    from mlmcli.dataset import Dataset

    data = session.data
    stem = ("hazard" if choice.statistic == "hazard" else "failure" if opts.get("failure") else
            "cumhaz" if opts.get("cumhaz") else "survival")
    g = f["g"].astype(int)
    columns, types, formats = {}, {}, {}
    for var in by_vars:
        values = np.array([data.df[var].to_numpy()[np.flatnonzero(mask)[0]] for _, _, mask in group_list],
                          dtype=object)[g]
        if stored.get("by") == "float" and not data.is_string(var):  # SmoothHazard's gen __by (a float)
            columns[var], types[var], formats[var] = np.asarray(values, float).astype(np.float32).astype(float), \
                "float", "%9.0g"
        else:
            columns[var] = values.astype(str) if data.is_string(var) else np.asarray(values, float)
            types[var] = data.types.get(var, "double")
            if var in data.formats:
                formats[var] = data.formats[var]
    for key, var, default in (("_t", "_t", data.types.get("_t", "double")), ("s", stem, "double"),
                              ("Vh", "V" + stem, "double")):
        types[var] = stored.get(key, default)
        columns[var] = f[key].astype(np.float32).astype(float) if types[var] == "float" else f[key]
    if "_t" not in stored and "_t" in data.formats:
        formats["_t"] = data.formats["_t"]
    formats.update({stem: "%10.0g", "V" + stem: "%10.0g"})
    var_labels = {v: data.var_labels[v] for v in by_vars if v in data.var_labels}
    if "_t" in data.var_labels and choice.statistic != "hazard":  # (the hazard's _t is its grid)
        var_labels["_t"] = data.var_labels["_t"]
    var_labels[stem] = LABELS[choice.statistic]
    labelled = {v: data.value_label_of[v] for v in by_vars if v in data.value_label_of}
    return Dataset(df=pd.DataFrame(columns), types=types, formats=formats, var_labels=var_labels,
                   value_label_of=labelled,
                   value_labels={lab: data.value_labels[lab] for lab in labelled.values() if lab in data.value_labels})
