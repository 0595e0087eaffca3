"""Truncated regression ([R] truncreg), on ``mlmcli.glm.truncated_normal``:

    truncreg depvar [indepvars] [if] [in] [weight] [, ll(varname|#) ul(varname|#) noconstant offset(v)
             vce(oim|robust|cluster v) level(#) nolog iterate(#) tolerance(#) ltolerance(#) nrtolerance(#)
             display_options]

As truncreg.ado: the sample is marked (depvar, indepvars, offset, cluster), then the rows with
depvar <= ll() or depvar >= ul() (or a missing limit variable) are dropped and counted in
``(note: # obs. truncated)``; e(N_bf) is the count before.  The model is fitted in (b, sigma)
("Fitting full model:"), its header's Wald test is of the coefficients other than the constant.
aweights (scaled to sum to N), fweights, iweights and pweights.  ``marginal``/``at()``,
``constraints()``, ``from()``, ``score()``, ``noskip``/``lrmodel`` and vce(opg|bootstrap|jackknife)
are refused.  The command typed alone replays.  Layout: ``mlmcli.render.truncated_regression``.
"""
from __future__ import annotations

import numpy as np

from mlmcli.commands.estimation.common import display_option_specs, robust_macros, table_options_with_notes
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, confidence_level, resolve_options

HELP = {"truncreg": "truncreg depvar [indepvars] [if] [in] [weight] [, ll(varname|#) ul(varname|#) noconstant "
                    "offset(v) vce() level(#) nolog] : truncated regression"}
_OPTIONS = [
    OptionSpec("ll", 2, takes_arg=True), OptionSpec("ul", 2, takes_arg=True), OptionSpec("noconstant", 5),
    OptionSpec("offset", 3, takes_arg=True), OptionSpec("vce", 3, takes_arg=True), OptionSpec("robust", 1),
    OptionSpec("cluster", 2, takes_arg=True), OptionSpec("level", 1, takes_arg=True), OptionSpec("nolog", 5),
    OptionSpec("log", 3), OptionSpec("iterate", 4, takes_arg=True), OptionSpec("tolerance", 3, takes_arg=True),
    OptionSpec("ltolerance", 4, takes_arg=True), OptionSpec("nrtolerance", 5, takes_arg=True),
    OptionSpec("difficult", 4), OptionSpec("marginal", 1), OptionSpec("at", 2, takes_arg=True),
    OptionSpec("constraints", 5, takes_arg=True), OptionSpec("from", 4, takes_arg=True),
    OptionSpec("score", 2, takes_arg=True), OptionSpec("lrmodel", 7), OptionSpec("collinear", 3),
    OptionSpec("nocnsreport", 7), *display_option_specs(),
]


def _limit(ds, text):
    """ll()/ul(): (values on every row, e() text, header text) from a number or a variable."""
    from mlmcli.render.numfmt import format_number

    t = str(text).strip()
    try:
        v = float(t)
    except ValueError:
        name = ds.resolve(t)
        return ds.numeric(name), name, name.rjust(10)
    return np.full(ds.nobs, v), t, format_number(v, "%10.0g")


def run(session, cmd) -> None:
    from mlmcli.commands.estimation.common import group_codes, sandwich_vce
    from mlmcli.commands.estimation.limited_dependent import depvar_and_terms, ml_settings, model_weights
    from mlmcli.commands.estimation.convergence import finish
    from mlmcli.commands.estimation.glm import variable_option
    from mlmcli.estimation.active import replay_results
    from mlmcli.factor_variables import build_design, term_variables
    from mlmcli.glm.truncated_normal import TruncatedData, fit_truncated
    from mlmcli.sample import mark_sample

    if not cmd.args.strip() and cmd.weight is None and not cmd.if_exp and not cmd.in_range:
        e = replay_results(session, ("truncreg",))
        opts = resolve_options(cmd.options, [OptionSpec("level", 1, takes_arg=True), *display_option_specs()])
        return _display(session, e, opts, log=False)
    ds = session.data
    opts = resolve_options(cmd.options, _OPTIONS)
    for refused in ("marginal", "at", "constraints", "from", "score", "lrmodel"):
        if opts.get(refused) is not None:
            raise StataError(f"option {refused} not supported by mlmcli with truncreg", 198)
    depvar, terms = depvar_and_terms(ds, cmd.args)
    if opts.get("noconstant") and not terms:
        raise StataError("independent variables required with noconstant option", 100)
    vce, clustvar = sandwich_vce(ds, opts, "oim")
    if vce == "opg":
        raise StataError("option vce(opg) not supported by mlmcli with truncreg", 198)
    offset_var = variable_option(ds, opts, "offset")
    table = table_options_with_notes(session, opts)
    touse = np.asarray(mark_sample(session, cmd, [depvar] + term_variables(terms)
                                   + ([offset_var] if offset_var else [])), dtype=bool)
    if clustvar:
        touse &= np.asarray(mark_sample(session, cmd, [clustvar], strok=True), dtype=bool)
    w, kind = model_weights(session, cmd, touse)
    count_w = w if kind == "fweight" else np.ones(ds.nobs)
    n_before = float(count_w[touse].sum())
    y = ds.numeric(depvar)
    lower = upper = None
    if opts.get("ll") is not None:
        lower = _limit(ds, opts["ll"])
        touse &= ~np.isnan(lower[0]) & ~(y <= lower[0])
    if opts.get("ul") is not None:
        upper = _limit(ds, opts["ul"])
        touse &= ~np.isnan(upper[0]) & ~(y >= upper[0])
    if kind == "pweight" and vce == "oim":
        vce = "robust"
    n_after = float(count_w[touse].sum())
    if not touse.any():
        raise StataError("no observations", 2000)
    design = build_design(ds, terms, touse, constant=not opts.get("noconstant"))
    for note in design.notes:
        session.print(note)
    n = int(touse.sum())
    weights = np.ones(n) if w is None else w[touse]
    if kind == "aweight":
        weights = weights * (n / weights.sum())
    data = TruncatedData(y[touse], design.X, lower[0][touse] if lower else np.full(n, -np.inf),
                         upper[0][touse] if upper else np.full(n, np.inf),
                         ds.numeric(offset_var)[touse] if offset_var else np.zeros(n), weights)
    cluster = group_codes(ds, clustvar, touse) if vce == "cluster" else None
    fit = fit_truncated(data, **ml_settings(session, opts), robust=vce != "oim", cluster=cluster,
                        frequency=kind == "fweight")
    e = _results(session, cmd, depvar, design, fit, touse, kind, vce, clustvar, cluster, offset_var, lower, upper,
                 n_after, n_before, confidence_level(opts, getattr(session, "level", 95.0)))
    session.e = e
    from mlmcli.render.numfmt import format_number

    note = f"(note: {format_number(n_before - n_after, '%12.0fc').strip()} obs. truncated)"
    _display(session, e, opts, log=not opts.get("nolog"), note=note, table=table)
    finish(session, e, converged=fit.converged, at_limit=fit.limit_reached,
           iterate_typed=opts.get("iterate") is not None)


def _results(session, cmd, depvar, design, fit, touse, kind, vce, clustvar, cluster, offset_var, lower, upper,
             N, n_before, level):
    from mlmcli.estimation.results import EstimationResults
    from mlmcli.mixed.inference import wald_test
    from mlmcli.postest.coefficient_rows import coefficient_matrices, safe_rank
    from mlmcli.results.glmm import IterationLog, IterationPhase
    from mlmcli.results.matrix import Matrix

    p = len(fit.theta) - 1
    b_mat, V_mat = coefficient_matrices(design.labels, fit.theta[:p], fit.V[:p, :p])
    names = [f"eq1:{n}" for n in b_mat.colnames] + ["sigma:_cons"]
    k = len(names)
    est = [j for j, lab in enumerate(design.labels) if not (lab.base or lab.omitted)] + [k - 1]
    b, V = np.zeros(k), np.zeros((k, k))
    b[est], V[np.ix_(est, est)] = fit.theta, fit.V
    labels = tuple(lab for lab in design.labels if not (lab.base or lab.omitted))
    chi2, df, pval = wald_test(labels, fit.theta[:p], fit.V[:p, :p])
    robust = vce != "oim"
    scalars = {"N": N, "N_bf": n_before, "k_eq": 2.0, "k_eq_model": 1.0, "k_aux": 1.0, "df_m": float(df),
               "ll": fit.loglik, "chi2": chi2, "p": pval, "sigma": float(fit.theta[-1]),
               "rank": float(safe_rank(fit.V)), "ic": float(max(len(fit.steps) - 1, 0)), "rc": 0.0,
               "converged": float(fit.converged)}
    if clustvar:
        scalars["N_clust"] = float(len(np.unique(cluster)))
    macros = {"cmd": "truncreg", "cmdline": (cmd.text or f"truncreg {cmd.args}").strip(), "depvar": depvar,
              "title": "Truncated regression", "chi2type": "Wald", "vce": vce, "opt": "moptimize",
              "ml_method": "lf", "user": "trunc_ll", "technique": "nr", "which": "max",
              "crittype": "log pseudolikelihood" if robust else "log likelihood", "properties": "b V",
              "predict": "truncr_p"}
    if lower:
        macros["llopt"] = lower[1]
    if upper:
        macros["ulopt"] = upper[1]
    if offset_var:
        macros["offset1"] = offset_var
    robust_macros(macros, robust, clustvar)
    if kind:
        macros["wtype"] = kind
        macros["wexp"] = "= " + cmd.weight.exp
    matrices = {"b": Matrix(b[None, :], ("y1",), tuple(names)), "V": Matrix(V, tuple(names), tuple(names))}
    X = design.X
    if X.shape[1] and any(lab.name != "_cons" for lab in labels):  # e(means), e(dummy) of the regressors
        cols = [j for j, lab in enumerate(labels) if lab.name != "_cons"]
        w = np.ones(X.shape[0])
        means = np.average(X[:, cols], axis=0, weights=w)
        dummy = np.array([float(np.all(np.isin(X[:, j], (0.0, 1.0)))) for j in cols])
        cn = tuple(labels[j].name for j in cols)
        matrices["means"] = Matrix(means[None, :], ("r1",), cn)
        matrices["dummy"] = Matrix(dummy[None, :], ("r1",), cn)
    e = EstimationResults(cmd="truncreg", scalars=scalars, macros=macros, matrices=matrices, model=None,
                          sample=touse, title="Truncated regression", design=design)
    e.model = _model(fit, design, offset_var, lower, upper, depvar, matrices)
    e.result = _result(e, level, IterationLog((IterationPhase("Fitting full model:", tuple(fit.steps)),)),
                       fit.converged, clustvar)
    e.stamp_sample(session.data)
    return e


def _model(fit, design, offset_var, lower, upper, depvar, matrices):
    """truncr_p's statistics are tobit_p's (x b, sigma: ``CensoredPredictions``); replay keeps the
    design labels and the limits' header texts on it."""
    from mlmcli.postest.censored_prediction import CensoredPredictions

    p = len(fit.theta) - 1
    model = CensoredPredictions(fit.theta[:p], fit.V[:p, :p], float(fit.theta[-1]), offset_var, design.labels,
                                depvar=depvar)
    model.posted = (matrices["b"], matrices["V"])
    model.labels = design.labels
    model.lower = lower[2] if lower else "      -inf"
    model.upper = upper[2] if upper else "      +inf"
    return model


def _result(e, level, log, converged, clustvar):
    from mlmcli.mixed.spec import CoefLabel
    from mlmcli.postest.coefficient_rows import rows_from_estimates
    from mlmcli.results.truncated_regression import TruncatedRegressionResult

    labels = e.model.labels
    b, V = e.matrices["b"].values.ravel(), e.matrices["V"].values
    est = [j for j, lab in enumerate(labels) if not (lab.base or lab.omitted)]
    rows = rows_from_estimates(labels, b[est], V[np.ix_(est, est)], level)
    (sigma,) = rows_from_estimates((CoefLabel("/sigma"),), b[-1:], V[-1:, -1:], level)
    cluster = (int(e.scalars["N_clust"]), clustvar) if clustvar else None
    return TruncatedRegressionResult(
        depvar=e.macros["depvar"], lower=e.model.lower, upper=e.model.upper, nobs=e.scalars["N"],
        chi2=e.scalars["chi2"], df_m=int(e.scalars["df_m"]), p=e.scalars["p"], loglik=e.scalars["ll"], rows=rows,
        sigma=sigma, offset=e.model.offset_var or "", level=level, pseudo=e.macros["vce"] != "oim", cluster=cluster,
        iteration_log=log, converged=converged)


def _display(session, e, opts, *, log: bool, note: str | None = None, table=None) -> None:
    import dataclasses

    from mlmcli.render.truncated_regression import render_truncated_regression

    r = e.result
    level = confidence_level(opts, r.level)
    if level != r.level:
        r = dataclasses.replace(_result(e, level, r.iteration_log, r.converged, e.macros.get("clustvar")))
    table = table if table is not None else table_options_with_notes(session, opts)
    session.print(render_truncated_regression(r, linesize=session.linesize, log=log, options=table,
                                              truncated_note=note))


def cmd_truncreg(session, cmd) -> None:
    run(session, cmd)
