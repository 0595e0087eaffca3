"""What ``twoway lfit/qfit/lfitci/qfitci`` draw when ``estopts()`` asks ``regress`` for another
VCE than OLS or ``predopts()`` asks ``predict`` for another statistic than ``xb``.

Stata's twoway fits run ``regress y x [x^2] [weight] if touse, estopts`` and then, at the
evaluation points, ``predict stat, predopts`` (the line) and ``predict se, stdp|stdf|stdr``
(the band's standard error).  Here the regression is ``mlmcli.ols.fit_ols``, the engine of
``regress`` (its b, its VCE -- OLS, robust, cluster, hc2, hc3 or jackknife -- its rmse s and
e(df_r)), or, with vce(bootstrap), the OLS fit with V the covariance of ``reps()`` bootstrap
replicates (``mlmcli.panel.bootstrap``, the draws of regress's vce(bootstrap)) and no e(df_r):
the bootstrap prefix does not keep regress's e(df_r) (bootstrap.ado: ``xsca(F chi2 df_r df_m)``),
so the band's t quantile invttail(e(df_r), .) is missing and Stata draws no band,
on the columns (powers of x, 1) that ``fits.power_columns`` keeps.  At a point with
columns x0:

    xb   = x0 b,                    stdp = sqrt(x0 V x0')
    stdf = sqrt(stdp^2 + s^2),      stdr = sqrt(s^2 - stdp^2)
    hat  = x0 (X'WX)^-1 x0'         (leverage: Stata's, W the weights regress uses)
    residuals, rstandard, rstudent, cooksd, dfits, welsch, covratio, dfbeta():
    ``mlmcli.postest.regression_diagnostics`` at the points ``fit_diagnostics`` describes
    (after weights with Stata's leverage above; dfbeta() refused, as there)
    pr(a,b)    = Phi(beta) - Phi(alpha)
    e(a,b)     = xb - s (phi(beta) - phi(alpha)) / (Phi(beta) - Phi(alpha))
    ystar(a,b) = a Phi(alpha) + b (1 - Phi(beta)) + (Phi(beta) - Phi(alpha)) xb
                 - s (phi(beta) - phi(alpha))
    with alpha = (a - xb)/s, beta = (b - xb)/s, a missing a (b) meaning -inf (+inf)
    ([R] regress postestimation); a and b are numbers, ``.``, scalar expressions or numeric
    variables (regre_p2's Fix: a variable's value at each point's observation).

What regres_p refuses: after a robust VCE (vce(robust), vce(cluster), pweights: e(vcetype)
"Robust") cooksd, covratio, dfbeta, dfits, e(), hat, pr(), rstandard, rstudent, stdf, stdr,
welsch, ystar(); after vce(bootstrap) or vce(jackknife) (e(prefix)) residuals, cooksd,
covratio, dfbeta, dfits, hat, rstandard, rstudent, stdf, stdr, welsch -- "option X not allowed
after robust (bootstrap, jackknife) estimation".  score is always allowed.

The band is ``stat -/+ invttail(e(df_r), (100 - level)/200) se`` around the predicted
statistic, as twoway's fit computes it (with vce(cluster) e(df_r) is the clusters less one).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mlmcli.errors import StataError, not_allowed_text
from mlmcli.graphs.fits import LineFit, power_columns
from mlmcli.postest.linear_prediction import quadratic_form_rows
from mlmcli.postest.regress_prediction import AFTER_PREFIX, AFTER_ROBUST, Prediction, parse_bounds

# predict's statistics after regress that need the observed outcome at each point
NEEDS_OUTCOME = ("residuals", "rstandard", "rstudent", "cooksd", "dfits", "welsch", "covratio",
                 "dfbeta", "score")


@dataclass(frozen=True)
class VCEChoice:
    """``estopts()``'s VCE: ``kind`` ols, robust, cluster, hc2, hc3, bootstrap or jackknife;
    bootstrap's ``reps``/``seed``, jackknife's ``mse`` and ``saving()``."""

    kind: str = "ols"
    reps: int = 50
    seed: int | None = None
    mse: bool = False
    saving: dict | None = None  # vce(jackknife, saving()): the file (syntax.replicate_vce), names, command
    # vce(jackknife, ...)'s other settings (syntax.replicate_vce: keep, double, nfunc, reject ...);
    # ``checks(y, X, codes, w, weight_kind)``: n()/reject()'s replicate checks over regress's own
    # columns (the session's, as ``fit_jackknife`` builds them); ``pseudovalues(b, replicates,
    # frequencies)``: keep's variables written into the data
    jackknife: dict | None = None
    checks: object = None
    pseudovalues: object = None
    # vce(bootstrap, ...)'s settings (graphs.fpfit_bootstrap.read_bootstrap: strata(), cluster(),
    # size(), mse, reject(), saving(), noisily ...); None: reps() and seed() alone
    bootstrap: dict | None = None


@dataclass(frozen=True)
class PointRows:
    """What predict sees at each evaluation point besides x: the outcome of the point's
    observation, whether that observation is in e(sample), the pr()/e()/ystar() bounds there
    (nan: unbounded) and, for dfbeta, the x of the point."""

    y: np.ndarray
    in_sample: np.ndarray
    lower: np.ndarray | None = None
    upper: np.ndarray | None = None


def check_allowed(vce: VCEChoice, weight_kind: str | None, names) -> None:
    """regres_p's refusals after a robust VCE or a replication prefix (module docstring)."""
    robust = vce.kind in ("robust", "cluster") or weight_kind == "pweight"
    for name in names:
        if robust and name in AFTER_ROBUST:
            shown = f"{name}()" if name in ("e", "pr", "ystar") else name
            raise StataError(f"option {shown} not allowed after robust estimation", 198)
        if vce.kind in ("bootstrap", "jackknife") and name in AFTER_PREFIX:
            raise StataError(f"option {name} not allowed after {vce.kind} estimation", 198)


def regression_fit(y: np.ndarray, x: np.ndarray, at: np.ndarray, degree: int, se: str | None,
                   level: float, *, w: np.ndarray | None = None, weight_kind: str | None = None,
                   constant: bool = True, vce: VCEChoice = VCEChoice(), cluster: np.ndarray | None = None,
                   prediction: Prediction = Prediction(), rows: PointRows | None = None,
                   bounds: tuple[np.ndarray, np.ndarray] | None = None,
                   rng: np.random.Generator | None = None, missing_cluster: str | None = None,
                   draws=None) -> LineFit:
    """The predicted statistic at ``at`` (and its band with ``se`` in stdp/stdf/stdr) after
    regress of y on the powers 1..degree of x (module docstring).  ``cluster``: the cluster
    codes of the rows (vce(cluster)); rows with a missing y, x or weight are dropped.
    ``rows``: the points' observations (outcome statistics); ``bounds``: pr/e/ystar's (a, b)
    at each point; ``rng``: vce(bootstrap)'s draws; ``missing_cluster``: jackknife's cluster()
    variable when it is missing on a row (r(459)); ``draws``: vce(bootstrap)'s prefix
    (``graphs.fpfit_bootstrap_prefix.RegressPrefix``).  vce(jackknife, saving()): ``vce.saving``
    also holds e(b)'s column ``names`` and the ``command`` (``mlmcli.fileformats.replicates``)."""
    from mlmcli.ols import fit_ols

    ok = np.isfinite(y) & np.isfinite(x)
    if w is not None:
        ok &= np.isfinite(w) & (w != 0)
    y, x = y[ok], x[ok]
    w = None if w is None else np.asarray(w, float)[ok]
    cluster = None if cluster is None else np.asarray(cluster)[ok]
    if len(y) == 0:
        raise StataError("no observations", 2000)
    check_allowed(vce, weight_kind, [n for n in (se, prediction.statistic) if n])
    if vce.kind == "bootstrap" and w is not None and not (vce.bootstrap or {}).get("force"):
        raise StataError("weights not allowed with vce(bootstrap)", 101)
    if vce.kind == "jackknife" and w is not None:  # aweights with jackknife's force only
        from mlmcli.syntax.replicate_vce import jackknife_weights

        jackknife_weights(vce.jackknife or {}, weight_kind)
    from mlmcli.postest.regression_diagnostics import check_weighted

    check_weighted(prediction.statistic, weight_kind if w is not None else None)
    columns = power_columns(x, degree, constant)
    X = columns.design(x)
    if vce.saving is not None:  # regress's jackknife checks its file before the replicates
        from mlmcli.fileformats.safe_write import check_writable

        check_writable(vce.saving["filename"], vce.saving["replace"])
    # regress's own columns (x, x^2, 1): the fit's are centred, scaled powers of x, back to these by
    # the exact linear map M with design = user M, so b_regress = M b
    user = np.column_stack([x ** p for p in range(1, degree + 1)] + ([np.ones_like(x)] if constant else []))
    checks = None
    if vce.kind == "jackknife" and vce.checks is not None:
        checks = vce.checks(y, user, np.arange(len(y)) if cluster is None else cluster, w, weight_kind)
        checks.full_sample()
    if missing_cluster:  # jackknife.ado asserts its cluster() over e(sample), after the full-sample checks
        raise StataError(f"missing values not allowed in cluster variable {missing_cluster}", 459)
    fit = fit_ols(y, X, constant=constant, weight=w, weight_kind=weight_kind,
                  vce=vce.kind if vce.kind != "bootstrap" else "ols", cluster=cluster, mse=vce.mse,
                  replicate_filter=checks if checks is not None and checks.needed else None)
    V, df_r = fit.V, fit.df_r
    if vce.kind == "bootstrap" and draws is not None:  # the prefix's options (graphs.fpfit_bootstrap_prefix)
        from mlmcli.graphs.fpfit_bootstrap_prefix import regress_fit_variance

        V, df_r = regress_fit_variance(vce, y, X, user, fit.b, draws, rng, w), float("nan")
    elif vce.kind == "bootstrap":
        V, df_r = bootstrap_variance(y, X, vce.reps, rng), float("nan")
    if fit.replicates is not None and (vce.saving is not None or vce.pseudovalues is not None):
        M = np.linalg.lstsq(user, X, rcond=None)[0]
        b_user, replicates_user = M @ fit.b, fit.replicates @ M.T
        if vce.saving is not None:
            from mlmcli.fileformats.replicates import jackknife_dataset, save_jackknife

            saving = vce.saving
            save_jackknife(jackknife_dataset(list(saving["names"]), b_user, replicates_user, cmdname="regress",
                                             command=saving["command"], n_obs=fit.N, double=saving["double"],
                                             cluster=saving.get("cluster"), multipliers=fit.multipliers,
                                             weighting=saving.get("weighting"),
                                             nfunction=(vce.jackknife or {}).get("nfunc", "e(N)")), saving)
        if vce.pseudovalues is not None:  # fweights: the pseudovalues count each replicate's frequency
            vce.pseudovalues(b_user, replicates_user, fit.multipliers if weight_kind == "fweight" else None)
    X0 = columns.design(np.asarray(at, float))
    from mlmcli.ols import regress_weights
    from mlmcli.postest.regression_diagnostics import weighted_leverage

    leverage = weighted_leverage(X0, X, None if w is None else regress_weights(w, weight_kind, len(y))[0])
    xb = X0 @ fit.b
    var_p = quadratic_form_rows(X0, V)
    s2 = fit.rmse ** 2
    if prediction.statistic in NEEDS_OUTCOME:
        stat = _outcome(prediction.statistic, fit, leverage, xb, rows, np.asarray(at, float), degree)
    else:
        stat = _statistic(prediction, xb, var_p, s2, leverage, bounds)
    if se is None:
        return LineFit(np.asarray(at, float), stat)
    if not df_r > 0:  # no residual df (or none kept, vce(bootstrap)): invttail() is missing
        nan = np.full_like(stat, np.nan)
        return LineFit(np.asarray(at, float), stat, nan, nan.copy())
    width = _statistic(Prediction(se), xb, var_p, s2, leverage, None)
    from mlmcli.distributions import t as student_t

    q = float(student_t.ppf(0.5 + level / 200.0, df_r))
    return LineFit(np.asarray(at, float), stat, stat - q * width, stat + q * width)


def bootstrap_variance(y: np.ndarray, X: np.ndarray, reps: int, rng) -> np.ndarray:
    """regress's vce(bootstrap) V (``mlmcli.ols.bootstrap_vce``), without the dots."""
    from mlmcli.ols import bootstrap_vce

    return bootstrap_vce(y, X, reps, rng or np.random.default_rng())[0]


def _outcome(name: str, fit, leverage, xb, rows: PointRows | None, at: np.ndarray, degree: int) -> np.ndarray:
    """A ``fit_diagnostics`` statistic at the points (their observations in ``rows``)."""
    if rows is None:  # pragma: no cover - fitted_plots passes the rows for these statistics
        raise ValueError("the points' observations are needed")
    others = np.column_stack([at ** p for p in range(2, degree + 1)]) if degree > 1 else np.zeros((len(at), 0))
    from mlmcli.postest.regression_diagnostics import outcome_statistic

    return outcome_statistic(
        name, residual=rows.y - xb, leverage=leverage, in_sample=rows.in_sample, s=float(fit.rmse),
        N=float(fit.N), k=int(fit.rank), df_m=int(fit.df_m), dfbeta_columns=(at, others))


def _statistic(prediction: Prediction, xb, var_p, s2: float, leverage, bounds) -> np.ndarray:
    name = prediction.statistic
    if name == "xb":
        return xb
    from mlmcli.postest.regression_diagnostics import standard_error_statistic, truncated_statistic

    if name in ("stdp", "stdf", "stdr"):
        return standard_error_statistic(name, var_p, s2)
    if name == "hat":
        return leverage

    nan = np.full_like(xb, np.nan)
    lo, hi = bounds if bounds is not None else (nan, nan)
    return truncated_statistic(name, xb, float(np.sqrt(s2)), lo, hi)


def read_prediction(text: str | None) -> Prediction:
    """``predopts()``: predict's options after regress.  One statistic (default xb);
    ``nooffset`` changes nothing (regress has no offset); another name is Stata's
    ``option X not allowed``."""
    from mlmcli.syntax.abbreviation import resolve_choice
    from mlmcli.syntax.options import read_options

    if not isinstance(text, str):
        return Prediction()
    chosen: list[Prediction] = []
    names = (("xb", 2), ("stdp", 4), ("stdf", 4), ("stdr", 4), ("hat", 1), ("leverage", 1),
             ("pr", 1), ("e", 1), ("ystar", 2), ("nooffset", 5), ("residuals", 2), ("rstandard", 4),
             ("rstudent", 4), ("cooksd", 1), ("dfits", 3), ("welsch", 1), ("covratio", 3),
             ("dfbeta", 3), ("scores", 2), ("index", 1))
    for option in read_options(text):
        name = resolve_choice(option.name, names)
        if name is None:
            raise StataError(f"predopts(): {not_allowed_text(option.name, option.arg)}", 198)
        if name == "nooffset":
            continue
        takes = name in ("pr", "e", "ystar", "dfbeta")
        if takes != (option.arg is not None):
            raise StataError(f"predopts(): option {option.name} incorrectly specified", 198)
        name = {"leverage": "hat", "index": "xb", "scores": "score"}.get(name, name)
        if name == "dfbeta":
            chosen.append(Prediction(name, variable=str(option.arg).strip()))
        elif takes:
            chosen.append(Prediction(name, typed=parse_bounds(option.arg, name, "predopts(): ")))
        else:
            chosen.append(Prediction(name, explicit=True))
    if len(chosen) > 1 and len({p.statistic for p in chosen}) > 1:
        raise StataError("predopts(): only one statistic may be specified", 198)
    return chosen[-1] if chosen else Prediction()
