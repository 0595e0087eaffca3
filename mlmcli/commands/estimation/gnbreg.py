"""Generalized negative binomial regression ([R] gnbreg), on
``mlmcli.glm.generalized_negative_binomial``:

    gnbreg depvar [indepvars] [if] [in] [weight] [, lnalpha(varlist) noconstant exposure(v) offset(v)
           vce(oim|robust|cluster v) level(#) nolog iterate(#) tolerance(#) ltolerance(#)
           nrtolerance(#) difficult display_options]

As gnbreg.ado: ln(alpha) = z g with z lnalpha()'s variables and a constant.  "Fitting
constant-only model:" (the count equation's constant only, started at ln(mean y) -- less the log
mean of exp(offset) -- and ln(alpha)'s equation at zero), then "Fitting full model:".  The
header's LR test compares with the constant-only model (Wald under a robust VCE), pseudo R2
1 - ll/ll_0; no LR test of alpha (gnbreg.ado's ``nolrtest``).  With noconstant no constant-only
model is fitted and the header's test is Wald.  Decision without evidence: the full model starts
from the constant-only estimates (gnbreg.ado may start from ``poisson, iterate(0)``'s values),
so the full model's iteration lines can differ from Stata's; the estimates do not.  Weights:
fweights, pweights, iweights.  Refused by name: irr, from(), score(), constraints(), collinear,
vce(opg|bootstrap|jackknife).
"""
from __future__ import annotations

import dataclasses

import numpy as np

from mlmcli.commands.estimation.common import display_option_specs, table_options_with_notes
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, confidence_level, resolve_options

HELP = {"gnbreg": "gnbreg depvar [indepvars] [if] [in] [weight] [, lnalpha(varlist) noconstant exposure(v) "
                  "offset(v) vce() level(#) nolog] : generalized negative binomial regression"}
_OPTIONS = [
    OptionSpec("lnalpha", 3, takes_arg=True), OptionSpec("noconstant", 5), OptionSpec("exposure", 1, takes_arg=True),
    OptionSpec("offset", 3, takes_arg=True), OptionSpec("irr", 2), OptionSpec("vce", 3, takes_arg=True),
    OptionSpec("robust", 1), OptionSpec("cluster", 2, takes_arg=True), OptionSpec("level", 1, takes_arg=True),
    OptionSpec("nolog", 5), OptionSpec("log", 3), OptionSpec("iterate", 4, takes_arg=True),
    OptionSpec("tolerance", 3, takes_arg=True), OptionSpec("ltolerance", 4, takes_arg=True),
    OptionSpec("nrtolerance", 5, takes_arg=True), OptionSpec("difficult", 4), OptionSpec("from", 4, takes_arg=True),
    OptionSpec("score", 2, takes_arg=True), OptionSpec("constraints", 5, takes_arg=True), OptionSpec("collinear", 3),
    OptionSpec("nocnsreport", 7), *display_option_specs(),
]
_REFUSED = ("irr", "from", "score", "constraints", "collinear")


@dataclasses.dataclass
class Prepared:
    depvar: str
    design: object
    alpha_design: object
    data: object
    sample: np.ndarray
    weight_kind: str | None
    offset_name: str  # e(offset1): the offset variable or ln(exposure variable)
    offset_var: str | None
    exposure_var: str | None
    vce: str
    clustvar: str | None
    cluster: np.ndarray | None
    level: float
    opts: dict


def prepare(session, cmd) -> Prepared:
    from mlmcli.commands.estimation.common import group_codes, sandwich_vce
    from mlmcli.commands.estimation.glm import offset_vector, variable_option
    from mlmcli.commands.estimation.limited_dependent import depvar_and_terms, model_weights
    from mlmcli.factor_variables import build_design, parse_terms, term_variables
    from mlmcli.glm.generalized_negative_binomial import GeneralizedNBData
    from mlmcli.sample import mark_sample

    ds = session.data
    opts = resolve_options(cmd.options, _OPTIONS)
    for refused in _REFUSED:
        if opts.get(refused) is not None:
            raise StataError(f"option {refused} not supported by mlmcli with gnbreg", 198)
    depvar, terms = depvar_and_terms(ds, cmd.args)
    if opts.get("noconstant") and not terms:
        raise StataError("independent variables required with option noconstant", 100)
    alpha_terms = parse_terms(ds, str(opts["lnalpha"])) if opts.get("lnalpha") else []
    offset_var, exposure_var = variable_option(ds, opts, "offset"), variable_option(ds, opts, "exposure")
    if offset_var and exposure_var:
        raise StataError("options offset() and exposure() may not be specified together", 198)
    vce, clustvar = sandwich_vce(ds, opts, "oim")
    if vce == "opg":
        raise StataError("option vce(opg) not supported by mlmcli with gnbreg", 198)
    used = [depvar] + term_variables(terms) + term_variables(alpha_terms) + [v for v in (offset_var, exposure_var) if v]
    touse = np.asarray(mark_sample(session, cmd, list(dict.fromkeys(used))), dtype=bool)
    if clustvar:
        touse &= np.asarray(mark_sample(session, cmd, [clustvar], strok=True), dtype=bool)
    w, kind = model_weights(session, cmd, touse, aweights=False)
    if kind == "pweight" and vce == "oim":
        vce = "robust"
    n = int(touse.sum())
    if n == 0:
        raise StataError("no observations", 2000)
    if n == 1:
        raise StataError("insufficient observations", 2001)
    y = ds.numeric(depvar)[touse]
    if y.min() < 0:
        raise StataError(f"{depvar} must be greater than or equal to zero", 459)
    if (y == 0).all():
        raise StataError(f"{depvar} is zero for all observations", 498)
    offset, offset_name = offset_vector(ds, touse, exposure_var, offset_var)
    design = build_design(ds, terms, touse, constant=not opts.get("noconstant"))
    alpha_design = build_design(ds, alpha_terms, touse, constant=True)
    weights = np.ones(n) if w is None else w[touse]
    data = GeneralizedNBData(y, design.X, alpha_design.X, np.asarray(offset, float)[touse] if offset is not None
                             else np.zeros(n), weights)
    cluster = group_codes(ds, clustvar, touse) if vce == "cluster" else None
    level = confidence_level(opts, getattr(session, "level", 95.0))
    return Prepared(depvar, design, alpha_design, data, touse, kind, offset_name or "", offset_var, exposure_var,
                    vce, clustvar, cluster, level, opts)


def _constant_only(d, ml, robust):
    """The constant-only model (gnbreg.ado's b0 start): (theta, ln L, steps)."""
    from mlmcli.commands.estimation.equation_estimates import fit_with_variance
    from mlmcli.glm.generalized_negative_binomial import GeneralizedNBData, GeneralizedNBLikelihood

    mean = float(d.w @ d.y / d.w.sum())
    with np.errstate(over="ignore", divide="ignore"):  # an offset past exp's range: 0 below
        c = np.log(mean) - np.log(float(d.w @ np.exp(d.offset) / d.w.sum()))
    one = GeneralizedNBData(d.y, np.ones((len(d.y), 1)), d.Z, d.offset, d.w)
    start = np.concatenate([[c if np.isfinite(c) else 0.0], np.zeros(d.Z.shape[1])])
    fit = fit_with_variance(GeneralizedNBLikelihood(one), start, one.w, ml)
    return fit.theta, fit.loglik, fit.steps


def cmd_gnbreg(session, cmd) -> None:
    from mlmcli.commands.estimation.convergence import finish
    from mlmcli.commands.estimation.gnbreg_results import gnbreg_results, render_results, replayed
    from mlmcli.commands.estimation.limited_dependent import ml_settings
    from mlmcli.commands.estimation.equation_estimates import fit_with_variance
    from mlmcli.glm.generalized_negative_binomial import GeneralizedNBLikelihood
    from mlmcli.results.glmm import IterationPhase

    if replayed(session, cmd):
        return
    prep = prepare(session, cmd)
    table = table_options_with_notes(session, prep.opts)
    for design in (prep.design, prep.alpha_design):
        for note in design.notes:
            session.print(note)
    d = prep.data
    if not np.all(d.y == np.floor(d.y)):
        session.print("note: you are responsible for interpretation of non-count dep. variable")
    ml = ml_settings(session, prep.opts)
    robust = prep.vce != "oim"
    kx = d.X.shape[1]
    phases, ll_0 = [], None
    if not prep.opts.get("noconstant"):
        theta0, ll_0, steps0 = _constant_only(d, ml, robust)
        start = np.concatenate([np.zeros(kx - 1), theta0[:1], theta0[1:]])
        phases.append(IterationPhase("Fitting constant-only model:", tuple(steps0)))
    else:
        start = np.zeros(kx + d.Z.shape[1])
    fit = fit_with_variance(GeneralizedNBLikelihood(d), start, d.w, dict(
        ml, robust=robust, cluster=prep.cluster, frequency=prep.weight_kind == "fweight"))
    phases.append(IterationPhase("Fitting full model:" if ll_0 is not None else "", tuple(fit.steps)))
    e = gnbreg_results(session, cmd, prep, fit, ll_0, phases)
    session.e = e
    session.print(render_results(e, log=not prep.opts.get("nolog"), options=table, linesize=session.linesize))
    finish(session, e, converged=fit.converged, at_limit=fit.limit_reached,
           iterate_typed=prep.opts.get("iterate") is not None)
