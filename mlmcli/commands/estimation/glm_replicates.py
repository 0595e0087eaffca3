"""``vce(bootstrap)`` and ``vce(jackknife)`` of logit, logistic, probit, cloglog, poisson,
nbreg, ologit and oprobit ([R] logit: "vce(vcetype) may be oim, robust, cluster clustvar,
bootstrap, or jackknife"), as ``_vce_parserun`` runs them through the prefixes:

    vce(bootstrap [, bootstrap_options])    vce(jackknife [, mse nodots cluster(v)])   (bootstrap: docs/bootstrap_options.md)

The full-sample fit runs quietly (no iteration log), then ``(running cmd on estimation
sample)`` and the dots of the generic cluster replicates
(``cluster_replicates.replicate_variance``; each observation its own cluster unless
jackknife's ``cluster(v)``), each replicate the same maximum-likelihood fit on its rows:

- jackknife: V = (n-1)/n sum (b_(j) - bbar)(b_(j) - bbar)' over the n replicates that fit
  (``mse``: about b, ``Jknife *`` over Std. Err. and e(mse)), e(df_r) = n - 1: F(df_m, df_r) = W/df_m, t statistics and intervals on
  df_r degrees of freedom ([R] jackknife), ``Jackknife`` over Std. Err.  fweights: one copy of
  an observation (of every row of a cluster, its fweights constant within it: else r(198)) less
  per replicate (jackknife.ado's ``_loop_jknife_fw``), e(df_r) = N - 1; pweights: the
  observation (cluster) left out (``_loop_jknife_iw``), V times (n-1)/n over every replicate
  (``mlmcli.replicate_variance``), ``Log pseudolikelihood``; iweights: the same loop, each
  replicate weighted by the others' iweights, V
  ``replicate_variance``'s iweight sum (df/(df+1) (n-1)/n, e(df_r) = round(G (n-1)/n));
- bootstrap: V = the replicates' covariance, the Wald chi2, z and normal-based intervals,
  ``Observed``/``Bootstrap``/``Normal-based`` headings.  Weights: bootstrap's "weights not
  allowed" r(101).

A replicate whose fit fails, does not converge or drops a column (perfect prediction) is an
``x`` and left out.  The draws come from mlm's stream, not Stata's.
"""
from __future__ import annotations

import dataclasses

import numpy as np

from mlmcli.errors import StataError


def replicate_request(opts: dict, weight_kind: str | None, command: str, robustok: bool = False,
                      accepted=None, eform_options: dict | None = None) -> tuple[str, dict] | None:
    """(bootstrap|jackknife, its settings) when ``vce()`` asks for replicates, else None.
    ``robust`` beside it is _vce_parserun's r(198) unless ``robustok`` (glm: robust goes to each
    replicate's fit, whose V the prefix replaces); cluster(v) becomes the prefix's clusters
    (``take_command_cluster``).  ``accepted``: the command's OptionSpecs, when its display honours
    bootstrap's display options (``bootstrap_run.hand_display_options``; ``eform_options``: the
    eform headings its own options give)."""
    from mlmcli.commands.estimation.cluster_replicates import replicate_options
    from mlmcli.syntax.options import vce_option

    typed = str(opts.get("vce") or "").strip()
    head = typed.split(",")[0].strip()
    if not head:
        return None
    try:
        kind, args = vce_option(head, (("bootstrap", 4), ("jackknife", 4)))
    except StataError:
        return None
    if kind not in ("bootstrap", "jackknife"):
        return None
    if args:
        raise StataError(f"vcetype '{typed}' not allowed", 198)
    if opts.get("robust") and not robustok:  # _vce_parserun without robustok
        raise StataError("options vce() and robust may not be combined", 198)
    display_ok = accepted is not None
    settings = replicate_options(typed, kind, command, cluster_ok=True, display_ok=display_ok)
    if opts.get("cluster"):  # _vce_parserun hands it to the command; the prefix's checkcluster takes it
        settings["command_cluster"] = str(opts["cluster"]).strip()
    if kind == "bootstrap":  # bootstrap.ado: weights fail its syntax unless force
        from mlmcli.commands.estimation.bootstrap_run import refuse_unsupported

        refuse_unsupported(settings, command, weights=weight_kind, reject_ok=True, display_ok=display_ok)
        if display_ok:
            from mlmcli.commands.estimation.bootstrap_run import hand_display_options

            hand_display_options(settings, opts, command, accepted, eform_options or {})
        vce_level(opts, settings)
    return kind, settings


def vce_level(opts: dict, settings: dict) -> None:
    """level(#) typed in vce(bootstrap, ...): the prefix's level, which its table uses
    (_vce_parserun's Check4Level) unless the command's own level() is typed."""
    if settings.get("level") is not None and opts.get("level") is None:
        opts["level"] = f"{settings['level']:g}"


def take_command_cluster(ds, kind: str, settings: dict, command: str) -> None:
    """The command's own cluster(v) beside vce(bootstrap|jackknife): _vce_parserun hands it to the
    command under the prefix, whose ``_prefix_command ..., checkcluster`` takes it as the prefix's
    cluster(); one typed in vce() too must name the same variable ("option cluster() of
    jackknife conflicts with option cluster() of logit" r(198))."""
    typed = settings.get("command_cluster")
    if not typed:
        return
    own = settings.get("cluster")
    if own and " ".join(ds.resolve(v) for v in own.split()) != ds.resolve(typed):
        raise StataError(f"option cluster() of {kind} conflicts with option cluster() of {command}", 198)
    settings["cluster"] = ds.resolve(typed)


def with_replicate_variance(session, fit, request: tuple[str, dict], sample: np.ndarray, command: str):
    """The fit with the replicates' V (and ``replicate`` set); prints the dots.
    ``sample``: the estimation sample after the fit (rows the fit used)."""
    from mlmcli.commands.estimation.cluster_replicates import jackknife_cluster_codes, replicate_variance
    from mlmcli.commands.estimation.replicate_metric import ReplicatesInMetric
    from mlmcli.glm.fit import fit_glm
    from mlmcli.glm.inference import Replicates
    from mlmcli.ols_jackknife import cluster_frequencies

    kind, settings = request
    spec = fit.spec
    used = np.flatnonzero(np.asarray(fit.used, bool))
    k = len(fit.theta)
    quiet = dataclasses.replace(spec, vce="oim", cluster=None, cluster_var=None)

    def rows_of(values, at):
        return None if values is None else np.asarray(values)[at]

    def refit(rows, new_codes, row_frequencies=None):
        at = used[rows]  # pweights: the others' as typed (_loop_jknife_iw's rescaling changes no b)
        fw = row_frequencies if row_frequencies is not None else rows_of(spec.fweight, at)
        sub = dataclasses.replace(quiet, y=np.asarray(spec.y)[at], X=np.asarray(spec.X)[at],
                                  offset=rows_of(spec.offset, at), fweight=fw, pweight=rows_of(spec.pweight, at),
                                  iweight=rows_of(spec.iweight, at))
        padded = ordinal_replicate(sub, k)
        if padded is not None:
            return padded
        r = fit_glm(sub)
        if not r.converged or len(r.theta) != k or not np.all(r.used):
            raise ValueError("replicate dropped rows or columns")
        in_metric.record(r.theta, r.fitted_metric)
        return r.theta

    take_command_cluster(session.data, kind, settings, command)
    if settings.get("cluster") and kind == "bootstrap":
        from mlmcli.commands.estimation.bootstrap_run import cluster_codes, make_idcluster

        codes = cluster_codes(session.data, settings["cluster"], sample)
        make_idcluster(session, settings)
    elif settings.get("cluster"):
        codes = jackknife_cluster_codes(session.data, settings["cluster"], sample)
    else:
        codes = np.arange(len(used))
    names = fit.param_names()  # reject()'s e(b): the refitted columns (not base or omitted levels)
    estimated = [j for j, lab in enumerate(fit.labels) if not (lab.base or lab.omitted)]
    estimated += list(range(len(fit.labels), len(names)))
    settings.update(_rows=np.flatnonzero(sample), _level=spec.level, _colnames=[names[j] for j in estimated])
    in_metric = ReplicatesInMetric(fit.fitted_metric, estimated)  # fitted on shifted columns: refit records
    frequencies = None
    if kind == "jackknife" and spec.fweight is not None and int(codes.max()) >= 2:  # else r(459) first
        frequencies = cluster_frequencies(np.asarray(spec.fweight, float)[used], codes, settings.get("cluster"))
    weight_kind = "pweight" if spec.pweight is not None else "iweight" if spec.iweight is not None else None
    V, n, G, df_r = replicate_variance(session, kind, settings, fit.theta, refit, codes, command, frequencies,
                                       weight_kind)
    if settings.get("cluster"):  # jackknife.ado, bootstrap.ado: e(N_clust) = the clusters
        settings["n_clusters"] = G
    clusters = (G, " ".join(session.data.resolve(v) for v in settings["cluster"].split())) \
        if settings.get("cluster") else None
    return dataclasses.replace(fit, V=V, robust=False, n_clusters=None,
                               fitted_metric=in_metric.after(session, kind, settings),
                               replicate=Replicates(kind, n, df_r, bool(settings.get("mse")), clusters))


def ordinal_replicate(sub, k: int) -> np.ndarray | None:
    """ologit/oprobit's replicate whose rows lack an outcome category (None when none is absent):
    Stata's fit there has one cutpoint fewer per absent category (cut1.. renumbered over the
    categories present), and bootstrap.ado's/jackknife.ado's loops read each full-sample
    ``_b[cutK:_cons]`` from it: the replicate's own cut1.. in the first places, the last ones
    "not found" and posted missing -- so the replicate leaves V (complete replications only).
    Fewer than two categories: ologit's "outcome does not vary" (the replicate missing)."""
    from mlmcli.glm.fit import fit_glm

    if sub.family != "ordinal":
        return None
    y = np.asarray(sub.y, float)
    if sub.fweight is not None:
        y = y[np.asarray(sub.fweight, float) > 0]
    present = np.unique(y)
    absent = len(sub.categories) - len(present)
    if absent <= 0:
        return None
    if len(present) < 2:
        raise ValueError("outcome does not vary")
    coded = np.searchsorted(present, np.asarray(sub.y, float)) + 1.0
    cats = tuple(sub.categories[int(c) - 1] for c in present)
    r = fit_glm(dataclasses.replace(sub, y=coded, categories=cats))
    if not r.converged or len(r.theta) != k - absent or not np.all(r.used):
        raise ValueError("replicate dropped rows or columns")
    return np.concatenate([np.asarray(r.theta, float), np.full(absent, np.nan)])


def replicate_scalars_and_macros(fit, settings: dict) -> tuple[dict, dict]:
    """e(N_reps), jackknife's e(df_r) (and cluster()'s e(N_clust)); e(vce), e(vcetype), e(prefix)."""
    rep = fit.replicate
    scalars = {"N_reps": float(rep.n)}
    if rep.df_r is not None:  # the header's F(df_m, df_r) as e(F) in place of e(chi2)
        scalars["df_r"] = float(rep.df_r)
        scalars["F"] = fit.result().chi2
    macros = {"vce": rep.kind, "vcetype": rep.vcetype, "prefix": rep.kind, "chi2type": "Wald"}
    if rep.mse:
        macros["mse"] = "mse"
    if settings.get("cluster"):
        macros["clustvar"] = settings["cluster"]
    if settings.get("n_clusters") is not None:
        scalars["N_clust"] = float(settings["n_clusters"])
    return scalars, macros


def drop_chi2_under_jackknife(scalars: dict) -> None:
    if "F" in scalars:
        scalars.pop("chi2", None)
