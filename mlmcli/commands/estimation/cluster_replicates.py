"""The cluster replicates of ``vce(bootstrap)``/``vce(jackknife)`` after clogit (its groups) and
xtgee (its panels), as the prefixes run them (``_vce_parserun``; ``mlmcli.panel.replicates``):
the dots (``(running cmd on estimation sample)``, bootstrap's or jackknife's replications line),
V, the replicates that fit, the clusters and jackknife's e(df_r) = n - 1.  Fewer than two
replicates that fit: "insufficient observations to compute bootstrap standard errors" r(2001)
(the jackknife's: _jk_sum's Error2000, "... jackknife standard errors" and "no results will be
saved", r(2000)); a jackknife on two clusters or fewer: "jackknife requires more than 2 clusters"
r(459).  The
draws come from mlm's random-number stream (``seed()``/``set seed``), not Stata's.
"""
from __future__ import annotations

import numpy as np

from mlmcli.commands.estimation.common import values_and_missing
from mlmcli.errors import StataError, insufficient_replicates


# the commands whose vce(bootstrap) draws their groups or panels (_vce_parserun panel; clogit's
# group(); the xt random-effects commands): cluster() in vce(bootstrap) is refused for them
GROUPED_COMMANDS = ("xtgee", "clogit", "xtlogit, re", "xtprobit, re", "xtpoisson, re", "xtlogit", "xtprobit",
                    "xtpoisson")


def replicate_options(typed: str, kind: str, command: str, cluster_ok: bool = False, prefix: bool = False,
                      panel: bool = False, display_ok: bool = False) -> dict:
    """vce(bootstrap [, reps(#) seed(#) nodots]) or vce(jackknife [, mse nodots]), and with
    ``cluster_ok`` jackknife's ``cluster(varname)`` (its variable name, else None).  ``prefix``:
    the prefix typed (``jackknife|bootstrap [, cluster(v) ...]: cmd``), whose clusters are the
    observations or its cluster() (bootstrap also idcluster()); the settings carry ``prefix``.
    ``panel``: the command's vce() form runs under ``_vce_parserun ..., panel``, which appends
    its own ``cluster(panelvar)``, so a cluster() typed inside vce(jackknife, ...) is jackknife's
    second one: "option cluster() not allowed" r(198) (docs/grouped_jackknife_fweights.md)."""
    from mlmcli.syntax.replicate_vce import bootstrap_options, cluster_jackknife_options

    if kind == "bootstrap":
        from mlmcli.commands.estimation.bootstrap_run import refuse_own_clusters

        from mlmcli.commands.estimation.bootstrap_run import refuse_unsupported

        xt = command.startswith("xt")  # _vce_parserun ..., panel: its idcluster(panelvar), no group()
        settings = bootstrap_options(typed, prefix, noisily_ok=True, full=True,  # noisily: replicate_noisily
                                     panel=panel or command in GROUPED_COMMANDS, own_idcluster=xt)
        refuse_unsupported(settings, command.split(",")[0], reject_ok=True,  # reject(): run_bootstrap's check
                           display_ok=display_ok)  # display_ok: the caller hands them (hand_display_options)
        if panel or command in GROUPED_COMMANDS:
            refuse_own_clusters(settings, group_ok=xt)
        return settings
    settings = cluster_jackknife_options(typed, command, cluster_ok, prefix, noisily_ok=True)
    if panel and not prefix and settings["cluster"] is not None:
        raise StataError("option cluster() not allowed", 198)
    return settings


def prefix_cluster_codes(ds, settings: dict, sample: np.ndarray) -> np.ndarray | None:
    """The prefix's clusters over the estimation sample (``settings["prefix"]``): its cluster(v)'s
    codes, else one per observation; None for the command's own vce() (its groups or panels).
    v missing there: jackknife.ado's r(459), bootstrap.ado's "missing values in cluster variable
    v not allowed" r(459)."""
    if not settings.get("prefix"):
        return None
    name = settings.get("cluster")
    if not name:
        return np.arange(int(sample.sum()))
    if "reps" in settings:  # bootstrap.ado: cluster(varlist), its own message
        from mlmcli.commands.estimation.bootstrap_run import cluster_codes

        return cluster_codes(ds, name, sample)
    return jackknife_cluster_codes(ds, name, sample)


def replicate_variance(session, kind: str, settings: dict, b: np.ndarray, refit, codes: np.ndarray, command: str,
                       frequencies: np.ndarray | None = None, weight_kind: str | None = None):
    """(V, replicates that fit, clusters, jackknife's df_r or None); prints the dots.
    ``refit(rows, new_codes[, row_frequencies])``: b on those rows of the estimation sample;
    ``frequencies``: each cluster's fweight (jackknife: one copy less per replicate, df_r = F - 1);
    ``weight_kind`` pweight or iweight: the replicates leave the cluster out and are summed with
    the multiplier (G-1)/G (``mlmcli.replicate_variance``)."""
    from mlmcli.panel.replicates import cluster_jackknife, frequency_jackknife
    from mlmcli.render.panel_regression import bootstrap_dots
    from mlmcli.replicate_variance import jackknife_variance

    G = int(codes.max()) + 1
    marks: list[bool] = []
    if kind == "bootstrap":  # the shared bootstrap (options, draws, summary, e(), saving())
        from mlmcli.commands.estimation.bootstrap_run import make_idcluster, run_bootstrap

        make_idcluster(session, settings)
        V, n, G = run_bootstrap(session, settings, b, refit, codes, command, rows=settings.get("_rows"),
                                colnames=settings.get("_colnames"), level=settings.get("_level"))
        return V, n, G, None
    else:
        if G <= 2:
            raise StataError("jackknife requires more than 2 clusters", 459)
        if settings.get("noisily"):  # each replicate's run shown (replicate_noisily)
            refit = _noisy_jackknife(session, settings, refit, command, G, frequencies, weight_kind)
        if frequencies is None:
            B = cluster_jackknife(refit, codes, len(b), marks.append)
        else:
            B = frequency_jackknife(refit, codes, frequencies, len(b), marks.append)
            weight_kind = "fweight"
        summary = jackknife_variance(B, b, mse=settings["mse"], weight_kind=weight_kind, frequencies=frequencies)
        V, n, df_r, sufficient = summary.V, summary.usable, summary.df_r, summary.sufficient
        if settings.get("_dot_marks") is not None:  # stcrreg's n(): the loop's ``n`` (stcrreg_jackknife_outputs)
            marks = settings["_dot_marks"](marks)
        dots = bootstrap_dots(marks, command, G, settings["dots"], title="Jackknife")
        # _jk_sum's N_misreps; the replicates and their summary's weights (glm_replicates: V in a fitted metric)
        session.jackknife_pending = {"n_misreps": int(len(B) - n), "settings": settings, "B": B,
                                     "weight_kind": weight_kind, "frequencies": frequencies}
    if dots:
        session.print(dots)
    if kind == "jackknife" and (not sufficient or not np.all(np.isfinite(V))):  # _jk_sum's Error2000
        raise insufficient_replicates("jackknife")
    return V, n, G, df_r


def _noisy_jackknife(session, settings: dict, refit, command: str, G: int, frequencies, weight_kind):
    """The first call and the replications title printed; ``refit`` printing each replicate's
    run.  With weights jackknife.ado's loops rescale them (_loop_jknife_fw, _loop_jknife_iw),
    which the rerun line cannot show: mlm's refusal."""
    from mlmcli.commands.estimation.replicate_noisily import replicate_printer

    name = command.split(",")[0]
    if frequencies is not None or weight_kind is not None:
        raise StataError(f"vce(jackknife, noisily) with weights not supported by mlmcli with {name}", 198)
    printer = replicate_printer(session, settings, "jackknife", command, settings.get("_rows"))
    printer.first_call()
    printer.title(G)
    return printer.wrap(refit)


def replicate_cluster_codes(ds, kind: str, names: str, sample: np.ndarray) -> np.ndarray:
    """The clusters of vce(kind, cluster(...)) over the estimation sample: bootstrap's
    cluster(varlist) (``bootstrap_run.cluster_codes``) or jackknife's cluster(varname)."""
    if kind == "bootstrap":
        from mlmcli.commands.estimation.bootstrap_run import cluster_codes

        return cluster_codes(ds, names, sample)
    return jackknife_cluster_codes(ds, names, sample)


def jackknife_cluster_codes(ds, name: str, sample: np.ndarray) -> np.ndarray:
    """jackknife's cluster(v) codes over the estimation sample (its touse is e(sample)); v
    missing there: jackknife.ado's "missing values not allowed in cluster variable v" r(459)."""
    name = ds.resolve(name)
    values, missing = values_and_missing(ds, name, sample)
    if missing.any():
        raise StataError(f"missing values not allowed in cluster variable {name}", 459)
    return np.unique(values, return_inverse=True)[1]
