"""Fit a path model on its estimation sample: without latent variables each equation by
Gaussian ML (mlmcli/sem/conditional_gaussian.py), with random intercepts the joint
likelihood (mlmcli/sem/random_intercepts.py).

``sem``'s log likelihood is that of every observed variable (Stata's e(ll)): the
conditional likelihood of the equations plus the saturated normal likelihood of the
observed exogenous variables, whose means and covariances sem estimates by their sample
values; its LR test compares with the saturated model of all observed variables, on
p(p+3)/2 moments less the free parameters.  ``gsem`` reports the conditional likelihood.
"""
from __future__ import annotations

import numpy as np

from mlmcli import distributions as stats
from mlmcli.sem import conditional_gaussian as cg
from mlmcli.sem import random_intercepts as ri
from mlmcli.robust.cluster_sandwich import cluster_index, cluster_sandwich
from mlmcli.sem.fit import SEMFit
from mlmcli.sem.path_model import PathModel


def _design(columns, eq):
    n = len(next(iter(columns.values())))
    return np.column_stack([columns[x] for x in eq.regressors] + [np.ones(n)])


def _coef_names(model: PathModel) -> list[str]:
    names = []
    for eq in model.equations:
        names += [f"{eq.depvar}:{x}" for x in eq.regressors]
        names += [f"{eq.depvar}:{label}" for label in eq.random_labels]
        names.append(f"{eq.depvar}:_cons")
    return names


def estimate(command: str, model: PathModel, columns: dict, groups: dict, *, level: float = 95.0,
             vce: str = "oim", cluster: np.ndarray | None = None, clustvar: str | None = None,
             nolog: bool = False, independent_latents: bool = False, iterate: int | None = None) -> SEMFit:
    """``independent_latents``: the latent variables' covariances fixed at 0; vce robust
    with latent variables clusters at their level (the caller passes it as cluster).
    ``iterate`` (iterate(#) typed): the iteration limit.  Without latent variables the
    maximum is in closed form at iteration 0, so only iterate(0) stops short of convergence
    (ml's rule: iterate(0) posts the starting values, not converged)."""
    n = len(next(iter(columns.values())))
    designs = [_design(columns, eq) for eq in model.equations]
    fits = [cg.fit_equation(np.asarray(columns[eq.depvar], float), X) for eq, X in zip(model.equations, designs)]
    names = _coef_names(model)
    latents = model.latents
    if latents:
        return _fit_latent(command, model, columns, groups, designs, fits, names, level, vce, cluster, clustvar, nolog,
                           independent_latents, iterate)
    b = np.concatenate([f.beta for f in fits] + [np.array([f.sigma2 for f in fits])])
    k = [len(f.beta) for f in fits]
    P = len(b)
    V = np.zeros((P, P))
    at = 0
    for f in fits:
        V[at:at + len(f.beta), at:at + len(f.beta)] = f.V_beta
        at += len(f.beta)
    for j, f in enumerate(fits):
        V[at + j, at + j] = f.var_sigma2
    names += [f"var(e.{eq.depvar}):_cons" for eq in model.equations]
    if vce != "oim":
        per_eq = [cg.equation_scores(X, f) for X, f in zip(designs, fits)]
        S = np.column_stack([s[:, :-1] for s in per_eq] + [s[:, -1:] for s in per_eq])
        V = cluster_sandwich(V, S, None if cluster is None else cluster_index(cluster)[0])
    ll = float(sum(f.loglik for f in fits))
    lr = None
    if command == "sem":
        exog = np.column_stack([columns[x] for x in model.exogenous]) if model.exogenous else np.zeros((n, 0))
        ll += cg.saturated_loglik(exog)
        allvars = np.column_stack([columns[v] for v in model.variables])
        p, px = allvars.shape[1], exog.shape[1]
        free = sum(k) + len(fits) + px + px * (px + 1) // 2
        df = p * (p + 3) // 2 - free
        chi2 = max(2.0 * (cg.saturated_loglik(allvars) - ll), 0.0)
        if df == 0:
            chi2 = 0.0
        lr = (chi2, df, float(stats.chi2.sf(chi2, df)) if df > 0 else float("nan"))
    variances = frozenset(range(sum(k), P))
    at_zero = iterate == 0
    return SEMFit(command, model, tuple(names), b, V, ll, n, level, (ll,), variances=variances, vce=vce,
                  clustvar=clustvar, n_clust=_n_groups(n, vce, cluster), lr_saturated=lr, nolog=nolog,
                  converged=not at_zero, limit_reached=at_zero)


def _n_groups(n, vce, cluster):
    if vce == "cluster":
        return int(len(np.unique(cluster)))
    return None


def _fit_latent(command, model, columns, groups, designs, fits, names, level, vce, cluster, clustvar, nolog,
                independent, iterate):
    latents = model.latents
    (groupvar,) = {lat.group for lat in latents}
    loadings = np.zeros((len(model.equations), len(latents)))
    for i, eq in enumerate(model.equations):
        for lat in eq.latents:
            loadings[i, latents.index(lat)] = 1.0
    Y = np.column_stack([np.asarray(columns[eq.depvar], float) for eq in model.equations])
    codes = groups[groupvar]
    if any(eq.slopes for eq in model.equations):  # random slopes: the dense cluster covariance
        from mlmcli.sem import random_slopes as rs

        Z = np.repeat(loadings[None, :, :], len(Y), axis=0)
        for i, eq in enumerate(model.equations):
            for x, lat in eq.slopes:
                Z[:, i, latents.index(lat)] = np.asarray(columns[x], float)
        data, order = rs.sort_by_cluster(Y, designs, Z, codes, independent)
    else:
        data, order = ri.sort_by_cluster(Y, designs, loadings, codes, independent)
    if vce == "cluster":  # each random-intercept group must lie within one cluster
        clus_sorted = cluster[order]
        if np.any(np.repeat(clus_sorted[data.starts], data.sizes) != clus_sorted):
            from mlmcli.errors import StataError

            raise StataError(f"{groupvar} is not nested within {clustvar}", 198)
    fit = ri.fit_random_intercepts(data, [f.beta for f in fits], np.array([f.sigma2 for f in fits]), limit=iterate)
    k = sum(data.n_coef)
    q = len(latents)
    cov_names = []
    for l, j in data.pairs:
        cov_names.append(f"var({latents[j].label}):_cons" if l == j
                         else f"cov({latents[j].label},{latents[l].label}):_cons")  # Stata: cov(M2[id],M1[id])
    # e(b) carries the constrained loadings (1, zero variance) among each equation's paths
    full_names, full_b, index = [], [], []
    at = 0
    for eq, f in zip(model.equations, fits):
        nx = len(eq.regressors)
        for t in range(nx):
            index.append(at + t)
        index += [None] * len(eq.random_labels)
        index.append(at + nx)
        at += nx + 1
    P = len(fit.phi)
    index += list(range(k, P))
    full_names = names + cov_names + [f"var(e.{eq.depvar}):_cons" for eq in model.equations]
    full_b = np.array([1.0 if i is None else fit.phi[i] for i in index])
    V_free = fit.V
    if vce != "oim":
        scores = ri.cluster_scores(fit.phi, data)
        if vce == "cluster":  # the groups' scores summed within the clusters that hold them
            V_free = cluster_sandwich(fit.V, scores, cluster_index(cluster[order][data.starts])[0])
        else:
            V_free = cluster_sandwich(fit.V, scores)
    Pf = len(full_names)
    V = np.zeros((Pf, Pf))
    free_pos = [j for j, i in enumerate(index) if i is not None]
    V[np.ix_(free_pos, free_pos)] = V_free[np.ix_([index[j] for j in free_pos], [index[j] for j in free_pos])]
    constrained = frozenset(j for j, i in enumerate(index) if i is None)
    variances = frozenset(j for j, nm in enumerate(full_names) if nm.startswith("var("))
    n_clust = int(len(np.unique(cluster))) if vce == "cluster" else None
    return SEMFit(command, model, tuple(full_names), full_b, V, fit.loglik, len(Y), level, fit.iterations,
                  constrained=constrained, variances=variances, vce=vce, clustvar=clustvar, n_clust=n_clust,
                  converged=fit.converged, limit_reached=fit.limit_reached, nolog=nolog, extra={"n_groups": len(data.sizes), "groupvar": groupvar,
                         "fixed_loglik": float(sum(f.loglik for f in fits))})
