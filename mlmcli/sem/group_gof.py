"""Goodness of fit after sem with group(): estat gof's overall statistics and estat ggof's rows
by group ([SEM] estat gof, [SEM] estat ggof; sem_estat_ggof.ado: N, SRMR, CD and, when no
parameter is constrained across groups, each group's chi2 against its saturated model).

Overall: the LR tests summed over the groups; RMSEA with Steiger's (1998) multiple-group
factor, sqrt(G) sqrt(max(chi2 - df, 0) / (N df)) (its interval and pclose from the same
noncentral chi-squared, lambda = N df RMSEA^2 / G); AIC/BIC over all free parameters; CFI and
TLI from the summed chi2s; SRMR the square root of the N_g/N-weighted mean of the groups'
squared SRMRs.  CD is reported by group only.
"""
from __future__ import annotations

import numpy as np

from mlmcli.sem.latent_gof import noncentrality


def group_srmr(mom, Sigma) -> float:
    S = mom.cov
    sd_s, sd_f = np.sqrt(np.diag(S)), np.sqrt(np.diag(Sigma))
    R = S / np.outer(sd_s, sd_s) - Sigma / np.outer(sd_f, sd_f)
    iu = np.triu_indices(len(S))
    return float(np.sqrt(np.mean(R[iu] ** 2)))


def group_cd(built, theta) -> float:
    ram = built.ram
    _, S, _ = ram.matrices(theta)
    _, _, full = ram.full_moments(theta)
    rows = [ram.variables.index(v) for v in built.endogenous]
    return float(1.0 - np.linalg.det(S[np.ix_(rows, rows)]) / np.linalg.det(full[np.ix_(rows, rows)]))


def cross_group_constraints(fit) -> bool:
    """Is any free parameter shared by two groups (ggof then leaves out the groups' chi2)?"""
    model = fit.group_model
    seen: dict[int, int] = {}
    for g, m in enumerate(model.maps):
        for j in set(m.tolist()):
            if seen.setdefault(j, g) != g:
                return True
    return False


def group_rows(fit) -> list[dict]:
    """estat ggof's row of every group: N, SRMR, CD and (without cross-group constraints) the
    group's own LR test against its saturated model."""
    from mlmcli import distributions as stats
    from mlmcli.sem.latent_model import saturated_loglik

    model = fit.group_model
    moms = fit.extra["moments"].groups
    shared = cross_group_constraints(fit)
    out = []
    for g, built in enumerate(model.builts):
        theta = fit.group_theta(g)
        _, Sigma = built.ram.implied(theta)
        row = {"N": float(moms[g].n), "SRMR": group_srmr(moms[g], Sigma)}
        if built.endogenous:
            row["CD"] = group_cd(built, theta)
        if not shared:
            p = built.ram.p
            df = p * (p + 3) // 2 - built.ram.n_free
            chi2 = max(2.0 * (saturated_loglik(moms[g]) - built.ram.loglik(theta, moms[g])), 0.0)
            row.update({"chi2": chi2, "df": float(df), "p > chi2": float(stats.chi2.sf(chi2, df)) if df > 0 else np.nan})
        out.append(row)
    return out


def fit_statistics_groups(fit) -> dict:
    from scipy.stats import ncx2

    n = float(fit.n)
    G = len(fit.group_model.builts)
    chi2, df, p = fit.lr_saturated
    chi2_bs, df_bs, p_bs = fit.extra["baseline"]
    out = {"chi2_ms": chi2, "df_ms": float(df), "p_ms": p, "chi2_bs": chi2_bs, "df_bs": float(df_bs), "p_bs": p_bs}
    if df > 0:
        out["rmsea"] = float(np.sqrt(G * max(chi2 - df, 0.0) / (n * df)))
        out["lb90_rmsea"] = float(np.sqrt(G * noncentrality(chi2, df, 0.95) / (n * df)))
        out["ub90_rmsea"] = float(np.sqrt(G * noncentrality(chi2, df, 0.05) / (n * df)))
        out["pclose"] = float(ncx2.sf(chi2, df, 0.05 ** 2 * n * df / G))
    else:
        out.update(rmsea=0.0, lb90_rmsea=0.0, ub90_rmsea=0.0, pclose=1.0)
    k = fit.group_model.n_free
    out["aic"] = -2.0 * fit.loglik + 2.0 * k
    out["bic"] = -2.0 * fit.loglik + k * np.log(n)
    denom = max(chi2 - df, chi2_bs - df_bs, 0.0)
    out["cfi"] = 1.0 - max(chi2 - df, 0.0) / denom if denom > 0 else 1.0
    out["tli"] = (chi2_bs / df_bs - (chi2 / df if df > 0 else 0.0)) / (chi2_bs / df_bs - 1.0) if df_bs > 0 else 1.0
    rows = group_rows(fit)
    out["srmr"] = float(np.sqrt(sum(r["N"] * r["SRMR"] ** 2 for r in rows) / n))
    out["N_groups"] = float(G)
    return out
