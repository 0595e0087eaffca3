"""The e() scalars Stata 13 posts after the maximum-likelihood commands (logit, logistic, probit,
cloglog, poisson, nbreg, ologit, oprobit) and after glm ([R] logit, probit, poisson, nbreg,
ologit, oprobit, glm: "Stored results"), from mlm's fits -- for the commands' own ereturn and
for what reject() and n() read in fpfit's jackknife prefix (``graphs.fpfit_ml_jackknife``).

- the ML commands: e(N), e(k), e(k_eq), e(k_eq_model) (1: the model test covers the first
  equation), e(k_dv), e(df_m), e(r2_p), e(ll), e(ll_0), e(chi2), e(p), e(rank), e(ic), e(rc),
  e(converged) (e(N_clust) with clusters); logit and probit e(N_cds) and e(N_cdf); ologit and
  oprobit e(k_cat) and e(k_aux) (the cutpoints); nbreg e(k_aux) = 1, e(alpha) (``dispersion
  (constant)``: e(delta)) and its LR test of alpha = 0, e(ll_c), e(chi2_c), e(p_c);
- glm: e(N), e(k), e(k_eq), e(k_eq_model) (0: glm.ado's ``est scalar k_eq_model = 0``, no model
  test, IRLS and ML alike), e(k_dv), e(df_m), e(df), e(phi), e(aic), e(bic),
  e(ll), e(deviance), e(deviance_s) = deviance/phi, e(deviance_p) (Pearson's), e(deviance_ps),
  e(dispers) = deviance/df, e(dispers_s), e(dispers_p), e(dispers_ps), e(nbml), e(vf),
  e(power), e(rank), e(ic), e(rc), e(converged) (e(N_clust) with clusters);
- mlogit: e(N), e(ll), e(ll_0), e(k), e(k_eq), e(k_eq_model), e(k_eq_base) (the base outcome's
  equation), e(k_dv), e(k_out), e(df_m), e(chi2), e(p), e(r2_p), e(rank), e(ic), e(rc),
  e(converged), e(baseout) (its value), e(ibaseout) (e(N_clust) with clusters).
"""
from __future__ import annotations

import numpy as np


def ml_scalars(fit, result=None) -> dict[str, float]:
    """e()'s scalars of an ML command's fit (``mlmcli.glm.fit``); ``result``: its ``fit.result()``."""
    result = fit.result() if result is None else result
    spec = fit.spec
    phases = result.iteration_log.phases
    scalars = {**fit.scalars(), "k_eq": float(1 + (fit.model.m if spec.family != "ordinal" else 0)),
               "k_eq_model": 1.0, "k_dv": 1.0,
               "ic": float(max(len(s.steps) for s in phases) - 1 if phases else 0), "rc": 0.0}
    if result.n_zero is not None or (spec.family == "bernoulli" and spec.link in ("logit", "probit")):
        scalars["N_cds"] = scalars["N_cdf"] = 0.0  # mlm notes no completely determined outcome
    if spec.family == "ordinal":
        scalars["k_cat"] = float(len(spec.categories))
        scalars["k_aux"] = float(len(spec.categories) - 1)
    if spec.family == "nbinomial":
        scalars["k_aux"] = 1.0
        scalars["alpha" if spec.dispersion == "mean" else "delta"] = float(np.exp(fit.anc[0]))
        if result.lr_alpha is not None:
            scalars["chi2_c"] = result.lr_alpha.chi2
            scalars["p_c"] = result.lr_alpha.p
            scalars["ll_c"] = result.lr_alpha.ll_single
    return scalars


def glm_scalars(fit, has_constant: bool) -> dict[str, float]:
    """e()'s scalars of a glm fit (``mlmcli.glm.generalized_linear``); e(k) counts e(b)'s columns,
    base and omitted ones too (glm.ado's ``local k = colsof(`b')``, ml's e(k)).  A ratio over a zero
    residual df or scale (as many observations as coefficients) is missing, Stata's arithmetic."""
    from mlmcli.missing import stata_ratio as r

    scalars = {"N": fit.nobs, "k": float(len(fit.labels)), "k_eq": 1.0, "k_eq_model": 0.0, "k_dv": 1.0,
               "df_m": float(fit.k - (1 if has_constant else 0)), "df": fit.df, "phi": fit.phi, "aic": fit.aic,
               "bic": fit.bic, "ll": fit.loglik, "deviance": fit.deviance, "deviance_s": r(fit.deviance, fit.phi),
               "deviance_p": fit.pearson, "deviance_ps": r(fit.pearson, fit.phi),
               "dispers": r(fit.deviance, fit.df), "dispers_s": r(r(fit.deviance, fit.df), fit.phi),
               "dispers_p": r(fit.pearson, fit.df), "dispers_ps": r(r(fit.pearson, fit.df), fit.phi),
               "nbml": float(fit.nbml), "vf": fit.vfactor,
               "power": fit.link.power if fit.link.name in ("power", "opower") else 0.0,
               "rank": float(fit.k), "ic": float(len(fit.iterations) - 1), "rc": 0.0,
               "converged": float(fit.converged)}
    if fit.n_clusters:
        scalars["N_clust"] = float(fit.n_clusters)
    if fit.link.name == "nbinomial":  # e(power) is "." (a hidden macro), no scalar
        del scalars["power"]
    return scalars


def constraint_rank(constraints) -> int:
    """The independent rows of R theta = r (0 without constraints): e(rank) = k less these."""
    if constraints is None or not len(constraints.R):
        return 0
    return int(np.linalg.matrix_rank(np.atleast_2d(constraints.R)))


def multinomial_scalars(fit, result=None) -> dict[str, float]:
    """e()'s scalars of an mlogit fit (``mlmcli.glm.multinomial``); ``result``: its ``fit.result()``."""
    spec = fit.spec
    result = fit.result() if result is None else result
    steps = result.iteration_log.phases[0].steps if result.iteration_log.phases else ()
    scalars = {"N": float(fit.nobs()), "ll": fit.loglik, "ll_0": fit.ll_0, "k": float(spec.K * len(spec.labels)),
               "k_eq": float(spec.K), "k_eq_model": float(spec.K), "k_eq_base": float(spec.base + 1), "k_dv": 1.0,
               "k_out": float(spec.K), "df_m": float(result.df_m), "chi2": result.chi2, "p": result.p,
               "r2_p": result.pseudo_r2, "rank": float(len(fit.theta) - constraint_rank(spec.constraints)), "ic": float(max(len(steps) - 1, 0)),
               "rc": 0.0, "converged": float(fit.converged), "baseout": spec.outcomes[spec.base],
               "ibaseout": float(spec.base + 1)}
    if fit.n_clusters is not None:
        scalars["N_clust"] = float(fit.n_clusters)
    return scalars
