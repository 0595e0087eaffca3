"""Probit model with continuous endogenous regressors ([R] ivprobit, Stata 13's ivprobit.ado
1.6), on ``mlmcli.glm.iv_probit``:

    ivprobit depvar [varlist1] (varlist2 = varlist_iv) [if] [in] [weight] [, mle twostep
             vce(oim|robust|cluster v) robust cluster(v) level(#) nolog iterate(#) tolerance(#)
             ltolerance(#) nrtolerance(#) difficult display_options]

ML (the default; one endogenous regressor): "Fitting exogenous probit model" (the probit of
depvar on varlist2 and varlist1) and "Fitting full model", started from that probit, the OLS
reduced form, athrho 0 and ln of the reduced form's ML standard deviation (the ado's sureg);
nrtolerance() defaults to 1e-7 as there.  e(b): depvar's equation, the reduced form (named
after the endogenous variable), athrho, lnsigma; the table shows the structural equation (the
ado's k_eq_skip) with /athrho, /lnsigma, rho and sigma; footnote: Instrumented:, Instruments:,
a rule and "Wald test of exogeneity (/athrho = 0)".  twostep: Newey's estimator (any number of
endogenous regressors; fweights only), titled "Two-step probit with endogenous regressors",
its footnote the Wald test of the first-stage residuals in the probit of depvar on them.
Refused by name: more than one endogenous regressor under ML, first, asis, from(), score(),
constraints(), vce(opg|bootstrap|jackknife) (decisions: not landed).
"""
from __future__ import annotations

import dataclasses

import numpy as np

from mlmcli.commands.estimation.common import display_option_specs, table_options_with_notes
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, confidence_level, resolve_options

HELP = {"ivprobit": "ivprobit depvar [varlist1] (varlist2 = varlist_iv) [if] [in] [weight] [, mle twostep vce() "
                    "level(#) nolog] : probit model with continuous endogenous regressors"}
_OPTIONS = [
    OptionSpec("mle", 1), OptionSpec("twostep", 3), OptionSpec("vce", 3, takes_arg=True), OptionSpec("robust", 1),
    OptionSpec("cluster", 2, takes_arg=True), OptionSpec("level", 1, takes_arg=True), OptionSpec("nolog", 5),
    OptionSpec("log", 3), OptionSpec("iterate", 4, takes_arg=True), OptionSpec("tolerance", 3, takes_arg=True),
    OptionSpec("ltolerance", 4, takes_arg=True), OptionSpec("nrtolerance", 5, takes_arg=True),
    OptionSpec("difficult", 4), OptionSpec("first", 5), OptionSpec("asis", 4), OptionSpec("from", 4, takes_arg=True),
    OptionSpec("score", 2, takes_arg=True), OptionSpec("constraints", 5, takes_arg=True),
    OptionSpec("nocnsreport", 7), *display_option_specs(),
]
_REFUSED = ("first", "asis", "from", "score", "constraints")
# ivtobit (commands/estimation/ivtobit.py) shares the syntax, with ll[(#)] ul[(#)]
TOBIT_OPTIONS = _OPTIONS + [OptionSpec("ll", 2, takes_arg=True, arg_optional=True),
                            OptionSpec("ul", 2, takes_arg=True, arg_optional=True)]


@dataclasses.dataclass
class Prepared:
    depvar: str
    endog: list
    exog: list
    inst: list
    design: object  # endogenous, exogenous, _cons
    reduced: object  # exogenous, instruments, _cons (ML's reduced form)
    y: np.ndarray
    Y2: np.ndarray
    Xexog: np.ndarray
    Zinst: np.ndarray
    w: np.ndarray
    sample: np.ndarray
    weight_kind: str | None
    method: str
    vce: str
    clustvar: str | None
    cluster: np.ndarray | None
    level: float
    opts: dict
    name: str = "ivprobit"
    limits: tuple = (-np.inf, np.inf)  # ivtobit's censoring points (open sides infinite)
    limit_texts: tuple = ("", "")


def _limits(ds, y, opts) -> tuple[tuple[float, float], tuple[str, str]]:
    """ivtobit's ll[(#)] ul[(#)] (tobit's reading: a number or, bare, the sample's min/max)."""
    from mlmcli.commands.estimation.censored import censoring_limit

    out, texts = [-np.inf, np.inf], ["", ""]
    for j, name in enumerate(("ll", "ul")):
        if opts.get(name) is not None:
            out[j], texts[j] = censoring_limit(ds, y, opts[name], name)
    if out[1] <= out[0]:
        raise StataError("no uncensored observations", 2000)
    return tuple(out), tuple(texts)


def prepare(session, cmd, name: str = "ivprobit") -> Prepared:
    from mlmcli.commands.estimation.common import group_codes, iv_equation_terms, sandwich_vce
    from mlmcli.commands.estimation.ivregress import split_iv_equation
    from mlmcli.commands.estimation.limited_dependent import model_weights
    from mlmcli.factor_variables import build_design, term_variables
    from mlmcli.sample import mark_sample

    ds = session.data
    tobit = name == "ivtobit"
    opts = resolve_options(cmd.options, TOBIT_OPTIONS if tobit else _OPTIONS)
    for refused in _REFUSED:
        if opts.get(refused) is not None:
            raise StataError(f"option {refused} not supported by mlmcli with {name}", 198)
    if tobit and opts.get("ll") is None and opts.get("ul") is None:
        raise StataError("must specify censoring point", 198)
    if opts.get("mle") and opts.get("twostep"):
        raise StataError("cannot specify both mle and twostep options", 198)
    method = "twostep" if opts.get("twostep") else "ml"
    depvar, exog_t, endog_t, inst_t = iv_equation_terms(ds, *split_iv_equation(cmd.args))
    if method == "twostep":
        typed = [n for n in ("robust", "cluster", "vce", "iterate", "tolerance", "ltolerance", "nrtolerance",
                             "difficult", "log", "nolog") if opts.get(n) is not None]
        if typed and not (typed == ["vce"] and str(opts["vce"]).strip() == "twostep"):
            raise StataError("two-step estimator only allows the first and level() options" if tobit else
                             "two-step estimator only allows the first, level(), and asis options", 198)
        vce, clustvar = "twostep", None
    else:
        vce, clustvar = sandwich_vce(ds, opts, "oim")
        if vce == "opg":
            raise StataError(f"option vce(opg) not supported by mlmcli with {name}", 198)
    used = [depvar] + term_variables(exog_t + endog_t + inst_t)
    touse = np.asarray(mark_sample(session, cmd, list(dict.fromkeys(used))), dtype=bool)
    if clustvar:
        touse &= np.asarray(mark_sample(session, cmd, [clustvar], strok=True), dtype=bool)
    w, kind = model_weights(session, cmd, touse, aweights=False)
    if method == "twostep" and kind not in (None, "fweight"):
        raise StataError("may only use fweights with two-step estimator", 498)
    if kind == "pweight" and vce == "oim":
        vce = "robust"
    if not touse.any():
        raise StataError("no observations", 2000)
    endog_d = build_design(ds, endog_t, touse, constant=False)
    if endog_d.X.shape[1] == 0:
        raise StataError(f"no endogenous variables; use {'tobit' if tobit else 'probit'} instead", 498)
    if method == "ml" and endog_d.X.shape[1] > 1:
        raise StataError(f"{name} with more than one endogenous regressor not supported by mlmcli; "
                         "use twostep", 198)
    exog_d = build_design(ds, exog_t, touse, constant=False)
    inst_t = [t for t in inst_t if t not in exog_t]  # the ado's Subtract: instruments less varlist1
    inst_d = build_design(ds, inst_t, touse, constant=False)
    if endog_d.X.shape[1] > inst_d.X.shape[1]:
        raise StataError("equation not identified; must have at least as many instruments \nnot in the regression "
                         "as there are instrumented variables", 481)
    y = ds.numeric(depvar)[touse]
    limits, texts = _limits(ds, y, opts) if tobit else ((-np.inf, np.inf), ("", ""))
    if not tobit and ((y != 0).all() or (y == 0).all()):
        from mlmcli.glm.separation import NOT_VARY
        raise StataError(NOT_VARY, 2000)
    design = build_design(ds, endog_t + exog_t, touse, constant=True)
    if any(lab.omitted for lab in design.labels[:endog_d.X.shape[1]]):  # CheckVars
        raise StataError("may not drop an endogenous regressor", 498)
    reduced = build_design(ds, exog_t + inst_t, touse, constant=True)
    weights = np.ones(int(touse.sum())) if w is None else w[touse]
    if len(weights) <= design.X.shape[1] + inst_d.X.shape[1]:  # decision: the two-step's regressions need more
        raise StataError("insufficient observations", 2001)
    cluster = group_codes(ds, clustvar, touse) if vce == "cluster" else None
    level = confidence_level(opts, getattr(session, "level", 95.0))
    return Prepared(depvar, endog_d.labels, exog_d.labels, inst_d.labels, design, reduced, y, endog_d.X, exog_d.X,
                    inst_d.X, weights, touse, kind, method, vce, clustvar, cluster, level, opts, name, limits, texts)


def cmd_ivprobit(session, cmd) -> None:
    from mlmcli.commands.estimation.convergence import finish
    from mlmcli.commands.estimation.ivprobit_results import ml_results, render_results, replayed, two_step_results
    from mlmcli.commands.estimation.limited_dependent import ml_settings
    from mlmcli.glm.heckman_selection import probit
    from mlmcli.commands.estimation.equation_estimates import fit_with_variance
    from mlmcli.glm.iv_probit import IVProbitData, IVProbitLikelihood, newey_two_step, probit_conditional
    from mlmcli.results.glmm import IterationPhase

    if replayed(session, cmd):
        return
    prep = prepare(session, cmd)
    table = table_options_with_notes(session, prep.opts)
    for design in (prep.design, prep.reduced):
        for note in design.notes:
            session.print(note)
    ml = ml_settings(session, prep.opts)
    if prep.opts.get("nrtolerance") is None:
        ml["nrtolerance"] = 1e-7  # ivprobit.ado's default
    if prep.method == "twostep":
        ts = newey_two_step(probit_conditional(prep.y, prep.w, **ml), prep.Y2, prep.Xexog, prep.Zinst, prep.w)
        e = two_step_results(session, cmd, prep, ts)
        session.e = e
        session.print(render_results(e, log=False, options=table, linesize=session.linesize))
        return
    X, W = prep.design.X, prep.reduced.X
    exog_probit = probit(X, prep.y != 0, np.zeros(len(prep.y)), prep.w, **ml)
    y2 = prep.Y2[:, 0]
    pi, *_ = np.linalg.lstsq(W, y2, rcond=None)
    resid = y2 - W @ pi
    start = np.concatenate([exog_probit[0], pi, [0.0, np.log(np.sqrt(resid @ resid / len(y2)))]])
    d = IVProbitData(prep.y, y2, X, W, prep.w)
    from mlmcli.glm.newton import NOT_CONCAVE_STALL as STALL  # a separated few observations: a "(not concave)" plateau

    fit = fit_with_variance(IVProbitLikelihood(d), start, d.w, dict(
        ml, robust=prep.vce != "oim", cluster=prep.cluster, frequency=prep.weight_kind == "fweight", stall=STALL))
    phases = (IterationPhase("Fitting exogenous probit model", tuple(exog_probit[3])),
              IterationPhase("Fitting full model", tuple(fit.steps)))
    e = ml_results(session, cmd, prep, fit, phases)
    session.e = e
    session.print(render_results(e, log=not prep.opts.get("nolog"), options=table, linesize=session.linesize))
    finish(session, e, converged=fit.converged, at_limit=fit.limit_reached,
           iterate_typed=prep.opts.get("iterate") is not None)
