"""Generalized method of moments over residual equations ([R] gmm, Methods and formulas), on numpy;
pure computation, nothing printed.  ``ivpoisson gmm`` (``poisson_gmm``) minimises with the same
Gauss-Newton steps.

Equation j has residuals u_ij(b) and instruments z_ij (q_j columns); observation i's moment
contributions are h_i = (z_i1 u_i1, ..., z_iJ u_iJ) (q = sum q_j), m(b) = (1/N) sum_i w_i h_i
(w the weights, aweights/pweights normalised to sum to the observations, N their sum; under
nocommonesample block j sums over its own rows and divides by its own N_j) and Q(b) = m'Wm,
minimised by Gauss-Newton steps
b <- b - (G'WG)^-1 G'Wm (G = dm/db', from the residuals' derivatives: analytic when given,
else central differences), a step that does not lower Q halved.

Weight matrices (S scaled as the covariance of sqrt(N) m; W = S^-1):

    identity        W = I
    unadjusted      S_jk = sigma_jk (1/N) sum w_i z_ij z_ik',  sigma_jk = (1/N) sum w_i u_ij u_ik
                    (the initial one: sigma_jk = 1, no residuals yet)
    robust          S = (1/N) sum w_i h_i h_i'  (aweights/pweights: w_i^2, as ivregress here)
    cluster         S = (1/N) sum_g (sum_{i in g} w_i h_i)(...)'
    hac             S = (1/N) (G_0 + sum_l k(l) (G_l + G_l')), G_l = sum_t h_t h_{t-l}'
                    (the kernels of ``ivreg2_hac``)

``independent`` zeroes the blocks between equations; ``center`` takes the contributions (the
residuals under unadjusted) less their mean.  twostep: step 1 with the initial W, step 2 with
W = S(b1)^-1; igmm repeats step 2 until b or W changes by less than its tolerance; an exactly
identified model stops after step 1.  VCE: (1/N)(G'WG)^-1 G'W S W G (G'WG)^-1 with S of the
vce's kind at the final b; unadjusted (1/N)(G' S^-1 G)^-1.  J = N Q(b).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import numpy as np

from mlmcli.errors import derivatives_missing


def inverse(S: np.ndarray) -> np.ndarray:
    """S^-1, or its pseudo-inverse when S is singular (Stata's invsym drops the dependent rows)."""
    try:
        return np.linalg.inv(S)
    except np.linalg.LinAlgError:
        return np.linalg.pinv(S)


def gauss_newton(evaluate: Callable, b: np.ndarray, W: np.ndarray, maxiter: int, log: list, *,
                 ptol: float = 1e-6, vtol: float = 0.0, nrtol: float = float("inf")) -> tuple[np.ndarray, bool]:
    """Minimise m(b)'W m(b), ``evaluate(b) -> (m, G)``; the criterion at each iterate goes to
    ``log``.  Stops when the largest relative change of b is below ptol, or Q's relative change
    below vtol, with the scaled gradient g'H^-1 g below nrtol (the defaults: the b rule alone)."""
    def criterion(x):
        # a trial step whose moments overflow (exp of an index near its clip) is +inf, a step to
        # halve, not a floating-point error
        with np.errstate(over="ignore", invalid="ignore"):
            m = evaluate(x)[0]
            q = float(m @ W @ m)
        return q if np.isfinite(q) else np.inf

    q = criterion(b)
    log.append(q)
    for _ in range(maxiter):
        with np.errstate(over="ignore", invalid="ignore"):  # G'WG past the double range: stop below
            m, G = evaluate(b)
            H = G.T @ W @ G
            g = G.T @ W @ m
        if not (np.all(np.isfinite(H)) and np.all(np.isfinite(g))):
            raise derivatives_missing()
        try:
            step = np.linalg.solve(H, g)
        except np.linalg.LinAlgError:
            step = np.linalg.pinv(H) @ g
        t, new_b = 1.0, b - step
        new_q = criterion(new_b)
        while not (new_q <= q) and t > 1e-10:  # a step that does not lower Q is halved
            t /= 2
            new_b = b - t * step
            new_q = criterion(new_b)
        if not np.isfinite(new_q):
            raise derivatives_missing()
        dp = float(np.max(np.abs(new_b - b) / (np.abs(new_b) + 1.0))) if b.size else 0.0
        if not new_q <= q and dp >= ptol:  # no step lowers Q, yet the smallest still moves b: no
            return b, False  # descent is possible (a regressor near 1e300 stepped 16,000 times)
        dq = abs(new_q - q) / (abs(q) + 1.0)
        b, q = new_b, new_q
        log.append(q)
        if dp < ptol or dq < vtol:
            if nrtol == float("inf") or float(g @ step) < nrtol:
                return b, True
    return b, False


@dataclass
class GMMProblem:
    """The moment equations: ``residuals(b) -> (n, J)``; ``derivatives(b) -> (n, J, k)`` or None
    (numeric); ``instruments``: J arrays (n, q_j); ``masks`` (n, J) rows of each equation."""
    residuals: Callable
    instruments: list
    w: np.ndarray
    masks: np.ndarray
    derivatives: Callable | None = None
    cluster: np.ndarray | None = None  # codes 0..G-1
    kernel: object = None  # ivreg2_hac.Kernel for hac
    sampling_weights: bool = False  # aweights/pweights: the robust meat takes (w h)(w h)'

    def __post_init__(self):
        self.sizes = [Z.shape[1] for Z in self.instruments]
        self.blocks = np.repeat(np.arange(len(self.sizes)), self.sizes)
        self.N_eq = np.array([float(self.w[self.masks[:, j]].sum()) for j in range(len(self.sizes))])
        self.N = float(self.w[self.masks.any(axis=1)].sum())
        self.Zall = np.column_stack(self.instruments) if self.sizes else np.zeros((len(self.w), 0))
        # 1/N_j of each moment: m = scale * sum w h
        self.scale = 1.0 / self.N_eq[self.blocks]

    @property
    def n_moments(self) -> int:
        return int(sum(self.sizes))

    def contributions(self, U: np.ndarray) -> np.ndarray:
        """h_i (n, q): each equation's instruments times its residual, zero off its rows."""
        Uz = np.where(self.masks, U, 0.0)
        return self.Zall * Uz[:, self.blocks]

    def jacobian(self, b: np.ndarray, U: np.ndarray) -> np.ndarray:
        if self.derivatives is not None:
            return np.asarray(self.derivatives(b), float)
        k = len(b)
        D = np.empty(U.shape + (k,))
        for p in range(k):
            h = 6e-6 * (abs(b[p]) + 1.0)  # about eps^(1/3): central differences
            up, down = b.copy(), b.copy()
            up[p] += h
            down[p] -= h
            D[:, :, p] = (self.residuals(up) - self.residuals(down)) / (2 * h)
        return D

    def evaluate(self, b: np.ndarray, with_jacobian: bool = True):
        U = self.residuals(b)
        H = self.contributions(U)
        m = self.scale * (self.w @ H)
        if not with_jacobian:
            return m, None
        D = np.where(self.masks[:, :, None], self.jacobian(b, U), 0.0)
        ZD = self.Zall[:, :, None] * D[:, self.blocks, :]  # (n, q, k)
        G = self.scale[:, None] * np.einsum("i,iqk->qk", self.w, ZD)
        return m, G

    def covariance(self, b: np.ndarray, kind: str, center: bool = False, independent: bool = False,
                   initial: bool = False) -> np.ndarray:
        """S of ``kind`` at b (``initial``: the unadjusted one with sigma = 1)."""
        w, N = self.w, self.N
        rescale = N * self.scale  # S = N Var(m): 1 with a common sample, N/N_j under nocommonesample
        if kind == "identity":
            return np.eye(self.n_moments)
        if kind == "unadjusted":
            J = len(self.sizes)
            if initial:
                sigma = np.ones((J, J))
            else:
                U = np.where(self.masks, self.residuals(b), 0.0)
                if center:
                    U = np.where(self.masks, U - (w @ U) / self.N_eq, 0.0)
                sigma = (U * w[:, None]).T @ U / N
            Zm = self.Zall * self.masks[:, self.blocks]
            S = sigma[np.ix_(self.blocks, self.blocks)] * ((Zm * w[:, None]).T @ Zm) / N
        else:
            H = self.contributions(self.residuals(b))
            if center:
                H = H - np.where(self.masks[:, self.blocks], (w @ H) / self.N_eq[self.blocks], 0.0)
            if kind == "cluster":
                from mlmcli.robust.cluster_sandwich import clustered_meat

                S = clustered_meat(w[:, None] * H, self.cluster, adjust=False) / N
            elif kind == "hac":
                from mlmcli.instrumental.ivreg2_hac import long_run_meat

                ones = np.ones(len(w))
                S = long_run_meat(self.kernel, H, ones, ones, True, N) / N
            else:
                Hw = H * (w * w if self.sampling_weights else w)[:, None]
                S = Hw.T @ H / N
        S = S * np.outer(rescale, rescale)
        if independent:
            S = np.where(self.blocks[:, None] == self.blocks[None, :], S, 0.0)
        return (S + S.T) / 2


@dataclass
class GMMFit:
    b: np.ndarray
    V: np.ndarray
    V_modelbased: np.ndarray
    W: np.ndarray
    S: np.ndarray | None
    G: np.ndarray
    Q: float
    J: float
    steps: list = field(default_factory=list)
    converged: bool = True  # the last step's
    step_converged: list = field(default_factory=list)
    exactly_identified: bool = False
    igmm_rounds: int = 0


@dataclass(frozen=True)
class GMMSettings:
    steps: str = "twostep"  # onestep | twostep | igmm
    winitial: str = "unadjusted"  # unadjusted | identity | user
    winitial_independent: bool = False
    winitial_matrix: np.ndarray | None = None
    wmatrix: str = "robust"  # robust | cluster | unadjusted | hac
    wmatrix_independent: bool = False
    vce: str = "robust"
    vce_independent: bool = False
    center: bool = False
    maxiter: int = 16000
    ptol: float = 1e-6
    vtol: float = 1e-7
    nrtol: float = 1e-5
    igmm_iterate: int = 16000
    igmm_eps: float = 1e-6
    igmm_weps: float = 1e-6


def _relative(new: np.ndarray, old: np.ndarray) -> float:
    """mreldif: max |new - old| / (|old| + 1)."""
    return float(np.max(np.abs(new - old) / (np.abs(old) + 1.0))) if new.size else 0.0


def fit_gmm(p: GMMProblem, start: np.ndarray, s: GMMSettings) -> GMMFit:
    b = np.asarray(start, float)
    k, q = len(b), p.n_moments
    if s.winitial == "user":
        W = np.asarray(s.winitial_matrix, float)
    else:
        W = inverse(p.covariance(b, s.winitial, independent=s.winitial_independent, initial=True))
    logs: list[list[float]] = [[]]
    tol = {"ptol": s.ptol, "vtol": s.vtol, "nrtol": s.nrtol}
    b, converged = gauss_newton(p.evaluate, b, W, s.maxiter, logs[0], **tol)
    flags = [converged]
    exact = q == k
    rounds = 0
    if s.steps != "onestep" and not exact:
        limit = 1 if s.steps == "twostep" else s.igmm_iterate
        while rounds < limit:
            W_new = inverse(p.covariance(b, s.wmatrix, s.center, s.wmatrix_independent))
            logs.append([])
            b_new, converged = gauss_newton(p.evaluate, b, W_new, s.maxiter, logs[-1], **tol)
            flags.append(converged)
            rounds += 1
            settled = _relative(b_new, b) < s.igmm_eps and _relative(W_new, W) < s.igmm_weps
            repeats = np.array_equal(b_new, b) and np.array_equal(W_new, W)
            b, W = b_new, W_new
            if s.steps == "igmm" and settled:
                break
            if s.steps == "igmm" and repeats:
                # a fixed point to the last bit that the criteria cannot call settled (igmmeps(0),
                # igmmweps(0)): every later step repeats this one, so they are logged, not run
                # (16,000 steps took minutes)
                logs.extend([logs[-1]] * (limit - rounds))
                flags.extend([converged] * (limit - rounds))
                rounds = limit
    m, G = p.evaluate(b)
    Q = float(m @ W @ m)
    N = p.N
    bread = inverse(G.T @ W @ G)
    V_model = bread / N
    if s.vce == "unadjusted":
        S = p.covariance(b, "unadjusted", s.center, s.vce_independent)
        V = inverse(G.T @ inverse(S) @ G) / N
    else:
        S = p.covariance(b, s.vce, s.center, s.vce_independent)
        V = bread @ G.T @ W @ S @ W @ G @ bread / N
    return GMMFit(b=b, V=(V + V.T) / 2, V_modelbased=(V_model + V_model.T) / 2, W=W,
                  S=None if s.vce == "unadjusted" else S, G=G, Q=Q, J=N * Q, steps=logs, converged=converged, step_converged=flags,
                  exactly_identified=exact, igmm_rounds=rounds)
