"""xtgee's ``vce(bootstrap [, reps(#) seed(#) nodots])`` and ``vce(jackknife [, mse nodots])``
([XT] xtgee: vce(conventional|robust|bootstrap|jackknife)): xtgee under the prefix with its
panels as the clusters (``_vce_parserun xtgee, panel``; ``commands.estimation.cluster_replicates``).
Each replicate refits the GEE (same family, link, correlation, offset, weights, nmp/rgf,
iterate()/tolerance()) on the panels drawn or kept, a panel drawn twice counting as two; a
replicate that does not converge is missing.  The full-sample fit runs quietly (no iteration
log), then ``(running xtgee on estimation sample)`` and the dots; V replaces the fit's, the
Wald test is b' V^-1 b over the slopes (jackknife: F = chi2/df_m on n-1 degrees of freedom, t
statistics), and the table carries ``(Replications based on G clusters in panelvar)``.
Weights with bootstrap are bootstrap.ado's "weights not allowed" r(101); with fweights the
jackknife takes one copy of a panel away per replicate (jackknife.ado's ``_loop_jknife_fw``),
V the replicates fweighted by their panels' frequencies, e(df_r) the frequencies' sum less one.

``vce(jackknife, cluster(v))`` is Stata's "option cluster() not allowed" r(198):
``_vce_parserun xtgee, panel`` appends its own ``cluster(panelvar)`` to the typed options, and
jackknife's ``syntax ... CLuster(passthru) ... *`` keeps one and passes the other through its
``*`` to ``_get_diopts``, which refuses it (docs/grouped_jackknife_fweights.md).
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError


_HEADINGS = {"eform": "exp(b)", "or": "Odds Ratio", "irr": "IRR"}  # eform option -> bootstrap's eform heading


def replicate_request(opts: dict, cmdname: str = "xtgee", eform_word: str | None = "eform") -> tuple[str, dict] | None:
    """(bootstrap|jackknife, its settings) from vce(), else None; jackknife's settings carry
    ``prefix`` (the jackknife prefix typed: ``cluster`` its variable, or None for observations).
    bootstrap's display options go to the table (``bootstrap_run.hand_display_options``):
    level(), the command's own eform option (``eform_word``: xtgee's eform, xtlogit's or,
    xtpoisson's irr) and _get_diopts' display options (cformat() ...), which geerpt takes.
    noheader and notable stay mlm's r(198): geerpt's ``syntax [, LEvel EForm *]`` hands them to
    _get_diopts, which refuses them, so bootstrap.ado's ``capture xtgee, diopts`` fails and Stata
    shows _prefix_display's table, not rendered here for xtgee."""
    from mlmcli.commands.estimation.cluster_replicates import replicate_options
    from mlmcli.syntax.replicate_vce import replicate_vce_kind

    found = replicate_vce_kind(opts.get("vce"))
    if found is None:
        return None
    kind, typed, prefix = found
    settings = replicate_options(typed, kind, "xtgee", cluster_ok=kind == "jackknife", prefix=prefix, panel=True,
                                 display_ok=True)
    settings["prefix"] = prefix
    if kind == "bootstrap":
        from mlmcli.commands.estimation.bootstrap_run import hand_display_options
        from mlmcli.commands.estimation.common import display_option_specs
        from mlmcli.commands.estimation.glm_replicates import vce_level

        shown = [name for name in settings.get("display", ()) if name in ("noheader", "notable")]
        if shown:  # docstring: Stata's _prefix_display table
            raise StataError(f"vce(bootstrap, {shown[0]}) not supported by mlmcli with {cmdname}", 198)
        hand_display_options(settings, opts, cmdname, display_option_specs(),
                             {_HEADINGS[eform_word]: eform_word} if eform_word else {})

        vce_level(opts, settings)
    return kind, settings


def check_weights(request, weight_kind: str | None) -> None:
    if request is None or weight_kind is None:
        return
    if request[0] == "bootstrap" and not request[1].get("force"):  # with force each replicate is
        raise StataError("weights not allowed", 101)  # xtgee [w] on the rows drawn (their panels' weights)


def replicate_fit(session, request, fit, y, X, codes, pos, *, family, link, corr, offset, weights, weight_kind,
                  nmp: bool, rgf: bool, tol: float, max_iter: int, cmdname: str = "xtgee", prefix_codes=None,
                  renumber: bool = False, depvar: str | None = None):
    """(the fit with the replicates' V, the e() scalars N_reps, N_clust and jackknife's df_r);
    the arrays are in panel-and-time order; ``cmdname`` the command typed (xtgee, or xtlogit ... pa);
    ``prefix_codes``: the prefix's clusters (``cluster_replicates.prefix_cluster_codes``) in place
    of the panels, each replicate refitted on the panels of its rows (a panel's rows drawn twice more
    rows of that panel, unless ``renumber``: bootstrap's idcluster() naming the panel variable)."""
    from dataclasses import replace

    from mlmcli.commands.estimation.cluster_replicates import replicate_variance
    from mlmcli.commands.estimation.replicate_metric import ReplicatesInMetric
    from mlmcli.panel.gee import fit_gee
    from mlmcli.panel.replicates import constant_within

    group = None
    if depvar is not None and request[0] == "bootstrap":  # bootstrap's group(v) read by the fit
        from mlmcli.commands.estimation.bootstrap_group import group_plan

        group = group_plan(session, request[1], depvar, request[1].get("_colnames", ()), request[1]["_rows"])

    def refit(rows, new_codes, row_frequencies=None):
        if prefix_codes is not None:  # the replicate's panels, whatever the prefix left out or drew
            if not renumber:
                new_codes = np.unique(codes[rows], return_inverse=True)[1]
            ordered = np.lexsort((pos[rows], new_codes))  # fit_gee reads panel-and-time order
            rows, new_codes = rows[ordered], new_codes[ordered]
            if row_frequencies is not None:
                row_frequencies = row_frequencies[ordered]
            if corr.time_indexed and np.any((np.diff(new_codes) == 0) & (np.diff(pos[rows]) == 0)):
                # a row drawn twice into its own panel: xtgee.ado's Checkt, r(451), fails the replicate
                raise np.linalg.LinAlgError("repeated time values within panel")
            if row_frequencies is not None and not constant_within(row_frequencies, new_codes):
                raise np.linalg.LinAlgError("weight must be constant within panel")  # xtgee's r(199)
        yy, XX = y[rows], X[rows]
        if group is not None and prefix_codes is None:  # bootstrap's group(v): v renumbered (bootstrap_group)
            from mlmcli.graphs.fpfit_xt_bootstrap_group import group_numbers

            numbers = group_numbers(None, codes[rows], new_codes, group[1][rows])
            if group[0] == "y":
                yy = numbers
            else:
                XX = np.array(XX, float)
                XX[:, group[0]] = numbers
        fam = family if family.m is None else replace(family, m=np.asarray(family.m, float)[rows])
        with np.errstate(all="ignore"):
            f = fit_gee(yy, XX, new_codes, pos[rows], family=fam, link=link, corr=corr,
                        offset=None if offset is None else offset[rows], robust=False, fixed_scale=None, tol=tol,
                        max_iter=max_iter,
                        weights=row_frequencies if row_frequencies is not None else None if weights is None else weights[rows],
                        weight_kind=weight_kind, nmp=nmp, rgf=rgf)
        if not f.converged:
            raise np.linalg.LinAlgError("xtgee did not converge")
        in_metric.record(f.b, _own_metric(f.fitted))
        return f.b

    kind, settings = request
    in_metric = ReplicatesInMetric(_own_metric(fit.fitted))  # fitted on shifted columns: refit records
    clusters = codes if prefix_codes is None else prefix_codes
    frequencies = None
    if kind == "jackknife" and weight_kind == "fweight":  # xtgee's weights are constant within panel
        if settings.get("cluster") and not constant_within(weights, clusters):
            raise StataError(f"fweights must be constant within {settings['cluster']}", 198)  # jackknife.ado
        frequencies = np.zeros(int(clusters.max()) + 1)
        frequencies[clusters] = weights
    V, n, G, df_r = replicate_variance(session, kind, settings, np.asarray(fit.b, float), refit, clusters, cmdname,
                                       frequencies)
    extra = {"N_reps": float(n)}
    if prefix_codes is None or settings.get("cluster"):
        extra["N_clust"] = float(G)
    if df_r is not None:
        extra["df_r"] = df_r
    metric = in_metric.after(session, kind, settings)  # the replicates' V in the fitted metric
    fitted = None if metric is None else (fit.fitted[0], fit.fitted[1], metric.V)
    return replace(fit, V=V, fitted=fitted), extra


def _own_metric(fitted):
    """The ``FittedMetric`` over a GEE fit's estimated columns of its ``fitted`` (rescaling, b',
    V'), or None (fitted in the user's units)."""
    from mlmcli.glm.rescaled_fit import fitted_metric

    if fitted is None:
        return None
    rescaling, b, V = fitted
    return fitted_metric(rescaling, b, V, np.arange(len(b)), len(b))
