"""Design-based inference from linearized scores: V, t statistics on the design df and the
adjusted Wald F of a model's slopes ([SVY] svy postestimation, "adjusted Wald test":
F = (d - k + 1) / (d k) W on (k, d - k + 1) degrees of freedom, d the design df)."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mlmcli.survey.linearized import DesignUnits, linearized_variance


@dataclass(frozen=True)
class DesignInference:
    V: np.ndarray
    se: np.ndarray
    t: np.ndarray
    p: np.ndarray
    ci_lo: np.ndarray
    ci_hi: np.ndarray
    df: int
    missing_se: bool
    V_srs: np.ndarray | None = None  # srs_variances: design effects (estat effects)
    V_srswr: np.ndarray | None = None
    V_srssub: np.ndarray | None = None  # subpop(): SRS within the subpopulation (srssubpop)
    V_srssubwr: np.ndarray | None = None


def design_inference(b: np.ndarray, scores: np.ndarray, units: DesignUnits, level: float,
                     weights: np.ndarray | None = None, sub_rows: np.ndarray | None = None) -> DesignInference:
    """V, t inference and (``weights`` given: the sample's weights) the SRS variances;
    ``sub_rows`` (the subpopulation's rows of the sample) adds those within it (srssubpop)."""
    lin = linearized_variance(scores, units)
    return inference_from_variance(b, lin.V, lin.missing, units.design_df, level, scores, weights,
                                   units.fpc is not None, sub_rows)


def inference_from_variance(b: np.ndarray, V: np.ndarray, missing: bool, df: float, level: float,
                            scores: np.ndarray, weights: np.ndarray | None, fpc_given: bool,
                            sub_rows: np.ndarray | None = None) -> DesignInference:
    """t inference on ``df`` from V (linearized or replicate) and the SRS variances of the scores."""
    from mlmcli.postest.coefficient_rows import normal_or_t

    se = np.sqrt(np.clip(np.diag(V), 0, None)) if not missing else np.full(len(b), np.nan)
    t, p, lo, hi = normal_or_t(np.asarray(b, float), se, level, df if df > 0 else np.nan)
    srs = srs_variances(scores, weights, fpc_given) if weights is not None else (None, None)
    sub = (None, None)
    if weights is not None and sub_rows is not None:
        rows = np.asarray(sub_rows, bool)
        sub = srs_variances(np.asarray(scores, float)[rows], np.asarray(weights, float)[rows], fpc_given)
    return DesignInference(V, se, t, p, lo, hi, df, missing, *srs, *sub)


def adjusted_wald(b: np.ndarray, V: np.ndarray, tested: list[int], df: int):
    """(F, df1, df2, p) of b[tested] = 0; missing when V is."""
    from mlmcli import distributions as stats

    if not tested or df <= 0:
        return None
    bt = np.asarray(b, float)[tested]
    Vt = np.asarray(V, float)[np.ix_(tested, tested)]
    if not np.all(np.isfinite(Vt)):
        k = len(tested)
        return float("nan"), float(k), float(df - k + 1), float("nan")
    Vinv = np.linalg.pinv(Vt)
    k = int(np.linalg.matrix_rank(Vt))
    if k == 0:
        return None
    W = float(bt @ Vinv @ bt)
    df2 = df - k + 1
    if df2 <= 0:
        return float("nan"), float(k), float(df2), float("nan")
    F = (df - k + 1) / (df * k) * W
    return F, float(k), float(df2), float(stats.f.sf(F, k, df2))


def adjusted_test(res):
    """test's Wald F after svy made the adjusted one: F (d - k + 1) / d on (k, d - k + 1), d the
    design df (e(df_r)), under the heading "Adjusted Wald test"."""
    import dataclasses

    from mlmcli import distributions as stats

    if res.F is None or res.df_r is None or not res.df:
        return res
    d, k = float(res.df_r), int(res.df)
    df2 = d - k + 1
    if df2 <= 0:
        return dataclasses.replace(res, F=float("nan"), df_r=df2, p=float("nan"), heading="Adjusted Wald test")
    F = res.F * df2 / d
    return dataclasses.replace(res, F=F, df_r=df2, p=float(stats.f.sf(F, k, df2)), heading="Adjusted Wald test")


def srs_variances(scores: np.ndarray, weights: np.ndarray, fpc_given: bool) -> tuple[np.ndarray, np.ndarray]:
    """(V_srs, V_srswr): the variance the estimates would have under simple random sampling of
    the m observations from a population of M = sum w ([SVY] estat, design effects).  With
    u_j = z_j / w_j the scores per unit of weight and ubar their weighted mean,
    V_srswr = M / (m - 1) sum_j w_j (u_j - ubar)(u_j - ubar)'; V_srs = (1 - m/M) V_srswr with an
    fpc (sampling without replacement), V_srswr otherwise."""
    z = np.asarray(scores, float)
    w = np.asarray(weights, float)
    m, M = len(w), float(w.sum())
    if m < 2 or M <= 0:
        k = z.shape[1]
        return np.full((k, k), np.nan), np.full((k, k), np.nan)
    u = z / w[:, None]
    d = u - (w @ u) / M
    wr = M / (m - 1) * (d * w[:, None]).T @ d
    return ((1 - m / M) * wr if fpc_given else wr), wr


_design_inference_of_scaled_scores = design_inference


def design_inference(b, scores, *args, **kwargs) -> DesignInference:
    """The design's V, t inference and SRS variances (``_design_inference_of_scaled_scores``,
    the function above).  Scores near 1e307 (estimates near the largest double) are taken as
    column / D with b / D, D a power of two (exact): se = D se_D and the interval are finite,
    V = D V_D D (and the SRS variances) missing past the largest double; t and p do not change."""
    from mlmcli.missing import MAX_DOUBLE
    from mlmcli.survey.estimators import column_scales

    z = np.asarray(scores, float)
    D = column_scales(z.reshape(z.shape[0], -1))
    if np.all(D == 1.0):
        return _design_inference_of_scaled_scores(b, scores, *args, **kwargs)
    res = _design_inference_of_scaled_scores(np.asarray(b, float) / D, z.reshape(z.shape[0], -1) / D, *args, **kwargs)

    def unscaled(V):
        if V is None:
            return None
        with np.errstate(over="ignore", invalid="ignore"):
            out = V * D[:, None] * D[None, :]
        return np.where(np.abs(out) <= MAX_DOUBLE, out, np.nan)

    import dataclasses

    return dataclasses.replace(res, V=unscaled(res.V), se=res.se * D, ci_lo=res.ci_lo * D, ci_hi=res.ci_hi * D,
                               V_srs=unscaled(res.V_srs), V_srswr=unscaled(res.V_srswr),
                               V_srssub=unscaled(res.V_srssub), V_srssubwr=unscaled(res.V_srssubwr))
