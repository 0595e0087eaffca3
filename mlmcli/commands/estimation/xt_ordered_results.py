"""The results of ``xtologit``/``xtoprobit`` (``commands.estimation.xt_ordered``): the table's
rows from the glmm fit, e() in the xt names (``cut1:_cons`` ... ``sigma2_u:_cons``)."""
from __future__ import annotations

import dataclasses

import numpy as np
from mlmcli import distributions as stats

from mlmcli.results.matrix import Matrix

TITLE = {"xtologit": "Random-effects ordered logistic regression",
         "xtoprobit": "Random-effects ordered probit regression"}
LR_MODEL = {"xtologit": "ologit", "xtoprobit": "oprobit"}  # the LR test's comparison model


def _cut_rows(rows, level: float):
    """The cutpoints with z and P (Stata 13's xtologit table shows them, meologit's does not)."""
    z = stats.norm.ppf(0.5 + level / 200)
    out = []
    for r in rows:
        zs = r.coef / r.se if r.se > 0 else float("nan")
        out.append(dataclasses.replace(r, stat=zs, p=2 * stats.norm.sf(abs(zs)), ci_lo=r.coef - z * r.se,
                                       ci_hi=r.coef + z * r.se))
    return tuple(out)


def sigma2_u_row(v: float, se: float, level: float):
    """``/sigma2_u``: its limits exp(ln v -+ z se / v) (the variance's log-scale interval)."""
    from mlmcli.results.xt_random_intercept import ParameterRow

    z = stats.norm.ppf(0.5 + level / 200)
    if not (v > 0 and se > 0):
        return ParameterRow("/sigma2_u", v, se, float("nan"), float("nan"))
    from mlmcli.missing import stata_exp  # missing (not inf) where exp() overflows, as _diparm's

    h = z * se / v
    return ParameterRow("/sigma2_u", v, se, stata_exp(np.log(v) - h), stata_exp(np.log(v) + h))


def result_at_level(result, level: float):
    """The rows again with confidence intervals at ``level``."""
    from mlmcli.results.mixed import CoefRow

    z = stats.norm.ppf(0.5 + level / 200)
    fixed = tuple(r if (r.base or r.omitted) else CoefRow(r.name, r.coef, r.se, r.stat, r.p, r.coef - z * r.se,
                                                          r.coef + z * r.se, r.term, r.level)
                  for r in result.fixed)
    sig = result.sigma2_u
    return dataclasses.replace(result, fixed=fixed, cuts=_cut_rows(result.cuts, level),
                               sigma2_u=sigma2_u_row(sig.estimate, sig.se, level), level=level)


def ordered_results(cmdname, cmdline, fit, glmm, design, sample, ivar):
    from mlmcli.commands.estimation.me import posted_results
    from mlmcli.results.xt_ordered import OrderedRandomEffectsResult

    b, V = fit.e_matrices()
    fit.xt_unconditional = True  # e(b) is the me layout renamed: margins' vce(unconditional) maps as meologit's
    names = list(b.colnames)
    names[-1] = "sigma2_u:_cons"  # var(_cons[id]):_cons in Stata 13's xt name
    names = tuple(names)
    b, V = Matrix(b.values, b.rownames, names), Matrix(V.values, names, names)
    level = glmm.level
    g = glmm.groups[0].summary
    lr = glmm.lr_test if fit.converged else None  # (as meologit: none after a fit that stopped short)
    result = OrderedRandomEffectsResult(
        title=TITLE[cmdname], depvar=fit.spec.depvar, ivar=ivar, nobs=fit.nobs(), n_groups=g.n_groups,
        g_min=g.min, g_avg=g.avg, g_max=g.max, fixed=tuple(glmm.fixed), cuts=_cut_rows(glmm.ancillary, level),
        sigma2_u=sigma2_u_row(float(b.values[0, -1]), float(np.sqrt(max(V.values[-1, -1], 0.0))), level),
        wald_chi2=glmm.wald_chi2, wald_df=glmm.wald_df, wald_p=glmm.wald_p, loglik=fit.loglik,
        intmethod=fit.spec.method, intpoints=fit.spec.points, level=level,
        lr_model=LR_MODEL[cmdname] if lr is not None else None,
        lr_chi2=lr.chi2 if lr is not None else float("nan"), lr_p=lr.p if lr is not None else float("nan"),
        robust=fit.robust, cluster=(glmm.n_clusters, glmm.cluster_var) if glmm.cluster_var else None)
    raw = fit.scalars()
    scalars = {k: float(v[0]) if isinstance(v, list) else float(v) for k, v in raw.items()}
    scalars.update(level=float(level), sigma2_u=result.sigma2_u.estimate, k_eq=float(len({n.split(":")[0]
                                                                                          for n in names})))
    for key in ("k_f", "k_r", "k_rs"):  # the me commands' counts (not xtologit's)
        scalars.pop(key, None)
    fx = fit.spec.fixed
    macros = {"cmd": cmdname, "cmdline": cmdline, "depvar": fx.depvar, "ivar": ivar, "title": TITLE[cmdname],
              "distrib": "Gaussian", "intmethod": fit.spec.method, "chi2type": "Wald",
              "crittype": "log pseudolikelihood" if fit.robust else "log likelihood",
              "vce": "robust" if fit.robust else "oim", "properties": "b V", "predict": "xtologit_p"
              if cmdname == "xtologit" else "xtoprobit_p", "model": LR_MODEL[cmdname]}
    if lr is not None:
        macros["chi2_ct"] = "LR"
    if fit.robust:
        macros["vcetype"] = "Robust"
        if fx.cluster_var:
            macros["clustvar"] = fx.cluster_var
    if fx.offset_name:
        macros["offset"] = fx.offset_name
    cats = fx.categories
    mats = {"b": b, "V": V,
            "cat": Matrix(np.array([list(cats)]), ("r1",), tuple(f"c{i + 1}" for i in range(len(cats))))}
    fit.xt_command = cmdname  # margins: pr outcome() with u_i = 0 (glmm.margins_hook)
    e = posted_results(cmdname, scalars, macros, mats, result, fit, sample, design)
    e.scalars["converged"] = float(fit.converged)
    return e
