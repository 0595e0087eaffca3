"""The densities of matrix arguments ([FN] Statistical functions): ``lnmvnormalden(M, V, X)``,
``lnwishartden(df, V, X)`` and ``lniwishartden(df, V, X)``, as scipy.stats' multivariate_normal,
wishart and invwishart log densities (the same parameterisations: V the covariance, or the
scale matrix of the Wishart with df degrees of freedom; the inverse Wishart's density is
|V|^(df/2) |X|^(-(df+n+1)/2) exp(-tr(V X^-1)/2) / (2^(df n/2) Gamma_n(df/2))).

Vectors may be rows or columns; matrices that do not conform are r(503); a V or X that is not
symmetric positive definite, or df <= n - 1, gives missing.
"""
from __future__ import annotations

import math

from mlmcli.expr.matrix_algebra import as_mat, conformability


def _vector(m):
    v = as_mat(m).values
    if min(v.shape) != 1:
        raise conformability()
    return v.ravel()


def _square_values(m):
    v = as_mat(m).values
    if v.shape[0] != v.shape[1]:
        raise conformability()
    return v


def _positive_definite(v) -> bool:
    import numpy as np

    if np.isnan(v).any() or not np.allclose(v, v.T, rtol=1e-12, atol=0):
        return False
    try:
        np.linalg.cholesky(v)
    except np.linalg.LinAlgError:
        return False
    return True


def lnmvnormalden(M, V, X) -> float:
    from scipy.stats import multivariate_normal

    mean, cov, x = _vector(M), _square_values(V), _vector(X)
    if not len(mean) == len(x) == cov.shape[0]:
        raise conformability()
    if not _positive_definite(cov) or math.isnan(mean.sum() + x.sum()):
        return math.nan
    return float(multivariate_normal(mean=mean, cov=cov).logpdf(x))


def _wishart(dist_name: str):
    def f(df, V, X) -> float:
        from scipy import stats

        scale, x = _square_values(V), _square_values(X)
        if scale.shape != x.shape:
            raise conformability()
        n = scale.shape[0]
        if math.isnan(df) or df <= n - 1 or not (_positive_definite(scale) and _positive_definite(x)):
            return math.nan
        return float(getattr(stats, dist_name)(df=df, scale=scale).logpdf(x))
    return f


lnwishartden = _wishart("wishart")
lniwishartden = _wishart("invwishart")
