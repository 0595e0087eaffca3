"""Multinomial (polytomous) logistic regression on ``mlmcli.glm.multinomial``:

    mlogit depvar [indepvars] [if] [in] [fw|pw|iw|aw] [, baseoutcome(#) noconstant rrr
           vce(oim|robust|cluster v|jackknife|bootstrap) robust cluster(v) level(#) iterate(#) tolerance(#)
           ltolerance(#) nrtolerance(#) nolog log difficult noheader notable baselevels
           allbaselevels cformat() sformat() pformat()]

As Stata 13's mlogit: the outcomes are the sorted values of depvar, the base outcome the
most frequent one (the smallest of equally frequent ones) unless ``baseoutcome(#)`` names a
value; the equations are named by the outcomes' value labels (characters a name cannot hold
made ``_``) or by the values themselves; e(b) holds every outcome's equation, the base
one's coefficients zero and named ``o.``.  fweights, pweights (robust) and iweights
([R] mlogit), and aweights, which mlogit.ado's ``syntax`` takes too (Stata 12's and 16's): ml
scales them to mean 1 over the estimation sample (ml_model.ado) and uses them as iweights
(e(N) the observations, the OIM variance).  The command typed alone replays the last results.
"""
from __future__ import annotations

import re

import numpy as np

from mlmcli.commands.estimation.common import (check_collinear_option, depvar_and_terms, group_codes, robust_macros,
                                               sandwich_vce, weighted_sample)
from mlmcli.commands.estimation.convergence import finish, footnote
from mlmcli.estimation.active import replay_results
from mlmcli.commands.estimation.common import maximize_display_specs
from mlmcli.errors import StataError
from mlmcli.render.ml_iteration_detail import display_trace, shown_details
from mlmcli.syntax.options import (OptionSpec, confidence_level, integer_option, number_option,
                                   resolve_options)
from mlmcli.syntax.settings import setting_value
from mlmcli.commands.estimation.common import (display_option_specs, replay_option_specs, table_options,
                                             table_options_with_notes)

HELP = {"mlogit": "mlogit depvar [indepvars] [if] [in] [fw|pw|iw] [, baseoutcome(#) noconstant rrr "
                  "vce(oim|robust|cluster v|jackknife|bootstrap) level(#) iterate(#) nolog] : multinomial logistic regression"}

OPTIONS = [
    OptionSpec("baseoutcome", 1, takes_arg=True), OptionSpec("noconstant", 6), OptionSpec("rrr", 2),
    OptionSpec("constraints", 1, takes_arg=True), OptionSpec("collinear", 3),
    OptionSpec("vce", 3, takes_arg=True), OptionSpec("robust", 1), OptionSpec("cluster", 2, takes_arg=True),
    OptionSpec("level", 1, takes_arg=True), OptionSpec("iterate", 4, takes_arg=True),
    OptionSpec("tolerance", 3, takes_arg=True), OptionSpec("ltolerance", 4, takes_arg=True),
    OptionSpec("nrtolerance", 5, takes_arg=True), OptionSpec("nolog", 5), OptionSpec("log", 3),
    OptionSpec("difficult", 4), OptionSpec("nonrtolerance", 7), *maximize_display_specs(), *display_option_specs(),  # [R] mlogit display_options, coeflegend
    OptionSpec("nocnsreport", 6), OptionSpec("noheader", 3),
    OptionSpec("notable", 7), OptionSpec("from", 4, takes_arg=True),
]
MAX_OUTCOMES = 50  # Stata 13's mlogit: "outcome has too many categories"


def equation_name(text: str) -> str:
    """An outcome's label as an equation name: characters other than letters, digits and
    ``_`` made ``_``, at most 32 characters."""
    return re.sub(r"[^A-Za-z0-9_]", "_", text)[:32] or "_"


def outcome_label(ds, depvar: str, value: float) -> str | None:
    """The outcome's value label (None without one)."""
    return ds.value_label_text(depvar, int(value) if float(value).is_integer() else value)


def outcome_names(ds, depvar: str, outcomes) -> tuple[str, ...]:
    """_labels2eqnames: the value label made a name (strtoname without the ``_`` prefix), the
    value itself without a label; a name already taken becomes ``_eq_#`` (# the outcome's
    position, or the next free one)."""
    from mlmcli.glm.separation import stata_g

    names: list[str] = []
    j = 1
    for v in outcomes:
        label = outcome_label(ds, depvar, v)
        tag = equation_name(label) if label and label != stata_g(v) else stata_g(v)
        if tag in names:
            tag = f"_eq_{j}"
            while tag in names:
                j += 1
                tag = f"_eq_{j}"
        names.append(tag)
        j += 1
    return tuple(names)


def base_outcome(typed, outcomes: tuple[float, ...], counts: np.ndarray) -> int:
    """The index of the base outcome: baseoutcome(#)'s value, else the most frequent (the
    first of equally frequent ones)."""
    if typed is None:
        return int(np.argmax(counts))
    text = str(typed).strip()
    try:
        value = float(text)
    except ValueError:
        raise StataError(f"baseoutcome({text}) invalid", 198) from None
    if value not in outcomes:
        raise StataError(f"outcome {text} not found", 111)
    return outcomes.index(value)


def prepare(session, cmd):
    """Syntax, sample, weights, outcomes and design -> (MultinomialSpec, design, sample, opts, weight kind)."""
    from mlmcli.factor_variables import build_design, term_variables
    from mlmcli.glm.multinomial import MultinomialSpec
    from mlmcli.sample import mark_sample

    ds = session.data
    opts = display_trace(resolve_options(cmd.options, OPTIONS))
    depvar, terms = depvar_and_terms(session, cmd.args)
    if ds.is_string(depvar):
        raise StataError(f"string variables not allowed in varlist;\n{depvar} is a string variable", 109)
    from mlmcli.commands.estimation.mlogit_replicates import replicate_request

    from mlmcli.parser import weight_kind

    request = replicate_request(opts, weight_kind(cmd.weight) if cmd.weight is not None else None, OPTIONS)
    vce, clustvar = ("oim", None) if request is not None else sandwich_vce(ds, opts, "oim")
    sample, w, kind = weighted_sample(session, cmd, [depvar] + term_variables(terms),
                                      ("fweight", "pweight", "iweight", "aweight"))
    if request is not None and request[1].get("command_cluster"):
        clustvar = ds.resolve(request[1]["command_cluster"])  # marked out; the replicates' clusters
    if kind == "aweight" and sample.any():  # ml_model.ado: $ML_w / r(mean) over the sample
        w = np.where(sample, w / np.mean(w[sample]), w)
    if clustvar:  # the cluster variable may be a string (markout, strok)
        sample &= np.asarray(mark_sample(session, cmd, [clustvar], strok=True), dtype=bool)
    if not sample.any():
        raise StataError("no observations", 2000)
    y = ds.numeric(depvar)[sample]
    values = np.unique(y)
    if len(values) == 1:
        raise StataError("outcome does not vary", 2000)
    if len(values) > MAX_OUTCOMES:
        raise StataError("outcome has too many categories; must be <= 50", 149)
    outcomes = tuple(float(v) for v in values)
    codes = np.searchsorted(values, y)
    ws = w[sample] if w is not None else np.ones(len(y))
    base = base_outcome(opts.get("baseoutcome"), outcomes, np.bincount(codes, weights=ws, minlength=len(values)))
    design = build_design(ds, terms, sample, constant=not opts.get("noconstant"))
    check_collinear_option(opts, design, "mlogit")
    if design.X.shape[1] == 0:
        raise StataError("no variables; noconstant without covariates", 102)
    spec = MultinomialSpec(
        depvar=depvar, y=codes, outcomes=outcomes, eq_names=outcome_names(ds, depvar, outcomes), base=base,
        X=design.X, labels=tuple(design.labels), fweight=w[sample] if kind == "fweight" else None,
        pweight=w[sample] if kind == "pweight" else None,
        iweight=w[sample] if kind in ("iweight", "aweight") else None, vce=vce,
        cluster=group_codes(ds, clustvar, sample) if vce == "cluster" else None,
        cluster_var=clustvar if request is None else None,
        constant=not opts.get("noconstant"),
        iterate=integer_option(opts, "iterate", int(setting_value(session, "maxiter")), minimum=0),
        tolerance=number_option(opts, "tolerance", 1e-6), ltolerance=number_option(opts, "ltolerance", 1e-7),
        nrtolerance=float("inf") if opts.get("nonrtolerance") else number_option(opts, "nrtolerance", 1e-5),
        record=bool(shown_details(opts)))
    if opts.get("constraints") is not None or opts.get("from") is not None:
        import dataclasses
        from mlmcli.graphs.fpfit_ml_start import multinomial_constraints_and_start

        spec = dataclasses.replace(spec, **multinomial_constraints_and_start(
            session, spec, opts.get("constraints"), opts.get("from"), note=session.print))
    opts["_replicates"] = request
    return spec, design, sample, opts, kind



def ereturn(cmd, fit, design, sample, kind, baselab: str):
    from mlmcli.estimation.results import EstimationResults
    from mlmcli.glm.separation import stata_g
    from mlmcli.results.matrix import Matrix

    spec = fit.spec
    result = fit.result()
    b, V = fit.e_matrices()
    from mlmcli.glm.stored_results import multinomial_scalars

    scalars = {**multinomial_scalars(fit, result), "level": fit.level}
    macros = {"cmd": "mlogit", "cmdline": (cmd.text or f"mlogit {cmd.args}").strip(), "depvar": spec.depvar,
              "title": result.title, "chi2type": result.chi2_type, "eqnames": " ".join(spec.eq_names),
              "baselab": baselab, "vce": spec.vce if spec.vce != "oim" or not fit.robust
              else "robust", "opt": "moptimize", "which": "max", "ml_method": "d2", "technique": "nr",
              "user": "mlogit_d2", "crittype": "log pseudolikelihood" if fit.robust else "log likelihood",
              "properties": "b V", "predict": "mlogit_p", "marginsnotok": "stdp stddp SCores",
              "marginsdefault": " ".join(f"predict(pr outcome({stata_g(v)}))" for v in spec.outcomes),
              "estat_cmd": "mlogit_estat", "asbalanced": "", "asobserved": ""}
    robust_macros(macros, fit.robust, spec.cluster_var)
    if kind:
        macros["wtype"] = kind
        macros["wexp"] = "= " + cmd.weight.exp
    out = np.array(spec.outcomes, float)[None, :]
    matrices = {"b": b, "V": V,
                "out": Matrix(out, ("r1",), tuple(f"c{i + 1}" for i in range(spec.K)))}
    if spec.constraints is not None:  # e(Cns): [R | r] over e(b)'s columns (the base equation's zero)
        from mlmcli.postest.ml_constraints import cns_matrix

        matrices["Cns"] = cns_matrix(spec.constraints, b.colnames, fit.positions())
    return EstimationResults(cmd="mlogit", scalars=scalars, macros=macros, matrices=matrices, result=result,
                             model=fit, sample=sample, title=result.title, design=design)


def _display(session, e, opts: dict, *, nolog: bool, noheader: bool = False) -> None:
    from mlmcli.render.multinomial_table import render_multinomial

    result = e.result
    if opts.get("level") is not None and e.model is not None:  # replay at another level
        level = confidence_level(opts, result.level)
        if level != result.level:
            result = e.model.result(level)
    table = table_options_with_notes(session, opts)  # _get_diopts: the display options, formats checked
    session.print(render_multinomial(
        result, eform=bool(opts.get("rrr")), linesize=session.linesize, nolog=nolog,
        noheader=noheader or bool(opts.get("noheader")), notable=bool(opts.get("notable")),
        cnsreport=not opts.get("nocnsreport"), options=table, shown=shown_details(opts)))


def replay(session, e, *, noheader: bool = False, opts: dict | None = None) -> None:
    """Print stored results again (the command typed alone; ``estimates replay``), with the
    display options typed now (``rrr``, ``level()``, formats)."""
    from mlmcli.estimation.replicate_missing import print_note

    _display(session, e, opts or {}, nolog=True, noheader=noheader)
    print_note(session, e, opts or {})  # _prefix_footnote: replicates posted missing
    footnote(session, e)


def cmd_mlogit(session, cmd) -> None:
    from mlmcli.glm.multinomial import fit_multinomial

    if not cmd.args.strip() and cmd.weight is None and not cmd.if_exp and not cmd.in_range:
        return replay(session, replay_results(session, ("mlogit",)), opts=resolve_options(cmd.options, replay_option_specs(OPTIONS)))
    spec, design, sample, opts, kind = prepare(session, cmd)
    table_options(opts)  # _get_diopts runs before ml: a bad cformat() or fvwrap() fits nothing
    for note in design.notes:
        session.print(note)
    level = confidence_level(opts, getattr(session, "level", 95.0))
    fit = fit_multinomial(spec, level)
    request = opts.pop("_replicates", None)
    if request is not None:
        from mlmcli.commands.estimation.mlogit_replicates import with_replicate_variance

        fit = with_replicate_variance(session, fit, request, sample)
    from mlmcli.commands.postestimation.margins_choice_models import as_mlogit_fit

    fit = as_mlogit_fit(fit, design)  # margins' hooks
    label = outcome_label(session.data, spec.depvar, spec.outcomes[spec.base])
    e = ereturn(cmd, fit, design, sample, kind, label or "")
    if request is not None:
        from mlmcli.commands.estimation.glm_replicates import drop_chi2_under_jackknife, replicate_scalars_and_macros

        more_scalars, more_macros = replicate_scalars_and_macros(fit, request[1])
        e.scalars.update(more_scalars)
        e.macros.update(more_macros)
        drop_chi2_under_jackknife(e.scalars)
    e.stamp_sample(session.data)
    session.e = e
    _display(session, e, opts, nolog=bool(opts.get("nolog")) or request is not None)
    finish(session, e, converged=fit.converged, at_limit=fit.limit_reached,
           iterate_typed=opts.get("iterate") is not None)
