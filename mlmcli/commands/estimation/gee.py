"""Population-averaged panel models fitted by GEE (``mlmcli.panel.gee``):

    xtgee depvar [indepvars] [if] [in] [fw|iw|pw] [, family(gaussian|igaussian|binomial [#|varname]|
          poisson|nbinomial [#]|gamma) link(identity|log|logit|probit|cloglog|power #|opower #|nbinomial|
          reciprocal) corr(exchangeable|independent|unstructured|fixed matname|ar #|stationary #|
          nonstationary #) vce(conventional|robust|bootstrap|jackknife) robust i(panelvar) t(timevar) force noconstant
          offset(v) exposure(v) scale(x2|dev|phi|#) nmp rgf eform level(#) nolog iterate(#) tolerance(#)]
    xtreg ..., pa [...]        (gaussian, identity)
    xtlogit ..., pa [or ...]   (binomial, logit; depvar as it is: above 1 is xtgee's r(499))
    xtpoisson ..., pa [irr ...] (poisson, log)
    xtprobit ..., pa [...]     (binomial, probit; the re model is refused)

Stata 13's header and table (``render.population_averaged``); e(cmd) is ``xtgee`` and
e(cmd2) the command typed when it was xtreg/xtlogit/xtpoisson (docs/xtgee_correlations.md).
"""
from __future__ import annotations

from dataclasses import replace

import numpy as np

from mlmcli.commands.estimation.common import display_option_specs, table_options
from mlmcli.panel.gee_options import (check_enough_observations, check_outcome_range, correlation_option,
                                       correlation_title, family_and_link_text, family_title, fixed_scale_option,
                                       iteration_log, link_title, rescaled_model_variance, rescaled_variance, scale_macro,
                                       scale_note, stop_lines)
from mlmcli.estimation.active import replay_results
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, confidence_level, integer_option, real_option, resolve_options

GEE_OPTIONS = [OptionSpec("family", 1, takes_arg=True), OptionSpec("link", 1, takes_arg=True),
               OptionSpec("corr", 1, takes_arg=True), OptionSpec("vce", 3, takes_arg=True), OptionSpec("robust", 1),
               OptionSpec("i", 1, takes_arg=True), OptionSpec("t", 1, takes_arg=True),
               OptionSpec("noconstant", 6), OptionSpec("offset", 3, takes_arg=True),
               OptionSpec("exposure", 3, takes_arg=True), OptionSpec("scale", 1, takes_arg=True),
               OptionSpec("eform", 2), OptionSpec("level", 1, takes_arg=True), OptionSpec("nolog", 5),
               OptionSpec("log", 3), OptionSpec("iterate", 4, takes_arg=True), OptionSpec("tolerance", 3, takes_arg=True),
               OptionSpec("nmp", 3), OptionSpec("rgf", 3), OptionSpec("force", 5), OptionSpec("nodisplay", 5),
               OptionSpec("pa", 2), OptionSpec("or", 2), OptionSpec("irr", 3), OptionSpec("asis", 4),
               *display_option_specs()]

def _model_options(opts: dict, fixed_family: str | None, fixed_link: str | None = None):
    """(family name, family() words after it, link() text, robust) -- the Family and Link are
    built on the estimation sample (``gee_options``)."""
    family, rest, link_text = family_and_link_text(opts, fixed_family, fixed_link)
    robust = bool(opts.get("robust"))
    if opts.get("vce") is not None:
        v = str(opts["vce"]).strip()
        if v and "robust".startswith(v) and len(v) >= 1:
            robust = True
        elif v.startswith("conv") and "conventional".startswith(v):
            robust = robust or False
        elif _replicates(opts) is not None:  # commands.estimation.gee_replicates
            robust = False
        else:
            from mlmcli.syntax.options import vcetype_not_allowed

            raise vcetype_not_allowed(opts["vce"])  # xtgee.ado: _vce_parse, opt(CONVENTIONAL Robust) old
    return family, rest, link_text, robust


def _replicates(opts: dict):
    from mlmcli.commands.estimation.gee_replicates import replicate_request

    if "_replicates" not in opts:
        opts["_replicates"] = replicate_request(opts)
    return opts["_replicates"]


def fit_population_averaged(session, cmd, opts: dict, *, cmdname: str, fixed_family: str | None = None,
                            eform_label: str | None = None) -> None:
    """Fit, display and post the GEE model of ``xtgee`` or of ``<cmdname>, pa``."""

    from mlmcli.commands.estimation.common import depvar_and_terms, group_codes, weighted_sample
    from mlmcli.panel.gee_options import build_family, build_link, time_positions
    from mlmcli.commands.estimation.panel_common import (check_exposure, offset_option, offset_values,
                                                         panel_variable, time_variable)
    from mlmcli.factor_variables import term_variables
    from mlmcli.mixed.blas_threads import single_threaded_blas
    from mlmcli.panel.design import pooled_design, slopes_wald
    from mlmcli.panel.gee import GEEDiverged, PopulationAveragedFit, fit_gee

    confidence_level(opts, getattr(session, "level", 95.0))  # level(-1): syntax's r(198), before the fit
    if "_replicates" not in opts:  # vce(bootstrap, ...)'s display options go to this command's table
        from mlmcli.commands.estimation.gee_replicates import replicate_request

        opts["_replicates"] = replicate_request(opts, cmdname, "eform" if eform_label == "eform" else
                                                {"Odds Ratio": "or", "IRR": "irr"}.get(eform_label))
    family_name, family_rest, link_text, robust = _model_options(
        opts, fixed_family, {"xtprobit": "probit", "xtcloglog": "cloglog"}.get(cmdname))
    corr = correlation_option(session, opts.get("corr"))
    format_notes: list[str] = []
    table = table_options(opts, format_notes)
    for note in format_notes:
        session.print(note)
    ds = session.data
    depvar, terms = depvar_and_terms(session, cmd.args)
    ivar = panel_variable(session, opts.get("i"))
    tvar = ds.resolve(str(opts["t"]).strip()) if opts.get("t") else time_variable(session)
    if corr.time_indexed and not tvar:
        raise StataError("time variable not set; use xtset panelvar timevar", 459)
    extra = [ivar] + ([tvar] if corr.time_indexed else [])
    offset = offset_option(ds, opts)
    if offset is not None:
        extra.append(offset[1])
    trials_var = family_rest[0] if family_name == "binomial" and family_rest and not _is_number(family_rest[0]) \
        else None
    if trials_var:
        extra.append(ds.resolve(trials_var))
    sample, w_all, weight_kind = weighted_sample(session, cmd, [depvar] + term_variables(terms) + extra,
                                                 ("fweight", "iweight", "pweight"))
    if not sample.any():
        raise StataError("no observations", 2000)
    replicates = opts.get("_replicates")
    if replicates is not None:
        from mlmcli.commands.estimation.gee_replicates import check_weights

        check_weights(replicates, weight_kind)
    elif weight_kind == "pweight":
        robust = True  # pweights imply the robust variance
    family = build_family(ds, sample, family_name, family_rest)
    link = build_link(link_text, family)
    y = ds.numeric(depvar)[sample].astype(float)
    check_outcome_range(depvar, y, family, family_rest)
    scale_macro(opts, family.name)  # scale()'s check before the iterations, as the ado parses it
    check_enough_observations(int(sample.sum()))
    check_exposure(ds, offset, sample)
    # rows sorted by panel, then time (Stata sorts by the xtset variables)
    idx = np.flatnonzero(sample)
    codes = group_codes(ds, ivar, sample)
    tval = ds.numeric(tvar)[sample] if tvar else np.zeros(len(idx))
    order = np.lexsort((np.arange(len(idx)), tval, codes))
    if corr.time_indexed:
        ct = codes[order], tval[order]
        if np.any((np.diff(ct[0]) == 0) & (np.diff(ct[1]) == 0)):
            raise StataError("repeated time values within panel", 451)
    w = None if w_all is None else w_all[sample]
    if w is not None and np.any(np.diff(w[order])[np.diff(codes[order]) == 0] != 0):
        raise StataError(f"weight must be constant within {ivar}", 199)
    constant = not opts.get("noconstant")
    design = pooled_design(ds, terms, sample, constant)
    for note in design.notes:
        session.print(note)
    if family.bernoulli and not opts.get("asis"):  # help xtgee: asis retains perfect predictors
        design, used = _perfect_predictors(session, design, y)
        if not used.all():
            sample = sample.copy()
            sample[idx[~used]] = False
            y, idx, tval = y[used], idx[used], tval[used]
            w = None if w is None else w[used]
            codes = group_codes(ds, ivar, sample)
            order = np.lexsort((np.arange(len(idx)), tval, codes))
    if corr.time_indexed and corr.kind not in ("unstructured", "fixed") and not opts.get("force"):
        spaced = _keep_modal_spacing(session, ds, tvar, tval, codes, order)
        if spaced is not None:  # KeepMode: the panels off the modal spacing dropped, with its note
            design = replace(design, X=np.ascontiguousarray(design.X[spaced]))
            sample = sample.copy()
            sample[idx[~spaced]] = False
            y, idx, tval = y[spaced], idx[spaced], tval[spaced]
            w = None if w is None else w[spaced]
            if family.m is not None:  # binomial's denominators, over the rows kept
                family = replace(family, m=np.asarray(family.m, float)[spaced])
            codes = group_codes(ds, ivar, sample)
            order = np.lexsort((np.arange(len(idx)), tval, codes))
    X = design.X
    check_enough_observations(len(X), X.shape[1])
    off = offset_values(ds, offset, sample)
    pos = np.zeros(len(idx), int)
    if corr.time_indexed:
        pos_sorted = time_positions(tval[order], codes[order], corr, bool(opts.get("force")), tvar)
        pos[order] = pos_sorted
    _check_structure(corr, pos, codes)
    if family.m is not None:
        from dataclasses import replace as _replace
        family = _replace(family, m=np.asarray(family.m, float)[order])
    iterate = integer_option(opts, "iterate", 100)
    tol = real_option(opts, "tolerance", 1e-6) if opts.get("tolerance") else 1e-6
    with single_threaded_blas():
        try:
            fit = fit_gee(y[order], X[order], codes[order], pos[order], family=family, link=link, corr=corr,
                          offset=None if off is None else off[order], robust=robust, fixed_scale=None,
                          tol=tol, max_iter=iterate, weights=None if w is None else w[order],
                          weight_kind=weight_kind, nmp=bool(opts.get("nmp")), rgf=bool(opts.get("rgf")))
        except GEEDiverged as stop:  # xtgee.ado's exit 430 inside its loop: the log so far, no estimates
            log = iteration_log(stop.iterations, stop.resets, not opts.get("nolog"))
            if log is not None and opts.get("_replicates") is None:
                session.print(log)
            if stop.note:
                session.print(stop.note)
            raise StataError(stop.message or "convergence not achieved", 430) from None
        N, p = X.shape
        n_eff = N if w is None else float(w.sum())
        scale = fixed_scale_option(opts, family.name, fit.pearson, fit.deviance, n_eff, p)
        if scale is not None and not robust:
            fit = rescaled_variance(fit, scale)
        elif scale is not None:
            fit = rescaled_model_variance(fit, scale)
    extra = {}
    if replicates is not None:
        from mlmcli.commands.estimation.cluster_replicates import prefix_cluster_codes
        from mlmcli.commands.estimation.gee_replicates import replicate_fit

        prefix_codes = prefix_cluster_codes(ds, replicates[1], sample)
        prefix_codes = None if prefix_codes is None else prefix_codes[order]
        replicates[1]["_rows"] = np.flatnonzero(sample)[order]  # the data rows of the replicates' (strata())
        replicates[1]["_colnames"] = list(design.column_names)  # reject()'s e(b): fit.b's columns
        with single_threaded_blas():
            fit, extra = replicate_fit(session, replicates, fit, y[order], X[order], codes[order], pos[order],
                                       family=family, link=link, corr=corr, offset=None if off is None else off[order],
                                       weights=None if w is None else w[order], weight_kind=weight_kind,
                                       nmp=bool(opts.get("nmp")), rgf=bool(opts.get("rgf")), tol=tol, max_iter=iterate,
                                       cmdname=cmdname, prefix_codes=prefix_codes,
                                       renumber=replicates[1].get("idcluster") == ivar, depvar=depvar)
        if prefix_codes is not None:  # the prefix's clusters: cluster(v), else none
            extra["clustvar"] = ds.resolve(replicates[1]["cluster"]) if replicates[1].get("cluster") else None
    log = iteration_log(fit.iterations, fit.resets, not opts.get("nolog"))
    if log is not None and replicates is None:  # the prefix runs the full-sample fit quietly
        session.print(log)
    level = confidence_level(opts, getattr(session, "level", 95.0))
    trials = None
    if family.m is not None:
        trials = ("variable", trials_var) if trials_var else ("number", float(family_rest[0]))
    from mlmcli.glm.rescaled_fit import labelled_metric

    model = PopulationAveragedFit(depvar, ivar, link.name if link.name != "power" else link_title(link),
                                  design.labels, fit.b, fit.V, level, y, codes, offset, link_model=link,
                                  trials=trials, df_r=extra.get("df_r"),
                                  fitted_metric=labelled_metric(fit.fitted, design.labels))  # replicates: their V'
    sizes = np.bincount(codes)
    chi2, df_m, pval = slopes_wald(design.column_names, fit.b, fit.V)
    if "df_r" in extra:  # jackknife's model test: F(df_m, n - 1)
        from mlmcli import distributions as stats

        chi2 = chi2 / df_m if df_m else float("nan")
        pval = float(stats.f.sf(chi2, df_m, extra["df_r"])) if df_m else float("nan")
    _post(session, cmd, model, design, sample, fit, family=family, link=link, corr=corr, robust=robust,
          scale=fit.scale, sizes=sizes, chi2=chi2, df_m=df_m, p=pval, options=opts, cmdname=cmdname, tvar=tvar,
          eform=_eform_heading(eform_label, family.name, link.name) if (opts.get("eform") or opts.get("or")
                                                                        or opts.get("irr")) else None,
          display=not opts.get("nodisplay"), table=table, weight_kind=weight_kind, n_eff=n_eff, replicated=extra)
    if fit.rc:  # xtgee.ado's geerpt: the table, its note, then error e(rc) (430), e() kept
        for line in stop_lines(fit):
            session.print(line)
        raise StataError("convergence not achieved", 430)


def _replicate_fields(replicated: dict | None, ivar: str) -> dict:
    """GEEResult's fields under vce(bootstrap|jackknife)."""
    if not replicated:
        return {}
    jackknife = "df_r" in replicated
    clustvar = replicated.get("clustvar", ivar)
    return {"vce_label": "Jackknife" if jackknife else "Bootstrap", "df_r": replicated.get("df_r"),
            "replications": (int(replicated["N_clust"]), clustvar) if clustvar else None}


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _check_structure(corr, pos: np.ndarray, codes: np.ndarray) -> None:
    """The lags ar/stationary/nonstationary need and the fixed matrix's size."""
    T = int(pos.max()) + 1 if pos.size else 0
    if corr.kind in ("ar", "stationary", "nonstationary") and corr.order >= T:
        raise StataError(f"corr({corr.kind} {corr.order}) requires more than {corr.order} time periods", 198)
    if corr.kind == "fixed" and corr.matrix.shape != (T, T):
        raise StataError(f"corr(fixed) matrix must be {T} x {T}, the number of time periods", 503)


def _keep_modal_spacing(session, ds, tvar: str, tval, codes, order):
    """xtgee.ado's KeepMode (``panel.gee_options.modal_spacing``): None when the time variable's
    steps are all equal; else the rows kept (in the caller's row order), after its note:

        note:  observations not equally spaced
               modal spacing is delta t = 1 unit
               1 group omitted from estimation

    the modal step in tsset's words when it equals tsset's delta (r(tdeltas); "unit" when the
    data are not tsset), else the step and "spacing declared with tsset is <delta>"; no row
    left: "no observations" r(2000)."""
    from mlmcli.panel.time_settings import time_setting
    from mlmcli.panel.gee_options import modal_spacing
    from mlmcli.panel.time_settings import delta_words, format_unit, from_hex21
    from mlmcli.render.numfmt import format_number

    found = modal_spacing(tval[order], codes[order])
    if found is None:
        return None
    kept_sorted, mesh = found
    kept = np.empty(len(order), dtype=bool)
    kept[order] = kept_sorted
    if time_setting(ds) is not None:
        delta = from_hex21(ds.chars.get("_TSdelta"))
        units = delta_words(delta, format_unit(ds.format_of(time_setting(ds))))
    else:
        delta, units = 1.0, "unit"
    sorted_codes = codes[order]
    starts = np.r_[True, np.diff(sorted_codes) != 0]
    dropped = int(np.sum(~kept_sorted[starts]))
    lines = ["", "note:  observations not equally spaced"]
    if mesh == delta:
        lines.append(f"       modal spacing is delta {tvar} = {units}")
    else:
        lines.append(f"       modal spacing is delta {tvar} = {format_number(mesh, '%9.0g').strip()}")
        lines.append(f"       spacing declared with tsset is {format_number(delta, '%9.0g').strip()}")
    lines.append(f"       {dropped} group{'s' if dropped != 1 else ''} omitted from estimation")
    session.print("\n".join(lines))
    if not kept.any():
        raise StataError("no observations", 2000)
    return kept


def _perfect_predictors(session, design, y):
    """Stata's ``_binperfect`` on a binomial model's regressors (``mlmcli.glm.separation``):
    its notes printed, the predictors omitted and the observations they decide dropped;
    returns (design, rows kept)."""
    from dataclasses import replace
    from types import SimpleNamespace

    from mlmcli.glm.separation import perfect_prediction

    used, keep, labels, notes = perfect_prediction(SimpleNamespace(y=y), design.X, design.labels)
    for note in notes:
        session.print(note)
    if keep.all() and used.all():
        return design, used
    recipes = tuple(r for r, k in zip(design.recipes, keep) if k)
    return replace(design, X=np.ascontiguousarray(design.X[used][:, keep]), labels=labels, recipes=recipes), used


def _eform_heading(label: str | None, family: str, link: str) -> str:
    """``or``/``irr`` give their own heading; xtgee's ``eform`` names the ratio its model implies."""
    if label != "eform":
        return label
    if family == "binomial" and link == "logit":
        return "Odds Ratio"
    if family == "poisson" and link == "log":
        return "IRR"
    return "exp(b)"


def _post(session, cmd, model, design, sample, fit, *, family, link, corr, robust, scale, sizes, chi2, df_m, p, options,
          cmdname, tvar, eform, display, table, weight_kind=None, n_eff=None, replicated=None):
    from mlmcli.estimation.results import EstimationResults
    from mlmcli.panel.gee import stored_scalars
    from mlmcli.render.panel_regression import render_gee
    from mlmcli.results.matrix import Matrix
    from mlmcli.results.panel import GEEResult

    N = float(n_eff) if weight_kind == "fweight" else float(sample.sum())
    scalars = stored_scalars(fit, N, model.codes, chi2, df_m, p)
    offset_name = None
    if model.offset_var:
        kind, var = model.offset_var
        offset_name = f"ln({var})" if kind == "exposure" else var
    fit_statistics = None
    if corr.kind == "independent":
        fit_statistics = tuple(scalars[k] for k in ("df_pear", "chi2_dev", "deviance", "chi2_dis", "dispers"))
    result = GEEResult(depvar=model.depvar, ivar=model.ivar, link=link_title(link), family=family_title(family),
                       correlation=correlation_title(corr), scale=scale, nobs=int(N), n_groups=len(sizes),
                       g_min=float(sizes.min()), g_avg=float(sizes.mean()), g_max=float(sizes.max()), df_m=df_m,
                       chi2=chi2, p=p, coefs=model.coef_rows(bool(eform)), robust=robust, eform=eform,
                       **_replicate_fields(replicated, model.ivar),
                       level=model.level, offset_name=offset_name, fit_statistics=fit_statistics,
                       scale_note=scale_note(scale_macro(options, family.name), family.name))
    b, V = model.e_matrices()
    macros = {"cmd": "xtgee", "cmdline": cmd.text or f"{cmdname} {cmd.args}", "depvar": model.depvar,
              "family": family_title(family), "link": link_title(link), "corr": corr.label, "ivar": model.ivar,
              "scale": scale_macro(options, family.name), "chi2type": "Wald", "model": "pa",
              "vce": "robust" if robust else "conventional", "title": "GEE population-averaged model",
              "predict": "xtgee_p", "properties": "b V"}
    if robust:
        macros["vcetype"] = "Semirobust"
    if replicated:  # vce(bootstrap|jackknife): the prefix's e()
        kind = "jackknife" if "df_r" in replicated else "bootstrap"
        clustvar = replicated.get("clustvar", model.ivar)
        macros.update(vce=kind, vcetype=kind.capitalize(), prefix=kind, **({"clustvar": clustvar} if clustvar else {}))
        scalars.update({k: v for k, v in replicated.items() if k != "clustvar"})
        if "df_r" in replicated:
            scalars["F"] = scalars.pop("chi2")
    if weight_kind:
        macros["wtype"] = weight_kind
        macros["wexp"] = f"= {cmd.weight.exp}"
    if tvar:
        macros["tvar"] = tvar
    if offset_name:
        macros["offset"] = offset_name
    if cmdname != "xtgee":
        macros["cmd2"] = cmdname
        macros["predict"] = _PA_PREDICT.get(cmdname, macros["predict"])
    R = fit.R
    session.e = EstimationResults(cmd="xtgee", scalars=scalars, macros=macros,
                                  matrices={"b": b, "V": V, "R": Matrix(R, tuple(f"c{j + 1}" for j in range(len(R))),
                                                                        tuple(f"c{j + 1}" for j in range(len(R))))},
                                  result=result, model=model, sample=sample.copy(),
                                  title="GEE population-averaged model", design=design)
    if display:
        session.print(render_gee(result, linesize=session.linesize, table=table))


def replay(session, e) -> None:
    if e.macros.get("model") == "re":  # xtprobit, re (registered here): its own table, as typed alone
        from mlmcli.commands.estimation.xt_random_intercept import replay as replay_re
        return replay_re(session, e)
    from mlmcli.render.panel_regression import render_gee
    session.print(render_gee(e.result, linesize=session.linesize))


def replay_typed(session, cmd, eform_word: str | None, eform_label: str | None) -> None:
    """``xtgee`` (or ``xtlogit``/``xtpoisson``/``xtreg`` after their pa model) typed alone:
    the table again, with ``eform``/``or``/``irr`` and ``level()``."""
    from dataclasses import replace

    from mlmcli.render.panel_regression import render_gee

    e = session.e
    specs = [OptionSpec("level", 1, takes_arg=True), OptionSpec("eform", 2), *display_option_specs()]
    if eform_word:
        specs.append(OptionSpec(eform_word, 2))
    opts = resolve_options(cmd.options, specs)
    model = e.model
    if "level" in opts:
        model = replace(model, level=confidence_level(opts, model.level))
    label = eform_label if (eform_word and opts.get(eform_word)) else ("exp(b)" if opts.get("eform") else None)
    notes: list[str] = []
    table = table_options(opts, notes)
    for note in notes:
        session.print(note)
    session.print(render_gee(replace(e.result, coefs=model.coef_rows(bool(label)), eform=label, level=model.level),
                             linesize=session.linesize, table=table))
    if e.scalars.get("rc", 0.0) == 430.0:  # geerpt ends with error e(rc)
        from types import SimpleNamespace

        for line in stop_lines(SimpleNamespace(alpha_reset=bool(e.scalars.get("alphareset")),
                                               nonpd=bool(e.scalars.get("nonpdcorr")))):
            session.print(line)
        raise StataError("convergence not achieved", 430)


def cmd_xtgee(session, cmd) -> None:
    if not cmd.args.strip():
        replay_results(session, ("xtgee",))
        return replay_typed(session, cmd, None, None)
    opts = resolve_options(cmd.options, GEE_OPTIONS)
    for bad in ("pa", "or", "irr"):
        if opts.get(bad):
            raise StataError(f"option {bad} not allowed", 198)
    fit_population_averaged(session, cmd, opts, cmdname="xtgee", eform_label="eform")


_PA_FAMILY = {"xtreg": "gaussian", "xtlogit": "binomial", "xtpoisson": "poisson", "xtprobit": "binomial",
              "xtnbreg": "nbinomial", "xtcloglog": "binomial"}  # xtnbreg.ado: xtgee ..., fam(nbinom) link(log)
_PA_PREDICT = {"xtnbreg": "xtnbreg_pa_p", "xtcloglog": "xtcloglog_pa_p"}  # xtnbreg.ado resets e(predict) after its xtgee


def population_averaged_request(session, cmd, cmdname: str, eform) -> bool:
    """Handle ``<cmdname> ..., pa`` (and its replay after a pa fit): True when handled."""
    if not cmd.args.strip():
        e = session.e
        if e is not None and e.cmd == "xtgee" and e.macros.get("cmd2") == cmdname:
            replay_typed(session, cmd, *(eform or (None, None)))
            return True
        return False
    if not any(o.name == "pa" for o in cmd.options):
        return False
    for other in ("fe", "re", "be", "mle"):
        if any(o.name == other for o in cmd.options):
            raise StataError(f"options {other} and pa may not be combined", 198)
    opts = resolve_options(cmd.options, GEE_OPTIONS)
    eform_word, eform_label = eform or (None, None)
    for bad in ("or", "irr", "eform"):
        if opts.get(bad) and bad != eform_word:
            raise StataError(f"option {bad} not allowed", 198)
    fit_population_averaged(session, cmd, opts, cmdname=cmdname, fixed_family=_PA_FAMILY[cmdname],
                            eform_label=eform_label)
    return True


def cmd_xtprobit(session, cmd) -> None:
    """``xtprobit ..., pa``: the GEE probit model; the random-effects model (the default) is
    ``xt_random_intercept``'s."""
    if population_averaged_request(session, cmd, "xtprobit", None):
        return None
    from mlmcli.commands.estimation import xt_random_intercept as re_model

    if not cmd.args.strip():
        if session.e is not None and session.e.cmd == "xtprobit" and session.e.macros.get("model") == "re":
            return re_model.replay_command(session, cmd)
        raise StataError("last estimates not found", 301)
    if any(o.name == "fe" for o in cmd.options):
        raise StataError("option fe not allowed", 198)
    return re_model.fit_random_intercept(session, cmd, "xtprobit")
