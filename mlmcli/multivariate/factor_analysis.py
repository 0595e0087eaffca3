"""Factor analysis of a correlation matrix: principal factors (pf), principal-component
factors (pcf) and iterated principal factors (ipf), as Stata's factor reports them.

pf: the eigen decomposition of R with the squared multiple correlations on its diagonal;
pcf: of R itself; ipf: pf repeated with the communalities of the last step on the diagonal
until they change by less than 1e-10 (at most ``iterations``; Stata's own stopping rule is
not documented, so agreement is to the converged solution).  Loadings are eigenvectors
(signed with a positive sum, as Stata's symeigen) times the square roots of their
eigenvalues; uniqueness = 1 - communality.  Factors are retained up to factors() while their
eigenvalue is at least mineigen() (default 5e-6, i.e. positive; 1 for pcf).  ipf keeps the
number pf's first step retains (mlm's choice; Stata does not document it).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mlmcli.multivariate.eigen import squared_multiple_correlations, symmetric_eigen

METHOD_TITLES = {"pf": "principal factors", "pcf": "principal-component factors",
                 "ipf": "iterated principal factors", "ml": "maximum likelihood"}


@dataclass(frozen=True)
class FactorSolution:
    eigenvalues: np.ndarray   # of the matrix factored last (all k)
    loadings: np.ndarray      # k x f
    uniqueness: np.ndarray
    iterations: int = 0


def _retained(values: np.ndarray, limit: int, mineigen: float) -> int:
    f = 0
    while f < min(limit, len(values)) and values[f] >= mineigen and values[f] > 0:
        f += 1
    return f


def _loadings(values: np.ndarray, vectors: np.ndarray, f: int) -> np.ndarray:
    return vectors[:, :f] * np.sqrt(values[:f])


def principal_factors(R: np.ndarray, method: str, limit: int, mineigen: float, iterations: int = 10000
                      ) -> FactorSolution:
    if method == "pcf":
        values, vectors = symmetric_eigen(R)
        L = _loadings(values, vectors, _retained(values, limit, mineigen))
        return FactorSolution(values, L, 1.0 - (L ** 2).sum(axis=1))
    communality = squared_multiple_correlations(R)
    reduced = R.copy()
    np.fill_diagonal(reduced, communality)
    values, vectors = symmetric_eigen(reduced)
    f = _retained(values, limit, mineigen)
    L = _loadings(values, vectors, f)
    done = 0
    if method == "ipf" and f > 0:
        for done in range(1, iterations + 1):
            new = (L ** 2).sum(axis=1)
            np.fill_diagonal(reduced, new)
            values, vectors = symmetric_eigen(reduced)
            L = _loadings(values, vectors, f)
            if np.max(np.abs(new - communality)) < 1e-10:
                break
            communality = new
    return FactorSolution(values, L, 1.0 - (L ** 2).sum(axis=1), done)


def independence_test(R: np.ndarray, n: float) -> tuple[float, float]:
    """factor.ado's LR test of independence (Basilevsky): chi2 = -(N - (2k+5)/6) ln|R|, df."""
    k = len(R)
    _, logdet = np.linalg.slogdet(R)
    return float(-(n - (2 * k + 5) / 6.0) * logdet), k * (k - 1) / 2.0


def regression_scoring(R: np.ndarray, L: np.ndarray, Phi: np.ndarray) -> np.ndarray:
    """Thomson's regression scores (Harman 16.20): R^-1 L Phi."""
    return np.linalg.solve(R, L @ Phi)


def bartlett_scoring(L: np.ndarray, uniqueness: np.ndarray) -> np.ndarray:
    """Bartlett's scores (Harman 16.57): Psi^-1 L (L' Psi^-1 L)^-1."""
    W = L / uniqueness[:, None]
    return W @ np.linalg.inv(L.T @ W)


@dataclass(frozen=True)
class MLSolution:
    loadings: np.ndarray
    uniqueness: np.ndarray
    discrepancy: float        # ln|S| - ln|R| + tr(S^-1 R) - p at the optimum (S = L L' + Psi)
    converged: bool


def _scaled_eigen(psi: np.ndarray, R: np.ndarray):
    s = 1.0 / np.sqrt(psi)
    values, vectors = symmetric_eigen(R * np.outer(s, s))
    return values, vectors


def _ml_loadings(psi, R, f):
    values, vectors = _scaled_eigen(psi, R)
    return np.sqrt(psi)[:, None] * vectors[:, :f] * np.sqrt(np.maximum(values[:f] - 1.0, 0.0))


def ml_factors(R: np.ndarray, f: int) -> MLSolution:
    """Maximum-likelihood factors: the uniquenesses minimizing the ML discrepancy (profiled
    over the loadings; Joreskog's method as R's factanal: L-BFGS-B on [0.005, 1] from
    (1 - f/2p)/diag(R^-1)), loadings from the eigenvectors of Psi^-1/2 R Psi^-1/2 (signed
    as Stata's symeigen)."""
    from scipy.optimize import minimize

    p = len(R)

    def discrepancy(psi):
        values, _ = _scaled_eigen(psi, R)
        rest = values[f:]
        return float(-(np.sum(np.log(rest) - rest) - f + p))

    def gradient(psi):
        L = _ml_loadings(psi, R, f)
        return np.diag(L @ L.T + np.diag(psi) - R) / psi ** 2

    start = (1.0 - 0.5 * f / p) / np.diag(np.linalg.inv(R))
    fit = minimize(discrepancy, start, jac=gradient, method="L-BFGS-B", bounds=[(0.005, 1.0)] * p,
                   options={"ftol": 1e-15, "gtol": 1e-12, "maxiter": 10000})
    psi = fit.x
    L = _ml_loadings(psi, R, f)
    return MLSolution(L, psi, discrepancy(psi), bool(fit.success))
