"""``estat gof [, group(#)]`` after ``svy: logit``, ``svy: logistic`` and ``svy: probit``
([SVY] estat): the F-adjusted mean residual test of Archer and Lemeshow (2006) on the
estimation sample and the svyset design (``mlmcli/survey/goodness_of_fit.py``); r(F),
r(df1), r(df2), r(p).  Refused, not ignored: the ``total`` and ``all`` options, ``if``/``in``,
results under subpop() and replication-based variances."""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, integer_option, resolve_options

_SPECS = [OptionSpec("group", 1, True), OptionSpec("total"), OptionSpec("all")]


def estat_gof_svy(session, cmd, e) -> None:
    from mlmcli.commands.estimation.survey_sample import with_units
    from mlmcli.estimation.rows import PredictionRows
    from mlmcli.expr import evaluate_condition
    from mlmcli.render.binary_fit import render_survey_gof
    from mlmcli.survey.goodness_of_fit import mean_residual_test
    from mlmcli.survey.settings import read_settings, sampling_weights

    if len(cmd.args.split()) > 1:
        raise StataError("varlist not allowed", 101)
    if cmd.weight is not None:
        raise StataError("weights not allowed", 101)
    opts = resolve_options(cmd.options, _SPECS)
    for name in ("total", "all"):
        if opts.get(name):
            raise StataError(f"estat gof option {name} after svy is not supported by mlmcli", 198)
    if cmd.if_exp or cmd.in_range:
        raise StataError("estat gof after svy with if or in is not supported by mlmcli", 198)
    if "N_sub" in e.scalars:
        raise StataError("estat gof after svy with subpop() is not supported by mlmcli", 198)
    if e.macros.get("vce", "linearized") != "linearized":
        raise StataError(f"estat gof after svy {e.macros.get('vce')} is not supported by mlmcli (it computes the "
                         "linearized variance)", 198)
    group = integer_option(opts, "group", 10)
    if group < 2:
        raise StataError("group() must be an integer greater than 1", 198)
    ds = session.data
    settings = read_settings(ds.chars)
    if settings is None:
        raise StataError("data not set up for svy, use svyset", 119)
    rows = np.asarray(evaluate_condition(session, "e(sample)"), bool).copy()
    weights = sampling_weights(ds, settings)
    weights = np.ones(ds.nobs) if weights is None else np.asarray(weights, float)
    p = np.asarray(e.model.predict("pr", PredictionRows(session, e)), float)
    depvar = e.macros.get("depvar", "").split()[0]
    y = ds.numeric(depvar)
    rows &= np.isfinite(p) & ~np.isnan(y)
    if not rows.any():
        raise StataError("no observations", 2000)
    units = with_units(ds, settings, rows, rows, weights, False).units
    fit = mean_residual_test(y[rows] != 0, p[rows], weights[rows], units, float(e.scalars["df_r"]), group)
    session.set_r({"F": fit.F, "df1": fit.df1, "df2": fit.df2, "p": fit.p})
    model = "Probit" if e.cmd == "probit" else "Logistic"
    session.print(render_survey_gof(model, depvar, fit))
