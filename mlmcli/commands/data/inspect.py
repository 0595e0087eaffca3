"""``inspect [varlist] [if] [in]`` ([D] inspect): per variable, the numbers of negative, zero
and positive values (integers and not), missing values, unique values (up to 99), a small
histogram, and whether a value label documents every value.

r() of the last variable: N (observations with a value), N_neg, N_0, N_pos, N_negint,
N_posint, N_unique (. beyond 99), N_undoc (. without a value label).  A string variable shows
as all missing, as Stata's does.
"""
from __future__ import annotations

import numpy as np

from mlmcli.commands.data.common import mark
from mlmcli.errors import StataError
from mlmcli.render.inspection import render_inspection
from mlmcli.render.numfmt import format_number
from mlmcli.syntax.options import resolve_options
from mlmcli.value_inspection import inspect_values


def cmd_inspect(session, cmd) -> None:
    resolve_options(cmd.options, [])
    if cmd.weight is not None:
        raise StataError("weights not allowed", 101)
    ds = session.data
    names = ds.expand_varlist(cmd.args) if cmd.args.strip() else list(ds.varnames)
    rows = mark(session, cmd, (), strok=True)
    result = None
    for name in names:
        values = np.full(int(rows.sum()), np.nan) if ds.is_string(name) else ds.numeric(name)[rows]
        label_name = ds.value_label_of.get(name)
        labels = ds.value_labels.get(label_name, {}) if label_name else None
        result = inspect_values(name, ds.var_labels.get(name, ""), values, labels,
                                lambda v: format_number(v, "%9.0g").strip())
        session.print(render_inspection(result))
    if result is None:
        session.set_r({})
        return
    nan = float("nan")
    session.set_r({"N": float(result.nonmissing), "N_neg": float(result.negative.total),
                   "N_0": float(result.zero.total), "N_pos": float(result.positive.total),
                   "N_negint": float(result.negative.integers), "N_posint": float(result.positive.integers),
                   "N_unique": nan if result.unique is None else float(result.unique),
                   "N_undoc": nan if result.undocumented is None else float(result.undocumented)})
