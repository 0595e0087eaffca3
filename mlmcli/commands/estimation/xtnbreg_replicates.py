"""``xtnbreg, re|fe vce(bootstrap [, reps(#) seed(#) ...])`` and ``vce(jackknife [, mse nodots])``
(and the prefixes typed on xtnbreg).

xtnbreg.ado starts with ``_vce_parserun xtnbreg, panel mark(I EXPosure OFFset)``, so the vce()
form is the prefix with the panels as its clusters: jackknife ``cluster(panelvar)`` (each
replicate leaves one panel out), bootstrap ``cluster(copy) idcluster(panelvar)`` (whole panels
drawn, each drawn copy a panel of its own).  The prefix typed (``bootstrap: xtnbreg ...``) leaves
out or draws observations (or its cluster()'s clusters), the model refitted on the panels of the
rows left.  Each replicate is mlm's own xtnbreg fit on those rows (the random-effects Beta
likelihood in (b, ln r, ln s), or the conditional fixed-effects likelihood), through
``xt_re_replicates.replicate_covariance`` (``cluster_replicates.replicate_variance``: the dots,
V, jackknife's e(df_r) = n - 1); it starts from the full-sample estimates (the optimum is the
same; Stata's starts from nbreg or poisson -- only the work differs).  A replicate that fails
or does not converge is an ``x``.  fe: the estimation sample is the panels left after the notes
(all-zero outcomes, one observation), so the vce() form's clusters are those panels; a
replicate's panel of one observation or of zeros adds nothing to the conditional likelihood.

What is printed: xtnbreg's Display (``_crcphdr``, ``ml display``, re's ``LR test vs. pooled``
from the full-sample e(chi2_c), which the prefixes keep): under jackknife ``F(df_m, df_r)`` and
``Prob > F`` (``_prefix_model_test``'s e(F) on e(df_r)), t statistics and intervals on df_r for
every row (/ln_r and /ln_s, r and s too); under bootstrap the Wald chi2 of the slopes with the
replicates' V; ``(Replications based on G clusters in panelvar)`` over the table and
``Bootstrap``/``Jackknife`` over Std. Err.  The draws are mlm's stream (``seed()``/``set
seed``), not Stata's.
"""
from __future__ import annotations

import numpy as np


def replicate_request(opts: dict, model: str):
    """(bootstrap|jackknife, settings) of vce() (the prefix's PREFIX_MARK too), else None."""
    from mlmcli.commands.estimation.xt_re_replicates import replicate_request as xt_request

    return xt_request(opts, "xtnbreg", ("irr", "IRR"), model=model, accepted=[])


def replicate_fit(session, request, theta, refit_rows, codes, sample, ivar: str):
    """(V over theta, e() additions) of the replicates (module docstring)."""
    from mlmcli.commands.estimation.xt_re_replicates import replicate_covariance

    return replicate_covariance(session, request, "xtnbreg", np.asarray(theta, float), refit_rows, codes,
                                np.asarray(sample, bool), ivar)


def refitter(maximise, derivatives, X, y, off, start, iterate: int, difficult: bool = True):
    """``refit_rows(rows, panels)``: theta of mlm's xtnbreg on those rows of the estimation
    sample with those panels, from ``start``; not converging or failing: ValueError (an ``x``)."""
    from mlmcli.mixed.blas_threads import single_threaded_blas

    def refit_rows(rows, panels):
        o = None if off is None else off[rows]
        with single_threaded_blas(), np.errstate(all="ignore"):
            t, _, _, _, converged = maximise(lambda Xm, yv, g, tt: derivatives(Xm, yv, g, tt, o),
                                             X[rows], y[rows], panels, start=np.array(start, float),
                                             max_iter=iterate, difficult=difficult)
        if not converged:
            raise ValueError("xtnbreg did not converge")
        return t
    return refit_rows


def replicate_test(column_names, b, V, extra):
    """(header label, statistic, p, df_m) of _prefix_model_test over the slopes (not _cons):
    jackknife F(df_m, df_r) = W/df_m (_crcphdr's ``F(%6.0f,%8.0f)``), bootstrap Wald chi2(df_m)."""
    from mlmcli import distributions as stats

    from mlmcli.postest.prefix_model_test import replicate_wald
    from mlmcli.render.numfmt import format_number

    slopes = [j for j, name in enumerate(column_names) if name != "_cons"]
    W, df_m = replicate_wald(np.asarray(b)[slopes], V[np.ix_(slopes, slopes)]) if slopes else (float("nan"), 0)
    df_r = extra["df_r"]
    if df_r is not None:
        F = W / df_m if df_m else float("nan")
        p = float(stats.f.sf(F, df_m, df_r)) if df_m and np.isfinite(F) else float("nan")
        label = f"F({format_number(df_m, '%6.0f')},{format_number(df_r, '%8.0f')})"
        return label, F, p, df_m
    p = float(stats.chi2.sf(W, df_m)) if df_m and np.isfinite(W) else float("nan")
    return f"Wald chi2({df_m})", W, p, df_m


def vce_fields(extra) -> dict:
    """The result's variance fields: the heading over Std. Err., the Replications line, t."""
    label = (("Jknife *" if extra["kind"] == "jackknife" else "Bstrap *") if extra["mse"]
             else extra["kind"].capitalize())
    return {"vce_label": label, "replications": extra["clusters"], "t_stats": extra["df_r"] is not None}


def replicate_ereturn(e, extra, test_value: float, p: float, df_m: int) -> None:
    """bootstrap.ado/jackknife.ado's e(): the command's, with e(V) the replicates', e(vce),
    e(vcetype), e(prefix), e(N_reps), e(N_clust)/e(clustvar) over the panels or the prefix's
    cluster(); _prefix_model_test's e(F) and e(df_r) (jackknife) or Wald e(chi2)."""
    sc, mac = e.scalars, e.macros
    sc["N_reps"] = float(extra["n"])
    if extra["clusters"] is not None:
        sc["N_clust"] = float(extra["clusters"][0])
        mac["clustvar"] = extra["clusters"][1]
    sc["df_m"], sc["p"] = float(df_m), p
    if extra["df_r"] is not None:
        sc.pop("chi2", None)
        mac.pop("chi2type", None)
        sc.update(df_r=float(extra["df_r"]), F=test_value)
    else:
        sc["chi2"] = test_value
        mac["chi2type"] = "Wald"
    mac.update(vce=extra["kind"], vcetype=vce_fields(extra)["vce_label"], prefix=extra["kind"])
    if extra["mse"]:
        mac["mse"] = "mse"


def refuse_other_vce(opts: dict) -> None:
    """xtnbreg.ado's re/fe path: ``_vce_parse, opt(OIM) old`` -- another vce() is Stata's
    "vcetype 'x' not allowed" r(198)."""
    typed = opts.get("vce")
    if typed is None or str(typed).strip() in ("oim",):
        return
    from mlmcli.syntax.options import vcetype_not_allowed

    raise vcetype_not_allowed(str(typed))

