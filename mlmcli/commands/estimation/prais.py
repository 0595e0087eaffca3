"""Prais-Winsten and Cochrane-Orcutt regression ([TS] prais; prais.ado 6.4.5, Stata 16 tree):

    prais depvar [indepvars] [if] [in] [, rhotype(regress|freg|tscorr|dw|theil|nagar) corc
          ssesearch twostep noconstant hascons savespace vce(ols|robust|cluster v|hc2|hc3)
          level(#) nodw nolog iterate(#) tolerance(#) display_options]

The sample is regress's (time-series operators and factor variables as regress takes them,
rows with a missing time value left out); the fit is ``mlmcli.time_series.prais_winsten``.
The iteration log, the ``Number of gaps in sample`` report (tsreport under version 6, as the
ado calls it) and the results are printed as prais.ado prints them; a run that stops at
iterate() without converging shows its results and ends "convergence not achieved" r(430).
"""
from __future__ import annotations

import dataclasses

import numpy as np

from mlmcli.ast import Option
from mlmcli.commands.estimation.common import display_option_specs, table_options_with_notes
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, confidence_level, resolve_options

HELP = {"prais": "prais depvar [indepvars] [if] [in] [, corc twostep rhotype() ssesearch noconstant vce() nodw] : "
                 "Prais-Winsten and Cochrane-Orcutt regression"}
_RHOTYPES = (("regress", 3), ("freg", 4), ("tscorr", 3), ("dw", 2), ("theil", 2), ("nagar", 3))
_REPLAY = [OptionSpec("level", 1, takes_arg=True), OptionSpec("nodw", 4), OptionSpec("corc", 4),
           *display_option_specs()]
_OPTIONS = [OptionSpec("beta", 1), OptionSpec("noconstant", 6), OptionSpec("corc", 4),
            OptionSpec("depname", 3, takes_arg=True), OptionSpec("detail", 3), OptionSpec("nodw", 4),
            OptionSpec("hascons", 1), OptionSpec("iterate", 2, takes_arg=True), OptionSpec("level", 1, takes_arg=True),
            OptionSpec("nolog", 4), OptionSpec("log", 3), OptionSpec("savespace", 4),
            OptionSpec("rhotype", 3, takes_arg=True), OptionSpec("ssesearch", 3), OptionSpec("trace", 2),
            OptionSpec("tolerance", 3, takes_arg=True), OptionSpec("twostep", 3), OptionSpec("vce", 3, takes_arg=True),
            OptionSpec("robust", 1), OptionSpec("cluster", 2, takes_arg=True), OptionSpec("hc2"), OptionSpec("hc3"),
            *display_option_specs()]


def cmd_prais(session, cmd) -> None:
    from mlmcli.estimation.active import replay_results

    if not cmd.args.strip() and cmd.weight is None and not cmd.if_exp and not cmd.in_range:
        opts = resolve_options(cmd.options, _REPLAY)
        e = replay_results(session, ("prais",))
        return _display(session, e, opts)
    opts = resolve_options(cmd.options, _OPTIONS)
    if cmd.weight is not None:  # prais.ado takes weights only with its undocumented ``weights``
        raise StataError("weights not allowed", 101)
    if opts.get("beta") or opts.get("depname") is not None:
        raise StataError("Options beta, depname() not allowed", 198)
    if opts.get("twostep") and opts.get("ssesearch"):
        raise StataError("options twostep and ssesearch are mutually exclusive", 198)
    if opts.get("detail") or opts.get("trace"):  # the gap table (tabdisp) and _linemax's trace
        raise StataError(f"option {'detail' if opts.get('detail') else 'trace'} is not implemented in mlmcli "
                         "for prais", 198)
    e, converged = _fit(session, cmd, opts)
    session.e = e
    _display(session, e, opts)
    if not converged:
        raise StataError("convergence not achieved", 430)


def _number(opts, name, default, integer=False):
    text = opts.get(name)
    if text is None:
        return default
    try:
        value = float(str(text).strip())
    except ValueError:
        raise StataError(f"option {name}() incorrectly specified", 198) from None
    if integer and value != int(value):
        raise StataError(f"option {name}() incorrectly specified", 198)
    return int(value) if integer else value


def _vce(session, opts) -> tuple[str, str | None]:
    from mlmcli.commands.estimation.common import sandwich_vce

    typed = str(opts.get("vce") or "").strip()
    picked = [k for k in ("hc2", "hc3") if opts.get(k)]
    if typed in ("hc2", "hc3"):
        picked.append(typed)
    if len(set(picked)) > 1 or (picked and (opts.get("robust") or opts.get("cluster"))):
        raise StataError(f"only one of {' '.join(sorted(set(picked)) + ['robust'])} is allowed", 198)
    if picked:
        return picked[0], None
    return sandwich_vce(session.data, opts, "ols")


def _fit(session, cmd, opts):
    from mlmcli.commands.estimation.regress import run_regress
    from mlmcli.panel.time_settings import time_setting, time_structure
    from mlmcli.ols import fit_ols
    from mlmcli.syntax.abbreviation import resolve_choice
    from mlmcli.time_series.prais_winsten import iterate_rho, transformed_dw

    ds = session.data
    tvar = time_setting(ds)
    if tvar is None:
        raise StataError("time variable not set, use tsset varname ...", 111)
    iterate = _number(opts, "iterate", 100, integer=True)
    tol = _number(opts, "tolerance", 1e-6)
    vce, clustvar = _vce(session, opts)
    hascons, corc = bool(opts.get("hascons")), bool(opts.get("corc"))
    constant = not opts.get("noconstant") and not hascons
    timed = f"!missing({tvar})" + (f" & !missing({clustvar})" if clustvar else "")
    inner = dataclasses.replace(cmd, name="regress", options=[] if constant else [Option("noconstant")],
                                if_exp=f"({cmd.if_exp}) & {timed}" if cmd.if_exp else timed)
    fit0, design, depvar, sample, _, _, _ = run_regress(session, inner)
    for note in design.notes:
        session.print(note)
    panel, time, delta = time_structure(ds)
    prev = _previous_rows(panel, time, delta, sample)
    gaps = int(np.count_nonzero(prev < 0)) - 1
    if gaps > 0:
        note = "   (gap count includes panel changes)" if panel is not None else ""
        session.print("")
        session.print(f"Number of gaps in sample:  {gaps}{note}")
        session.print("(note: computations for rho restarted at each gap)")
    rhotype = "regress"
    if opts.get("rhotype") is not None:
        typed = str(opts["rhotype"]).strip()
        picked = resolve_choice(typed.lower(), _RHOTYPES) if typed else "regress"
        if picked is None:
            session.print("")
            raise StataError(f"Invalid option for rho(rho_method):  , k({design.X.shape[1] + 1}) {typed}", 198)
        rhotype = picked
    y = ds.numeric(depvar)[sample]
    X = design.X
    ssesearch = bool(opts.get("ssesearch"))
    it = iterate_rho(y, X, prev, corc=corc, rhotype=rhotype, iterate=1 if opts.get("twostep") else iterate,
                     tol=tol, k_words=X.shape[1] + 1, ssesearch=ssesearch)
    _log(session, it, opts, ssesearch)
    level = confidence_level(opts, getattr(session, "level", 95.0))
    cluster = None
    if clustvar:
        from mlmcli.commands.estimation.common import group_codes

        cluster = group_codes(ds, clustvar, sample)[it.kept]
    fit = clamp_model_ss(fit_ols(it.y_star, it.X_star, constant=constant or hascons, vce=vce, cluster=cluster,
                                 level=level, coef_labels=design.labels, depvar=depvar, cluster_var=clustvar))
    resid_star = it.y_star - it.X_star @ fit.b
    dw = transformed_dw(resid_star, it.kept, prev)
    method = "twostep" if opts.get("twostep") else ("SSE search" if ssesearch else "iterated")
    e = _results(session, cmd, fit, design, depvar, sample, it, dw, gaps, tol, iterate, method, rhotype, vce,
                 corc, opts)
    return e, it.converged or bool(opts.get("twostep"))


def clamp_model_ss(fit):
    """The transformed constant is not a constant, so RSS can exceed the total sum of squares
    about y*'s mean: Stata then shows a model SS of 0, F = 0 (Prob > F = 1) and R-squared
    missing (a Statalist log of prais: "Model | 0 1 0", "F(1, 18) = 0.00", "R-squared = .")."""
    if not (fit.mss < 0):
        return fit
    F, p_F = (0.0, 1.0) if fit.vce == "ols" else (fit.F, fit.p_F)
    return dataclasses.replace(fit, mss=0.0, F=F, p_F=p_F, r2=float("nan"), r2_a=float("nan"))


def _previous_rows(panel, time, delta, sample) -> np.ndarray:
    """Each sample row's sample row one period earlier in its panel (-1: none)."""
    from mlmcli.time_series_ops import apply_operator

    rows = np.arange(int(sample.sum()), dtype=float)
    back = apply_operator("L", rows, None if panel is None else panel[sample], time[sample], delta)
    return np.where(np.isnan(back), -1, back).astype(np.int64)


def _log(session, it, opts, ssesearch) -> None:
    from mlmcli.render.prais_regression import iteration_line

    session.print("")
    if opts.get("nolog") or ssesearch:  # ssesearch: _linemax's own log is not reproduced (docs/prais.md)
        return
    session.print(iteration_line(0, 0.0))
    for count, rho in enumerate(it.log, start=1):
        session.print(iteration_line(count, rho))


def _results(session, cmd, fit, design, depvar, sample, it, dw, gaps, tol, iterate, method, rhotype, vce, corc, opts):
    from mlmcli.estimation.results import EstimationResults

    b, V = fit.e_matrices()
    scalars = {"N": fit.N, "mss": fit.mss, "rss": fit.rss, "df_m": float(fit.df_m), "df_r": fit.df_r,
               "r2": fit.r2, "r2_a": fit.r2_a, "F": fit.F, "rmse": fit.rmse, "ll": fit.ll, "rank": float(fit.rank),
               "N_gaps": float(max(gaps, 0)), "tol": tol, "max_ic": float(iterate), "ic": float(it.iterations),
               "rho": it.rho}
    if fit.n_clusters is not None:
        scalars["N_clust"] = float(fit.n_clusters)
    if not opts.get("nodw"):
        scalars["dw"], scalars["dw_0"] = dw, it.dw_original
    vcetype = {"robust": "Semirobust", "cluster": "Semirobust", "hc2": "Semirobust HC2",
               "hc3": "Semirobust HC3"}.get(vce)
    macros = {"cmd": "prais", "cmdline": (cmd.text or f"prais {cmd.args}").strip(), "depvar": depvar,
              "title": "Prais-Winsten AR(1) regression", "vce": vce, "rhotype": rhotype, "method": method,
              "tranmeth": "corc" if corc else "prais", "predict": "prais_p", "marginsok": "XB default",
              "properties": "b V"}
    if vcetype:
        macros["vcetype"] = vcetype
    if clustvar := fit.cluster_var:
        macros["clustvar"] = clustvar
    if opts.get("noconstant"):
        macros["cons"] = "noconstant"
    if not it.converged and method == "iterated":
        macros["converge"] = "false"
    e = EstimationResults(cmd="prais", scalars=scalars, macros=macros, matrices={"b": b, "V": V}, model=fit,
                          sample=sample.copy(), title=macros["title"], design=design)
    e.result = _result(e, fit.level)
    e.stamp_sample(session.data)
    return e


def _result(e, level):
    from mlmcli.results.prais_regression import PraisResult

    regression = e.model.result()
    if level != e.model.level:  # the t table's intervals at the level asked for
        from mlmcli.postest.coefficient_rows import rows_from_estimates

        labels = e.design.labels
        idx = [j for j, lab in enumerate(labels) if not (lab.base or lab.omitted)]
        bv, V = e.matrices["b"].values.ravel(), e.matrices["V"].values
        rows = rows_from_estimates(labels, bv[idx], V[np.ix_(idx, idx)], level, e.scalars["df_r"])
        regression = dataclasses.replace(regression, coefs=rows, level=level)
    if e.macros.get("vcetype"):
        regression = dataclasses.replace(regression, vcetype=e.macros["vcetype"])
    s = e.scalars
    return PraisResult(corc=e.macros["tranmeth"] == "corc", method=e.macros["method"], regression=regression,
                       rho=s["rho"], dw_0=s.get("dw_0"), dw=s.get("dw"))


def _display(session, e, opts) -> None:
    from mlmcli.render.prais_regression import render_prais

    r = e.result
    level = confidence_level(opts, r.regression.level)
    if level != r.regression.level:
        r = _result(e, level)
    if opts.get("nodw"):
        r = dataclasses.replace(r, dw_0=None, dw=None)
    session.print(render_prais(r, linesize=session.linesize, options=table_options_with_notes(session, opts)))
