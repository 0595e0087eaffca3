"""Systems of linear equations fitted together: sureg's FGLS (reg3.ado's ``sure`` method) and
mvreg's multivariate regression ([R] sureg, [MV] mvreg; reg3.ado and mvreg.ado, Stata 16 tree).

Equation i has y_i (n) and X_i (n x k_i, its estimable columns); w are the observation weights
(aweights scaled to sum to the number of observations, fweights as they are), N = sum w.
With S the m x m disturbance covariance and S^-1 = [s^ij],

    V = (sum_ij s^ij X_i' W X_j)^-1  (blocks),   b = V (sum_j s^ij X_i' W y_j)_i

reg3.ado's loop: the first pass uses S = I/N (equation-by-equation OLS); each later pass
S = E'WE / N from the previous pass's residuals E (``dfk``: element ij over
sqrt((N - k_i)(N - k_j)); ``dfk2``: over N - k/m with k every equation's estimable columns).
``sure`` stops after the second pass, ``isure`` when mreldif(b, b_previous) < tolerance or after
iterate() passes.  constraints() project b and V after every pass as reg3's Constrn does:
b_c = b - V R'(R V R')^-1 (R b - r), V_c = (I - A R) V (I - A R)' with A = V R'(R V R')^-1.

Equation statistics as reg3.ado posts them: the Wald test of the equation's coefficients but
_cons (chi2, or F on N m - k degrees of freedom with ``small``), RSS = sum w e^2, RMSE =
sqrt(RSS/N) (``small``: times sqrt(N/(N - k_i))), MSS = TSS - RSS about the weighted mean
(about 0 without a constant), R2 = MSS/(MSS + RSS), and ll = -N/2 (m ln 2 pi + ln|E'WE/N| + m).

mvreg is OLS per equation (the same regressors in every equation), S = E'WE/(N - k),
V = S (x) (X'WX)^-1, each equation's F = Wald/df on N - k degrees of freedom.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mlmcli.errors import StataError


@dataclass(frozen=True)
class SystemEquation:
    """One equation on the estimation sample: its estimable columns (the constant last)."""

    name: str
    depvar: str
    y: np.ndarray
    X: np.ndarray
    constant: bool


@dataclass(frozen=True)
class EquationStatistics:
    df_m: float
    stat: float  # chi2, or F with small (mvreg: F)
    p: float
    rss: float
    mss: float
    rmse: float
    r2: float


@dataclass(frozen=True)
class SystemFit:
    b: np.ndarray  # over the equations' estimable columns, in order
    V: np.ndarray
    Sigma: np.ndarray  # the S of the last pass (e(Sigma))
    nobs: float
    passes: int  # reg3's e(ic) before it is zeroed for the one-step estimator
    converged: bool
    equations: tuple[EquationStatistics, ...]
    ll: float
    df_r: float | None  # small: N m - k
    dfk2_adj: float
    tolerances: tuple[float, ...]  # mreldif of every pass after the first (isure's log)


def mreldif(a: np.ndarray, b: np.ndarray) -> float:
    """Stata's mreldif(): max |a - b| / (|b| + 1)."""
    return float(np.max(np.abs(a - b) / (np.abs(b) + 1.0))) if a.size else 0.0


def _gls(eqs, w, Sinv, Xhat=None):
    """(b, V) of one pass with inverse disturbance covariance ``Sinv`` (``Xhat``: each equation's
    instrumented regressors, 3SLS)."""
    Xs = [e.X for e in eqs] if Xhat is None else Xhat
    ks = [X.shape[1] for X in Xs]
    at = np.concatenate([[0], np.cumsum(ks)])
    A = np.zeros((at[-1], at[-1]))
    c = np.zeros(at[-1])
    with np.errstate(over="ignore", invalid="ignore"):
        for i, ei in enumerate(eqs):
            WXi = Xs[i] * w[:, None]
            for j, ej in enumerate(eqs):
                A[at[i]:at[i + 1], at[j]:at[j + 1]] = Sinv[i, j] * (WXi.T @ Xs[j])
                c[at[i]:at[i + 1]] += Sinv[i, j] * (WXi.T @ ej.y)
    _finite(A, c)
    V = _syminv(A)
    return V @ c, V


def _finite(*matrices):
    """r(504) when a cross-product went past the largest double (Stata's matrix accum gives
    missing values there)."""
    if not all(np.isfinite(M).all() for M in matrices):
        raise StataError("matrix has missing values", 504)


def _products(E, w):
    """E'WE, checked (_finite)."""
    with np.errstate(over="ignore", invalid="ignore"):
        EpE = (E * w[:, None]).T @ E
    _finite(EpE)
    return EpE


def _syminv(A):
    """syminv(): the inverse, or the generalized inverse when A is singular.  The rank is judged
    on A scaled to a unit diagonal: a system's blocks differ by many orders of magnitude (price's
    and displ^2's cross-products), which an unscaled rank test takes for singularity."""
    A = (A + A.T) / 2
    d = np.sqrt(np.abs(np.diag(A)))
    d = np.where(d > 0, d, 1.0)
    As = A / np.outer(d, d)
    try:
        inv = np.linalg.inv(As) if np.linalg.matrix_rank(As) == A.shape[0] else np.linalg.pinv(As)
    except np.linalg.LinAlgError:
        inv = np.linalg.pinv(As)
    return inv / np.outer(d, d)


def _constrain(b, V, R, r):
    """reg3's Constrn (module docstring); r(412) when the constraints cannot hold together."""
    M = R @ V @ R.T
    if np.linalg.matrix_rank(M) < M.shape[0]:
        raise StataError("constraint invalid or contradictory", 412)  # Stata's error 412
    A = V @ R.T @ np.linalg.inv(M)
    IAR = np.eye(len(b)) - A @ R
    bc = b - A @ (R @ b - r)
    Vc = IAR @ V @ IAR.T
    return bc, (Vc + Vc.T) / 2


def _residuals(eqs, b):
    at = 0
    out = []
    for e in eqs:
        k = e.X.shape[1]
        out.append(e.y - e.X @ b[at:at + k])
        at += k
    return np.column_stack(out)


def wald(b, V, df_r=None):
    """[R] test of b = 0 (directions V leaves untestable dropped): (stat, p, df); F with df_r."""
    from mlmcli.distributions import chi2 as chi2_dist
    from mlmcli.distributions import f as f_dist

    if b.size == 0:
        return float("nan"), float("nan"), 0.0
    vals, U = np.linalg.eigh((V + V.T) / 2)
    keep = vals > 1e-10 * max(vals.max(), 0.0)
    df = int(keep.sum())
    if df == 0:
        return float("nan"), float("nan"), 0.0
    q = float(((U[:, keep].T @ b) ** 2 / vals[keep]).sum())
    if df_r is None:
        return q, float(chi2_dist.sf(q, df)), float(df)
    return q / df, float(f_dist.sf(q / df, df, df_r)), float(df)


def fit_sure(eqs, w, *, dfk=False, dfk2=False, small=False, iterate=16000, tolerance=1e-6, iterated=False,
             constraints=None, Xhat=None, independent=False) -> SystemFit:
    """sureg and reg3 (module docstring).  ``constraints``: (R, r) over b or None; ``Xhat``: the
    instrumented regressors of each equation (3SLS/2SLS: the endogenous columns replaced by their
    first-stage predictions; residuals use the regressors themselves); ``independent``: S
    restricted to its diagonal in the GLS step (2SLS, OLS)."""
    m = len(eqs)
    N = float(w.sum())
    ks = np.array([e.X.shape[1] for e in eqs], float)
    k_tot = ks.sum()
    n_cns = 0 if constraints is None else len(constraints[0])
    if dfk:
        if np.any(N - ks <= 0):
            raise StataError("insufficient observations", 2001)  # dfk's divisor sqrt((N - k_i)(N - k_j)) is 0
        scale = 1.0 / np.sqrt(np.outer(N - ks, N - ks))
    else:
        dfk2_adj = N - (k_tot - n_cns) / m if dfk2 else N
        scale = np.full((m, m), 1.0 / dfk2_adj)
    iterate = max(1, iterate)
    EpE = np.eye(m)
    b_hold = None
    tolerances = []
    passes = 0
    while True:
        if passes:
            EpE = _products(_residuals(eqs, b), w)
        S = EpE * scale
        if np.any(np.diag(S) == 0):
            raise StataError("Covariance matrix of errors is singular", 506)
        b, V = _gls(eqs, w, _syminv(np.diag(np.diag(S)) if independent else S), Xhat)
        if constraints is not None:
            b, V = _constrain(b, V, *constraints)
        rdiff = mreldif(b, 2 * b if b_hold is None else b_hold)
        b_hold = b
        if passes:
            tolerances.append(rdiff)
        done = (not iterated and passes != 0) or passes >= iterate or rdiff < tolerance
        passes += 1
        if done:
            break
    df_r = N * m - k_tot if small else None
    EpE = _products(_residuals(eqs, b), w)
    stats = _equation_statistics(eqs, w, b, V, df_r, small)
    ll = _loglik(np.diag(np.diag(EpE)) if independent else EpE, N)
    return SystemFit(b=b, V=V, Sigma=S, nobs=N, passes=passes - 1, converged=not (iterate != 1 and passes - 1 == iterate),
                     equations=stats, ll=ll, df_r=df_r, dfk2_adj=(N - (k_tot - n_cns) / m) if dfk2 else N,
                     tolerances=tuple(tolerances))


def _loglik(EpE, N):
    m = EpE.shape[0]
    sign, logdet = np.linalg.slogdet(EpE / N)
    return float(-0.5 * (N * m * np.log(2 * np.pi) + N * logdet + N * m)) if sign > 0 else float("nan")


def _equation_statistics(eqs, w, b, V, df_r, small):
    out = []
    N = float(w.sum())
    at = 0
    for e in eqs:
        k = e.X.shape[1]
        idx = np.arange(at, at + k)
        tested = idx[:-1] if e.constant and k > 1 else idx
        stat, p, df = wald(b[tested], V[np.ix_(tested, tested)], df_r)
        resid = e.y - e.X @ b[idx]
        rss = float(w @ resid ** 2)
        rmse = float(np.sqrt(rss / N))
        if small:  # N = k: Stata's x/0, missing
            rmse = rmse * float(np.sqrt(N / (N - k))) if N > k else float("nan")
        centre = float(w @ e.y / N) if e.constant else 0.0
        mss = float(w @ (e.y - centre) ** 2) - rss
        out.append(EquationStatistics(df_m=df, stat=stat, p=p, rss=rss, mss=mss, rmse=rmse, r2=mss / (mss + rss) if mss + rss else float("nan")))
        at += k
    return tuple(out)


@dataclass(frozen=True)
class MultivariateFit:
    B: np.ndarray  # m x k: equation i's coefficients in row i
    V: np.ndarray  # (m k) x (m k) = Sigma (x) (X'WX)^-1
    Sigma: np.ndarray
    nobs: float
    df_r: float
    rmse: tuple[float, ...]
    r2: tuple[float, ...]
    F: tuple[float, ...]
    p: tuple[float, ...]


def fit_mvreg(Y: np.ndarray, X: np.ndarray, w: np.ndarray, constant: bool) -> MultivariateFit:
    """mvreg (module docstring): Y n x m, X n x k its estimable columns (the constant last)."""
    from mlmcli.distributions import f as f_dist

    N = float(w.sum())
    k = X.shape[1]
    with np.errstate(over="ignore", invalid="ignore"):
        XtWX = (X * w[:, None]).T @ X
        XtWY = (X * w[:, None]).T @ Y
    _finite(XtWX, XtWY)
    inv = _syminv(XtWX)
    B = XtWY.T @ inv
    dfe = N - k
    if dfe < 1:
        raise StataError("insufficient residual degrees of freedom", 2001)
    Sigma = _products(Y - X @ B.T, w) / dfe
    V = np.kron(Sigma, inv)
    m = Y.shape[1]
    rmse, r2, F, p = [], [], [], []
    tested = np.arange(k - 1) if constant else np.arange(k)
    for i in range(m):
        rmse.append(float(np.sqrt(Sigma[i, i])))
        if constant:
            mean = float(w @ Y[:, i] / N)
            tss = float(w @ (Y[:, i] - mean) ** 2)
        else:
            tss = float(w @ Y[:, i] ** 2)
        r2.append(1 - Sigma[i, i] * dfe / tss if tss else float("nan"))  # a constant depvar: missing
        idx = i * k + tested
        stat, _, df = wald(B[i, tested], V[np.ix_(idx, idx)], dfe)
        F.append(stat)
        p.append(float(f_dist.sf(stat, df, dfe)) if df else float("nan"))
    return MultivariateFit(B=B, V=(V + V.T) / 2, Sigma=Sigma, nobs=N, df_r=dfe, rmse=tuple(rmse), r2=tuple(r2),
                           F=tuple(F), p=tuple(p))


def breusch_pagan(Sigma: np.ndarray, nobs: float) -> tuple[np.ndarray, float, float, float]:
    """The residual correlation matrix and the Breusch-Pagan test of independence:
    chi2 = N sum_{i<j} r_ij^2 on m(m-1)/2 degrees of freedom -> (R, chi2, df, p)."""
    from mlmcli.distributions import chi2 as chi2_dist

    d = np.sqrt(np.diag(Sigma))
    with np.errstate(divide="ignore", invalid="ignore"):
        R = Sigma / np.outer(d, d)  # a residual of no variance: its correlations are missing
    m = R.shape[0]
    stat = float((np.trace(R @ R.T) - m) * nobs / 2)
    if not np.isfinite(stat):
        return R, float("nan"), m * (m - 1) / 2, float("nan")
    df = m * (m - 1) / 2
    return R, stat, df, float(chi2_dist.sf(stat, df)) if df > 0 else float("nan")


class LinearSystemModel:
    """The fit e() keeps for predict (reg3_p): each equation's name, depvar and design (the
    columns rebuilt on any rows) and e(b)'s column names."""

    def __init__(self, eqnames, depvars, designs, names):
        self.eqnames, self.depvars, self.designs, self.names = eqnames, depvars, designs, names

    def equation_index(self, text: str) -> int:
        """equation(#k) or equation(name) -> k - 1 (Stata's "equation ... not found" r(303))."""
        text = text.strip()
        if text.startswith("#"):
            try:
                k = int(text[1:])
            except ValueError:
                raise StataError(f"equation {text} not found", 303) from None
            if 1 <= k <= len(self.eqnames):
                return k - 1
        elif text in self.eqnames:
            return self.eqnames.index(text)
        raise StataError(f"equation {text} not found", 303)

    def linear_prediction(self, dataset, k: int, b: np.ndarray, V: np.ndarray):
        """(xb, the gradient rows over e(b)) of equation k on every row of ``dataset``."""
        design = self.designs[k]
        X = np.asarray(design.columns(dataset), float).reshape(dataset.nobs, -1)
        cols = [self.names.index(f"{self.eqnames[k]}:{lab.name}") for lab in design.labels
                if not (lab.base or lab.omitted)]
        G = np.zeros((dataset.nobs, len(self.names)))
        G[:, cols] = X
        return G @ b, G
