"""xtgee's ``vce(bootstrap [, reps(#) seed(#) nodots])`` and ``vce(jackknife [, mse nodots])``
([XT] xtgee: vce(conventional|robust|bootstrap|jackknife)): xtgee under the prefix with its
panels as the clusters (``_vce_parserun xtgee, panel``; ``commands.estimation.cluster_replicates``).
Each replicate refits the GEE (same family, link, correlation, offset, weights, nmp/rgf,
iterate()/tolerance()) on the panels drawn or kept, a panel drawn twice counting as two; a
replicate that does not converge is missing.  The full-sample fit runs quietly (no iteration
log), then ``(running xtgee on estimation sample)`` and the dots; V replaces the fit's, the
Wald test is b' V^-1 b over the slopes (jackknife: F = chi2/df_m on n-1 degrees of freedom, t
statistics), and the table carries ``(Replications based on G clusters in panelvar)``.
Weights with bootstrap are bootstrap.ado's "weights not allowed" r(101); with fweights the
jackknife takes one copy of a panel away per replicate (jackknife.ado's ``_loop_jknife_fw``),
V the replicates fweighted by their panels' frequencies, e(df_r) the frequencies' sum less one.
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError


def replicate_request(opts: dict) -> tuple[str, dict] | None:
    """(bootstrap|jackknife, its settings) from vce(), else None."""
    from mlmcli.commands.estimation.cluster_replicates import replicate_options
    from mlmcli.syntax.options import vce_option

    typed = str(opts.get("vce") or "").strip()
    head = typed.split(",")[0].strip()
    if not head:
        return None
    kind, args = vce_option(head, (("bootstrap", 4), ("jackknife", 4)))
    if kind is None:
        return None
    if args:
        raise StataError(f"vcetype '{typed}' not allowed", 198)
    return kind, replicate_options(typed, kind, "xtgee")


def check_weights(request, weight_kind: str | None) -> None:
    if request is None or weight_kind is None:
        return
    if request[0] == "bootstrap":
        raise StataError("weights not allowed", 101)


def replicate_fit(session, request, fit, y, X, codes, pos, *, family, link, corr, offset, weights, weight_kind,
                  nmp: bool, rgf: bool, tol: float, max_iter: int, cmdname: str = "xtgee"):
    """(the fit with the replicates' V, the e() scalars N_reps, N_clust and jackknife's df_r);
    the arrays are in panel-and-time order; ``cmdname`` the command typed (xtgee, or xtlogit ... pa)."""
    from dataclasses import replace

    from mlmcli.commands.estimation.cluster_replicates import replicate_variance
    from mlmcli.panel.gee import fit_gee

    def refit(rows, new_codes, row_frequencies=None):
        fam = family if family.m is None else replace(family, m=np.asarray(family.m, float)[rows])
        with np.errstate(all="ignore"):
            f = fit_gee(y[rows], X[rows], new_codes, pos[rows], family=fam, link=link, corr=corr,
                        offset=None if offset is None else offset[rows], robust=False, fixed_scale=None, tol=tol,
                        max_iter=max_iter,
                        weights=row_frequencies if row_frequencies is not None else None if weights is None else weights[rows],
                        weight_kind=weight_kind, nmp=nmp, rgf=rgf)
        if not f.converged:
            raise np.linalg.LinAlgError("xtgee did not converge")
        return f.b

    kind, settings = request
    frequencies = None
    if kind == "jackknife" and weight_kind == "fweight":  # xtgee's weights are constant within panel
        frequencies = np.zeros(int(codes.max()) + 1)
        frequencies[codes] = weights
    V, n, G, df_r = replicate_variance(session, kind, settings, np.asarray(fit.b, float), refit, codes, cmdname,
                                       frequencies)
    extra = {"N_reps": float(n), "N_clust": float(G)}
    if df_r is not None:
        extra["df_r"] = df_r
    return replace(fit, V=V), extra
