"""``xtcsd`` (R. E. De Hoyos and V. Sarafidis's SSC command, xtcsd.ado 1.1.1): tests of
cross-sectional independence after ``xtreg, fe`` or ``xtreg, re`` on predict's ``e`` residuals
(``mlmcli.panel.cross_section_dependence``).

    xtcsd, {pesaran | friedman} [abs]

``pesaran``: Pesaran's CD (unbalanced panels: each pair over its common time values), r(pesaran);
``friedman``: Friedman's statistic over the time values complete in every panel, r(fried);
``abs``: the average absolute correlation of the pairs.  As the ado: no method prints "Method
option not specified" and two print "Too many method options specified", both without an
error code.  ``frees`` (its Q distribution's critical-value table) and ``show`` (the matrix of
correlations) are refused by name."""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options

_SPECS = [OptionSpec("pesaran", 3), OptionSpec("frees", 3), OptionSpec("friedman", 3), OptionSpec("show", 4),
          OptionSpec("abs", 3)]


def cmd_xtcsd(session, cmd) -> None:
    from mlmcli.panel.time_settings import time_setting
    from mlmcli.estimation.active import require
    from mlmcli.estimation.rows import PredictionRows, sample_in_current_order
    from mlmcli.panel.cross_section_dependence import friedman_ave, pesaran_cd
    from mlmcli.render.numfmt import format_number

    if cmd.args.strip() or cmd.if_exp or cmd.in_range or cmd.weight:
        raise StataError("invalid syntax", 198)
    opts = resolve_options(cmd.options, _SPECS)
    e = require(session)
    if e.cmd != "xtreg":
        raise StataError("last estimates not xtreg", 301)
    if e.macros.get("model") not in ("fe", "re"):
        raise StataError("last estimates not found", 301)
    methods = [m for m in ("pesaran", "frees", "friedman") if opts.get(m)]
    if not methods:
        session.print("Method option not specified")  # the ado: di in red ..., then exit (no error code)
        return None
    if len(methods) > 1:
        session.print("Too many method options specified")
        return None
    for name in ("frees", "show"):
        if opts.get(name):
            raise StataError(f"xtcsd: option {name} is not available in mlm", 198)
    tvar = time_setting(session.data)
    if not tvar:  # the ado's tsset
        raise StataError("time variable not set, use tsset varname ...", 111)
    sample = sample_in_current_order(session, e)
    if sample is None:
        raise StataError("xtcsd: the estimation sample is not in memory", 498)
    resid = np.asarray(e.model.predict("e", PredictionRows(session, e)), float)[sample]
    panel = session.data.numeric(e.macros["ivar"])[sample]
    time = session.data.numeric(tvar)[sample]
    keep = ~np.isnan(resid)
    resid, panel, time = resid[keep], panel[keep], time[keep]
    lines = [" ", " "]
    if methods == ["pesaran"]:
        result = pesaran_cd(resid, panel, time)
        lines.append(f"Pesaran's test of cross sectional independence = {format_number(result.statistic, '%9.3f')}"
                     f", Pr = {format_number(result.p, '%6.4f')}")
        r = {"pesaran": result.statistic}
    else:
        result = friedman_ave(resid, panel, time, int(e.scalars["g_min"]))
        lines.append(f"Friedman's test of cross sectional independence = "
                     f"{format_number(result.statistic, '%9.3f')}, Pr = {format_number(result.p, '%6.4f')}")
        r = {"fried": result.statistic}
    if opts.get("abs"):
        lines += [" ", f"Average absolute value of the off-diagonal elements = {format_number(result.mean_abs, '%9.3f')}"]
    session.print("\n".join(lines))
    session.set_r(r)
