"""``twoway fpfit``/``fpfitci`` with ``estcmd(qreg)`` or ``estcmd(rreg)``: fracpoly's search
and final fit by quantile or robust regression (``mlmcli.robust``).

fracpoly ranks the candidate powers by frac_dv's deviance: after qreg (frac_chk's isqreg)
N ln(e(sum_adev)/e(sum_rdev)), the smallest sum of check-function deviations winning; after rreg
(isnorm, as regress) N (1 + ln(2 pi e(rss)/N)), e(rss) the residual sum of squares of rreg's
pseudovalue regression.  The final model is the command's fit on the chosen terms, with the
estopts() the command reads (qreg: quantile(), vce(), wlsiter(); rreg: tune(), tolerance(),
iterate(); their nolog/log drop: nothing drawn depends on them); another word makes the command
fail inside fracpoly: the note, nothing drawn.  fracpred gives x b and stdp sqrt(x V x'); both
commands keep e(df_r) (N - k), so the band is fit -/+ invttail(e(df_r), (100 - level)/200) stdp.
Weights: qreg takes fweights and pweights (aweights fail), rreg none (any weight fails).
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError, not_allowed_text
from mlmcli.syntax.options import OptionSpec, resolve_options

ROBUST_FP_COMMANDS = ("qreg", "rreg")
_OWN = {"qreg": [OptionSpec("quantile", 1, True), OptionSpec("vce", 3, True), OptionSpec("wlsiter", 3, True),
                 OptionSpec("nolog", 4), OptionSpec("log", 3)],
        "rreg": [OptionSpec("tune", 2, True), OptionSpec("tolerance", 3, True), OptionSpec("iterate", 2, True),
                 OptionSpec("nolog", 4), OptionSpec("log", 3)]}
_WEIGHTS = {"qreg": ("fweight", "pweight"), "rreg": ()}


def robust_estopts(typed: list, command: str) -> dict:
    """estopts() beyond fracpoly's -> the command's settings; a word the command does not take
    makes it fail inside fracpoly (``fpfit_models.FracpolyFailed``: the note)."""
    from mlmcli.graphs.fpfit_models import FracpolyFailed

    specs = _OWN[command]
    for option in typed:
        if not any(spec.matches(option.name) for spec in specs):
            raise FracpolyFailed(not_allowed_text(option.name, option.arg))
    opts = resolve_options(tuple(typed), specs)
    try:
        if command == "qreg":
            from mlmcli.syntax.qreg_vce import parse_qreg_vce

            q = float(opts.get("quantile", 0.5))
            tau = q / 100 if q >= 1 else q
            wlsiter = float(opts.get("wlsiter", 1))
            if not 0 < tau < 1 or wlsiter < 1 or wlsiter != int(wlsiter):
                raise FracpolyFailed("qreg's option out of range")
            vce, method, bwmethod, kernel = parse_qreg_vce(opts.get("vce"))
            return {"tau": tau, "vce": vce, "denmethod": method, "bwmethod": bwmethod, "kernel": kernel,
                    "wlsiter": int(wlsiter)}
        tune, tolerance = float(opts.get("tune", 7)), float(opts.get("tolerance", 0.01))
        iterate = float(opts.get("iterate", 16000))
        if tune <= 0 or tolerance <= 0 or iterate < 1 or iterate != int(iterate):
            raise FracpolyFailed("rreg's option out of range")
        return {"tune": tune, "tolerance": tolerance, "iterate": int(iterate)}
    except (ValueError, StataError) as failure:
        raise FracpolyFailed(str(failure)) from None


def _constant_last(terms: np.ndarray, constant: bool) -> np.ndarray:
    return np.column_stack([terms[:, 1:], terms[:, :1]]) if constant else terms


def _command_fit(command: str, y, X, w, weight_kind, settings: dict, level: float):
    """(b, V, df_r, deviance of frac_dv) of the command on X."""
    if command == "qreg":
        from mlmcli.robust.quantile_regression import fit_quantile

        vce = settings["vce"] or ("robust" if weight_kind == "pweight" else "iid")
        if vce == "iid" and weight_kind == "pweight":
            raise StataError("option vce(iid) is not possible with pweighted data", 404)
        fit = fit_quantile(y, X, settings["tau"], w=w, weight_kind=weight_kind, vce=vce,
                           denmethod=settings["denmethod"], bwmethod=settings["bwmethod"], kernel=settings["kernel"],
                           level=level, wlsiter=settings["wlsiter"])
        return fit.b, fit.V, fit.df_r
    from mlmcli.robust.biweight_regression import fit_biweight

    fit = fit_biweight(y, X, tune=settings["tune"], tolerance=settings["tolerance"], iterate=settings["iterate"])
    if not fit.converged:
        raise StataError("convergence not achieved", 430)
    return fit.b, fit.V, float(fit.df_r)


def _deviance(command: str, y, w, weight_kind, settings: dict):
    """frac_dv's deviance of a candidate design (constant first) by the command."""
    from mlmcli.graphs.fpfit_models import FracpolyFailed

    def deviance(X: np.ndarray) -> float | None:
        nobs = float(np.sum(w)) if weight_kind == "fweight" else float(y.size)
        try:
            if command == "qreg":
                from mlmcli.robust.quantile_regression import check_loss, raw_quantile, solve_quantile

                tau = settings["tau"]
                b = solve_quantile(y, X, tau, w)
                adev = check_loss(y - X @ b, tau, w)
                rdev = check_loss(y - raw_quantile(y, tau, w, weight_kind == "fweight"), tau, w)
                return nobs * np.log(adev / rdev) if adev > 0 and rdev > 0 else None
            from mlmcli.robust.biweight_regression import fit_biweight

            fit = fit_biweight(y, X, tune=settings["tune"], tolerance=settings["tolerance"],
                               iterate=settings["iterate"])
            return nobs * (1 + np.log(2 * np.pi * fit.rss / nobs)) if fit.rss > 0 else -1e30
        except StataError as failure:
            raise FracpolyFailed(str(failure)) from None
        except np.linalg.LinAlgError:
            return None
    return deviance


def robust_fp(command: str, y, x, w, weight_kind, settings: dict, fp_settings: dict, level: float):
    """(b, V, the FP, e(df_r)) of fracpoly with estcmd(qreg|rreg), b and V in regress's column
    order (terms, then the constant); None when the command fails inside fracpoly (the note)."""
    from mlmcli.fractional_polynomials import best_fp
    from mlmcli.graphs.fpfit_models import FracpolyFailed

    if weight_kind is not None and weight_kind not in _WEIGHTS[command]:
        return None  # "aweights not allowed" / "weights not allowed" inside fracpoly
    y = np.asarray(y, float)
    wv = None if w is None else np.asarray(w, float)
    try:
        model = best_fp(y, x, **fp_settings, criterion=_deviance(command, y, wv, weight_kind, settings))
        X = _constant_last(model.terms(x), fp_settings["constant"])
        b, V, df_r = _command_fit(command, y, X, wv, weight_kind, settings, level)
    except FracpolyFailed:
        return None
    except StataError as failure:
        if failure.rc in (404, 430, 498, 2001):
            return None
        raise
    return b, V, model, df_r


def rreg_sample(y, X: np.ndarray) -> np.ndarray:
    """rreg's e(sample) among the rows fitted (X: the final terms and the constant): rreg.ado
    drops the observations whose Cook's D > 1 from its final ``_regress`` (``replace `touse' = 0
    if `weight' > 1``), and fracpred predicts nothing there (``graphs.fpfit_command_sample``)."""
    from mlmcli.robust.biweight_regression import cooks_screen

    return cooks_screen(y, X)
