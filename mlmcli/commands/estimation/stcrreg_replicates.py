"""stcrreg's own ``vce(jackknife [, mse nodots cluster(v)])`` and ``vce(bootstrap [, reps(#)
seed(#) strata() cluster() ...])`` ([ST] stcrreg: vce(robust|cluster clustvar|bootstrap|jackknife)).

stcrreg.ado starts with ``_vce_parserun stcrreg, mark(OFFset CLuster) stdata ...``, as streg and
stcox do: the replicates' clusters are the stset id()'s subjects (a subject's records left out
or drawn together), else jackknife's (or bootstrap's) own cluster(), else the records;
stcrreg's cluster(v) beside the vce() is the replicates' (``streg_replicates.replicate_request``:
the same rules and refusals -- stset weights with bootstrap, pweights and iweights with
jackknife, ``robust`` beside the vce()).  Each replicate is the same Fine and Gray fit on the
records kept or drawn -- the censoring distribution's Kaplan-Meier re-estimated on them, a drawn
subject a subject of its own (its records still one subject's) -- by Newton-Raphson from the
full-sample estimates (the optimum is the same).  V is the jackknife's or the bootstrap's
(``cluster_replicates.replicate_variance``, ``bootstrap_run``); no robust variance is computed.

The prefix runs stcrreg quietly (``(running stcrreg on estimation sample)`` and its dots), then
stcrreg's replay: DiHeader's counts, ``Replications = #`` (e(N_reps)), under jackknife
``F(df_m, df_r)`` and ``Prob > F`` (_prefix_model_test: F = W/df_m, e(df_r) = clusters - 1),
under bootstrap the Wald chi2; the table under ``Bootstrap``/``Jackknife`` (t statistics on
df_r after jackknife; ``(Replications based on N clusters in v)`` over it).
Refused (not supported by mlmcli): tvc() and constraints() with the replicates.
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError


def replicate_request(opts: dict, ds, desc):
    """(bootstrap|jackknife, settings) from vce(), else None."""
    from mlmcli.commands.estimation.streg_replicates import replicate_request as st_request

    request = st_request(opts, ds, desc, command="stcrreg")
    if request is None:
        return None
    for name in ("tvc", "constraints"):  # the replicates' refit has neither
        if opts.get(name) is not None:
            raise StataError(f"vce({request[0]}) with {name}() not supported by mlmcli with stcrreg", 198)
    return request


def replicate_fit(session, request, data, t0, ids, b, control, sample, desc, wkind):
    """(V, e() additions) of stcrreg under the replicates; prints the dots.  ``data`` the
    estimation sample's CompetingData, ``t0`` its entry times, ``ids`` its stset id() values
    (None without id())."""
    from mlmcli.commands.estimation.streg_replicates import cluster_codes, summarized_variance

    settings = request[1]
    codes, name = cluster_codes(session, settings, sample, desc)
    refit = replicate_refit(data, t0, ids, b, control)
    return summarized_variance(session, request, b, refit, codes, name, data.w, wkind, "stcrreg")


def replicate_refit(data, t0, ids, b, control):
    """``refit(rows, new_codes[, row_frequencies])``: the Fine and Gray estimates on those
    records (``new_codes`` each kept or drawn unit's own number: with id() a subject is its
    (unit, id) pair, so a subject drawn twice is two subjects)."""
    from dataclasses import replace

    from mlmcli.survival.subdistribution_grid import GridSubdistribution, subject_records
    from mlmcli.survival.subdistribution_hazard import fit_subdistribution

    def refit(rows, new_codes, row_frequencies=None):
        w = (data.w[rows] if data.w is not None else None) if row_frequencies is None else row_frequencies
        sub = replace(data, t=data.t[rows], status=data.status[rows], X=data.X[rows], offset=data.offset[rows], w=w)
        subjects = None
        if ids is not None:
            pairs = np.column_stack([np.asarray(new_codes, float), ids[rows]])
            subjects = np.unique(pairs, axis=0, return_inverse=True)[1].reshape(-1)
        try:
            records = subject_records(subjects, t0[rows], sub.t)
            likelihood = None
            if records is not None:
                likelihood = GridSubdistribution(sub, None, None, t0=t0[rows], last=records[0], first=records[1])
            _, res, _ = fit_subdistribution(sub, b, likelihood=likelihood, **control)
        except StataError as err:
            raise ValueError(err.message) from None
        if not res.converged:
            raise ValueError("replicate did not converge")
        return res.x

    return refit
