"""fpfit ``estcmd(streg)``'s replicate variances (``vce(jackknife|bootstrap)``): streg refitted on
each replicate's records from the final model's estimates (``streg_refit_on``; bootstrap's
idcluster()/group() over what streg reads rebuilt by ``fpfit_streg_renumber``), the variance of
the final model (``streg_replicate_variance``), and the candidates bootstrap's reject() leaves
fracpoly (``streg_bootstrap_allowed``).  Split from ``graphs.fpfit_streg``."""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError, is_mlm_refusal
from mlmcli.sorted_codes import row_codes


def streg_replicate_variance(ctx, vce, theta, terms, tail, aux_X, columns, dist, aft, frailty, cluster, failed,
                             constraints=(None, None), boot=None, renumbering=None):
    """(V, e(df_r)) of the final model under vce(jackknife|bootstrap) (``fpfit_ml_replicates``):
    streg refitted on each replicate's records -- jackknife leaving out one cluster (subject,
    shared() group or cluster()) or record, bootstrap drawing them with replacement (``seed()``,
    else the graph's stream); fracpoly's search is the full-sample fit's.  ``constraints``: the
    fits' (R, r) without and with frailty, or None."""
    from mlmcli.graphs.fpfit_bootstrap import generator
    from mlmcli.graphs.fpfit_ml_replicates import replicate_groups, replicate_variance
    from mlmcli.graphs.fpfit_models import FracpolyFailed

    X = np.column_stack([terms] + tail)
    n = X.shape[0]
    codes = np.unique(cluster, return_inverse=True)[1] if cluster is not None else np.arange(n)
    refit = streg_refit_on(vce, X, theta, codes, aux_X, columns, dist, aft, frailty, constraints, renumbering)
    units = int(codes.max()) + 1
    # bootstrap: seed() restarts the session's stream, else it carries on; jackknife draws nothing
    rng = generator(vce, ctx) if vce.kind == "bootstrap" else None
    try:
        if boot is not None:  # saving() at the first fit; the draws of strata() size() cluster()
            boot.first_fit()
            return boot.variance(np.asarray(theta, float), refit, *boot.names, rng=rng), float("nan")
        if vce.kind == "bootstrap":
            return replicate_variance(vce, theta, refit, units, None, rng)
        replicate_groups(n, cluster)  # two clusters or fewer: r(459), inside fracpoly's capture
        return replicate_variance(vce, theta, refit, n, cluster, rng)
    except (FracpolyFailed, StataError) as failure:
        if is_mlm_refusal(failure):
            raise
        raise failed() from None


def streg_refit_on(vce, X, theta, codes, aux_X, columns, dist, aft, frailty, constraints, renumbering=None):
    """streg's e(b) on a replicate's records, from ``theta``: (chosen, numbers=None) -> e(b);
    ``renumbering``: bootstrap's idcluster()/group() over what streg reads (fpfit_streg_renumber)."""
    from mlmcli.graphs.fpfit_models import FracpolyFailed
    from mlmcli.survival.parametric_fit import StregData, fit
    from mlmcli.survival.parametric_frailty import FrailtyData, fit_frailty

    def refit(chosen, numbers=None):
        # bootstrap draws clusters (indices into 0..units-1), jackknife passes the records kept;
        # ``numbers``: bootstrap's prefix (``boot``) passes the records drawn and their new clusters
        if numbers is not None:
            rows, draw = np.asarray(chosen), np.asarray(numbers)
        elif vce.kind == "bootstrap":  # each draw a new cluster (bootstrap's idcluster())
            parts = [np.flatnonzero(codes == g) for g in chosen]
            rows = np.concatenate(parts)
            draw = np.repeat(np.arange(len(parts)), [p.size for p in parts])
        else:
            rows = np.asarray(chosen)
            draw = np.zeros(rows.size)
        t0, t, d, w, offset = (None if c is None else c[rows] for c in columns)
        design, aux, renumbered_groups = X[rows], [A[rows] for A in aux_X], None
        if renumbering is not None and numbers is not None:  # the replicate reads bsample's numbers
            groups = frailty[1][rows] if frailty is not None and frailty[2] else None
            design, t0, t, d, offset, aux, renumbered_groups = renumbering.apply(rows, draw, design, t0, t, d,
                                                                                 offset, aux, groups)
            renumbered_groups = None if renumbered_groups is groups else renumbered_groups
        data = StregData(t0, t, d, w, [design] + aux, dist.name, aft, offset)
        res, _ = fit(data, theta[:sum(D.shape[1] for D in data.designs)], constraints=constraints[0])
        if frailty is not None and res.converged:
            kind, groups, shared = frailty
            regrouped = (renumbered_groups if renumbered_groups is not None else
                         row_codes([draw, groups[rows]])
                         if shared else np.arange(rows.size))
            res, _ = fit_frailty(FrailtyData(data, kind, regrouped, shared), res.x, variance=False,
                                 constraints=constraints[1])
        if not res.converged:
            raise FracpolyFailed("convergence not achieved")
        return res.x
    return refit


def streg_bootstrap_allowed(ctx, vce, z, settings, tail, aux_X, columns, dist, aft, frailty, cluster_var, rows, xname,
                            others, constraints_of, full_fit, ended, failed, renumbering=None):
    """The candidates fracpoly with streg may choose from under bootstrap's prefix (reject() in each
    fit before the final one: ``graphs.fpfit_prefix_fits``; the first fit streg on the covariate
    alone); None: all.  ``full_fit(X)``: streg's full-sample result on the FP terms X."""
    from mlmcli.graphs.fpfit_bootstrap import settings_of
    from mlmcli.graphs.fpfit_bootstrap_prefix import streg_prefix
    from mlmcli.graphs.fpfit_models import FracpolyFailed
    from mlmcli.graphs.fpfit_prefix_fits import bootstrap_allowed

    if not settings_of(vce).get("reject"):
        return None
    ds = ctx.data
    codes = np.arange(len(z)) if cluster_var is None else np.unique(ds.numeric(cluster_var)[rows], return_inverse=True)[1]
    prefix = streg_prefix(ctx, vce, np.flatnonzero(rows), cluster_var, xname, [], failed)

    last = {}  # bootstrap_allowed asks for a design's replicates right after its full-sample fit

    def estimate(X):
        res = full_fit(X)
        if not ended(res):
            raise FracpolyFailed("convergence not achieved")
        last["b"] = res.x
        return res.x

    def refit_on(X):
        return streg_refit_on(vce, np.column_stack([X] + tail), last["b"], codes, aux_X, columns, dist, aft, frailty,
                         constraints_of(X.shape[1]), renumbering)

    def labels(names, size):
        full = [("_t", n) for n in names] + [tuple(label.split(":", 1)) for label in others]
        return [n for _, n in full][:size], [e for e, _ in full][:size]
    try:
        return bootstrap_allowed(prefix, z, {**settings, "constant": False}, estimate, refit_on, labels, True)
    except FracpolyFailed:
        raise failed() from None
