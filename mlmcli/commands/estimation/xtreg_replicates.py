"""``xtreg ..., fe|re|be|mle vce(jackknife [, mse nodots])`` and ``jackknife [, cluster(v) mse nodots]:
xtreg ...`` ([XT] xtreg: vce(conventional|robust|cluster|bootstrap|jackknife)).

xtreg_fe.ado, xtreg_re.ado and xtreg_be.ado start with ``_vce_parserun xtreg, panel``, which runs
``jackknife, cluster(panelvar): xtreg ...``: each replicate leaves out one whole panel (the
command's own form) -- or, with the prefix typed, one observation (or one cluster of the
prefix's cluster()), xtreg refitting on the panels of the rows left.  V = (n-1)/n sum (b_(j) -
bbar)(b_(j) - bbar)' over the n replicates that fit (``mse``: about b), e(df_r) = n - 1
(``cluster_replicates.replicate_variance``).  fweights (constant within panel, fe only): one
copy of a panel (prefix: of an observation) less per replicate (jackknife.ado's
``_loop_jknife_fw``); pweights (fe): each replicate the aweighted fit without the cluster, V
(n-1)/n ... (jackknife.ado's pweighted loop).  mle: e(b) is b, sigma_u, sigma_e, all
replicated (``replicated_ancillary``), the header _crcphdr's F(df_m, df_r).

What jackknife.ado leaves in e() (``_e2r``/``_r2e`` keep the command's e() but F, chi2, df_r,
df_m; ``_prefix_model_test`` sets e(F) = W/df_m, W = b'V^-1 b over the slopes, since e(df_r) is
set, and clears e(chi2) and e(chi2type)) and how xtreg's replay then prints it:

- fe: ``F(df_b, df_r)`` and ``Prob > F`` (xtreg_fe's Display: e(chi2) missing, e(df_r) set), t
  statistics on df_r, and -- since its test is ``e(prefix) != "bootstrap"`` -- the ``F test that
  all u_i=0`` line with the full-sample e(F_f) and e(df_a) over jackknife's e(df_r);
- be: ``F(df_m, df_r)``;
- re: xtreg_re prints ``e(chi2type) chi2(df_m)`` with e(chi2): both cleared, so `` chi2(1) = .``
  and ``Prob > chi2 = .``; t statistics on df_r.

``bootstrap_variance``: xtreg's ``vce(bootstrap)`` and the bootstrap prefix (the panels drawn,
or the prefix's observations/clusters; docs/xt_replicates.md).

Evidence: xtreg_fe.ado, xtreg_re.ado, xtreg_be.ado (Stata 12 and the Stata 16 copies, whose
Display blocks agree), jackknife.ado, _prefix_model_test.ado, _vce_parserun.ado
(docs/xtreg_replicates.md).
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.panel.estimators import panel_estimator
from mlmcli.sorted_codes import matrix_row_codes


def jackknife_settings(typed: str, prefix: bool, model: str, command_cluster: bool = False) -> dict:
    """vce(jackknife [, mse nodots]) (the prefix's cluster(v) too); the vce() form's own
    cluster() is jackknife's second one after _vce_parserun's cluster(panelvar): "option
    cluster() not allowed" r(198), as with xtgee (gee_replicates) -- unless xtreg's own cluster()
    is typed (``command_cluster``), when _vce_parserun adds ``noecluster`` instead and the two
    must agree (xtreg._vce)."""
    from mlmcli.commands.estimation.cluster_replicates import replicate_options

    return replicate_options(typed, "jackknife", "xtreg", cluster_ok=True, prefix=prefix, panel=not command_cluster)


def replicated_ancillary(out: dict, V: np.ndarray, level: float, df_r: float | None) -> None:
    """mle under a replicate vce(): e(V) over b, sigma_u, sigma_e and the /sigma_u, /sigma_e,
    rho rows from it (t(df_r) after jackknife, which sets e(df_r))."""
    from mlmcli.panel.maximum_likelihood import ancillary_rows

    p = len(out["b"])
    out["full_V"] = V
    out["ancillary"] = ancillary_rows(out["sigma_u"], out["sigma_e"], V[p:, p:], level, df_r)


def check_weights(kind: str | None) -> None:
    """aweights: jackknife.ado's ``syntax [fw]`` on them (r(101)); fweights and pweights pass
    (pweights: each replicate xtreg's pweighted fit -- aweights -- without one cluster)."""
    if kind == "aweight":
        raise StataError("aweight not allowed", 101)


def jackknife(session, out: dict, design, y, codes, model: str, opts: dict, level: float, sample,
              weights=None) -> None:
    """Replace the fit's V by the jackknife's, its model test by the F test on that V (e(F),
    e(df_r), e(df_m), e(p)), F_f's p-value by the one on jackknife's df_r; prints the dots."""
    from mlmcli import distributions as stats

    from mlmcli.commands.estimation.cluster_replicates import prefix_cluster_codes, replicate_variance
    from mlmcli.panel.replicates import constant_within

    settings = opts["_jackknife"]
    has_cons = bool(design.labels) and design.labels[-1].name == "_cons"
    X = design.X[:, :-1] if has_cons else design.X
    pweighted = bool(settings.get("pweights"))
    estimate = panel_estimator(model, opts, level, has_cons, "aweight" if pweighted else "fweight", full=model == "ml")
    clusters = prefix_cluster_codes(session.data, settings, sample)
    if settings.get("command_cluster"):  # jackknife, noecluster: xtreg ..., cluster(v) -- v's clusters
        from mlmcli.commands.estimation.cluster_replicates import jackknife_cluster_codes

        clusters = jackknife_cluster_codes(session.data, settings["command_cluster"], sample)
    if clusters is None:
        clusters = codes

    def refit(rows, new_codes, row_frequencies=None):
        panels = np.unique(codes[rows], return_inverse=True)[1]
        if row_frequencies is None and weights is not None:
            row_frequencies = weights[rows]
        if row_frequencies is not None and not constant_within(row_frequencies, panels):
            raise ValueError("weight must be constant within panel")  # xtreg's r(199) in the replicate
        try:
            return estimate(y[rows], X[rows], panels, row_frequencies)
        except StataError as err:  # the replicate's own failure (too few observations ...): an x
            raise ValueError(err.message) from None

    frequencies = None
    if weights is not None and not pweighted:  # fweights: each cluster's (constant within it, as jackknife.ado checks)
        if not constant_within(weights, clusters):
            raise StataError(f"fweights must be constant within {settings['cluster'] or 'cluster'}", 198)
        frequencies = np.zeros(int(clusters.max()) + 1)
        frequencies[clusters] = weights
    full = np.asarray(out["full_b"] if model == "ml" else out["b"], float)
    settings["_rows"] = np.flatnonzero(sample)  # noisily's replicates: these rows of the data
    V, n, G, df_r = replicate_variance(session, "jackknife", settings, full, refit, clusters, "xtreg", frequencies,
                                       "pweight" if pweighted else None)
    k = len(out["b"])
    if model == "ml":  # e(b) is b, sigma_u, sigma_e: their rows from the same replicates
        replicated_ancillary(out, V, level, df_r)
        V = V[:k, :k]
    slopes = np.arange(k - 1 if has_cons else k)
    bs = np.asarray(out["b"])[slopes]
    W = float(bs @ np.linalg.solve(V[np.ix_(slopes, slopes)], bs)) if len(slopes) else float("nan")
    df_m = len(slopes)
    F = W / df_m if df_m else float("nan")
    p = float(stats.f.sf(F, df_m, df_r)) if df_m else float("nan")
    out.update(V=V, F=F, p=p, df_m=float(df_m), df_r=float(df_r), N_reps=float(n), jackknife=True)
    if "F_f" in out and settings.get("command_cluster"):  # xtreg_fe posts no e(F_f) with cluster(): ". "
        out.update(F_f=float("nan"), p_f=float("nan"))
    elif "F_f" in out:
        out["p_f"] = float(stats.f.sf(out["F_f"], out["df_a"], df_r))
    for key in ("chi2", "p_model", "chi2type"):
        out.pop(key, None)
    if not settings.get("prefix") or settings.get("cluster") or settings.get("command_cluster"):
        out["N_clust"] = float(G)
    if settings.get("mse"):
        out["mse"] = True


def bootstrap_variance(session, out: dict, design, y, codes, model: str, opts: dict, level: float, sample, ivar: str,
               depvar: str | None = None) -> None:
    """Replace the fit's variance by the panel bootstrap's (``mlmcli.panel.bootstrap``), its
    model test by the Wald chi2 on that variance, and print the dots.  The bootstrap prefix typed
    (``settings["prefix"]``) draws observations, or the clusters of its cluster(v), instead of
    panels: a panel's rows drawn twice are more rows of that panel, unless idcluster() names the
    panel variable, which then numbers the drawn clusters (``_prefix_panels``); e(N_clust) and
    ``(Replications based on G clusters in v)`` only with cluster() (bootstrap.ado)."""
    from mlmcli import distributions as stats

    settings = opts["_bootstrap"]
    has_cons = design.labels and design.labels[-1].name == "_cons"
    X = design.X[:, :-1] if has_cons else design.X
    estimator = panel_estimator(model, opts, level, bool(has_cons), full=model == "ml")

    from mlmcli.commands.estimation.bootstrap_run import refuse_own_clusters, refuse_unsupported, run_bootstrap

    refuse_unsupported(settings, "xtreg", reject_ok=True)
    if not settings.get("command_cluster"):
        refuse_own_clusters(settings, group_ok=True)
    elif settings.get("group"):  # _vce_parserun's own group(panelvar) is there: bootstrap's second one
        raise StataError("option group() not allowed", 198)
    if settings.get("command_cluster"):  # bootstrap, noecluster group(panelvar) idcluster(): xtreg ..., cluster(v)
        from mlmcli.commands.estimation.cluster_replicates import jackknife_cluster_codes

        clusters = jackknife_cluster_codes(session.data, settings["command_cluster"], sample)

        def refit(rows, drawn):  # _loop_bs's group(): a panel of each drawn cluster is a panel of its own
            return estimator(y[rows], X[rows], matrix_row_codes(np.column_stack([drawn, codes[rows]])))

        out["bootstrap_clustvar"] = settings["command_cluster"]
    elif settings.get("prefix"):
        from mlmcli.commands.estimation.cluster_replicates import prefix_cluster_codes

        name = settings["cluster"] and session.data.resolve(settings["cluster"])
        try:
            clusters = prefix_cluster_codes(session.data, settings, sample)
        except StataError:  # after the full-sample run, as bootstrap.ado checks its kept e(sample)
            if settings["dots"]:
                session.print("(running xtreg on estimation sample)\n")
            raise
        renumber = settings["idcluster"] == ivar  # [R] bootstrap: xtset newid, idcluster(newid)

        def refit(rows, drawn):
            return estimator(y[rows], X[rows], drawn if renumber else np.unique(codes[rows], return_inverse=True)[1])

        if name:
            out["bootstrap_clustvar"] = session.data.resolve(name)
    else:  # the panels, each drawn one a panel of its own
        clusters = codes
        from mlmcli.commands.estimation.bootstrap_group import group_plan

        plan = group_plan(session, settings, depvar, list(design.column_names)[:X.shape[1]], np.flatnonzero(sample))

        def refit(rows, drawn):
            if plan is None:
                return estimator(y[rows], X[rows], drawn)
            from mlmcli.graphs.fpfit_xt_bootstrap_group import group_numbers

            numbers = group_numbers(None, codes[rows], drawn, plan[1][rows])  # _loop_bs's group(v)
            if plan[0] == "y":
                return estimator(numbers, X[rows], drawn)
            XX = np.array(X[rows], float)
            XX[:, plan[0]] = numbers
            return estimator(y[rows], XX, drawn)
    theta = np.asarray(out["full_b" if model == "ml" else "b"], float)
    names = [lab.name for lab in design.labels]  # reject()'s e(b), when theta is e(b)
    if model == "ml":  # mle's (b, sigma_u, sigma_e), as e(b) names them
        names = [f"{depvar}:{name}" for name in design.column_names] + ["sigma_u:_cons", "sigma_e:_cons"]
    V, n_reps, _ = run_bootstrap(session, settings, theta, refit, clusters, "xtreg", rows=np.flatnonzero(sample),
                                 level=level, colnames=names if len(names) == len(theta) else None)
    k = len(out["b"])
    if V.shape[0] < k:
        raise StataError("insufficient observations to compute bootstrap standard errors", 2001)
    if model == "ml":  # e(b) is b, sigma_u, sigma_e
        replicated_ancillary(out, V, level, None)
        V = V[:k, :k]
    out["V"] = V
    slopes = np.arange(k - 1 if has_cons else k)
    bs = np.asarray(out["b"])[slopes]
    from mlmcli.postest.prefix_model_test import replicate_wald
    # _prefix_model_test: chi2 and p missing, df_m the rank, when the replicate V is singular
    chi2, df_m = replicate_wald(bs, V[np.ix_(slopes, slopes)]) if len(slopes) else (float("nan"), 0)
    out.update(chi2=chi2, p=float(stats.chi2.sf(chi2, df_m)) if df_m else float("nan"),
               p_model=float(stats.chi2.sf(chi2, df_m)) if df_m else float("nan"),
               df_m=float(df_m), chi2type="Wald", N_reps=float(n_reps), bootstrap=True)
    if not settings.get("prefix") and not settings.get("command_cluster"):
        out["N_clust"] = float(codes.max() + 1)
    elif settings.get("command_cluster") or settings["cluster"]:
        out["N_clust"] = float(clusters.max() + 1)
    for key in ("F", "F_f", "p_f", "df_a", "df_r"):
        out.pop(key, None)
