"""``xtoverid`` (Mark Schaffer and Steve Stillman's SSC command, xtoverid.ado 2.1.8) after
``xtreg, re``: the Sargan-Hansen test of the random-effects orthogonality conditions, fixed vs
random effects.

    xtoverid [, robust cluster(varlist) noisily]

As the ado: each regressor's deviation from its panel mean over e(sample) is added to the
random-effects regression, ``xtreg depvar x... md(x)... if e(sample), [robust cluster()] re``
(the fit's own robust/cluster VCE unless cluster() is typed; cluster() implies robust), and the
statistic is the Wald test that the deviations' coefficients are all 0 (those the refit
dropped as collinear left out): r(j) = chi2, r(jdf) its degrees of freedom, r(jp) the p-value.
noisily shows that regression and the test.  e(), r() of the fit and the data are left as
they were.  The ado's other models (xtivreg, xtivreg2, xthtaylor: ivreg2's Hansen J) are
refused by name; factor-variable and time-series names in e(b) are refused (the ado reads e(b)'s
column names as variables through tsrevar)."""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options

_OPTIONS = [OptionSpec("robust", 1), OptionSpec("cluster", 2, takes_arg=True), OptionSpec("noisily", 3)]


def cmd_xtoverid(session, cmd) -> None:
    from mlmcli.estimation.rows import sample_in_current_order
    from mlmcli.render.numfmt import format_number
    from mlmcli.runner import Runner, current_runner
    from mlmcli.temp_names import fresh_names

    if cmd.args.strip():
        raise StataError("varlist not allowed", 101)
    if cmd.if_exp or cmd.in_range:
        raise StataError(("if" if cmd.if_exp else "in range") + " not allowed", 101)
    if cmd.weight:
        raise StataError("weights not allowed", 101)
    opts = resolve_options(cmd.options, _OPTIONS)
    e = session.e
    if e is None or e.cmd not in ("xtivreg", "xtivreg2", "xthtaylor", "xtreg"):
        raise StataError("xtoverid works only after xtreg, xtivreg, xtivreg2 or xthtaylor", 301)
    if e.cmd != "xtreg":
        raise StataError(f"xtoverid after {e.cmd} (ivreg2's Hansen J) is not available in mlm", 198)
    model = e.macros.get("model", "")
    if model != "re":
        raise StataError(f"xtoverid not compatible with xtreg model {model}", 198)
    if e.macros.get("wtype") or e.macros.get("wexp"):
        raise StataError("current version of xtoverid does not support weights", 198)
    robust = "robust" if opts.get("robust") or e.macros.get("vcetype") == "Robust" else ""
    cluster = str(opts["cluster"]).strip() if opts.get("cluster") else e.macros.get("clustvar", "")
    if cluster:
        cluster = " ".join(session.data.expand_varlist(cluster))
        robust = "robust"
    clopt = f"cluster({cluster})" if cluster else ""
    if float(e.scalars.get("sigma_u", np.nan)) == 0:
        raise StataError("Error - saved RE estimates are degenerate (sigma_u=0) and equivalent to pooled OLS", 198)
    regressors = [n for n in e.matrices["b"].colnames if n != "_cons"]
    for name in regressors:
        if "." in name or "#" in name:
            if name[:1].isdigit() or "#" in name:
                raise StataError("factor variables not allowed", 101)
            raise StataError(f"xtoverid: time-series operators ({name}) are not available in mlm", 198)
    sample = sample_in_current_order(session, e)
    if sample is None:
        raise StataError("xtoverid: the estimation sample is not in memory", 498)
    ds, held_e, held_r = session.data, session.e, dict(session.r)
    ivar, depvar = e.macros["ivar"], e.macros["depvar"]
    touse, *devs = fresh_names(session, 1 + len(regressors))
    before = ds.copy()
    runner = current_runner(session) or Runner(session)
    try:
        panel = ds.numeric(ivar)
        work = ds.copy()
        work.set_variable(touse, sample.astype(np.float64), "byte")
        for name, dev in zip(regressors, devs):
            x = ds.numeric(name)
            means = _panel_means(x, panel, sample)
            work.set_variable(dev, np.where(sample, x - means, np.nan), "double")
        session.data = work
        q = "" if opts.get("noisily") else "quietly "
        sa = e.macros.get("sa", "")
        runner.execute(f"{q}xtreg {depvar} {' '.join(regressors)} {' '.join(devs)} if {touse}, "
                       f"{robust} {clopt} {sa} re")
        kept = [d for d in devs if d in session.e.matrices["b"].colnames]
        runner.execute(f"{q}test {' '.join(kept)}")
        j, jdf = float(session.r["chi2"]), float(session.r["df"])
    finally:
        session.data, session.e = before, held_e
        session.r = held_r
    from mlmcli import distributions as stats

    jp = float(stats.chi2.sf(j, jdf))
    clause = f"xtreg re  {robust} {clopt}"
    lines = ["", "Test of overidentifying restrictions: fixed vs random effects",
             f"Cross-section time-series model: {clause}"]
    head = "Sargan-Hansen statistic" + " " + format_number(j, "%7.3f")
    if j == 0:
        lines.append(head + "  (equation exactly identified)")
    else:
        tail = "  Chi-sq(" + format_number(jdf, "%1.0f") + ")"
        lines.append((head + tail).ljust(46) + "P-value = " + format_number(jp, "%5.4f"))
    session.print("\n".join(lines))
    session.set_r({"j": j, "jp": jp, "jdf": jdf})


def _panel_means(x, panel, sample):
    """Each row's panel mean of x over the rows in the sample (NaN outside it)."""
    import pandas as pd

    frame = pd.DataFrame({"g": panel[sample], "x": x[sample]})
    means = frame.groupby("g")["x"].transform("mean").to_numpy()
    out = np.full(len(x), np.nan)
    out[sample] = means
    return out
