"""fracpred's outputs at the observations twoway__fpfit_serset keeps (one per distinct x):
the kept rows, regress's column order, ``for(x)`` without a constant, the deviance residuals, and
the band (t on e(df_r), else the normal) -- the last steps of ``graphs.fpfit_plot.fpfit`` -- and
the plot of a fit that failed (Stata's note, missing values)."""
from __future__ import annotations

import numpy as np

from mlmcli.graphs import fits
from mlmcli.graphs.spec import Series


def for_x_without_constant(model, at, b_all, V, row_after_terms: bool, stdp):
    """(design, b, V) of fracpred's for(x) when the fit has no constant: the centred terms.

    fracpred.ado adds the constant when e(V) has one (its pcalc/vcalc lines are quoted in
    ``graphs.fpfit_fracpred_for``).  With
    one x, the centred terms and _cons reparametrise the fit's terms and constant, so with a
    constant for(x) is x b without the offset (pcalc sums _b[Ix__j]*Ix__j and _b[_cons], no
    offset) and its stdp x b's: the caller keeps the whole design.  Without a constant after
    nbreg and cnreg e(V)'s row after the terms is the ancillary parameter's, which fracpred
    reads as the constant's (``graphs.fpfit_fracpred_for``: pcalc's error, vcalc's sum)."""
    from mlmcli.graphs.fpfit_fracpred_for import check_for_without_constant

    check_for_without_constant(row_after_terms, stdp)
    k = model.centred_terms(at).shape[1]
    return model.centred_terms(at), b_all[:k], V[:k, :k]


def first_rows(x, y) -> np.ndarray:
    """The observation twoway__fpfit_serset keeps at each distinct x (x ascending, as the
    points): of the observations sorted by x and y, the first (the smallest y there)."""
    order = np.lexsort((y, x))
    order = order[np.isfinite(x[order])]  # idcluster(x): missing outside the command's rows
    return order[np.r_[True, np.diff(x[order]) != 0]]


def deviance_residuals(y, w, first, fitted, command: str, weight_kind, glm=None, computed=None) -> np.ndarray:
    """fracpred's dresid at the observations kept (``first_rows``), ``fitted`` their x b (with
    the offset): y - xb after regress (the normal family); after poisson the Poisson deviance
    residual (``fpfit_models.poisson_deviance_residuals``); after glm glm's predict, deviance;
    after logit, logistic and probit their predict, deviance -- by covariate pattern among the
    observations kept, each a pattern of its own (its fweight its M), missing with pweights
    (predict fails: fracpred's capture leaves the variable missing); after nbreg, ologit,
    oprobit and cnreg missing (fracpred has no residual for nbreg and cnreg, ologit's predict no deviance): nothing
    drawn; so after weibull and ereg (dist 6) and xtlogit (its predict has no deviance); ``computed``:
    the command's own over the plot's rows (cox's, ``graphs.fpfit_cox``).  Times sqrt(w / mean w) with weights, the mean over the observations kept (fracpred
    sums the weight over e(sample) in the data as kept)."""
    kept_y = y[first]
    if computed is not None:
        resid = computed[first]
    elif command == "poisson":
        from mlmcli.graphs.fpfit_models import poisson_deviance_residuals

        resid = poisson_deviance_residuals(kept_y, fitted)
    elif command == "glm":  # glm's predict, deviance
        from mlmcli.graphs.fpfit_models import glm_deviance_residuals

        resid = glm_deviance_residuals(glm, kept_y, fitted, first)
    elif command in ("logit", "logistic", "probit"):
        resid = np.full(len(first), np.nan)
        if weight_kind in (None, "fweight"):
            from mlmcli.glm.covariate_patterns import pattern_deviance_residuals
            from mlmcli.glm.predictions import response_probability

            p = response_probability("probit" if command == "probit" else "logit", fitted)
            kept_w = None if w is None else np.asarray(w, float)[first]
            resid = pattern_deviance_residuals(np.arange(len(first), dtype=float)[:, None], kept_y, p,
                                               np.ones(len(first), bool), kept_w)
    elif command in ("nbreg", "ologit", "oprobit", "cnreg", "weibull", "ereg", "xtlogit"):  # dist 6: none
        resid = np.full(len(first), np.nan)
    else:
        resid = kept_y - fitted
    if w is not None:
        kept = np.asarray(w, float)[first]
        resid = resid * np.sqrt(kept / np.nanmean(kept))  # NaN: out of e(sample)
    return resid


def constant_last(terms: np.ndarray, constant: bool) -> np.ndarray:
    """regress's column order: the terms, then the constant."""
    return np.column_stack([terms[:, 1:], terms[:, :1]]) if constant else terms


def band(fitted, s2, var_p, se, level, df_r):
    """fit -/+ q se: q from t(e(df_r)), or the normal when e(df_r) is missing."""
    if np.isfinite(df_r) and df_r > 0:
        return fits.band(fitted, s2, var_p, se, level, df_r)
    from mlmcli.distributions import norm

    width = {"stdp": np.sqrt(np.maximum(var_p, 0.0)), "stdf": np.sqrt(s2 + var_p),
             "stdr": np.sqrt(np.maximum(s2 - var_p, 0.0))}[se]
    q = float(norm.ppf(0.5 + level / 200.0))
    return fitted - q * width, fitted + q * width


def failed_plot(ctx, plot, at, level, with_ci) -> list[Series]:
    """twoway__fpfit_serset when its captured fracpoly fails: Stata's note, a plot of missing
    values (nothing drawn; the legend keeps the key)."""
    from mlmcli.graphs.fitted_plots import fit_and_band
    from mlmcli.graphs.fpfit_models import FAILED_NOTE

    ctx.messages.append(FAILED_NOTE)
    nan = np.full(at.shape, np.nan)
    return fit_and_band(ctx, plot, fits.LineFit(at, nan, nan, nan.copy()), level, with_ci, "Fitted values")
