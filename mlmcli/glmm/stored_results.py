"""What a GLMM fit stores in e(): matrices, scalars and macros as Stata's me commands name them.

e(b): the coefficients (``depvar:x``), the ancillary parameters in the estimation
metric (``cut1:_cons``, ``lnalpha:_cons``, ``lndelta:_cons``), then the random-effects
parameters in the variance metric, ``var(x[lev]):_cons`` and ``cov(x[lev],z[lev]):_cons``
with ``lev`` the nested level label (``school>class``) -- the names Stata 13's
``melogit, coeflegend`` shows and ``_b[var(_cons[school]):_cons]`` refers to (Stata's
own ``meglm_estat`` ado reads them so); crossed factors as ``var(R.x):_cons`` (not
verified against Stata).  e(V): the estimation-metric covariance carried to that metric by
the delta method (Jacobian of (var, cov) with respect to (ln sd, atanh corr)).
"""
from __future__ import annotations

import numpy as np

from ..mixed.inference import numerical_jacobian
from ..mixed.random_effects_term import DISPLAY_NAMES
from ..results.glmm import CENSORED_MODELS, me_title
from ..results.matrix import Matrix
from .levels import level_factor_label

# e(model): the word Stata's LR-test line uses for the single-level model
LR_MODEL = {"logit": "logistic", "probit": "probit", "cloglog": "cloglog", "poisson": "Poisson",
            "nbreg": "nbinomial", "ologit": "ologit", "oprobit": "oprobit", "ocloglog": "ocloglog",
            "regress": "linear"}
# families without a single-level command of their own (meglm's e(model))
FAMILY_MODEL = {"gamma": "gamma"}


def model_word(fx) -> str:
    """e(model) of a fit whose fixed part is ``fx``."""
    return LR_MODEL.get(fx.command) or FAMILY_MODEL.get(fx.family, "glm")


def re_param_names(fit) -> list[str]:
    """Stata's e(b) names of the random-effects parameters, in the variance metric:
    ``var(x[lev]):_cons``, ``cov(x[lev],_cons[lev]):_cons`` (``lev`` the nested label,
    ``school>class``); ``var(_cons[d>x]):_cons`` for ``d: R.x`` at a named level
    (``level_factor_label``); ``var(R.x):_cons`` for crossed ``_all: R.x`` factors."""
    names = []
    for lv in fit.model.structure.levels:
        for blk in lv.blocks:
            label = level_factor_label(lv, blk)
            if label:
                names.append(f"var(_cons[{label}]):_cons")
                continue
            if blk.factor:
                names.append(f"var({blk.names[0]}):_cons")
                continue
            nm = [f"{v}[{lv.label}]" for v in blk.names]
            names += [f"var({v}):_cons" for v in nm]
            if blk.cov.kind in ("unstructured", "exchangeable"):
                names += [f"cov({nm[i]},{nm[j]}):_cons" for i in range(len(nm)) for j in range(i + 1, len(nm))]
    return names


def re_values(fit, phi: np.ndarray) -> np.ndarray:
    """The variances and covariances of e(b) at the estimation-metric phi."""
    vals, k = [], 0
    for lv in fit.model.structure.levels:
        for blk in lv.blocks:
            S = blk.cov.cov_from_est(phi[k:k + blk.cov.n_est])
            k += blk.cov.n_est
            q = len(blk.names)
            vals += [S[i, i] for i in range(q)]
            if blk.cov.kind in ("unstructured", "exchangeable") and not blk.factor:
                vals += [S[i, j] for i in range(q) for j in range(i + 1, q)]
    return np.array(vals)


def residual_variance_last(spec, model) -> bool:
    """Gaussian family: e(b) holds the residual variance as ``var(e.depvar):_cons`` after the
    random-effects parameters, as the table shows it last (not the engine's ln sigma)."""
    return spec.fixed.family == "gaussian" and model.m == 1


def param_names(fit) -> list[str]:
    """Every e(b) column name, in order."""
    dep = fit.spec.depvar
    names = [f"{dep}:{lab.name}" for lab in fit.labels]
    if residual_variance_last(fit.spec, fit.model):
        return names + re_param_names(fit) + [f"var(e.{dep}):_cons"]
    names += [f"{n}:_cons" for n in fit.model.family.anc_names]
    return names + re_param_names(fit)


def eb_layout(fit) -> tuple[tuple[str, ...], list[int], np.ndarray, np.ndarray]:
    """e(b)'s names, the e(b) columns theta's (transformed) parameters fill (base and omitted
    coefficients stay zero), T = d(e(b) entries)/d(theta) (variances in their natural metric)
    and the variance parameters' natural values."""
    p, m = fit.model.p, fit.model.m
    k0 = p + m
    names = tuple(param_names(fit))
    est = [j for j, lab in enumerate(fit.labels) if not (lab.base or lab.omitted)]
    nf = len(fit.labels)
    re_vals = re_values(fit, fit.phi)
    J = numerical_jacobian(lambda ph: re_values(fit, ph), fit.phi) if len(fit.phi) else np.zeros((0, 0))
    T = np.zeros((k0 + len(re_vals), len(fit.theta)))
    T[:k0, :k0] = np.eye(k0)
    T[k0:, k0:] = J
    if residual_variance_last(fit.spec, fit.model):  # var = exp(2 ln sigma), in the last column
        T[p, p] = 2 * np.exp(2 * fit.theta[p])
        idx = est + [len(names) - 1] + list(range(nf, nf + len(re_vals)))
    else:
        idx = est + list(range(nf, nf + m)) + list(range(nf + m, len(names)))
    return names, idx, T, re_vals


def _fixed_and_ancillary_values(fit) -> np.ndarray:
    """theta's coefficients and ancillary parameters as e(b) holds them."""
    k0 = fit.model.p + fit.model.m
    values = np.array(fit.theta[:k0], float)
    if residual_variance_last(fit.spec, fit.model):
        values[fit.model.p] = np.exp(2 * values[fit.model.p])
    return values


def e_matrices(fit) -> tuple[Matrix, Matrix]:
    """e(b), e(V) as Stata's me commands store them: coefficients, ancillary parameters,
    then variances and covariances (delta-method block of V); the gaussian residual variance
    last."""
    names, idx, T, re_vals = eb_layout(fit)
    V0 = np.asarray(fit.V, float)
    # a variance past the largest double (data near 1e150 and beyond), or missing (a parameter
    # the Hessian does not identify): missing wherever it enters, never a variance of 0
    infinite = ~np.isfinite(V0)
    with np.errstate(over="ignore", invalid="ignore"):
        Vt = T @ np.where(infinite, 0.0, V0) @ T.T
    used = (T != 0).astype(float)
    Vt[~np.isfinite(Vt) | (used @ infinite.astype(float) @ used.T > 0)] = np.nan  # Stata's missing
    b = np.zeros(len(names))
    b[idx] = np.concatenate([_fixed_and_ancillary_values(fit), re_vals])
    V = np.zeros((len(names), len(names)))
    V[np.ix_(idx, idx)] = Vt
    return Matrix(b[None, :], ("y1",), names), Matrix(V, names, names)


def scalars(fit) -> dict:
    r = fit.result()
    gs = [g.summary for g in r.groups]
    lr = r.lr_test
    out = {
        "N": float(fit.nobs()), "k": float(len(param_names(fit))), "k_dv": 1.0,
        "k_f": float(len(fit.labels)), "k_r": float(fit.model.n_phi + fit.model.m),
        "k_rs": float(fit.model.n_phi), "ll": fit.loglik, "chi2": r.wald_chi2, "p": r.wald_p,
        "df_m": float(r.wald_df), "n_quad": float(fit.spec.points), "converged": float(fit.converged),
        "rank": float(np.linalg.matrix_rank(np.nan_to_num(fit.V))) if fit.V.size else 0.0,
        "N_g": [g.n_groups for g in gs], "g_min": [g.min for g in gs], "g_avg": [g.avg for g in gs],
        "g_max": [g.max for g in gs],
    }
    if not fit.spec.terms:  # no random-effects equation: e(k_r) 0 and no e(N_g) (_me_estimate)
        out.update(k_r=0.0, k_rs=0.0)
        for key in ("N_g", "g_min", "g_avg", "g_max"):
            del out[key]
    if lr is not None:
        out.update(ll_c=lr.ll_single, chi2_c=lr.chi2, df_c=float(lr.df), p_c=lr.p)
    if fit.n_clusters is not None:
        out["N_clust"] = float(fit.n_clusters)
    if fit.spec.fixed.family == "ordinal":
        out["k_cat"] = float(fit.model.family.ncat)
    return out


def macros(fit) -> dict[str, str]:
    fx = fit.spec.fixed
    levels = fit.model.structure.levels
    out = {
        "cmd": fit.spec.cmd, "cmd2": fit.spec.cmd, "depvar": fx.depvar,
        "title": me_title(fit.spec.cmd, fx.family, fx.link, bool(fit.spec.terms)),
        "family": fx.family, "link": fx.link, "intmethod": fit.spec.method,
        "ivars": " ".join(lv.name for lv in levels),
        "labels": " ".join(lv.label for lv in levels),
        "model": CENSORED_MODELS[fit.spec.cmd][1] if fit.spec.cmd in CENSORED_MODELS else model_word(fx),
        "vce": "robust" if fit.robust else "oim",
        "covariates": " ".join(lab.name for lab in fit.labels if lab.name != "_cons"),
        "revars": " ".join(n for lv in levels for b in lv.blocks for n in b.names),
        "redim": " ".join(str(len(b.names)) for lv in levels for b in lv.blocks),
        "vartypes": " ".join(DISPLAY_NAMES[b.cov.kind] for lv in levels for b in lv.blocks),
    }
    icc = {"logit": "logit", "probit": "probit", "cloglog": "cloglog"}.get(fx.link)
    if fx.family in ("bernoulli", "binomial", "ordinal") and icc:
        out["icctype"] = icc
    if fx.trials_label:
        out["binomial"] = fx.trials_label
    if fx.offset_name:
        out["offset"] = fx.offset_name
    if fx.family == "nbinomial":
        out["dispersion"] = fx.dispersion
    if fit.robust and fx.cluster_var:
        out["clustvar"] = fx.cluster_var
    return out
