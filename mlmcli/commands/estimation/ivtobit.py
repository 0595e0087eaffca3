"""Tobit model with continuous endogenous regressors ([R] ivtobit, Stata 13's ivtobit.ado), on
``mlmcli.glm.iv_tobit``:

    ivtobit depvar [varlist1] (varlist2 = varlist_iv) [if] [in] [weight], ll[(#)] ul[(#)] [mle twostep
            vce(oim|robust|cluster v) robust cluster(v) level(#) nolog iterate(#) ... display_options]

ivprobit's syntax and sample (``ivprobit.prepare``) with the censoring points: depvar <= ll()
is left-censored, >= ul() right-censored (bare ``ll``/``ul``: the sample's minimum/maximum;
"must specify censoring point" without either).  ML (one endogenous regressor): "Fitting
exogenous tobit model" (its log is quiet, as the ado's) then "Fitting full model", started from
that tobit, the OLS reduced form, alpha 0, ln of the tobit's sigma and of the reduced form's ML
standard deviation; e(b): depvar's equation, the reduced form, alpha, lns, lnv; the table shows
the structural equation, /alpha, /lns, /lnv, s and v; the footnote Instrumented:/Instruments:, a
rule, "Wald test of exogeneity (/alpha = 0)", then the observation summary.  twostep: Newey's
estimator with tobits.  Refused by name as in ivprobit.
"""
from __future__ import annotations

import numpy as np

from mlmcli.commands.estimation.common import table_options_with_notes

HELP = {"ivtobit": "ivtobit depvar [varlist1] (varlist2 = varlist_iv) [if] [in] [weight], ll[(#)] ul[(#)] [mle "
                   "twostep vce() level(#) nolog] : tobit model with continuous endogenous regressors"}


def cmd_ivtobit(session, cmd) -> None:
    from mlmcli.censored_normal import CensoredData, fit_censored_normal
    from mlmcli.commands.estimation.convergence import finish
    from mlmcli.commands.estimation.ivprobit import prepare
    from mlmcli.commands.estimation.ivprobit_results import ml_results, render_results, replayed, two_step_results
    from mlmcli.commands.estimation.limited_dependent import ml_settings
    from mlmcli.glm.iv_probit import newey_two_step
    from mlmcli.commands.estimation.equation_estimates import fit_with_variance
    from mlmcli.glm.iv_tobit import IVTobitData, IVTobitLikelihood, tobit_conditional
    from mlmcli.results.glmm import IterationPhase

    if replayed(session, cmd, "ivtobit"):
        return
    prep = prepare(session, cmd, "ivtobit")
    table = table_options_with_notes(session, prep.opts)
    for design in (prep.design, prep.reduced):
        for note in design.notes:
            session.print(note)
    ml = ml_settings(session, prep.opts)
    lo, hi = prep.limits
    if prep.method == "twostep":
        ts = newey_two_step(tobit_conditional(prep.y, lo, hi, prep.w, **ml), prep.Y2, prep.Xexog, prep.Zinst, prep.w)
        e = two_step_results(session, cmd, prep, ts)
        session.e = e
        session.print(render_results(e, log=False, options=table, linesize=session.linesize))
        return
    X, W, y = prep.design.X, prep.reduced.X, prep.y
    bound_lo = np.where(y <= lo, -np.inf, np.where(y >= hi, hi, y))
    bound_hi = np.where(y >= hi, np.inf, np.where(y <= lo, lo, y))
    exog = fit_censored_normal(CensoredData(bound_lo, bound_hi, X, np.zeros(len(y)), prep.w),
                               constant_index=X.shape[1] - 1, fit_constant_only=False, **ml)
    y2 = prep.Y2[:, 0]
    pi, *_ = np.linalg.lstsq(W, y2, rcond=None)
    resid = y2 - W @ pi
    start = np.concatenate([exog.b, pi, [0.0, exog.lnsigma, np.log(np.sqrt(resid @ resid / len(y2)))]])
    d = IVTobitData(y, y2, X, W, prep.w, lo, hi)
    if prep.opts.get("nrtolerance") is None:
        ml["nrtolerance"] = 1e-7  # ivtobit.ado's default
    fit = fit_with_variance(IVTobitLikelihood(d), start, d.w, dict(
        ml, robust=prep.vce != "oim", cluster=prep.cluster, frequency=prep.weight_kind == "fweight"))
    # the exogenous tobit runs quietly: its heading, then the full model's
    phases = (IterationPhase("Fitting exogenous tobit model\n\nFitting full model", tuple(fit.steps)),)
    e = ml_results(session, cmd, prep, fit, phases)
    session.e = e
    session.print(render_results(e, log=not prep.opts.get("nolog"), options=table, linesize=session.linesize))
    finish(session, e, converged=fit.converged, at_limit=fit.limit_reached,
           iterate_typed=prep.opts.get("iterate") is not None)
