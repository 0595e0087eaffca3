"""Skewed logistic regression ([R] scobit), on ``mlmcli.glm.skewed_logit``:

    scobit depvar [indepvars] [if] [in] [fw iw pw] [, noconstant offset(v) or vce(oim|robust|cluster v)
           level(#) nolog iterate(#) tolerance(#) ltolerance(#) nrtolerance(#) display_options]

As scobit.ado: the outcome is depvar != 0 ("outcome does not vary" r(2000) otherwise); "Fitting
logistic model:" (the logit, its Iteration 0 the constant-only model) gives e(ll_c) and the start
(lnalpha = 0) of "Fitting full model:"; no model test (ml's waldtest(0)); the header has Number of
obs, Zero outcomes, Nonzero outcomes; the table ends with /lnalpha and alpha (ml's diparm); below,
"LR test of alpha=1" against the logit (not under a robust VCE or pweights) and the note on
likelihood-ratio tests.  Layout: scobit.ado's Display (``render.fractional_response``).  predict:
scob_p (``predict_fractional``): pr (default), xb, stdp.  Refused: constraints(), from(), score(),
asis, vce(opg|bootstrap|jackknife).  The command typed alone replays.
"""
from __future__ import annotations

import numpy as np

from mlmcli.commands.estimation.common import display_option_specs, robust_macros, table_options_with_notes
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, confidence_level, resolve_options

HELP = {"scobit": "scobit depvar [indepvars] [if] [in] [weight] [, noconstant offset(v) or vce() level(#)] : "
                  "skewed logistic regression"}
_DISPLAY = [OptionSpec("level", 1, takes_arg=True), OptionSpec("or", 2), *display_option_specs()]
_OPTIONS = [
    *_DISPLAY, OptionSpec("noconstant", 6), OptionSpec("offset", 3, takes_arg=True), OptionSpec("vce", 3, takes_arg=True),
    OptionSpec("robust", 1), OptionSpec("cluster", 2, takes_arg=True), OptionSpec("nolog", 5), OptionSpec("log", 3),
    OptionSpec("iterate", 4, takes_arg=True), OptionSpec("tolerance", 3, takes_arg=True),
    OptionSpec("ltolerance", 4, takes_arg=True), OptionSpec("nrtolerance", 5, takes_arg=True),
    OptionSpec("difficult", 3), OptionSpec("constraints", 5, takes_arg=True), OptionSpec("from", 4, takes_arg=True),
    OptionSpec("score", 2, takes_arg=True), OptionSpec("asis", 4), OptionSpec("nocnsreport", 7),
]


def run(session, cmd) -> None:
    from mlmcli.commands.estimation.common import group_codes, sandwich_vce
    from mlmcli.commands.estimation.convergence import finish
    from mlmcli.commands.estimation.glm import variable_option
    from mlmcli.commands.estimation.limited_dependent import depvar_and_terms, ml_settings
    from mlmcli.commands.estimation.ml_binary_common import binary_outcome, constant_only_start, model_sample
    from mlmcli.factor_variables import build_design, term_variables
    from mlmcli.glm.fractional_response import FractionalData, fit_fractional
    from mlmcli.glm.skewed_logit import SkewedLogitData, fit_skewed_logit

    if not cmd.args.strip() and cmd.weight is None and not cmd.if_exp and not cmd.in_range:
        return replay_typed(session, cmd)
    ds = session.data
    opts = resolve_options(cmd.options, _OPTIONS)
    for refused in ("constraints", "from", "score", "asis"):
        if opts.get(refused) is not None:
            typed = refused + ("()" if refused != "asis" else "")
            raise StataError(f"option {typed} not supported by mlmcli with scobit", 198)
    depvar, terms = depvar_and_terms(ds, cmd.args)
    if opts.get("noconstant") and not terms:
        raise StataError("independent variables required with noconstant option", 102)
    vce, clustvar = sandwich_vce(ds, opts, "oim")
    if vce == "opg":
        raise StataError("option vce(opg) not supported by mlmcli with scobit", 198)
    offset_var = variable_option(ds, opts, "offset")
    table = table_options_with_notes(session, opts)
    touse, w, kind = model_sample(session, cmd, [depvar] + term_variables(terms) + [offset_var], clustvar)
    n = int(touse.sum())
    if n == 1:
        raise StataError("insufficient observations", 2001)
    y = binary_outcome(ds, depvar, touse)
    if kind == "pweight" and vce == "oim":
        vce = "robust"
    design = build_design(ds, terms, touse, constant=not opts.get("noconstant"))
    for note in design.notes:
        session.print(note)
    weights = np.ones(n) if w is None else w[touse]
    offset = ds.numeric(offset_var)[touse] if offset_var else np.zeros(n)
    cluster = group_codes(ds, clustvar, touse) if vce == "cluster" else None
    ml, robust, frequency = ml_settings(session, opts), vce != "oim", kind == "fweight"
    start = constant_only_start(design, y, weights, "logit")  # logit's Iteration 0: the constant-only fit
    logit = fit_fractional(FractionalData(y, design.X, offset, weights), "logit", start, **ml, robust=False)
    fit = fit_skewed_logit(SkewedLogitData(y, design.X, offset, weights), np.concatenate([logit.theta, [0.0]]),
                           **ml, robust=robust, cluster=cluster, frequency=frequency)
    e = _post(session, cmd, depvar, design, fit, logit, touse, kind, vce, clustvar, cluster, offset_var, y, weights,
              confidence_level(opts, getattr(session, "level", 95.0)))
    session.e = e
    _display(session, e, opts, log=not opts.get("nolog"), table=table)
    finish(session, e, converged=fit.converged, at_limit=fit.limit_reached,
           iterate_typed=opts.get("iterate") is not None)


def _post(session, cmd, depvar, design, fit, logit, touse, kind, vce, clustvar, cluster, offset_var, y, weights,
          level):
    from mlmcli.commands.estimation.ml_binary_common import attach, posted, weight_macros
    from mlmcli.estimation.results import EstimationResults
    from mlmcli.mixed.spec import CoefLabel
    from mlmcli.postest.coefficient_rows import safe_rank
    from mlmcli.postest.fractional_prediction import SkewedLogitPredictions
    from mlmcli.results.glmm import IterationLog, IterationPhase

    labels = list(design.labels)
    names, b_mat, V_mat = posted(((depvar, labels), ("lnalpha", [CoefLabel("_cons")])), fit.theta, fit.V)
    k, p = len(names), design.X.shape[1]
    count = weights if kind == "fweight" else np.ones(len(y))
    N, n_s = float(count.sum()), float(count @ y)
    robust = vce != "oim"
    scalars = {"N": N, "N_f": N - n_s, "N_s": n_s, "ll": fit.loglik, "k": float(k), "k_eq": 2.0, "k_aux": 1.0,
               "k_dv": 1.0, "df_m": float(sum(1 for lab in labels if not (lab.base or lab.omitted)
                                              and lab.name != "_cons")),
               "alpha": float(np.exp(fit.theta[-1])), "rank": float(safe_rank(fit.V)),
               "ic": float(max(len(fit.steps) - 1, 0)), "rc": 0.0, "converged": float(fit.converged)}
    macros = {"cmd": "scobit", "cmdline": (cmd.text or f"scobit {cmd.args}").strip(), "depvar": depvar,
              "title": "Skewed logistic regression", "vce": vce, "opt": "moptimize", "ml_method": "e2",
              "user": "scob_lf", "technique": "nr", "which": "max", "predict": "scob_p",
              "footnote": "scobit_footnote", "properties": "b V",
              "crittype": "log pseudolikelihood" if robust else "log likelihood"}
    if not (robust or kind == "pweight"):  # scobit.ado's LR test against the logit
        chi2_c = 2 * (fit.loglik - logit.loglik)
        if fit.loglik < logit.loglik and abs(fit.loglik - logit.loglik) / (abs(logit.loglik) + 1) < 1e-5:
            chi2_c = 0.0
        scalars.update(ll_c=logit.loglik, chi2_c=chi2_c)
        macros["chi2_ct"] = "LR"
    if clustvar:
        scalars["N_clust"] = float(len(np.unique(cluster)))
    robust_macros(macros, robust, clustvar)
    if offset_var:
        macros["offset"] = offset_var
    weight_macros(macros, cmd, kind)
    matrices = {"b": b_mat, "V": V_mat}
    e = EstimationResults(cmd="scobit", scalars=scalars, macros=macros, matrices=matrices, model=None, sample=touse,
                          title="Skewed logistic regression", design=design)
    model = SkewedLogitPredictions(fit.theta[:p], fit.V[:p, :p], float(fit.theta[-1]), depvar, offset_var)
    log = IterationLog((IterationPhase("Fitting logistic model:", tuple(logit.steps)),
                        IterationPhase("Fitting full model:", tuple(fit.steps))))
    return attach(session, e, model, fit, level, _result, labels=tuple(labels), log=log)


def _result(e, level):
    from mlmcli.glm import inference as ginf
    from mlmcli.mixed.inference import fixed_rows
    from mlmcli.results.glmm import GLMResult

    m, s = e.model, e.scalars
    p = len(m.b)
    fixed = fixed_rows(m.labels, m.theta[:p], m.full_V[:p, :p], level)
    se_a = np.sqrt(max(float(m.full_V[p, p]), 0.0))
    with np.errstate(over="ignore", invalid="ignore"):  # alpha's interval past the largest double: missing
        natural = ginf.natural_ancillary(["lnalpha"], m.theta[p:], np.array([se_a]), level)
    return GLMResult(
        title="Skewed logistic regression", command="scobit", depvar=e.macros["depvar"], nobs=s["N"], fixed=fixed,
        fixed_eform=ginf.eform_rows(fixed), eform_label="Odds Ratio",
        ancillary=ginf.ancillary_rows(["lnalpha"], m.theta[p:], np.array([se_a]), level),
        ancillary_natural=natural,
        loglik=s["ll"], ll_0=float("nan"), chi2=float("nan"), chi2_type="", df_m=int(s["df_m"]), p=float("nan"),
        pseudo_r2=float("nan"), level=level, pseudo=e.macros["vce"] != "oim",
        vce="robust" if e.macros["vce"] != "oim" else "oim", cluster_var=e.macros.get("clustvar"),
        n_clusters=int(s["N_clust"]) if "N_clust" in s else None, offset_name=m.offset_var,
        converged=bool(s["converged"]), iteration_log=m.log)


def _display(session, e, opts, *, log: bool, table=None) -> None:
    from mlmcli.commands.estimation.ml_binary_common import show
    from mlmcli.render.fractional_response import render_scobit

    s = e.scalars
    lr = None
    if e.macros.get("chi2_ct") == "LR":  # scobit_footnote: chiprob(1, e(chi2_c)), no e() of its own
        from mlmcli import distributions as stats

        lr = (s["chi2_c"], float(stats.chi2.sf(s["chi2_c"], 1)))
    show(session, e, opts, _result, render_scobit, n_zero=s["N_f"], n_nonzero=s["N_s"], lr_test=lr,
         eform=bool(opts.get("or")), log=log, table=table,
         warn=e.macros["vce"] == "oim" and e.macros.get("wtype") != "pweight")


def replay_typed(session, cmd) -> None:
    from mlmcli.estimation.active import replay_results

    e = replay_results(session, ("scobit",))
    _display(session, e, resolve_options(cmd.options, _DISPLAY), log=False)


def cmd_scobit(session, cmd) -> None:
    run(session, cmd)
