"""The Hausman-Taylor and Amemiya-MaCurdy estimators of ``xthtaylor`` ([XT] xthtaylor).

    y_it = X1_it b1 + X2_it b2 + Z1_i g1 + Z2_i g2 + u_i + e_it

X time-varying, Z time-invariant; X1, Z1 exogenous, X2, Z2 correlated with u_i.  The steps
are Stata's (xthtaylor.ado, Methods and formulas):

1. the within regression of y - ybar on X - Xbar gives b_w and sigma_e^2 = RSS / (N - n)
   (N observations, n panels);
2. d_it = ybar_i - Xbar_i b_w is regressed on (Z1, Z2, 1) by 2SLS with the instruments
   (X1, Z1, 1) at the observation level; with the residuals r_it = y_it - X_it b_w - Z_i g,
   s^2 = sum_i T_i rbar_i^2 / n and sigma_u^2 = max((s^2 - sigma_e^2) / Tbar, 0), Tbar = T
   for balanced panels, the harmonic mean of T_i otherwise;
3. theta = 1 - sqrt(sigma_e^2 / s^2) (balanced) or theta_i = 1 - sqrt(sigma_e^2 / (T_i
   sigma_u^2 + sigma_e^2)) (unbalanced); 0 when sigma_u^2 = 0;
4. the GLS-transformed y* = y - theta ybar, X* = X - theta Xbar, Z* = (1 - theta) Z and the
   constant (1 - theta) are fitted by 2SLS with the instruments (X1 - X1bar, X2 - X2bar,
   X1bar, Z1, 1 - theta) (Hausman-Taylor) or, for ``amacurdy``, with X1's value at each of
   the T periods in place of X1bar; the covariance is regress's IV one, s^2 (W'P W)^-1
   with s^2 = e'e / (N - k).

The engine never prints.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..collinear_columns import independent_columns
from ..postest.linear_prediction import LinearIndexPredictions
from .centred_fit import WITHIN_ZERO_TOL, shift_constant, unit_column_scales
from .fit import PanelTerm, panel_predict_options, panel_statistic


@dataclass(frozen=True)
class HausmanTaylorFit:
    """Coefficients in the order X1, X2, Z1, Z2, _cons; V; the variance components; the
    joint test of all coefficients but the constant (F with ``df_m`` and ``df_r``; chi2 =
    F df_m, NaN without a constant)."""

    b: np.ndarray
    V: np.ndarray
    sigma_u: float
    sigma_e: float
    Tbar: float
    balanced: bool
    df_m: int
    df_r: int
    F: float
    theta: np.ndarray
    residuals: np.ndarray

    @property
    def rho(self) -> float:
        return self.sigma_u ** 2 / (self.sigma_u ** 2 + self.sigma_e ** 2)

    @property
    def chi2(self) -> float:
        return self.F * self.df_m


def independent(C: np.ndarray, constant: bool) -> np.ndarray:
    """Which columns of C to keep in order (Stata's _rmcoll): a column collinear with the
    earlier ones (and the constant) is dropped."""
    if C.shape[1] == 0:
        return np.zeros(0, dtype=bool)
    Cc = C - C.mean(axis=0) if constant else C
    return independent_columns(Cc.T @ Cc)


def time_invariant(values: np.ndarray, codes: np.ndarray) -> bool:
    """A variable constant within every panel (Stata: every deviation from the panel mean
    under 1e-12 in absolute value)."""
    sizes = np.bincount(codes).astype(float)
    means = np.bincount(codes, weights=values)[codes] / sizes[codes]
    return bool(np.all(np.abs(means - values) < 1e-12))


def _means(A: np.ndarray, codes: np.ndarray, sizes: np.ndarray) -> np.ndarray:
    """Each row's panel mean of each column of A (n x k)."""
    if A.shape[1] == 0:
        return np.zeros_like(A)
    sums = np.zeros((len(sizes), A.shape[1]))
    np.add.at(sums, codes, A)
    return (sums / sizes[:, None])[codes]


def _two_stage(y: np.ndarray, W: np.ndarray, A: np.ndarray):
    """2SLS of y on W with instruments A: (b, (W'P W)^-1), P the projection on A's span.  W's
    columns are scaled by powers of two to a largest |value| near 1 (exact) and scaled back, so
    a column near 1e9 next to dummies keeps its digits in W'P W."""
    from scipy.linalg import qr

    # the span, not the scale, matters; pivoted, so the leading columns of Q span A's columns
    # (unpivoted, a zero or dependent instrument's column of Q carries later columns' span)
    Q, R, _ = qr(A * unit_column_scales(A), mode="economic", pivoting=True)
    diag = np.abs(np.diag(R))
    Q = Q[:, diag > 1e-10 * max(diag.max(initial=0.0), 1.0)]
    D = unit_column_scales(W)
    Wp = Q.T @ (W * D)
    M = np.linalg.pinv(Wp.T @ Wp)
    return D * (M @ (Wp.T @ (Q.T @ y))), D[:, None] * M * D[None, :]


def _centred(M: np.ndarray, weights: np.ndarray, constant: bool) -> tuple[np.ndarray, np.ndarray]:
    """(M - mbar, mbar): with a constant in the model, a regressor's (weighted) grand mean moves
    into the constant (an exact reparametrisation; ``centred_fit.shift_constant`` maps back),
    so a column near 1e9 is not nearly collinear with the constant in the solve."""
    if not constant or M.shape[1] == 0:
        return M, np.zeros(M.shape[1])
    mbar = np.average(M, axis=0, weights=weights)
    return M - mbar, mbar


def _centred_between(between: np.ndarray, ref: np.ndarray) -> np.ndarray:
    """The between instruments (X1's panel means or period values, then Z1) centred, a column
    whose centred sum of squares is at most 1e-12 of ``ref`` (its variable's own row-level,
    centred one) set to zeros: a wave dummy's panel mean in a balanced panel is 1/T everywhere,
    and its centred rounding must not enter the instruments as a column once they are scaled."""
    centred = between - between.mean(axis=0)
    own = np.einsum("ij,ij->j", centred, centred)
    centred[:, own <= WITHIN_ZERO_TOL * np.maximum(ref, 1e-300)] = 0.0
    return centred


def _centred_ss(M: np.ndarray) -> np.ndarray:
    C = M - M.mean(axis=0) if M.shape[0] else M
    return np.einsum("ij,ij->j", C, C)


def fit_hausman_taylor(y: np.ndarray, X1: np.ndarray, X2: np.ndarray, Z1: np.ndarray, Z2: np.ndarray,
                       codes: np.ndarray, *, constant: bool = True, period_values: np.ndarray | None = None,
                       fweights: np.ndarray | None = None) -> HausmanTaylorFit:
    """The estimator on the sample rows (``codes`` 0..n-1 the panels).  ``period_values``
    (Amemiya-MaCurdy): X1's values at each period, one row per observation (its panel's
    values, n_rows x k1 T), in place of the panel means of X1 among the instruments.
    ``fweights`` (constant within panels): the regressions weighted and N, n counted with the
    weights, as xthtaylor.ado's ``[fw=]``; panel means, T_i and Tbar stay unweighted."""
    y = np.asarray(y, float)
    X1, X2, Z1, Z2 = (np.asarray(a, float) for a in (X1, X2, Z1, Z2))
    w = np.ones(len(y)) if fweights is None else np.asarray(fweights, float)
    root = np.sqrt(w)
    N = float(w.sum())
    sizes = np.bincount(codes).astype(float)
    first = np.unique(codes, return_index=True)[1]
    G = float(w[first].sum())
    X = np.hstack([X1, X2])
    ybar = np.bincount(codes, weights=y)[codes] / sizes[codes]
    Xbar = _means(X, codes, sizes)
    Xd = X - Xbar
    b_w = np.linalg.lstsq(root[:, None] * Xd, root * (y - ybar), rcond=None)[0] if X.shape[1] else np.zeros(0)
    rss = float(np.sum(w * (y - ybar - Xd @ b_w) ** 2))
    sigma_e2 = rss / (N - G)
    d = ybar - Xbar @ b_w
    ones = np.ones((len(y), 1))
    # the regressors' grand means go into the constant (module docstring of centred_fit): exact
    # with a constant, and the instruments' span (which holds the constant) is unchanged
    Zc, zbar = _centred(np.hstack([Z1, Z2]), w, True)
    Ac, _ = _centred(np.hstack([X1, Z1]), w, True)
    g, _ = _two_stage(root * d, root[:, None] * np.hstack([Zc, ones]), root[:, None] * np.hstack([Ac, ones]))
    g[-1] -= float(zbar @ g[:-1])
    Z = np.hstack([Z1, Z2, ones])
    r = y - X @ b_w - Z @ g
    rbar = np.bincount(codes, weights=r) / sizes
    s2 = float(np.sum(np.bincount(codes, weights=w) * rbar ** 2) / G)
    balanced = bool(sizes.min() == sizes.max())
    Tbar = float(sizes[0]) if balanced else float(len(sizes) / np.sum(1.0 / sizes))
    sigma_u2 = max((s2 - sigma_e2) / Tbar, 0.0)
    if sigma_u2 == 0.0:
        theta = np.zeros(len(y))
    elif balanced:
        theta = np.full(len(y), 1.0 - np.sqrt(sigma_e2 / s2))
    else:
        theta = 1.0 - np.sqrt(sigma_e2 / (sizes[codes] * sigma_u2 + sigma_e2))
    t = theta[:, None]
    cons = (1.0 - theta)[:, None]
    XZ = np.hstack([X, Z1, Z2])
    XZc, grand = _centred(XZ, w, constant)
    XZbar = _means(XZc, codes, sizes)
    k_x = X.shape[1]
    # X* = X - theta Xbar and Z* = (1 - theta) Z: in the centred columns, X* = Xc* + (1 - theta) xbar,
    # the mean's part a multiple of the constant's column (1 - theta)
    Wc = np.hstack([XZc[:, :k_x] - t * XZbar[:, :k_x], (1.0 - t) * XZc[:, k_x:]] + ([cons] if constant else []))
    X1bar = Xbar[:, :X1.shape[1]]
    means_or_periods = X1bar if period_values is None else period_values
    between = np.hstack([means_or_periods, Z1])
    if constant and np.ptp(theta) == 0.0:  # the constant's column is a multiple of 1: the span unchanged
        repeats = means_or_periods.shape[1] // max(X1.shape[1], 1)  # amacurdy: T period columns a variable
        ref = np.concatenate([np.repeat(_centred_ss(X1), repeats), _centred_ss(Z1)])
        between = _centred_between(between, ref)
    A = np.hstack([Xd, between] + ([cons] if constant else []))
    ystar = y - theta * ybar
    b, M = _two_stage(root * ystar, root[:, None] * Wc, root[:, None] * A)
    e = ystar - Wc @ b
    k = Wc.shape[1]
    df_r = int(round(N)) - k
    s2_e = float(np.sum(w * e * e)) / df_r
    tested = k - 1 if constant else k
    F = _slopes_F(b[:tested], s2_e * M[:tested, :tested])
    V = s2_e * M
    if constant:
        b, V = shift_constant(b, V, grand)
    return HausmanTaylorFit(b=b, V=V, sigma_u=float(np.sqrt(sigma_u2)), sigma_e=float(np.sqrt(sigma_e2)),
                            Tbar=Tbar, balanced=balanced, df_m=tested, df_r=df_r, F=F, theta=theta, residuals=e)


def _slopes_F(b: np.ndarray, V: np.ndarray) -> float:
    """The Wald F of the slopes, b' V^-1 b / k, on the centred, unit-scaled parametrisation
    (the slopes' V is the same there); V singular (a slope without identifying variation):
    missing, not b' times rounding's inverse (which gave F = -550)."""
    k = len(b)
    if k == 0:
        return float("nan")
    D = 1.0 / np.sqrt(np.where(np.diag(V) > 0, np.diag(V), 1.0))
    C = V * D[:, None] * D[None, :]
    eig = np.linalg.eigvalsh(C)
    if not np.all(np.isfinite(eig)) or eig.min() <= 1e-12 * max(eig.max(), 1e-300) or np.any(np.diag(V) <= 0):
        return float("nan")
    bs = b * D
    return float(bs @ np.linalg.solve(C, bs)) / k


@dataclass(frozen=True)
class HausmanTaylorPredictions(LinearIndexPredictions):
    """``predict`` after xthtaylor (xtht_p): xb (default), stdp, ue (any row), and on the
    estimation sample u_i = sigma_u^2 / (T sigma_u^2 + sigma_e^2) sum_t (y_it - x_it b) (T = T-bar
    for balanced panels, else T_i), e = y - x b - u_i and xbu = x b + u_i."""

    b: np.ndarray
    V: np.ndarray
    ivar: str
    codes: np.ndarray
    y: np.ndarray  # the response on the estimation rows (finds each row's panel after a sort)
    sigma_u: float
    sigma_e: float
    Tbar: float
    balanced: bool
    predict_default_note = "(option xb assumed; fitted values)"

    def predict_options(self) -> tuple:
        return panel_predict_options(self.ivar)

    def re_terms(self):
        return (PanelTerm(self.ivar, int(self.codes.max()) + 1, self.codes),)

    def response(self) -> np.ndarray:
        return self.y

    def predict_from_index(self, statistic: str, xb: np.ndarray, rows) -> np.ndarray:
        shrink = (self.sigma_u ** 2, self.sigma_e ** 2, self.Tbar if self.balanced else None)
        return panel_statistic(statistic, xb, rows, int(self.codes.max()) + 1, shrink)

    def margins_prediction(self, options: str):
        """margins' hook: x b, xtht_p's default ([XT] xthtaylor postestimation lists margins);
        ue, u, e, xbu (the panel effects' predictions) and stdp are refused as stochastic."""
        from mlmcli.margins.response import linear_prediction_for

        return linear_prediction_for(options, "Linear prediction", ("xb",), ("stdp", "ue", "u", "e", "xbu"))
