"""``xtnbreg``: negative binomial panel models (``mlmcli.panel.negative_binomial``).

    xtnbreg depvar [indepvars] [if] [in] [, re|fe i(panelvar) exposure(v) offset(v) irr level(#) nolog]

``re`` (the default): Hausman-Hall-Griliches random effects (1/(1 + delta_i) ~ Beta(r, s)),
/ln_r, /ln_s, r and s below the coefficients and the LR test against the pooled negative
binomial with constant dispersion.  ``fe``: the conditional likelihood (the constant stays
identified, as in Stata); panels with only zero outcomes or a single observation are
dropped with Stata's notes.  ``pa``: the GEE model of ``xtgee ..., family(nbinomial) link(log)``
(``commands.estimation.gee``, as xtnbreg.ado runs it).  Weights and vce types other than oim
are refused.
"""
from __future__ import annotations

import numpy as np

from mlmcli.commands.estimation.common import display_option_specs, table_options
from mlmcli.commands.estimation.convergence import LOG_LINE, finish
from mlmcli.estimation.active import replay_results
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, confidence_level, integer_option, resolve_options
from mlmcli.syntax.settings import default_iterate

XTNBREG_OPTIONS = [OptionSpec("re", 2), OptionSpec("fe", 2), OptionSpec("pa", 2), OptionSpec("i", 1, takes_arg=True),
                   OptionSpec("exposure", 3, takes_arg=True), OptionSpec("offset", 3, takes_arg=True),
                   OptionSpec("irr", 3), OptionSpec("level", 1, takes_arg=True), OptionSpec("nolog", 5),
                   OptionSpec("log", 3), OptionSpec("vce", 3, takes_arg=True), OptionSpec("iterate", 4, takes_arg=True),
                   OptionSpec("noconstant", 6), OptionSpec("difficult", 4), OptionSpec("nodifficult", 5),
                   *display_option_specs()]  # [XT] xtnbreg display_options; ml's difficult is xtnbreg.ado's default


# no overdispersion: ln_r climbs a plateau "(not concave)" at every step, each step slow; a
# typed iterate() past mlm's default cap of 300 (iterate(2147483648): a hang) stops after as many
# such steps in a row, not converged (decided without a Stata log of this case)
STALL = 300


def cmd_xtnbreg(session, cmd) -> None:
    from dataclasses import replace

    from mlmcli.commands.estimation import gee

    typed_models = {o.name for o in cmd.options} & {"re", "fe", "pa"}
    if len(typed_models) > 1:  # xtnbreg.ado checks this before handing pa to xtgee
        raise StataError("choose one of re, fe, or pa", 198)
    if gee.population_averaged_request(session, cmd, "xtnbreg", ("irr", "IRR")):
        return None
    if not cmd.args.strip():
        e = replay_results(session, ("xtnbreg",))
        opts = resolve_options(cmd.options, [OptionSpec("irr", 3), OptionSpec("level", 1, takes_arg=True),
                                             *display_option_specs()])
        fit = e.model
        if "level" in opts:
            fit = replace(fit, level=confidence_level(opts, fit.level))
        result = replace(e.result, coefs=fit.coef_rows(bool(opts.get("irr"))),
                         eform="IRR" if opts.get("irr") else None, level=fit.level)
        if getattr(result, "ln_params", ()):  # /ln_r, /ln_s, r and s at the replay's level too
            anc, ratios = _ancillary_rows([(a.label, a.estimate, a.se) for a in result.ln_params], fit.level,
                                          getattr(fit, "df_r", None))
            result = replace(result, ln_params=anc, params=ratios)
        session.print(_render(session, result, e.macros.get("model"), opts))
        return None
    opts = resolve_options(cmd.options, XTNBREG_OPTIONS)
    if opts.get("noconstant"):
        raise StataError("xtnbreg, noconstant is not implemented in mlmcli", 199)
    model = "fe" if opts.get("fe") else "re"
    from mlmcli.commands.estimation.xtnbreg_replicates import refuse_other_vce, replicate_request

    request = replicate_request(opts, model)  # vce(bootstrap|jackknife): xtnbreg_replicates
    if request is None:
        refuse_other_vce(opts)
    else:
        opts = {k: v for k, v in opts.items() if k != "vce"}
        opts["nolog"] = True  # the prefix's full-sample run is quiet
    fit_xtnbreg(session, cmd, opts, model, request)


def fit_xtnbreg(session, cmd, opts: dict, model: str, request=None) -> None:
    from mlmcli import distributions as stats

    from mlmcli.commands.estimation.common import depvar_and_terms, group_codes, weighted_sample
    from mlmcli.commands.estimation.panel_common import (check_exposure, offset_option, offset_values,
                                                         panel_variable)
    from mlmcli.conditional_likelihood import maximise
    from mlmcli.factor_variables import term_variables
    from mlmcli.mixed.blas_threads import single_threaded_blas
    from mlmcli.panel import negative_binomial as nb
    from mlmcli.panel.design import pooled_design, slopes_wald

    ds = session.data
    depvar, terms = depvar_and_terms(session, cmd.args)
    ivar = panel_variable(session, opts.get("i"))
    offset = offset_option(ds, opts)
    sample, _, _ = weighted_sample(session, cmd, [depvar, ivar] + term_variables(terms)
                                   + ([offset[1]] if offset else []), ())
    if not sample.any():
        raise StataError("no observations", 2000)
    y_all = ds.numeric(depvar)
    if np.any(y_all[sample] < 0):
        raise StataError(f"{depvar} must be greater than or equal to zero", 459)
    check_exposure(ds, offset, sample)
    if model == "re" and not np.any(y_all[sample] != 0):
        # xtnbreg.ado fits its comparison model first, nbreg, dispersion(constant), and nbreg
        # refuses an outcome that is 0 everywhere (Stata prints this under the nbreg heading)
        raise StataError(f"{depvar} is zero for all observations", 498)
    say = session.print if request is None else (lambda *a: None)  # the prefix's full-sample run is quiet
    if model == "fe":
        sample = _informative_fe(say, ds, ivar, sample, y_all)
    codes = group_codes(ds, ivar, sample)
    y = y_all[sample]
    design = pooled_design(ds, terms, sample, True)
    for note in design.notes:
        say(note)
    X = design.X
    off = offset_values(ds, offset, sample)
    k = X.shape[1]
    from mlmcli.panel.centred_fit import far_column_rescaling

    # a regressor near 1e9 or scaled by 1e9: the start and the fit on rescaled columns, theta and
    # V mapped back (the Newton steps in the user's units: 'not concave' to the limit, SEs missing)
    rescaling = far_column_rescaling(X, bool(design.column_names) and design.column_names[-1] == "_cons")
    Xf = X if rescaling is None else rescaling.apply(X)

    def in_user_units(theta, V=None):
        return (theta if V is None else (theta, V)) if rescaling is None else rescaling.to_user(theta, V)

    iterate = integer_option(opts, "iterate", default_iterate(session, 300), minimum=0)  # iterate(#): Newton steps at most
    difficult = not opts.get("nodifficult")
    with single_threaded_blas():
        if model == "fe":
            b, ll, H, log, converged = maximise(lambda Xm, yv, g, bb: nb.fe_derivatives(Xm, yv, g, bb, off),
                                                Xf, y, codes, start=_poisson_start(depvar, design, Xf, y, off),
                                                max_iter=iterate, difficult=difficult, stall=STALL)
            fitted = b
            b, V = in_user_units(b, np.linalg.inv(-H))
            theta, Vt = b, V
        else:
            pooled = _constant_dispersion_fit(depvar, design, Xf, y, off, iterate)
            fitted, ll, H, log, converged = maximise(lambda Xm, yv, g, t: nb.re_derivatives(Xm, yv, g, t, off),
                                                     Xf, y, codes, start=np.r_[pooled.theta[:k], 0.0, 0.0],
                                                     max_iter=iterate, difficult=difficult, stall=STALL,
                                                     value=lambda Xm, yv, g, t: nb.re_loglik(Xm, yv, g, t, off))
            theta, Vt = in_user_units(fitted, np.linalg.inv(-H))
            b, V = theta[:k], Vt[:k, :k]
            ll_pooled = float(pooled.loglik)  # the ado's e(ll_c): nbreg's e(ll)
    if not opts.get("nolog"):
        session.print("\n".join(_log_lines(log, None if model == "fe" else pooled.phases)))
    if not converged:
        session.print(LOG_LINE)
    extra, vce_fields, test_label = None, {}, None
    if request is not None:  # the replicates' V (xtnbreg_replicates)
        from mlmcli.commands.estimation import xtnbreg_replicates as reps

        request[1]["_colnames"] = ([f"{depvar}:{n}" for n in design.column_names]
                                   + (["ln_r:_cons", "ln_s:_cons"] if model == "re" else []))  # reject()'s e(b)
        refit_fitted = reps.refitter(maximise, nb.fe_derivatives if model == "fe" else nb.re_derivatives, Xf, y,
                                     off, fitted, iterate, difficult)

        def refit(rows, panels):
            return in_user_units(refit_fitted(rows, panels))
        Vt, extra = reps.replicate_fit(session, request, theta, refit, codes, sample, ivar)
        V = Vt[:k, :k]
        test_label, chi2, p, df_m = reps.replicate_test(design.column_names, b, V, extra)
        vce_fields = reps.vce_fields(extra)
    else:
        chi2, df_m, p = slopes_wald(design.column_names, b, V)
    level = confidence_level(opts, getattr(session, "level", 95.0))
    df_r = None if extra is None else extra["df_r"]
    fit = nb.NegativeBinomialPanelFit(depvar, ivar, design.labels, b, V, level, y, codes, offset,
                                      *((theta, Vt) if model == "re" else (None, None)), df_r=df_r)
    sizes = np.bincount(codes)
    scalars = {"N": float(sample.sum()), "N_g": float(len(sizes)), "g_min": float(sizes.min()),
               "g_avg": float(sizes.mean()), "g_max": float(sizes.max()), "ll": ll, "chi2": chi2, "p": p,
               "df_m": float(df_m), "k": float(len(theta)), "rank": float(len(theta)),
               "converged": float(converged), "ic": float(max(len(log) - 1, 0))}
    eform = "IRR" if opts.get("irr") else None
    title = ("Conditional FE negative binomial regression" if model == "fe" else
             "Random-effects negative binomial regression")
    common = dict(title=title, depvar=depvar, nobs=int(sample.sum()), test_label=test_label or f"Wald chi2({df_m})",
                  test_value=chi2, test_p=p, ll=ll, coefs=fit.coef_rows(bool(eform)), ivar=ivar,
                  n_groups=len(sizes), g_min=float(sizes.min()), g_avg=float(sizes.mean()),
                  g_max=float(sizes.max()), eform=eform, level=level, **vce_fields)
    if model == "re":
        from mlmcli.results.panel import NegativeBinomialREResult

        anc, ratios = _ancillary_rows([("/ln_r", float(theta[k]), _standard_error(Vt[k, k])),
                                       ("/ln_s", float(theta[k + 1]), _standard_error(Vt[k + 1, k + 1]))],
                                      level, df_r)
        chibar2 = max(0.0, 2 * (ll - ll_pooled))
        p_c = 0.5 * float(stats.chi2.sf(chibar2, 1)) if chibar2 > 0 else 1.0
        result = NegativeBinomialREResult(**common, ln_params=tuple(anc), params=ratios, chibar2=chibar2,
                                          chibar2_p=p_c)
        scalars.update(ll_c=ll_pooled, chi2_c=chibar2, r=ratios[0].estimate, s=ratios[1].estimate)
    else:
        from mlmcli.results.panel import MLHeaderResult

        result = MLHeaderResult(**common)
    _post(session, cmd, fit, design, sample, scalars, result, model, offset, opts)
    if extra is not None:
        reps.replicate_ereturn(session.e, extra, chi2, p, df_m)
    finish(session, session.e, converged=converged, at_limit=len(log) - 1 >= iterate,
           iterate_typed=opts.get("iterate") is not None)


def _constant_dispersion_fit(depvar, design, X, y, offset, iterate: int):
    """re's comparison model and start: xtnbreg.ado's ``nbreg y xvars if touse, offset()
    nodisplay disp(con)`` with the user's ml options (iterate()); its e(b) starts the full model
    (``init(b0, skip)``: /lndelta skipped, /ln_r = /ln_s = 0) and its e(ll) is e(ll_c)."""
    from mlmcli.glm.fit import fit_glm
    from mlmcli.glm.spec import GLMSpec

    return fit_glm(GLMSpec(depvar=depvar, y=y, X=X, coef_labels=design.labels, family="nbinomial",
                           link="log", dispersion="constant", offset=offset, iterate=iterate))


def _log_lines(log, pooled_phases=None) -> list[str]:
    """The iteration log as xtnbreg.ado prints it.  re: "Fitting negative binomial (constant
    dispersion) model:", then nbreg's own logs (its Poisson, constant-only and full fits, headed
    by nothing: nbreg's ``nodisplay`` suppresses its headings), each after a blank line, then
    "Fitting full model:".  fe: the full model's log alone (the ado's poisson is captured)."""
    from mlmcli.render.iteration_log import iteration_line

    lines = []
    if pooled_phases is not None:
        lines += ["", "Fitting negative binomial (constant dispersion) model:"]
        for phase in pooled_phases:
            lines += [""] + [iteration_line(s.iteration, s.loglik, "log likelihood", s.note) for s in phase.steps]
        lines += ["", "Fitting full model:"]
    return lines + [""] + [iteration_line(i, v, "log likelihood", note) for i, (v, note) in enumerate(log)]


def _poisson_start(depvar, design, X, y, offset) -> np.ndarray:
    """fe's start: xtnbreg.ado's ``poisson y xvars if touse, offset() iter(1)`` e(b) (on the panels
    the notes left), mlm's poisson stopped after one Newton step from its own start."""
    from mlmcli.glm.fit import fit_glm
    from mlmcli.glm.spec import GLMSpec

    spec = GLMSpec(depvar=depvar, y=y, X=X, coef_labels=design.labels, family="poisson", link="log",
                   offset=offset, iterate=1)
    try:
        start = np.asarray(fit_glm(spec).theta, float)[:X.shape[1]]
    except StataError as err:  # the ado: "could not find feasible starting values", exit _rc
        raise StataError("could not find feasible starting values", err.rc) from None
    return start


def _informative_fe(say, ds, ivar, sample, y_all):
    """Drop panels with only zero outcomes or one observation (Stata's notes, through ``say``)."""
    from mlmcli.commands.estimation.common import group_codes

    codes = group_codes(ds, ivar, sample)
    y = y_all[sample]
    sizes = np.bincount(codes)
    totals = np.bincount(codes, weights=y)
    single = sizes == 1
    if single.any():
        n1 = int(single.sum())
        say(f"note: {n1} group{'s' if n1 > 1 else ''} ({n1} obs) dropped because of only one obs per group")
    zero = (totals == 0) & ~single
    if zero.any():
        nz, obs = int(zero.sum()), int(sizes[zero].sum())
        say(f"note: {nz} group{'s' if nz > 1 else ''} ({obs} obs) dropped because of all zero outcomes")
    keep_rows = ~(single | zero)[codes]
    if not keep_rows.any():
        raise StataError("no observations", 2000)
    idx = np.flatnonzero(sample)
    out = np.zeros_like(sample)
    out[idx[keep_rows]] = True
    return out


def _post(session, cmd, fit, design, sample, scalars, result, model, offset, opts: dict) -> None:
    from mlmcli.estimation.results import EstimationResults

    b_all, V_all = fit.e_matrices()
    macros = {"cmd": "xtnbreg", "cmdline": cmd.text or f"xtnbreg {cmd.args}", "depvar": fit.depvar,
              "ivar": fit.group_var, "model": model, "method": model, "chi2type": "Wald", "title": result.title,
              "distrib": "Beta" if model == "re" else "", "predict": "xtnbre_p", "properties": "b V",
              "vce": "oim"}
    if offset:
        macros["offset"] = ("ln(" + offset[1] + ")") if offset[0] == "exposure" else offset[1]
    scalars["k"] = float(b_all.values.shape[1])  # e(b)'s columns, base and omitted ones too
    session.e = EstimationResults(cmd="xtnbreg", scalars=scalars, macros=macros, matrices={"b": b_all, "V": V_all},
                                  result=result, model=fit, sample=sample.copy(), title=result.title, design=design)
    session.print(_render(session, result, model, opts))


def _render(session, result, model: str | None, opts: dict) -> str:
    """The table with the display options typed (_get_diopts: formats checked, notes printed)."""
    from mlmcli.render.panel_regression import render_ml_model, render_xtnbreg_re

    notes: list[str] = []
    table = table_options(opts, notes)
    for note in notes:
        session.print(note)
    if model == "re":
        return render_xtnbreg_re(result, linesize=session.linesize, table_options=table)
    return render_ml_model(result, linesize=session.linesize, table=table)


def _ancillary_rows(estimates, level: float, df_r: float | None = None):
    """/ln_r and /ln_s (estimate -/+ z se; t on ``df_r`` under jackknife) and r and s (their
    exponentials) at ``level``."""
    from mlmcli import distributions as stats

    from mlmcli.missing import stata_exp  # _diparm's exp(): missing where it overflows
    from mlmcli.results.panel import AncillaryRow

    z = float(stats.norm.ppf(0.5 + level / 200) if df_r is None else stats.t.ppf(0.5 + level / 200, df_r))
    anc = tuple(AncillaryRow(label, b, se, b - z * se, b + z * se) for label, b, se in estimates)
    ratios = tuple(AncillaryRow(name, stata_exp(a.estimate), stata_exp(a.estimate) * a.se,
                                stata_exp(a.ci_lo), stata_exp(a.ci_hi))
                   for name, a in zip(("r", "s"), anc))
    return anc, ratios


def _standard_error(variance: float) -> float:
    """sqrt(variance); missing where the Hessian's inverse gives a negative variance."""
    return float(np.sqrt(variance)) if variance >= 0 else float("nan")


def replay(session, e) -> None:
    from mlmcli.render.panel_regression import render_ml_model, render_xtnbreg_re

    render = render_xtnbreg_re if e.macros.get("model") == "re" else render_ml_model
    session.print(render(e.result, linesize=session.linesize))
