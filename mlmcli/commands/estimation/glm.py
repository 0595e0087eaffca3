"""Single-level models for binary, count and ordinal outcomes, on the GLM engine
(``mlmcli.glm``):

    logit    depvar [indepvars] [if] [in] [weight] [, noconstant offset(v) asis or vce() level(#) ...]
    logistic depvar indepvars ...                    (odds ratios; ``coef`` for coefficients)
    probit   depvar [indepvars] ...                  [, noconstant offset(v) asis vce() level(#)]
    cloglog  depvar [indepvars] ...                  [, noconstant offset(v) eform vce() level(#)]
    poisson  depvar [indepvars] ...                  [, noconstant exposure(v) offset(v) irr vce() level(#)]
    nbreg    depvar [indepvars] ...                  [, dispersion(mean|constant) exposure(v) offset(v)
                                                        irr nolrtest vce() level(#)]
    ologit   depvar [indepvars] ...                  [, offset(v) or vce() level(#)]
    oprobit  depvar [indepvars] ...                  [, offset(v) vce() level(#)]

Weights: ``fweight``, ``pweight`` and ``iweight`` (the log likelihood weighted by them, V the
inverse of its negative Hessian, e(N) the observations, as ml_model counts rows for all but
fweights); ``aweight`` is refused.
``vce(oim|robust|cluster v)`` (and the old ``robust``/``cluster(v)``); ``vce(bootstrap|jackknife)``:
``mlmcli.commands.estimation.glm_replicates``.
Maximisation options ``iterate() tolerance() ltolerance() nrtolerance() nolog log
difficult`` (``difficult`` changes only the path of Stata's optimiser, never the
optimum: accepted).  Display options (``display_options`` of [R] logit ...: ``noomitted
vsquish noemptycells baselevels allbaselevels nolstretch cformat() sformat() pformat()
coeflegend``, ``TableOptions``) and ``nocnsreport``; ``noheader``/``notable`` are not in
these commands' syntax ([R] logit, poisson, ologit ...) and stay ``not allowed``.  The command typed alone replays the last results.
"""
from __future__ import annotations

import dataclasses

import numpy as np

from mlmcli.commands.estimation.common import (check_marked_weights, evaluate_weight, group_codes, robust_macros,
                                             sandwich_vce, weight_vars)
from mlmcli.commands.estimation.convergence import finish, footnote
from mlmcli.estimation.active import replay_results
from mlmcli.errors import StataError
from mlmcli.commands.estimation.common import maximize_display_specs
from mlmcli.render.ml_iteration_detail import display_trace, shown_details
from mlmcli.syntax.settings import setting_value
from mlmcli.syntax.options import (OptionSpec, confidence_level, integer_option, number_option,
                                   resolve_options)
from mlmcli.commands.estimation.common import (check_collinear_option, display_option_specs, replay_option_specs,
                                             table_options, table_options_with_notes)

_COMMON_HELP = ("[if] [in] [fw|pw] [, vce(oim|robust|cluster v|bootstrap|jackknife) level(#) offset(v) iterate(#) nolog "
                "baselevels cformat() sformat() pformat()]")
HELP = {
    "logit": f"logit depvar [indepvars] {_COMMON_HELP} [noconstant asis or] : logistic regression, "
             "coefficients (log odds) or odds ratios",
    "logistic": f"logistic depvar indepvars {_COMMON_HELP} [noconstant asis coef] : logistic regression, "
                "odds ratios",
    "probit": f"probit depvar [indepvars] {_COMMON_HELP} [noconstant asis] : probit regression",
    "cloglog": f"cloglog depvar [indepvars] {_COMMON_HELP} [noconstant eform] : complementary log-log "
               "regression",
    "poisson": f"poisson depvar [indepvars] {_COMMON_HELP} [noconstant exposure(v) irr] : Poisson regression",
    "nbreg": f"nbreg depvar [indepvars] {_COMMON_HELP} [dispersion(mean|constant) exposure(v) irr nolrtest] : "
             "negative binomial regression (NB2: var = mu(1 + alpha mu); NB1: var = mu(1 + delta))",
    "ologit": f"ologit depvar [indepvars] {_COMMON_HELP} [or] : ordered logistic regression, cutpoints /cut#",
    "oprobit": f"oprobit depvar [indepvars] {_COMMON_HELP} : ordered probit regression, cutpoints /cut#",
}

# command -> (family, link)
MODELS = {
    "logit": ("bernoulli", "logit"), "logistic": ("bernoulli", "logit"),
    "probit": ("bernoulli", "probit"), "cloglog": ("bernoulli", "cloglog"),
    "poisson": ("poisson", "log"), "nbreg": ("nbinomial", "log"),
    "ologit": ("ordinal", "logit"), "oprobit": ("ordinal", "probit"),
}
EFORM_OPTION = {"logit": "or", "logistic": "or", "cloglog": "eform", "poisson": "irr", "nbreg": "irr",
                "ologit": "or"}
PREDICT_PROGRAM = {"logit": "logit_p", "logistic": "logistic_p", "probit": "probit_p", "cloglog": "cloglog_p",
                   "poisson": "poisso_p", "nbreg": "nbreg_p", "ologit": "ologit_p", "oprobit": "oprobit_p"}

_COMMON = [
    OptionSpec("vce", 3, takes_arg=True), OptionSpec("robust", 1), OptionSpec("cluster", 2, takes_arg=True),
    OptionSpec("level", 1, takes_arg=True), OptionSpec("offset", 3, takes_arg=True),
    OptionSpec("iterate", 4, takes_arg=True), OptionSpec("tolerance", 3, takes_arg=True),
    OptionSpec("ltolerance", 4, takes_arg=True), OptionSpec("nrtolerance", 5, takes_arg=True),
    OptionSpec("nolog", 5), OptionSpec("log", 3), OptionSpec("difficult", 4), OptionSpec("nonrtolerance", 7),
    *maximize_display_specs(),  # [R] maximize: trace, gradient, hessian, showstep, showtolerance
    *display_option_specs(),  # [R] logit ... "display_options" and coeflegend
    OptionSpec("nocnsreport", 7), OptionSpec("collinear", 3), OptionSpec("constraints", 5, takes_arg=True),
]
# logit.ado, probit.ado, poisson.ado: ``noCONstant`` (nocon); cloglog's help ``nocon:stant``
_EXTRA = {
    "logit": [OptionSpec("noconstant", 5), OptionSpec("asis"), OptionSpec("or")],
    "logistic": [OptionSpec("noconstant", 5), OptionSpec("asis"), OptionSpec("coef")],
    "probit": [OptionSpec("noconstant", 5), OptionSpec("asis")],
    "cloglog": [OptionSpec("noconstant", 5), OptionSpec("eform")],
    "poisson": [OptionSpec("noconstant", 5), OptionSpec("exposure", 3, takes_arg=True), OptionSpec("irr", 2)],
    "nbreg": [OptionSpec("noconstant", 5), OptionSpec("exposure", 3, takes_arg=True), OptionSpec("irr", 2),
              OptionSpec("dispersion", 1, takes_arg=True), OptionSpec("nolrtest", 4)],
    "ologit": [OptionSpec("or")],
    "oprobit": [],
}


@dataclasses.dataclass
class Prepared:
    """What a command hands to the engine and keeps for e()."""

    spec: object
    design: object
    sample: np.ndarray
    opts: dict
    weight_kind: str | None
    offset_var: str | None
    exposure_var: str | None
    replicate: tuple | None = None  # vce(bootstrap|jackknife): (kind, settings)


def _weights(session, cmd):
    """[R] logit, probit, cloglog, logistic, poisson, nbreg, ologit, oprobit: "fweights, iweights,
    and pweights are allowed"; aweights (and a bare ``weight``, aweights for them) are not."""
    if cmd.weight is None:
        return None, None
    from mlmcli.parser import weight_kind

    kind = weight_kind(cmd.weight)
    if kind in ("aweight", "weight"):
        raise StataError("aweights not allowed", 101)
    return evaluate_weight(session, cmd.weight.exp), kind


def offset_vector(ds, sample, exposure_var, offset_var):
    """The linear predictor's offset and its name: ln(exposure) (r(459) when exposure <= 0 in the sample) or the offset variable."""
    if exposure_var:
        t = ds.numeric(exposure_var)
        if np.any(t[sample] <= 0):
            raise StataError(f"{exposure_var} <= 0 in some observations", 459)
        return np.log(np.where(t > 0, t, np.nan)), f"ln({exposure_var})"
    if offset_var:
        return ds.numeric(offset_var), offset_var
    return None, None


def variable_option(ds, opts, name) -> str | None:
    v = opts.get(name)
    if v is None:
        return None
    words = str(v).split()
    if len(words) != 1:
        raise StataError(f"{name}() invalid", 198)
    return ds.resolve(words[0])


def _ordinal_outcome(y: np.ndarray) -> tuple[np.ndarray, tuple[float, ...]]:
    cats = np.unique(y)
    if len(cats) > 50:  # Stata's ologit limit on outcome categories
        raise StataError("outcome has too many categories; must be <= 50", 149)
    return np.searchsorted(cats, y).astype(float) + 1, tuple(float(c) for c in cats)


# [R] logit, [R] probit: vce(oim|opg|robust|cluster|bootstrap|jackknife) (ml's opg: glm/fit.py)
OPG_MODELS = ("logit", "probit")


def prepare(session, cmd, name: str) -> Prepared:
    """Syntax, sample, weights, design and outcome coding -> the engine's GLMSpec."""
    from mlmcli.factor_variables import build_design, parse_terms, term_variables
    from mlmcli.glm.spec import GLMSpec
    from mlmcli.sample import mark_sample

    ds = session.data
    opts = display_trace(resolve_options(cmd.options, _COMMON + _EXTRA[name]))
    words = cmd.args.split()
    if not words:
        raise StataError("varlist required", 100)
    from mlmcli.commands.estimation.common import operated_depvar

    depvar = operated_depvar(ds, words[0])
    terms = parse_terms(ds, " ".join(words[1:])) if len(words) > 1 else []
    if name == "logistic" and not terms:
        raise StataError("varlist required", 100)
    family, link = MODELS[name]
    dispersion = "mean"
    if name == "nbreg" and opts.get("dispersion") is not None:
        from mlmcli.syntax.options import choice_option
        dispersion = choice_option(opts["dispersion"], (("mean", 1), ("constant", 1)), "dispersion", fold_case=True)
    from mlmcli.commands.estimation.glm_replicates import replicate_request
    from mlmcli.parser import weight_kind

    replicate = replicate_request(opts, None if cmd.weight is None else weight_kind(cmd.weight), name,
                                  accepted=_COMMON + _EXTRA[name], eform_options=_REPLICATE_EFORM.get(name, {}))
    vce, clustvar = ("oim", None) if replicate else sandwich_vce(ds, opts, "oim", opgok=name in OPG_MODELS)
    marked_cluster = clustvar  # under the prefix the command's cluster() still marks out its sample
    if replicate and replicate[1].get("command_cluster"):
        marked_cluster = ds.resolve(replicate[1]["command_cluster"])
    offset_var = variable_option(ds, opts, "offset")
    exposure_var = variable_option(ds, opts, "exposure")
    if offset_var and exposure_var:
        raise StataError("only one of offset() or exposure() can be specified", 198)
    wexp = cmd.weight.exp if cmd.weight is not None else None
    used = ([depvar] + term_variables(terms) + weight_vars(ds, wexp)
            + [v for v in (offset_var, exposure_var) if v])
    sample = np.asarray(mark_sample(session, cmd, list(dict.fromkeys(used))), dtype=bool)
    if marked_cluster:  # the cluster variable may be a string ([U] 20.22: markout, strok), as regress's
        sample &= np.asarray(mark_sample(session, cmd, [marked_cluster], strok=True), dtype=bool)
    w, kind = _weights(session, cmd)
    if w is not None:
        sample &= ~np.isnan(w)
        check_marked_weights(session, cmd, w, kind)
        sample &= w != 0
    offset, offset_name = offset_vector(ds, sample, exposure_var, offset_var)
    n = int(np.count_nonzero(sample))
    if n == 0:
        raise StataError("no observations", 2000)
    constant = family != "ordinal" and not opts.get("noconstant")
    design = build_design(ds, terms, sample, constant=constant, absorbed_constant=family == "ordinal")
    check_collinear_option(opts, design, name)
    y = ds.numeric(depvar)[sample]
    categories: tuple[float, ...] = ()
    if family == "ordinal":
        y, categories = _ordinal_outcome(y)
    level = confidence_level(opts, getattr(session, "level", 95.0))
    cluster = group_codes(ds, clustvar, sample) if vce == "cluster" else None
    spec = GLMSpec(
        depvar=depvar, y=y, X=design.X, coef_labels=design.labels, family=family, link=link,
        dispersion=dispersion, offset=None if offset is None else offset[sample], offset_name=offset_name,
        categories=categories,
        fweight=w[sample] if kind == "fweight" else None, pweight=w[sample] if kind == "pweight" else None,
        iweight=w[sample] if kind == "iweight" else None,
        vce=vce, cluster=cluster, cluster_var=clustvar, level=level,
        iterate=integer_option(opts, "iterate", int(setting_value(session, "maxiter")), minimum=0),
        tolerance=number_option(opts, "tolerance", 1e-6), ltolerance=number_option(opts, "ltolerance", 1e-7),
        nrtolerance=float("inf") if opts.get("nonrtolerance") else number_option(opts, "nrtolerance", 1e-5),
        asis=bool(opts.get("asis")), record=bool(shown_details(opts)))
    if opts.get("constraints") is not None:
        spec = dataclasses.replace(spec, constraints=model_constraints(session, spec, opts["constraints"]))
    return Prepared(spec, design, sample, opts, kind, offset_var, exposure_var, replicate)


def model_constraints(session, spec, text):
    """constraints(numlist) over the fit's parameters, e(b)'s ``depvar:x`` of the estimable
    coefficients then ``cut1:_cons``/``lnalpha:_cons`` (ml's makecns: a constraint naming what
    the model lacks is left out with its note)."""
    from mlmcli.glm.likelihood_model import make_family
    from mlmcli.postest.ml_constraints import read_constraints

    names = [f"{spec.depvar}:{lab.name}" for lab in spec.coef_labels if not (lab.base or lab.omitted)]
    names += [f"{a}:_cons" for a in make_family(spec).anc_names]
    return read_constraints(session, names, text, note=session.print)


def design_after_fit(design, fit):
    """The design of the estimable columns the fit kept (perfect predictors drop columns and rows)."""
    kept_cols = [j for j, lab in enumerate(fit.labels) if not (lab.base or lab.omitted)]
    if len(kept_cols) == design.X.shape[1] and np.all(fit.used):
        return design
    before = [j for j, lab in enumerate(design.labels) if not (lab.base or lab.omitted)]
    keep = np.array([not fit.labels[j].omitted for j in before], bool)
    recipes = tuple(r for r, k in zip(design.recipes, keep) if k)
    return dataclasses.replace(design, X=design.X[np.asarray(fit.used, bool)][:, keep], labels=fit.labels,
                               recipes=recipes)


def _eform(name: str, opts: dict) -> bool:
    if name == "logistic":
        return not opts.get("coef")
    return bool(opts.get(EFORM_OPTION.get(name, "")))


# vce(bootstrap, eform_option): the headings each command's own option gives (its replay's table)
_REPLICATE_EFORM = {"logit": {"Odds Ratio": "or"}, "ologit": {"Odds Ratio": "or"}, "poisson": {"IRR": "irr"},
                    "nbreg": {"IRR": "irr"}, "cloglog": {"exp(b)": "eform"}}
# logistic's help: "to view coefficients, type logit after running logistic" (logistic.ado
# itself replays only its own results)
REPLAYS = {"logit": ("logit", "logistic")}
EFORM_LABEL = {"logit": "Odds Ratio", "logistic": "Odds Ratio", "ologit": "Odds Ratio", "poisson": "IRR",
               "nbreg": "IRR", "cloglog": "exp(b)"}


def _named(result, name: str):
    """The engine's result as command ``name`` reports it (``logistic``; ``ologit, or``'s heading)."""
    return dataclasses.replace(result, command=name, eform_label=EFORM_LABEL.get(name, result.eform_label))


def _results(cmd, name: str, prep: Prepared, fit, design, sample):
    from mlmcli.estimation.results import EstimationResults
    from mlmcli.results.matrix import Matrix

    spec = fit.spec
    result = _named(fit.result(), name)
    b, V = fit.e_matrices()
    from mlmcli.glm.stored_results import ml_scalars

    scalars = {**ml_scalars(fit, result), "level": spec.level}
    robust = fit.robust
    macros = {"cmd": name, "cmdline": (cmd.text or f"{name} {cmd.args}").strip(), "depvar": spec.depvar,
              "title": result.title, "chi2type": result.chi2_type, "vce": spec.vce if spec.vce != "oim" or
              not robust else "robust", "opt": "moptimize", "predict": PREDICT_PROGRAM[name],
              "properties": "b V", "crittype": "log pseudolikelihood" if robust or spec.pweight is not None else "log likelihood",
              "estat_cmd": f"{name}_estat", "user": "", "ml_method": "d2", "technique": "nr", "which": "max"}
    robust_macros(macros, robust, spec.cluster_var)
    if spec.vce == "opg" and not robust:
        macros["vcetype"] = "OPG"
    if prep.weight_kind:
        macros["wtype"] = prep.weight_kind
        macros["wexp"] = "= " + cmd.weight.exp
    if spec.offset_name:
        macros["offset"] = spec.offset_name
    if spec.family == "nbinomial":
        macros["dispers"] = spec.dispersion
    if fit.replicate is not None:
        from mlmcli.commands.estimation.glm_replicates import drop_chi2_under_jackknife, replicate_scalars_and_macros

        more_scalars, more_macros = replicate_scalars_and_macros(fit, prep.replicate[1])
        scalars.update(more_scalars)
        drop_chi2_under_jackknife(scalars)
        macros.update(more_macros)
    matrices = {"b": b, "V": V}
    if spec.constraints is not None:  # e(Cns); no e(ll_0), e(r2_p): ml drops lf0() under constraints
        from mlmcli.postest.ml_constraints import cns_matrix

        est = [j for j, lab in enumerate(fit.labels) if not (lab.base or lab.omitted)]
        matrices["Cns"] = cns_matrix(spec.constraints, b.colnames, est + list(range(len(fit.labels), len(b.colnames))))
        for key in ("ll_0", "r2_p"):
            scalars.pop(key, None)
    if spec.family == "ordinal":
        cats = np.array(spec.categories, float)[None, :]
        matrices["cat"] = Matrix(cats, ("r1",), tuple(f"c{i + 1}" for i in range(cats.shape[1])))
    return EstimationResults(cmd=name, scalars=scalars, macros=macros, matrices=matrices, result=result,
                             model=fit, sample=sample, title=result.title, design=design)


def _display(session, e, opts: dict, *, nolog: bool, noheader: bool = False, shown_by: str | None = None) -> None:
    from mlmcli.render.glm_table import render_glm

    result = e.result
    if opts.get("level") is not None and e.model is not None:  # replay at another level
        level = confidence_level(opts, e.result.level)
        if level != e.result.level:
            fit = e.model
            result = _named(dataclasses.replace(fit, spec=dataclasses.replace(fit.spec, level=level)).result(),
                            e.cmd)
    if noheader and opts.get("notable"):  # bootstrap's Display: nothing shown
        return
    table = table_options_with_notes(session, opts)  # _get_diopts: the display options, formats checked
    if getattr(e, "free_parameters", None) and e.free_parameters():  # ologit/oprobit, version 15: _b[/cut1]
        table = dataclasses.replace(table, free_parameters=True)
    session.print(render_glm(
        result, eform=_eform(shown_by or e.cmd, opts), linesize=session.linesize, nolog=nolog, noheader=noheader,
        notable=bool(opts.get("notable")), nolrtest=bool(opts.get("nolrtest")), options=table,
        cnsreport=not opts.get("nocnsreport"), shown=shown_details(opts)))


def replay(session, e, *, noheader: bool = False, opts: dict | None = None, shown_by: str | None = None) -> None:
    """Print stored results again (the command typed alone; ``estimates replay``), with the
    display options typed now (``or``, ``level()``, formats)."""
    from mlmcli.estimation.replicate_missing import print_note

    _display(session, e, opts or {}, nolog=True, noheader=noheader, shown_by=shown_by)
    print_note(session, e, opts or {})  # _prefix_footnote: replicates posted missing
    footnote(session, e)


def run(session, cmd, name: str) -> None:
    from mlmcli.glm.fit import fit_glm

    if not cmd.args.strip() and cmd.weight is None and not cmd.if_exp and not cmd.in_range:
        e = replay_results(session, REPLAYS.get(name, (name,)))
        if e.macros.get("prefix") == "svy":  # svy: logit's results replay as svy shows them
            from mlmcli.commands.estimation.survey_replay import replay_svy

            return replay_svy(session, e, cmd.options)
        return replay(session, e, opts=resolve_options(cmd.options, replay_option_specs(_COMMON + _EXTRA[name])),
                      shown_by=name)
    prep = prepare(session, cmd, name)
    table_options(prep.opts)  # _get_diopts runs before ml: a bad cformat() or fvwrap() fits nothing
    fit = fit_glm(prep.spec)
    for note in prep.design.notes + tuple(fit.notes):
        session.print(note)
    sample = prep.sample.copy()
    sample[np.flatnonzero(sample)[~np.asarray(fit.used, bool)]] = False
    design = design_after_fit(prep.design, fit)
    if prep.replicate:  # the full fit quietly, then the replicates' dots
        from mlmcli.commands.estimation.glm_replicates import with_replicate_variance

        fit = with_replicate_variance(session, fit, prep.replicate, sample, name)
    e = _results(cmd, name, prep, fit, design, sample)
    session.e = e
    _display(session, e, prep.opts, nolog=bool(prep.opts.get("nolog")) or bool(prep.replicate),
             noheader=bool(prep.opts.get("noheader")))
    finish(session, e, converged=fit.converged, at_limit=fit.limit_reached,
           iterate_typed=prep.opts.get("iterate") is not None)


def cmd_logit(session, cmd) -> None:
    run(session, cmd, "logit")


def cmd_logistic(session, cmd) -> None:
    run(session, cmd, "logistic")


def cmd_probit(session, cmd) -> None:
    run(session, cmd, "probit")


def cmd_cloglog(session, cmd) -> None:
    run(session, cmd, "cloglog")


def cmd_poisson(session, cmd) -> None:
    run(session, cmd, "poisson")


def cmd_nbreg(session, cmd) -> None:
    run(session, cmd, "nbreg")


def cmd_ologit(session, cmd) -> None:
    run(session, cmd, "ologit")


def cmd_oprobit(session, cmd) -> None:
    run(session, cmd, "oprobit")
