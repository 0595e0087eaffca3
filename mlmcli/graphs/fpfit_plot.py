"""``twoway fpfit``/``fpfitci``: a fractional polynomial of x fitted by ``regress``
(``mlmcli.fractional_polynomials``) or, with ``estcmd()``, by logit, logistic, probit, poisson,
nbreg, ologit, oprobit or glm (``graphs.fpfit_models``), clogit, xtgee or mlogit
(``graphs.fpfit_grouped_models``), as Stata's twoway__fpfit_serset draws it:
fracpoly on the plot's observations (weights allowed: aweights, fweights, pweights), the data sorted by x and y
and one observation kept per distinct x, then ``fracpred`` there.

- ``estopts()``: fracpoly's ``degree()``, ``powers()``, ``center()``/``adjust()``,
  ``noconstant``, ``noscaling``, ``all``, ``log``, ``compare`` (``fit_options.fracpoly_options``) and regress's
  options: its ``vce()`` (robust, cluster, hc2, hc3, jackknife, bootstrap) gives the band's
  standard errors (``mlmcli.ols.fit_ols`` on the final model's terms; bootstrap: the replicates'
  covariance, the draws of regress's vce(bootstrap)); after the ML commands their own options
  (``fpfit_ml_options``): ``offset()``/``exposure()`` also in the x b drawn (fracpred's
  ``_predict, xb``), at the observation kept at each x.
- ``predopts()``: fracpred's options: ``stdp`` (the standard error of the fitted values),
  ``for(x)`` (the centred terms times their coefficients plus _b[_cons] when the fit has a
  constant -- x b without the offset -- and with ``stdp`` its standard error, the constant's
  variance and covariances included: ``fpfit_prediction.for_x_without_constant``),
  ``dresid`` (fracpred.ado's deviance residuals, for regress, qreg and rreg y - xb, after poisson Poisson's, after glm glm's,
  after logit/logistic/probit their predict's by covariate pattern, after nbreg/ologit/oprobit/cnreg missing,
  weighted sqrt(w / mean w): ``fpfit_prediction.deviance_residuals``), ``all`` (the points are the sample's anyway).
- the band: fit -/+ invttail(e(df_r), (100-level)/200) se, or invnormal when there is no
  e(df_r) (after vce(bootstrap), and after the maximum-likelihood estcmd()s), as the serset
  program computes it.
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError, is_mlm_refusal, not_allowed_text
from mlmcli.graphs import fits, fpfit_prediction
from mlmcli.graphs.series_parts import last_option
from mlmcli.graphs.spec import Series
from mlmcli.missing import stata_double
from mlmcli.postest.linear_prediction import quadratic_form_rows


def _fracpred_options(ctx, text, xname: str) -> tuple[bool, bool, bool, StataError | None]:
    """fracpred's options -> (stdp, for(x), dresid, fracpred's error or None).  The error is
    raised only once fracpoly has fitted (twoway__fpfit_serset runs fracpred after fracpoly: a
    fit that fails is the note alone)."""
    from mlmcli.syntax.abbreviation import resolve_choice
    from mlmcli.syntax.options import read_options

    if not isinstance(text, str):
        return False, False, False, None
    stdp = partial = dresid = False
    for option in read_options(text):
        name = resolve_choice(option.name, (("stdp", 4), ("for", 3), ("all", 3), ("dresid", 2)))
        if name is None:
            return stdp, partial, dresid, StataError(f"predopts(): {not_allowed_text(option.name, option.arg)}", 198)
        if (name == "for") != (option.arg is not None):
            return stdp, partial, dresid, StataError(f"predopts(): option {option.name} incorrectly specified", 198)
        if name == "dresid":
            dresid = True
        elif name == "stdp":
            stdp = True
        elif name == "for":
            try:
                name = ctx.data.resolve(option.arg.strip())  # fracpred's unabbrev, then its check
            except StataError as err:
                return stdp, partial, dresid, err
            if name != xname:
                return stdp, partial, dresid, StataError(f"{name} was not an xvar", 198)
            partial = True
    return stdp, partial, dresid, None


def fpfit(ctx, plot, keep) -> list[Series]:
    """The best fractional polynomial of y in x at the sample's distinct x; ``fpfitci``: its
    band (``stdp``, ``stdf`` or ``stdr``, ``level()``)."""
    from mlmcli.fractional_polynomials import best_fp
    from mlmcli.graphs.fit_options import fracpoly_options
    from mlmcli.graphs.fit_predictions import check_allowed
    from mlmcli.graphs.fitted_plots import fit_and_band
    from mlmcli.ols import fit_ols
    from mlmcli.syntax.options import confidence_level

    opts, kind = plot.options, plot.kind
    x_all, y_all = ctx.data.numeric(plot.x), ctx.data.numeric(plot.ys[0])
    sample = keep & np.isfinite(x_all) & np.isfinite(y_all)
    w = None if plot.weights is None else np.asarray(plot.weights, float)
    if w is not None:
        sample &= np.isfinite(w) & (w != 0)
    if not sample.any():
        return []
    from mlmcli.graphs.fpfit_models import estimation_command

    command = estimation_command(last_option(opts, "estcmd"))
    if command in ("stcox", "streg"):  # fracpoly's st form: y the FP variable, x a covariate (fpfit_survival)
        from mlmcli.graphs.fpfit_survival import survival_fpfit
        return survival_fpfit(ctx, plot, keep, command)
    if command == "stcrreg":  # the same st form, Fine and Gray's model (fpfit_competing)
        from mlmcli.graphs.fpfit_competing import competing_fpfit
        return competing_fpfit(ctx, plot, keep)
    censor = None
    with_ci = kind == "fpfitci"
    from mlmcli.graphs.fpfit_models import FracpolyFailed, check_fit_alias

    try:
        if command is None:  # frac_chk refuses the command before fracpoly reads an option
            raise FracpolyFailed("invalid or unrecognized command")
        if command == "cnreg":  # censored(varname): graphs.fpfit_censored
            from mlmcli.graphs.fpfit_censored import split_censored

            opts, censor = split_censored(ctx, opts)  # missing: out of cnreg's sample, not fracpoly's
        settings, constant, vce, cluster_var = fracpoly_options(ctx, opts, command or "regress")
        check_fit_alias(last_option(opts, "estcmd"), plot.weight_kind, constant)
        if "ml" in settings:  # constraints() and from(): the session's (graphs.fpfit_ml_start)
            from mlmcli.graphs.fpfit_ml_start import resolve

            settings["ml"] = resolve(ctx, plot, settings["ml"])
    except (FracpolyFailed, StataError) as failure:  # fracpoly fails under twoway's capture (_estopts_fail)
        if isinstance(failure, StataError) and not _estopts_fail(failure):
            raise
        from mlmcli.graphs.fit_predictions import VCEChoice

        command, settings, constant, vce, cluster_var = None, {}, True, VCEChoice(), None
    from mlmcli.graphs.fpfit_models import GROUPED_COMMANDS, ML_COMMANDS, ORDINAL_COMMANDS, OWN_FIT_COMMANDS

    PREFIXED = tuple(ML_COMMANDS) + ("glm", "cnreg")

    own_settings = settings.get("survival" if command in ("weibull", "ereg") else command, {})
    if command in ORDINAL_COMMANDS + ("clogit", "cox") or command in ("xtlogit", "xtreg", "weibull", "ereg") and (
            own_settings.get("model") == "fe" and command == "xtlogit" or not own_settings.get("constant", True)):
        constant = False  # no constant (ordinal: the cutpoints); x b the centred terms' part
    from mlmcli.graphs.fpfit_command_sample import cluster_codes

    cluster, clustered = cluster_codes(ctx, cluster_var, sample)  # clustered: the command's rows (None: all)
    x, y = x_all[sample], y_all[sample]
    w = None if w is None else w[sample]
    stdp, partial, dresid, fracpred_error = _fracpred_options(ctx, last_option(opts, "predopts"), plot.x)
    se = None
    if with_ci:
        se = "stdf" if opts.get("stdf") else "stdr" if opts.get("stdr") else "stdp"
    if se in ("stdf", "stdr") and command != "regress":  # fracpred has stdp only (after the fit)
        fracpred_error = fracpred_error or StataError(f"option {se} not allowed", 198)
        se = "stdp"
    if dresid and command == "clogit" and fracpred_error is None:  # fracpred.ado
        fracpred_error = StataError(f"dresid option of fracpred not supported for {command}", 198)
    typed = {"level": last_option(opts, "level")} if isinstance(last_option(opts, "level"), str) else {}
    level = confidence_level(typed, 95.0)
    at = np.unique(x)
    if command is None or (command not in ("regress", "cnreg") + OWN_FIT_COMMANDS and plot.weight_kind == "aweight"):
        return fpfit_prediction.failed_plot(ctx, plot, at, level, with_ci)
    check_allowed(vce, plot.weight_kind, [se] if se else [])
    if vce.kind in ("bootstrap", "jackknife") and w is not None and command not in GROUPED_COMMANDS:
        # clogit/xtgee: graphs.fpfit_grouped_replicates
        from mlmcli.graphs.fpfit_bootstrap import forced_weights
        from mlmcli.graphs.fpfit_jackknife import weighted_replicates_fail

        if not forced_weights(vce, command) and weighted_replicates_fail(command, vce, plot.weight_kind):
            return fpfit_prediction.failed_plot(ctx, plot, at, level, with_ci)
    fp_settings = dict(degree=settings["degree"], constant=constant, w=w, frequency=plot.weight_kind == "fweight",
                       powers=settings["powers"], center=settings["center"], scaling=settings["scaling"])
    offset = glm = in_sample = None  # in_sample: e(sample) over the plot's rows when narrower
    from mlmcli.graphs.fpfit_jackknife import fails_without_coefficients, jackknife_fp, with_replicate_outputs

    from mlmcli.graphs.fpfit_command_sample import jackknife_cluster_missing

    if clustered is not None and not clustered.any():  # the command's r(2000) inside fracpoly
        return fpfit_prediction.failed_plot(ctx, plot, at, level, with_ci)
    if command in ("regress", "mlogit") and jackknife_cluster_missing(vce, clustered):  # jackknife's r(459)
        return fpfit_prediction.failed_plot(ctx, plot, at, level, with_ci)
    if fails_without_coefficients(command, constant, vce):  # the prefix on regress y, nocons: no e(b) to expand
        return fpfit_prediction.failed_plot(ctx, plot, at, level, with_ci)
    if command == "regress" and with_replicate_outputs(vce):  # the prefix in each of fracpoly's fits
        fitted_jk = jackknife_fp(ctx, plot, y, x, cluster, cluster_var, vce, fp_settings, sample)
        if fitted_jk is None:
            return fpfit_prediction.failed_plot(ctx, plot, at, level, with_ci)
        model, b_all, V, df_r, s2 = fitted_jk
    elif with_replicate_outputs(vce) and command not in PREFIXED + GROUPED_COMMANDS:
        raise StataError(f"estopts(): vce(jackknife, saving() keep n() reject()) with estcmd({command}) not "
                         "supported by mlmcli", 198)
    elif command == "regress":
        from mlmcli.graphs.fpfit_bootstrap_prefix import regress_allowed  # bootstrap's reject() in every fit
        from mlmcli.graphs.fpfit_command_sample import least_squares_criterion, subset

        in_sample = clustered
        try:
            allowed = regress_allowed(ctx, vce, plot, y, x, w, clustered, subset(np.flatnonzero(sample), clustered),
                                      fp_settings)
        except FracpolyFailed:
            return fpfit_prediction.failed_plot(ctx, plot, at, level, with_ci)
        model = best_fp(y, x, **fp_settings, criterion=least_squares_criterion(y, w, clustered), allowed=allowed)
        X = fpfit_prediction.constant_last(model.terms(x), constant)
        y_c, X_c = subset(y, clustered), subset(X, clustered)
        fit = fit_ols(y_c, X_c, constant=constant, weight=subset(w, clustered), weight_kind=plot.weight_kind,
                      vce=vce.kind if vce.kind != "bootstrap" else "ols", cluster=subset(cluster, clustered),
                      mse=vce.mse)
        b_all, V, df_r = fit.b, fit.V, fit.df_r
        s2 = stata_double(float(fit.rmse) * float(fit.rmse))  # missing past the double range (y near 1e300)
        if vce.kind == "bootstrap":  # graphs.fpfit_bootstrap_prefix: the prefix in every fit
            from mlmcli.graphs.fpfit_bootstrap_prefix import regress_fp_variance

            V, df_r = regress_fp_variance(ctx, vce, plot, model, y_c, X_c, fit.b, subset(np.flatnonzero(sample),
                                          clustered), constant, subset(w, clustered),
                                          (subset(x, clustered), fp_settings)), float("nan")
            if V is None:
                return fpfit_prediction.failed_plot(ctx, plot, at, level, with_ci)
    elif command in GROUPED_COMMANDS:  # graphs.fpfit_grouped_models
        from mlmcli.graphs.fpfit_grouped_models import grouped_fit

        from mlmcli.graphs.fpfit_idcluster_data import drawn_after_renumbering

        renumbered_grouped: dict = {}  # xtgee's keep idcluster(x) (graphs.fpfit_xtgee_jackknife)
        fitted_grouped = grouped_fit(ctx, command, np.flatnonzero(sample), y, x, w, plot.weight_kind, vce, se, dresid,
                                     fp_settings, settings, cluster, (plot.ys[0], plot.x),
                                     (plot, cluster_var) if with_replicate_outputs(vce) else None, renumbered_grouped)
        if fitted_grouped is None:
            return fpfit_prediction.failed_plot(ctx, plot, at, level, with_ci)
        x, at = drawn_after_renumbering(renumbered_grouped, y, w, offset, None, x, at)[4:]
        b_all, V, model, drawn, offset, df_r = fitted_grouped
        s2 = float("nan")
    elif command == "cnreg":
        from mlmcli.graphs.fpfit_censored import fit_cnreg_fp

        from mlmcli.graphs.fpfit_command_sample import command_rows

        try:
            offset = _offset_values(ctx, settings["ml"], sample)
        except FracpolyFailed:
            return fpfit_prediction.failed_plot(ctx, plot, at, level, with_ci)
        if jackknife_cluster_missing(vce, clustered, command_rows(ctx, sample, settings["ml"], None, censor)):
            return fpfit_prediction.failed_plot(ctx, plot, at, level, with_ci)
        in_sample = command_rows(ctx, sample, settings["ml"], None, censor, clustered)
        from mlmcli.graphs.fpfit_bootstrap import generator
        from mlmcli.graphs.fpfit_bootstrap_prefix import ml_command_prefix

        rng = generator(vce, ctx) if vce.kind == "bootstrap" else None

        boot = ml_command_prefix(ctx, vce, plot, command, sample, in_sample, y, settings["ml"], constant)
        fitted_cn = fit_cnreg_fp(y, x, None if censor is None else censor[sample], w, plot.weight_kind, vce, cluster,
                                 se, dresid, fp_settings, settings["ml"], offset, in_sample, rng,
                                 (ctx, plot, cluster_var) if with_replicate_outputs(vce) else None, boot)
        if fitted_cn is None:
            return fpfit_prediction.failed_plot(ctx, plot, at, level, with_ci)
        b_all, V, model, df_r = fitted_cn
        s2 = float("nan")
    elif command in OWN_FIT_COMMANDS:  # xtreg (fe, be: the t band), xtlogit, weibull, ereg, cox (own_fit)
        from mlmcli.graphs.fpfit_xtreg import own_fit

        try:
            own = own_fit(ctx, command, settings, np.flatnonzero(sample), y, x, w, plot.weight_kind, fp_settings,
                          names=(plot.ys[0], plot.x))
        except FracpolyFailed:
            return fpfit_prediction.failed_plot(ctx, plot, at, level, with_ci)
        b_all, V, model, df_r, in_sample, offset = own.b, own.V, own.model, own.df_r, own.in_sample, own.offset
        x, at = (own.x, np.unique(own.x[np.isfinite(own.x)])) if own.x is not None else (x, at)  # idcluster(x)
        s2 = float("nan")
    elif command in ("qreg", "rreg"):  # graphs.fpfit_robust; both keep e(df_r): the t band
        from mlmcli.graphs.fpfit_robust import robust_fp

        fitted_robust = robust_fp(command, y, x, w, plot.weight_kind, settings["robust"], fp_settings, level)
        if fitted_robust is None:
            return fpfit_prediction.failed_plot(ctx, plot, at, level, with_ci)
        b_all, V, model, df_r = fitted_robust
        if command == "rreg":  # fracpred predicts if e(sample), which rreg's screening narrows
            from mlmcli.graphs.fpfit_robust import rreg_sample

            in_sample = rreg_sample(y, fpfit_prediction.constant_last(model.terms(x), constant))
        s2 = float("nan")
    else:
        if command == "glm":
            from mlmcli.graphs.fpfit_models import glm_model

            glm = glm_model(settings.get("family"), settings.get("link"), ctx.data, sample)
        try:
            offset = _offset_values(ctx, settings["ml"], sample)
        except FracpolyFailed:  # exposure() <= 0: the command fails inside fracpoly
            return fpfit_prediction.failed_plot(ctx, plot, at, level, with_ci)
        from mlmcli.graphs.fpfit_command_sample import command_rows

        if jackknife_cluster_missing(vce, clustered, command_rows(ctx, sample, settings["ml"], glm)):
            return fpfit_prediction.failed_plot(ctx, plot, at, level, with_ci)
        in_sample = command_rows(ctx, sample, settings["ml"], glm, clustered=clustered)  # fpfit_command_sample
        renumbered: dict = {}  # jackknife's keep idcluster() over y, the weight, the offset (fpfit_ml_jackknife)
        from mlmcli.graphs.fpfit_bootstrap_prefix import ml_command_prefix  # vce(bootstrap)'s prefix

        boot = ml_command_prefix(ctx, vce, plot, command, sample, in_sample, y, settings["ml"], constant)
        fitted_ml = _maximum_likelihood_fp(command, y, x, w, plot.weight_kind, vce, cluster, se, fp_settings, glm,
                                           settings["ml"], offset, in_sample, ctx,
                                           (plot, cluster_var, renumbered, np.flatnonzero(sample))
                                           if with_replicate_outputs(vce) else None,
                                           boot)
        if fitted_ml is None:
            return fpfit_prediction.failed_plot(ctx, plot, at, level, with_ci)
        from mlmcli.graphs.fpfit_idcluster_data import drawn_after_renumbering

        y, w, offset, glm, x, at = drawn_after_renumbering(renumbered, y, w, offset, glm, x, at)
        if "sample" in renumbered:  # a renumbered weight 0 or missing narrowed the final fit's e(sample)
            in_sample = renumbered["sample"] if in_sample is None else in_sample & renumbered["sample"]
        b_all, V, model, df_r = fitted_ml  # no e(df_r) (but jackknife's): the normal quantile
        s2 = float("nan")
    from mlmcli.graphs.fpfit_printed_runs import plain_regress_prints, print_fracpoly_runs

    if command != "regress" or plain_regress_prints(vce, w):  # vce(, noisily): graphs.fpfit_printed_runs
        print_fracpoly_runs(ctx, plot, model, np.flatnonzero(sample), fp_settings,
                            null_fit=constant or command in ORDINAL_COMMANDS)
    if fracpred_error is not None:  # fracpoly fitted: now fracpred runs, and stops
        raise fracpred_error
    V_full, V = V, V[:b_all.size, :b_all.size]  # the row after the terms for(): fpfit_fracpred_for
    row_after_terms = command in ("nbreg", "cnreg") or command == "cox" and V_full.shape[0] > b_all.size
    first = fpfit_prediction.first_rows(x, y)
    X0 = fpfit_prediction.constant_last(model.terms(at), constant)
    b = b_all
    strata = own.strata if command in OWN_FIT_COMMANDS else None
    if strata is not None:  # weibull's/ereg's strata(): each point's indicators, after _cons in b
        from mlmcli.graphs.fpfit_weibull_ereg import with_strata

        X0, for_values = with_strata(X0, strata[first], model, at, b_all, V, constant, stdp, partial)
    elif partial and not constant:  # with a constant for(x) is x b, offset aside (for_x_without_constant)
        X0, b, V = fpfit_prediction.for_x_without_constant(model, at, b_all, V, row_after_terms, stdp)
    with np.errstate(over="ignore", invalid="ignore"):  # y near the largest double: past it is missing
        fitted = X0 @ b
    fitted = np.where(np.isfinite(fitted), fitted, np.nan)
    if command not in ("regress", None) and offset is not None and not partial:  # _predict, xb: with the offset
        fitted = fitted + offset[first]
    var_p = quadratic_form_rows(X0, V)
    if dresid and not partial:  # fracpred: for() wins over dresid, dresid over stdp
        w_kept = w if in_sample is None or w is None else np.where(in_sample, w, np.nan)  # e(sample)'s mean
        own_residuals = own.residuals() if command in OWN_FIT_COMMANDS and own.residuals else None
        fitted = fpfit_prediction.deviance_residuals(y, w_kept, first, fitted, command, plot.weight_kind, glm,
                                                     own_residuals)
    elif strata is not None and partial:  # fracpred's for(), e(b) being the terms, _S*, _cons
        fitted = for_values
    elif stdp:
        fitted = np.sqrt(np.maximum(var_p, 0.0))
        if partial and not constant and row_after_terms:  # graphs.fpfit_fracpred_for
            from mlmcli.graphs.fpfit_fracpred_for import fracpred_for

            k = X0.shape[1]
            fitted = fracpred_for(X0, b, V_full, list(range(k)), k, None, True)
    if in_sample is not None:  # graphs.fpfit_command_sample
        from mlmcli.graphs.fpfit_command_sample import points_in_sample

        drawn, band_drawn = points_in_sample(in_sample, first, last_option(opts, "predopts"), dresid and not partial)
    if command in GROUPED_COMMANDS or in_sample is not None:  # fracpred predicts if e(sample)
        fitted = np.where(drawn, fitted, np.nan)
    lower = upper = None
    if with_ci:
        lower, upper = fpfit_prediction.band(fitted, s2, var_p, se, level, df_r)
        if in_sample is not None:
            lower, upper = np.where(band_drawn, lower, np.nan), np.where(band_drawn, upper, np.nan)
    label = ("Predicted " + plot.ys[0] if partial else f"deviance residuals for {plot.ys[0]}" if dresid
             else "S.E. of the prediction" if stdp else "Fitted values")
    return fit_and_band(ctx, plot, fits.LineFit(at, fitted, lower, upper), level, with_ci, label)


def _estopts_fail(failure: StataError) -> bool:
    """An error in reading estopts() is fracpoly failing inside twoway__fpfit_serset's capture
    (1.0.5 31aug2016), which draws nothing:

        capture fracpoly `cmd' `y' `x' [`weight'] , `regopts'
        ...
        if _rc {
            di in green "(note:  fracpoly could not fit model)"

    fracpoly's own option errors (frac_154: ``if `degree'<1 | `degree'>9 {`` ... ``exit 198``;
    ``adjust() and center() may not be specified together``; ``no powers given``) and the
    command's (an option regress does not know, an invalid vce(), a cluster variable not found,
    weights with vce(bootstrap)) -- the latter from frac_154's uncaptured constant-only fit
    ``qui `cmd' `yvar' `z0' `base' `wgt' if `touse', `options'`` -- all end there.  mlm's own
    refusals ("not supported by mlmcli") are not Stata's and still stop the command."""
    return not is_mlm_refusal(failure)


def _offset_values(ctx, ml, sample) -> np.ndarray | None:
    """offset(v) or ln(exposure(v)) on the sample's rows (None without them); exposure <= 0 is
    the command failing inside fracpoly; missing where the variable is (out of the command's
    sample: graphs.fpfit_command_sample)."""
    from mlmcli.graphs.fpfit_models import FracpolyFailed

    name = ml.offset or ml.exposure
    if name is None:
        return None
    if ml.offset and ml.exposure:
        raise FracpolyFailed("only one of offset() or exposure() can be specified")
    values = ctx.data.numeric(ctx.data.resolve(name))[sample]
    if ml.exposure:
        if np.any(values[np.isfinite(values)] <= 0):
            raise FracpolyFailed("exposure() must be greater than zero")
        with np.errstate(invalid="ignore"):
            values = np.log(values)
    return values


def _maximum_likelihood_fp(command, y, x, w, weight_kind, vce, cluster, se, fp_settings, glm=None, ml=None,
                           offset=None, rows=None, ctx=None, prefix=None, boot=None):
    """(b, V, the FP, e(df_r)) of fracpoly with the ML_COMMANDS or glm (``glm``: its (Family, Link))
    (``graphs.fpfit_models``): the powers by deviance, the final model by maximum likelihood;
    ``ml``: estopts()' ``MLSettings``, ``offset``: on the sample's rows; ``rows``: the command's
    own sample among them (``graphs.fpfit_command_sample``), x's terms fracpoly's over all;
    ``prefix``: (plot, cluster variable) with jackknife's saving() keep reject() n()
    (``graphs.fpfit_ml_jackknife``: the prefix in every fit)."""
    from mlmcli.fractional_polynomials import best_fp
    from mlmcli.graphs.fpfit_command_sample import subset, without_missing_denominators
    from mlmcli.graphs.fpfit_models import FracpolyFailed, deviance_criterion, ml_fit, null_model

    if vce.kind in ("hc2", "hc3"):  # not vcetypes of these commands: their fit fails inside fracpoly
        return None
    if vce.kind not in ("ols", "robust", "cluster", "jackknife", "bootstrap"):
        raise StataError(f"estopts(): vce({vce.kind}) not supported by mlmcli with estcmd({command})", 198)
    replicated = vce.kind in ("jackknife", "bootstrap")  # graphs.fpfit_ml_replicates
    constant = fp_settings["constant"]
    y_c, w_c, offset_c, glm_c = subset(y, rows), subset(w, rows), subset(offset, rows), without_missing_denominators(
        glm, rows)
    try:  # the command failing (an outcome that does not vary ...) is fracpoly failing under capture
        if y_c.size == 0:
            raise FracpolyFailed("no observations")
        null_model(command, y_c, w_c, weight_kind, constant, glm_c, ml, offset_c)
        criterion = deviance_criterion(command, y_c, w_c, weight_kind, constant, glm_c, ml, offset_c)
        if prefix is not None:
            from mlmcli.graphs.fpfit_ml_prefixed import ml_prefixed

            if ml is not None and ml.scale is not None:  # glm.ado: scale() with an alternate variance
                raise FracpolyFailed("cannot use scale() with alternate variances")
            fitted = ml_prefixed(ctx, *prefix, command, y, x, w, weight_kind, vce, subset(cluster, rows), fp_settings, glm,
                                 ml, offset, rows, lambda allowed: best_fp(
                                     y, x, **fp_settings, criterion=lambda X: criterion(subset(X, rows)), allowed=allowed))
            if fitted is None:
                return None
            model, theta, V, df_r = fitted
            k = len(model.powers) + bool(constant)  # the design's columns (x may be renumbered: no terms at x)
            return theta[:k], V * (ml.vfactor if ml is not None and command == "glm" else 1.0), model, df_r
        from mlmcli.graphs.fpfit_ml_replicates import ml_allowed  # bootstrap's reject() in every fit
        allowed = ml_allowed(boot, command, y_c, w_c, weight_kind, glm_c, ml, offset_c, x, rows, fp_settings)
        try:
            model = best_fp(y, x, **fp_settings, criterion=lambda X: criterion(subset(X, rows)), allowed=allowed)
        except StataError as failure:  # no candidate could be fitted: the command failed on them
            raise FracpolyFailed(str(failure)) from None
        X = fpfit_prediction.constant_last(model.terms(x), constant)
        X_c, cluster_c = subset(X, rows), subset(cluster, rows)
        # replicates cover e(b) whole: nbreg's ln alpha too (e(V)'s row that fracpred's for() reads)
        theta, V = ml_fit(command, y_c, X_c, w_c, weight_kind, "ols" if replicated else vce.kind, cluster_c, glm_c,
                          ml, offset_c, constant=constant, centre=model.center, ancillary=True)
        b, df_r = theta[:X.shape[1]], float("nan")
        if replicated:
            from mlmcli.graphs.fpfit_ml_replicates import replicate_variance

            if ml is not None and ml.scale is not None:  # glm.ado: scale() with an alternate variance
                raise FracpolyFailed("cannot use scale() with alternate variances")

            def refit(r, row_fweights=None, design=X_c):  # row_fweights: jackknife's fweights loop
                w_r = subset(w_c, r) if row_fweights is None else row_fweights
                fitted = ml_fit(command, y_c[r], design[r], w_r, weight_kind, "ols", None,
                                without_missing_denominators(glm_c, r), ml, subset(offset_c, r),
                                constant=constant, centre=model.center, ancillary=True)[0]
                return padded_cutpoints(command, fitted, design.shape[1], y_c)
            from mlmcli.graphs.fpfit_bootstrap import generator

            rng = generator(vce, ctx) if vce.kind == "bootstrap" else None
            if boot is not None:  # e(b) over fracgen's centred terms; saving() at the first fit
                boot.final_model(model, X.shape[1], lambda r: refit(r, design=X_c[:, -1:] if constant else X_c[:, :0]))
            V, df_r = replicate_variance(vce, theta, refit, y_c.size, cluster_c, rng, w_c, weight_kind, boot)
            V = V * (ml.vfactor if ml is not None and command == "glm" else 1.0)  # jackknife.ado: glm's r(vf)
    except FracpolyFailed:
        return None
    return b, V, model, df_r


def padded_cutpoints(command: str, fitted: np.ndarray, columns: int, y: np.ndarray) -> np.ndarray:
    """ologit/oprobit's replicate without an outcome category has a cutpoint fewer per absent
    category: its own cut1 ... first, the full sample's last ones missing, as _loop_bs posts them
    (docs/glm_replicates.md); the replicate is then left out of V (complete replications only)."""
    from mlmcli.graphs.fpfit_models import ORDINAL_COMMANDS

    full = columns + len(np.unique(y[np.isfinite(y)])) - 1
    if command not in ORDINAL_COMMANDS or fitted.size >= full:
        return fitted
    return np.concatenate([fitted, np.full(full - fitted.size, np.nan)])
