"""``xtpatternvar [if] [in], generate(newvar)`` (N. J. Cox's SSC command, xtpatternvar.ado
1.0.0): a string variable holding each panel's pattern of presence over time -- "1" where the
panel has an observation, "." where it has none, from the earliest to the latest time in the
sample (xtdescribe's patterns, one per row).  Rows outside the sample get "".  The data must be
xtset with a time variable (the ado reads ``xtset``'s r(timevar); with none set, "time variable
not set" r(111) here -- a decision: the ado's behaviour there was not checked).  Patterns longer
than 244 periods: "no go; patterns too long for str244" r(498), as the ado."""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options


def cmd_xtpatternvar(session, cmd) -> None:
    from mlmcli.panel.time_settings import panel_setting, time_setting
    from mlmcli.sample import mark_sample
    from mlmcli.syntax.varlist import check_new_name

    if cmd.args.strip():
        raise StataError("varlist not allowed", 101)
    opts = resolve_options(cmd.options, [OptionSpec("generate", 3, takes_arg=True)])
    if not opts.get("generate"):
        raise StataError("option generate() required", 198)
    name = str(opts["generate"]).strip()
    ds = session.data
    check_new_name(ds, name)
    ivar, tvar = panel_setting(ds), time_setting(ds)
    if not ivar:
        raise StataError("panel variable not set; use xtset varname ...", 459)
    if not tvar:
        raise StataError("time variable not set, use tsset varname ...", 111)
    touse = np.asarray(mark_sample(session, cmd), bool)
    if not touse.any():
        raise StataError("no observations", 2000)
    t = ds.numeric(tvar)
    lo, hi = float(np.nanmin(t[touse])), float(np.nanmax(t[touse]))
    if hi - lo + 1 > 244:
        raise StataError("no go; patterns too long for str244", 498)
    panel = ds.numeric(ivar)
    patterns = np.full(ds.nobs, "", dtype=object)
    for value in np.unique(panel[touse]):
        rows = np.flatnonzero(touse & (panel == value))
        times = np.sort(t[rows])
        text, last = "", lo - 1
        for time in times:  # as the ado: dots for each gap, then "1"
            text += "." * max(int(time - last - 1), 0) + "1"
            last = time
        patterns[rows] = text + "." * max(int(hi - last), 0)
    width = max((len(p) for p in patterns), default=1) or 1
    ds.set_variable(name, patterns, f"str{width}")
