"""``stcrreg``: competing-risks regression (Fine and Gray's proportional subhazards) on stset
data (engines ``mlmcli.survival.subdistribution_hazard`` and ``subdistribution_grid``).

    stcrreg [indepvars] [if] [in], compete(crvar[==numlist]) [tvc(varlist) texp(exp) noshr
            offset(varname) vce(robust|cluster v) noadjust level(#) nolog noshow noheader
            notable nodisplay iterate(#) tolerance(#) ltolerance(#) nrtolerance(#)]

The records are the stset sample (_st == 1) with the covariates (and the offset, tvc()) present.
A record fails (_d == 1), fails of the competing event (crvar in the numlist, or crvar nonzero
and nonmissing without one), or is censored; a competing event stset as a failure is
stcrreg's r(459).  tvc(): the variables times texp() (a function of _t, stcox's checks) at
each failure time, the main and tvc equations.  stset fweights, iweights and pweights weight
the risk sets and the censoring distribution (stcrreg.ado: pweights rescaled to sum to N,
iweights positive; fweights and iweights count in the header and e(N), sums of weights).  With stset's id(), several records per subject
(following each other from time 0) enter the risk sets by record (subdistribution_grid).
The variance is always robust (Fine and Gray's, with the term of the estimated censoring
distribution), clustered on stset's id() when there is one or on vce(cluster v), with the
degree-of-freedom adjustment M/(M-1) (``noadjust``: none; with fweights and iweights M the
subjects' weights summed unless vce(cluster v)).  ml starts from stcox's estimates (at most 10 iterations) as stcrreg.ado does --
from zero with an offset; ``from()`` (ml's init(): ``matname [, skip]``, ``[eq:]name = # ...``
or ``# ..., copy``) replaces them.  ``constraints()``: ml's constrained fit (``( 1)  [_t]x = 1``
above the table, the robust variance about it, test [#1] dropping the fixed coefficients,
e(Cns)); ``collinear``: the design kept as it is (the same fit when it has no collinear
columns; with them refused).  vce(bootstrap|jackknife): ``stcrreg_replicates``.  The command typed without compete() replays.
stcrreg.ado's ParseCompete reruns stset: when the rerun no longer gives the data's _t, _t0, _d,
_st over the sample, the fit takes the rerun's (``_stset_rerun``; fpfit's estcmd(stcrreg) the same
code; its stset errors are stcrreg's; tvc() beside a moved _t refused; docs/competing_risks.md).
"""
from __future__ import annotations

import numpy as np

from mlmcli.commands.estimation.common import display_option_specs, label_options, table_options_with_notes
from mlmcli.errors import StataError
from mlmcli.survival.competing_risks import failure_types, parse_compete
from mlmcli.syntax.options import OptionSpec, confidence_level, integer_option, number_option, resolve_options
from mlmcli.syntax.settings import default_iterate

SPECS = [OptionSpec("compete", 4, takes_arg=True), OptionSpec("noshr", 5), OptionSpec("shr", 3),
         OptionSpec("nohr", 4), OptionSpec("offset", 3, takes_arg=True), OptionSpec("vce", 3, takes_arg=True),
         OptionSpec("robust", 1), OptionSpec("cluster", 2, takes_arg=True), OptionSpec("noadjust", 5),
         OptionSpec("level", 1, takes_arg=True), OptionSpec("nolog", 5), OptionSpec("log", 3),
         OptionSpec("noshow", 6), OptionSpec("noheader", 6), OptionSpec("notable", 7),
         OptionSpec("nodisplay", 9), OptionSpec("iterate", 4, takes_arg=True),
         OptionSpec("tolerance", 3, takes_arg=True), OptionSpec("ltolerance", 4, takes_arg=True),
         OptionSpec("nrtolerance", 5, takes_arg=True), OptionSpec("tvc", 3, takes_arg=True),
         OptionSpec("texp", 4, takes_arg=True), OptionSpec("constraints", 5, takes_arg=True),
         OptionSpec("collinear", 3), OptionSpec("from", 4, takes_arg=True), OptionSpec("nocnsreport", 6),
         *display_option_specs()]  # Display: _get_diopts
HELP = ("stcrreg [indepvars] [if] [in], compete(crvar[==numlist]) [tvc(varlist) texp(exp) noshr offset(varname) "
        "vce(robust|cluster v) level(#) nolog noshow] : competing-risks regression on stset data")


def _st_weights(ds):
    """(kind, weights) of stset's fweights, iweights or pweights (ones without)."""
    kind = ds.chars.get("st_wt", "")
    return kind, (ds.numeric(ds.chars["st_wv"]) if kind else np.ones(ds.nobs))


def _start_values(t0, t, status, X, Z=None, g=None, w=None):
    """stcox's Breslow estimates (with the same tvc()) after at most 10 iterations
    (stcrreg.ado's starting values); zeros when that fit fails."""
    from mlmcli.survival.cox import CoxData, fit_cox
    from mlmcli.survival.cox_strata import build_likelihood

    k = X.shape[1] + (Z.shape[1] if Z is not None else 0)
    try:
        lik, _ = build_likelihood(CoxData(t0=t0, t=t, d=(status == 1).astype(float), X=X,
                                          w=np.ones(t.size) if w is None else w), None, Z, g)
        _, res, _, _ = fit_cox(lik.data, iterate=10, likelihood=lik)
    except (np.linalg.LinAlgError, FloatingPointError, ValueError):
        return np.zeros(k)
    return res.x if np.all(np.isfinite(res.x)) else np.zeros(k)


def fit_stcrreg(session, cmd):
    """Syntax, sample, design and the fit: (EstimationResults, options)."""
    from mlmcli.commands.data.survival_settings import require_st
    from mlmcli.commands.estimation.common import group_codes, sandwich_vce
    from mlmcli.commands.estimation.stcox_setup import CoxExtras, time_function
    from mlmcli.factor_variables import build_design, parse_terms, term_variables
    from mlmcli.sample import mark_sample
    from mlmcli.survival.competing_risks import CompetingRisksFit, competing_event, failure_event
    from mlmcli.survival.subdistribution_grid import GridSubdistribution, subject_records
    from mlmcli.survival.subdistribution_hazard import (COUNTED, CompetingData, fit_subdistribution,
                                                        stcrreg_variance, stcrreg_weights)

    ds = session.data
    desc = require_st(ds)
    opts = resolve_options(cmd.options, SPECS)
    if cmd.weight is not None:
        raise StataError("weights must be stset", 101)
    if opts.get("compete") is None:
        raise StataError("option compete() required", 198)
    from mlmcli.commands.estimation.stcrreg_replicates import replicate_request

    request = replicate_request(opts, ds, desc)  # vce(bootstrap|jackknife): stcrreg_replicates
    if opts.get("texp") is not None and opts.get("tvc") is None:
        raise StataError("texp() only allowed with tvc()", 198)
    tvc_terms = parse_terms(ds, str(opts["tvc"])) if opts.get("tvc") is not None else []  # factor variables too
    extras = CoxExtras(tvc=term_variables(tvc_terms), texp="".join((opts.get("texp") or "_t").split()))
    terms = parse_terms(ds, cmd.args) if cmd.args.strip() else []
    offset_var = ds.resolve(str(opts["offset"]).strip()) if opts.get("offset") else ""
    needed = term_variables(terms) + ([offset_var] if offset_var else []) + extras.tvc
    wkind, weights = _st_weights(ds)
    sample = np.asarray(mark_sample(session, cmd, needed), bool) & (ds.numeric("_st") == 1)
    sample &= ~np.isnan(weights) if wkind == "iweight" else weights > 0  # negative iweights: r(498) below
    crvar, values = parse_compete(ds, opts["compete"])
    vce, clustvar = ("robust", None) if request is not None else sandwich_vce(ds, opts, "robust")
    marked = request[1].get("command_cluster") if request is not None else clustvar
    if marked:  # stcrreg's cluster(v), also beside vce(bootstrap|jackknife) (_vce_parserun's mark())
        sample &= np.asarray(mark_sample(session, cmd, [marked], strok=True), bool)
    n = int(sample.sum())
    if n == 0:
        raise StataError("no observations", 2000)
    rebuilt = _stset_rerun(session, sample, desc, crvar, values, bool(extras.tvc))  # ParseCompete's
    t, t0 = (ds.numeric("_t")[sample], ds.numeric("_t0")[sample]) if rebuilt is None else rebuilt[:2]
    records = subject_records(ds.numeric(desc.id)[sample] if desc.id else None, t0, t)
    last, first = records if records is not None else (None, None)
    if rebuilt is None:
        status = failure_types(ds, crvar, values, sample, last)
    else:
        status = rebuilt[2]
        if last is not None and not np.array_equal(last, rebuilt[3]):
            raise StataError("stcrreg whose stset rerun reorders a subject's records not supported by mlmcli", 198)
    design = build_design(ds, terms, sample, constant=False)
    if opts.get("collinear"):
        from mlmcli.commands.estimation.streg import collinear_design

        design = collinear_design(design)
    offset = ds.numeric(offset_var)[sample] if offset_var else np.zeros(n)
    w = stcrreg_weights(wkind, weights[sample])
    data = CompetingData(t=t, status=status, X=design.X, offset=offset, w=w)
    likelihood, tvc_design, Z, g = None, None, None, None
    if extras.tvc:
        tvc_design = build_design(ds, tvc_terms, sample, constant=False)
        Z, g = tvc_design.X, time_function(session, extras, sample)
    if extras.tvc or last is not None:
        likelihood = GridSubdistribution(data, Z, g, t0=t0 if last is not None else None, last=last, first=first)
    k = design.X.shape[1] + (Z.shape[1] if Z is not None else 0)
    if request is not None and not k:
        raise StataError(f"vce({request[0]}) without covariates not supported by mlmcli with stcrreg", 198)
    start = None if offset_var or not k else _start_values(t0, t, status, design.X, Z, g, w)
    names = _parameter_names(design, tvc_design)
    cns = None
    if k and opts.get("constraints") is not None:
        from mlmcli.postest.ml_constraints import read_constraints

        cns = read_constraints(session, names, opts["constraints"], note=session.print)
    if k and opts.get("from") is not None:
        from mlmcli.graphs.fpfit_ml_start import start_values_from

        # stcrreg.ado: init(from) instead of stcox's estimates; ml starts the others at 0 (search(off))
        start = np.nan_to_num(start_values_from(session, names, opts["from"]))
        with np.errstate(over="ignore", invalid="ignore"):
            top = np.max(data.X @ start[:data.X.shape[1]], initial=0.0)
        if not top <= 709.78:  # exp(x b) past the double range is missing in Stata, and so is ln L
            raise StataError("initial values not feasible", 1400)
    lik, res, V = fit_subdistribution(
        data, start, iterate=integer_option(opts, "iterate", default_iterate(session), minimum=0),
        tolerance=number_option(opts, "tolerance", 1e-6), ltolerance=number_option(opts, "ltolerance", 1e-7),
        nrtolerance=number_option(opts, "nrtolerance", 1e-5), likelihood=likelihood,
        constraints=None if cns is None else (cns.R, cns.r))
    by_id = clustvar is None and bool(desc.id) and request is None
    if by_id:
        clustvar = desc.id  # stcrreg.ado: cluster(id) on st data with an id()
    clusters = group_codes(ds, clustvar, sample) if clustvar else None
    # the header's counts: fweights and iweights count copies; failures, competing events, censored subjects
    wc = w if wkind in COUNTED else np.ones(n)
    subject = np.ones(n, bool) if last is None else last
    n_clusters = int(clusters.max()) + 1 if clusters is not None else None
    if by_id and not k:  # the null model: stcrreg.ado's nsubj
        n_clusters = float(wc[subject].sum())
    replicated = None
    if request is not None:
        from mlmcli.commands.estimation.stcrreg_replicates import replicate_fit

        control = dict(iterate=integer_option(opts, "iterate", default_iterate(session), minimum=0),
                       tolerance=number_option(opts, "tolerance", 1e-6),
                       ltolerance=number_option(opts, "ltolerance", 1e-7),
                       nrtolerance=number_option(opts, "nrtolerance", 1e-5))
        ids = ds.numeric(desc.id)[sample] if desc.id else None
        from mlmcli.postest.coefficient_rows import coefficient_matrices

        names = (_parameter_names(design, tvc_design) if tvc_design is not None  # e(b)'s main: and tvc:
                 else [f"_t:{n}" for n in coefficient_matrices(design.labels, res.x, np.zeros((k, k)))[0].colnames])
        if len(names) == k:  # bootstrap's reject() sees e(b) by these names
            request[1]["_colnames"] = tuple(names)
        request[1]["_command"] = _command_text(cmd)  # jackknife's saving(): jk_command
        if (request[1].get("outputs") or {}).get("nodrop"):  # jackknife's touse: the if/in rows
            request[1]["_if_in"], request[1]["_weights"] = np.asarray(mark_sample(session, cmd, []), bool), weights
        request[1]["_reads"] = needed + ["_t", "_t0", "_d"] + _compete_variable(ds, opts)
        from mlmcli.survival.st_factor_renumbering import factor_levels_of

        request[1]["_rebuilt"] = dict(recipes=design.recipes, offset=offset_var, crvar=crvar, values=values,
                                      tvc_recipes=tvc_design.recipes if tvc_design is not None else (),
                                      stale=rebuilt is not None,
                                      factor_levels=factor_levels_of(ds, sample, None, [terms, tvc_terms])[0])
        V, replicated = replicate_fit(session, request, data, t0, ids, res.x, control, sample, desc, wkind,
                                      tvc=(Z, g), constraints=None if cns is None else (cns.R, cns.r))
        n_clusters = replicated["clusters"][0] if replicated["clusters"] else None
    elif k:
        V, n_clusters = stcrreg_variance(lik, res.x, V, clusters, wkind, n_obs=n,
                                         subjects_weight=float(wc[subject].sum()),
                                         clusters_are_ids=by_id, noadjust=bool(opts.get("noadjust")))
    times, basecsh = lik.baseline(res.x)
    fit = CompetingRisksFit(
        labels=design.labels + (tvc_design.labels if tvc_design else ()), b=res.x, V=V, loglik=res.f,
        steps=res.steps if k else [],
        converged=res.converged, level=confidence_level(opts, getattr(session, "level", 95.0)),
        description=desc, failure=failure_event(desc.failvar, desc.events), compete=competing_event(crvar, values),
        n_obs=float(wc.sum()) if "N" not in (replicated or {}) else replicated["N"], n_subjects=float(wc[subject].sum()), n_failed=float(wc[status == 1].sum()),
        n_competing=float(wc[status == 2].sum()), n_censored=float(wc[subject & (status == 0)].sum()), times=times,
        basecsh=basecsh, offset_var=offset_var,
        n_clusters=n_clusters, cluster_var=clustvar, limit_reached=res.limit_reached,
        n_tvc=len(tvc_design.labels) if tvc_design else 0, texp=extras.texp if tvc_design else None,
        constraint_labels=cns.labels if cns is not None else (), replicated=replicated)
    # jackknife's nodrop: e(sample) its touse (stcrreg_jackknife_nodrop)
    e = _results(cmd, fit, design, (replicated or {}).get("sample", sample), ds, opts, crvar, values)
    if cns is not None:
        from mlmcli.postest.ml_constraints import cns_matrix

        est = [j for j, lab in enumerate(fit.labels) if not (lab.base or lab.omitted)]
        e.matrices["Cns"] = cns_matrix(cns, e.matrices["b"].colnames, est)
    return e, opts


def _stset_rerun(session, sample, desc, crvar, values, tvc: bool):
    """stcrreg.ado's ParseCompete reruns stset (failure(compete()), then stset's own) before the
    fit, after marking the sample with the data's _st and finding the last records with its _t:
    when the rerun's _t, _t0, _d or _st differ from the data's over the sample -- stset's
    variables changed since stset, or a bootstrap replicate's renumbered data (vce(bootstrap,
    noisily)'s printed runs) -- (_t, _t0, failure types, lastrec) as the ado builds them
    (survival/stcrreg_renumbering.stset_rerun_outcomes, fpfit's estcmd(stcrreg) the same); None
    when they agree, or when mlm's stset cannot rerun these settings (the data's own st variables
    then).  The rerun's stset errors are stcrreg's.  tvc() beside a rerun that moves _t: mlm's
    refusal (texp() is evaluated at the data's _t before the rerun; how the Mata pairs those
    values with the rerun's _t is not public)."""
    from mlmcli.commands.data.survival_settings import stset_rerun
    from mlmcli.survival.stcrreg_renumbering import stset_rerun_outcomes

    return stset_rerun_outcomes(session.data, stset_rerun(session), sample, crvar, values, tvc)


def _command_text(cmd) -> str:
    """The command the prefix runs (saving()'s jk_command): stcrreg's line without its vce()."""
    options = [o.name if o.arg is None else f"{o.name}({o.arg})" for o in cmd.options if o.name != "vce"]
    return " ".join(["stcrreg", cmd.args.strip()]).strip() + (", " + " ".join(options) if options else "")


def _parameter_names(design, tvc_design) -> list[str]:
    """ml's parameters, ``eq:name``: ``_t:x`` (the equation ml's ``(_t = xvars)`` names), after
    tvc() ``main:x ... tvc:z``."""
    main = "main" if tvc_design is not None else "_t"
    names = [f"{main}:{lab.name}" for lab in design.labels if not (lab.base or lab.omitted)]
    if tvc_design is not None:
        names += [f"tvc:{lab.name}" for lab in tvc_design.labels if not (lab.base or lab.omitted)]
    return names


def _results(cmd, fit, design, sample, ds, opts, crvar, values):
    from mlmcli.estimation.results import EstimationResults

    b, V = fit.e_matrices()
    result = fit.result()
    scalars = {"N": float(fit.n_obs), "N_sub": fit.n_subjects, "N_fail": fit.n_failed,
               "N_compete": fit.n_competing, "N_censor": fit.n_censored, "ll": fit.loglik,
               "df_m": float(result.df_m), "chi2": result.chi2, "p": result.p, "rank": float(result.df_m),
               "converged": float(fit.converged), "ic": float(max(len(fit.steps) - 1, 0)),
               "k_eq": 2.0 if fit.n_tvc else 1.0,
               "level": fit.level, "fmult": float(fit.failure.multiple), "crmult": float(fit.compete.multiple),
               "fnz": float(fit.failure.nonzero), "crnz": float(fit.compete.nonzero)}
    if fit.n_clusters:
        scalars["N_clust"] = float(fit.n_clusters)
    wkind = ds.chars.get("st_wt", "")
    macros = {"cmd": "stcrreg", "cmdline": (cmd.text or f"stcrreg {cmd.args}").strip(), "depvar": "_t",
              "title": "Competing-risks regression", "predict": "stcrreg_p", "properties": "b V",
              "crittype": "log pseudolikelihood", "chi2type": "Wald", "vcetype": "Robust",
              "vce": "cluster" if fit.cluster_var else "robust", "compete": str(opts["compete"]).strip(),
              "crevent": fit.compete.text, "fevent": fit.failure.text,
              "mainvars": " ".join(label.name for label in design.labels)}
    if fit.cluster_var:
        macros["clustvar"] = fit.cluster_var
    if fit.replicated:  # e(vce) bootstrap|jackknife, e(N_reps), e(N_clust), jackknife's e(F) and e(df_r)
        from mlmcli.commands.estimation.streg_results import replicate_ereturn

        replicate_ereturn(scalars, macros, fit.replicated, result.chi2_type)
        for key, value in (fit.replicated.get("e_extra") or {}).items():  # jackknife's outputs' e()
            (scalars if isinstance(value, float) else macros)[key] = value
    if fit.offset_var:
        macros["offset1"] = fit.offset_var
    if wkind:
        macros["wtype"], macros["wexp"] = wkind, "= " + ds.chars.get("st_wv", "")
    if fit.n_tvc:
        macros["texp"] = fit.texp
        macros["tvc"] = " ".join(str(opts["tvc"]).split())  # the tvc() varlist as typed
    e = EstimationResults(cmd="stcrreg", scalars=scalars, macros=macros, matrices={"b": b, "V": V}, result=result,
                          model=fit, sample=sample, title="Competing-risks regression", design=design)
    e.stamp_sample(ds)
    return e


def _display(session, e, opts: dict, *, nolog: bool, noheader: bool = False) -> None:
    from mlmcli.render.competing_risks import render_stcrreg

    typed_level = opts.get("level") is not None and e.model is not None
    result = e.model.result(confidence_level(opts, e.model.level)) if typed_level else e.result
    nodisplay = bool(opts.get("nodisplay"))
    noshow = bool(opts.get("noshow")) or session.data.chars.get("st_show") == "noshow"
    table = table_options_with_notes(session, opts)  # _get_diopts: the display options, formats checked
    if getattr(e.model, "replicated", None):  # the prefix's replay: st_show and ml ran in its quiet first call
        noshow, nolog = True, True
    text = render_stcrreg(result, shr=not (opts.get("noshr") or opts.get("nohr")), nolog=nolog, noshow=noshow,
                          noheader=noheader or nodisplay, notable=bool(opts.get("notable")) or nodisplay,
                          linesize=session.linesize, cnsreport=not opts.get("nocnsreport"), options=table)
    session.print(text)
    if not (opts.get("notable") or nodisplay):  # _prefix_footnote: replicates posted missing (reject())
        from mlmcli.commands.estimation.regress_jackknife import missing_replicates_note

        note = missing_replicates_note(e.scalars, e.macros)
        for line in note:
            session.print(line)
        if note:  # once: the runner's finish of vce(jackknife|bootstrap) would print it again
            from mlmcli.estimation.replicate_missing import mark_noted
            mark_noted(session)


def cmd_stcrreg(session, cmd) -> None:
    from mlmcli.commands.estimation.convergence import finish
    from mlmcli.estimation.active import replay_results

    opts = resolve_options(cmd.options, SPECS)
    label_options(opts)  # _get_diopts' fvwrap()/fvwrapon() checks, before the fit
    if opts.get("compete") is None and not cmd.args.strip() and not cmd.if_exp and not cmd.in_range:
        # stcrreg.ado: replay() without compete() redisplays the last stcrreg
        from mlmcli.commands.estimation.common import replay_option_specs

        e = replay_results(session, ("stcrreg",))
        replay_specs = replay_option_specs(SPECS)
        opts = resolve_options(cmd.options, replay_specs)  # estimation options: not allowed
        return _display(session, e, opts, nolog=True, noheader=bool(opts.get("noheader")))
    e, opts = fit_stcrreg(session, cmd)
    session.e = e
    _display(session, e, opts, nolog=bool(opts.get("nolog")), noheader=bool(opts.get("noheader")))
    finish(session, e, converged=e.model.converged, at_limit=e.model.limit_reached,
           iterate_typed=opts.get("iterate") is not None)


def _compete_variable(ds, opts) -> list:
    """compete()'s variable (bootstrap's idcluster()/group() over it: stcrreg_replicates' refusal)."""
    text = str(opts.get("compete") or "").split("==")[0].split("=")[0].strip()
    try:
        return [ds.resolve(text)] if text else []
    except StataError:
        return []
