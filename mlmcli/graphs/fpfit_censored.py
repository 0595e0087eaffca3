"""``twoway fpfit``/``fpfitci`` with the censored-normal commands fracpoly knows (frac_chk):

- ``estcmd(cnreg)`` (and ``_cnreg``, the same fit): ``estopts(censored(varname))`` names cnreg's
  censoring variable (-1: left-censored at y, 0: uncensored, 1: right-censored at y;
  observations where it is missing are left out, as cnreg's markout leaves them).  fracpoly
  picks the powers by frac_dv's deviance -2 e(ll) of each candidate's censored-normal fit
  (``mlmcli.censored_normal``), fits the final model, and fracpred draws x b and its stdp
  sqrt(x V x'), V the OIM (or the sandwich with vce(robust|cluster)) block of b.  cnreg posts
  e(df_r) = N - df_m (df_m the fractional polynomial's terms), so the band is x b -/+
  invttail(e(df_r), (100-level)/200) stdp.  Without censored() cnreg fails ("option
  censored() required") and so does fracpoly under twoway's capture: Stata's note, nothing
  drawn.  ``predopts(dresid)`` draws nothing: frac_chk gives cnreg fracpoly's dist 6 (with
  ereg, weibull and nbreg), for which fracpred.ado's ``residual`` computes nothing ("other
  `dist' values neither accommodated nor trapped"), leaving the variable missing; fracpred has stdp only (fpfitci's stdf/stdr refused, as
  after the other ML commands).
- ``estcmd(intreg)``: fracpoly takes intreg's two dependent variables from the varlist
  (fracpoly_10's ChkDepvar for dist 8), and twoway__fpfit_serset gives it ``y x``: x becomes
  the second dependent variable, no covariate is left and fracpoly stops (error 102) -- the
  note, nothing drawn (``fpfit_models.FAILING``).
- ``estcmd(tobit)``: not in frac_chk's list ("invalid or unrecognized command"): the note too
  (``fpfit_models.estimation_command`` returns None for it).
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError, is_mlm_refusal, not_allowed_text
from mlmcli.syntax.options import OptionSpec

# ml's options that cnreg's maximize_options lack (help cnreg: iterate(), [no]log, trace,
# tolerance(), ltolerance(), nrtolerance(), nonrtolerance only): cnreg fails with them
_NOT_CNREG = [OptionSpec(*row) for row in (
    ("technique", 4, True), ("difficult", 4), ("gradient", 4), ("hessian", 4), ("showstep", None),
    ("showtolerance", 8), ("from", None, True), ("constraints", 6, True), ("collinear", 4))]
CNREG_ITERATE = 16000  # c(maxiter), cnreg's iterate() default


def check_cnreg_options(typed, failed) -> None:
    """An ml option cnreg does not take makes cnreg, and so fracpoly, fail (``failed``)."""
    for option in typed:
        if any(spec.matches(option.name) for spec in _NOT_CNREG):
            raise failed(not_allowed_text(option.name, option.arg))


def split_censored(ctx, opts: dict) -> tuple[dict, np.ndarray | None]:
    """estopts()' ``censored(varname)`` taken out (cnreg's: CENsored, at least 3 letters):
    (the plot's options with the rest of estopts(), the variable's values or None)."""
    from mlmcli.graphs.series_parts import last_option
    from mlmcli.syntax.options import read_options

    text = last_option(opts, "estopts")
    if not isinstance(text, str):
        return opts, None
    kept, censor = [], None
    for option in read_options(text):
        word = option.name
        if len(word) >= 3 and "censored".startswith(word):
            if option.arg is None or len(option.arg.split()) != 1:
                raise StataError(f"estopts(): option {option.name}() incorrectly specified", 198)
            censor = ctx.data.numeric(ctx.data.resolve(option.arg.strip()))
            continue
        kept.append(option.name + (f"({option.arg})" if option.arg is not None else ""))
    out = dict(opts)
    out["estopts"] = list(opts["estopts"][:-1]) + [" ".join(kept)]  # the last typed is the one read
    return out, censor


def fit_cnreg_fp(y, x, censor, w, weight_kind, vce, cluster, se, dresid, fp_settings, ml=None, offset=None,
                 rows=None, rng=None, prefix=None, boot=None):
    """(b, V, the FP, e(df_r)) of ``fracpoly cnreg y x, censored()``, or None when fracpoly
    fails (module docstring); V over (b, sigma), sigma last, as cnreg's e(V).  ``ml``: estopts()'
    ``MLSettings`` (iterate(), the tolerances; iterate() reached is cnreg's r(430): a candidate
    skipped, the constant-only or the final model failing fracpoly), ``offset``: on the rows;
    ``rows``: cnreg's own sample among the plot's (``graphs.fpfit_command_sample``: x's shift,
    scale and centring are fracpoly's, over all of them).  vce(jackknife|bootstrap): cnreg under
    the prefix in every fit, the search by the full-sample fits' deviance, the final model's V
    the replicates' over (b, sigma) (``graphs.fpfit_ml_replicates``; ``rng`` bootstrap's draws),
    e(df_r) jackknife's n - 1 (bootstrap: none, the normal band).  ``prefix``: (ctx, plot, cluster
    variable) with jackknife's saving() keep reject() n() (``graphs.fpfit_ml_jackknife``); ``boot``:
    bootstrap's prefix (``graphs.fpfit_bootstrap_prefix.CommandPrefix``)."""
    from mlmcli.censored_normal import CensoredData, censored_bounds, fit_censored_normal
    from mlmcli.fractional_polynomials import best_fp
    from mlmcli.graphs.fpfit_ml_options import MLSettings
    from mlmcli.graphs.fpfit_models import FracpolyFailed

    if censor is None or vce.kind in ("hc2", "hc3"):  # cnreg fails: "option censored() required"
        return None
    if vce.kind not in ("ols", "robust", "cluster", "jackknife", "bootstrap"):
        raise StataError(f"estopts(): vce({vce.kind}) not supported by mlmcli with estcmd(cnreg)", 198)
    ml = ml or MLSettings()
    rows = np.ones(len(y), bool) if rows is None else rows
    lo, hi = censored_bounds(y[rows], censor[rows])
    n = int(rows.sum())
    weights = np.ones(n) if w is None else np.asarray(w, float)[rows]
    if weight_kind == "aweight":
        weights = weights * (n / weights.sum())
    constant = fp_settings["constant"]
    shift = np.zeros(n) if offset is None else np.asarray(offset, float)[rows]
    maximize = dict(iterate=ml.iterate if ml.iterate_typed else CNREG_ITERATE, tolerance=ml.tolerance,
                    ltolerance=ml.ltolerance, nrtolerance=ml.nrtolerance)

    def fitted(X, keep=slice(None), row_weights=None, **options):
        X = np.column_stack([X[:, 1:], X[:, :1]]) if constant else X  # the constant last
        data = CensoredData(lo[keep], hi[keep], X[rows][keep], shift[keep],
                            weights[keep] if row_weights is None else row_weights)
        return X, fit_censored_normal(data, constant_index=X.shape[1] - 1 if constant else None, **maximize,
                                      **options)

    def deviance(X: np.ndarray):
        try:
            fit = fitted(X, fit_constant_only=False)[1]
        except np.linalg.LinAlgError:
            return None
        return -2.0 * fit.loglik if fit.converged and np.isfinite(fit.loglik) else None

    replicated = vce.kind in ("jackknife", "bootstrap")
    if prefix is not None:  # the prefix in every fit fracpoly makes
        from mlmcli.graphs.fpfit_ml_jackknife import PrefixedCommand, prefixed_fracpoly, prefix_hooks

        def estimate(X, keep, final, scalars, centre):
            keep = slice(None) if keep is None else keep
            row_weights = weights[keep]
            if not isinstance(keep, slice) and keep.dtype != bool:  # the weighted loops' weights, 0 left out
                keep, row_weights = keep > 0, keep[keep > 0]
            data = CensoredData(lo[keep], hi[keep], X[rows][keep], shift[keep], row_weights)
            fit = fit_censored_normal(data, constant_index=X.shape[1] - 1 if constant else None, **maximize,
                                      fit_constant_only=scalars)
            if not fit.converged:
                raise FracpolyFailed("convergence not achieved")
            p = X.shape[1]
            J = np.eye(p + 1)
            J[p, p] = np.exp(fit.lnsigma)  # e(b) (b, sigma), as cnreg posts it
            return (np.append(fit.b, np.exp(fit.lnsigma)), J @ fit.V[:p + 1, :p + 1] @ J,
                    cnreg_scalars(data, fit, p, constant) if scalars else {})

        ctx, plot, cluster_var = prefix
        weight = getattr(plot.call, "weight", None)
        command = PrefixedCommand("cnreg", plot.ys[0], "model", ("sigma",), estimate, n, weight_kind=weight_kind,
                                  weights=None if w is None else weights,
                                  weight_exp=None if weight is None else f"= {weight.exp}")
        fitted = prefixed_fracpoly(prefix_hooks(ctx), command, vce, fp_settings, x, plot.x,
                                   None if cluster is None else cluster[rows], cluster_var, lambda allowed: best_fp(
                                       y, x, **fp_settings, criterion=deviance, allowed=allowed))
        if fitted is None:
            return None
        model, theta, V, df_r = fitted
        return theta[:theta.size - 1], V, model, df_r
    def replicate_b(X, keep=slice(None)):  # e(b) (b, sigma) on a design with the constant last
        fit = fitted(np.column_stack([X[:, -1:], X[:, :-1]]) if constant else X, keep, fit_constant_only=False)[1]
        if not fit.converged:
            raise FracpolyFailed("convergence not achieved")
        return np.append(fit.b, np.exp(fit.lnsigma))

    try:  # bootstrap's reject() in each fit before the final one (graphs.fpfit_prefix_fits)
        allowed = None if boot is None else boot.allowed(x, fp_settings, replicate_b, lambda X: (
            lambda keep, numbers=None: replicate_b(X, keep)))
        model = best_fp(y, x, **fp_settings, criterion=deviance, allowed=allowed)
        X, fit = fitted(model.terms(x), cluster=None if cluster is None or replicated else cluster[rows],
                        robust=vce.kind in ("robust", "cluster") or weight_kind == "pweight",
                        frequency=weight_kind == "fweight", fit_constant_only=True)
    except (StataError, np.linalg.LinAlgError, FracpolyFailed) as failure:
        if is_mlm_refusal(failure):
            raise
        return None
    if not fit.converged or (fit.constant_only is not None and not fit.constant_only.converged):
        return None  # frac_154's constant-only fit and its final fit are not captured
    p = X.shape[1]
    N = float(weights.sum()) if weight_kind == "fweight" else float(n)
    df_m = p - (1 if constant else 0)
    if replicated:
        return _replicated(vce, fit, model, x, fitted, n, None if cluster is None else cluster[rows], rng,
                           None if w is None else weights, weight_kind, boot)
    J = np.eye(p + 1)
    J[p, p] = np.exp(fit.lnsigma)  # e(V) in (b, sigma), as cnreg posts it (d sigma / d ln sigma)
    return fit.b, J @ fit.V[:p + 1, :p + 1] @ J, model, N - df_m


def _replicated(vce, fit, model, x, fitted, n: int, cluster, rng, weights, weight_kind, boot=None):
    """fit_cnreg_fp's result under vce(jackknife|bootstrap): V the replicates' over cnreg's e(b),
    (b, sigma), with the weights' loops (``fpfit_ml_replicates``); None when the prefix fails
    (fracpoly failing: the note)."""
    from mlmcli.graphs.fpfit_ml_replicates import replicate_variance
    from mlmcli.graphs.fpfit_models import FracpolyFailed

    terms = model.terms(x)

    def refit(keep, row_fweights=None):
        replicate = fitted(terms, keep, row_fweights, fit_constant_only=False)[1]
        if not replicate.converged:
            raise FracpolyFailed("convergence not achieved")
        return np.append(replicate.b, np.exp(replicate.lnsigma))

    try:
        if boot is not None:  # saving() at the first fit: without replace fracpoly fails (the note)
            from mlmcli.graphs.fpfit_bootstrap_prefix import centring_map

            boot.first_fit()
            boot.posted = centring_map(model, terms.shape[1], model.constant)  # e(b): fracgen's centred terms
        V, df_r = replicate_variance(vce, np.append(fit.b, np.exp(fit.lnsigma)), refit, n, cluster, rng, weights,
                                     weight_kind, boot)
    except FracpolyFailed:
        return None
    return fit.b, V, model, df_r


def cnreg_scalars(data, fit, p: int, constant: bool) -> dict[str, float]:
    """The e() scalars cnreg posts (as mlm's ``cnreg`` command, ``commands.estimation.censored``):
    e(N), e(N_unc), e(N_lc), e(N_rc), e(df_m), e(df_r) = N - df_m, e(ll), e(k_aux), e(rank),
    e(converged), e(ic), e(rc), e(k) (b and sigma), e(k_eq) = 2, e(k_dv) = 1 and the LR test
    against the comparison model (the constant-only one; without a constant sigma alone, as
    the command's): e(ll_0), e(r2_p) = 1 - ll/ll_0, e(chi2) = 2 (ll - ll_0), e(p)
    (chi2tail(df_m, chi2)); no weights reach the prefix (fpfit's replicate VCEs fail with them)."""
    import dataclasses

    from mlmcli.censored_normal import CensoredData, fit_censored_normal
    from mlmcli.distributions import chi2

    size, df_m = float(data.lo.size), float(p - (1 if constant else 0))
    if not constant:
        empty = CensoredData(data.lo, data.hi, np.zeros((data.lo.size, 0)), data.offset, data.w)
        fit = dataclasses.replace(fit, ll_0=fit_censored_normal(empty, constant_index=None).loglik)
    counts = data.counts()
    counts.pop("N_int")
    out = {"N": size, **counts, "df_m": df_m, "df_r": size - df_m, "ll": fit.loglik, "k_aux": 1.0,
           "rank": float(fit.rank), "converged": float(fit.converged), "ic": float(len(fit.full.steps) - 1),
           "rc": 0.0, "k": float(p + 1), "k_eq": 2.0, "k_dv": 1.0}
    if np.isfinite(fit.ll_0):
        stat = 2 * (fit.loglik - fit.ll_0)
        out.update(ll_0=fit.ll_0, r2_p=1 - fit.loglik / fit.ll_0, chi2=stat,
                   p=float(chi2.sf(stat, df_m)) if df_m > 0 else float("nan"))
    return out
