"""``sts graph, outfile(filename[, replace])``: the plotted values saved as a dataset.  The option
is undocumented in the manual; sts.ado (Graph_wrk's last lines) keeps the by() variables, ``_t``,
the plotted function and its variance increment ``Vh`` = d/n^2 and saves them:

    keep `sb' _t `s' `Vh' ; rename `s' survival|failure|cumhaz ; rename `Vh' V<that name>

The rows are the plotted ones: per group the st times with a failure or a net loss (within
tmin()/tmax()), then -- unless ``noorigin`` or the cumulative hazard (which the ado draws without
an origin row) -- one row per group at _t = 0, appended after all groups (the ado's ``expand`` of
each group's last row): its function 1 (0 for ``failure``) without by(), and with by() the group's
last value (the ado resets the per-group plotted copies, not the saved variable), its Vh the last
row's.  The name is the function option typed: ``failure``, ``cumhaz``; without one, and with
``na`` (which the ado does not name), ``survival``.  Both variables %10.0g doubles."""
from __future__ import annotations

import os

import numpy as np

from mlmcli.errors import StataError


def save_outfile(session, text, by_vars, group_list, kms, opts, failure: bool, cumhaz: bool,
                 tmin: float, tmax: float, per: float = 1.0) -> None:
    import pandas as pd

    from mlmcli.commands.data.common import dta_path
    from mlmcli.dataset import Dataset
    from mlmcli.dta import write_dta

    name, _, option = str(text).partition(",")
    option = option.strip().lower()
    if not name.strip():
        raise StataError("invalid file specification", 198)
    if option not in ("", "replace"):
        raise StataError(f"option {option} not allowed", 198)
    path = dta_path(name.strip().strip('"'))
    if os.path.exists(path) and option != "replace":
        raise StataError(f"file {path} already exists", 602)
    stem = "failure" if opts.get("failure") else "cumhaz" if opts.get("cumhaz") else "survival"
    data = session.data
    parts, origins = [], []
    for (label, _, mask), (km, values) in zip(group_list, kms):
        keep = (km.failed != 0) | (np.where(km.time != 0, km.net_lost, km.censored) != 0)
        keep &= (km.time >= tmin) & (km.time <= tmax)
        with np.errstate(divide="ignore", invalid="ignore"):
            vh = np.where(km.at_risk == 0, 0.0, km.failed / km.at_risk ** 2)
        t, s, v = km.time[keep], values[keep], vh[keep]
        first = np.flatnonzero(mask)[0]
        by = {var: data.df[var].to_numpy()[first] for var in by_vars}
        parts.append(pd.DataFrame({**{k: [x] * t.size for k, x in by.items()}, "_t": t, stem: s, "V" + stem: v}))
        if not (opts.get("noorigin") or cumhaz) and t.size:
            start = (0.0 if failure else per) if not by_vars else s[-1]  # (the ado's s * per)
            origins.append(pd.DataFrame({**{k: [x] for k, x in by.items()}, "_t": [0.0], stem: [start],
                                         "V" + stem: [v[-1]]}))
    df = pd.concat(parts + origins, ignore_index=True)
    types = {var: data.types.get(var, "double") for var in by_vars}
    types.update({"_t": "double", stem: "double", "V" + stem: "double"})
    formats = {var: data.formats[var] for var in by_vars if var in data.formats}
    formats.update({stem: "%10.0g", "V" + stem: "%10.0g"})
    label = "Cumulative hazard" if cumhaz else "Failure function" if failure else "Survivor function"
    out = Dataset(df=df, types=types, formats=formats,
                  var_labels={**{v: data.var_labels[v] for v in by_vars if v in data.var_labels}, stem: label},
                  value_label_of={v: data.value_label_of[v] for v in by_vars if v in data.value_label_of},
                  value_labels={data.value_label_of[v]: data.value_labels[data.value_label_of[v]]
                                for v in by_vars if v in data.value_label_of
                                and data.value_label_of[v] in data.value_labels})
    write_dta(out, path)
