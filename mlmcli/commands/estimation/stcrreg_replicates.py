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
    from mlmcli.survival.subdistribution_replicates import replicate_refit

    settings = request[1]
    codes, name = cluster_codes(session, settings, sample, desc)
    refit = replicate_refit(data, t0, ids, b, control)
    return summarized_variance(session, request, b, refit, codes, name, data.w, wkind, "stcrreg")
