"""fpfit's ``estopts(vce(bootstrap [, reps() seed()]))`` and ``estopts(vce(jackknife [, mse]))``
after ``estcmd(clogit)`` and ``estcmd(xtgee)``: every fit fracpoly makes is the command under
the prefix (``_vce_parserun``; ``mlmcli.panel.replicates``; the commands' own:
``commands.estimation.cluster_replicates``).

- clogit: frac_154's first fit, not captured, is the model without x: ``clogit y if touse,
  group(g) vce(...)`` (its ``if "`constant'"!="" & `dist'>0`` branch, which skips that fit, is
  taken only with ``noconstant``, "invalid with command clogit").  clogit.ado hands a model
  without covariates to the old ``_clogit`` ("Old clogit can deal with no beta, ml can't"), so
  the prefix finds no e(b) to expand its default ``_b`` over (jackknife.ado and bootstrap.ado:
  ``_prefix_explist, edefault`` then ``_prefix_expand``, which needs e(b) with columns) and
  stops before any replicate, file (``saving()``), ``keep``'s variables or ``cluster()``'s
  check: fracpoly fails, Stata's note, nothing drawn -- with every vce(bootstrap ...) and
  vce(jackknife ...) (``NULL_CLOGIT_UNDER_PREFIX``).
- xtgee: its panels are the clusters; what fracpoly compares (frac_dv) is -e(chi2), 0 when
  missing: bootstrap posts the Wald chi2 of its own variance, so each candidate's deviance is
  minus the bootstrap Wald statistic of its FP terms (with ``seed()`` each fit restarts the
  stream, as ``set seed`` in every call does; without it the draws continue); jackknife posts F,
  not chi2, so every deviance is 0, the model without x's too: with a constant fracpoly keeps no
  candidate and fails, with noconstant the first of the ties (``graphs.fpfit_xtgee_jackknife``).

The band: bootstrap's V with the normal quantile; jackknife's V with e(df_r) = n - 1, fracpred's
invttail(e(df_r), .).  With fweights the jackknife takes one copy of a panel away per replicate
(``_loop_jknife_fw``; ``mlmcli.panel.replicates.frequency_jackknife``): V the replicates
weighted by their panels' frequencies, e(df_r) the usable ones' frequencies summed less one.
Weights with bootstrap make the command fail (bootstrap's r(101)), as do two clusters or fewer
with jackknife, fewer than two replicates that fit, and jackknife's ``cluster()`` (Stata's
"option cluster() not allowed": ``_vce_parserun`` appends ``cluster(panelvar)`` to it,
``commands.estimation.gee_replicates``): fracpoly's note.
"""
from __future__ import annotations

import numpy as np

from mlmcli.graphs.fpfit_models import FracpolyFailed

NULL_CLOGIT_UNDER_PREFIX = "clogit without covariates leaves no e(b) for the prefix's _b"


def check_replicates(vce, weight_kind, panel_cluster: str | None = None) -> None:
    """``panel_cluster``: the cluster(panelvar) _vce_parserun gives jackknife beside idcluster()
    (``fpfit_xtgee_jackknife.with_panel_cluster``), not a second cluster()."""
    typed_cluster = (vce.jackknife or {}).get("cluster")
    if vce.kind == "jackknife" and typed_cluster and typed_cluster != panel_cluster:  # in frac_154's first fit
        raise FracpolyFailed("option cluster() not allowed")
    if vce.kind == "bootstrap" and weight_kind is not None and not (vce.bootstrap or {}).get("force"):
        raise FracpolyFailed("weights not allowed")


def replicate_variance(engine, X: np.ndarray, b: np.ndarray, vce, rng, boot=None) -> tuple[np.ndarray, float]:
    """(V, e(df_r) or NaN) of xtgee's replicates (its panels) of the fit on the design X; ``boot``:
    bootstrap's prefix over the estimation rows (``graphs.fpfit_bootstrap_prefix.gee_prefix``:
    strata(), size(), mse, reject(), saving())."""
    from mlmcli.panel.bootstrap import bootstrap_variance
    from mlmcli.panel.replicates import cluster_bootstrap, cluster_jackknife, frequency_jackknife
    from mlmcli.replicate_variance import jackknife_variance

    codes = engine.codes

    def refit(rows, new_codes):
        return engine.refit_rows(X, rows, new_codes)

    if vce.kind == "bootstrap" and boot is not None:  # e(b)'s order: the terms, then _cons (first here)
        k = len(b)
        order = np.r_[np.arange(1, k), 0] if boot.constant else np.arange(k)
        if boot.constant and getattr(engine, "fp_centre", None) is not None:  # e(b): fracgen's centred terms
            boot.posted = np.eye(k)
            boot.posted[k - 1, :k - 1] = engine.fp_centre
        if getattr(engine, "fp_centre", None) is not None:  # the final fit: fracgen's names, not the candidates'
            boot.candidate_names = None
        V = boot.fp_variance(np.asarray(b)[order], lambda rows, new_codes: refit(rows, new_codes)[order], rng,
                             terms=k - boot.constant)
        back = np.argsort(order)
        return V[np.ix_(back, back)], float("nan")
    if vce.kind == "bootstrap":
        B = cluster_bootstrap(refit, codes, vce.reps, rng, len(b))
        if int(np.all(np.isfinite(B), axis=1).sum()) < 2:
            raise FracpolyFailed("insufficient observations to compute bootstrap standard errors")
        return bootstrap_variance(B), float("nan")
    if int(codes.max()) + 1 <= 2:
        raise FracpolyFailed("jackknife requires more than 2 clusters")
    if engine.weight_kind == "fweight":  # one copy of a panel less per replicate (module docstring)
        frequencies = np.zeros(int(codes.max()) + 1)
        frequencies[codes] = engine.w
        B = frequency_jackknife(lambda rows, new_codes, less: engine.refit_rows(X, rows, new_codes, less), codes,
                                frequencies, len(b))
        summary = jackknife_variance(B, b, mse=vce.mse, weight_kind="fweight", frequencies=frequencies)
    else:
        summary = jackknife_variance(cluster_jackknife(refit, codes, len(b)), b, mse=vce.mse)
    if not summary.sufficient:
        raise FracpolyFailed("insufficient observations to compute jackknife standard errors")
    return summary.V, summary.df_r


class PrefixedPopulationAveraged:
    """xtgee's fits under the prefix: the deviance frac_dv reads (module docstring)."""

    def __init__(self, engine, vce, ctx, boot=None):
        self.engine, self.vce, self.ctx, self.boot = engine, vce, ctx, boot

    def rng(self):
        """Each fit's draws: seed() restarts the session's stream, else it carries on (``replicate_stream``)."""
        from mlmcli.graphs.fpfit_bootstrap import replicate_stream

        return replicate_stream(self.ctx, self.vce.seed)

    def fit(self, X: np.ndarray, constant: bool):
        b, V, _ = self.engine.fit(X, constant)
        if self.vce.kind == "jackknife":
            return b, V, 0.0
        try:
            V = replicate_variance(self.engine, X, b, self.vce, self.rng(), self.boot)[0]
        except FracpolyFailed as failure:
            raise np.linalg.LinAlgError(str(failure)) from None
        return b, V, self.engine.deviance(b, V, constant)
