"""The results of the random-effects ``xtlogit``, ``xtprobit`` and ``xtpoisson``
(``commands.estimation.xt_random_intercept``): the ``/lnsig2u`` or ``/lnalpha`` row and its
natural metric (``sigma_u`` and, for the binary models, ``rho``; ``alpha``), the result
object and e().
"""
from __future__ import annotations

import dataclasses

import numpy as np
from mlmcli.postest.coefficient_rows import safe_rank

LATENT = {"xtlogit": np.pi ** 2 / 3, "xtprobit": 1.0, "xtcloglog": np.pi ** 2 / 6}  # the latent error's variance (rho's c)


def parameter_rows(kind: str, cmdname: str, est: float, se: float, level: float, df: float | None = None):
    """(estimation-metric rows, natural rows) of ``/lnsig2u`` or ``/lnalpha``; ``df``: t
    quantiles on df (jackknife's e(df_r)) in place of normal ones."""
    from mlmcli.missing import stata_exp  # _diparm's transforms: missing where exp() overflows
    from mlmcli.results.xt_random_intercept import ParameterRow
    from mlmcli import distributions as stats

    z = stats.norm.ppf(0.5 + level / 200) if df is None else stats.t.ppf(0.5 + level / 200, df)
    lo, hi = est - z * se, est + z * se
    first = (ParameterRow(f"/{kind}", est, se, lo, hi),)
    if kind == "lnalpha":
        a = stata_exp(est)
        return first, (ParameterRow("alpha", a, a * se, stata_exp(lo), stata_exp(hi)),)
    s = stata_exp(est / 2)
    natural = [ParameterRow("sigma_u", s, s / 2 * se, stata_exp(lo / 2), stata_exp(hi / 2))]
    if cmdname in LATENT:
        c = LATENT[cmdname]

        def rho(v):  # _diparm's exp(@)/(c+exp(@)): missing where exp() is
            e = stata_exp(v)
            return e / (e + c)
        r = rho(est)
        natural.append(ParameterRow("rho", r, r * (1 - r) * se, rho(lo), rho(hi)))
    return first, tuple(natural)


def make_result(cmdname, depvar, ivar, nobs, g, distribution, fixed, theta, V, level, wald, loglik, lr, **kw):
    from mlmcli.results.xt_random_intercept import RandomInterceptResult

    kind = "lnalpha" if distribution == "Gamma" else "lnsig2u"
    first, natural = parameter_rows(kind, cmdname, float(theta[-1]), float(np.sqrt(max(V[-1, -1], 0.0))), level)
    if kw.get("constraint_labels") and V[-1, -1] == 0:  # a constraint fixes lnsig2u: ``(constrained)``
        first = tuple(dataclasses.replace(row, se=float("nan")) for row in first)
    what = "alpha" if kind == "lnalpha" else ("rho" if cmdname in LATENT else "sigma_u")
    return RandomInterceptResult(
        title=title(cmdname), depvar=depvar, ivar=ivar, nobs=nobs, n_groups=g.n_groups, g_min=g.min, g_avg=g.avg,
        g_max=g.max, distribution=distribution, fixed=tuple(fixed), estimation=first, natural=natural,
        wald_chi2=wald[0], wald_df=wald[1], wald_p=wald[2], loglik=loglik, level=level,
        lr_parameter=what if lr is not None else None, lr_chi2=lr.chi2 if lr is not None else float("nan"),
        lr_p=lr.p if lr is not None else float("nan"),
        **{"ll_c": lr.ll_single if lr is not None else float("nan"),
           "chi2_c": lr.chi2 if lr is not None else float("nan"), **kw})


def estimated_names(dep, labels, kind) -> list[str]:
    """e(b)'s names of the estimated columns (not base or omitted levels), then the ancillary one."""
    return [f"{dep}:{lab.name}" for lab in labels if not (lab.base or lab.omitted)] + [f"{kind}:_cons"]


def estimation_results(cmdname, cmdline, fit, result, labels, theta, V, used, sample, design, ivar, kind,
                       converged, robust=False):
    from mlmcli.estimation.results import EstimationResults
    from mlmcli.results.matrix import Matrix

    dep = result.depvar
    names = [f"{dep}:{lab.name}" for lab in labels] + [f"{kind}:_cons"]
    est = [j for j, lab in enumerate(labels) if not (lab.base or lab.omitted)]
    idx = est + [len(labels)]
    b = np.zeros(len(names))
    b[idx] = theta
    Vf = np.zeros((len(names), len(names)))
    Vf[np.ix_(idx, idx)] = V
    scalars = {"N": float(result.nobs), "N_g": float(result.n_groups), "g_min": float(result.g_min),
               "g_avg": float(result.g_avg), "g_max": float(result.g_max), "k": float(len(names)),
               "ll": result.loglik, "chi2": result.wald_chi2, "p": result.wald_p, "df_m": float(result.wald_df),
               "converged": float(converged), "level": float(result.level),
               "rank": float(safe_rank(V)) if V.size else 0.0}
    for row in result.natural:
        scalars[row.label] = row.estimate
    if result.intpoints:
        scalars["n_quad"] = float(result.intpoints)
    if result.lr_parameter:
        scalars.update(chi2_c=result.lr_chi2, p_c=result.lr_p)
    if np.isfinite(result.ll_c):  # xtlogit.ado: ``est scalar ll_c = `llprob'``, chi2_c, chi2_ct "LR"
        scalars.update(ll_c=result.ll_c, chi2_c=result.chi2_c)
    macros = {"cmd": cmdname, "cmdline": cmdline, "depvar": dep, "ivar": ivar, "model": "re",
              "title": result.title, "distrib": result.distribution, "chi2type": "Wald",
              "vce": "robust" if robust else "oim",
              "crittype": "log pseudolikelihood" if robust else "log likelihood", "properties": "b V",
              "predict": f"{cmdname}_re_p"}
    if result.intmethod:
        macros["intmethod"] = result.intmethod
    if robust:
        macros["vcetype"] = "Robust"
        if result.cluster:  # xtlogit.ado: est local clustvar (the panel variable under vce(robust)), N_clust;
            # _xt_robust keeps e(vce) "robust" under vce(cluster v) too (docs/xt_vce.md)
            scalars["N_clust"] = float(result.cluster[0])
            macros["clustvar"] = result.cluster[1]
    if np.isfinite(result.ll_c):
        macros["chi2_ct"] = "LR"
    if cmdname in ("xtlogit", "xtprobit", "xtcloglog"):  # margins reads xtbin_p's statistics (glmm.margins_hook)
        fit.xt_command = cmdname
    full = np.asarray(sample, bool).copy()
    full[np.flatnonzero(full)] = np.asarray(used, bool)
    same_columns = len(labels) == len(design.labels) and all(
        a.omitted == b_.omitted for a, b_ in zip(labels, design.labels))
    return EstimationResults(cmd=cmdname, scalars=scalars, macros=macros,
                             matrices={"b": Matrix(b[None, :], ("y1",), tuple(names)),
                                       "V": Matrix(Vf, tuple(names), tuple(names))},
                             result=result, model=fit, sample=full, title=result.title,
                             design=design if same_columns else None)


def title(cmdname: str) -> str:
    return {"xtlogit": "Random-effects logistic regression", "xtprobit": "Random-effects probit regression",
            "xtpoisson": "Random-effects Poisson regression",
            "xtcloglog": "Random-effects complementary log-log model"}[cmdname]
