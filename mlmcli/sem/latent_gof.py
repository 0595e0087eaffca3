"""estat gof after sem with latent variables ([SEM] estat gof, [SEM] Methods and formulas for
sem): the LR tests against the saturated and baseline models, RMSEA (Steiger 1990) with its
90% interval and pclose from the noncentral chi-squared, AIC and BIC, CFI (Bentler 1990),
TLI (Tucker & Lewis 1973), SRMR and the coefficient of determination CD.

    RMSEA = sqrt(max(chi2_ms - df_ms, 0) / (N df_ms))
    CFI   = 1 - max(chi2_ms - df_ms, 0) / max(chi2_ms - df_ms, chi2_bs - df_bs, 0)
    TLI   = (chi2_bs/df_bs - chi2_ms/df_ms) / (chi2_bs/df_bs - 1)
    SRMR  = sqrt(sum_{i<=j} r_ij^2 / (p(p+1)/2)), r_ij = s_ij/sqrt(s_ii s_jj) - sigma_ij/sqrt(sigma_ii sigma_jj)
    CD    = 1 - |Psi| / |Sigma_en|, Psi the errors' covariance of the endogenous variables and
            Sigma_en their fitted covariance
"""
from __future__ import annotations

import numpy as np


def noncentrality(chi2: float, df: int, prob: float) -> float:
    """lambda with P(X <= chi2 | df, lambda) = prob (0 when even lambda = 0 is below prob)."""
    from scipy.optimize import brentq
    from scipy.stats import ncx2, chi2 as central

    if float(central.cdf(chi2, df)) < prob:
        return 0.0
    hi = max(chi2, 1.0)
    while float(ncx2.cdf(chi2, df, hi)) > prob:
        hi *= 2.0
    return float(brentq(lambda lam: float(ncx2.cdf(chi2, df, lam)) - prob, 1e-12, hi, xtol=1e-12))


def fit_statistics(fit) -> dict:
    """Every statistic of estat gof, stats(all), by its r() name."""
    from scipy.stats import ncx2

    built = fit.built
    mom = fit.extra["moments"]
    theta = fit.extra["theta"]
    n = float(fit.n)
    chi2, df, p = fit.lr_saturated
    chi2_bs, df_bs, p_bs = fit.extra["baseline"]
    out = {"chi2_ms": chi2, "df_ms": float(df), "p_ms": p, "chi2_bs": chi2_bs, "df_bs": float(df_bs), "p_bs": p_bs}
    if df > 0:
        out["rmsea"] = float(np.sqrt(max(chi2 - df, 0.0) / (n * df)))
        out["lb90_rmsea"] = float(np.sqrt(noncentrality(chi2, df, 0.95) / (n * df)))
        out["ub90_rmsea"] = float(np.sqrt(noncentrality(chi2, df, 0.05) / (n * df)))
        out["pclose"] = float(ncx2.sf(chi2, df, 0.05 ** 2 * n * df))
    else:
        out.update(rmsea=0.0, lb90_rmsea=0.0, ub90_rmsea=0.0, pclose=1.0)
    k = built.ram.n_free
    out["aic"] = -2.0 * fit.loglik + 2.0 * k
    out["bic"] = -2.0 * fit.loglik + k * np.log(n)
    excess = max(chi2 - df, 0.0)
    denom = max(chi2 - df, chi2_bs - df_bs, 0.0)
    out["cfi"] = 1.0 - excess / denom if denom > 0 else 1.0
    out["tli"] = (chi2_bs / df_bs - (chi2 / df if df > 0 else 0.0)) / (chi2_bs / df_bs - 1.0) if df_bs > 0 else 1.0
    _, Sigma = built.ram.implied(theta)
    S = mom.cov
    sd_s, sd_f = np.sqrt(np.diag(S)), np.sqrt(np.diag(Sigma))
    R = S / np.outer(sd_s, sd_s) - Sigma / np.outer(sd_f, sd_f)
    iu = np.triu_indices(len(S))
    out["srmr"] = float(np.sqrt(np.mean(R[iu] ** 2)))
    out["cd"] = coefficient_of_determination(fit)
    out["N_groups"] = 1.0
    return out


def coefficient_of_determination(fit) -> float:
    built = fit.built
    ram = built.ram
    A, S, _ = ram.matrices(fit.extra["theta"])
    _, _, full = ram.full_moments(fit.extra["theta"])
    rows = [ram.variables.index(v) for v in built.endogenous]
    psi = S[np.ix_(rows, rows)]
    fitted = full[np.ix_(rows, rows)]
    return float(1.0 - np.linalg.det(psi) / np.linalg.det(fitted))


def equation_fit(fit) -> list[tuple[str, bool, float, float, float, float, float, float]]:
    """estat eqgof's rows: (depvar, observed, fitted variance, predicted, residual, R-squared, mc,
    mc2) for every endogenous variable; fitted = the model's variance, residual = its error's
    variance, R2 = 1 - residual/fitted, mc = corr(depvar, A v) (Bentler & Raykov 2000)."""
    built = fit.built
    ram = built.ram
    theta = fit.extra["theta"]
    A, S, _ = ram.matrices(theta)
    _, _, full = ram.full_moments(theta)
    rows = []
    for v in built.endogenous:
        k = ram.variables.index(v)
        fitted, residual = float(full[k, k]), float(S[k, k])
        a = A[k, :]
        cov_pred, var_pred = float(a @ full[:, k]), float(a @ full @ a)
        mc = cov_pred / np.sqrt(fitted * var_pred) if var_pred > 0 and fitted > 0 else float("nan")
        rows.append((v, v in built.observed, fitted, fitted - residual, residual, 1.0 - residual / fitted, mc,
                     mc * mc))
    return rows


def residuals(fit) -> tuple[np.ndarray, np.ndarray]:
    """estat residuals: the observed variables' mean residuals (sample - fitted) and covariance
    residuals (S - Sigma); with method(mlmv) the sample moments are the EM estimates."""
    mom = fit.extra["moments"]
    mu, Sigma = fit.built.ram.implied(fit.extra["theta"])
    mean_res, cov_res = mom.mean - mu, mom.cov - Sigma
    # what the optimiser leaves (about 1e-9 of the moments) is no residual: 0, not -0.000
    mean_res[np.abs(mean_res) < 1e-7 * max(1.0, float(np.max(np.abs(mom.mean))))] = 0.0
    cov_res[np.abs(cov_res) < 1e-7 * float(np.max(np.abs(mom.cov)))] = 0.0
    return mean_res, cov_res
