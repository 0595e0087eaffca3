"""Heteroskedastic probit model ([R] hetprob, Stata 13), on ``mlmcli.glm.fractional_response``:

    hetprob depvar [indepvars] [if] [in] [fw pw iw], het(varlist[, offset(v)]) [noconstant offset(v)
            vce(oim|robust|cluster v) nolrtest level(#) nolog iterate(#) tolerance(#) ltolerance(#)
            nrtolerance(#) display_options]

Pr(y != 0) = Phi(x b / exp(z g)).  As hetprob.ado (Stata 13's Estimate): "Fitting probit model:"
(the probit of depvar on indepvars, from its constant-only fit: its Iteration 0 is that model's
ln L) gives e(ll_c) and the start (g = 0) of "Fitting full model:"; the header's Wald test is of
the depvar's equation less its constant; below the table the LR test of lnsigma2 = 0 against the
probit (Wald under a robust VCE or with nolrtest).  The variance equation is named ``lnsigma2``
(Stata 13's name; sigma = exp(z g)).  predict: hetpr_p (``predict_fractional``): pr (default),
sigma, xb, stdp.  Refused (r(198)): noskip, constraints(), from(), score(), asis, vce(opg|bootstrap|
jackknife).  The command typed alone replays.
"""
from __future__ import annotations

import numpy as np

from mlmcli.commands.estimation.common import display_option_specs, robust_macros, table_options_with_notes
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, confidence_level, resolve_options

HELP = {"hetprob": "hetprob depvar [indepvars] [if] [in] [weight], het(varlist[, offset(v)]) [noconstant offset(v) "
                   "vce() nolrtest level(#)] : heteroskedastic probit model"}
_DISPLAY = [OptionSpec("level", 1, takes_arg=True), OptionSpec("nolrtest", 4), *display_option_specs()]
_OPTIONS = [
    *_DISPLAY, OptionSpec("het", 3, takes_arg=True), OptionSpec("noconstant", 6), OptionSpec("offset", 3, takes_arg=True),
    OptionSpec("vce", 3, takes_arg=True), OptionSpec("robust", 1), OptionSpec("cluster", 2, takes_arg=True),
    OptionSpec("nolog", 5), OptionSpec("log", 3), OptionSpec("iterate", 4, takes_arg=True),
    OptionSpec("tolerance", 3, takes_arg=True), OptionSpec("ltolerance", 4, takes_arg=True),
    OptionSpec("nrtolerance", 5, takes_arg=True), OptionSpec("difficult", 3), OptionSpec("noskip", 6),
    OptionSpec("constraints", 5, takes_arg=True), OptionSpec("from", 4, takes_arg=True),
    OptionSpec("score", 2, takes_arg=True), OptionSpec("asis", 4), OptionSpec("collinear", 3),
    OptionSpec("nocnsreport", 7),
]

def run(session, cmd) -> None:
    from mlmcli.commands.estimation.common import group_codes, sandwich_vce
    from mlmcli.commands.estimation.convergence import finish
    from mlmcli.commands.estimation.fracreg import het_option
    from mlmcli.commands.estimation.glm import variable_option
    from mlmcli.commands.estimation.limited_dependent import depvar_and_terms, ml_settings
    from mlmcli.commands.estimation.ml_binary_common import binary_outcome, constant_only_start, model_sample
    from mlmcli.factor_variables import build_design, term_variables
    from mlmcli.glm.fractional_response import FractionalData, fit_fractional

    if not cmd.args.strip() and cmd.weight is None and not cmd.if_exp and not cmd.in_range:
        return replay_typed(session, cmd)
    ds = session.data
    opts = resolve_options(cmd.options, _OPTIONS)
    for refused in ("noskip", "constraints", "from", "score", "asis"):
        if opts.get(refused) is not None:
            typed = refused + ("()" if refused in ("constraints", "from", "score") else "")
            raise StataError(f"option {typed} not supported by mlmcli with hetprob", 198)
    if opts.get("het") is None:
        raise StataError("option het() required", 198)
    depvar, terms = depvar_and_terms(ds, cmd.args)
    if opts.get("noconstant") and not terms:
        raise StataError("independent varlist required with noconstant option.", 100)
    vce, clustvar = sandwich_vce(ds, opts, "oim")
    if vce == "opg":
        raise StataError("option vce(opg) not supported by mlmcli with hetprob", 198)
    offset_var = variable_option(ds, opts, "offset")
    het_terms, het_offset = het_option(ds, opts["het"])
    table = table_options_with_notes(session, opts)
    touse, w, kind = model_sample(session, cmd, [depvar] + term_variables(terms) + term_variables(het_terms)
                                  + [offset_var, het_offset], clustvar)
    y = binary_outcome(ds, depvar, touse)
    if kind == "pweight" and vce == "oim":
        vce = "robust"
    design = build_design(ds, terms, touse, constant=not opts.get("noconstant"))
    het_design = build_design(ds, het_terms, touse, constant=False)
    for note in design.notes + het_design.notes:
        session.print(note)
    n = int(touse.sum())
    weights = np.ones(n) if w is None else w[touse]
    offset = ds.numeric(offset_var)[touse] if offset_var else np.zeros(n)
    z_off = ds.numeric(het_offset)[touse] if het_offset else None
    cluster = group_codes(ds, clustvar, touse) if vce == "cluster" else None
    ml = ml_settings(session, opts)
    robust, frequency = vce != "oim", kind == "fweight"
    start = constant_only_start(design, y, weights, "probit")  # probit's Iteration 0: the constant-only fit
    probit = fit_fractional(FractionalData(y, design.X, offset, weights), "probit", start, **ml,
                            cluster=cluster, frequency=frequency, robust=robust)
    full_start = np.concatenate([probit.theta, np.zeros(het_design.X.shape[1])])
    full = fit_fractional(FractionalData(y, design.X, offset, weights, het_design.X, z_off), "probit", full_start,
                          **ml, cluster=cluster, frequency=frequency, robust=robust)
    e = _post(session, cmd, depvar, design, het_design, full, probit, touse, kind, vce, clustvar, cluster, offset_var,
              het_offset, y, weights, lrtest=not (robust or opts.get("nolrtest")),
              level=confidence_level(opts, getattr(session, "level", 95.0)))
    session.e = e
    _display(session, e, opts, log=not opts.get("nolog"), table=table)
    finish(session, e, converged=full.converged, at_limit=full.limit_reached,
           iterate_typed=opts.get("iterate") is not None)


def _post(session, cmd, depvar, design, het_design, fit, probit, touse, kind, vce, clustvar, cluster, offset_var,
          het_offset, y, weights, *, lrtest, level):
    from mlmcli import distributions as stats
    from mlmcli.commands.estimation.ml_binary_common import attach, posted, weight_macros
    from mlmcli.estimation.results import EstimationResults
    from mlmcli.mixed.inference import wald_test
    from mlmcli.postest.coefficient_rows import safe_rank
    from mlmcli.postest.fractional_prediction import FractionalPredictions
    from mlmcli.results.glmm import IterationLog, IterationPhase

    labels, het_labels = list(design.labels), list(het_design.labels)
    names, b_mat, V_mat = posted(((depvar, labels), ("lnsigma2", het_labels)), fit.theta, fit.V)
    k, p = len(names), design.X.shape[1]
    chi2, df, pval = wald_test(tuple(design.labels), fit.theta[:p], fit.V[:p, :p])
    q = len(fit.theta) - p
    if lrtest:
        kind_c, chi2_c = "LR", 2 * (fit.loglik - probit.loglik)
    else:
        g, Vg = fit.theta[p:], fit.V[p:, p:]
        kind_c, chi2_c = "Wald", float(g @ np.linalg.solve(Vg, g))
    p_c = float(stats.chi2.sf(chi2_c, q))
    count = weights if kind == "fweight" else np.ones(len(y))
    N, n_s = float(count.sum()), float(count @ y)
    scalars = {"N": N, "N_s": n_s, "N_f": N - n_s, "ll": fit.loglik, "ll_c": probit.loglik, "chi2": chi2,
               "df_m": float(df), "p": pval, "chi2_c": chi2_c, "df_m_c": float(q), "p_c": p_c, "k": float(k),
               "k_eq": 2.0, "k_eq_model": 1.0, "k_dv": 1.0, "rank": float(safe_rank(fit.V)),
               "ic": float(max(len(fit.steps) - 1, 0)), "rc": 0.0, "converged": float(fit.converged)}
    if clustvar:
        scalars["N_clust"] = float(len(np.unique(cluster)))
    robust = vce != "oim"
    macros = {"cmd": "hetprob", "cmdline": (cmd.text or f"hetprob {cmd.args}").strip(), "depvar": depvar,
              "title": "Heteroskedastic probit model", "chi2type": "Wald", "chi2_ct": kind_c, "vce": vce,
              "method": "ml", "predict": "hetpr_p", "opt": "moptimize", "ml_method": "d2", "technique": "nr",
              "which": "max", "user": "hetpr_lf", "properties": "b V",
              "crittype": "log pseudolikelihood" if robust else "log likelihood"}
    robust_macros(macros, robust, clustvar)
    if offset_var:
        macros["offset1"] = offset_var
    if het_offset:
        macros["offset2"] = het_offset
    weight_macros(macros, cmd, kind)
    matrices = {"b": b_mat, "V": V_mat}
    e = EstimationResults(cmd="hetprob", scalars=scalars, macros=macros, matrices=matrices, model=None,
                          sample=touse, title="Heteroskedastic probit model", design=design)
    model = FractionalPredictions(fit.theta[:p], fit.V[:p, :p], "probit", depvar, offset_var,
                                  (het_design, fit.theta[p:], het_offset), command="hetprob")
    log = IterationLog((IterationPhase("Fitting probit model:", tuple(probit.steps)),
                        IterationPhase("Fitting full model:", tuple(fit.steps))))
    return attach(session, e, model, fit, level, _result, labels=tuple(labels), het_labels=tuple(het_labels), log=log)


def _result(e, level):
    from mlmcli.mixed.inference import fixed_rows
    from mlmcli.results.fractional_response import HetprobResult

    m, s = e.model, e.scalars
    p = len(m.b)
    cluster = (int(s["N_clust"]), e.macros["clustvar"]) if "N_clust" in s else None
    return HetprobResult(
        depvar=e.macros["depvar"], nobs=s["N"], n_zero=s["N_f"], n_nonzero=s["N_s"], chi2=s["chi2"],
        df_m=int(s["df_m"]), p=s["p"], loglik=s["ll"], rows=fixed_rows(m.labels, m.theta[:p], m.full_V[:p, :p], level),
        het_rows=fixed_rows(m.het_labels, m.theta[p:], m.full_V[p:, p:], level),
        het_test=(e.macros["chi2_ct"], s["chi2_c"], int(s["df_m_c"]), s["p_c"]), level=level,
        pseudo=e.macros["vce"] != "oim", vce_label=e.macros.get("vcetype"), cluster=cluster,
        iteration_log=m.log, converged=bool(s["converged"]))


def _display(session, e, opts, *, log: bool, table=None) -> None:
    from mlmcli.commands.estimation.ml_binary_common import show
    from mlmcli.render.fractional_response import render_hetprob

    show(session, e, opts, _result, render_hetprob, log=log, table=table)


def replay_typed(session, cmd) -> None:
    from mlmcli.estimation.active import replay_results

    e = replay_results(session, ("hetprob",))
    _display(session, e, resolve_options(cmd.options, _DISPLAY), log=False)


def cmd_hetprob(session, cmd) -> None:
    run(session, cmd)
