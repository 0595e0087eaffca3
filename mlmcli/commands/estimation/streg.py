"""``streg``: parametric survival models on stset data (engine ``mlmcli.survival.parametric_fit``).

    streg [indepvars] [if] [in], distribution(exponential|weibull|gompertz|lognormal|loglogistic|gamma)
          [time nohr tr noconstant offset(v) ancillary(varlist) anc2(varlist)
           frailty(gamma|invgaussian) shared(v) vce(oim|opg|robust|cluster v) level(#) nolog noshow noheader
           nolrtest iterate(#) ...]

exponential, weibull and gompertz in the log relative-hazard form by default (hazard ratios;
``nohr``: coefficients), ``time`` the accelerated failure-time form (gompertz has none);
lognormal, loglogistic and gamma (``ggamma``, Stata 14's name, is accepted) are AFT only;
``tr`` shows time ratios; ``strata(v)``.  The log likelihood is Stata's, that of ln t (see
``mlmcli.survival.parametric_distributions``).  stset fweights, pweights (robust variance) and
iweights are used; vce(robust) clusters on the stset id() when there is one; vce(opg) is ml's
(sum_i w_i s_i s_i')^-1 over the records' scores (the frailty groups' with frailty()), the LR test kept.  strata(v) is, as
Stata 13's ados make it, xi's ``_S*`` dummies in the model and in each ancillary parameter's
equation (``version 15``: i.v; ``streg_strata``).  frailty()
and shared(): ``streg_frailty`` (engine ``mlmcli.survival.parametric_frailty``).  constraints():
ml's constrained fit (``parameter_constraints``: ``( 1)  [_t]x = 1`` above the table, the
model's Wald test of the _t slopes, e(Cns)); collinear: the design's collinear columns kept
(``collinear_design``).  vce(bootstrap|jackknife): ``streg_replicates``.  technique(): ml's
techniques in turns (``technique_request``; bhhh alone: vce(opg) the default), not with
frailty() or constraints().  from(): ml's starting values as each ado hands them to ml
(``streg_start``).  The display options (coeflegend, noomitted, vsquish, baselevels, cformat(), ...)
are honoured through ``TableOptions``; the maximisation options besides iterate(), the tolerances
and technique() are refused.
"""
from __future__ import annotations

import numpy as np

from mlmcli.commands.estimation.common import display_option_specs, table_options_with_notes
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, confidence_level, integer_option, number_option, resolve_options
from mlmcli.commands.estimation.common import replay_option_specs
from mlmcli.syntax.settings import default_iterate

SPECS = [OptionSpec("distribution", 1, takes_arg=True), OptionSpec("nohr", 4), OptionSpec("hr", 2),
         OptionSpec("time", 4), OptionSpec("tr", 2), OptionSpec("level", 1, takes_arg=True),
         OptionSpec("nolog", 5), OptionSpec("log", 3), OptionSpec("noshow", 6),
         OptionSpec("iterate", 4, takes_arg=True), OptionSpec("tolerance", 3, takes_arg=True),
         OptionSpec("ltolerance", 4, takes_arg=True), OptionSpec("nrtolerance", 5, takes_arg=True),
         OptionSpec("vce", 3, takes_arg=True), OptionSpec("robust", 1), OptionSpec("cluster", 2, takes_arg=True),
         OptionSpec("ancillary", 3, takes_arg=True), OptionSpec("anc2", 4, takes_arg=True),
         OptionSpec("strata", 2, takes_arg=True), OptionSpec("frailty", 2, takes_arg=True),
         OptionSpec("shared", 2, takes_arg=True), OptionSpec("noconstant", 6), OptionSpec("offset", 3, takes_arg=True),
         OptionSpec("noheader", 6), OptionSpec("nolrtest", 5), OptionSpec("constraints", 5, takes_arg=True),
         OptionSpec("collinear", 3), OptionSpec("nocnsreport", 8), OptionSpec("difficult", 4),
         OptionSpec("technique", 4, takes_arg=True), OptionSpec("trace", 3), OptionSpec("gradient", 4),
         OptionSpec("hessian", 4), OptionSpec("showstep", 5), OptionSpec("from", 4, takes_arg=True),
         OptionSpec("forceshared", 11)]
SPECS += display_option_specs()
# options without an argument Stata's streg takes and mlm does not (maximisation); the display
# options are honoured (``table_options``, render_streg_table)
REFUSED_FLAGS = ("difficult", "trace", "gradient", "hessian", "showstep")
DISTRIBUTIONS = (("exponential", 1), ("weibull", 1), ("gompertz", 3), ("lognormal", 4), ("lnormal", 2),
                 ("loglogistic", 4), ("llogistic", 2), ("gamma", 3), ("ggamma", 4))
SYNONYMS = {"lnormal": "lognormal", "llogistic": "loglogistic", "ggamma": "gamma"}
HELP = ("streg [indepvars] [if] [in], distribution(exponential|weibull|gompertz|lognormal|loglogistic|gamma) "
        "[time nohr tr noconstant offset() ancillary() anc2() strata() frailty() shared() vce() level(#) nolog noshow] : "
        "parametric survival regression on stset data")


def _distribution(opts: dict) -> str:
    from mlmcli.syntax.options import choice_option

    if opts.get("distribution") is None:
        raise StataError("option distribution() required", 198)
    name = choice_option(opts["distribution"], DISTRIBUTIONS, "distribution", fold_case=True)
    return SYNONYMS.get(name, name)


def _metric(opts: dict, dist) -> bool:
    """True for the accelerated failure-time form."""
    for name in REFUSED_FLAGS:
        if opts.get(name):
            raise StataError(f"option {name} not supported by mlmcli", 198)
    for other in ("nohr", "hr"):
        if opts.get("time") and opts.get(other):
            raise StataError(f"options time and {other} may not be combined", 198)
    if "hazard" not in dist.metrics and (opts.get("nohr") or opts.get("hr")):
        raise StataError(f"option {'nohr' if opts.get('nohr') else 'hr'} not allowed with "
                         f"distribution({dist.name})", 198)
    if "time" not in dist.metrics and opts.get("time"):
        raise StataError(f"option time not allowed with distribution({dist.name})", 198)
    if opts.get("anc2") and len(dist.aux) < 2:
        raise StataError(f"option anc2() not allowed with distribution({dist.name})", 198)
    if opts.get("ancillary") and not dist.aux:
        raise StataError(f"option ancillary() not allowed with distribution({dist.name})", 198)
    aft = bool(opts.get("time")) or "hazard" not in dist.metrics
    if opts.get("tr") and not aft:
        raise StataError("option tr not allowed with the log relative-hazard form; specify time", 198)
    return aft


def _is_opg(opts: dict) -> bool:
    from mlmcli.syntax.options import vce_option

    if opts.get("vce") is None or opts.get("robust") or opts.get("cluster"):
        return False
    kind, args = vce_option(opts["vce"], (("oim", 1), ("robust", 1), ("cluster", 2), ("opg", 3)))
    if kind == "opg" and args:
        raise StataError("invalid vce() option", 198)  # _vce_parse: words after a type without arguments
    return kind == "opg"


def _weights(ds, vce, clustvar, desc):
    kind = ds.chars.get("st_wt", "")
    w = ds.numeric(ds.chars["st_wv"]) if kind else np.ones(ds.nobs)
    if kind == "pweight" and vce == "oim":
        vce = "robust"
    if vce == "robust" and desc.id:
        vce, clustvar = "cluster", desc.id
    return kind, w, vce, clustvar


def fit_streg(session, cmd):
    from mlmcli.commands.data.survival_settings import require_st
    from mlmcli.commands.estimation.common import group_codes, sandwich_vce
    from mlmcli.commands.estimation.streg_frailty import (check_group_weights, check_shared_gaps, fit_with_frailty,
                                                          frailty_groups, frailty_kind, frailty_robust_variance,
                                                          subjects_split)
    from mlmcli.commands.estimation.streg_results import build_results
    from mlmcli.factor_variables import build_design, parse_terms, term_variables
    from mlmcli.sample import mark_sample
    from mlmcli.survival.parametric_distributions import DISTRIBUTIONS as FAMILIES
    from mlmcli.commands.estimation.streg_frailty import frailty_opg_variance
    from mlmcli.survival.parametric_fit import StregData, fit, opg_variance, robust_variance

    ds = session.data
    desc = require_st(ds)
    opts = resolve_options(cmd.options, SPECS)
    dist = FAMILIES[_distribution(opts)]
    aft = _metric(opts, dist)
    if cmd.weight is not None:
        raise StataError("weights not allowed; weights must be set with stset", 101)
    from mlmcli.commands.estimation.streg_replicates import replicate_request

    shown = [spec for spec in SPECS if spec.name in ("noheader", "level", "tr")]  # vce(bootstrap, ...)'s
    request = replicate_request(opts, ds, desc, accepted=shown, eform_options={"Tm. Ratio": "tr"})
    if request is not None:
        vce, clustvar = "oim", None
    else:
        vce, clustvar = sandwich_vce(ds, opts, "oim") if not _is_opg(opts) else ("opg", None)
    kind = frailty_kind(opts, ds, vce)
    wkind, w_all, vce, clustvar = _weights(ds, vce, clustvar, desc)
    terms = parse_terms(ds, cmd.args) if cmd.args.strip() else []
    aux_terms = [parse_terms(ds, str(opts[o])) if opts.get(o) else [] for o in ("ancillary", "anc2")]
    aux_terms = aux_terms[:len(dist.aux)]
    strata = None
    if opts.get("strata"):  # xi's _S* (version < 15) or i.v in the model and every ancillary equation
        if opts.get("ancillary") or opts.get("anc2"):
            raise StataError("options strata() and ancillary() may not be specified together", 198)
        if kind:  # weibullhet.ado and the other *het ados have no strata(): ml model's refusal
            raise StataError("option strata() not allowed", 198)
        from mlmcli.commands.estimation.streg_strata import strata_terms

        strata = strata_terms(session, str(opts["strata"]))
        terms = terms + strata.terms
        aux_terms = [strata.terms for _ in dist.aux]
    offset_var = ds.resolve(str(opts["offset"]).strip()) if opts.get("offset") else None
    used = term_variables(terms) + [v for ts in aux_terms for v in term_variables(ts)]
    used += [offset_var] if offset_var else []
    sample = np.asarray(mark_sample(session, cmd, used), bool) & (ds.numeric("_st") == 1)
    marked_cluster = clustvar or (request[1].get("command_cluster") if request else None)
    if marked_cluster:
        sample &= np.asarray(mark_sample(session, cmd, [marked_cluster], strok=True), bool)
    if kind:
        shared, groups, sample = frailty_groups(session, cmd, opts, sample)
        check_group_weights(shared, w_all[sample], groups)
        check_shared_gaps(session, desc, sample, shared, bool(opts.get("forceshared")))
    if not sample.any():
        raise StataError("no observations", 2000)
    constant = not opts.get("noconstant")
    if not constant and not terms:
        raise StataError("independent variables required with noconstant", 102)
    design = build_design(ds, terms, sample, constant=constant)
    if opts.get("collinear"):
        design = collinear_design(design)
    aux_designs = [build_design(ds, ts, sample, constant=True) if ts else None for ts in aux_terms]
    aux_designs += [None] * (len(dist.aux) - len(aux_designs))
    n = int(sample.sum())
    aux_X = [d.X if d is not None else np.ones((n, 1)) for d in aux_designs]
    offset = ds.numeric(offset_var)[sample] if offset_var else None
    t0, t, d, w = (ds.numeric("_t0")[sample], ds.numeric("_t")[sample], ds.numeric("_d")[sample], w_all[sample])
    d = (d != 0) * 1.0  # the ados' ``dead != 0`` (a renumbered _d in a replicate's printed run)
    control = dict(iterate=integer_option(opts, "iterate", default_iterate(session), minimum=0),
                   tolerance=number_option(opts, "tolerance", 1e-6), ltolerance=number_option(opts, "ltolerance", 1e-7),
                   nrtolerance=number_option(opts, "nrtolerance", 1e-5))
    schedule = technique_request(opts, bool(kind))
    if schedule is not None:
        control["technique"] = schedule
        # ml: technique(bhhh) alone makes vce(opg) the default (no vce() typed, no pweights)
        if all(t == "bhhh" for t, _ in schedule) and vce == "oim" and request is None and opts.get("vce") is None:
            vce = "opg"
    cns, fits = None, {}
    if opts.get("constraints") is not None and request is not None:  # replicate_fit refits unconstrained
        raise StataError(f"option constraints() with vce({request[0]}) not supported by mlmcli", 198)
    if opts.get("constraints") is not None:
        cns, fits = parameter_constraints(session, opts["constraints"], design, aux_designs, dist, bool(kind))
    from mlmcli.commands.estimation.streg_start import ado_start, typed_start

    typed = typed_start(session, opts, dist, aft, design, aux_designs, offset_var, bool(kind), request, cns,
                        parameter_names(design, aux_designs, dist))
    null_res = None
    # without covariates weibull.ado, lnormal.ado, ... fit no constant-only model (their Wald
    # test of no slopes: chi2 missing); ereg's LR test uses its closed-form constant-only ll
    if constant and (terms or kind or dist.name == "exponential") and not (typed and typed.skips_null):
        # weibull_s.ado's constant-only fit is its own Newton-Raphson (WeibCons) and ereg's is in
        # closed form: technique() reaches their full model only
        own = dist.name in ("weibull", "exponential") and not any(opts.get(o) for o in ("ancillary", "strata"))
        null_control = {k: v for k, v in control.items() if k != "technique" or not (own and offset is None)}
        null_data = StregData(t0, t, d, w, [np.ones((n, 1))] + aux_X, dist.name, aft, offset)
        null_res, _ = fit(null_data, ado_start(null_data, True, True), constraints=fits.get("null"), **null_control)
    data = StregData(t0, t, d, w, [design.X] + aux_X, dist.name, aft, offset)
    start = ado_start(data, False, constant)
    if null_res is not None:  # ml's continue: the full model starts from the constant-only fit
        start = np.r_[np.zeros(design.X.shape[1] - 1), null_res.x]
    if typed is not None:  # from(): ml's init() over the start it would otherwise take
        start = typed.theta(data, start)
    res, V = fit(data, start, constraints=fits.get("full"), **control)
    frailty = None
    if kind:
        plain = res
        null_data = StregData(t0, t, d, w, [np.ones((n, 1))] + aux_X, dist.name, aft, offset)
        res, V, null_res = fit_with_frailty(kind, groups, shared, data, null_data, plain, null_res, control,
                                            (fits.get("frailty"), fits.get("null_frailty")))
        frailty = dict(kind=kind, shared=shared, groups=groups, plain=plain,
                       sh_warn=bool(shared) and subjects_split(ds, desc, groups, sample))
    n_clusters, replicated = None, None
    if request is not None:
        from mlmcli.commands.estimation.streg_replicates import replicate_fit

        names = parameter_names(design, aux_designs, dist)
        if len(names) == np.asarray(res.x).size:  # e(b)'s names: bootstrap's reject() (bootstrap_run)
            request[1]["_colnames"] = names
        request[1]["_reads"] = used + ([strata.var] if strata else [])  # idcluster()/group() over one of
        # them: st_bootstrap_renumbering
        from mlmcli.commands.estimation.streg_strata import renumbering_recipes, xi_columns_check
        from mlmcli.survival.st_factor_renumbering import factor_levels_of

        strata_var = strata.var if strata and not ds.is_string(strata.var) else None
        factor_levels, refused = factor_levels_of(ds, sample, strata_var, [terms] + aux_terms,
                                                  xi_columns_check(ds, strata, sample) if strata_var else None)
        xi_cols, string = (strata.xi_columns, ds.is_string(strata.var)) if strata else ({}, False)
        request[1]["_rebuilt"] = dict(recipes=renumbering_recipes(design.recipes, xi_cols, string),
                                      offset=offset_var, refused=sorted(refused),
                                      aux_recipes=[renumbering_recipes(a.recipes, xi_cols, string)
                                                   if a is not None else None for a in aux_designs],
                                      factor_levels=factor_levels)
        V, replicated = replicate_fit(session, request, data, res, control, sample, desc, wkind)
        vce = request[0]
    elif vce == "opg":  # ml's outer product of the gradient: the records' (or frailty groups') scores
        V = (frailty_opg_variance(kind, groups, shared, data, res.x, fits.get("frailty")) if kind
             else opg_variance(data, res.x, fits.get("full")))
    elif vce != "oim":
        clusters = group_codes(ds, clustvar, sample) if clustvar else None
        if kind:
            V = frailty_robust_variance(kind, groups, data, res.x, V, clusters, w if wkind == "fweight" else None)
        else:
            V = robust_variance(data, res.x, V, clusters, w if wkind == "fweight" else None)
        n_clusters = int(clusters.max()) + 1 if clusters is not None else None
    fitinfo = dict(covariates=bool(terms), nolrtest=bool(opts.get("nolrtest")), dist=dist, aft=aft, desc=desc, design=design, aux_designs=aux_designs, sample=sample,
                   res=res, V=V, null_res=null_res, data=data, wkind=wkind, vce=vce, clustvar=clustvar,
                   n_clusters=n_clusters, offset_var=offset_var, frailty=frailty, replicated=replicated,
                   constraints=cns, from_headed=bool(typed and typed.skips_null))
    return build_results(session, cmd, opts, fitinfo), opts, res


def technique_request(opts: dict, frailty: bool):
    """technique()'s schedule (``conditional_techniques.technique_schedule``), None for plain
    nr (the default path); with frailty() or constraints() not supported by mlmcli (their
    fits are Newton's only)."""
    from mlmcli.conditional_techniques import technique_schedule

    if opts.get("technique") is None:
        return None
    schedule = technique_schedule(opts["technique"])
    if schedule == [("nr", schedule[0][1])]:
        return None
    for other, typed in (("frailty", frailty), ("constraints", opts.get("constraints") is not None)):
        if typed:
            raise StataError(f"option technique() with {other}() not supported by mlmcli", 198)
    return schedule


def parameter_names(design, aux_designs, dist) -> list[str]:
    """ml's parameters of streg, ``eq:name``: the _t equation's estimable columns, then each
    ancillary equation's (``ln_p:_cons`` without covariates)."""
    names = [f"_t:{lab.name}" for lab in design.labels if not (lab.base or lab.omitted)]
    for eq, aux in zip(dist.aux, aux_designs):
        labels = [lab.name for lab in aux.labels if not (lab.base or lab.omitted)] if aux is not None else ["_cons"]
        names += [f"{eq}:{name}" for name in labels]
    return names


def parameter_constraints(session, text, design, aux_designs, dist, frailty=False):
    """(the full model's constraints, each fit's (R, r) or None by name): constraints() over
    ``parameter_names`` (then ``ln_the:_cons`` with frailty()), makecns' note for one naming
    what the model lacks.  The other fits take those on their own parameters, quietly: the
    constant-only fit (_t:_cons and the ancillary ones: the ados' constant-only ``ml model``
    gets the constraints with nocnsnotes) and, with frailty(), the model without frailty
    (weibullhet.ado and the others: ``qui weibull ..., `mlopts'``) and the constant-only
    frailty model (its ``ml model ... nocnsnotes``).  Fits: full, null, frailty, null_frailty."""
    from mlmcli.postest.ml_constraints import read_constraints

    def over(names, note=None):
        found = read_constraints(session, names, text, note=note)
        return found, None if found is None else (found.R, found.r)

    names = parameter_names(design, aux_designs, dist)
    null_names = ["_t:_cons"] + [n for n in names if not n.startswith("_t:")]
    tail = ["ln_the:_cons"] if frailty else []
    cns, fits = over(names + tail, note=session.print)
    fits = {"frailty": fits, "full": over(names)[1]} if frailty else {"full": fits}
    if "_t:_cons" in names:
        fits["null"] = over(null_names)[1]
        if frailty:
            fits["null_frailty"] = over(null_names + tail)[1]
    return cns, fits


def collinear_design(design):
    """``collinear`` (_rmcoll's and ml's option: keep collinear variables): the design itself
    when it has none; what ml's maximiser makes of a singular Hessian is not known here."""
    if not any(lab.omitted and not lab.base for lab in design.labels):
        return design
    raise StataError("option collinear with collinear variables not supported by mlmcli", 198)


def _at_replay_level(session, e, opts: dict):
    """e with its table at the replay's level() when one is typed (c(level) in place of the fit's
    comes in as a typed level(): ``estimation.replay_level.at_replay_level``).  e itself is not
    changed."""
    import dataclasses
    from types import SimpleNamespace

    from mlmcli.commands.estimation.streg_results import build_results

    level = confidence_level(opts, e.result.level)
    fi = getattr(e.model, "fit_info", None)
    if fi is None or level == e.result.level:
        return e
    again = build_results(session, SimpleNamespace(text=e.macros.get("cmdline", "")), {"level": level}, fi)
    return dataclasses.replace(e, result=again.result)


def replay(session, e, *, noheader: bool = False, opts: dict | None = None) -> None:
    from mlmcli.render.survival import render_streg

    opts = opts or {}
    e = _at_replay_level(session, e, opts)
    hr = e.macros.get("frm2") == "hazard" and not opts.get("nohr")
    tr = e.macros.get("frm2") == "time" and bool(opts.get("tr"))
    noshow = bool(opts.get("noshow")) or session.data.chars.get("st_show") == "noshow"
    table = _table_options(session, opts)
    session.print(render_streg(e.result, hr=hr, tr=tr, nolog=True, noshow=noshow,
                               noheader=noheader or bool(opts.get("noheader")), linesize=session.linesize,
                               cnsreport=not opts.get("nocnsreport"), options=table))


def _table_options(session, opts: dict):
    """The display options (_get_diopts: formats checked, a too-wide one's note printed).
    streg's rows carry the factors' base levels, which (all)baselevels shows; they keep no
    omitted rows, so noomitted/noemptycells hold as is."""
    return table_options_with_notes(session, opts)


def cmd_streg(session, cmd) -> None:
    from mlmcli.commands.estimation.convergence import finish
    from mlmcli.estimation.active import replay_results
    from mlmcli.render.survival import render_streg

    if not cmd.args.strip() and cmd.weight is None and not cmd.if_exp and not cmd.in_range \
            and not any(o.name.startswith("d") for o in cmd.options):
        return replay(session, replay_results(session, ("streg",)), opts=resolve_options(cmd.options, replay_option_specs(SPECS)))
    typed = resolve_options(cmd.options, SPECS)
    if typed.get("shared") and not typed.get("frailty"):  # streg's GetCmd, before the st lines
        session.print("\nNote: frailty(gamma) assumed.")
    e, opts, res = fit_streg(session, cmd)
    session.e = e
    noshow = bool(opts.get("noshow")) or session.data.chars.get("st_show") == "noshow"
    hr = e.macros["frm2"] == "hazard" and not opts.get("nohr")
    quiet = e.macros.get("prefix") in ("jackknife", "bootstrap")  # the prefix's first run is quiet (st lines too)
    table = _table_options(session, opts)
    session.print(render_streg(e.result, hr=hr, tr=bool(opts.get("tr")), nolog=bool(opts.get("nolog")) or quiet,
                               noshow=noshow or quiet, noheader=bool(opts.get("noheader")), linesize=session.linesize,
                               cnsreport=not opts.get("nocnsreport"), options=table))
    finish(session, e, converged=res.converged, at_limit=res.limit_reached,
           iterate_typed=opts.get("iterate") is not None)
