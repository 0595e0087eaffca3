"""Hausman, Hall and Griliches's (1984) negative binomial panel models (``xtnbreg``).

With lambda_it = exp(x_it b), y_it | delta_i negative binomial with mean lambda_it/delta_i
(dispersion 1 + 1/delta_i within a panel), write S_l = sum_t lambda_it and S_y = sum_t y_it
and c_it = lnG(lambda_it + y_it) - lnG(lambda_it) - lnG(y_it + 1):

fixed effects (conditional on S_y; the constant stays identified)

    ll_i = lnG(S_l) + lnG(S_y + 1) - lnG(S_l + S_y) + sum_t c_it

random effects, 1/(1 + delta_i) ~ Beta(r, s)

    ll_i = lnG(r + s) + lnG(r + S_l) + lnG(s + S_y) - lnG(r) - lnG(s) - lnG(r + s + S_l + S_y)
           + sum_t c_it

([XT] xtnbreg, Methods and formulas).  The fixed-effects derivatives are analytic; the
random-effects model is fitted in (b, ln r, ln s) with an analytic gradient and its
Hessian by central differences of that gradient.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.special import gammaln

from mlmcli.glm.gamma_differences import lgamma_diff, polygamma_diff
from mlmcli.panel.fit import CoefficientTableFit


def _panel_sums(values: np.ndarray, codes: np.ndarray, n: int) -> np.ndarray:
    return np.bincount(codes, weights=values, minlength=n)


def fe_derivatives(X: np.ndarray, y: np.ndarray, codes: np.ndarray, b: np.ndarray, offset=None):
    """(ll, gradient, Hessian) of the conditional likelihood at b; ``codes`` 0..G-1."""
    n = int(codes.max()) + 1
    lam = np.exp(X @ b + (0 if offset is None else offset))
    Sl = _panel_sums(lam, codes, n)
    Sy = _panel_sums(y, codes, n)
    # each lnG/psi difference taken whole (gamma_differences), as in the re model: with a large
    # constant (a ridge of the likelihood) the direct differences of lnG(1e20)-sized terms were
    # noise, the log likelihood climbed to positive values and the Hessian turned singular
    ll = float(np.sum(gammaln(Sy + 1) - lgamma_diff(Sl, Sy))
               + np.sum(lgamma_diff(lam, y) - gammaln(y + 1)))
    common = -polygamma_diff(0, Sl, Sy)
    a = common[codes] + polygamma_diff(0, lam, y)
    grad = X.T @ (lam * a)
    LX = X * lam[:, None]
    SX = np.zeros((n, X.shape[1]))
    np.add.at(SX, codes, LX)
    tri = -polygamma_diff(1, Sl, Sy)
    w = lam * a + lam ** 2 * polygamma_diff(1, lam, y)
    H = X.T @ (X * w[:, None]) + SX.T @ (SX * tri[:, None])
    return ll, grad, H


SHIFT_BY_SUM_RATIO = 1e8  # s / S_l beyond which a panel's Beta part is grouped by S_l (_re_parts)


def _re_parts(X, y, codes, theta, offset, with_ll: bool = True):
    """(ll or None, r, s, lam, Sl, Sy) at theta; ``with_ll=False`` skips the log likelihood
    (the Hessian's gradient columns need only the gradient)."""
    n = int(codes.max()) + 1
    k = X.shape[1]
    b, r, s = theta[:k], np.exp(theta[k]), np.exp(theta[k + 1])
    lam = np.exp(X @ b + (0 if offset is None else offset))
    Sl = _panel_sums(lam, codes, n)
    Sy = _panel_sums(y, codes, n)
    if not with_ll:
        return None, r, s, lam, Sl, Sy
    # each lnG/psi difference taken whole (gamma_differences): r and lambda grow without bound
    # when the panel effect degenerates (ln r along its ridge) and the direct differences of
    # lnG(3e6)-sized terms left the gradient, and the Hessian differenced from it, as noise
    # ln B(r + Sl, s + Sy) - ln B(r, s) has two groupings into shifts, each cancelling terms of
    # the size of its shift times ln r: by the panel's sum Sl (lnG(r + Sl) - lnG(r) ...) or by s
    # (lnG(r + s) - lnG(r) ...).  By s, as the fits on every ridge tested were made, except in
    # panels whose s dwarfs Sl (by 1e8: its cancelled s ln r would hold more than Sl ln r's
    # digits), where a step to r, s near 1e80 read a log likelihood above 0 (by Sl everywhere,
    # a ridge far up ln r lost the Hessian's concavity)
    by_sum = s > SHIFT_BY_SUM_RATIO * Sl
    panels = np.where(by_sum, lgamma_diff(r, Sl) + lgamma_diff(s, Sy) - lgamma_diff(r + s, Sl + Sy),
                      lgamma_diff(r, s) + lgamma_diff(s, Sy) - lgamma_diff(r + Sl, s + Sy))
    ll = float(np.sum(panels) + np.sum(lgamma_diff(lam, y) - gammaln(y + 1)))
    return ll, r, s, lam, Sl, Sy


def re_loglik(X: np.ndarray, y: np.ndarray, codes: np.ndarray, theta: np.ndarray, offset=None) -> float:
    """The random-effects log likelihood alone (the step halving's trial points)."""
    return _re_parts(X, y, codes, theta, offset)[0]


def re_loglik_gradient(X: np.ndarray, y: np.ndarray, codes: np.ndarray, theta: np.ndarray, offset=None):
    """(ll, gradient) of the random-effects model at theta = (b, ln r, ln s)."""
    parts = _re_parts(X, y, codes, theta, offset)
    return parts[0], _re_gradient(X, y, codes, parts)[0]


def _re_gradient(X, y, codes, parts, psi_lam=None):
    """(gradient, psi(lam + y) - psi(lam)) from ``_re_parts``' values; ``psi_lam``: that
    observation-level difference when it is known already (it depends on b alone)."""
    _, r, s, lam, Sl, Sy = parts
    dSl = -polygamma_diff(0, r + Sl, s + Sy)  # d ll_i / d S_l = psi(r + S_l) - psi(r + s + S_l + S_y)
    if psi_lam is None:
        psi_lam = polygamma_diff(0, lam, y)
    a = dSl[codes] + psi_lam
    g_b = X.T @ (lam * a)
    # d/d r of the ll's Beta part, in the same grouping as the ll
    g_r = r * float(np.sum(np.where(s > SHIFT_BY_SUM_RATIO * Sl, polygamma_diff(0, r, Sl) - polygamma_diff(0, r + s, Sl + Sy),
                                    polygamma_diff(0, r, s) + dSl)))
    g_s = s * float(np.sum(polygamma_diff(0, s, Sy) - polygamma_diff(0, r + s, Sl + Sy)))
    return np.r_[g_b, g_r, g_s], psi_lam


def re_derivatives(X, y, codes, theta, offset=None):
    """(ll, gradient, Hessian by central differences of the analytic gradient).  The
    differenced gradients skip the log likelihood, and those moving ln r or ln s reuse the
    observations' lambda and psi differences (they depend on b alone): the same numbers as
    re_loglik_gradient's at each point, at about a third of the special-function work."""
    theta = np.asarray(theta, float)
    base = _re_parts(X, y, codes, theta, offset)
    g, psi_lam = _re_gradient(X, y, codes, base)
    ll = base[0]
    k = X.shape[1]
    p = len(theta)
    H = np.empty((p, p))
    for j in range(p):
        h = 1e-5 * max(1.0, abs(theta[j]))
        up = theta.copy()
        dn = theta.copy()
        up[j] += h
        dn[j] -= h
        if j < k:
            g_up = _re_gradient(X, y, codes, _re_parts(X, y, codes, up, offset, with_ll=False))[0]
            g_dn = _re_gradient(X, y, codes, _re_parts(X, y, codes, dn, offset, with_ll=False))[0]
        else:  # ln r, ln s: lambda and its panel sums as at theta
            g_up = _re_gradient(X, y, codes, (None, np.exp(up[k]), np.exp(up[k + 1])) + base[3:], psi_lam)[0]
            g_dn = _re_gradient(X, y, codes, (None, np.exp(dn[k]), np.exp(dn[k + 1])) + base[3:], psi_lam)[0]
        H[:, j] = (g_up - g_dn) / (2 * h)
    return ll, g, (H + H.T) / 2


def pooled_constant_dispersion_loglik(X, y, theta, offset=None, lgamma_y1=None) -> float:
    """The pooled negative binomial with constant dispersion (NB1: mean mu = exp(xb), variance
    mu (1 + delta)), theta = (b, ln delta): the model the random-effects LR test compares with.
    ``lgamma_y1``: gammaln(y + 1), which an optimiser's many calls need only once."""
    k = X.shape[1]
    mu = np.exp(X @ theta[:k] + (0 if offset is None else offset))
    delta = np.exp(theta[k])
    m = mu / delta
    if lgamma_y1 is None:
        lgamma_y1 = gammaln(y + 1)
    # lnG(y + m) - lnG(m) taken whole: near delta = 0, m = mu/delta is huge and the direct
    # difference was noise that rose above the Poisson likelihood (the supremum there)
    return float(np.sum(lgamma_diff(m, y) - lgamma_y1 - m * np.log1p(delta)
                        + y * (np.log(delta) - np.log1p(delta))))


def pooled_constant_dispersion_derivatives(X, y, theta, offset=None, lgamma_y1=None):
    """(ll, gradient, Hessian) of the pooled NB1 model at theta = (b, ln delta), analytic.
    With m = mu/delta, A = psi(y + m) - psi(m) - ln(1 + delta), A1 = psi'(y + m) - psi'(m):
    d ll/d eta = m A, d ll/d ln delta = -m A + (y - mu)/(1 + delta) (glm.family's NB1 scores)."""
    k = X.shape[1]
    mu = np.exp(X @ theta[:k] + (0 if offset is None else offset))
    delta = np.exp(theta[k])
    m = mu / delta
    A = polygamma_diff(0, m, y) - np.log1p(delta)
    A1 = polygamma_diff(1, m, y)
    ll = pooled_constant_dispersion_loglik(X, y, theta, offset, lgamma_y1)
    d_eta = m * A
    d_t = -m * A + (y - mu) / (1 + delta)
    h_ee = m * (A + m * A1)
    h_et = -m * A - m * m * A1 - mu / (1 + delta)
    h_tt = m * A + m * m * A1 + mu / (1 + delta) - (y - mu) * delta / (1 + delta) ** 2
    H = np.empty((k + 1, k + 1))
    H[:k, :k] = X.T @ (X * h_ee[:, None])
    H[:k, k] = H[k, :k] = X.T @ h_et
    H[k, k] = float(np.sum(h_tt))
    return ll, np.r_[X.T @ d_eta, np.sum(d_t)], H


def fit_pooled_constant_dispersion(X, y, start_b, offset=None) -> float:
    """The maximised pooled NB1 log likelihood (xtnbreg.ado's comparison model, ``nbreg,
    dispersion(constant)``), by Newton-Raphson with step halving from the Poisson estimates
    and ln delta = 0, as nbreg starts.  With no overdispersion ln delta runs off towards -inf,
    where the likelihood rises to the Poisson one (at the Poisson estimates ``start_b``): that
    supremum is the comparison value then (Newton stops short of it by ml's relative change)."""
    from mlmcli.conditional_likelihood import maximise

    lgamma_y1 = gammaln(y + 1)
    eta = X @ start_b + (0 if offset is None else offset)
    poisson_ll = float(np.sum(y * eta - np.exp(eta) - lgamma_y1))
    _, ll, _, _, _ = maximise(lambda Xm, yv, g, t: pooled_constant_dispersion_derivatives(Xm, yv, t, offset, lgamma_y1),
                              X, y, None, max_iter=300, start=np.r_[start_b, 0.0],
                              value=lambda Xm, yv, g, t: pooled_constant_dispersion_loglik(Xm, yv, t, offset, lgamma_y1))
    return max(ll, poisson_ll)


@dataclass(frozen=True)
class NegativeBinomialPanelFit(CoefficientTableFit):
    """A fitted xtnbreg model: implements the estimation interface.  predict: xb (the
    default), stdp, nu0 = exp(xb) (the count with the panel effect at its neutral value) and
    iru0 = exp(xb) without the offset."""

    depvar: str
    group_var: str
    coef_labels: tuple
    b: np.ndarray
    V: np.ndarray
    level: float
    y: np.ndarray
    codes: np.ndarray
    offset_var: tuple | None = None
    theta: np.ndarray | None = None  # re: (b, ln r, ln s) ...
    V_theta: np.ndarray | None = None  # ... and their covariance
    df_r: float | None = None  # vce(jackknife)'s e(df_r): t statistics and intervals

    def e_matrices(self):
        """e(b), e(V) in the depvar's equation (xtnbreg.ado's NAMES `yname':x, fe and re alike), after re
        then ``ln_r:_cons ln_s:_cons``."""
        import dataclasses

        from mlmcli.results.matrix import Matrix

        if self.theta is None:  # fe
            b, V = super().e_matrices()
            names = tuple(f"{self.depvar}:{n}" for n in b.colnames)
            return dataclasses.replace(b, colnames=names), dataclasses.replace(V, rownames=names, colnames=names)
        est = [j for j, lab in enumerate(self.coef_labels) if not (lab.base or lab.omitted)]
        k = len(self.coef_labels)
        idx = est + [k, k + 1]
        b = np.zeros(k + 2)
        V = np.zeros((k + 2, k + 2))
        b[idx] = self.theta
        V[np.ix_(idx, idx)] = self.V_theta
        names = tuple(f"{self.depvar}:{lab.name}" for lab in self.coef_labels) + ("ln_r:_cons", "ln_s:_cons")
        return Matrix(b[None, :], ("y1",), names), Matrix(V, names, names)

    def predict_options(self) -> tuple:
        from mlmcli.panel.count_predictions import COUNT_PREDICT_OPTIONS
        return COUNT_PREDICT_OPTIONS

    def predict_from_index(self, statistic: str, xb: np.ndarray, rows) -> np.ndarray:
        from mlmcli.panel.count_predictions import count_statistic
        return count_statistic(statistic, xb, self.with_offset(xb, rows))

    def margins_prediction(self, options: str):
        """margins' hook (``panel.count_predictions``)."""
        from mlmcli.panel.count_predictions import count_margins_prediction
        return count_margins_prediction(options, self.offset_var)
