"""The display results of a fit whose e(V) the bootstrap/jackknife prefixes replaced
(replicate_coefficients): mixed's random-effects parameters on Stata's scale with delta-method
SEs from the replicate V of e(b)'s log standard deviations; the me commands' table with e(V)
carried from Stata 13's me metric back to the fit's; tobit's and intreg's table from e(b) and
e(V).  Also used by those commands' replays at another level()."""
from __future__ import annotations

import dataclasses

import numpy as np


def replicate_result_at_level(e, level: float):
    """The prefixed mixed or me fit's display result at another level() (a replay), or None
    when ``e`` is not one: the commands' own recomputation would use the model-based V."""
    from mlmcli.glmm.fit import GLMMFit
    from mlmcli.mixed.fit import MixedFit

    kind = e.macros.get("prefix")
    if kind not in ("bootstrap", "jackknife") or e.macros.get("vce") != kind:
        return None
    if isinstance(e.model, MixedFit):
        return mixed_replicate_result(e, kind, level)
    if isinstance(e.model, GLMMFit):
        return me_replicate_result(e, kind, level)
    return None


def with_replicate_result(e, kind: str):
    """e() with the command's display result redone on the replicate V (mixed, the me
    commands, tobit, intreg) at the prefix's level() (e(level)), else as it is."""
    from mlmcli.glmm.fit import GLMMFit
    from mlmcli.mixed.fit import MixedFit
    from mlmcli.results.censored_regression import CensoredRegressionResult
    from mlmcli.results.glmm import GLMMResult

    level = e.scalars.get("level")
    if e.result is None or level is None or level == getattr(e.result, "level", level):
        level = None
    if e.macros.get("cmdname") in ("mixed", "xtmixed") and isinstance(e.model, MixedFit):
        return dataclasses.replace(e, result=mixed_replicate_result(e, kind, level))
    if isinstance(e.model, GLMMFit) and isinstance(e.result, GLMMResult):
        return dataclasses.replace(e, result=me_replicate_result(e, kind, level))
    if isinstance(e.result, CensoredRegressionResult) and e.design is not None:
        return dataclasses.replace(e, result=censored_replicate_result(e, kind, level))
    return e


def censored_replicate_result(e, kind: str, level: float | None = None):
    """tobit's and intreg's table from e(b) and the replicate e(V) (censored.result_at_level:
    z, or t on the jackknife's e(df_r)), the header's test _prefix_model_test's."""
    from mlmcli.commands.estimation.censored import result_at_level
    from mlmcli.results.censored_regression import ModelTest

    result = result_at_level(e, e.result.level if level is None else level)  # from e(b) and e(V)
    if result.natural is not None and result.ancillary:  # intreg's sigma: delta method from /lnsigma
        anc = result.ancillary[0]
        result = dataclasses.replace(result, natural=dataclasses.replace(result.natural,
                                                                         se=result.natural.coef * anc.se))
    df_r = e.scalars.get("df_r")
    chi2, df_m = e.scalars.get("chi2", float("nan")), int(e.scalars.get("df_m", 0))
    if kind == "jackknife" and df_r:
        from mlmcli.distributions import f as f_dist

        test = ModelTest("F", chi2 / df_m, df_m, float(f_dist.sf(chi2 / df_m, df_m, df_r)), df_r) if df_m else \
            e.result.test
    else:
        test = ModelTest("Wald", chi2, df_m, e.scalars.get("p", float("nan"))) if df_m else e.result.test
    reps = e.scalars.get("N_reps")
    return dataclasses.replace(result, stat_label="t" if kind == "jackknife" else "z", test=test, pseudo=False,
                               vce_label=e.macros.get("vcetype", kind.capitalize()),
                               n_reps=None if reps is None else int(reps))


def me_replicate_result(e, kind: str, level: float | None = None):
    """The GLMMResult of an me fit with the replicate V: e(V) is on Stata 13's me metric
    (variances and covariances), the fit's V on its own (log sd, atanh corr): carried back by
    the inverse of the Jacobian stored_results.e_matrices uses, so the table's variance SEs are
    the replicates' and its intervals the command's own (log scale for variances)."""
    from mlmcli.glmm.stored_results import eb_layout

    fit = e.model
    p = fit.model.p
    V = np.asarray(e.matrices["V"].values, float)
    if str(e.macros.get("cmdname", "")).startswith("meqr"):  # meqr: e(b) is theta, in its order
        nf = len(fit.labels)
        est = [j for j, lab in enumerate(fit.labels) if not (lab.base or lab.omitted)]
        idx = est + list(range(nf, V.shape[0]))
        T = np.eye(len(fit.theta))
    else:  # e(b)'s own layout: its column of each theta entry and d(e(b))/d(theta)
        _, idx, T, _ = eb_layout(fit)
    Ve = V[np.ix_(idx, idx)]
    Ti = np.linalg.pinv(T)
    fit2 = dataclasses.replace(fit, V=Ti @ Ve @ Ti.T)
    if level is not None:  # a replay at another level()
        fit2 = dataclasses.replace(fit2, spec=dataclasses.replace(fit.spec, fixed=dataclasses.replace(
            fit.spec.fixed, level=level)))
    result = fit2.result()
    fixed = result.fixed
    df_r = e.scalars.get("df_r")
    if kind == "jackknife" and df_r:  # _coef_table: t on e(df_r)
        from mlmcli.postest.coefficient_rows import rows_from_estimates

        fixed = rows_from_estimates(fit.labels, fit.beta, Ve[:p, :p], result.level, df=df_r)
    from mlmcli.glm.inference import eform_rows

    return dataclasses.replace(result, fixed=fixed, fixed_eform=eform_rows(fixed), vce=kind,
                               vce_label=e.macros.get("vcetype", kind.capitalize()),
                               iteration_log=e.result.iteration_log, notes=e.result.notes,
                               wald_chi2=e.scalars.get("chi2", result.wald_chi2),
                               wald_p=e.scalars.get("p", result.wald_p))


def mixed_replicate_result(e, kind: str, level: float | None = None):
    """The MixedResult of a mixed fit whose V is the replicates' (fixed part and log-scale
    variance parameters), for display and replay."""
    from mlmcli.results.mixed import keep_empty_levels

    fit = e.model
    V = np.asarray(e.matrices["V"].values, float)
    labels = fit.spec.coef_labels
    nf = len(labels)
    est = [j for j, lab in enumerate(labels) if not (lab.base or lab.omitted)]
    fit2 = dataclasses.replace(fit, V_beta=V[np.ix_(est, est)], V_phi=V[nf:, nf:], V_cross=None)
    if level is not None:  # a replay at another level()
        fit2 = dataclasses.replace(fit2, spec=dataclasses.replace(fit.spec, level=level))
    result = fit2.result()
    old = e.result
    fixed = result.fixed
    df_r = e.scalars.get("df_r")
    if kind == "jackknife" and df_r:  # _coef_table: t on e(df_r)
        from mlmcli.postest.coefficient_rows import rows_from_estimates

        fixed = rows_from_estimates(labels, fit.beta, V[np.ix_(est, est)], result.level, df=df_r)
    label = e.macros.get("vcetype", kind.capitalize())
    return dataclasses.replace(result, fixed=fixed, vce=kind, vce_label=label, iteration_log=old.iteration_log,
                               notes=old.notes, groups=old.groups, linear=old.linear,
                               empty_cells=getattr(old, "empty_cells", ()),
                               random=keep_empty_levels(result.random, old.random),
                               wald_chi2=e.scalars.get("chi2", result.wald_chi2),
                               wald_p=e.scalars.get("p", result.wald_p))
