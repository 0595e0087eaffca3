"""``xttest1 [, unadjusted]`` (Sosa-Escudero and Bera, SSC; xttest1.ado of 10/8/2006): tests
for random effects and first-order serial correlation in the error-component model after
``xtreg, re`` -- LM and adjusted (ALM) tests of Var(u)=0 (two- and one-sided), of lambda=0,
and the joint test (``mlmcli.panel.error_component_tests``; the layout
``mlmcli.render.error_component_tests``).

As the ado: "last estimates not found" r(301) unless e(cmd) is xtreg, "last estimates not
xtreg, re" r(301) unless e(model) is re; the data must be tsset with a time variable (its
``qui tsset``: r(111)); "panel has gaps" r(498) when a sample row inside its panel's time range
has no row at t - delta.  The residuals are those of the pooled ``regress depvar indepvars`` on
e(sample).  r(): N, sc_alm(_p, _df), reos_alm(_p), reos_lm(_p), rets_alm(_p, _df); with
``unadjusted`` also jt_lm(_p, _df), sc_lm(_p, _df) and rets_lm -- the ado's three assignments
to rets_lm leave the LM statistic and no rets_lm_p/rets_lm_df.
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.estimation.active import require
from mlmcli.syntax.options import OptionSpec, resolve_options


def cmd_xttest1(session, cmd) -> None:
    from mlmcli.panel.time_settings import time_structure
    from mlmcli.estimation.rows import PredictionRows
    from mlmcli.ols import fit_ols
    from mlmcli.panel.error_component_tests import error_component_tests, p_values, panel_gaps
    from mlmcli.render.error_component_tests import render_xttest1
    from mlmcli.results.panel import ErrorComponentResult

    if cmd.args.strip():
        raise StataError("varlist not allowed", 101)
    if cmd.if_exp:
        raise StataError("if not allowed", 101)
    if cmd.in_range:
        raise StataError("in range not allowed", 101)
    opts = resolve_options(cmd.options, [OptionSpec("unadjusted", 5)])
    e = require(session)
    if e.cmd != "xtreg":
        raise StataError("last estimates not found", 301)
    if e.macros.get("model") != "re":
        raise StataError("last estimates not xtreg, re", 301)
    _, time, delta = time_structure(session.data)
    ivar = e.macros["ivar"]
    panel = session.data.numeric(ivar)
    rows = PredictionRows(session, e)
    sample = np.asarray(rows.groups().sample, bool)
    if panel_gaps(panel, time, delta, sample):
        raise StataError("panel has gaps", 498)
    y = rows.depvar()
    fit = fit_ols(y[sample], rows.fixed_design()[sample], constant=True)
    resid = np.full(len(y), np.nan)
    resid[sample] = fit.residuals
    stats = error_component_tests(resid, panel, time, delta, sample, int(e.scalars["N"]), int(e.scalars["N_g"]))
    p = p_values(stats)
    unadjusted = bool(opts.get("unadjusted"))
    with np.errstate(all="ignore"):  # a depvar near the double range: what passes it is missing
        var_y, var_e, var_u = (np.var(y[sample], ddof=1), np.square(float(e.scalars["sigma_e"])),
                               np.square(float(e.scalars["sigma_u"])))
    var_y, var_e, var_u = (float(v) if np.isfinite(v) else np.nan for v in (var_y, var_e, var_u))
    result = ErrorComponentResult(depvar=e.macros["depvar"], ivar=ivar, var_y=var_y, var_e=var_e, var_u=var_u,
                                  stats=stats, p=p, unadjusted=unadjusted)
    session.print(render_xttest1(result))
    r = {"N": float(e.scalars["N"])}
    if unadjusted:
        r.update(jt_lm_df=2.0, jt_lm_p=p["lm_joint"], jt_lm=stats.lm_joint)
    r.update(sc_alm_df=1.0, sc_alm_p=p["alm_sc"], sc_alm=stats.alm_sc)
    if unadjusted:
        r.update(sc_lm_df=1.0, sc_lm_p=p["lm_sc"], sc_lm=stats.lm_sc)
    r.update(reos_alm_p=p["alm_re_one"], reos_alm=stats.alm_re_one, reos_lm_p=p["lm_re_one"],
             reos_lm=stats.lm_re_one, rets_alm_df=1.0, rets_alm_p=p["alm_re"], rets_alm=stats.alm_re)
    if unadjusted:
        r["rets_lm"] = stats.lm_re
    session.set_r(r)
