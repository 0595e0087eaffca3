"""glm's replicate variances ([R] glm: vce(oim|opg|robust|cluster|eim|hac|jackknife|jackknife1|
bootstrap|unbiased)):

- ``vce(bootstrap [, reps(#) seed(#) nodots])`` and ``vce(jackknife [, mse nodots cluster(v)])``:
  glm.ado starts with ``_vce_parserun glm, bootopts(noheader notable) jkopts(noheader notable)``,
  so glm runs under the prefix, which prints ``(running glm on estimation sample)`` and its dots
  but neither header nor table; glm.ado then multiplies V by e(vf) (vfactor(): "bootstrap and
  jackknife are not aware of vfactor()") and prints its own header and table (e(vcetype)
  ``Jackknife``/``Jknife *``/``Bootstrap``; jackknife's e(df_r) = n - 1 gives t statistics).
  glm posts e(k_eq_model) = 0, so _prefix_model_test leaves no model test (e(df_m), e(chi2),
  e(F), e(p) cleared).  The replicates are ``cluster_replicates.replicate_variance``'s, each a
  glm fit (same family, link, offset, fweights) on the rows kept or drawn.
- ``vce(jackknife1)``: glm's own one-step jackknife (glm.ado's JK1nr; JK1irls under irls, h the IRLS
  fit's last step's), from the full fit alone:
  with v = V(mu), mu' = dmu/deta, h_i = v_i x_i (X'WX)^-1 x_i' (W = mu'^2/v) and
  z_i = (mu_i - y_i)/(1 - h_i),

      V = (N - p)/N (X'vX)^-1 [sum_i f_i z_i^2 x_i x_i'] (X'vX)^-1,

  X'vX = sum_i f_i v_i x_i x_i' (f the fweights, else 1); e(vce) ``jackknife1``, e(vcetype)
  ``1-step JKnife``, z statistics.  glm.ado refuses it with factor variables or time-series
  operators (r(101)), with scale() ("cannot use scale() with alternate variances"), with
  pweights or cluster() (robust: "robust allowed only with hessian matrices") and with aweights.

fweights and pweights with vce(jackknife [, cluster()]) are jackknife.ado's weighted loops (the
sums of ``mlmcli.replicate_variance``; fweights constant within a cluster, else r(198));
bootstrap with weights is bootstrap's r(101).  Under ``irls`` each replicate is an IRLS fit with the
command's iterate(), ltolerance(), disp() and mu()/init() (the prefix reruns glm ..., irls).
"""
from __future__ import annotations

import dataclasses

import numpy as np

from mlmcli.errors import StataError


def replicate_request(session, opts: dict, weight_kind: str | None, varlist: str, accepted=None):
    """("bootstrap"|"jackknife", settings), ("jackknife1", {}) or None from glm's vce().
    ``accepted``: glm's display options, which take bootstrap's (noheader, notable, level(),
    eform, cformat() ...: bootstrap_run.hand_display_options)."""
    from mlmcli.commands.estimation.glm_replicates import replicate_request as prefix_request

    typed = str(opts.get("vce") or "").strip()
    if typed.split(",")[0].strip().lower() in ("jackknife1", "jknife1"):
        if "," in typed:
            raise StataError(f"option vce({typed}) invalid", 198)
        if opts.get("robust") or opts.get("cluster") or weight_kind == "pweight":
            raise StataError("robust allowed only with hessian matrices", 198)
        if "." in varlist:
            raise StataError("cannot use factor variables or time-series operators with option vce(jackknife1)",
                             101)
        if opts.get("scale") is not None:
            raise StataError("cannot use scale() with alternate variances", 198)
        return "jackknife1", {}
    from mlmcli.syntax.replicate_vce import split_prefix_mark

    # the prefix typed on glm (jackknife [, cluster(v)]: glm ...) is glm's own vce() form: both
    # leave out observations or cluster()'s clusters
    typed, _ = split_prefix_mark(typed)
    typed_opts = dict(opts, vce=typed)
    request = prefix_request(typed_opts, weight_kind, "glm", robustok=True,  # glm's _vce_parserun: robustok
                             accepted=accepted, eform_options={"exp(b)": "eform"})
    if request is not None and request[0] == "bootstrap":
        from mlmcli.commands.estimation.glm_replicates import vce_level

        for name, value in typed_opts.items():  # the display options handed to glm's table
            if name != "vce":
                opts.setdefault(name, value)
        vce_level(opts, request[1])
    return request


def with_replicates(session, fit, request, X, y, offset, weight, weight_kind, sample, refit_options: dict,
                    irls_options: dict | None = None):
    """The fit with the replicates' (or the one-step jackknife's) V; prints the dots.  ``sample``:
    the estimation sample (the rows of X and y).  ``irls_options``: glm ..., irls (``fit_glm_irls``'s
    iterate, ltolerance, disp, mu_start over the sample): each replicate refitted by IRLS, and the
    one-step jackknife's leverage the IRLS fit's (glm.ado's JK1irls)."""
    kind, settings = request
    if kind == "jackknife1":
        V = one_step_jackknife(fit, X, y, offset, weight, fit.irls_leverage) * fit.vfactor
        return dataclasses.replace(fit, V=V, vce="jackknife1", vce_label="1-step JKnife", fitted_metric=None)
    from mlmcli.commands.estimation.cluster_replicates import replicate_cluster_codes, replicate_variance
    from mlmcli.commands.estimation.replicate_metric import ReplicatesInMetric
    from mlmcli.glm.generalized_linear import fit_generalized_linear

    k = len(fit.beta)
    # fitted on shifted columns: the replicates in that metric too (margins' delta method)
    in_metric = ReplicatesInMetric(fit.fitted_metric, [j for j, lab in enumerate(fit.labels)
                                                       if not (lab.base or lab.omitted)])
    family = fit.family

    def refit(rows, new_codes, row_frequencies=None):
        fam = family if getattr(family, "m", None) is None or np.ndim(family.m) == 0 else dataclasses.replace(
            family, m=np.asarray(family.m, float)[rows])
        w = row_frequencies if row_frequencies is not None else (None if weight is None else weight[rows])
        try:
            if irls_options is not None:
                r = _irls_refit(fit, fam, X[rows], y[rows], None if offset is None else offset[rows], w, rows,
                                frequency=weight_kind == "fweight" or row_frequencies is not None,
                                options=irls_options)
            else:
                r = fit_generalized_linear(fit.depvar, fit.labels, X[rows], y[rows], fam, fit.link,
                                           offset=None if offset is None else offset[rows], weight=w, vce="oim",
                                           level=fit.level, **refit_options)
        except StataError as err:  # the replicate's own failure: an x
            raise ValueError(err.message) from None
        if not r.converged or len(r.beta) != k:
            raise ValueError("replicate did not converge")
        in_metric.record(r.beta, r.fitted_metric)
        return r.beta

    from mlmcli.commands.estimation.glm_replicates import take_command_cluster

    take_command_cluster(session.data, kind, settings, "glm")
    # reject()'s e(b) and saving()'s _b names: fit.beta's columns in the depvar's equation (glm's e(b))
    names = [f"{fit.depvar}:{lab.name}" for lab in fit.labels if not (lab.base or lab.omitted)]
    settings.update(_rows=np.flatnonzero(sample), _level=fit.level, _colnames=names)
    codes = (replicate_cluster_codes(session.data, kind, settings["cluster"], sample)
             if settings.get("cluster") else np.arange(len(y)))
    frequencies = None
    if kind == "jackknife" and weight_kind == "fweight":  # each cluster's (observation's) frequency
        from mlmcli.ols_jackknife import cluster_frequencies

        frequencies = cluster_frequencies(np.asarray(weight, float), codes, settings.get("cluster"))
    V, n, G, df_r = replicate_variance(session, kind, settings, np.asarray(fit.beta, float), refit, codes, "glm",
                                       frequencies, "pweight" if weight_kind == "pweight" else None)
    label = "Jknife *" if kind == "jackknife" and settings.get("mse") else kind.capitalize()
    cluster = settings.get("cluster") and session.data.resolve(settings["cluster"])
    return dataclasses.replace(fit, V=V * fit.vfactor, vce=kind, vce_label=label, df_r=df_r, n_reps=n,
                               mse=bool(settings.get("mse")), cluster_var=cluster or None,
                               n_clusters=G if cluster else None, pseudo=weight_kind == "pweight",
                               fitted_metric=in_metric.after(session, kind, settings, fit.vfactor))


def _irls_refit(fit, family, X, y, offset, weight, rows, *, frequency: bool, options: dict):
    """One replicate of glm ..., irls: the IRLS fit (its default EIM) on the rows kept or drawn,
    mu()/init()'s starting mean taken from the same rows."""
    from mlmcli.glm.glm_irls import fit_glm_irls

    mu_start = options.get("mu_start")
    return fit_glm_irls(fit.depvar, fit.labels, X, y, family, fit.link, offset=offset, weight=weight,
                        frequency=frequency, rows_count=not frequency, vce="eim", level=fit.level,
                        iterate=options["iterate"], ltolerance=options["ltolerance"], disp=options["disp"],
                        mu_start=None if mu_start is None else np.asarray(mu_start, float)[rows])


def one_step_jackknife(fit, X, y, offset, weight, leverage=None) -> np.ndarray:
    """glm.ado's JK1nr (module docstring); ``leverage``: JK1irls's h, the IRLS fit's (its last
    step's weights), else h at the fit's mean as JK1nr computes it."""
    from mlmcli.glm.generalized_linear import step_quantities

    n = len(y)
    f = np.ones(n) if weight is None else np.asarray(weight, float)
    m = fit.family.denominators(n)
    off = np.zeros(n) if offset is None else np.asarray(offset, float)
    _, mu, dmu, _, v = step_quantities(fit.family, fit.link, X, y, m, off, f, fit.beta)
    W = dmu ** 2 / v
    inv_w = np.linalg.pinv((X * (W * f)[:, None]).T @ X)
    h = v * np.einsum("ij,jk,ik->i", X, inv_w, X) if leverage is None else np.asarray(leverage, float)
    z = (mu - y) / (1 - h)
    inv_v = np.linalg.pinv((X * (v * f)[:, None]).T @ X)
    meat = (X * (f * z ** 2)[:, None]).T @ X
    V = inv_v @ meat @ inv_v
    N, p = float(f.sum()), X.shape[1]
    V = (N - p) / N * V
    return (V + V.T) / 2
