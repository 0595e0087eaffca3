"""``xtgls`` ([XT] xtgls): cross-sectional time-series FGLS regression.

    xtgls depvar [indepvars] [if] [in] [, panels(iid|heteroskedastic|correlated)
          corr(independent|ar1|psar1) igls force noconstant nmk tolerance(#) iterate(#) level(#)]

Engine ``panel.fgls``; layout ``render.fgls_display`` (xtgls.ado's DispRes).  Not taken, refused:
weights (r(101) "weights not allowed"; xtgls.ado allows aweights), rhotype() other than regress,
the obsolete ols/pcse options (xtgls.ado sends them to xtpcse) -- decisions of this
implementation.  ``force`` treats each panel's rows as consecutive periods.
"""
from __future__ import annotations

import numpy as np

from mlmcli.commands.estimation.common import display_option_specs, table_options_with_notes
from mlmcli.commands.estimation.panel_gls_common import fit_options, posted_rows, replay_request
from mlmcli.errors import StataError
from mlmcli.depvar_scaling import depvar_scale, scaled_back
from mlmcli.syntax.options import OptionSpec, confidence_level, integer_option, real_option

_OPTIONS = [OptionSpec("panels", 1, takes_arg=True), OptionSpec("corr", 1, takes_arg=True), OptionSpec("igls", 4),
            OptionSpec("force", 5), OptionSpec("noconstant", 5), OptionSpec("nmk", 3),
            OptionSpec("tolerance", 3, takes_arg=True), OptionSpec("iterate", 4, takes_arg=True),
            OptionSpec("rhotype", 3, takes_arg=True), OptionSpec("level", 1, takes_arg=True),
            OptionSpec("log", 3), OptionSpec("nolog", 5), *display_option_specs()]


def _abbrev(text: str | None, choices: dict[str, str], what: str) -> str:
    word = (text or "").strip().lower()
    if not word:
        return next(iter(choices.values()))
    for full, value in choices.items():
        if full.startswith(word) or word == value:
            return value
    raise StataError(f"{what}({word}) invalid", 198)


def cmd_xtgls(session, cmd) -> None:
    replay = replay_request(session, cmd, "xtgls")
    if replay is not None:
        return _display(session, *replay)
    opts = fit_options(cmd, _OPTIONS)
    _iteration_settings(session, opts)  # xtgls.ado's syntax: bad numbers fail before the fit
    confidence_level(opts, 95.0)
    if (opts.get("rhotype") or "regress").strip().lower() not in ("regress", "reg"):
        raise StataError(f"rhotype({opts['rhotype'].strip()}) is not implemented in mlm", 198)
    e = _fit(session, cmd, opts)
    session.e = e
    _display(session, e, opts)


def _iteration_settings(session, opts) -> tuple[float, int]:
    """xtgls.ado: ``TOLerance(real 1e-7) ITERate(int `c(maxiter)')``."""
    tol = real_option(opts, "tolerance", 1e-7)
    maxiter = integer_option(opts, "iterate", int(session.settings.get("maxiter", 16000)))
    return tol, maxiter


def _fit(session, cmd, opts):
    from mlmcli.commands.estimation.limited_dependent import depvar_and_terms
    from mlmcli.panel.time_settings import panel_setting, time_setting
    from mlmcli.estimation.results import EstimationResults
    from mlmcli.commands.postestimation.margins_xb_only import LinearIndexModel
    import dataclasses

    from mlmcli.factor_variables import build_design, term_variables
    from mlmcli.panel.centred_fit import centred_design, restore_design
    from mlmcli.panel.design import slopes_wald
    from mlmcli.panel.fgls import fit_fgls
    from mlmcli.panel.time_settings import from_hex21
    from mlmcli.postest.coefficient_rows import coefficient_matrices, safe_rank
    from mlmcli.results.matrix import Matrix
    from mlmcli.sample import mark_sample

    ds = session.data
    panels = _abbrev(opts.get("panels"), {"iid": "iid", "heteroskedastic": "heteroskedastic",
                                           "heteroscedastic": "heteroskedastic", "correlated": "correlated"}, "panel")
    corr = _abbrev(opts.get("corr"), {"independent": "independent", "ar1": "ar1", "psar1": "psar1"}, "corr")
    ivar, tvar = panel_setting(ds), time_setting(ds)
    if not ivar:
        raise StataError("panel variable not set; use xtset varname ...", 459)
    need_t = corr != "independent" or panels == "correlated"
    if need_t and not tvar:
        raise StataError("must specify timevar; use xtset", 459)
    depvar, terms = depvar_and_terms(ds, cmd.args)
    keys = [depvar, ivar] + ([tvar] if need_t else []) + term_variables(terms)
    sample = np.asarray(mark_sample(session, cmd, keys), bool)
    panel_all = ds.numeric(ivar)
    if corr != "independent":
        codes, counts = np.unique(panel_all[sample], return_counts=True)
        single = np.isin(panel_all, codes[counts == 1]) & sample
        if single.any():
            session.print(f"(note: {int(single.sum())} observations dropped because only 1 obs in group)")
            sample &= ~single
    if not sample.any():
        raise StataError("no observations", 2000)
    constant = not opts.get("noconstant")
    design = build_design(ds, terms, sample, constant=constant)
    for note in design.notes:
        session.print(note)
    rows = np.flatnonzero(sample)
    panel = panel_all[rows]
    time = ds.numeric(tvar)[rows] if tvar else np.zeros(len(rows))
    order = np.lexsort((time if tvar else np.arange(len(rows)), panel))
    panel, time = panel[order], time[order]
    y, X = ds.numeric(depvar)[rows][order], design.X[order]
    panel_codes = np.unique(panel, return_inverse=True)[1]
    within = np.zeros(len(rows), int)
    for g in range(panel_codes.max() + 1):
        idx = np.flatnonzero(panel_codes == g)
        within[idx] = np.arange(len(idx))
    if opts.get("force") or not tvar:
        period_codes = within
    else:
        period_codes = np.unique(time, return_inverse=True)[1]
    if corr != "independent" and not opts.get("force"):
        delta = from_hex21(ds.chars.get("_TSdelta"))
        steps = np.diff(time)[np.diff(panel_codes) == 0]
        if np.any(steps == 0):
            raise StataError(f"{tvar} has duplicate values within panel", 459)
        if steps.size and (steps.min() != delta or steps.max() != delta):
            raise StataError(f"{tvar} is not regularly spaced or does not have intervals of delta -- use "
                             "the force option to treat the intervals as though they were regular", 459)
    sizes = np.bincount(panel_codes)
    if panels == "correlated":
        if sizes.min() != sizes.max():
            raise StataError("panels must be balanced", 459)
        if any(len(set(period_codes[panel_codes == g])) != sizes[g] for g in range(len(sizes))):
            raise StataError(f"{tvar} has duplicate values within panel", 459)
        first = set(period_codes[panel_codes == 0].tolist())
        if any(set(period_codes[panel_codes == g].tolist()) != first for g in range(1, len(sizes))):
            raise StataError(f"{tvar} has different values across panels", 459)
    tol, maxiter = _iteration_settings(session, opts)
    try:
        Xc, grand, scale = centred_design(X, constant)  # a regressor near 1e9 is not the constant
        ys = depvar_scale(y)  # y near the largest double: fitted on y / 2^k (e'e would overflow), mapped back
        f = fit_fgls(y / ys, Xc, panel_codes, period_codes, panels=panels, corr=corr, igls=bool(opts.get("igls")),
                     tol=tol, maxiter=maxiter)
        f = dataclasses.replace(f, **dict(zip(("b", "V"), restore_design(f.b, f.V, grand, scale, constant))))
        rank = safe_rank(f.V)  # on y / 2^k: a V past the range in y's units is missing, its rank is not
        if ys != 1.0:
            f = dataclasses.replace(f, **scaled_back({"b": f.b, "V": f.V, "sigma": f.sigma, "ll": f.ll}, ys, len(y),
                                                     quadratic=("V", "sigma"), log_density=("ll",)))
    except ArithmeticError as err:
        value = np.unique(panel)[err.args[0]]
        raise StataError(f"rho_i could not be computed for panel {ivar}={value:g} using rhotype method regress",
                         459) from None
    if f.tolerances and not opts.get("nolog"):
        from mlmcli.render.numfmt import format_number
        session.print("\n".join(f"Iteration {i}: tolerance = {format_number(t, '%9.0g').strip()}"
                                 for i, t in enumerate(f.tolerances, start=1)) + "\n")
    if not f.converged:
        session.print("convergence not achieved")
    n, M = len(y), len(sizes)
    V = f.V
    if opts.get("nmk"):
        V = V * n / (n - rank)
    names = [lab.name for lab in design.labels if not (lab.base or lab.omitted)]
    chi2, df, _ = slopes_wald(names, f.b, V)
    b_mat, V_mat = coefficient_matrices(design.labels, f.b, V)
    n_cv = {"iid": 1, "heteroskedastic": M}.get(panels, M * (M + 1) // 2)
    vt = {"iid": "homoskedastic", "heteroskedastic": "heteroskedastic"}.get(
        panels, "heteroskedastic with cross-sectional correlation")
    corr_text = {"ar1": "common AR(1) coefficient for all panels", "psar1": "panel-specific AR(1)"}.get(
        corr, "no autocorrelation")
    scalars = {"N": float(n), "N_g": float(M), "N_t": float(period_codes.max() + 1), "g_min": float(sizes.min()),
               "g_avg": float(sizes.mean()), "g_max": float(sizes.max()), "n_cf": float(rank), "n_cv": float(n_cv),
               "n_cr": float(len(f.rhos)), "df": float(df), "chi2": chi2, "rank": float(rank),
               "rc": 0.0 if f.converged else 430.0, "N_miss": 0.0}
    scalars["df_pear"] = scalars["N"] - n_cv - scalars["n_cr"] - rank
    if f.ll is not None:
        scalars["ll"] = f.ll
        if opts.get("igls"):
            scalars["N_ic"] = float(n)
            scalars["df_ic"] = float(n_cv + rank)
    macros = {"cmd": "xtgls", "cmdline": (cmd.text or f"xtgls {cmd.args}").strip(), "depvar": depvar,
              "title": "Cross-sectional time-series FGLS regression", "coefftype": "generalized least squares",
              "vt": vt, "corr": corr_text, "rhotype": "regress", "ivar": ivar, "tvar": tvar or "",
              "rho": " ".join(format(v, ".15g") for v in f.rhos), "chi2type": "Wald", "predict": "xtgls_p",
              "properties": "b V"}
    labels = [f"_{i}" for i in range(1, M + 1)]
    matrices = {"b": b_mat, "V": V_mat, "Sigma": Matrix(f.sigma, labels, labels)}
    e = EstimationResults(cmd="xtgls", scalars=scalars, macros=macros, matrices=matrices,
                          model=LinearIndexModel(),
                          sample=sample, title=macros["title"], design=design)
    e.stamp_sample(session.data)
    return e


def _display(session, e, opts) -> None:
    from mlmcli.render.fgls_display import render_fgls

    level = confidence_level(opts, getattr(session, "level", 95.0))
    rows = posted_rows(e, level)
    from mlmcli import distributions

    s = e.scalars  # DispRes computes chiprob(e(df), e(chi2)); xtgls posts no e(p)
    p = float(distributions.chi2.sf(s["chi2"], s["df"])) if s["df"] and s["chi2"] == s["chi2"] else float("nan")
    session.print(render_fgls(e.scalars, e.macros, rows, level, p, linesize=session.linesize,
                              options=table_options_with_notes(session, opts)))
