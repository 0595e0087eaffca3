"""Beta regression ([R] betareg, Stata 14), on ``mlmcli.glm.beta_regression``:

    betareg depvar [indepvars] [if] [in] [fw pw iw] [, noconstant scale(varlist[, noconstant])
            link(logit|probit|cloglog|loglog) slink(log|root|identity) vce(oim|robust|cluster v)
            level(#) nolog iterate(#) tolerance(#) ltolerance(#) nrtolerance(#) display_options]

As betareg.ado: depvar must lie strictly between 0 and 1 ("depvar must be greater than zero and
less than one" r(459)); the start is its StartingValues'; e(b) has the depvar's equation and
``scale`` (a constant unless scale() says more).  The header's test is LR against the model with
the two constants only (e(ll_0), fitted quietly; Wald of every slope under a robust VCE), df =
e(rank) less the constants.  The log shows the full model's iterations only (mlm's choice: the
Mata estimator's log is not in the ado).  Layout: betareg.ado's Head (``render_betareg``).
predict: betareg_p (``predict_fractional``): cmean (default), cvariance, xb, xbscale, stdp, scores.
Refused: constraints(), from(), vce(bootstrap|jackknife|opg).  The command typed alone replays.
"""
from __future__ import annotations

import numpy as np

from mlmcli.commands.estimation.common import display_option_specs, robust_macros, table_options_with_notes
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, confidence_level, resolve_options

HELP = {"betareg": "betareg depvar [indepvars] [if] [in] [weight] [, scale(varlist) link(logit|probit|cloglog|"
                   "loglog) slink(log|root|identity) noconstant vce() level(#)] : beta regression"}
_DISPLAY = [OptionSpec("level", 1, takes_arg=True), *display_option_specs()]
_OPTIONS = [
    *_DISPLAY, OptionSpec("noconstant", 6), OptionSpec("scale", 3, takes_arg=True), OptionSpec("link", 2, takes_arg=True),
    OptionSpec("slink", 3, takes_arg=True), OptionSpec("vce", 3, takes_arg=True), OptionSpec("nolog", 5),
    OptionSpec("log", 3), OptionSpec("iterate", 4, takes_arg=True), OptionSpec("tolerance", 3, takes_arg=True),
    OptionSpec("ltolerance", 4, takes_arg=True), OptionSpec("nrtolerance", 5, takes_arg=True),
    OptionSpec("difficult", 3), OptionSpec("technique", 4, takes_arg=True),
    OptionSpec("constraints", 5, takes_arg=True), OptionSpec("from", 4, takes_arg=True),
    OptionSpec("nocnsreport", 7),
]
LINKS = {"logit": ("log(u/(1-u))", "Logit"), "probit": ("invnormal(u)", "Probit"),
         "cloglog": ("log(-log(1-u))", "Comp. log-log"), "loglog": ("-log(-log(u))", "Log-log")}
SLINKS = {"log": ("log(u)", "Log"), "root": ("sqrt(u)", "Square root"), "identity": ("u", "Identity")}


def _choice(text, table, what: str, names: str) -> str:
    from mlmcli.syntax.abbreviation import resolve_choice

    words = str(text).split()
    if len(words) > 1:
        raise StataError(f"only one of {names} is allowed", 198)
    name = resolve_choice(words[0].lower(), table) if words else None
    if name is None:
        raise StataError(f"unrecognized {what}() function: {text}", 199)
    return name


def run(session, cmd) -> None:
    from mlmcli.commands.estimation.common import group_codes
    from mlmcli.commands.estimation.convergence import finish
    from mlmcli.commands.estimation.limited_dependent import depvar_and_terms, ml_settings
    from mlmcli.commands.estimation.ml_binary_common import model_sample
    from mlmcli.factor_variables import build_design, parse_terms, term_variables
    from mlmcli.glm.beta_regression import BetaData, fit_beta, starting_values
    from mlmcli.syntax.options import read_vce, split_options

    if not cmd.args.strip() and cmd.weight is None and not cmd.if_exp and not cmd.in_range:
        return replay_typed(session, cmd)
    ds = session.data
    opts = resolve_options(cmd.options, _OPTIONS)
    for refused in ("constraints", "from"):
        if opts.get(refused) is not None:
            raise StataError(f"option {refused}() not supported by mlmcli with betareg", 198)
    depvar, terms = depvar_and_terms(ds, cmd.args)
    if opts.get("noconstant") and not terms:
        raise StataError("one or more variables must be specified in indepvars when the option nonconstant "
                         "is specified", 198)
    link = _choice(opts["link"], (("logit", 5), ("probit", 4), ("cloglog", 4), ("loglog", 4)), "link",
                   "logit, probit, cloglog, or loglog") if opts.get("link") is not None else "logit"
    slink = _choice(opts["slink"], (("log", 3), ("root", 4), ("identity", 4)), "slink",
                    "log, root, or identity") if opts.get("slink") is not None else "log"
    scale_terms, scale_constant = [], True
    if opts.get("scale") is not None:
        body, sub, _ = split_options(str(opts["scale"]))
        scale_constant = not resolve_options(sub, [OptionSpec("noconstant", 6)]).get("noconstant")
        scale_terms = parse_terms(ds, body) if body.strip() else []
        if not scale_terms and not scale_constant:
            raise StataError("one or more variables must be specified in scale() option when the nonconstant "
                             "suboption is specified", 198)
    vce, clustvar = "oim", None
    if opts.get("vce") is not None:
        kind, args = read_vce(opts["vce"], (("oim", 1), ("robust", 1), ("cluster", 2)))
        if len(args) > 1:
            raise StataError("vce(cluster) with several variables not supported by mlmcli with betareg", 198)
        vce, clustvar = kind, (ds.resolve(args[0]) if kind == "cluster" else None)
    table = table_options_with_notes(session, opts)
    touse, w, kind = model_sample(session, cmd, [depvar] + term_variables(terms) + term_variables(scale_terms),
                                  clustvar)
    if touse.sum() <= 1:
        raise StataError("insufficient observations", 2001)
    y = ds.numeric(depvar)[touse]
    if y.min() <= 0 or y.max() >= 1:
        raise StataError(f"{depvar} must be greater than zero and less than one", 459)
    if not np.std(y) > 0:
        raise StataError("dependent variable does not vary", 2000)
    if kind == "pweight" and vce == "oim":
        vce = "robust"
    design = build_design(ds, terms, touse, constant=not opts.get("noconstant"))
    scale_design = build_design(ds, scale_terms, touse, constant=scale_constant)
    for note in design.notes + scale_design.notes:
        session.print(note)
    n = int(touse.sum())
    weights = np.ones(n) if w is None else w[touse]
    cluster = group_codes(ds, clustvar, touse) if vce == "cluster" else None
    ml, frequency, robust = ml_settings(session, opts), kind == "fweight", vce != "oim"
    data = BetaData(y, design.X, scale_design.X, weights)
    fit = fit_beta(data, link, slink, starting_values(data, link, slink, frequency), **ml, robust=robust,
                   cluster=cluster, frequency=frequency)
    ones = np.ones((n, 1))
    null = BetaData(y, ones, ones, weights)
    ll_0 = fit_beta(null, link, slink, starting_values(null, link, slink, frequency), **ml).loglik
    e = _post(session, cmd, depvar, design, scale_design, fit, ll_0, touse, kind, vce, clustvar, cluster, link, slink,
              weights, confidence_level(opts, getattr(session, "level", 95.0)))
    session.e = e
    _display(session, e, opts, log=not opts.get("nolog"), table=table)
    finish(session, e, converged=fit.converged, at_limit=fit.limit_reached,
           iterate_typed=opts.get("iterate") is not None)


def _post(session, cmd, depvar, design, scale_design, fit, ll_0, touse, kind, vce, clustvar, cluster, link, slink,
          weights, level):
    from mlmcli import distributions as stats
    from mlmcli.commands.estimation.ml_binary_common import attach, posted, weight_macros
    from mlmcli.estimation.results import EstimationResults
    from mlmcli.postest.coefficient_rows import safe_rank
    from mlmcli.postest.fractional_prediction import BetaPredictions
    from mlmcli.results.glmm import IterationLog, IterationPhase

    labels, scale_labels = list(design.labels), list(scale_design.labels)
    names, b_mat, V_mat = posted(((depvar, labels), ("scale", scale_labels)), fit.theta, fit.V)
    k, p = len(names), design.X.shape[1]
    est_labels = [lab for lab in labels if not (lab.base or lab.omitted)]
    est_labels += [lab for lab in scale_labels if not (lab.base or lab.omitted)]
    slopes = [j for j, lab in enumerate(est_labels) if lab.name != "_cons"]
    rank = safe_rank(fit.V)
    df = rank - (len(est_labels) - len(slopes))
    robust = vce != "oim"
    if robust:
        chi2_type = "Wald"
        bs, Vs = fit.theta[slopes], fit.V[np.ix_(slopes, slopes)]
        chi2 = float(bs @ np.linalg.solve(Vs, bs)) if slopes else float("nan")
    else:
        chi2_type, chi2 = "LR", 2 * (fit.loglik - ll_0)
    pval = float(stats.chi2.sf(chi2, df)) if df > 0 else float("nan")
    N = float(weights.sum()) if kind == "fweight" else float(touse.sum())
    scalars = {"N": N, "ll": fit.loglik, "ll_0": ll_0, "chi2": chi2, "p": pval, "df_m": float(df), "k": float(k),
               "k_eq": 2.0, "k_eq_model": 2.0, "k_dv": 1.0, "rank": float(rank),
               "ic": float(max(len(fit.steps) - 1, 0)), "rc": 0.0, "converged": float(fit.converged)}
    if clustvar:
        scalars["N_clust"] = float(len(np.unique(cluster)))
    macros = {"cmd": "betareg", "cmdline": (cmd.text or f"betareg {cmd.args}").strip(), "depvar": depvar,
              "title": "Beta regression", "chi2type": chi2_type, "vce": vce, "link": link, "slink": slink,
              "linkf": LINKS[link][0], "linkt": LINKS[link][1], "slinkf": SLINKS[slink][0],
              "slinkt": SLINKS[slink][1], "predict": "betareg_p", "marginsok": "default CMean CVARiance xb XBSCAle",
              "marginsnotok": "stdp SCores", "opt": "moptimize", "ml_method": "d2", "technique": "nr",
              "which": "max", "properties": "b V", "crittype": "log pseudolikelihood" if robust else "log likelihood"}
    robust_macros(macros, robust, clustvar)
    weight_macros(macros, cmd, kind)
    matrices = {"b": b_mat, "V": V_mat}
    e = EstimationResults(cmd="betareg", scalars=scalars, macros=macros, matrices=matrices, model=None,
                          sample=touse, title="Beta regression", design=design)
    model = BetaPredictions(fit.theta[:p], fit.V[:p, :p], link, slink, depvar, (scale_design, fit.theta[p:]))
    return attach(session, e, model, fit, level, _result, labels=tuple(labels), scale_labels=tuple(scale_labels),
                  log=IterationLog((IterationPhase("", tuple(fit.steps)),)))


def _result(e, level):
    from mlmcli.mixed.inference import fixed_rows
    from mlmcli.results.fractional_response import BetaregResult

    m, s, mac = e.model, e.scalars, e.macros
    p = len(m.b)
    return BetaregResult(
        depvar=mac["depvar"], nobs=s["N"], chi2_type=mac["chi2type"], chi2=s["chi2"], df_m=int(s["df_m"]), p=s["p"],
        loglik=s["ll"], linkf=mac["linkf"], linkt=mac["linkt"], slinkf=mac["slinkf"], slinkt=mac["slinkt"],
        rows=fixed_rows(m.labels, m.theta[:p], m.full_V[:p, :p], level),
        scale_rows=fixed_rows(m.scale_labels, m.theta[p:], m.full_V[p:, p:], level), level=level,
        pseudo=mac["vce"] != "oim", cluster=(int(s["N_clust"]), mac["clustvar"]) if "N_clust" in s else None,
        iteration_log=m.log, converged=bool(s["converged"]))


def _display(session, e, opts, *, log: bool, table=None) -> None:
    from mlmcli.commands.estimation.ml_binary_common import show
    from mlmcli.render.fractional_response import render_betareg

    show(session, e, opts, _result, render_betareg, log=log, table=table)


def replay_typed(session, cmd) -> None:
    e = session.e
    if e is None or e.cmd != "betareg" or e.result is None:
        raise StataError("results for betareg not found", 301)
    _display(session, e, resolve_options(cmd.options, _DISPLAY), log=False)


def cmd_betareg(session, cmd) -> None:
    run(session, cmd)
