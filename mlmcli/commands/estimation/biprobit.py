"""Bivariate probit regression ([R] biprobit), on ``mlmcli.glm.bivariate_probit``:

    biprobit depvar1 depvar2 [=] [indepvars] [if] [in] [weight] [, noconstant offset1(v) offset2(v) options]
    biprobit ([eqname:] depvar1 [=] varlist [, noconstant offset(v)]) ([eqname:] depvar2 ...) [if] [in] [weight]
             [, options]
    options: vce(oim|robust|cluster v) robust cluster(v) level(#) nolog iterate(#) tolerance(#)
             ltolerance(#) nrtolerance(#) difficult display_options

As biprobit.ado: the first form is "Bivariate probit regression" (one varlist, both equations),
the second "Seemingly unrelated bivariate probit"; an outcome is 1 when not 0 ("y1 is never zero"
/ "always zero" r(2000)).  "Fitting comparison equation 1:" and "2:" are the two probits, their
sum "Comparison:" is e(ll_c) and the start (athrho 0, the ado's default ``skip``); then "Fitting
full model:".  The header's Wald test is of every coefficient but the constants (ml's wald(2)).
Below the table: ``LR test of rho=0`` against e(ll_c), or ``Wald test of rho=0`` (athrho's z^2)
under a robust VCE.  Weights: fweights, pweights, iweights.  Refused by name: partial,
constraints(), from(), score(), noskip, lrmodel, collinear, vce(opg|bootstrap|jackknife).
"""
from __future__ import annotations

import dataclasses

import numpy as np

from mlmcli.commands.estimation.common import display_option_specs, table_options_with_notes
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, confidence_level, resolve_options

HELP = {"biprobit": "biprobit depvar1 depvar2 [indepvars] | (eq1) (eq2) [if] [in] [weight] [, noconstant "
                    "offset1(v) offset2(v) vce() level(#) nolog] : bivariate probit regression"}
_OPTIONS = [
    OptionSpec("noconstant", 5), OptionSpec("offset1", 7, takes_arg=True), OptionSpec("offset2", 7, takes_arg=True),
    OptionSpec("vce", 3, takes_arg=True), OptionSpec("robust", 1), OptionSpec("cluster", 2, takes_arg=True),
    OptionSpec("level", 1, takes_arg=True), OptionSpec("nolog", 5), OptionSpec("log", 3),
    OptionSpec("iterate", 4, takes_arg=True), OptionSpec("tolerance", 3, takes_arg=True),
    OptionSpec("ltolerance", 4, takes_arg=True), OptionSpec("nrtolerance", 5, takes_arg=True),
    OptionSpec("difficult", 4), OptionSpec("partial", 3), OptionSpec("constraints", 5, takes_arg=True),
    OptionSpec("from", 4, takes_arg=True), OptionSpec("score", 2, takes_arg=True), OptionSpec("noskip", 6),
    OptionSpec("lrmodel", 7), OptionSpec("collinear", 3), OptionSpec("nocnsreport", 7), *display_option_specs(),
]
_REFUSED = ("partial", "constraints", "from", "score", "noskip", "lrmodel", "collinear")


@dataclasses.dataclass
class Equation:
    name: str
    depvar: str
    terms: list
    constant: bool
    offset: str | None


@dataclasses.dataclass
class Prepared:
    equations: tuple
    designs: tuple
    data: object
    sample: np.ndarray
    weight_kind: str | None
    vce: str
    clustvar: str | None
    cluster: np.ndarray | None
    level: float
    opts: dict
    seemingly_unrelated: bool


def _equations(ds, cmd, opts) -> tuple[tuple[Equation, Equation], bool]:
    """The two equations of either syntax, and whether it is the seemingly unrelated one."""
    from mlmcli.commands.estimation.limited_dependent import equation_option
    from mlmcli.commands.estimation.glm import variable_option
    from mlmcli.commands.estimation.linear_systems import equation_texts
    from mlmcli.factor_variables import parse_terms

    args = cmd.args.strip()
    if args.startswith("("):
        for name in ("noconstant", "offset1", "offset2"):
            if opts.get(name) is not None:
                raise StataError(f"option {name} not allowed", 198)
        texts = equation_texts(args)
        if len(texts) < 2:
            raise StataError("two equations required", 110)
        if len(texts) > 2:
            raise StataError("invalid syntax", 198)
        eqs = []
        for text in texts:
            name = None
            if ":" in text.split(",")[0]:
                name, text = (part.strip() for part in text.split(":", 1))
            body, comma, rest = text.partition(",")
            if "=" not in body:  # biprobit.ado: the first word is the depvar, "=" optional
                words = body.split()
                if not words:
                    raise StataError("varlist required", 100)
                text = words[0] + " = " + " ".join(words[1:]) + comma + rest
            dep, terms, constant, offset = equation_option(ds, text, depvar=True)
            eqs.append(Equation(name or dep, dep, terms, constant, offset))
        return (eqs[0], eqs[1]), True
    words = args.replace("=", " = ").split()
    if len(words) < 2 or "=" in words[:2]:
        raise StataError("varlist required", 100)
    if words[2:3] == ["="]:
        del words[2]
    for w in words[:2]:
        if "." in w or "(" in w:
            raise StataError("depvar may not be a factor variable", 198)
    dep1, dep2 = ds.resolve(words[0]), ds.resolve(words[1])
    terms = parse_terms(ds, " ".join(words[2:])) if len(words) > 2 else []
    constant = not opts.get("noconstant")
    off1, off2 = variable_option(ds, opts, "offset1"), variable_option(ds, opts, "offset2")
    return (Equation(dep1, dep1, terms, constant, off1), Equation(dep2, dep2, list(terms), constant, off2)), False


def prepare(session, cmd) -> Prepared:
    from mlmcli.commands.estimation.common import group_codes, sandwich_vce
    from mlmcli.commands.estimation.limited_dependent import model_weights
    from mlmcli.factor_variables import build_design, term_variables
    from mlmcli.glm.bivariate_probit import BivariateProbitData
    from mlmcli.sample import mark_sample

    ds = session.data
    opts = resolve_options(cmd.options, _OPTIONS)
    for refused in _REFUSED:
        if opts.get(refused) is not None:
            raise StataError(f"option {refused} not supported by mlmcli with biprobit", 198)
    eqs, su = _equations(ds, cmd, opts)
    vce, clustvar = sandwich_vce(ds, opts, "oim")
    if vce == "opg":
        raise StataError("option vce(opg) not supported by mlmcli with biprobit", 198)
    touse = np.asarray(mark_sample(session, cmd, []), dtype=bool)
    w, kind = model_weights(session, cmd, touse, aweights=False)
    used = [eq.depvar for eq in eqs] + [v for eq in eqs for v in term_variables(eq.terms) + [eq.offset] if v]
    for v in used:
        touse &= ~np.isnan(ds.numeric(v))
    if clustvar:
        touse &= np.asarray(mark_sample(session, cmd, [clustvar], strok=True), dtype=bool)
    if kind == "pweight" and vce == "oim":
        vce = "robust"
    if not touse.any():
        raise StataError("no observations", 2000)
    for eq in eqs:  # biprobit.ado's counts of zeros
        y = ds.numeric(eq.depvar)[touse]
        if not (y == 0).any():
            raise StataError(f"{eq.depvar} is never zero", 2000)
        if (y == 0).all():
            raise StataError(f"{eq.depvar} is always zero", 2000)
    designs = tuple(build_design(ds, eq.terms, touse, constant=eq.constant) for eq in eqs)
    for eq, design in zip(eqs, designs):
        if not design.X.shape[1] and not eq.offset:
            raise StataError("must specify variables or allow constant", 198)
    weights = np.ones(int(touse.sum())) if w is None else w[touse]
    off = [ds.numeric(eq.offset)[touse] if eq.offset else np.zeros(len(weights)) for eq in eqs]
    data = BivariateProbitData(ds.numeric(eqs[0].depvar)[touse], ds.numeric(eqs[1].depvar)[touse],
                               designs[0].X, designs[1].X, off[0], off[1], weights)
    cluster = group_codes(ds, clustvar, touse) if vce == "cluster" else None
    level = confidence_level(opts, getattr(session, "level", 95.0))
    return Prepared(eqs, designs, data, touse, kind, vce, clustvar, cluster, level, opts, su)


def replayed(session, cmd) -> bool:
    """``biprobit`` alone (display options): the last results shown again."""
    from mlmcli.commands.estimation.biprobit_results import render_results
    from mlmcli.commands.estimation.equation_estimates import replayed as replay

    return replay(session, cmd, ("biprobit",), render_results)


def cmd_biprobit(session, cmd) -> None:
    from mlmcli.commands.estimation.biprobit_results import biprobit_results, render_results
    from mlmcli.commands.estimation.convergence import finish
    from mlmcli.commands.estimation.limited_dependent import ml_settings
    from mlmcli.commands.estimation.equation_estimates import fit_with_variance
    from mlmcli.glm.bivariate_probit import BivariateProbitLikelihood
    from mlmcli.glm.heckman_selection import probit
    from mlmcli.results.glmm import IterationPhase

    if replayed(session, cmd):
        return
    prep = prepare(session, cmd)
    table = table_options_with_notes(session, prep.opts)
    for design in prep.designs:
        for note in design.notes:
            session.print(note)
    ml = ml_settings(session, prep.opts)
    d = prep.data
    first = probit(d.X1, d.y1 != 0, d.offset1, d.w, **ml)
    second = probit(d.X2, d.y2 != 0, d.offset2, d.w, **ml)
    start = np.concatenate([first[0], second[0], [0.0]])
    fit = fit_with_variance(BivariateProbitLikelihood(d), start, d.w, dict(
        ml, robust=prep.vce != "oim", cluster=prep.cluster, frequency=prep.weight_kind == "fweight"))
    phases = (IterationPhase("Fitting comparison equation 1:", tuple(first[3])),
              IterationPhase("Fitting comparison equation 2:", tuple(second[3])),
              IterationPhase("Fitting full model:", tuple(fit.steps)))
    e = biprobit_results(session, cmd, prep, fit, first[2] + second[2], phases)
    session.e = e
    session.print(render_results(e, log=not prep.opts.get("nolog"), options=table, linesize=session.linesize))
    finish(session, e, converged=fit.converged, at_limit=fit.limit_reached,
           iterate_typed=prep.opts.get("iterate") is not None)
