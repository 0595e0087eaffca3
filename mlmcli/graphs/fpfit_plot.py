"""``twoway fpfit``/``fpfitci``: a fractional polynomial of x fitted by ``regress``
(``mlmcli.fractional_polynomials``) or, with ``estcmd()``, by logit, logistic, probit, poisson,
nbreg, ologit, oprobit or glm (``graphs.fpfit_models``), as Stata's twoway__fpfit_serset draws it:
fracpoly on the plot's observations (weights allowed: aweights, fweights, pweights), the data sorted by x and y
and one observation kept per distinct x, then ``fracpred`` there.

- ``estopts()``: fracpoly's ``degree()``, ``powers()``, ``center()``/``adjust()``,
  ``noconstant``, ``noscaling``, ``all``, ``log``, ``compare`` (``fit_options.fracpoly_options``) and regress's
  options: its ``vce()`` (robust, cluster, hc2, hc3, jackknife, bootstrap) gives the band's
  standard errors (``mlmcli.ols.fit_ols`` on the final model's terms; bootstrap: the replicates'
  covariance, the draws of regress's vce(bootstrap)).
- ``predopts()``: fracpred's options: ``stdp`` (the standard error of the fitted values),
  ``for(x)`` (the centred terms times their coefficients, and with ``stdp`` its standard error),
  ``dresid`` (fracpred.ado's deviance residuals, for regress y - xb, after poisson Poisson's, after glm glm's,
  weighted sqrt(w / mean w): ``_deviance_residuals``), ``all`` (the points are the sample's anyway).
- the band: fit -/+ invttail(e(df_r), (100-level)/200) se, or invnormal when there is no
  e(df_r) (after vce(bootstrap), and after the maximum-likelihood estcmd()s), as the serset
  program computes it.
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.graphs import fits
from mlmcli.graphs.series_parts import last_option
from mlmcli.graphs.spec import Series
from mlmcli.postest.linear_prediction import quadratic_form_rows


def _fracpred_options(ctx, text, xname: str) -> tuple[bool, bool, bool]:
    """fracpred's options -> (stdp, for(x), dresid)."""
    from mlmcli.syntax.abbreviation import resolve_choice
    from mlmcli.syntax.options import read_options

    if not isinstance(text, str):
        return False, False, False
    stdp = partial = dresid = False
    for option in read_options(text):
        name = resolve_choice(option.name.lower(), (("stdp", 4), ("for", 3), ("all", 3), ("dresid", 2)))
        if name is None:
            raise StataError(f"predopts(): option {option.name} not allowed", 198)
        if (name == "for") != (option.arg is not None):
            raise StataError(f"predopts(): option {option.name} incorrectly specified", 198)
        if name == "dresid":
            dresid = True
        elif name == "stdp":
            stdp = True
        elif name == "for":
            if ctx.data.resolve(option.arg.strip()) != xname:
                raise StataError(f"{option.arg.strip()} is not in the model", 198)
            partial = True
    return stdp, partial, dresid


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
    with_ci = kind == "fpfitci"
    from mlmcli.graphs.fpfit_models import FracpolyFailed

    try:
        settings, constant, vce, cluster_var = fracpoly_options(ctx, opts, command or "regress")
    except FracpolyFailed:  # an option the command does not have: fracpoly fails under capture
        from mlmcli.graphs.fit_predictions import VCEChoice

        command, settings, constant, vce, cluster_var = None, {}, True, VCEChoice(), None
    from mlmcli.graphs.fpfit_models import ORDINAL_COMMANDS

    if command in ORDINAL_COMMANDS:  # no constant: the cutpoints; x b is the centred terms' part
        constant = False
    if vce.saving is not None:  # the columns are fracpoly's terms, whose names mlm does not build
        raise StataError("estopts(): vce(jackknife, saving()) not supported by mlmcli with fpfit: the "
                         "replicates' columns are fracpoly's terms", 198)
    cluster = None
    if cluster_var:
        values = ctx.data.column(cluster_var).to_numpy()
        missing = (np.array([v in ("", None) for v in values]) if ctx.data.is_string(cluster_var)
                   else ~np.isfinite(np.asarray(values, float)))
        sample &= ~missing
        if not sample.any():
            raise StataError("no observations", 2000)
        cluster = np.unique(values[sample].astype(str) if ctx.data.is_string(cluster_var) else values[sample],
                            return_inverse=True)[1]
    x, y = x_all[sample], y_all[sample]
    w = None if w is None else w[sample]
    stdp, partial, dresid = _fracpred_options(ctx, last_option(opts, "predopts"), plot.x)
    se = None
    if with_ci:
        se = "stdf" if opts.get("stdf") else "stdr" if opts.get("stdr") else "stdp"
    typed = {"level": last_option(opts, "level")} if isinstance(last_option(opts, "level"), str) else {}
    level = confidence_level(typed, 95.0)
    at = np.unique(x)
    if command is None or (command != "regress" and plot.weight_kind == "aweight"):
        return _failed(ctx, plot, at, level, with_ci)
    check_allowed(vce, plot.weight_kind, [se] if se else [])
    if vce.kind in ("bootstrap", "jackknife") and w is not None:
        raise StataError(f"weights not allowed with vce({vce.kind})", 101)
    fp_settings = dict(degree=settings["degree"], constant=constant, w=w, frequency=plot.weight_kind == "fweight",
                       powers=settings["powers"], center=settings["center"], scaling=settings["scaling"])
    if command == "regress":
        model = best_fp(y, x, **fp_settings)
        X = _constant_last(model.terms(x), constant)
        fit = fit_ols(y, X, constant=constant, weight=w, weight_kind=plot.weight_kind,
                      vce=vce.kind if vce.kind != "bootstrap" else "ols", cluster=cluster, mse=vce.mse)
        b_all, V, df_r, s2 = fit.b, fit.V, fit.df_r, fit.rmse ** 2
        if vce.kind == "bootstrap":
            from mlmcli.graphs.fit_predictions import bootstrap_variance

            rng = np.random.default_rng(vce.seed if vce.seed is not None else ctx.seed)
            V, df_r = bootstrap_variance(y, X, vce.reps, rng), float("nan")
    elif command in ("qreg", "rreg"):  # graphs.fpfit_robust; both keep e(df_r): the t band
        from mlmcli.graphs.fpfit_robust import robust_fp

        if se in ("stdf", "stdr") or dresid:  # fracpred: stdp only; no deviance residuals of theirs
            raise StataError(f"option {'dresid' if dresid else se} not allowed", 198)
        fitted_robust = robust_fp(command, y, x, w, plot.weight_kind, settings["robust"], fp_settings, level)
        if fitted_robust is None:
            return _failed(ctx, plot, at, level, with_ci)
        b_all, V, model, df_r = fitted_robust
        s2 = float("nan")
    else:
        glm = None
        if command == "glm":
            from mlmcli.graphs.fpfit_models import glm_model

            glm = glm_model(settings.get("family"), settings.get("link"), len(y))
        fitted_ml = _maximum_likelihood_fp(command, y, x, w, plot.weight_kind, vce, cluster, se, dresid,
                                           fp_settings, glm)
        if fitted_ml is None:
            return _failed(ctx, plot, at, level, with_ci)
        b_all, V, model = fitted_ml
        df_r, s2 = float("nan"), float("nan")  # no e(df_r), no e(rmse): the normal quantile
    X0 = _constant_last(model.terms(at), constant)
    if partial:  # for(x): the terms' part, centred; the constant's row and column dropped
        k = model.centred_terms(at).shape[1]
        X0, b, V = model.centred_terms(at), b_all[:k], V[:k, :k]
    else:
        b = b_all
    fitted = X0 @ b
    var_p = quadratic_form_rows(X0, V)
    if dresid and not partial:  # fracpred: for() wins over dresid, dresid over stdp
        fitted = _deviance_residuals(y, x, w, fitted, command, glm if command == "glm" else None)
    elif stdp:
        fitted = np.sqrt(np.maximum(var_p, 0.0))
    lower = upper = None
    if with_ci:
        lower, upper = _band(fitted, s2, var_p, se, level, df_r)
    label = ("Predicted " + plot.ys[0] if partial else f"deviance residuals for {plot.ys[0]}" if dresid
             else "S.E. of the prediction" if stdp else "Fitted values")
    return fit_and_band(ctx, plot, fits.LineFit(at, fitted, lower, upper), level, with_ci, label)


def _failed(ctx, plot, at, level, with_ci) -> list[Series]:
    """twoway__fpfit_serset when its captured fracpoly fails: Stata's note, a plot of missing
    values (nothing drawn; the legend keeps the key)."""
    from mlmcli.graphs.fitted_plots import fit_and_band
    from mlmcli.graphs.fpfit_models import FAILED_NOTE

    ctx.messages.append(FAILED_NOTE)
    nan = np.full(at.shape, np.nan)
    return fit_and_band(ctx, plot, fits.LineFit(at, nan, nan, nan.copy()), level, with_ci, "Fitted values")


def _maximum_likelihood_fp(command, y, x, w, weight_kind, vce, cluster, se, dresid, fp_settings, glm=None):
    """(b, V, the FP) of fracpoly with the ML_COMMANDS or glm (``glm``: its (Family, Link))
    (``graphs.fpfit_models``): the powers by deviance, the final model by maximum likelihood."""
    from mlmcli.fractional_polynomials import best_fp
    from mlmcli.graphs.fpfit_models import FracpolyFailed, deviance_criterion, ml_fit

    if se in ("stdf", "stdr"):  # fracpred has stdp only; regress's e(rmse) does not exist here
        raise StataError(f"option {se} not allowed", 198)
    if dresid and command not in ("poisson", "glm"):  # fracpred: predict's deviance residuals of logit/probit
        raise StataError(f"predopts(dresid) with estcmd({command}) not supported by mlmcli: fracpred takes "
                         f"{command}'s predict, deviance, which mlm's {command} does not have", 198)
    if vce.kind in ("hc2", "hc3"):  # not vcetypes of these commands: their fit fails inside fracpoly
        return None
    if vce.kind not in ("ols", "robust", "cluster"):
        raise StataError(f"estopts(): vce({vce.kind}) not supported by mlmcli with estcmd({command})", 198)
    constant = fp_settings["constant"]
    try:  # the command failing (an outcome that does not vary ...) is fracpoly failing under capture
        model = best_fp(y, x, **fp_settings, criterion=deviance_criterion(command, y, w, weight_kind, constant, glm))
        X = _constant_last(model.terms(x), constant)
        b, V = ml_fit(command, y, X, w, weight_kind, vce.kind, cluster, glm)
    except FracpolyFailed:
        return None
    return b, V, model


def _deviance_residuals(y, x, w, fitted, command: str, glm=None) -> np.ndarray:
    """fracpred's dresid at the distinct x: twoway__fpfit_serset keeps, of the observations
    sorted by x and y, the first at each x (the smallest y there); fracpred's residual is
    y - xb after regress (the normal family), the Poisson deviance residual after poisson
    (``fpfit_models.poisson_deviance_residuals``), times sqrt(w / mean w) with weights, the mean
    over the observations kept (fracpred sums the weight over e(sample) in the data as kept)."""
    order = np.lexsort((y, x))
    first = order[np.r_[True, np.diff(x[order]) != 0]]  # x ascending, as the points
    if command == "poisson":
        from mlmcli.graphs.fpfit_models import poisson_deviance_residuals

        resid = poisson_deviance_residuals(y[first], fitted)
    elif command == "glm":  # glm's predict, deviance
        from mlmcli.graphs.fpfit_models import glm_deviance_residuals

        resid = glm_deviance_residuals(glm, y[first], fitted)
    else:
        resid = y[first] - fitted
    if w is not None:
        kept = np.asarray(w, float)[first]
        resid = resid * np.sqrt(kept / kept.mean())
    return resid


def _constant_last(terms: np.ndarray, constant: bool) -> np.ndarray:
    """regress's column order: the terms, then the constant."""
    return np.column_stack([terms[:, 1:], terms[:, :1]]) if constant else terms


def _band(fitted, s2, var_p, se, level, df_r):
    """fit -/+ q se: q from t(e(df_r)), or the normal when e(df_r) is missing."""
    if np.isfinite(df_r) and df_r > 0:
        return fits.band(fitted, s2, var_p, se, level, df_r)
    from mlmcli.distributions import norm

    width = {"stdp": np.sqrt(np.maximum(var_p, 0.0)), "stdf": np.sqrt(s2 + var_p),
             "stdr": np.sqrt(np.maximum(s2 - var_p, 0.0))}[se]
    q = float(norm.ppf(0.5 + level / 200.0))
    return fitted - q * width, fitted + q * width
