"""``twoway fpfit|fpfitci y x, estcmd(xtreg) estopts(fe|be|mle vce(jackknife [, mse]))`` and
``estopts(fe|be|mle vce(bootstrap [, reps() seed()]))``: xtreg under ``_vce_parserun xtreg, panel``
in every fit fracpoly makes (docs/fpfit_xtreg_replicates.md).

The prefix keeps the command's e() but F, chi2, df_r and df_m (jackknife.ado's ``_e2r``/``_r2e``;
bootstrap.ado the same), so e(ll), which frac_dv reads (-2 e(ll), xtreg's dist 0), is the one fe,
be and mle post: fracpoly chooses the powers of the unprefixed fit (``graphs.fpfit_xtreg``).  The
final model's V is the replicates' (mle's b block of its replicated (b, sigma_u, sigma_e); fe's
fweights and pweights under jackknife as the plain command's, ``replicate_variance``):

- jackknife: leave one panel out, V = (G-1)/G sum (b_(j) - bbar)(b_(j) - bbar)' (``mse``: about
  b), e(df_r) = G - 1 over the replicates that fit: fracpred's band on invttail(e(df_r), .);
- bootstrap: panels drawn with replacement, V the draws' covariance, no e(df_r): the normal
  quantile (twoway__fpfit_serset).  ``seed()`` restarts the stream in each fit, so the final
  fit's draws are those of the plain command with that seed; without it mlm draws the final
  fit's from ``set seed``'s stream (the candidates' draws change no deviance).
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError, is_mlm_refusal
from mlmcli.graphs.fpfit_models import FracpolyFailed


def replicate_settings(kind: str, typed: str, command: str = "xtreg") -> dict:
    """vce(jackknife [, mse nodots]) or vce(bootstrap [, reps() seed() nodots]) as the plain
    xtreg (xtlogit) reads them (its own cluster() inside vce(jackknife): "option cluster() not
    allowed", the command's failure inside fracpoly)."""
    from mlmcli.syntax.replicate_vce import bootstrap_options, cluster_jackknife_options

    if kind == "jackknife":  # saving() keep n() reject() idcluster(): graphs.fpfit_xt_jackknife
        from mlmcli.graphs.fpfit_xt_jackknife import prefix_vce

        try:
            settings = cluster_jackknife_options(typed, command, True, noisily_ok=True)  # fpfit_printed_runs
            prefixed = None
        except StataError as err:
            if not is_mlm_refusal(err):
                raise
            settings = cluster_jackknife_options(typed.split(",", 1)[0], command, True)
            prefixed = prefix_vce(typed, settings)
            if prefixed is None:
                raise
            settings.update(mse=prefixed.mse, cluster=prefixed.jackknife["cluster"])
        settings["prefix_vce"] = prefixed
    else:  # strata() size() saving() mse ...: graphs.fpfit_bootstrap_options
        from mlmcli.graphs.fpfit_bootstrap_options import bootstrap_suboptions

        settings = bootstrap_suboptions(typed, command)
    settings["kind"] = kind
    return settings


def check_replicates(settings: dict, model: str, weight_kind) -> None:
    """Where xtreg under the prefix fails inside fracpoly (the note) or mlm refuses."""
    if settings.get("cluster"):  # _vce_parserun's cluster(panelvar) is a second cluster()
        raise FracpolyFailed("option cluster() not allowed")
    if weight_kind is not None and settings["kind"] == "bootstrap":  # bootstrap.ado's r(101)
        raise FracpolyFailed("weights not allowed")
    if weight_kind == "aweight":  # jackknife.ado's syntax [fw]: r(101)
        raise FracpolyFailed("aweight not allowed")


def replicate_variance(settings: dict, model: str, options: dict, y, slopes, codes, b, seed, weights=None,
                       weight_kind=None, strata=None, observed_full=None, on_replicates=None) -> tuple[np.ndarray, float]:
    """(V, e(df_r) or NaN) of the final fit's b (its slopes, then _cons unless mle's noconstant)
    by the panels' replicates (module docstring); ``options``: be's wls, mle's ``_ml_rule``;
    ``weights`` (fe's, constant within panel): fweights -- one copy of a panel less per
    replicate, e(df_r) the frequencies' sum less one -- or pweights (each refit aweighted)."""
    from mlmcli.panel.estimators import panel_estimator
    from mlmcli.panel.replicates import cluster_jackknife, frequency_jackknife
    from mlmcli.replicate_variance import jackknife_variance

    b = np.asarray(b, float)
    has_cons = model != "mle" or slopes.shape[1] < len(b)
    kind = weight_kind if weights is not None else None
    estimate = panel_estimator(model, options, 95.0, has_cons, "aweight" if kind == "pweight" else "fweight")
    if settings["kind"] == "bootstrap":  # strata() size() mse saving(): graphs.fpfit_bootstrap_options
        from mlmcli.graphs.fpfit_bootstrap_options import drawn_variance

        full = observed_full is not None  # mle: e(b) whole (sigma_u, sigma_e) for saving() and mse
        observed = np.asarray(observed_full if full else b, float)
        estimate = panel_estimator(model, options, 95.0, has_cons, "fweight", full=full)
        from mlmcli.graphs.fpfit_bootstrap import stream_for

        rng = stream_for(settings, seed)
        V, B = drawn_variance(settings, codes, strata, lambda rows, new: estimate(y[rows], slopes[rows], new),
                              observed, rng)
        if on_replicates is not None:
            on_replicates(B, observed)
        return V[:len(b), :len(b)], float("nan")
    if int(codes.max()) + 1 <= 2:
        raise FracpolyFailed("jackknife requires more than 2 clusters")

    def refit(rows, _new_codes, row_weights=None):
        if row_weights is None and kind == "pweight":
            row_weights = weights[rows]
        try:
            return estimate(y[rows], slopes[rows], np.unique(codes[rows], return_inverse=True)[1], row_weights)
        except StataError as err:  # the replicate's own failure: an x
            raise ValueError(err.message) from None

    if kind == "fweight":
        frequencies = np.zeros(int(codes.max()) + 1)
        frequencies[codes] = weights
        B = frequency_jackknife(refit, codes, frequencies, len(b))
        summary = jackknife_variance(B, b, mse=settings["mse"], weight_kind=kind, frequencies=frequencies)
    else:
        summary = jackknife_variance(cluster_jackknife(refit, codes, len(b)), b, mse=settings["mse"], weight_kind=kind)
    if not summary.sufficient:
        raise FracpolyFailed("insufficient observations to compute jackknife standard errors")
    return summary.V, summary.df_r
