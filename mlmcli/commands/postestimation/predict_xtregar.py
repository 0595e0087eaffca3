"""``predict`` after xtregar (xtrar_p.ado):

    predict [type] newvar [if] [in] [, xb | ue | u | e]

xb = x b (the default, "(option xb assumed; fitted values)") and ue = y - xb on the if/in rows;
u and e on the estimation sample whatever if/in say (xtrar_p's mku ignores them):
u_i = (mean_t(y_t - rho y_t-1) - mean_t(xb_t - rho xb_t-1))/(1 - rho) over the panel's rows
with a previous period, e = y - xb - u.
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options


def predict_xtregar(session, e, cmd) -> None:
    from mlmcli.commands.postestimation.predict import one_new_variable, rows_selected, store_prediction
    from mlmcli.panel.time_settings import time_structure
    from mlmcli.time_series_ops import apply_operator

    opts = resolve_options(cmd.options, [OptionSpec("xb", 2), OptionSpec("u", 1), OptionSpec("e", 1),
                                         OptionSpec("ue", 2)])
    chosen = [k for k in ("xb", "u", "e", "ue") if opts.get(k)]
    if len(chosen) > 1:
        raise StataError("you can only predict one statistic at a time", 198)
    vtype, name = one_new_variable(session, cmd)
    if not chosen:
        session.print("(option xb assumed; fitted values)")
    stat = chosen[0] if chosen else "xb"
    from mlmcli.commands.postestimation.estat_dynamic_panel import coefficient_columns

    ds = session.data
    xb = coefficient_columns(ds, e) @ e.matrices["b"].values.ravel()
    y = ds.numeric(e.macros["depvar"])
    if stat in ("xb", "ue"):
        rows = rows_selected(session, cmd)
        values = np.where(rows, xb if stat == "xb" else y - xb, np.nan)
        return store_prediction(session, name, values, vtype, "Fitted values" if stat == "xb" else "")
    sample = np.asarray(e.sample, bool) if e.sample is not None else np.zeros(ds.nobs, bool)
    panel, time, delta = time_structure(ds)
    rho = e.scalars["rho_ar"]
    xs = np.where(sample, xb, np.nan)
    ys = np.where(sample, y, np.nan)
    xstar = xs - rho * apply_operator("L", xs, panel, time, delta)
    ystar = ys - rho * apply_operator("L", ys, panel, time, delta)
    codes = np.unique(panel, return_inverse=True)[1].ravel()
    ok = np.isfinite(xstar)
    counts = np.bincount(codes[ok], minlength=codes.max() + 1)
    with np.errstate(invalid="ignore", divide="ignore"):
        xm = np.bincount(codes[ok], weights=xstar[ok], minlength=codes.max() + 1) / counts
        good = np.isfinite(ystar)
        ym = np.bincount(codes[good], weights=ystar[good], minlength=codes.max() + 1) / counts
    u = np.where(ok, (ym[codes] - xm[codes]) / (1.0 - rho), np.nan)
    store_prediction(session, name, u if stat == "u" else y - xb - u, vtype, "")
