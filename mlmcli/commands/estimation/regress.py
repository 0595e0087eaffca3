"""``regress``: OLS with factor variables, byable.

    regress depvar [indepvars] [if] [in] [weight] [, noconstant vce(ols|robust|cluster v) level(#)]
    regress depvar [indepvars] [if] [in] , vce(bootstrap [, reps(#) seed(#) nodots])   (regress_bootstrap)
    regress depvar [indepvars] [if] [in] [weight] , vce(hc2|hc3)
    regress depvar [indepvars] [if] [in] [fw|pw|iw] , vce(jackknife [, mse cluster(varname) idcluster(newvar)
                                                  keep saving(file[, replace double]) nodots])
                                                  (saving/keep/idcluster: regress_jackknife)
    regress ..., eform(string)   (the table exponentiated: regress_eform)
(the VCEs: ``mlmcli.ols``)
"""
from __future__ import annotations

import dataclasses

import numpy as np

from mlmcli.commands.estimation.common import (check_marked_weights, display_option_specs, evaluate_weight,
                                             group_codes, sandwich_vce, table_options, typed_command, weight_vars)
from mlmcli.commands.estimation.regress_replay import replay_stored as replay  # estimates replay finds regress.replay
from mlmcli.estimation.active import replay_results
from mlmcli.errors import StataError, is_mlm_refusal
from mlmcli.syntax.options import OptionSpec, confidence_level, resolve_options

REGRESS_OPTIONS = [
    OptionSpec("noconstant", 3), OptionSpec("vce", 3, takes_arg=True), OptionSpec("robust", 1),
    OptionSpec("cluster", 2, takes_arg=True), OptionSpec("level", 1, takes_arg=True),
    OptionSpec("noheader", 4), OptionSpec("notable", 5), OptionSpec("beta", 4),
    OptionSpec("hascons", 7), OptionSpec("tsscons", 7), OptionSpec("eform", 2, takes_arg=True),
    OptionSpec("depname", 7, takes_arg=True), OptionSpec("plus", 4), OptionSpec("nocnsreport", 6),
    *display_option_specs(),
]


def _weights(session, weight):
    """(values over all rows, kind) for ``[fw|aw|pw|iw = exp]``."""
    if weight is None:
        return None, None
    from mlmcli.parser import weight_kind

    kind = {"weight": "aweight"}.get(weight_kind(weight), weight_kind(weight))  # [fw=x] is an fweight
    w = evaluate_weight(session, weight.exp)
    return w, kind


def _operated(word: str) -> bool:
    """``D.y``, ``L2.y``: a time-series operator on the variable (syntax varlist(ts))."""
    from mlmcli.time_series_ops import is_time_series_operator

    op, dot, rest = word.partition(".")
    return bool(dot) and bool(rest) and "." not in rest and is_time_series_operator(op)


def _with_operated_depvar(ds, args: str) -> list[str]:
    """The words of the varlist; a leading operated group ``D.(y x1 x2)`` (regress.ado's
    varlist(ts)) is its operated variables, the first of them the depvar."""
    from mlmcli.textscan import split_words
    from mlmcli.time_series_ops import expand_ts_varlist

    words = args.split()
    first = split_words(args)[0] if words else ""
    op, dot, rest = first.partition(".")
    if dot and rest.startswith("(") and rest.endswith(")") and _operated(f"{op}.x"):
        return expand_ts_varlist(ds, first) + split_words(args)[1:]
    return words


def run_regress(session, cmd):
    """Fit ``regress`` for ``cmd``: returns (fit, design, depvar, sample, opts, weight kind)."""
    from mlmcli.factor_variables import build_design, parse_terms, term_variables
    from mlmcli.ols import fit_ols
    from mlmcli.sample import mark_sample

    ds = session.data
    try:
        opts = resolve_options(cmd.options, REGRESS_OPTIONS)
    except StataError as err:
        raise _under_jackknife(session, cmd, err) from None
    for unread in ("hascons", "tsscons"):  # refused, not ignored
        if opts.get(unread):
            raise StataError(f"option {unread} is not implemented in mlmcli for regress", 198)
    if "eform" in opts:  # regress's eform(string): the table exponentiated under that heading
        from mlmcli.commands.estimation.regress_eform import eform_heading

        opts["eform"] = eform_heading(opts["eform"])
    words = _with_operated_depvar(ds, cmd.args)
    if not words:
        raise StataError("varlist required", 100)
    from mlmcli.commands.estimation.common import operated_depvar

    depvar = operated_depvar(ds, words[0])
    # a string variable empties the sample, as Stata's marksample: "no observations"
    terms = parse_terms(ds, " ".join(words[1:])) if len(words) > 1 else []
    from mlmcli.commands.estimation.regress_bootstrap import bootstrap_settings, is_bootstrap
    from mlmcli.syntax.replicate_vce import leverage_settings

    if opts.get("robust") and opts.get("vce") is not None:  # regress.ado's _vce_parserun: no robustok
        raise StataError("options vce() and robust may not be combined", 198)
    if is_bootstrap(opts):  # vce(bootstrap): the OLS fit first, its variance replaced afterwards
        opts["_bootstrap"] = bootstrap_settings(opts)
        if cmd.weight is not None and not opts["_bootstrap"].get("force"):  # force: weighted replicates
            raise StataError("weights not allowed with vce(bootstrap)", 101)
        others = [k for k, v in opts.items() if k not in ("vce", "noconstant", "level") and not k.startswith("_")
                  and v not in (None, False)]
        if opts["_bootstrap"].get("noisily") and others:  # each run's output with them is not written
            raise StataError(f"vce(bootstrap, noisily) not supported by mlmcli with regress's option {others[0]}", 198)
        opts = {k: v for k, v in opts.items() if k != "vce"}
    leverage = leverage_settings(opts.get("vce"))  # vce(hc2|hc3|jackknife): the engine's, from each row's leverage
    command_cluster = None
    if leverage is not None and opts.get("cluster"):
        # vce(hc2|hc3): _vce_parse's opts_exclusive; vce(jackknife): _vce_parserun hands cluster(v) to
        # regress, whose markout drops v's missing rows, and jackknife's checkcluster takes v
        if leverage["vce"] != "jackknife":
            raise StataError(f"only one of cluster() or vce({leverage['vce']}) is allowed", 198)
        command_cluster = ds.resolve(str(opts["cluster"]).strip())
        if leverage.get("cluster") and ds.resolve(leverage["cluster"]) != command_cluster:
            raise StataError("option cluster() of jackknife conflicts with option cluster() of regress", 198)
        leverage["cluster"] = command_cluster
    if leverage is not None:
        if leverage["vce"] == "jackknife" and cmd.weight is not None:  # aweights with force only
            from mlmcli.parser import weight_kind as typed_weight
            from mlmcli.syntax.replicate_vce import jackknife_weights

            jackknife_weights(leverage, {"weight": "aweight"}.get(typed_weight(cmd.weight), typed_weight(cmd.weight)))
        if leverage["vce"] == "jackknife" and opts.get("eform"):
            from mlmcli.commands.estimation.regress_eform import merge_prefix_eform

            merge_prefix_eform(leverage, opts.pop("eform"))
        opts["_leverage"] = leverage
        vce = leverage["vce"]  # jackknife's cluster(): one cluster left out at a time
        clustvar = ds.resolve(leverage["cluster"]) if leverage.get("cluster") else None
    else:
        vce, clustvar = sandwich_vce(ds, opts, "ols")
    wexp = cmd.weight.exp if cmd.weight is not None else None
    used = [depvar] + term_variables(terms) + weight_vars(ds, wexp)
    sample = np.asarray(mark_sample(session, cmd, list(dict.fromkeys(used))), dtype=bool)
    clustered = None
    if clustvar:  # the cluster variable may be a string ([U] 20.22: markout, strok)
        clustered = np.asarray(mark_sample(session, cmd, [clustvar], strok=True), dtype=bool)
        if vce != "jackknife" or command_cluster:  # jackknife's own cluster(): asserted over regress's sample
            sample &= clustered
    w, kind = _weights(session, cmd.weight)
    if w is not None:
        sample &= ~np.isnan(w)
        check_marked_weights(session, cmd, w, kind)
        sample &= w != 0
    n = int(np.count_nonzero(sample))
    if n == 0:
        raise StataError("no observations", 2000)
    constant = not opts.get("noconstant")
    design = build_design(ds, terms, sample, constant=constant)
    if n <= design.X.shape[1] and not (kind == "fweight" and w[sample].sum() > design.X.shape[1]):
        raise StataError("insufficient observations", 2001)
    level = confidence_level(opts, getattr(session, "level", 95.0))
    cluster_missing = clustered is not None and bool(np.any(sample & ~clustered))
    cluster = group_codes(ds, clustvar, sample) if clustvar else None  # (checked before any use)
    try:
        fit = _fit_with_replicates(session, cmd, opts, leverage, vce, design, depvar, sample, w, kind, clustvar,
                             cluster, cluster_missing, level, n, constant)
    except StataError as err:
        if leverage is not None and vce == "jackknife" and not is_mlm_refusal(err):
            # jackknife.ado stops after its full-sample regress: e() is that fit's (but _jk_sum's r(2000))
            session.e = None if err.rc == 2000 else _full_sample_results(
                session, cmd, ds.numeric(depvar)[sample], design, sample, w, kind, constant, depvar, level)
        raise
    if leverage is not None and vce == "jackknife":
        _jackknife_dots(session, fit.checks, leverage, cmd)
        from mlmcli.commands.estimation.regress_jackknife import write_outputs

        nodrop = fit.nodrop
        fit = fit.fit
        if kind == "iweight":  # jackknife.ado's e(N): the observations, not regress's sum of iweights
            fit = dataclasses.replace(fit, N=float(n))
        if nodrop:  # e(N) and e(sample): the if/in observations (jackknife.ado's touse)
            fit = dataclasses.replace(fit, N=fit.N if nodrop.N is None else nodrop.N)
            sample, cluster = nodrop.touse, nodrop.cluster_codes
        from mlmcli.commands.estimation.jackknife_noisily import echoed_command

        write_outputs(session, fit, sample, leverage, clustvar, cluster,
                      echoed_command(session.data, cmd, kind, noconstant=not constant, labels=design.labels,
                                     specs=tuple(REGRESS_OPTIONS)),
                      weighting=None if cmd.weight is None else (kind, "= " + cmd.weight.exp))
    return fit, design, depvar, sample, opts, kind, clustvar


def _under_jackknife(session, cmd, err: StataError) -> StataError:
    """An option regress does not take (``noh``: regress's is noHEader), typed with
    vce(jackknife): _vce_parserun hands it to regress inside the prefix, so the error comes from
    jackknife.ado's full-sample run -- after _prefix_note's line (not with nodots), followed by
    _prefix_run_error's "an error occurred when jackknife executed regress"."""
    from mlmcli.syntax.replicate_vce import leverage_settings

    typed = [o.arg for o in cmd.options if OptionSpec("vce", 3, takes_arg=True).matches(o.name)]
    try:
        settings = leverage_settings(typed[-1]) if typed else None
    except StataError:
        return err
    if settings is None or settings["vce"] != "jackknife":
        return err
    if settings["dots"] and not settings.get("noisily"):
        session.print("(running regress on estimation sample)")
    return StataError(f"{err.message}\nan error occurred when jackknife executed regress", err.rc)


@dataclasses.dataclass(frozen=True)
class _JackknifeRun:
    fit: object
    checks: object
    nodrop: object


def _fit_with_replicates(session, cmd, opts, leverage, vce, design, depvar, sample, w, kind, clustvar, cluster,
                   cluster_missing, level, n, constant):
    """regress's fit; under vce(jackknife) jackknife.ado's checks after its full-sample regress
    and its replicates (a ``_JackknifeRun``).  ``cluster_missing``: jackknife's cluster() variable
    missing in regress's sample -- "missing values not allowed in cluster variable v" r(459),
    after reject()'s and n()'s full-sample checks, as jackknife.ado asserts it over e(sample)."""
    from mlmcli.ols import fit_ols

    ds = session.data
    checks = nodrop = None
    if leverage is not None and vce == "jackknife":  # jackknife.ado's checks before its replicates
        from mlmcli.commands.estimation.jackknife_checks import ReplicateChecks, replicate_codes
        from mlmcli.commands.estimation.regress_jackknife import check_before_fit, nodrop_replicates

        from mlmcli.commands.estimation.regress_replay import check_beta

        check_beta(opts, kind, vce)  # before the prefix prints anything
        level = leverage["level"] if leverage.get("level") is not None else level
        for note in design.notes:  # _vce_parserun's _rmcoll, before the prefix prints anything
            session.print(note)
        for note in _format_notes(opts):  # jackknife.ado's _get_diopts, before its first call
            session.print(note)
        nodrop = nodrop_replicates(session, cmd, leverage, sample, clustvar, w, kind)
        if leverage.get("noisily"):
            from mlmcli.commands.estimation.jackknife_noisily import check_noisily

            check_noisily(cmd, opts, leverage, labels=tuple(design.labels))
        try:  # jackknife.ado's checks after its full-sample regress, so after _prefix_note's line
            if not design.labels:  # _prefix_expand: the full-sample fit leaves no _b to jackknife
                raise StataError("e(b) has zero columns", 322)
            check_before_fit(session, leverage, [lab.name for lab in design.labels])
            checks = ReplicateChecks(session, leverage, ds.numeric(depvar)[sample], design.X,
                                     nodrop.units if nodrop else replicate_codes(n, cluster), constant=constant,
                                     labels=design.labels, depvar=depvar, weight=None if w is None else w[sample],
                                     weight_kind=kind, sizes=nodrop.sizes if nodrop else None,
                                     failed=nodrop.failed if nodrop else None,
                                     sort_keys=tuple(group_codes(ds, v, sample) for v in ds.sortedby))
            checks.full_sample()
            if cluster_missing and nodrop is None:
                raise StataError(f"missing values not allowed in cluster variable {clustvar}", 459)
        except StataError as err:
            if leverage["dots"] and not leverage.get("noisily") and not is_mlm_refusal(err):
                session.print("(running regress on estimation sample)")
            raise
    try:
        fit = fit_ols(ds.numeric(depvar)[sample], design.X, constant=constant,
                      weight=None if w is None else w[sample], weight_kind=kind, vce=vce,
                      cluster=cluster, level=level, coef_labels=design.labels, depvar=depvar, cluster_var=clustvar,
                      mse=bool(leverage and leverage["mse"]),
                      replicate_filter=checks,
                      replicate_units=(nodrop.units, nodrop.count, nodrop.frequencies) if nodrop else None)
    except StataError as err:
        if checks is not None and err.rc == 2000:  # every replicate failed: their dots, then the error
            _jackknife_dots(session, checks, leverage, cmd)
            session.e = None  # jackknife.ado: ``ereturn clear`` when _jk_sum fails
        raise
    return _JackknifeRun(fit, checks, nodrop) if leverage is not None and vce == "jackknife" else fit


def _ereturn_basics(fit, cmdline: str, depvar: str) -> tuple[dict, dict]:
    """regress's own e() scalars and macros for ``fit``."""
    scalars = {"N": fit.N, "mss": fit.mss, "rss": fit.rss, "df_m": float(fit.df_m), "df_r": fit.df_r,
               "r2": fit.r2, "r2_a": fit.r2_a, "F": fit.F, "rmse": fit.rmse, "ll": fit.ll,
               "ll_0": fit.ll_0, "rank": float(fit.rank), "level": fit.level}
    if fit.n_clusters is not None:
        scalars["N_clust"] = float(fit.n_clusters)
    macros = {"cmd": "regress", "cmdline": cmdline, "depvar": depvar,
              "model": "ols", "title": "Linear regression", "vce": fit.vce, "properties": "b V",
              "predict": "regres_p", "estat_cmd": "regress_estat", "marginsok": "XB default"}
    return scalars, macros


def _full_sample_results(session, cmd, y, design, sample, w, kind, constant, depvar, level):
    """The e() jackknife.ado leaves when it stops after its full-sample regress (reject()'s r(9),
    n()'s r(322), the cluster checks' r(459) and r(198), keep's r(110) ...): that plain regress
    (its vce() is the prefix's, so OLS) over regress's sample; e(cmdline) the command the prefix
    runs (jackknife's noisily echo; Stata's has its temporary if-variable instead)."""
    from mlmcli.commands.estimation.jackknife_noisily import echoed_command
    from mlmcli.estimation.results import EstimationResults
    from mlmcli.ols import fit_ols

    fit = fit_ols(y, design.X, constant=constant, weight=None if w is None else w[sample], weight_kind=kind,
                  level=level, coef_labels=design.labels, depvar=depvar)
    b, V = fit.e_matrices()
    scalars, macros = _ereturn_basics(fit, echoed_command(session.data, cmd, kind, noconstant=not constant,
                                                          labels=design.labels, specs=tuple(REGRESS_OPTIONS)),
                                      depvar)
    if cmd.weight is not None:
        macros.update(wtype=kind, wexp="= " + cmd.weight.exp)
    results = EstimationResults(cmd="regress", scalars=scalars, macros=macros, matrices={"b": b, "V": V},
                                result=fit.result(), model=fit, sample=sample.copy(), title=macros["title"],
                                design=design)
    results.stamp_sample(session.data)
    return results


def _format_notes(opts: dict) -> list[str]:
    """``note: invalid cformat(), using default`` and the like, for regress's own format options
    and those typed in vce(jackknife, ...)."""
    notes: list[str] = []
    table_options(opts, notes)
    display = (opts.get("_leverage") or {}).get("display")
    if display:
        table_options(resolve_options(display, display_option_specs()), notes)
    return notes


def _jackknife_dots(session, checks, leverage: dict, cmd) -> None:
    """The prefix's replication dots: one per replicate (observation or cluster), after
    _prefix_note's "(running regress on estimation sample)" -- which nodots (dots(0)) leaves
    out, as _prefix_note exits when called with nodots; ``noisily``: regress's output of every
    replicate instead (``jackknife_noisily``)."""
    from mlmcli.render.panel_regression import bootstrap_dots

    if leverage.get("noisily"):
        from mlmcli.commands.estimation.jackknife_noisily import echoed_command, noisily_parts

        from mlmcli.program_trace import traced_command

        kind = checks.weight_kind if cmd.weight is not None else None
        command = echoed_command(session.data, cmd, kind, noconstant=not checks.constant, labels=checks.labels,
                                 specs=tuple(REGRESS_OPTIONS))
        for text, loud in noisily_parts(checks, command=command, linesize=session.linesize,
                                        options=resolve_options(cmd.options, REGRESS_OPTIONS),
                                        traced=traced_command(session, command) if leverage.get("trace") else []):
            if loud:
                session.out.noisily_line(text)
            else:
                session.print(text)
    elif leverage["dots"]:
        session.print(bootstrap_dots(checks.marks, "regress", len(checks.marks), True, title="Jackknife",
                                     every=leverage["dots_every"]))


def cmd_regress(session, cmd) -> None:
    """``regress``: OLS, ANOVA header and coefficient table, e()."""
    from mlmcli.estimation.results import EstimationResults
    from mlmcli.render.regress_table import render_regress

    if not cmd.args.strip():  # replay (after anova too: its coefficients as regress shows them)
        from mlmcli.commands.estimation.regress_replay import replay_options

        e = replay_results(session, ("regress", "anova"))
        if e.macros.get("prefix") == "svy":  # svy: regress's results replay as svy shows them
            from mlmcli.commands.estimation.survey_replay import replay_svy

            return replay_svy(session, e, cmd.options)
        opts = replay_options(cmd.options)
        if e.cmd == "anova":
            if opts:
                raise StataError("options not supported by mlmcli when regress replays anova's results", 198)
            return session.print(render_regress(e.model.result(), linesize=session.linesize))
        return replay(session, e, opts=opts)
    from mlmcli.commands.estimation.survey_vce_option import run_svy_jackknife, svy_jackknife_requested

    svy_sub = svy_jackknife_requested(cmd)  # vce(jackknife, svy): svy jackknife: regress
    if svy_sub is not None:
        return run_svy_jackknife(session, cmd, "regress", svy_sub)
    fit, design, depvar, sample, opts, kind, clustvar = run_regress(session, cmd)
    # Stata's line for these weights is _regress's: regress.ado hands vce(bootstrap|jackknife) to
    # _vce_parserun before it, so only the prefix's own (noisily) runs print it
    if kind in ("aweight", "pweight") and fit.vce != "jackknife" and "_bootstrap" not in opts:
        from mlmcli.render.regress_table import weight_sum_line

        session.print(weight_sum_line(float(np.sum(_weights(session, cmd.weight)[0][sample]))))
    format_notes: list[str] = []
    table = table_options(opts, format_notes)
    for note in [] if fit.vce == "jackknife" else format_notes + list(design.notes):  # jackknife: printed first
        session.print(note)
    from mlmcli.commands.estimation.regress_replay import check_beta, standardized_coefficients

    check_beta(opts, kind, "bootstrap" if "_bootstrap" in opts else fit.vce)
    if kind not in ("pweight", "iweight") and fit.vce != "jackknife" and "_bootstrap" not in opts:
        w = _weights(session, cmd.weight)[0]  # beta's column, shown now or on a replay
        fit = dataclasses.replace(fit, betas=standardized_coefficients(
            fit, session.data.numeric(depvar)[sample], design.X, None if w is None else w[sample], kind))
    boot = None
    if "_bootstrap" in opts:
        from mlmcli.commands.estimation.regress_bootstrap import bootstrap_fit

        command = ""
        if opts["_bootstrap"].get("noisily"):
            from mlmcli.commands.estimation.jackknife_noisily import echoed_command

            command = echoed_command(session.data, cmd, None if cmd.weight is None else kind,
                                     noconstant=bool(opts.get("noconstant")),
                                     labels=tuple(design.labels), specs=tuple(REGRESS_OPTIONS))
        opts["_bootstrap"]["_sample"] = sample
        if cmd.weight is not None:  # force: each replicate's regress weighted by its rows' weights
            opts["_bootstrap"]["_weights"] = _weights(session, cmd.weight)[0][sample]
            opts["_bootstrap"]["_weight_kind"] = kind
        fit, boot = bootstrap_fit(session, fit, design, session.data.numeric(depvar)[sample], opts["_bootstrap"],
                                  command=command, constant=not opts.get("noconstant"))
    result = fit.result()
    if fit.vce == "jackknife":  # the usable replications and title() in the header
        from mlmcli.commands.estimation.regress_jackknife import usable_replicates

        reps = int(np.sum(usable_replicates(fit)))
        result = dataclasses.replace(result, replications=reps,
                                     title=opts["_leverage"].get("title") or result.title,
                                     vcetype="Jknife *" if opts["_leverage"].get("mse") else None)
    b, V = fit.e_matrices()
    scalars, macros = _ereturn_basics(fit, typed_command(cmd, "regress"), depvar)
    if fit.vce != "ols":
        macros["vcetype"] = {"hc2": "Robust HC2", "hc3": "Robust HC3", "jackknife": "Jackknife"}.get(fit.vce, "Robust")
    if fit.vce == "jackknife":  # [R] jackknife's e(): the replications (usable ones), the prefix
        from mlmcli.commands.estimation.regress_jackknife import jackknife_ereturn

        jackknife_ereturn(fit, opts["_leverage"], scalars, macros)
    if boot is not None:  # [R] bootstrap's e(): the replications and the Wald test on their variance
        scalars.update(N_reps=boot["N_reps"], chi2=boot["chi2"], p=boot["p"])
        for key in ("F", "df_r"):  # the bootstrap prefix keeps neither (bootstrap.ado: xsca(F chi2 df_r df_m))
            scalars.pop(key, None)
        macros.update(vce="bootstrap", vcetype="Bootstrap", prefix="bootstrap")
    if clustvar:
        macros["clustvar"] = clustvar
    if cmd.weight is not None:
        macros["wtype"] = kind
        macros["wexp"] = "= " + cmd.weight.exp
    matrices = {"b": b, "V": V}  # vce(bootstrap)'s e(b_bs) ... : estimation.bootstrap_results
    session.e = EstimationResults(cmd="regress", scalars=scalars, macros=macros, matrices=matrices,
                                  result=result, model=fit, sample=sample.copy(), title=macros["title"],
                                  design=design)
    session.e.stamp_sample(session.data)
    if boot is not None and opts.get("noheader") and opts.get("notable"):
        return
    if boot is not None:
        from mlmcli.commands.estimation.regress_bootstrap import render_regress_bootstrap

        return session.print(render_regress_bootstrap(fit, boot, linesize=session.linesize, eform=opts.get("eform"),
                                                      noheader=bool(opts.get("noheader")),
                                                      notable=bool(opts.get("notable")), options=table,
                                                      depname=opts.get("depname"), plus=bool(opts.get("plus"))))
    if not session.output_shown and not cmd.options:  # quietly, and no option the table reads
        return
    leverage = opts.get("_leverage") or {}
    if leverage.get("display"):  # regress's display options typed inside vce(jackknife, ...)
        from mlmcli.syntax.options import resolve_options as resolve

        table = table_options({**opts, **resolve(leverage["display"], display_option_specs())}, [])
    noheader = bool(opts.get("noheader") or leverage.get("noheader"))
    notable = bool(opts.get("notable") or leverage.get("notable"))
    if noheader and notable:  # jackknife's Display: neither header nor table, nothing shown
        return
    heading = leverage.get("eform") or opts.get("eform")
    if heading:  # regress's eform() or the prefix's eform options: this table exponentiated (e() is not)
        from mlmcli.commands.estimation.regress_eform import exponentiated

        result = exponentiated(result, heading)
    # plus: regress's own runs under jackknife take it (its cmdopts), the prefix's table does not
    plus = bool(opts.get("plus")) and fit.vce != "jackknife"
    session.print(render_regress(result, linesize=session.linesize, noheader=noheader, notable=notable,
                                 options=table, depname=opts.get("depname"), plus=plus,
                                 betas=fit.betas if opts.get("beta") else None))
    if fit.vce == "jackknife" and not notable:
        from mlmcli.commands.estimation.regress_jackknife import missing_replicates_note

        for line in missing_replicates_note(scalars, macros):
            session.print(line)
