"""fpfit's ``estcmd(stcrreg) estopts(compete(...) vce(jackknife, saving() keep n() reject()
idcluster()))``: stcrreg under the prefix in each fit fracpoly makes
(``graphs.fpfit_ml_jackknife.prefixed_fracpoly``, as for stcox and streg).

stcrreg's ``_vce_parserun ..., stdata`` runs ``jackknife _b: stcrreg ...`` for every fit of
frac_154, its clusters the prefix's cluster(), else stcrreg's cluster(), else stset's id(), else
the records:

1. the first fit, not captured: stcrreg on the linear covariate alone;
2. the candidates under ``capture``, their terms temporary variables;
3. the final model on fracgen's ``Iy__1 Iy__2`` (centred), not captured.

e(b)'s columns are in the equation ``_t`` (``_t_b_Iy__1 ... _t_b_x``; after tvc() ``main:`` and
``tvc:``), as the plain stcrreg's here (``stcrreg_jackknife_outputs``).  ``saving()`` holds the last
fit's replicates (without ``replace`` the second fit fails: the note); ``keep``'s ``_t_b_x`` exists after
the first fit, so every later fit fails: the note; ``reject()``/``n()`` see each fit's e(): e(b),
e(V) (the inverse information of the replicate: stcrreg's robust variance is not computed
there), e(cmd) ``stcrreg``, e(depvar) ``_t``, e(N), e(N_sub), e(N_fail), e(N_compete),
e(N_censor), e(ll), e(rank), e(converged).  ``idcluster()`` numbers the clusters in the data
fracpoly's caller preserved: nothing is left after the graph.  With stset fweights and pweights
each replicate is jackknife.ado's weighted loop's (``fpfit_ml_jackknife._PrefixRun``: fweights
one copy of the cluster less, pweights the cluster left out and the others times G/(G-1),
rescaled by stcrreg to sum to the records: b unchanged), as the plain command's; e(N), e(N_sub),
e(N_fail) ... count fweights' copies.
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError


def prefixed_stcrreg(ctx, s, fp_settings, z, covariate, refit, cluster, cluster_var, best_model, subjects,
                     status, names, constraints, start_head, others, weights=None, boot=None):
    """(model, e(b), e(V), e(df_r)) of fracpoly's stcrreg under jackknife's outputs (module
    docstring), or under bootstrap with reject() (``boot``: strata() codes, saving()'s writer and
    ``renumbering_for(k)``; graphs.fpfit_competing_bootstrap); None: fracpoly failed.  ``refit`` the CompetingRefit of the sample (its
    ``b`` the starting values: 0 here, each fit's own size), ``constraints(head, k, others,
    final)`` the fits' (R, r), ``names`` (y, x), ``weights`` stset's weights as typed on the rows."""
    from mlmcli.graphs.fpfit_ml_jackknife import PrefixedCommand, prefix_hooks, prefixed_fracpoly
    from mlmcli.survival.subdistribution_replicates import replicate_refit
    from mlmcli.survival.subdistribution_hazard import CompetingData

    from mlmcli.survival.subdistribution_hazard import stcrreg_weights

    kind = s.weight_kind or None
    typed = None if kind is None else np.asarray(weights, float)
    tvc_names = list(s.tvc)

    def layout(fp_names):
        terms = [n for n in fp_names if n != "_cons"] + [names[1]]
        if tvc_names:
            return ["main"] * len(terms) + ["tvc"] * len(tvc_names), terms + tvc_names
        return ["_t"] * len(terms), terms  # stcrreg.ado's `ml model (_t = xvars)`

    def estimate(X, keep, final, scalars, centre):
        design = np.column_stack([X[:, :-1], covariate])
        k = design.shape[1] + len(tvc_names)
        data = CompetingData(t=refit.t, status=refit.status, X=design, offset=refit.offset,
                             w=None if kind is None else stcrreg_weights(kind, typed))
        fit = replicate_refit(data, refit.t0, refit.ids, np.zeros(k), {}, Z=refit.tvc[0], g=refit.tvc[1],
                              constraints=constraints(start_head, X.shape[1] - 1, others, final))
        idx = np.arange(refit.t.size) if keep is None else np.flatnonzero(keep)
        frequencies = None  # the weighted loop's replicate weights (PrefixedCommand.estimate's keep)
        if keep is not None and kind is not None and keep.dtype != bool:
            frequencies = stcrreg_weights(kind, keep[idx])
        counted = None if kind != "fweight" else (typed[idx] if frequencies is None else frequencies)
        try:
            b, V, ll = fit(idx, np.zeros(idx.size), frequencies, True)
        except ValueError as err:
            from mlmcli.graphs.fpfit_models import FracpolyFailed

            raise FracpolyFailed(str(err)) from None
        return b, V, _scalars(status[idx], subjects[idx], b, V, ll, counted) if scalars else {}

    def command_line(fp_names):
        return " ".join(["stcrreg"] + [n for n in fp_names if n != "_cons"] + [names[1]])

    command = PrefixedCommand("stcrreg", "_t", "_", (), estimate, int(z.size), layout=layout,
                              command_line=command_line, weight_kind=kind, weights=typed,
                              nodrop=getattr(s, "nodrop", None))
    run = None
    if boot is not None:  # vce(bootstrap, reject() ...): the prefix in every fit
        from mlmcli.graphs.fpfit_competing_bootstrap import CompetingBootRefit, CompetingBootstrapRun

        strata, write, renumbering_for = boot
        boot_refit = CompetingBootRefit(refit, len(tvc_names),
                                        lambda k_terms, final: constraints(start_head, k_terms, others, final),
                                        renumbering_for)
        run = CompetingBootstrapRun(ctx, prefix_hooks(ctx), s.replicates, s.bootstrap, boot_refit, covariate, layout,
                                    subjects, status, cluster, strata, write, scalars=_scalars)
    return prefixed_fracpoly(prefix_hooks(ctx), command, s.replicates, dict(fp_settings, constant=True), z,
                             names[0], cluster, cluster_var, best_model, uncentre=False, run=run)


def _scalars(status, subject, b, V, ll, frequencies=None) -> dict:
    """The e() scalars reject() and n() see after one stcrreg fit (module docstring);
    ``frequencies`` stset's fweights on the rows (their copies counted)."""
    from mlmcli.postest.coefficient_rows import safe_rank

    f = np.ones(status.size) if frequencies is None else np.asarray(frequencies, float)
    last, fl = status[subject], f[subject]  # 1 the failure of interest, 2 the competing one, 0 censored
    rank = float(safe_rank(V))
    return {"N": float(f.sum()), "N_sub": float(fl.sum()), "N_fail": float(fl[last == 1].sum()),
            "N_compete": float(fl[last == 2].sum()), "N_censor": float(fl[last == 0].sum()),
            "ll": float(ll), "df_m": rank, "rank": rank, "converged": 1.0}


def nodrop_replicates(ds, s, touse, fit_rows) -> tuple | None:
    """jackknife's ``nodrop`` with n() or nocount in each of fracpoly's fits: the prefix's touse is
    frac_154's (``stcrreg ... if touse``: the plot's rows with y, x and _t), so its rows stcrreg
    drops (a missing offset(), tvc() or cluster() variable, a zero or missing stset weight) are
    replicates (or clusters) of their own (commands.estimation.stcrreg_jackknife_nodrop).
    (each replicate's touse rows -- the fit's clusters in sorted order, then the added ones --,
    the added replicates' fweights or None, the fit's replicates without one of their own or
    None), or None when there are none.  A missing cluster value among them, two clusters or
    fewer, or fweights not constant within a cluster: jackknife fails inside fracpoly
    (StCommandFailed: the note).  stset fweights (``_fweight_replicates``): a zero one on a
    replicate's rows stops jackknife in fracpoly's first fit (the loop's ``streset`` of -1,
    "negative weights encountered" r(402), not captured there): the note; a missing one posts a
    missing multiplier and takes a replicate's place."""
    from mlmcli.graphs.fpfit_st_common import StCommandFailed

    settings = (s.replicates.jackknife or {}) if s.replicates is not None else {}
    touse = np.asarray(touse, bool)
    if not settings.get("nodrop") or not np.any(touse & ~fit_rows):
        return None
    cluster_var = s.replicate_cluster or s.cluster or ds.chars.get("st_id") or None
    if cluster_var:
        values = ds.numeric(cluster_var)[touse]
        if not np.all(np.isfinite(values)):
            raise StCommandFailed()  # "missing values not allowed in cluster variable"
        codes = np.unique(values, return_inverse=True)[1].reshape(-1)
    else:
        codes = np.arange(int(touse.sum()))
    inside = fit_rows[touse]
    fitted = np.unique(codes[inside])  # the fit's clusters (sorted), then the added ones
    added = np.setdiff1d(np.unique(codes), fitted)
    if fitted.size + added.size <= 2:
        raise StCommandFailed()
    order = np.concatenate([fitted, added])
    sizes = np.bincount(codes)[order]
    if s.weight_kind != "fweight":
        return sizes, None, None
    return (sizes,) + _fweight_replicates(s, np.asarray(s.weights, float)[touse], codes, inside, fitted, added,
                                          cluster_var)


def _fweight_replicates(s, fw, codes, inside, fitted, added, cluster_var) -> tuple:
    """(the added replicates' frequencies, the fit's replicates without one of their own or None)
    under jackknife.ado's counts (``regress_jackknife.fweight_units``): with clusters each
    cluster's frequency; without, ``summarize``'s r(N) replicates -- the rows with a frequency --,
    the first that many touse rows in data order, so with a missing frequency the last rows have
    none of their own (their multiplier missing here: out of V and e(df_r), as absent)."""
    from mlmcli.graphs.fpfit_st_common import StCommandFailed
    from mlmcli.panel.replicates import constant_within

    if cluster_var and not constant_within(fw, codes):
        raise StCommandFailed()  # "fweights must be constant within"
    first = np.full(int(codes.max()) + 1, np.nan)
    first[codes[::-1]] = fw[::-1]
    own = np.ones(first.size, bool)  # the replicate has its own place in the loop
    if not cluster_var:
        own = np.arange(first.size) < int(np.isfinite(fw).sum())
    if np.any(own & (first == 0)):  # the loop's streset of -1: r(402) in fracpoly's first fit
        raise StCommandFailed()
    missing = np.flatnonzero(~own[fitted])
    if (np.any(~np.isfinite(first[added])) or missing.size) and s.replicates.saving is not None:
        raise StataError("estopts(): vce(jackknife, nodrop saving()) with a missing stset fweight among fracpoly's "
                         "observations not supported by mlmcli with estcmd(stcrreg)", 198)
    frequencies = np.where(own[added], first[added], np.nan)
    return frequencies, (missing if missing.size else None)
