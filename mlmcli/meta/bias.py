"""Tests for small-study effects ([META] meta bias): the regression-based tests of Egger
(effect sizes on their standard errors), Harbord (the efficient score over its variance, on
1/sqrt(variance): log odds ratios only) and Peters (log odds ratios on the inverse sample size),
each a meta-regression of the declared model whose slope is tested; Egger's ``traditional``
test (a fixed-effects regression with a multiplicative dispersion, t on K-2 df); Begg's rank
correlation between the standardised effect sizes and their variances (Kendall's score with
continuity correction)."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mlmcli.meta.estimators import pool
from mlmcli.meta.regression import meta_regress


@dataclass(frozen=True)
class RegressionTest:
    test: str
    beta1: float
    se: float
    stat: float
    p: float
    df: int | None
    beta0: float
    tau2: float | None
    model: str
    method: str


@dataclass(frozen=True)
class RankTest:
    score: float
    se: float
    z: float
    p: float


def regression_test(test: str, y, se, moderator, model: str, method: str, se_method: str = "",
                    traditional: bool = False) -> RegressionTest:
    from mlmcli.distributions import norm, t as student

    y = np.asarray(y, float)
    v = np.asarray(se, float) ** 2
    X = np.column_stack([np.asarray(moderator, float), np.ones(len(y))])
    K = len(y)
    if traditional:
        fit = meta_regress(y, v, X, "fixed", "invvariance", "khartung")
        df = K - 2
    else:
        fit = meta_regress(y, v, X, model, method, se_method)
        df = K - 2 if se_method == "khartung" else None
    b1, s1 = float(fit.b[0]), float(np.sqrt(fit.V[0, 0]))
    stat = b1 / s1
    p = float(2 * (norm.sf(abs(stat)) if df is None else student.sf(abs(stat), df)))
    return RegressionTest(test=test, beta1=b1, se=s1, stat=stat, p=p, df=df, beta0=float(fit.b[1]),
                          tau2=fit.tau2 if model == "random" and not traditional else None,
                          model="fixed" if traditional else model,
                          method="invvariance" if traditional else method)


def peto_statistics(a, b, c, d) -> tuple[np.ndarray, np.ndarray]:
    """(Z, V): the efficient score a - E(a) and its hypergeometric variance."""
    a, b, c, d = (np.asarray(x, float) for x in (a, b, c, d))
    n1, n2, m1, m2 = a + b, c + d, a + c, b + d
    N = n1 + n2
    return a - n1 * m1 / N, n1 * n2 * m1 * m2 / (N ** 2 * (N - 1))


def begg_test(y, se) -> RankTest:
    from mlmcli.distributions import norm

    y = np.asarray(y, float)
    v = np.asarray(se, float) ** 2
    fixed = pool(y, v, "common")
    v_star = v - fixed.se ** 2
    z_i = (y - fixed.theta) / np.sqrt(v_star)
    K = len(y)
    score = 0.0
    for i in range(K):
        for j in range(i + 1, K):
            score += np.sign(z_i[i] - z_i[j]) * np.sign(v[i] - v[j])
    var = K * (K - 1) * (2 * K + 5) / 18
    sd = float(np.sqrt(var))
    z = np.sign(score) * max(0.0, abs(score) - 1) / sd
    return RankTest(score=float(score), se=sd, z=float(z), p=float(2 * norm.sf(abs(z))))
