"""``stcox``: the Cox proportional-hazards model on stset data (engine ``mlmcli.survival.cox``).

    stcox [indepvars] [if] [in] [, nohr breslow efron exactm exactp strata(varnames) offset(varname)
          tvc(varlist) texp(exp) vce(oim|robust|cluster v) robust level(#) nolog log noshow
          iterate(#) tolerance(#) ltolerance(#) nrtolerance(#)]

The records are the stset sample (_st == 1) with the covariates not missing; the weights are
stset's (fweights; pweights, their variance robust as Stata's; weights with efron and exactp are
refused, as [ST] stcox says).  Ties: Breslow's approximation by default, as Stata; ``efron``
Efron's; ``exactp``/``exactm`` the exact partial and marginal likelihoods (survival.cox_exact).
``strata()``: one risk set per stratum (survival.cox_strata); ``offset()``: x b + offset;
``tvc()``: the covariates times texp() (default _t) at each failure time (survival.cox_tvc).
``vce(robust)`` clusters on the stset id() when there is one (as stcox.ado does) and carries the
standard degree-of-freedom adjustment M/(M-1) (M clusters or observations; ``noadjust``: none).
``shared(v)``: the gamma shared-frailty model (stcox_shared, survival.cox_frailty), with stset
iweights constant within group (stcox_fr's CheckWgt) weighting each group's contribution;
technique() only with it (stcox_fr hands ml's options to its profile-likelihood fit; cox takes none).
stset iweights are frequency weights allowed to be non-integer (the counts in the header their
sums); exactm takes fweights and iweights.  exactm and exactp with tvc(), vce(robust),
vce(cluster) or stset pweights (robust) are Stata's refusal ([ST] stcox, Options: "exactm and
exactp may not be specified with tvc(), vce(robust), or vce(cluster clustvar)").
The command typed alone replays; ``estimate`` fits the model without covariates (without it, no
covariates is ``varlist required``).
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, confidence_level, integer_option, number_option, resolve_options
from mlmcli.commands.estimation.common import display_option_specs, replay_option_specs, robust_macros, table_options
from mlmcli.commands.estimation.stcox_variables import SPECS as VARIABLE_SPECS
from mlmcli.syntax.settings import default_iterate
from mlmcli.survival.settings import weighted_subjects

SPECS = [OptionSpec("nohr", 4), OptionSpec("hr", 2), OptionSpec("breslow", 6), OptionSpec("efron", 5),
         OptionSpec("exactm", 6), OptionSpec("exactp", 6), OptionSpec("vce", 3, takes_arg=True),
         OptionSpec("robust", 1), OptionSpec("cluster", 2, takes_arg=True), OptionSpec("level", 1, takes_arg=True),
         OptionSpec("nolog", 5), OptionSpec("log", 3), OptionSpec("noshow", 6),
         OptionSpec("iterate", 4, takes_arg=True), OptionSpec("tolerance", 3, takes_arg=True),
         OptionSpec("ltolerance", 4, takes_arg=True), OptionSpec("nrtolerance", 5, takes_arg=True),
         OptionSpec("strata", 6, takes_arg=True), OptionSpec("shared", 6, takes_arg=True), OptionSpec("forceshared", 11),
         OptionSpec("tvc", 3, takes_arg=True), OptionSpec("texp", 4, takes_arg=True),
         OptionSpec("offset", 6, takes_arg=True), OptionSpec("noheader", 8), OptionSpec("estimate", 8),
         OptionSpec("noadjust", 5), OptionSpec("technique", 4, takes_arg=True)] + VARIABLE_SPECS + display_option_specs()  # [ST] stcox display_options
HELP = ("stcox [indepvars] [if] [in] [, nohr efron breslow exactm exactp strata(varnames) shared(varname) technique() "
        "offset(varname) "
        "tvc(varlist) texp(exp) vce(oim|robust|cluster v|jackknife|bootstrap) level(#) nolog noshow] : "
        "Cox proportional-hazards regression on stset data")


def _ties(opts: dict) -> str:
    chosen = [t for t in ("breslow", "efron", "exactm", "exactp") if opts.get(t)]
    if len(chosen) > 1:
        raise StataError("may specify only one of exactm, exactp, efron, and breslow", 198)
    return chosen[0] if chosen else "breslow"


# [ST] stcox, Options: the exact methods take neither tvc() nor a robust or cluster VCE (the
# built-in cox's own wording is not documented: mlm prints the manual's sentence)
EXACT_REFUSAL = "exactm and exactp may not be specified with tvc(), vce(robust), or vce(cluster clustvar)"


def _st_weights(ds):
    kind, var = ds.chars.get("st_wt", ""), ds.chars.get("st_wv", "")
    return kind, (ds.numeric(var) if kind else np.ones(ds.nobs))


def check_exact_options(ties: str, vce: str, wkind: str, tvc) -> None:
    """stcox's refusals of weights with efron/exactp and of the exact methods' companions."""
    if wkind and ties in ("efron", "exactp"):  # [ST] stcox: "Weights are not supported with efron and exactp"
        raise StataError(f"weights not allowed with {ties}", 101)
    if ties in ("exactm", "exactp") and (vce != "oim" or wkind == "pweight" or tvc):
        raise StataError(EXACT_REFUSAL, 198)


def _cox_design(ds, terms, sample):
    """The covariates' design with collinearity judged as in a model with a constant (the
    baseline hazard absorbs one): a covariate constant on the sample is omitted with Stata's
    note rather than left to a likelihood flat in it; the constant column is not fitted."""
    import dataclasses

    from mlmcli.factor_variables import build_design

    design = build_design(ds, terms, sample, constant=True)
    return dataclasses.replace(design, X=design.X[:, :-1], labels=design.labels[:-1],
                               recipes=design.recipes[:-1])


COUNTED = ("fweight", "iweight")  # weights that count observations (iweights: their non-integer sums)


def _count(total: float):
    return int(round(total)) if float(total).is_integer() else float(total)


def fit_stcox(session, cmd):
    """Syntax, sample, design and the fit: (EstimationResults, options)."""
    from mlmcli.commands.data.survival_settings import require_st
    from mlmcli.commands.estimation.common import group_codes, sandwich_vce
    from mlmcli.factor_variables import parse_terms, term_variables
    from mlmcli.sample import mark_sample
    from mlmcli.commands.estimation.stcox_setup import (build_likelihood, parse_extras, strata_codes, time_function,
                                                           tvc_fit_class)
    from mlmcli.survival.cox import CoxData, CoxFit, fit_cox, robust_variance

    ds = session.data
    desc = require_st(ds)
    opts = resolve_options(cmd.options, SPECS)
    ties = _ties(opts)
    if cmd.weight is not None:
        raise StataError("weights not allowed; weights must be set with stset", 101)
    terms = parse_terms(ds, cmd.args) if cmd.args.strip() else []
    if not terms and not opts.get("estimate") and opts.get("tvc") is None:
        raise StataError("varlist required", 100)  # [ST] stcox: the null model is stcox, estimate
    extras = parse_extras(ds, opts)
    sample = np.asarray(mark_sample(session, cmd, term_variables(terms)), bool) & (ds.numeric("_st") == 1)
    if extras.sample_variables():
        sample &= np.asarray(mark_sample(session, cmd, extras.sample_variables(), strok=True), bool)
    from mlmcli.commands.estimation.stcox_replicates import replicate_request

    shown = [spec for spec in SPECS if spec.name in ("noheader", "level", "hr")]  # vce(bootstrap, ...)'s
    request = replicate_request(opts, ds, desc, accepted=shown)
    vce, clustvar = ("oim", None) if request is not None else sandwich_vce(ds, opts, "oim")
    wkind, w = _st_weights(ds)
    shared = None
    if opts.get("technique") is not None and opts.get("shared") is None:  # cox's own fit takes no ml options
        raise StataError("option technique() not allowed", 198)
    if opts.get("shared") is not None:
        from mlmcli.commands.estimation.stcox_shared import check_shared_options, shared_variable
        check_shared_options(opts, ties, vce)
        if wkind and wkind != "iweight":
            raise StataError("only iweights are allowed", 198)
        shared = shared_variable(ds, opts)
        sample &= np.asarray(mark_sample(session, cmd, [shared], strok=True), bool)
        from mlmcli.commands.estimation.streg_frailty import check_shared_gaps
        check_shared_gaps(session, desc, sample, shared, bool(opts.get("forceshared")))
        if wkind:  # stcox_fr's CheckWgt
            from mlmcli.commands.estimation.common import group_codes
            from mlmcli.commands.estimation.streg_frailty import check_group_weights
            check_group_weights(shared, w[sample], group_codes(ds, shared, sample))
    check_exact_options(ties, vce, wkind, extras.tvc)
    from mlmcli.commands.estimation.stcox_variables import requested, write_variables
    variables = requested(ds, opts, tvc=bool(extras.tvc), ties=ties, shared=shared is not None)
    if wkind == "pweight":
        vce = "cluster" if clustvar else "robust"
    if vce == "robust" and desc.id:
        vce, clustvar = "cluster", desc.id
    marked_cluster = clustvar or (request[1].get("command_cluster") if request else None)
    if marked_cluster:
        sample &= np.asarray(mark_sample(session, cmd, [marked_cluster], strok=True), bool)
    n = int(sample.sum())
    if n == 0:
        raise StataError("no observations", 2000)
    design = _cox_design(ds, terms, sample)
    level = confidence_level(opts, getattr(session, "level", 95.0))
    # cox's dead(): a nonzero _d a failure (a renumbered _d in a replicate's printed run: every record)
    data = CoxData(t0=ds.numeric("_t0")[sample], t=ds.numeric("_t")[sample], d=(ds.numeric("_d")[sample] != 0) * 1.0,
                   X=design.X, w=w[sample], ties=ties,
                   offset=ds.numeric(extras.offset)[sample] if extras.offset else None)
    tvc_design = g = None
    if extras.tvc:
        from mlmcli.factor_variables import build_design

        tvc_design = build_design(ds, parse_terms(ds, " ".join(extras.tvc)), sample, constant=False)
        g = time_function(session, extras, sample)
    if shared:
        return _fit_shared(session, cmd, data, sample, shared, desc, design, extras, level, ties, tvc_design, g,
                           weighted=bool(wkind)), opts
    strata = strata_codes(ds, extras.strata, sample)
    likelihood, pieces = build_likelihood(data, strata, tvc_design.X if tvc_design else None, g)
    control = dict(iterate=integer_option(opts, "iterate", default_iterate(session), minimum=0),
                   tolerance=number_option(opts, "tolerance", 1e-6), ltolerance=number_option(opts, "ltolerance", 1e-7),
                   nrtolerance=number_option(opts, "nrtolerance", 1e-5))
    lik, res, V, ll0 = fit_cox(likelihood.data, likelihood=likelihood, **control)
    n_clusters, V_model, replicated = None, V, None
    if request is not None:
        from mlmcli.commands.estimation.stcox_replicates import replicate_fit

        names = [lab.name for lab in design.labels]
        if len(names) == np.asarray(res.x).size:  # e(b)'s names: bootstrap's reject() (bootstrap_run)
            request[1]["_colnames"] = names
        # what the replicates' fit reads besides the st variables (idcluster()/group() renumbering them)
        request[1]["_reads"] = term_variables(terms) + list(extras.strata) + [v for v in (extras.offset,) if v]
        from mlmcli.survival.st_factor_renumbering import factor_levels_of

        factor_levels, refused = factor_levels_of(ds, sample, None, [terms])  # i.k: checked levels
        request[1]["_rebuilt"] = dict(recipes=design.recipes, offset=extras.offset, strata_names=list(extras.strata),
                                      factor_levels=factor_levels, refused=sorted(refused))
        V, replicated = replicate_fit(session, request, data, strata, res.x, control, sample, desc, wkind)
    elif vce != "oim":
        clusters = group_codes(ds, clustvar, sample) if clustvar else None
        n_clusters = int(clusters.max()) + 1 if clusters is not None else None
        if pieces is not None:  # the split records' scores summed back to their record (or cluster)
            clusters = pieces if clusters is None else clusters[pieces]
        V = robust_variance(lik, res.x, V, clusters, lik.data.w)
        # the standard degree-of-freedom adjustment M/(M-1), M clusters or observations (noadjust: none)
        m = n_clusters if n_clusters is not None else (float(w[sample].sum()) if wkind in COUNTED else n)
        if not opts.get("noadjust") and m > 1:
            V = V * (m / (m - 1.0))
    wv = w[sample] if wkind in COUNTED else np.ones(n)
    n_subjects = weighted_subjects(ds.numeric(desc.id)[sample] if desc.id else None, wv)
    labels = design.labels + (tvc_design.labels if tvc_design else ())
    fit = (tvc_fit_class() if extras.tvc else CoxFit)(labels=labels, b=res.x, V=V, loglik=res.f, loglik0=ll0, steps=res.steps,
                 converged=res.converged, vce="oim" if vce == "oim" else "robust", level=level,
                 description=desc, ties=ties, n_obs=_count(wv.sum()) if wkind in COUNTED else n,
                 n_subjects=n_subjects, n_failures=float((wv * data.d).sum()),
                 time_at_risk=float((wv * (data.t - data.t0)).sum()), n_clusters=n_clusters,
                 cluster_var=clustvar, pseudo=vce != "oim", limit_reached=res.limit_reached, replicated=replicated)
    e = _results(cmd, fit, design, sample, wkind, ds, extras, V_model)
    write_variables(session, variables, e, data, strata, V_model)  # stcox's mgale() ... (stcox_variables)
    return e, opts


def _fit_shared(session, cmd, data, sample, shared, desc, design, extras, level, ties, tvc_design=None, g=None,
                weighted=False):
    from dataclasses import replace as copy_with

    from mlmcli.commands.estimation.stcox_shared import fit_shared, shared_results
    from mlmcli.fit_progress import iteration_progress

    ds = session.data
    wv = data.w  # ones without weights; iweights count as in stcox (cox's e(N) ... their sums)
    n_subjects = weighted_subjects(ds.numeric(desc.id)[sample] if desc.id else None, wv)
    labels = design.labels + (tvc_design.labels if tvc_design else ())
    with iteration_progress(session, "stcox", "log profile likelihood") as on_iteration:
        fit, fr = fit_shared(ds, data, sample, shared, desc, dict(
            labels=labels, level=level, description=desc, ties=ties, n_obs=_count(wv.sum()),
            n_subjects=n_subjects, n_failures=float((wv * data.d).sum()),
            time_at_risk=float((wv * (data.t - data.t0)).sum())),
            tvc=(tvc_design.X, g) if tvc_design else None, weighted=weighted, on_iteration=on_iteration)
    e = shared_results(cmd, fit, design, sample, ds, extras)
    e.frailty_history = fr.iterations
    if tvc_design:  # the main and tvc equations, as stcox_fr posts cox's
        e.macros["texp"] = extras.texp
        e.matrices = {key: _equation_names(m, len(design.labels)) for key, m in e.matrices.items()}
        e.result = copy_with(e.result, texp=extras.texp, n_tvc=len(tvc_design.labels))
    return e


TIES_MACRO = {"exactp": "partial", "exactm": "marginal"}  # e(ties) as cox.ado names the exact methods


def cox_result(fit, macros: dict, colnames, level: float | None = None):
    """The fit's CoxResult with what strata() and tvc() add to the display (e(strata), e(texp),
    the tvc: columns of e(b))."""
    from dataclasses import replace

    return replace(fit.result(level), strata=macros.get("strata") or None, texp=macros.get("texp") or None,
                   n_tvc=sum(1 for name in colnames if name.startswith("tvc:")))


def _equation_names(matrix, n_main: int):
    """e(b)/e(V) with tvc(): the columns main:x ... tvc:z ..."""
    from mlmcli.results.matrix import Matrix

    names = tuple(("main:" if j < n_main else "tvc:") + name for j, name in enumerate(matrix.colnames))
    rows = names if matrix.rownames == matrix.colnames else matrix.rownames
    return Matrix(matrix.values, rows, names)


def _results(cmd, fit, design, sample, wkind, ds, extras, V_model):
    from dataclasses import replace

    from mlmcli.estimation.results import EstimationResults

    b, V = fit.e_matrices()
    matrices = {"b": b, "V": V}
    if fit.pseudo:  # the OIM variance behind the robust one, as stcox posts it (predict's dfbeta)
        matrices["V_modelbased"] = fit.e_matrices()[1] if V_model is fit.V else replace(fit, V=V_model).e_matrices()[1]
    macros = {}
    if extras.strata:
        macros["strata"] = " ".join(extras.strata)
    if extras.offset:
        macros["offset"] = macros["offset1"] = extras.offset
    if extras.tvc:
        macros["texp"] = extras.texp
        matrices = {key: _equation_names(m, len(design.labels)) for key, m in matrices.items()}
        b = matrices["b"]
    result = cox_result(fit, macros, b.colnames)
    scalars = {"N": float(fit.n_obs), "N_sub": fit.n_subjects, "N_fail": fit.n_failures, "risk": fit.time_at_risk,
               "ll": fit.loglik, "ll_0": fit.loglik0, "df_m": float(result.df_m), "chi2": result.chi2,
               "p": result.p, "rank": float(result.df_m), "converged": float(fit.converged),
               "ic": float(max(len(fit.steps) - 1, 0)), "k_eq": 2.0 if extras.tvc else 1.0, "k_dv": 0.0,
               "level": fit.level}
    if fit.n_clusters:
        scalars["N_clust"] = float(fit.n_clusters)
    macros |= {"cmd": "cox", "cmd2": "stcox", "cmdline": (cmd.text or f"stcox {cmd.args}").strip(),
              "depvar": "_t", "t0": "_t0", "title": "Cox regression", "ties": TIES_MACRO.get(fit.ties, fit.ties),
              "method": TIES_MACRO.get(fit.ties, fit.ties), "chi2type": result.chi2_type, "predict": "stcox_p", "properties": "b V",
              "crittype": "log pseudolikelihood" if fit.pseudo else "log likelihood",
              "vce": "robust" if fit.pseudo else "oim", "estat_cmd": "stcox_estat"}
    robust_macros(macros, fit.pseudo, fit.cluster_var)
    if fit.replicated:
        from mlmcli.commands.estimation.streg_results import replicate_ereturn

        replicate_ereturn(scalars, macros, fit.replicated, result.chi2_type)
    if wkind:
        macros["wtype"] = wkind
        macros["wexp"] = "= " + ds.chars.get("st_wv", "")
    e = EstimationResults(cmd="stcox", scalars=scalars, macros=macros, matrices=matrices, result=result,
                          model=fit, sample=sample, title="Cox regression", design=design)
    e.stamp_sample(ds)
    return e


def _display(session, e, opts: dict, *, nolog: bool, noheader: bool = False, notes=()) -> None:
    from mlmcli.render.survival import render_cox

    result = e.result
    if e.macros.get("cmd") == "stcox_fr":
        return _display_shared(session, e, opts, nolog=nolog, noheader=noheader)
    table = table_options(opts, notes := list(notes))  # format notes print with the others
    if opts.get("level") is not None and e.model is not None:
        result = cox_result(e.model, e.macros, e.matrices["b"].colnames, confidence_level(opts, e.model.level))
    noshow = bool(opts.get("noshow")) or session.data.chars.get("st_show") == "noshow"
    if getattr(e.model, "replicated", None):  # the prefix's replay: st_show ran in its quiet first call
        noshow, nolog = True, True
    text = render_cox(result, hr=not opts.get("nohr"), nolog=nolog, noshow=noshow, noheader=noheader,
                      linesize=session.linesize, notes=notes, options=table)
    session.print("\n".join(line.rstrip() for line in text.split("\n")))


def _display_shared(session, e, opts: dict, *, nolog: bool, noheader: bool) -> None:
    from dataclasses import replace as copy_with

    from mlmcli.render.survival_frailty import render_cox_frailty

    shown = [spec.name for spec in display_option_specs() if opts.get(spec.name)]
    if shown:  # the shared-frailty table is its own renderer's; not silently ignored
        raise StataError(f"option {shown[0]} not supported by mlmcli with stcox, shared()", 198)
    result = e.result
    if opts.get("level") is not None:
        level = confidence_level(opts, e.model.level)
        result = copy_with(e.model.cox.result(level), chi2=result.chi2, chi2_type="Wald", p=result.p,
                           texp=result.texp, n_tvc=result.n_tvc)
    noshow = bool(opts.get("noshow")) or session.data.chars.get("st_show") == "noshow"
    text = render_cox_frailty(result, e.model, history=getattr(e, "frailty_history", ()), hr=not opts.get("nohr"),
                              nolog=nolog, noshow=noshow, noheader=noheader, linesize=session.linesize)
    session.print("\n".join(line.rstrip() for line in text.split("\n")))


def replay(session, e, *, noheader: bool = False, opts: dict | None = None) -> None:
    """stcox_7's replay at the level() typed; c(level) when none is (the fit's is not kept) comes
    in as a typed level() from ``estimation.replay_level.at_replay_level``, as for every command."""
    _display(session, e, dict(opts or {}), nolog=True, noheader=noheader)


def cmd_stcox(session, cmd) -> None:
    from mlmcli.commands.estimation.convergence import finish
    from mlmcli.estimation.active import replay_results

    if not cmd.args.strip() and cmd.weight is None and not cmd.if_exp and not cmd.in_range:
        # stcox.ado: replay() -- the command alone or with options only; estimate fits the null model
        if any(o.name.startswith("esti") and "estimate".startswith(o.name) for o in cmd.options):
            e, opts = fit_stcox(session, cmd)
            session.e = e
            return _display(session, e, opts, nolog=bool(opts.get("nolog")))
        return replay(session, replay_results(session, ("stcox",)), opts=resolve_options(cmd.options, replay_option_specs(SPECS)))
    e, opts = fit_stcox(session, cmd)
    session.e = e
    _display(session, e, opts, nolog=bool(opts.get("nolog")), noheader=bool(opts.get("noheader")),
             notes=e.design.notes)
    finish(session, e, converged=e.model.converged, at_limit=e.model.limit_reached,
           iterate_typed=opts.get("iterate") is not None)
