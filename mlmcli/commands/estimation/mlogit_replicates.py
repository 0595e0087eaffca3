"""mlogit's ``vce(jackknife [, mse nodots cluster(v)])`` and ``vce(bootstrap [, reps(#) seed(#)
nodots])`` ([R] mlogit: vce(oim|robust|cluster clustvar|bootstrap|jackknife)), as mlogit.ado's
``_vce_parserun mlogit`` runs them: logit's rules (``glm_replicates.replicate_request``: robust
beside the vce() r(198), cluster(v) the replicates' clusters, weights with bootstrap r(101)).

The full-sample fit runs quietly, then ``(running mlogit on estimation sample)`` and the dots;
each replicate is the same multinomial fit (outcomes, base outcome, weights) on the observations
kept or drawn; one in which an outcome is absent (e(b) changes shape) or the fit does not
converge is an ``x`` and left out.  Jackknife: V = (n-1)/n sum (b_(j) - bbar)(b_(j) - bbar)'
(mse: about b), e(df_r) = n - 1, the header's F(df_m, df_r) = W/df_m and t statistics;
bootstrap: V the replicates' covariance, the Wald chi2, z and normal-based intervals
(``mlmcli.replicate_variance``, ``cluster_replicates.replicate_variance``).  The header's
``Replications`` line is logit's (``glm_table.render_header``).
Refused (not supported by mlmcli): constraints() and from() with the replicates.
"""
from __future__ import annotations

import dataclasses

import numpy as np

from mlmcli.errors import StataError


def replicate_request(opts: dict, weight_kind: str | None, accepted=None):
    """(bootstrap|jackknife, settings) from vce(), else None; ``accepted``: mlogit's OptionSpecs
    (bootstrap's display options go to its table)."""
    from mlmcli.commands.estimation.glm_replicates import replicate_request as glm_request

    request = glm_request(opts, weight_kind, "mlogit", accepted=accepted, eform_options={"RRR": "rrr"})
    if request is not None and (opts.get("constraints") is not None or opts.get("from") is not None):
        raise StataError(f"vce({request[0]}) with constraints() or from() not supported by mlmcli with mlogit", 198)
    return request


def with_replicate_variance(session, fit, request, sample: np.ndarray):
    """The fit with the replicates' V and ``replicate`` set; prints the dots."""
    from mlmcli.commands.estimation.cluster_replicates import replicate_cluster_codes, replicate_variance
    from mlmcli.commands.estimation.glm_replicates import take_command_cluster
    from mlmcli.glm.inference import Replicates
    from mlmcli.commands.estimation.replicate_metric import ReplicatesInMetric
    from mlmcli.glm.multinomial import fit_multinomial
    from mlmcli.ols_jackknife import cluster_frequencies

    kind, settings = request
    spec = fit.spec
    k = len(fit.theta)

    def rows_of(values, rows):
        return None if values is None else np.asarray(values)[rows]

    def refit(rows, new_codes, row_frequencies=None):
        y = spec.y[rows]
        if len(np.unique(y)) != spec.K:
            raise ValueError("an outcome is absent from the replicate")
        fw = row_frequencies if row_frequencies is not None else rows_of(spec.fweight, rows)
        sub = dataclasses.replace(spec, y=y, X=spec.X[rows], fweight=fw, pweight=rows_of(spec.pweight, rows),
                                  iweight=rows_of(spec.iweight, rows), vce="oim", cluster=None, cluster_var=None)
        r = fit_multinomial(sub, fit.level)
        if not r.converged or len(r.theta) != k:
            raise ValueError("replicate did not converge")
        in_metric.record(r.theta, r.fitted_metric)
        return r.theta

    take_command_cluster(session.data, kind, settings, "mlogit")
    names = fit.column_names()  # reject()'s e(b): the refitted columns
    settings.update(_rows=np.flatnonzero(sample), _level=fit.level, _colnames=[names[j] for j in fit.positions()])
    in_metric = ReplicatesInMetric(fit.fitted_metric, fit.positions())  # fitted on shifted columns
    codes = (replicate_cluster_codes(session.data, kind, settings["cluster"], sample) if settings.get("cluster")
             else np.arange(len(spec.y)))
    frequencies = None
    if kind == "jackknife" and spec.fweight is not None and int(codes.max()) >= 2:  # else r(459) first
        frequencies = cluster_frequencies(np.asarray(spec.fweight, float), codes, settings.get("cluster"))
    weight_kind = "pweight" if spec.pweight is not None else "iweight" if spec.iweight is not None else None
    V, n, G, df_r = replicate_variance(session, kind, settings, fit.theta, refit, codes, "mlogit", frequencies,
                                       weight_kind)
    name = settings.get("cluster")
    if name:
        settings["n_clusters"] = G
    return dataclasses.replace(fit, V=V, robust=False, n_clusters=G if name else None,
                               fitted_metric=in_metric.after(session, kind, settings),
                               spec=dataclasses.replace(spec, cluster_var=" ".join(session.data.resolve(v) for v in name.split()) if name else None),
                               replicate=Replicates(kind, n, df_r, bool(settings.get("mse"))))
