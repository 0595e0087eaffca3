"""stcox's own ``vce(jackknife [, mse nodots cluster(v)])`` and ``vce(bootstrap [, reps(#) seed(#)
nodots])`` ([ST] stcox: vce(oim|robust|cluster clustvar|bootstrap|jackknife)).

stcox.ado starts, as streg.ado does, with ``_vce_parserun stcox, stdata``: the replicates'
clusters are the stset id()'s subjects (a subject's records left out or drawn together), else
jackknife's own cluster(v), else the records; stcox's cluster(v) beside the vce() is the
replicates' (``streg_replicates.replicate_request``: the same rules and refusals).  Each
replicate is the same partial-likelihood fit (ties, strata(), offset()) on the records kept or
drawn (a drawn record counted as often as it is drawn), Newton-Raphson from b = 0 as stcox's
own fit.  V is the jackknife's (n-1)/n sum of squared deviations from the replicates' mean (mse:
from the full-sample b) or the bootstrap's sample covariance (``mlmcli.replicate_variance``,
``mlmcli.panel.bootstrap``).

The prefix runs stcox quietly (``(running stcox on estimation sample)`` and the dots), then the
replay: the title, st_hcd's block with ``Log likelihood`` (e(crittype) stays log likelihood), the
Wald chi2 after bootstrap or ``F(df_m, df_r)`` after jackknife (_prefix_model_test: F = W/df_m,
e(df_r) = clusters - 1), and the table under ``Jackknife``/``Bootstrap`` (t statistics on df_r
after jackknife; ``(Replications based on N clusters in v)`` over it).
stset pweights and iweights under jackknife: each replicate the weighted partial-likelihood fit
on the records kept, summed as jackknife.ado does ((n-1)/n for pweights, [iw = (n-1)/n] for
iweights; streg's rules, ``streg_replicates``).
Refused (not supported by mlmcli): tvc() and shared() with the replicates (their refits split
records or estimate a frailty) and weights with bootstrap (streg's rules).
"""
from __future__ import annotations

from functools import partial

import numpy as np

from mlmcli.errors import StataError


def replicate_request(opts: dict, ds, desc, accepted=None):
    """(bootstrap|jackknife, settings) from vce(), else None (``accepted``: stcox's display
    options that take vce(bootstrap, ...)'s)."""
    from mlmcli.commands.estimation.streg_replicates import replicate_request as st_request

    request = st_request(opts, ds, desc, command="stcox", accepted=accepted, eform_options={"Haz. Ratio": "hr"})
    if request is not None and opts.get("tvc") is not None:
        raise StataError(f"vce({request[0]}) with tvc() not supported by mlmcli with stcox", 198)
    return request


def replicate_fit(session, request, data, strata, b, control, sample, desc, wkind):
    """(V, e() additions) of stcox under the replicates; prints the dots."""
    from dataclasses import replace

    from mlmcli.commands.estimation.streg_replicates import cluster_codes, summarized_variance
    from mlmcli.survival.cox import fit_cox
    from mlmcli.survival.cox_strata import build_likelihood

    from mlmcli.survival.st_bootstrap_renumbering import st_renumbering

    settings = request[1]
    codes, name = cluster_codes(session, settings, sample, desc)
    renumbered = st_renumbering(session, request, codes, sample, settings.get("_reads", ()), "stcox",
                                **settings.get("_rebuilt", {}))

    def refit(rows, new_codes, row_frequencies=None, renumber=True):
        w = data.w[rows] if row_frequencies is None else row_frequencies
        t0, t, d, X = data.t0[rows], data.t[rows], data.d[rows], data.X[rows]
        offset = None if data.offset is None else data.offset[rows]
        these_strata = None if strata is None else strata[rows]
        if renumbered is not None and renumber:  # idcluster()/group() over what stcox reads
            new = renumbered.values(rows, new_codes)
            t0, t, d = renumbered.times(new, t0, t, d)
            renumbered.check_levels(new, rows)  # i.k's columns other than the full fit's: missing
            X, offset = renumbered.design(new, X, rows), renumbered.offset(new, offset)
            these_strata = renumbered.strata_codes(new, these_strata, rows)
        sub = replace(data, t0=t0, t=t, d=d, X=X, w=w, offset=offset)
        likelihood, _ = build_likelihood(sub, these_strata, None, None)
        try:
            _, res, _, _ = fit_cox(likelihood.data, likelihood=likelihood, **control)
        except StataError as err:
            raise ValueError(err.message) from None
        if not res.converged:
            raise ValueError("replicate did not converge")
        return res.x

    if renumbered is not None:  # bca's JKAccel jackknife takes no idcluster(): the data as they are
        refit.unrenumbered = partial(refit, renumber=False)
    return summarized_variance(session, request, b, refit, codes, name, data.w, wkind, "stcox")
