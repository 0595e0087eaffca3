"""GMM for the exponential mean model with endogenous regressors (``ivpoisson gmm``, [R] ivpoisson
Methods and formulas), on numpy; pure computation, nothing printed.

    additive:        u_i = y_i - exp(x_i b + o_i)                E{z_i u_i} = 0
    multiplicative:  u_i = y_i exp(-x_i b - o_i) - 1             E{z_i u_i} = 0

x_i: the endogenous, then the exogenous regressors (and the constant); z_i: the exogenous
regressors, the excluded instruments (and the constant); o_i the offset (ln of the exposure).
With m(b) = (1/N) sum w_i z_i u_i (w fweights, N their sum) the criterion is Q(b) = m'Wm,
minimised by Gauss-Newton steps b <- b - (G'WG)^-1 G'Wm (G = dm/db'), halving a step that
does not lower Q.  Step 1 takes W = (Z'Z/N)^-1 ("Unadjusted"); step 2 W = S(b1)^-1 with

    robust      S = (1/N) sum w_i u_i^2 z_i z_i'
    cluster     S = (1/N) sum_g (sum_{i in g} w_i z_i u_i)(...)'
    unadjusted  S = s^2 Z'WZ/N,  s^2 = (1/N) sum w_i u_i^2

(``center``: the moment contributions less their mean, s^2 the variance of u).  igmm repeats
step 2 until b and W settle.  An exactly identified model stops after step 1 (every W gives the
same b).  VCE: robust/cluster (1/N)(G'WG)^-1 G'W S W G (G'WG)^-1 with S of the vce's kind at the
final b; unadjusted (1/N)(G'S^-1 G)^-1 (decision: S the unadjusted one at the final b).
J = N Q(b) at the final W (estat overid).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from mlmcli.instrumental.gmm_engine import gauss_newton, inverse


@dataclass
class PoissonGMMData:
    y: np.ndarray
    X: np.ndarray  # regressors (endogenous first, _cons last)
    Z: np.ndarray  # instruments
    offset: np.ndarray
    w: np.ndarray  # frequency weights (ones without)
    multiplicative: bool
    cluster: np.ndarray | None = None  # vce's cluster codes
    wcluster: np.ndarray | None = None  # wmatrix's cluster codes

    @property
    def nobs(self) -> float:
        return float(self.w.sum())


@dataclass
class PoissonGMMFit:
    b: np.ndarray
    V: np.ndarray
    W: np.ndarray
    S: np.ndarray | None
    Q: float
    J: float
    steps: list = field(default_factory=list)  # per step, the criterion at each iteration
    converged: bool = True
    exactly_identified: bool = False
    n_clust: int | None = None


def residuals(d: PoissonGMMData, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(u, du/db' rows): the moment residual and its derivative."""
    eta = np.clip(d.X @ b + d.offset, -700, 700)
    if d.multiplicative:
        r = d.y * np.exp(-eta)
        return r - 1.0, -r[:, None] * d.X
    mu = np.exp(eta)
    return d.y - mu, -mu[:, None] * d.X


def _moments(d: PoissonGMMData, b: np.ndarray):
    u, du = residuals(d, b)
    n = d.nobs
    m = d.Z.T @ (d.w * u) / n
    G = d.Z.T @ (d.w[:, None] * du) / n
    return u, m, G


def moment_covariance(d: PoissonGMMData, u: np.ndarray, kind: str, center: bool, codes=None) -> np.ndarray:
    n = d.nobs
    zu = d.Z * u[:, None]
    if center:
        zu = zu - (d.w @ zu) / n
    if kind == "unadjusted":
        uc = u - (d.w @ u) / n if center else u
        s2 = float(d.w @ (uc * uc)) / n
        return s2 * (d.Z.T @ (d.w[:, None] * d.Z)) / n
    if kind == "cluster":
        from mlmcli.robust.cluster_sandwich import clustered_meat

        return clustered_meat(d.w[:, None] * zu, codes, adjust=False) / n
    return zu.T @ (d.w[:, None] * zu) / n


def _minimise(d, b, W, maxiter: int, log: list) -> tuple[np.ndarray, bool]:
    """Gauss-Newton (``gmm_engine``) until the largest relative change of b is below 1e-6 (decision:
    the criterion's own change is not a stopping rule, Q falls to ~0 in an exactly identified model)."""
    return gauss_newton(lambda x: _moments(d, x)[1:], b, W, maxiter, log)


def fit_poisson_gmm(d: PoissonGMMData, start: np.ndarray, *, steps: str = "twostep", wmatrix: str = "robust",
                    vce: str = "robust", center: bool = False, maxiter: int = 16000,
                    igmm_iterate: int = 16000, igmm_eps: float = 1e-6, igmm_weps: float = 1e-6,
                    initial_weight: np.ndarray | None = None) -> PoissonGMMFit:
    """``initial_weight``: step 1's W in place of (Z'Z/N)^-1 (the control function's
    equation-by-equation "independent" one)."""
    n = d.nobs
    k, q = d.X.shape[1], d.Z.shape[1]
    W = inverse(d.Z.T @ (d.w[:, None] * d.Z) / n) if initial_weight is None else initial_weight
    logs: list[list[float]] = [[]]
    b, converged = _minimise(d, np.asarray(start, float), W, maxiter, logs[0])
    exact = q == k
    if steps != "onestep" and not exact:
        rounds = 1 if steps == "twostep" else igmm_iterate
        for _ in range(rounds):
            u = residuals(d, b)[0]
            W_new = inverse(moment_covariance(d, u, wmatrix, center, d.wcluster))
            logs.append([])
            b_new, converged = _minimise(d, b, W_new, maxiter, logs[-1])
            settled = (float(np.max(np.abs(b_new - b) / (np.abs(b_new) + 1.0))) < igmm_eps
                       or float(np.max(np.abs(W_new - W) / (np.abs(W_new) + 1.0))) < igmm_weps)
            b, W = b_new, W_new
            if steps == "igmm" and settled:
                break
    u, m, G = _moments(d, b)
    Q = float(m @ W @ m)
    codes = d.cluster if vce == "cluster" else None
    S = moment_covariance(d, u, vce, center, codes)
    with np.errstate(over="ignore", invalid="ignore"):  # products past the double range: missing V
        if vce == "unadjusted":
            V = inverse(G.T @ inverse(S) @ G) / n
        else:
            bread = inverse(G.T @ W @ G)
            V = bread @ G.T @ W @ S @ W @ G @ bread / n
    V = np.where(np.isfinite(V), V, np.nan)
    n_clust = int(codes.max()) + 1 if codes is not None else None
    S_w = None if steps == "onestep" else moment_covariance(d, u, wmatrix, center, d.wcluster)
    return PoissonGMMFit(b=b, V=(V + V.T) / 2, W=W, S=S_w, Q=Q, J=n * Q, steps=logs, converged=converged,
                         exactly_identified=exact, n_clust=n_clust)


def starting_values(d: PoissonGMMData) -> np.ndarray:
    """ivpoisson.ado's: the 2SLS of ln(y) - offset on the regressors with the instruments (rows with
    y > 0); zeros where that cannot be had."""
    pos = d.y > 0
    k = d.X.shape[1]
    if pos.sum() <= k:
        return np.zeros(k)
    y = np.log(d.y[pos]) - d.offset[pos]
    X, Z, w = d.X[pos], d.Z[pos], d.w[pos]
    Zw = Z * w[:, None]
    try:
        P = np.linalg.lstsq(Zw.T @ Z, Zw.T @ X, rcond=None)[0]
        Xh = Z @ P
        b = np.linalg.lstsq((Xh * w[:, None]).T @ X, (Xh * w[:, None]).T @ y, rcond=None)[0]
    except np.linalg.LinAlgError:
        return np.zeros(k)
    return b if np.all(np.isfinite(b)) else np.zeros(k)
