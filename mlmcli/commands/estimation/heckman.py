"""Heckman's selection model ([R] heckman), on ``mlmcli.glm.heckman_selection``:

    heckman depvar [=] [indepvars] [if] [in] [weight], select([depvar_s =] varlist [, noconstant offset(v)])
            [twostep noconstant offset(v) vce(oim|robust|cluster v) level(#) nolog mills(newvar)
            nshazard(newvar) iterate(#) tolerance(#) ltolerance(#) nrtolerance(#) display_options]

As heckman.ado (Stata 16's tree for names and messages; Stata 13's layout from a published log):
with ``select(varlist)`` an observation is selected when depvar is not missing and the selection
equation is named ``select``; with ``select(s = varlist)`` when s is not 0, the equation named
after s.  The sample: if/in, weights and the selection variables (and cluster()); a selected
observation with a missing outcome variable is dropped.  ML (the default) starts from the
two-step estimates; its header's Wald test is of the outcome equation's coefficients, and
``LR test of indep. eqns.`` compares ln L with the probit's plus the regression's (Wald under
a robust VCE).  ``twostep``: Heckman's estimator with the corrected covariance, ``mills``'
lambda, rho and sigma (rho beyond [-1, 1] truncated and sigma = lambda/rho, the default
rhosigma); its Wald test is of the outcome variables in every equation (test varlist).  Weights:
fweights, pweights, iweights, aweights (ML; aweights scaled to sum to N); none with twostep.
``first``, ``from()``, ``score()``, ``constraints()``, the rho options other than rhosigma,
``noskip``/``lrmodel`` and vce(opg|bootstrap|jackknife) are refused.
"""
from __future__ import annotations

import dataclasses

import numpy as np

from mlmcli.commands.estimation.common import display_option_specs, table_options_with_notes
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, confidence_level, resolve_options

HELP = {"heckman": "heckman depvar [indepvars] [if] [in] [weight], select([depvar_s =] varlist[, noconstant "
                   "offset(v)]) [twostep noconstant offset(v) vce() level(#) mills(newvar) nolog] : Heckman "
                   "selection model"}
HECKMAN_OPTIONS = [
    OptionSpec("select", 3, takes_arg=True), OptionSpec("twostep", 3), OptionSpec("mle", 3),
    OptionSpec("noconstant", 5), OptionSpec("offset", 3, takes_arg=True), OptionSpec("vce", 3, takes_arg=True),
    OptionSpec("robust", 1), OptionSpec("cluster", 2, takes_arg=True), OptionSpec("level", 1, takes_arg=True),
    OptionSpec("nolog", 5), OptionSpec("log", 3), OptionSpec("iterate", 4, takes_arg=True),
    OptionSpec("tolerance", 3, takes_arg=True), OptionSpec("ltolerance", 4, takes_arg=True),
    OptionSpec("nrtolerance", 5, takes_arg=True), OptionSpec("difficult", 4),
    OptionSpec("mills", 1, takes_arg=True), OptionSpec("nshazard", 2, takes_arg=True), OptionSpec("rhosigma", 4),
    OptionSpec("first", 3), OptionSpec("from", 4, takes_arg=True), OptionSpec("score", 2, takes_arg=True),
    OptionSpec("constraints", 5, takes_arg=True), OptionSpec("rhotrunc", 4), OptionSpec("rholimited", 4),
    OptionSpec("rhoforce", 4), OptionSpec("lrmodel", 7), OptionSpec("collinear", 3), OptionSpec("nocnsreport", 7),
    *display_option_specs(),
]


@dataclasses.dataclass
class Prepared:
    depvar: str
    seldep: str | None
    selname: str
    data: object
    design: object
    select_design: object
    sample: np.ndarray
    weight_kind: str | None
    offsets: tuple[str, str]
    vce: str
    clustvar: str | None
    cluster: np.ndarray | None
    level: float
    opts: dict
    twostep: bool


def parse_select(ds, text):
    """select([depvar =] varlist [, noconstant offset(v)]) -> (depvar, terms, constant, offset)."""
    from mlmcli.commands.estimation.limited_dependent import equation_option

    seldep, terms, constant, offset = equation_option(ds, text, depvar=True)
    if not constant and not terms:
        raise StataError("no variables specified for selection", 198)
    return seldep, terms, constant, offset


# heckprob ([R] heckprob): heckman's syntax without the two-step, mills() and rho options
PROBIT_OPTIONS = [spec for spec in HECKMAN_OPTIONS if spec.name not in ("twostep", "mle", "mills", "nshazard", "rhosigma",
                                                                 "rhotrunc", "rholimited", "rhoforce")]


def prepare(session, cmd, name: str = "heckman") -> Prepared:
    from mlmcli.commands.estimation.common import group_codes, sandwich_vce
    from mlmcli.commands.estimation.limited_dependent import depvar_and_terms, model_weights
    from mlmcli.commands.estimation.glm import variable_option
    from mlmcli.factor_variables import build_design, term_variables
    from mlmcli.glm.heckman_selection import SelectionData
    from mlmcli.sample import mark_sample

    ds = session.data
    opts = resolve_options(cmd.options, HECKMAN_OPTIONS if name == "heckman" else PROBIT_OPTIONS)
    for refused in ("first", "from", "score", "constraints", "rhotrunc", "rholimited", "rhoforce", "lrmodel"):
        if opts.get(refused) is not None:
            raise StataError(f"option {refused} not supported by mlmcli with {name}", 198)
    if opts.get("twostep") and opts.get("mle"):
        raise StataError("only one of mle and twostep is allowed.", 198)
    if opts.get("select") is None:
        raise StataError("option select() required", 198)
    depvar, terms = depvar_and_terms(ds, cmd.args, equals=True)  # heckman depvar = indepvars too
    if opts.get("noconstant") and not terms:
        raise StataError("must specify variables or allow constant for primary equation", 198)
    seldep, sel_terms, sel_constant, seloff = parse_select(ds, opts["select"])
    if name == "heckprob" and not sel_terms:  # heckprob.ado's SelectEq
        raise StataError("no variables specified for selection equation", 198)
    twostep = bool(opts.get("twostep"))
    offset_var = variable_option(ds, opts, "offset")
    if twostep:
        if opts.get("vce") is not None:  # heckman.ado: _vce_parse, optlist(CONVENTIONAL), the full word
            from mlmcli.syntax.options import read_vce

            read_vce(opts["vce"], (("conventional", 12),))
        if offset_var or seloff or opts.get("robust") or opts.get("cluster") or cmd.weight is not None:
            raise StataError("weights, offset(), vce(robust), score(), and\nvce(cluster clustvar) not allowed with "
                             "the \ntwo-step option", 198)
        vce, clustvar = "conventional", None
        for name in ("iterate", "tolerance", "ltolerance", "nrtolerance"):
            if opts.get(name) is not None:
                raise StataError("option nooption not allowed", 198)
    else:
        vce, clustvar = sandwich_vce(ds, opts, "oim")
        if vce == "opg":
            raise StataError("option vce(opg) not supported by mlmcli with heckman", 198)
    n = ds.nobs
    touse = np.asarray(mark_sample(session, cmd, []), dtype=bool)
    w, kind = model_weights(session, cmd, touse)
    for v in ([seldep] if seldep else []) + term_variables(sel_terms) + ([seloff] if seloff else []):
        touse &= ~np.isnan(ds.numeric(v))
    if clustvar:
        touse &= np.asarray(mark_sample(session, cmd, [clustvar], strok=True), dtype=bool)
    y = ds.numeric(depvar)
    selected = (ds.numeric(seldep) != 0) if seldep else ~np.isnan(y)
    outcome_ok = ~np.isnan(y)
    for v in term_variables(terms) + ([offset_var] if offset_var else []):
        outcome_ok &= ~np.isnan(ds.numeric(v))
    touse &= ~(selected & ~outcome_ok)
    if kind == "pweight" and vce == "oim":
        vce = "robust"
    if not touse.any():
        raise StataError("no observations", 2000)
    s = selected[touse]
    if name == "heckprob" and (s.all() or not s.any()):  # heckprob.ado's probit of the selection first
        from mlmcli.glm.separation import NOT_VARY
        raise StataError("selection equation:" + NOT_VARY, 2000)
    if s.all():
        raise StataError("Dependent variable never censored because of selection: \nmodel would simplify to OLS "
                         "regression", 498)
    design = build_design(ds, terms, touse & selected, constant=not opts.get("noconstant"))
    select_design = build_design(ds, sel_terms, touse, constant=sel_constant)
    X = np.asarray(design.columns(ds), float).reshape(n, -1)[touse]
    X = np.where(s[:, None], X, 0.0)
    weights = np.ones(int(touse.sum())) if w is None else w[touse]
    if kind == "aweight":
        weights = weights * (len(weights) / weights.sum())
    offset = ds.numeric(offset_var)[touse] if offset_var else np.zeros(len(s))
    data = SelectionData(s, np.where(s, y[touse], 0.0), X, select_design.X, np.where(s, offset, 0.0),
                         ds.numeric(seloff)[touse] if seloff else np.zeros(len(s)), weights)
    cluster = group_codes(ds, clustvar, touse) if vce == "cluster" else None
    level = confidence_level(opts, getattr(session, "level", 95.0))
    return Prepared(depvar, seldep, seldep or "select", data, design, select_design, touse, kind,
                    (offset_var or "", seloff or ""), vce, clustvar, cluster, level, opts, twostep)


def replayed(session, cmd, name: str) -> bool:
    """Whether ``cmd`` is ``name`` alone (with display options): heckman's or heckprob's
    results shown again; False when it is a fit."""
    from mlmcli.commands.estimation.heckman_results import render_results
    from mlmcli.estimation.active import replay_results

    if cmd.args.strip() or cmd.weight is not None or cmd.if_exp or cmd.in_range:
        return False
    e = replay_results(session, (name,))
    if e.macros.get("prefix") == "svy":  # svy: heckprob's own output again
        from mlmcli.commands.estimation.survey_selection_replay import replay

        replay(session, e, cmd.options)
        return True
    opts = resolve_options(cmd.options, [OptionSpec("level", 1, takes_arg=True), *display_option_specs()])
    session.print(render_results(e, log=False, options=table_options_with_notes(session, opts),
                                 level=confidence_level(opts, e.result.level), linesize=session.linesize))
    return True

def run(session, cmd) -> None:
    from mlmcli.commands.estimation.convergence import finish
    from mlmcli.commands.estimation.heckman_results import ml_results, render_results, two_step_results
    from mlmcli.commands.estimation.limited_dependent import ml_settings
    from mlmcli.glm.heckman_selection import fit_selection, ml_start, regression_loglik, two_step
    from mlmcli.iteration_listener import listening

    if replayed(session, cmd, "heckman"):
        return
    prep = prepare(session, cmd)
    for name in ("mills", "nshazard"):
        if prep.opts.get(name) is not None:
            from mlmcli.syntax.varlist import check_new_name

            check_new_name(session.data, str(prep.opts[name]).strip())
    table = table_options_with_notes(session, prep.opts)
    for note in prep.design.notes + prep.select_design.notes:
        session.print(note)
    ml = ml_settings(session, prep.opts)
    d = prep.data
    try:
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"), listening(None):
            ts = two_step(d, **ml)  # its probit is no line of the printed log: none of the live line's
    except np.linalg.LinAlgError:
        raise StataError("the two-step estimates cannot be computed: the outcome design is singular", 498) from None
    if not (np.all(np.isfinite(ts.b)) and np.all(np.isfinite(ts.gamma)) and np.isfinite(ts.sigma)):
        # values near 1e307: the two-step (the ML start) is past the largest double; glm's rule
        raise StataError("initial values not feasible", 1400)
    if prep.twostep:
        e = two_step_results(session, cmd, prep, ts)
        converged, at_limit = True, False
    else:
        fit = fit_selection(d, ml_start(d, ts), **ml, robust=prep.vce != "oim", cluster=prep.cluster,
                            frequency=prep.weight_kind == "fweight")
        e = ml_results(session, cmd, prep, fit, ts.probit_ll, regression_loglik(d))
        converged, at_limit = fit.converged, fit.limit_reached
    _mills_variable(session, prep, e)
    session.e = e
    session.print(render_results(e, log=not prep.opts.get("nolog"), options=table, linesize=session.linesize))
    finish(session, e, converged=converged, at_limit=at_limit, iterate_typed=prep.opts.get("iterate") is not None)


def _mills_variable(session, prep, e) -> None:
    """mills()/nshazard(): phi(z g)/Phi(z g) on the estimation sample, "nonselection hazard"."""
    name = prep.opts.get("nshazard") or prep.opts.get("mills")
    if name is None:
        return
    from scipy import special

    zg = e.model.index(session.data, 2)
    with np.errstate(invalid="ignore"):
        values = np.exp(-0.5 * zg * zg - 0.5 * np.log(2 * np.pi) - special.log_ndtr(zg))
    session.data.set_variable(str(name).strip(), np.where(prep.sample, values, np.nan), vtype="float")
    session.data.var_labels[str(name).strip()] = "nonselection hazard"
    e.macros["mills"] = str(name).strip()


def cmd_heckman(session, cmd) -> None:
    run(session, cmd)
