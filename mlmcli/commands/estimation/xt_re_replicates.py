"""``vce(bootstrap [, reps(#) seed(#) nodots])`` and ``vce(jackknife [, mse nodots])`` of the
random-effects ``xtlogit``, ``xtprobit`` and ``xtpoisson`` (and the prefixes typed on them):
``_vce_parserun xtlogit, panel`` runs the command under the prefix with the panels as its
clusters (``cluster(panelvar)``; bootstrap draws whole panels, each drawn copy a panel of its
own); the prefix typed leaves out or draws observations (or its cluster()'s clusters), the model
refitted on the panels of the rows left.  Every replicate is the quadrature fit again (the
gamma model's closed form for ``xtpoisson, re``) over e(b) = (b, lnsig2u) or (b, lnalpha),
through ``cluster_replicates.replicate_variance``; its starting values are the full-sample
estimates (the optimum is the same; Stata's replicates start from their own comparison
models -- only the speed differs).  A replicate that fails or does not converge is an ``x``.

What is printed (jackknife.ado/bootstrap.ado keep the command's e() but F, chi2, df_r, df_m;
_prefix_model_test posts e(F) = W/df_m on e(df_r) = n - 1 for jackknife, the Wald chi2 for
bootstrap; _crcphdr, the xt random-effects header, then prints ``F(df_m, df_r)`` and ``Prob >
F`` when e(df_r) is set): the header with that test, ``(Replications based on G clusters in
panelvar)`` over the table, ``Jackknife``/``Jknife *``/``Observed Bootstrap Normal-based``
over the columns, t statistics and intervals on df_r for every row (jackknife), and the LR test
of rho = 0 (sigma_u = 0, alpha = 0) from the full-sample fit, which the prefixes keep.
Evidence: xtlogit.ado (Stata 12: DispTbl/_crcphdr/DispLR), _crcphdr.ado, _vce_parserun.ado,
jackknife.ado, _prefix_model_test.ado; Stata 13's own xt random-effects display was not at hand
(docs/xt_replicates.md).
"""
from __future__ import annotations

import dataclasses

import numpy as np

from mlmcli.errors import StataError


def replicate_request(opts: dict, cmdname: str, eform: tuple = (None, None), model: str = "re",
                      accepted=None):
    """(bootstrap|jackknife, settings) from vce() (PREFIX_MARK: the prefix typed), else None;
    the vce() form's own jackknife cluster() is "option cluster() not allowed" (jackknife's
    second cluster() after _vce_parserun's, as with xtgee).  ``model``: the form named in
    messages (xtnbreg's fe too); ``accepted``: the display options the command's table takes
    (default baselevels and allbaselevels)."""
    from mlmcli.commands.estimation.cluster_replicates import replicate_options
    from mlmcli.syntax.replicate_vce import replicate_vce_kind

    found = replicate_vce_kind(opts.get("vce"))
    if found is None:
        return None
    kind, typed, prefix = found
    settings = replicate_options(typed, kind, f"{cmdname}, {model}", cluster_ok=kind == "jackknife", prefix=prefix,
                                 panel=True, display_ok=True)
    settings["prefix"] = prefix
    if kind == "bootstrap":
        from mlmcli.commands.estimation.glm_replicates import vce_level

        _hand_display_options(settings, opts, cmdname, eform, accepted)
        vce_level(opts, settings)
    return kind, settings


def _hand_display_options(settings: dict, opts: dict, cmdname: str, eform: tuple, accepted=None) -> None:
    """vce(bootstrap, ...)'s display options this table takes (bootstrap_run.hand_display_options):
    level(), the command's own eform option (xtlogit's or, xtpoisson's irr), baselevels and
    allbaselevels.  noheader and notable stay mlm's r(198): the command's replay hands them to
    _get_diopts, which refuses them, so bootstrap.ado's ``capture cmd, diopts`` fails and Stata
    shows _prefix_display's table (not rendered here); so do the other display options, which
    this table does not take here (cformat() ...).  ``eform``: (the command's eform option, its
    heading), or (None, None)."""
    from mlmcli.commands.estimation.bootstrap_run import hand_display_options
    from mlmcli.syntax.options import OptionSpec

    shown = [name for name in settings.get("display", ()) if name in ("noheader", "notable")]
    if shown:
        raise StataError(f"vce(bootstrap, {shown[0]}) not supported by mlmcli with {cmdname}", 198)
    word, label = eform
    if accepted is None:
        accepted = [OptionSpec("baselevels", 4), OptionSpec("allbaselevels", 7)]  # _get_diopts: BASElevels
    hand_display_options(settings, opts, cmdname, accepted, {label: word} if word else {})


def replicate_covariance(session, request, cmdname: str, theta, refit_rows, codes, sample, ivar: str):
    """(V over e(b), e() additions); ``refit_rows(rows, panel_codes)``: e(b) on those rows of the
    estimation sample with those panels; ``codes``: the panels of its rows."""
    from mlmcli.commands.estimation.cluster_replicates import prefix_cluster_codes, replicate_variance

    kind, settings = request
    clusters = prefix_cluster_codes(session.data, settings, sample) if settings.get("prefix") else None
    renumber = settings.get("idcluster") is not None and session.data.resolve(settings["idcluster"]) == ivar

    def refit(rows, new_codes, row_frequencies=None):
        if clusters is not None and not renumber:  # the panels of the rows left or drawn
            new_codes = np.unique(codes[rows], return_inverse=True)[1]
        order = np.argsort(new_codes, kind="stable")
        try:
            return refit_rows(rows[order], new_codes[order])
        except StataError as err:
            raise ValueError(err.message) from None

    settings["_rows"] = np.flatnonzero(sample)
    V, n, G, df_r = replicate_variance(session, kind, settings, np.asarray(theta, float), refit,
                                       codes if clusters is None else clusters, cmdname)
    extra = {"kind": kind, "n": n, "df_r": df_r, "mse": bool(settings.get("mse")),
             "clusters": (G, session.data.resolve(settings["cluster"]) if settings.get("cluster") else ivar)
             if clusters is None or settings.get("cluster") else None}
    return V, extra


def replicated_result(result, labels, theta, V, extra, parameter_rows):
    """The header and table under the replicates' V (module docstring); ``parameter_rows(est,
    se, df)``: the /lnsig2u (/lnalpha) rows and their natural forms."""
    from mlmcli import distributions as stats

    from mlmcli.postest.coefficient_rows import rows_from_estimates

    p = len(theta) - 1
    df_r = extra["df_r"]
    fixed = rows_from_estimates(labels, theta[:p], V[:p, :p], result.level, df_r)
    first, natural = parameter_rows(float(theta[-1]), float(np.sqrt(max(V[-1, -1], 0.0))), df_r)
    slopes = [j for j, lab in enumerate(lab for lab in labels if not (lab.base or lab.omitted)) if lab.name != "_cons"]
    bs = theta[slopes]
    from mlmcli.postest.prefix_model_test import replicate_wald
    # _prefix_model_test: W missing, df_m the rank, when the replicate V is singular
    W, df_m = replicate_wald(bs, V[np.ix_(slopes, slopes)]) if slopes else (float("nan"), 0)
    if df_r is not None:
        test = W / df_m if df_m else float("nan")
        p_value = float(stats.f.sf(test, df_m, df_r)) if df_m else float("nan")
    else:
        test, p_value = W, float(stats.chi2.sf(W, df_m)) if df_m else float("nan")
    label = "Jknife *" if extra["mse"] else extra["kind"].capitalize()
    return dataclasses.replace(result, fixed=fixed, estimation=first, natural=natural, wald_chi2=test, wald_df=df_m,
                               wald_p=p_value, robust=False, cluster=None, vce_label=label, df_r=df_r,
                               replications=extra["clusters"])


def replicate_ereturn(e, extra) -> None:
    """e(vce), e(vcetype), e(prefix), e(N_reps) (e(N_clust), jackknife's e(df_r) and e(F) in
    place of e(chi2) and e(chi2type), e(mse))."""
    r = e.result
    e.scalars["N_reps"] = float(extra["n"])
    if extra["clusters"] is not None:
        e.scalars["N_clust"] = float(extra["clusters"][0])
    e.scalars["df_m"] = float(r.wald_df)
    e.scalars["p"] = r.wald_p
    if extra["df_r"] is not None:
        e.scalars.pop("chi2", None)
        e.macros.pop("chi2type", None)
        e.scalars.update(df_r=float(extra["df_r"]), F=r.wald_chi2)
    else:
        e.scalars["chi2"] = r.wald_chi2
    e.macros.update(vce=extra["kind"], vcetype=r.vce_label, prefix=extra["kind"])
    if extra["mse"]:
        e.macros["mse"] = "mse"
