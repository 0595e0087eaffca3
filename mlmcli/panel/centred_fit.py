"""OLS of y~ = y_w + ybar on X~ = X_w + xbar and a constant (the within estimators' transformed
regression: ``xtreg, fe``, ``areg``), computed on the centred columns y_w, X_w.

X~'X~ with the grand means in it holds N xbar^2 next to the within sums of squares: a regressor
like log population (mean 16, within variation 1e-3 that is nearly collinear with the wave
effects) loses every digit of its within variation to rounding there, and the solve returns
an RSS above the total (R2 within of -9) and negative variances.  The centred columns hold the
same information without the offset.  The fit (b_w, a_w) on [X_w, 1] maps to the
original parameters exactly, b = b_w and _cons = a_w + ybar - xbar b, i.e. theta = T theta_w with

    T = [[I, 0], [-xbar, 1]],   V = T V_w T'

(the sandwich variances transform the same way: the scores are x_i e_i and x~_i = T^-T x_w,i);
the residuals, RSS, TSS, R2 and the slopes' F test are unchanged.
"""
from __future__ import annotations

import dataclasses

import numpy as np

from mlmcli import distributions as stats
from mlmcli.ols import OLSFit, fit_ols
from mlmcli.missing import stata_matrix

WITHIN_ZERO_TOL = 1e-12  # as panel.design: a transformed column this small is a constant's rounding


def shift_constant(b: np.ndarray, V: np.ndarray, grand_X: np.ndarray, grand_y: float = 0.0):
    """(b, V) of the fit on [X_w, 1] (constant last) in the parameters of [X_w + xbar, 1]
    with y shifted by ``grand_y``: the constant becomes a_w + ybar - xbar b."""
    K = len(grand_X)
    b = np.array(b, float)
    V = np.array(V, float)
    g = np.asarray(grand_X, float)
    b[K] = b[K] + grand_y - float(g @ b[:K])
    Vbb, Vba = V[:K, :K].copy(), V[:K, K].copy()
    Vab = Vba - Vbb @ g  # Cov(b, a) = V_ba - V_bb xbar'
    V[:K, K] = Vab
    V[K, :K] = Vab
    V[K, K] = V[K, K] - 2 * float(g @ Vba) + float(g @ Vbb @ g)
    return b, V


def fit_centred_ols(y_within: np.ndarray, X_within: np.ndarray, grand_y: float, grand_X: np.ndarray,
                    **options) -> OLSFit:
    """``fit_ols(y_w + ybar, [X_w + xbar, 1], constant=True, **options)`` computed on [X_w, 1]
    (module docstring).  Columns are scaled by powers of two to a largest |value| near 1
    (exact) and scaled back; b and (X'WX)^-1 come from a QR decomposition (``fit_ols(qr=True)``)."""
    K = X_within.shape[1]
    N = len(y_within)
    scale = unit_column_scales(X_within)
    fit = fit_ols(y_within, np.column_stack([X_within * scale, np.ones(N)]), constant=True, qr=True, **options)
    D = np.append(scale, 1.0)
    b = fit.b * D
    V = stata_matrix(lambda: fit.V * D[:, None] * D[None, :])  # past the double range: missing
    with np.errstate(invalid="ignore"):
        b, V = shift_constant(b, V, grand_X, grand_y)
        se = np.sqrt(np.clip(np.diag(V), 0, None))
    with np.errstate(divide="ignore", invalid="ignore"):
        t = np.where(se > 0, b / se, np.nan)  # a zero SE (the groups absorb the depvar): t and P missing
    df_t = fit.df_r if fit.df_r > 0 else np.nan
    q = stats.t.ppf(0.5 + fit.level / 200.0, df_t)
    return dataclasses.replace(fit, b=b, V=V, se=se, t=t, p=2 * stats.t.sf(np.abs(t), df_t),
                               ci_lo=b - q * se, ci_hi=b + q * se, replicates=None)


def unit_column_scales(X: np.ndarray) -> np.ndarray:
    """Per column, the power of two that brings its largest |value| into [0.5, 1) (1 for a
    column of zeros)."""
    if X.shape[0] == 0 or X.shape[1] == 0:
        return np.ones(X.shape[1])
    top = np.max(np.abs(X), axis=0)
    exponent = np.frexp(np.where(np.isfinite(top) & (top > 0), top, 1.0))[1]
    return np.where(top > 0, np.ldexp(1.0, -exponent), 1.0)


def centred_within(M: np.ndarray, panels, weights: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """(M_w, mbar): the within-transformed columns, a column whose within sum of squares is below
    1e-12 of its own centred one set to exact zeros (a time-invariant variable: its transform is
    rounding, which near 1e9 is not small next to real within variation), and the grand means."""
    M = np.asarray(M, float)
    if M.ndim == 1:
        Mw, g = centred_within(M[:, None], panels, weights)
        return Mw[:, 0], g[0]
    if M.shape[1] == 0:
        return M.copy(), np.zeros(0)
    grand = np.average(M, axis=0, weights=weights)
    Mw = panels.within(M, weights)
    own = np.einsum("ij,ij->j", Mw, Mw)
    ref = np.einsum("ij,ij->j", M - grand, M - grand)
    Mw[:, own <= WITHIN_ZERO_TOL * np.maximum(ref, 1e-300)] = 0.0
    return Mw, grand


def centred_design(X: np.ndarray, constant: bool) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(X', grand, scale) for an estimator linear in X's columns (GLS, Prais-Winsten, PCSE) on a
    design whose last column is the constant when ``constant``: the other columns centred and
    scaled by powers of two (exact), so a regressor near 1e9 is not nearly the constant's multiple
    and one scaled by 1e9 keeps its digits.  ``restore_design`` maps (b, V) of X' back."""
    r = centring(X, constant)
    return r.apply(X), r.shift[:len(r.shift) - (1 if constant else 0)], r.scale


def centring(X: np.ndarray, constant: bool) -> "ColumnRescaling":
    """The ``ColumnRescaling`` of ``centred_design``: every column but the constant centred (with
    a constant) and power-of-two scaled; its ``parameter_map`` takes an ML fit on X' back."""
    X = np.asarray(X, float)
    k = X.shape[1] - (1 if constant else 0)
    grand = X[:, :k].mean(axis=0) if constant and X.shape[0] else np.zeros(k)
    scale = unit_column_scales(X[:, :k] - grand)
    pad = X.shape[1] - k
    return ColumnRescaling(np.append(grand, np.zeros(pad)), np.append(scale, np.ones(pad)), constant)


def restore_design(b: np.ndarray, V: np.ndarray, grand: np.ndarray, scale: np.ndarray, constant: bool):
    """(b, V) of ``centred_design``'s X' in the parameters of the original X."""
    b = np.asarray(b, float) * scale
    V = stata_matrix(lambda: np.asarray(V, float) * scale[:, None] * scale[None, :])  # past the range: missing
    return shift_constant(b, V, grand) if constant else (b, V)


def needs_centring(X: np.ndarray, constant: bool) -> bool:
    """Whether a design is badly centred or scaled for an iterative fit: a column (the constant
    last when ``constant``) whose mean is beyond 1e4 of its spread, or whose magnitude is beyond
    2^+-20.  Ordinary designs are fitted as they are (their iteration logs unchanged)."""
    X = np.asarray(X, float)
    k = X.shape[1] - (1 if constant else 0)
    if k <= 0 or X.shape[0] == 0:
        return False
    body = X[:, :k]
    scale = unit_column_scales(body)
    if np.any((scale < 2.0 ** -20) | (scale > 2.0 ** 20)):
        return True
    spread = body.std(axis=0)
    return bool(constant and np.any(np.abs(body.mean(axis=0)) > 1e4 * np.where(spread > 0, spread, np.inf)))


def metric_representable(X: np.ndarray) -> bool:
    """X'X is finite in the user's units.  Past it (a column near 1e300) an ml fit stops in Stata's
    own metric (its derivatives are missing), so the rescaled fits above are for columns near 1e9
    or scaled by 1e9, not for these."""
    with np.errstate(over="ignore", invalid="ignore"):
        return bool(np.isfinite(X.T @ X).all())


def far_column_scales(X: np.ndarray) -> np.ndarray:
    """Per column, the power of two that brings its largest |value| near 1 when that is beyond
    2^+-20, else 1 (ordinary columns keep their bits and their iteration log): the Newton steps of
    the conditional and random-intercept likelihoods on a column scaled by 1e9."""
    scale = unit_column_scales(X)
    return np.where((scale < 2.0 ** -20) | (scale > 2.0 ** 20), scale, 1.0)


def offset_columns(X: np.ndarray) -> np.ndarray:
    """Per column, its mean where that is beyond 1e4 of its spread (a regressor near 1e9), else 0
    (ordinary columns are fitted as they are)."""
    if X.shape[0] == 0 or X.shape[1] == 0:
        return np.zeros(X.shape[1])
    mean, spread = X.mean(axis=0), X.std(axis=0)
    return np.where(np.abs(mean) > 1e4 * np.where(spread > 0, spread, np.inf), mean, 0.0)


@dataclasses.dataclass(frozen=True)
class ColumnRescaling:
    """X' = (X - shift) * scale, column by column: a regressor near 1e9 (its mean beyond 1e4 of
    its spread) shifted by its mean, one beyond 2^+-20 in magnitude scaled by a power of two
    (exact); the constant (last when ``constant``) and ordinary columns untouched.  A model linear
    in X b has the same fit in theta' with theta = T theta' (``parameter_map``): the log likelihood
    is the same function, so the iterations see the same values.

    The shifts x'b' = x b - shift'b move into the constant (c = c' - shift'b), or into the
    ``cutpoints`` parameters right after the columns (an ordered model's F(cut - x b): cut =
    cut' + shift'b), or nowhere when ``shift_free`` (a conditional likelihood, free of a shift of
    any column)."""

    shift: np.ndarray
    scale: np.ndarray
    constant: bool
    cutpoints: int = 0
    shift_free: bool = False

    def apply(self, X: np.ndarray) -> np.ndarray:
        return (np.asarray(X, float) - self.shift) * self.scale

    def parameter_map(self, n_extra: int = 0) -> np.ndarray:
        """T with theta = T theta' over the columns' coefficients and ``n_extra`` parameters
        after them (the cutpoints, then ancillary ones, unchanged): b = scale b', _cons = c' -
        sum shift scale b' (cut_j = cut'_j + sum shift scale b')."""
        k = len(self.scale)
        T = np.eye(k + n_extra)
        T[:k, :k] = np.diag(self.scale)
        moved = self.shift * self.scale
        if self.constant:
            T[k - 1, :k - 1] = -moved[:k - 1]
        for j in range(k, k + min(self.cutpoints, n_extra)):
            T[j, :k] = moved
        return T

    def to_user(self, theta: np.ndarray, V: np.ndarray | None = None):
        """(theta, V) of the rescaled fit in the user's units (V None: theta alone)."""
        theta = np.asarray(theta, float)
        T = self.parameter_map(len(theta) - len(self.scale))
        with np.errstate(over="ignore", invalid="ignore"):
            return T @ theta if V is None else (T @ theta, T @ np.asarray(V, float) @ T.T)

    def hessian_to_user(self, H: np.ndarray) -> np.ndarray:
        """The Hessian in the user's units of one in the rescaled metric: T^-T H' T^-1."""
        T_inv = np.linalg.inv(self.parameter_map(H.shape[0] - len(self.scale)))
        with np.errstate(over="ignore", invalid="ignore"):
            return T_inv.T @ np.asarray(H, float) @ T_inv

    def from_user(self, theta: np.ndarray) -> np.ndarray:
        """theta' of theta (a start in the user's units): b' = b / scale, c' = c + shift'b
        (cut' = cut - shift'b)."""
        out = np.array(theta, float)
        k = len(self.scale)
        if self.constant:
            out[k - 1] = out[k - 1] + float(self.shift[:k - 1] @ out[:k - 1])
        n_cut = min(self.cutpoints, len(out) - k)
        if n_cut:
            out[k:k + n_cut] = out[k:k + n_cut] - float(self.shift @ out[:k])
        out[:k] = out[:k] / self.scale
        return out

    def subset(self, cols) -> "ColumnRescaling | None":
        """The map of the columns ``cols`` a fit kept (None: it dropped the constant that
        absorbs the shifts)."""
        cols = list(cols)
        k = len(self.scale)
        constant = self.constant and k - 1 in cols
        if self.constant and not constant and np.any(self.shift[cols] != 0):
            return None
        return dataclasses.replace(self, shift=self.shift[cols], scale=self.scale[cols], constant=constant)

    @property
    def shifted(self) -> bool:
        return bool(np.any(self.shift != 0))


def far_column_rescaling(X: np.ndarray, constant: bool, cutpoints: int = 0,
                         shift_free: bool = False) -> ColumnRescaling | None:
    """The rescaling an ML fit on X needs (``ColumnRescaling``), or None: every column ordinary
    (the fit as it was, its log bit for bit) or X'X past the double range in the user's units
    (``metric_representable``: Stata's ml stops there, so the fit in the raw metric does too).
    Columns are shifted only where a parameter absorbs the shift (the constant, ``cutpoints``)
    or the likelihood does not see it (``shift_free``)."""
    X = np.asarray(X, float)
    k = X.shape[1] - (1 if constant else 0)
    if k <= 0 or X.shape[0] == 0 or not metric_representable(X):
        return None
    body = X[:, :k]
    shift = offset_columns(body) if constant or cutpoints or shift_free else np.zeros(k)
    scale = far_column_scales(body - shift)
    if not np.any(shift != 0) and np.all(scale == 1.0):
        return None
    pad = [0.0] if constant else []
    return ColumnRescaling(np.append(shift, pad), np.append(scale, [1.0] * len(pad)), constant,
                           cutpoints, shift_free)
