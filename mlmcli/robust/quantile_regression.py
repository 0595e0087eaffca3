"""Quantile regression as Stata 13's ``qreg`` fits it ([R] qreg, Methods and formulas).

Estimator.  b(tau) minimises sum_i w_i rho_tau(y_i - x_i b), rho_tau(u) = u (tau - 1{u < 0}), a
linear program: min tau w'u + (1 - tau) w'v subject to X b + u - v = y, u, v >= 0, solved in its
dual form by HiGHS's dual simplex (``solve_quantile``); the solution is a vertex, as Stata's
simplex iterations end on one (on the manual's median regression of price on weight, length and
foreign, whose solutions form an edge, it is the vertex Stata prints).

Before the linear program Stata runs ``wlsiter()`` weighted least-squares steps (_qregwls): from
least squares, each step refits with weights tau/|r_i| (r_i > 0) or (1 - tau)/|r_i| and reports
the sum of the weighted deviations of the refit ("WLS sum of weighted deviations", ``deviation_sum``).

Reported with b: sum_adev = 2 sum_i w_i rho_tau(r_i) ("Min sum of deviations": Stata 13's sum of
absolute deviations weighted 2 tau and 2 (1 - tau), ``deviation_sum``), sum_rdev the same about
q_v, the tau quantile of y (order statistic int(tau (N + 1)), "Raw sum of deviations"), and
pseudo R2 = 1 - sum_adev / sum_rdev.

Variance (``vce(iid|robust, denmethod bwidth)``), with h the bandwidth of ``bandwidth`` (Hall and
Sheather by default, N^(-1/3) z^(2/3) (1.5 phi(Phi^-1(tau))^2 / (2 Phi^-1(tau)^2 + 1))^(1/3),
z = Phi^-1(1 - alpha/2), alpha = 1 - level/100):

- fitted (the default): the fits at tau - h and tau + h; iid: the sparsity
  s = (xbar b(tau + h) - xbar b(tau - h)) / 2h (weighted means), V = tau (1 - tau) s^2 (X'WX)^-1;
  robust: f_i = 2h / (x_i (b(tau + h) - b(tau - h))) (0 below sqrt(eps)),
  V = tau (1 - tau) H^-1 X'WX H^-1, H = X' diag(w f) X.
- residual: s = (F^-1(tau + h) - F^-1(tau - h)) / 2h, percentiles of the residuals without the
  basis observations (iid only).
- kernel(k): c = min(sd(r), IQR(r)/1.34) (Phi^-1(tau + h) - Phi^-1(tau - h)); iid:
  s = c / mean K(r/c); robust: H = X' diag(w K(r/c)) X / c.

iweights and pweights enter X'WX as w^2 (pweights are fitted as iweights; they imply robust).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from mlmcli.errors import StataError, insufficient_replicates



@dataclass
class QuantileFit:
    """A qreg fit on the estimation sample (b, V over the estimable columns of X)."""

    b: np.ndarray
    V: np.ndarray
    tau: float
    N: float
    df_r: float
    sum_adev: float
    sum_rdev: float
    q_v: float
    sum_w: float
    sparsity: float
    bwidth: float
    kbwidth: float | None
    wls_log: list = field(default_factory=list)
    residuals: np.ndarray | None = None


def check_loss(u: np.ndarray, tau: float, w: np.ndarray | None = None) -> float:
    """sum_i w_i rho_tau(u_i) (the sums qreg reports are twice it: ``deviation_sum``)."""
    loss = np.where(u < 0, (tau - 1.0) * u, tau * u)
    return float(loss.sum() if w is None else (w * loss).sum())


def deviation_sum(u: np.ndarray, tau: float, w: np.ndarray | None = None) -> float:
    """Stata 13's "sum of abs. weighted deviations": sum_i w_i |u_i| weighted 2 tau above and
    2 (1 - tau) below, 2 sum_i w_i rho_tau(u_i) -- at the median the sum of absolute deviations
    (Stata 13's qreg foodexp income on Engel's data prints 46278.06 and 17559.93, Stata 14's
    manuals half those: its qreg reports sum rho_tau)."""
    return 2.0 * check_loss(u, tau, w)


def solve_quantile(y: np.ndarray, X: np.ndarray, tau: float, w: np.ndarray | None = None) -> np.ndarray:
    """b(tau): a vertex of the linear program, solved in its dual form (Koenker 2005, 6.2)
    max y'a subject to X'a = (1 - tau) X'w, 0 <= a_i <= w_i, by HiGHS's dual simplex; b is the
    dual's multipliers of the equality constraints.  (The dual has n bounded variables and k
    constraints: on 10,000 observations 0.4 s where the primal's 2n + k variables take 37 s.)"""
    from scipy import optimize

    n, k = X.shape
    w = np.ones(n) if w is None else np.asarray(w, float)
    solution = optimize.linprog(-y, A_eq=X.T, b_eq=(1.0 - tau) * (X.T @ w),
                                bounds=np.column_stack([np.zeros(n), w]), method="highs-ds")
    if solution.status != 0:
        raise StataError("convergence not achieved", 430)
    return -np.asarray(solution.eqlin.marginals, float)


def wls_steps(y: np.ndarray, X: np.ndarray, tau: float, w: np.ndarray, steps: int) -> list[float]:
    """_qregwls' log: from least squares, the deviation sum of each reweighted refit; as the
    ado, it stops before ``steps`` once the sum of the weights no longer changes (reldif below
    1e-10: ``qreg ..., wlsiter(1e300)`` ran for ever)."""
    log = []
    b = np.linalg.lstsq(X * np.sqrt(w)[:, None], y * np.sqrt(w), rcond=None)[0]
    previous = None
    for _ in range(steps):
        r = y - X @ b
        scale = np.maximum(np.abs(r), 1e-10 * max(1.0, float(np.abs(r).mean())))
        root = np.sqrt(w * np.where(r > 0, tau, 1.0 - tau) / scale)
        b = np.linalg.lstsq(X * root[:, None], y * root, rcond=None)[0]
        log.append(deviation_sum(y - X @ b, tau, w))
        total = float(np.sum(w / scale))
        if previous is not None and abs(total - previous) / (abs(previous) + 1) < 1e-10:
            break
        previous = total
    return log


def bandwidth(n: float, tau: float, method: str, level: float) -> float:
    """Stata's _qreg_bwidth: Hall-Sheather, Bofinger or Chamberlain."""
    from mlmcli.distributions import norm

    alpha = 1.0 - level / 100.0
    q = float(norm.ppf(tau))
    dens = float(np.exp(-0.5 * q * q) / np.sqrt(2 * np.pi))
    if method == "hsheather":
        z = float(norm.ppf(1 - alpha / 2))
        return n ** (-1 / 3) * z ** (2 / 3) * (1.5 * dens ** 2 / (2 * q * q + 1)) ** (1 / 3)
    if method == "bofinger":
        return n ** (-1 / 5) * (4.5 * dens ** 4 / (2 * q * q + 1) ** 2) ** (1 / 5)
    z = float(norm.ppf(1 - alpha / 2))
    return z * np.sqrt(tau * (1 - tau) / n)


def kernel_values(kernel: str, u: np.ndarray) -> np.ndarray:
    """The kernel K(u) of Stata's _qreg_kernel: kdensity's kernels (``graphs.smoothers.kernel``)."""
    from mlmcli.graphs.smoothers import kernel as kernel_function

    return kernel_function(kernel, u)


def _weighted_pctile(values: np.ndarray, w: np.ndarray | None, p: float) -> float:
    from mlmcli.summary_statistics import stata_percentile, weighted_percentile

    order = np.argsort(values, kind="stable")
    if w is None:
        return stata_percentile(values[order], p)
    return weighted_percentile(values[order], w[order], p)


def raw_quantile(y: np.ndarray, tau: float, w: np.ndarray | None, fweight: bool) -> float:
    """q_v: the order statistic int(tau (N + 1)) of y (of y expanded by its frequency weights);
    with other weights the weighted tau quantile."""
    order = np.argsort(y, kind="stable")
    ys = y[order]
    if w is None or fweight:
        counts = np.ones(ys.size) if w is None else np.asarray(w, float)[order]
        total = counts.sum()
        j = min(max(int(np.floor(tau * (total + 1) + 1e-9)), 1), int(total))
        return float(ys[int(np.searchsorted(np.cumsum(counts), j - 1e-9))])
    return _weighted_pctile(y, w, 100 * tau)


def fit_quantile(y: np.ndarray, X: np.ndarray, tau: float, *, w: np.ndarray | None = None,
                 weight_kind: str | None = None, vce: str | None = "iid", denmethod: str = "fitted",
                 bwmethod: str = "hsheather", kernel: str = "epanechnikov", level: float = 95.0,
                 wlsiter: int = 1) -> QuantileFit:
    """qreg on the estimation sample (X full column rank, the constant last if any); ``vce`` None:
    no analytic variance (bsqreg)."""
    y = np.asarray(y, float)
    n, k = X.shape
    fweight = weight_kind == "fweight"
    lp_w = None if w is None else np.asarray(w, float)
    ones = np.ones(n) if lp_w is None else lp_w
    wls_log = wls_steps(y, X, tau, ones, wlsiter)
    b = solve_quantile(y, X, tau, lp_w)
    r = y - X @ b
    r[np.abs(r) < 1e-10 * max(1.0, float(np.abs(r).mean()))] = 0.0
    N = float(ones.sum()) if fweight else float(n)
    sum_w = float(ones.sum())
    q_v = raw_quantile(y, tau, lp_w, fweight)
    sum_adev = deviation_sum(r, tau, lp_w)
    sum_rdev = deviation_sum(y - q_v, tau, lp_w)
    w2 = ones ** 2 if weight_kind in ("iweight", "pweight") else ones
    J = (X * w2[:, None]).T @ X
    h = bandwidth(N, tau, bwmethod, level)
    kband = None
    if vce is None:  # bsqreg: the bootstrap's variance instead
        return QuantileFit(b=b, V=np.full((k, k), np.nan), tau=tau, N=N, df_r=N - k, sum_adev=sum_adev,
                           sum_rdev=sum_rdev, q_v=q_v, sum_w=sum_w, sparsity=float("nan"), bwidth=h, kbwidth=None,
                           wls_log=wls_log, residuals=r)
    if denmethod == "fitted":
        if tau - h <= 0 or tau + h >= 1:
            raise StataError("VCE computation failed; try a different bandwidth or bsqreg", 498)
        spread = solve_quantile(y, X, tau + h, lp_w) - solve_quantile(y, X, tau - h, lp_w)
        if vce == "iid":
            xbar = (ones[:, None] * X).sum(axis=0) / ones.sum()
            s = float(xbar @ spread) / (2 * h)
        else:
            gap = X @ spread
            f = np.where(gap > np.sqrt(np.finfo(float).eps), 2 * h / np.where(gap > 0, gap, 1.0), 0.0)
            H = (X * (ones * f)[:, None]).T @ X
    elif denmethod == "residual":
        s, h = _residual_sparsity(r, k, tau, lp_w, fweight, bwmethod, level)
    else:
        kband = _kernel_width(r, tau, h, lp_w, weight_kind)
        K = kernel_values(kernel, r / kband)
        if vce == "iid":
            s = kband / float((ones * K).sum() / ones.sum())
        else:
            H = (X * (ones * K)[:, None]).T @ X / kband
    if vce == "iid":
        with np.errstate(over="ignore", invalid="ignore"):  # a sparsity past the double range (x ~ 1e-150)
            V = tau * (1 - tau) * s ** 2 * _inverse(J)
        V[~np.isfinite(V)] = np.nan  # Stata's overflow: missing
    else:
        Hinv = _inverse(H)
        V = tau * (1 - tau) * Hinv @ J @ Hinv
        s = float("nan")
    return QuantileFit(b=b, V=V, tau=tau, N=N, df_r=N - k, sum_adev=sum_adev, sum_rdev=sum_rdev, q_v=q_v,
                       sum_w=sum_w, sparsity=s, bwidth=h, kbwidth=kband, wls_log=wls_log, residuals=r)


def _inverse(M: np.ndarray) -> np.ndarray:
    try:
        return np.linalg.inv(M)
    except np.linalg.LinAlgError:
        return np.linalg.pinv(M)


def _residual_sparsity(r, k, tau, w, fweight, bwmethod, level) -> tuple[float, float]:
    """(s, h): s = (F^-1(tau + h) - F^-1(tau - h)) / 2h over the residuals of the non-basis
    observations (the basis: the k observations the vertex interpolates, residual 0; with
    fweights one copy of each), h the bandwidth of their number (GetVCE's residual method)."""
    basis = np.argsort(np.abs(r), kind="stable")[:k]
    keep = np.ones(r.size, bool)
    weights = None if w is None else np.asarray(w, float).copy()
    if fweight:  # one copy of each basis observation leaves
        weights[basis] -= 1
        keep &= weights > 0
    else:
        keep[basis] = False
    if not keep.any():
        raise StataError("no observations remain after dropping residuals associated with the linear "
                         "programming basis", 2000)
    wk = None if weights is None else weights[keep]
    h = bandwidth(float(wk.sum()) if fweight else float(keep.sum()), tau, bwmethod, level)
    if tau - h < 0 or tau + h > 1:
        raise StataError("VCE computation failed; try a different bandwidth or bsqreg", 498)
    upper = _weighted_pctile(r[keep], wk, 100 * (tau + h))
    lower = _weighted_pctile(r[keep], wk, 100 * (tau - h))
    s = (upper - lower) / (2 * h)
    if s < np.finfo(float).eps:
        raise StataError(f"sparsity estimate of {s:10.4g} is too small; computation of coefficient standard "
                         "errors cannot be completed", 498)
    return s, h


def _kernel_width(r, tau, h, w, weight_kind) -> float:
    """c = min(sd, IQR/1.34) (Phi^-1(tau + h) - Phi^-1(tau - h)) of the residuals (VCE_kernel)."""
    from mlmcli.distributions import norm
    from mlmcli.summary_statistics import weighted_moments

    iqr = _weighted_pctile(r, w, 75) - _weighted_pctile(r, w, 25)
    kind = {"iweight": "iweight", "pweight": "iweight", "fweight": "fweight"}.get(weight_kind or "", "aweight")
    sd = weighted_moments(r, np.ones(r.size) if w is None else np.asarray(w, float), kind)["sd"]
    if tau - h <= 0 or tau + h >= 1:
        raise StataError("VCE computation failed; try a different bandwidth or bsqreg", 498)
    return min(sd, iqr / 1.34) * float(norm.ppf(tau + h) - norm.ppf(tau - h))


def bootstrap_quantiles(y: np.ndarray, X: np.ndarray, taus, reps: int, rng, progress=None,
                        difference: bool = False) -> np.ndarray:
    """The bootstrap VCE of bsqreg (one quantile), sqreg (the quantiles' coefficients stacked,
    each sample fitting every quantile) or iqreg (``difference``: b(tau_1) - b(tau_0)): the
    covariance (divisor R - 1) over ``reps`` samples of the observations drawn with replacement
    (``panel.bootstrap``); fewer than two usable replicates is r(2001)."""
    from mlmcli.panel.bootstrap import bootstrap_variance, panel_bootstrap

    def replicate(yb, Xb, _codes):
        if np.linalg.matrix_rank(Xb) < Xb.shape[1]:  # a collinear resample: Stata's x
            raise ValueError("collinear")
        try:
            fits = [solve_quantile(yb, Xb, tau) for tau in taus]
        except StataError:
            raise ValueError("no solution") from None
        return fits[1] - fits[0] if difference else np.concatenate(fits)

    B = panel_bootstrap(replicate, y, X, np.arange(len(y)), reps, rng, progress=progress)
    V = bootstrap_variance(B)
    k = X.shape[1] * (1 if difference else len(taus))
    if V.shape != (k, k) or not np.all(np.isfinite(V)):
        raise insufficient_replicates("bootstrap")
    return V
