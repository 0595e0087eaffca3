"""``tssmooth nl [type] newvar = exp [if] [in], smoother(smoother[,twice]) [replace]`` ([TS] tssmooth
nl; tssmooth.ado 1.5.5's _ts_nlsmooth, which calls ``smooth``, smooth.ado 2.1.6).  The numbers:
``mlmcli.time_series.nonlinear_smoothers``.  Prints nothing (tssmooth runs under version 8, where
tsreport reports only when asked)."""
from __future__ import annotations

import numpy as np

from mlmcli.storage_types import fit_storage
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options


def tssmooth_nl(session, cmd, left: str, exp: str, series_of, target_of, store_of) -> None:
    from mlmcli.time_series.nonlinear_smoothers import nonlinear_smooth, parse_smoother

    opts = resolve_options(cmd.options, [OptionSpec("smoother", 2, True), OptionSpec("replace", 7)])
    vtype, name = target_of(session, left, bool(opts.get("replace")))
    series = series_of(session, cmd, exp)
    if series.several_panels():
        raise StataError("tssmooth , nl() does not work with more than one panel in a sample", 198)
    # tssmooth.ado takes out the first blank only (an unqualified subinstr)
    text = str(opts.get("smoother") or "").replace(" ", "", 1)
    smoother = parse_smoother(text)
    rows = np.flatnonzero(series.touse & ~np.isnan(series.x))
    if rows.size == 0:
        raise StataError("no observations", 2000)
    rows = rows[np.argsort(series.time[rows], kind="stable")]
    if np.any(np.rint(np.diff(series.time[rows]) / series.delta) != 1):
        raise StataError("cannot apply nl smoothers to variables with missing values", 198)
    single = vtype != "double"

    def store(values: np.ndarray) -> np.ndarray:  # every step of smooth.ado sits in a float (or double)
        return fit_storage(values, "float") if single else values  # past float's range: missing

    out = np.full(session.data.nobs, np.nan)
    out[rows] = nonlinear_smooth(series.x[rows], smoother, store)
    label = f"nl: x(t)= {exp.strip()}: smoother({text})"
    store_of(session, name, vtype, out, label, label)
    r = {"N": float(rows.size), "timevar": series.tvar}
    r |= {"panelvar": series.pvar} if series.pvar else {}
    session.set_r(r | {"smoother": text, "method": "nl"})
