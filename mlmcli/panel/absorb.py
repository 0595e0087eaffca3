"""Linear regression absorbing one categorical variable, ``areg`` ([R] areg, Methods and
formulas): the least-squares dummy-variable regression of y on X and the G indicators
of the absorbed variable, computed as OLS on the within-transformed data with the grand
means added back (so that _cons = ybar - xbar b, the absorbed effects summing to zero) -- solved
on the centred columns and the means put back in _cons (``centred_fit``).
With K slopes, df_a = G - 1 and df_r = N - df_a - K - 1 (N - 1 ... counted as in the
dummy-variable regression):

    V         = RSS/df_r (X~'X~)^-1;  robust: N/df_r bread meat bread;  cluster:
                G_c/(G_c - 1) (N-1)/df_r bread meat bread, t on G_c - 1 df
    R2        = 1 - RSS/TSS,  adj R2 = 1 - (1 - R2)(N - 1)/df_r,  root MSE = sqrt(RSS/df_r)
    F         = (MSS_w/K) / (RSS/df_r)  (robust: Wald F of the slopes)
    F_absorb  = ((R2 - R2c)/df_a) / ((1 - R2)/df_r),  R2c of pooled OLS of y on X
    d_g       = ybar_g - xbar_g b - _cons  (predict, d)
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from mlmcli import distributions as stats  # scipy.stats' numbers without its import

from mlmcli.errors import StataError
from mlmcli.ols import depvar_scale, fit_ols, qr_solve, squares
from mlmcli.panel.centred_fit import WITHIN_ZERO_TOL, shift_constant, unit_column_scales
from mlmcli.panel.groups import Panels, sample_panel_sums
from mlmcli.postest.coefficient_rows import safe_rank
from mlmcli.postest.linear_prediction import LinearIndexPredictions
from mlmcli.missing import MAX_DOUBLE, stata_ratio


def fit_absorbed(y: np.ndarray, X: np.ndarray, groups: Panels, **options) -> dict:
    """areg's numbers (``_fit_absorbed``); a depvar near the largest double is fitted as
    y / 2^j and scaled back (as fit_ols does): V, rss, tss and mss past it are missing."""
    ys = depvar_scale(np.asarray(y, dtype=float))
    if ys == 1.0:
        return _fit_absorbed(y, X, groups, **options)
    out = _fit_absorbed(np.asarray(y, dtype=float) / ys, X, groups, **options)
    with np.errstate(over="ignore", invalid="ignore"):
        big = np.asarray(out["V"]) * ys * ys
        out["V"] = np.where(np.abs(big) <= MAX_DOUBLE, big, np.nan)
        out["b"] = np.asarray(out["b"]) * ys
    for key in ("rss", "tss", "mss"):
        out[key] = squares(out[key], ys)
    out["rmse"] *= ys
    out["ll"] -= out["N"] * math.log(ys)
    out["ll_0"] -= out["N"] * math.log(ys)
    return out


def _fit_absorbed(y: np.ndarray, X: np.ndarray, groups: Panels, *, weight=None, weight_kind=None,
                  vce: str = "ols", cluster: np.ndarray | None = None, level: float = 95.0) -> dict:
    N, K = len(y), X.shape[1]
    w = weight
    gy = np.average(y, weights=w) if w is not None else y.mean()
    gX = np.average(X, axis=0, weights=w) if (w is not None and K) else X.mean(axis=0)
    # the regression on the centred columns (scaled by powers of two), the grand means put back
    # in _cons afterwards (panel.centred_fit: X~'X~ with them loses near-collinear columns)
    Xw = groups.within(X, w) if K else X
    scale = np.append(unit_column_scales(Xw), 1.0)
    Xc = np.column_stack([Xw, np.ones(N)]) * scale
    yw = groups.within(y, w)
    if float(yw @ yw) <= WITHIN_ZERO_TOL * float(np.sum((y - gy) ** 2)):
        yw = np.zeros(N)  # the groups absorb the depvar: its within part is rounding (as centred_within's rule)
    ols = fit_ols(yw, Xc, constant=True, weight=w, weight_kind=weight_kind, qr=True)
    Nw = ols.N
    df_a = groups.n - 1
    df_r = Nw - df_a - K - 1
    if df_r <= 0:
        raise StataError("insufficient observations", 2001)
    XtX_inv = qr_solve(Xc, np.zeros(N), ols_weights(w, weight_kind, N))[0]
    e = ols.residuals
    wn = ols_weights(w, weight_kind, N)
    if vce == "ols":
        V = ols.rss / df_r * XtX_inv
        t_df = df_r
    else:
        from mlmcli.robust.cluster_sandwich import cluster_index, cluster_sandwich

        scores = Xc * (wn * e)[:, None]
        if vce == "cluster":  # G/(G-1) (N-1)/df_r
            codes, G = cluster_index(cluster)
            V = cluster_sandwich(XtX_inv, scores, codes, extra=(Nw - 1) / df_r, n_clusters=G)
            t_df = G - 1
        else:  # N/df_r; fweights: a row's w copies add w e^2 x x' to the meat
            V = cluster_sandwich(XtX_inv, scores, fweight=wn if weight_kind == "fweight" else None,
                                 extra=(Nw - 1) / df_r, n_clusters=Nw)
            t_df = df_r
    b, V = shift_constant(ols.b * scale, V * scale[:, None] * scale[None, :], gX, gy)
    tss = float(np.sum(wn * (y - gy) ** 2))
    r2 = 1 - ols.rss / tss if tss > 0 else float("nan")
    if K:
        if vce == "ols":
            F = stata_ratio(ols.mss / K, ols.rss / df_r)  # a depvar the groups absorb: rss 0, F missing
        else:
            bb = b[:K]
            F = float(bb @ np.linalg.solve(V[:K, :K], bb) / K) if safe_rank(V[:K, :K]) == K \
                else float("nan")
    else:
        F = float("nan")
    out = {"b": b, "V": V, "N": float(Nw), "df_m": float(K), "df_r": float(t_df), "df_a": float(df_a),
           "rss": ols.rss, "tss": tss, "mss": tss - ols.rss, "r2": r2, "r2_a": 1 - (1 - r2) * (Nw - 1) / df_r,
           "rmse": float(np.sqrt(ols.rss / df_r)), "F": float(F),
           "p": float(stats.f.sf(F, K, t_df)) if np.isfinite(F) else float("nan"),
           "ll": -0.5 * Nw * (1 + np.log(2 * np.pi) + _ln(ols.rss / Nw)),
           "ll_0": -0.5 * Nw * (1 + np.log(2 * np.pi) + _ln(tss / Nw)), "k_absorb": float(groups.n)}
    if vce == "ols":
        # centred columns (R2 is the same; a column near 1e9 keeps its variation)
        pooled = fit_ols(y, np.column_stack([X - X.mean(axis=0), np.ones(N)]), constant=True, weight=w,
                         weight_kind=weight_kind, qr=True)
        # a perfect fit (r2 = 1: depvar absorbed by itself) makes F missing, as Stata's arithmetic
        F_a = stata_ratio((r2 - pooled.r2) / df_a, stata_ratio(1 - r2, df_r)) if df_a > 0 else float("nan")
        out["F_absorb"] = float(F_a)
        out["p_absorb"] = float(stats.f.sf(F_a, df_a, df_r)) if np.isfinite(F_a) else float("nan")
    if vce == "cluster":
        out["N_clust"] = float(t_df + 1)
    return out


def _ln(v: float) -> float:
    """Stata's ln(): missing at 0 (an exact fit's rss), not -inf with a warning."""
    return float(np.log(v)) if v > 0 else float("nan")


def ols_weights(w, kind, N) -> np.ndarray:
    """The weights as the regression uses them (aweights/pweights rescaled to sum to N)."""
    if w is None:
        return np.ones(N)
    if kind in ("fweight", "iweight"):
        return np.asarray(w, float)
    return np.asarray(w, float) * (N / np.sum(w))


@dataclass(frozen=True)
class AbsorbedFit(LinearIndexPredictions):
    """``areg``'s fit: implements the estimation interface (predict: xb, stdp, d, xbd,
    dresiduals, residuals)."""

    depvar: str
    absvar: str
    coef_labels: tuple
    b: np.ndarray
    V: np.ndarray
    df_r: float
    level: float
    y: np.ndarray
    codes: np.ndarray

    def e_matrices(self):
        """e(b), e(V) over every label (base/omitted: zero), Stata's column names."""
        from mlmcli.postest.coefficient_rows import coefficient_matrices

        return coefficient_matrices(self.coef_labels, self.b, self.V)

    def coef_rows(self) -> tuple:
        from mlmcli.postest.coefficient_rows import rows_from_estimates

        return rows_from_estimates(self.coef_labels, self.b, self.V, self.level, self.df_r)

    def result(self):  # replaced by the command's AregResult (needs e() scalars)
        return None

    def re_terms(self):
        from mlmcli.panel.fit import PanelTerm

        return (PanelTerm(self.absvar, int(self.codes.max()) + 1 if self.codes.size else 0, self.codes),)

    def response(self) -> np.ndarray:
        return self.y

    def predict_options(self) -> tuple:
        return (("xb", 2, "Linear prediction"), ("stdp", 4, "S.E. of the prediction"),
                ("d", 1, f"d[{self.absvar}]"), ("xbd", 3, f"xb + d[{self.absvar}]"),
                ("dresiduals", 2, "d + residual"), ("residuals", 1, "Residuals"))

    predict_default_note = "(option xb assumed; fitted values)"

    def predict_from_index(self, statistic: str, xb: np.ndarray, rows) -> np.ndarray:
        if statistic == "xb":
            return xb
        y = rows.depvar()
        if statistic == "dresiduals":
            return y - xb
        if statistic not in ("d", "xbd", "residuals"):
            raise StataError(f"option {statistic} not allowed", 198)
        groups = rows.groups()
        code, sample = groups.codes[0], groups.sample
        cnt, tot = sample_panel_sums(code, sample, y - xb, int(self.codes.max()) + 1)
        with np.errstate(invalid="ignore", divide="ignore"):
            d_g = tot / cnt
        d = np.where(code >= 0, d_g[np.maximum(code, 0)], np.nan)
        if statistic == "d":
            return d
        if statistic == "xbd":
            return xb + d
        return y - xb - d

    def margins_prediction(self, options: str):
        from mlmcli.margins.response import linear_prediction_for

        return linear_prediction_for(options, "Linear prediction", ("xb",),
                                     ("stdp", "d", "xbd", "dresiduals", "residuals", "score"))
