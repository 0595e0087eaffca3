"""fpfit's ``estcmd(stcrreg) estopts(compete(...) vce(jackknife, saving() keep n() reject()
idcluster()))``: stcrreg under the prefix in each fit fracpoly makes
(``graphs.fpfit_ml_jackknife.prefixed_fracpoly``, as for stcox and streg).

stcrreg's ``_vce_parserun ..., stdata`` runs ``jackknife _b: stcrreg ...`` for every fit of
frac_154, its clusters the prefix's cluster(), else stcrreg's cluster(), else stset's id(), else
the records:

1. the first fit, not captured: stcrreg on the linear covariate alone;
2. the candidates under ``capture``, their terms temporary variables;
3. the final model on fracgen's ``Iy__1 Iy__2`` (centred), not captured.

e(b)'s columns have no equation (``_b_Iy__1 ... _b_x``; after tvc() ``main:`` and ``tvc:``), as
the plain stcrreg's here (``stcrreg_jackknife_outputs``).  ``saving()`` holds the last fit's
replicates (without ``replace`` the second fit fails: the note); ``keep``'s ``_b_x`` exists after
the first fit, so every later fit fails: the note; ``reject()``/``n()`` see each fit's e(): e(b),
e(V) (the inverse information of the replicate: stcrreg's robust variance is not computed
there), e(cmd) ``stcrreg``, e(depvar) ``_t``, e(N), e(N_sub), e(N_fail), e(N_compete),
e(N_censor), e(ll), e(rank), e(converged).  ``idcluster()`` numbers the clusters in the data
fracpoly's caller preserved: nothing is left after the graph.  With stset weights mlm refuses
these outputs (the weighted loops' rows are not passed to the prefix here).
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError


def prefixed_stcrreg(ctx, s, fp_settings, z, covariate, refit, cluster, cluster_var, best_model, subjects,
                     status, names, constraints, start_head, others):
    """(model, e(b), e(V), e(df_r)) of fracpoly's stcrreg under jackknife's outputs (module
    docstring); None: fracpoly failed.  ``refit`` the CompetingRefit of the sample (its
    ``b`` the starting values: 0 here, each fit's own size), ``constraints(head, k, others,
    final)`` the fits' (R, r), ``names`` (y, x)."""
    from mlmcli.graphs.fpfit_ml_jackknife import PrefixedCommand, prefix_hooks, prefixed_fracpoly
    from mlmcli.survival.subdistribution_replicates import replicate_refit
    from mlmcli.survival.subdistribution_hazard import CompetingData

    if s.weight_kind:
        raise StataError("estopts(): vce(jackknife) with saving(), keep, n(), reject() or idcluster() and stset "
                         "weights with estcmd(stcrreg) not supported by mlmcli", 198)
    tvc_names = list(s.tvc)

    def layout(fp_names):
        terms = [n for n in fp_names if n != "_cons"] + [names[1]]
        if tvc_names:
            return ["main"] * len(terms) + ["tvc"] * len(tvc_names), terms + tvc_names
        return ["_"] * len(terms), terms

    def estimate(X, keep, final, scalars, centre):
        design = np.column_stack([X[:, :-1], covariate])
        k = design.shape[1] + len(tvc_names)
        data = CompetingData(t=refit.t, status=refit.status, X=design, offset=refit.offset)
        fit = replicate_refit(data, refit.t0, refit.ids, np.zeros(k), {}, Z=refit.tvc[0], g=refit.tvc[1],
                              constraints=constraints(start_head, X.shape[1] - 1, others, final))
        idx = np.arange(refit.t.size) if keep is None else np.flatnonzero(keep)
        try:
            b, V, ll = fit(idx, np.zeros(idx.size), None, True)
        except ValueError as err:
            from mlmcli.graphs.fpfit_models import FracpolyFailed

            raise FracpolyFailed(str(err)) from None
        return b, V, _scalars(status[idx], subjects[idx], b, V, ll) if scalars else {}

    def command_line(fp_names):
        return " ".join(["stcrreg"] + [n for n in fp_names if n != "_cons"] + [names[1]])

    command = PrefixedCommand("stcrreg", "_t", "_", (), estimate, int(z.size), layout=layout,
                              command_line=command_line)
    return prefixed_fracpoly(prefix_hooks(ctx), command, s.replicates, dict(fp_settings, constant=True), z,
                             names[0], cluster, cluster_var, best_model, uncentre=False)


def _scalars(status, subject, b, V, ll) -> dict:
    """The e() scalars reject() and n() see after one stcrreg fit (module docstring)."""
    from mlmcli.postest.coefficient_rows import safe_rank

    last = status[subject]  # 1 the failure of interest, 2 the competing one, 0 censored
    rank = float(safe_rank(V))
    return {"N": float(status.size), "N_sub": float(subject.sum()), "N_fail": float(np.sum(last == 1)),
            "N_compete": float(np.sum(last == 2)), "N_censor": float(np.sum(last == 0)),
            "ll": float(ll), "df_m": rank, "rank": rank, "converged": 1.0}
