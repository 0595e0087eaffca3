"""Small-sample inference for the fixed effects: Stata 14's ``dfmethod()``.

With V = Var(y) at the estimates (``within_group``), X the fixed design and
Phi = (X'V^-1X)^-1 = V(beta^), each method gives the degrees of freedom nu of the
t (or F) reference distribution:

- ``residual``:  nu = N - rank(X) for every coefficient.
- ``repeated`` (two-level models; Schluchter & Elashoff's between-within split of the
  residual DF): a coefficient whose column is constant within every group (the
  constant included) gets nu_b = G - rank(X_b); the others nu_w = N - G - (rank(X) -
  rank(X_b)); X_b = the between-group columns, G = number of groups.
- ``anova``: a coefficient whose variable also appears in a random-effects equation
  gets the rank that equation's columns add to [X Z] (the smallest over such
  equations: the DF of its "error stratum"); the others nu = N - rank([X Z]).
- ``satterthwaite`` (REML): for a contrast c, nu = 2 (c'Phi c)^2 / (g'A g),
  g_i = d(c'Phi c)/d sigma_i = c'Phi P_i Phi c,  P_i = X'V^-1 V_i V^-1 X,
  sigma = the variance parameters in the linear (covariance-element) parametrisation
  V = sum_i sigma_i V_i (V_i = dV/d sigma_i), A = I^-1 with I the expected information
  (``eim``, Stata's default) I_ij = tr(P V_i P V_j)/2, P = V^-1 - V^-1 X Phi X'V^-1, or
  the observed one (``oim``, what lmerTest uses) I_ij = -tr(P V_i P V_j)/2 +
  y'P V_i P V_j P y (+ second-derivative terms when V is not linear in sigma, as
  with residual correlation parameters).  Joint tests of q contrasts L: Fai &
  Cornelius (1996): with L Phi L' = U D U', nu_m for each row of U'L,
  E = sum nu_m / (nu_m - 2), nu = 2E / (E - q) (q = 1: nu_1).
- ``kroger`` (REML; Kenward & Roger 1997, as pbkrtest computes it): the adjusted
  covariance Phi_A = Phi + 2 Phi U Phi, U = sum_ij W_ij (Q_ij - P_i Phi P_j - R_ij/4),
  Q_ij = X'V^-1 V_i V^-1 V_j V^-1 X, R_ij = X'V^-1 V_ij V^-1 X, W = I^-1 (expected
  information unless ``oim``); for L (q rows) with Theta = L'(L Phi L')^-1 L,
  A1 = sum_ij W_ij tr(Theta Phi P_i Phi) tr(Theta Phi P_j Phi),
  A2 = sum_ij W_ij tr(Theta Phi P_i Phi Theta Phi P_j Phi), B = (A1 + 6 A2)/(2q),
  g = ((q+1)A1 - (q+4)A2)/((q+2)A2), c1 = g/(3q+2(1-g)), c2 = (q-g)/(3q+2(1-g)),
  c3 = (q+2-g)/(3q+2(1-g)), rho = ((1 - A2/q)/(1 - c2 B))^2 (1 + c1 B)/(q (1 - c3 B)),
  nu = 4 + (q+2)/(q rho - 1), F = lambda (L b)'(L Phi_A L')^-1 (L b)/q with
  lambda = nu (1 - A2/q)/(nu - 2).  One coefficient: t = b/sqrt(Phi_A,jj), nu as q = 1.

The sums run over the independent blocks of V (the highest-level groups of a nested
model; the whole sample for crossed ones), so no N x N matrix is formed for nested
models.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from scipy import stats

from ..errors import StataError
from ..results.matrix import Matrix
from ..results.mixed import CoefRow
from .spec import CoefLabel

METHODS = ("residual", "repeated", "anova", "satterthwaite", "kroger")
MAX_BLOCK = 5000  # largest block of V formed densely (crossed designs are one block)
NAN = float("nan")


# ----- V and its derivatives, block by block ------------------------------------
def _blocks(fit) -> list[np.ndarray]:
    spec = fit.spec
    n = len(spec.y)
    if not spec.terms or not fit.model.nested:
        if n > MAX_BLOCK:
            raise StataError("dfmethod() with crossed random effects is limited to "
                             f"{MAX_BLOCK} observations", 909)
        return [np.arange(n)]
    top = np.asarray(spec.terms[0].group)
    order = np.argsort(top, kind="stable")
    cuts = np.flatnonzero(np.diff(top[order])) + 1
    return np.split(order, cuts)


def _term_derivatives(term, q: int, rows: np.ndarray, n: int, kind: str) -> list[np.ndarray]:
    """dV/d sigma for the covariance elements of one term, over ``rows``."""
    Z = np.asarray(term.Z, float).reshape(n, -1)[rows]
    g = np.asarray(term.group)[rows]
    same = (g[:, None] == g[None, :]).astype(float)
    if kind == "identity":
        return [(Z @ Z.T) * same]
    if kind == "independent":
        return [np.outer(Z[:, a], Z[:, a]) * same for a in range(q)]
    if kind == "exchangeable":
        out = [(Z @ Z.T) * same]
        if q > 1:
            out.append((Z @ (np.ones((q, q)) - np.eye(q)) @ Z.T) * same)
        return out
    out = [np.outer(Z[:, a], Z[:, a]) * same for a in range(q)]
    for a in range(q):
        for b in range(a + 1, q):
            out.append((np.outer(Z[:, a], Z[:, b]) + np.outer(Z[:, b], Z[:, a])) * same)
    return out


def _residual_derivatives(fit, rows: np.ndarray, h: float = 1e-5):
    """[dR/d sigma^2, dR/ds_k ...] and {(i, j): d2R} over ``rows`` (i.i.d.: [I], {})."""
    if not hasattr(fit, "s") or not len(fit.s):
        return [np.eye(len(rows))], {}
    from dataclasses import replace
    base = fit.residual_covariance(rows) / fit.sigma2
    first = [base]
    s = np.asarray(fit.s, float)

    def R_at(sv):
        return replace(fit, s=sv).residual_covariance(rows)
    k = len(s)
    E = np.eye(k) * h
    plus = [R_at(s + E[i]) for i in range(k)]
    minus = [R_at(s - E[i]) for i in range(k)]
    R0 = fit.residual_covariance(rows)
    first += [(plus[i] - minus[i]) / (2 * h) for i in range(k)]
    second = {}
    off = 1  # parameter 0 is sigma^2 (R is linear in it)
    for i in range(k):
        second[(off + i, off + i)] = (plus[i] - 2 * R0 + minus[i]) / h ** 2
        second[(0, off + i)] = (plus[i] - minus[i]) / (2 * h) / fit.sigma2
        for j in range(i):
            pp, mm = R_at(s + E[i] + E[j]), R_at(s - E[i] - E[j])
            pm, mp = R_at(s + E[i] - E[j]), R_at(s - E[i] + E[j])
            second[(off + j, off + i)] = (pp - pm - mp + mm) / (4 * h * h)
    return first, second


@dataclass
class CovarianceDerivatives:
    """Sums over the blocks of V: Phi^-1 = X'V^-1X, P_i, Q_ij, tr(V^-1V_iV^-1V_j), the
    second-derivative terms and, for the observed information, the y terms."""

    XVX: np.ndarray
    P: list[np.ndarray]
    Q: dict[tuple[int, int], np.ndarray]
    K: np.ndarray
    R: dict[tuple[int, int], np.ndarray]
    trVij: dict[tuple[int, int], float]
    uVu: np.ndarray
    XVu: np.ndarray
    eVije: dict[tuple[int, int], float]
    names: list[str] = field(default_factory=list)

    @property
    def Phi(self) -> np.ndarray:
        return np.linalg.inv(self.XVX)

    def information(self, kind: str = "eim") -> np.ndarray:
        """Expected or observed REML information in the covariance-element parameters."""
        Phi = self.Phi
        k = len(self.P)
        tPP = np.array([[np.sum((Phi @ self.P[i]) * (self.P[j] @ Phi)) for j in range(k)]
                        for i in range(k)])
        # tr(Phi Q_ij) is symmetric in (i, j): Q_ji = Q_ij'
        tPVPV = self.K - 2 * np.array([[np.sum(Phi * self.Q[min(i, j), max(i, j)].T)
                                        for j in range(k)] for i in range(k)]) + tPP
        if kind == "eim":
            return 0.5 * tPVPV
        yPVPVPy = self.uVu - self.XVu.T @ Phi @ self.XVu
        info = -0.5 * tPVPV + yPVPVPy
        for (i, j), tr in self.trVij.items():  # V not linear in sigma: d2V terms
            tPVij = tr - np.sum(Phi * self.R[i, j].T)
            add = 0.5 * tPVij - 0.5 * self.eVije[i, j]
            info[i, j] += add
            if i != j:
                info[j, i] += add
        return info


def covariance_derivatives(fit) -> CovarianceDerivatives:
    spec, model = fit.spec, fit.model
    n = len(spec.y)
    X = np.asarray(model.X, float)
    y = np.asarray(spec.y, float)
    p = X.shape[1]
    with_cols = [t for t in spec.terms if np.asarray(t.Z).reshape(n, -1).shape[1]]
    kinds = [(t, c.q, c.kind) for t, c in zip(with_cols, model.covs)]
    acc = None
    e_all = y - X @ fit.beta
    layout = getattr(fit, "residual_layout", None)
    residual_terms: dict = {}  # blocks alike in panels, by() groups and t(): one set of dR
    for rows in _blocks(fit):
        V = fit.within_covariance(rows)
        dV = []
        for t, q, kind in kinds:
            dV += _term_derivatives(t, q, rows, n, kind)
        key = layout(rows) if layout is not None else None
        if key is None:
            res_first, res_second = _residual_derivatives(fit, rows)
        else:
            if key not in residual_terms:
                residual_terms[key] = _residual_derivatives(fit, rows)
            res_first, res_second = residual_terms[key]
        off = len(dV)
        dV += res_first
        second = {(off + i, off + j): m for (i, j), m in res_second.items()}
        L = np.linalg.cholesky(V)
        Vinv = np.linalg.solve(L.T, np.linalg.solve(L, np.eye(len(rows))))
        Xb = X[rows]
        VX = Vinv @ Xb
        H = [Vinv @ D for D in dV]  # V^-1 V_i
        k = len(dV)
        if acc is None:
            acc = CovarianceDerivatives(np.zeros((p, p)), [np.zeros((p, p)) for _ in range(k)], {},
                                        np.zeros((k, k)), {}, {}, np.zeros((k, k)), np.zeros((p, k)), {})
            for i in range(k):
                for j in range(i, k):
                    acc.Q[i, j] = np.zeros((p, p))
            for key in second:
                acc.R[key] = np.zeros((p, p))
                acc.trVij[key] = 0.0
                acc.eVije[key] = 0.0
        acc.XVX += Xb.T @ VX
        O = [Hi @ VX for Hi in H]  # V^-1 V_i V^-1 X
        for i in range(k):
            acc.P[i] += VX.T @ dV[i] @ VX
            for j in range(i, k):
                acc.Q[i, j] += VX.T @ dV[i] @ O[j]
                acc.K[i, j] += np.sum(H[i] * H[j].T)
        e = Vinv @ e_all[rows]  # P y restricted to the block (beta = GLS estimate)
        U = np.column_stack([D @ e for D in dV])
        acc.uVu += U.T @ Vinv @ U
        acc.XVu += VX.T @ U
        for key, D2 in second.items():
            acc.R[key] += VX.T @ D2 @ VX
            acc.trVij[key] += float(np.sum(Vinv * D2.T))
            acc.eVije[key] += float(e @ D2 @ e)
    acc.K = np.triu(acc.K) + np.triu(acc.K, 1).T
    return acc


def _invertible(A: np.ndarray) -> bool:
    """Whether A (symmetric, positive semidefinite) has an inverse to double precision."""
    if not np.all(np.isfinite(A)):
        return False
    w = np.linalg.eigvalsh((A + A.T) / 2)
    return bool(len(w) == 0 or w[0] > len(w) * np.finfo(float).eps * max(abs(w[-1]), np.finfo(float).tiny))


def _pinv_information(I: np.ndarray) -> np.ndarray:
    """I^-1 (pseudo-inverse when nearly singular, as pbkrtest does below 1e-10)."""
    w = np.linalg.eigvalsh((I + I.T) / 2)
    if np.min(np.abs(w)) > 1e-10:
        return np.linalg.inv(I)
    return np.linalg.pinv(I)


# ----- the five methods ----------------------------------------------------------
def _rank(M: np.ndarray) -> int:
    return int(np.linalg.matrix_rank(M)) if M.size else 0


def _estimable(labels: tuple[CoefLabel, ...]) -> list[CoefLabel]:
    return [lab for lab in labels if not (lab.base or lab.omitted)]


def residual_df(fit) -> np.ndarray:
    return np.full(fit.model.p, float(fit.nobs() - _rank(fit.model.X)))


def repeated_df(fit) -> np.ndarray:
    spec = fit.spec
    levels = {t.levelvar for t in spec.terms}
    if len(levels) != 1 or any(t.crossed_factor for t in spec.terms):
        raise StataError("dfmethod(repeated) is allowed only with two-level models", 198)
    X = np.asarray(fit.model.X, float)
    g = np.asarray(spec.terms[0].group)
    G = len(np.unique(g))
    between = []
    for j in range(X.shape[1]):
        col = X[:, j]
        first = np.full(g.max() + 1, np.nan)
        first[g] = col  # any member's value; equal to all of them when constant
        between.append(bool(np.allclose(col, first[g])))
    between = np.array(between)
    rb = _rank(X[:, between])
    nu_b = G - rb
    nu_w = fit.nobs() - G - (_rank(X) - rb)
    return np.where(between, float(nu_b), float(nu_w))


def anova_df(fit) -> np.ndarray:
    spec = fit.spec
    n = len(spec.y)
    X = np.asarray(fit.model.X, float)
    if n * (X.shape[1] + sum(t.n_groups * np.asarray(t.Z).reshape(n, -1).shape[1] for t in spec.terms)) > 5e7:
        raise StataError("dfmethod(anova): the design [X Z] is too large", 909)
    blocks = {}  # (term, column name) -> columns of Z (one per group)
    for k, t in enumerate(spec.terms):
        Z = np.asarray(t.Z, float).reshape(n, -1)
        g = np.asarray(t.group)
        for c, name in enumerate(t.names):
            M = np.zeros((n, t.n_groups))
            M[np.arange(n), g] = Z[:, c]
            blocks[k, "_cons" if name.startswith("R.") else name] = M
    full = np.column_stack([X] + list(blocks.values())) if blocks else X
    r_full = _rank(full)
    out = []
    for lab in _estimable(spec.coef_labels):
        contributions = []
        for (k, name), M in blocks.items():
            if name != lab.name:
                continue
            rest = [B for key, B in blocks.items() if key != (k, name)]
            contributions.append(r_full - _rank(np.column_stack([X] + rest)))
        out.append(float(min(contributions)) if contributions else float(fit.nobs() - r_full))
    return np.array(out)


def _fai_cornelius(nu: np.ndarray) -> float:
    """Denominator DF of an F test from the DF of its q orthogonal contrasts."""
    nu = np.asarray(nu, float)
    if len(nu) == 1:
        return float(nu[0])
    if np.all(np.abs(np.diff(nu)) < 1e-8):
        return float(np.mean(nu))
    if np.any(nu <= 2):
        return 2.0
    E = float(np.sum(nu / (nu - 2)))
    return 2 * E / (E - len(nu))


@dataclass
class FTest:
    """A joint test of L b = r: F with (df1, df2) denominator DF, and its p-value."""

    F: float
    df1: int
    df2: float
    p: float


class SmallSampleInference:
    """t/F inference for the fixed effects of a fit with ``method`` (module docstring).

    ``df``: per estimable coefficient; ``V``: V(beta^) the tests use (Phi_A for kroger,
    else the fit's V_beta); ``rows(level)``: coefficient rows (stat = t, ``df`` filled);
    ``test(L, r)``: joint F test; ``df_matrix()``: Stata's e(df) row over e(b)'s fixed part.
    """

    def __init__(self, fit, method: str, information: str = "eim"):
        method = method.lower()
        if method not in METHODS:
            raise StataError(f"dfmethod({method}) invalid", 198)
        if information not in ("eim", "oim"):
            raise StataError(f"{information} invalid", 198)
        if fit.robust:
            raise StataError("vce() other than oim may not be combined with dfmethod()", 198)
        if method in ("satterthwaite", "kroger") and not fit.model.reml:
            raise StataError(f"dfmethod({method}) is allowed only with REML estimation", 198)
        if method in ("satterthwaite", "kroger") and (
                fit.spec.fweight is not None or any(t.fweight is not None for t in fit.spec.terms)):
            raise StataError(f"weights not allowed with dfmethod({method})", 101)
        self.fit, self.method = fit, method
        self.information = information if method in ("satterthwaite", "kroger") else None
        self.V = np.asarray(fit.V_beta, float)
        self._deriv = None
        self._W = None
        if method == "residual":
            self.df = residual_df(fit)
        elif method == "repeated":
            self.df = repeated_df(fit)
        elif method == "anova":
            self.df = anova_df(fit)
        else:
            self._deriv = covariance_derivatives(fit)
            p = fit.model.p
            if not _invertible(self._deriv.XVX):
                # X'V^-1X singular to double precision (a regressor near 1e-150 beside y near
                # 1e150: its entries underflow): no DF to be had, missing as Stata's
                # matrices give them; the model-based V is kept
                self._deriv = None
                self.df = np.full(p, NAN)
                return
            self._W = _pinv_information(self._deriv.information(information))
            if method == "kroger":
                self.V = self._adjusted_covariance()
            self.df = np.array([self._contrast_df(np.eye(p)[j:j + 1]) for j in range(p)])

    # --- Satterthwaite / Kenward-Roger -----------------------------------------
    def _adjusted_covariance(self) -> np.ndarray:
        d, W = self._deriv, self._W
        Phi = d.Phi
        k = len(d.P)
        U = np.zeros_like(Phi)
        for i in range(k):
            for j in range(k):
                Q = d.Q[i, j] if i <= j else d.Q[j, i].T
                term = Q - d.P[i] @ Phi @ d.P[j]
                key = (min(i, j), max(i, j))
                if key in d.R:
                    term = term - 0.25 * d.R[key]
                U += W[i, j] * term
        return Phi + 2 * Phi @ U @ Phi

    def _satterthwaite_nu(self, c: np.ndarray) -> float:
        d = self._deriv
        Phi = d.Phi
        var = float(c @ Phi @ c)
        g = np.array([c @ Phi @ P @ Phi @ c for P in d.P])
        den = float(g @ self._W @ g)
        return 2 * var * var / den if den > 0 else np.inf

    def _kr(self, L: np.ndarray) -> tuple[float, float]:
        """(denominator DF, F scaling) of Kenward-Roger for the rows of L."""
        d, W = self._deriv, self._W
        Phi = d.Phi
        q = _rank(L)
        Theta = L.T @ np.linalg.solve(L @ Phi @ L.T, L)
        TP = Theta @ Phi
        u = [TP @ P @ Phi for P in d.P]
        tr = np.array([np.trace(x) for x in u])
        A1 = float(tr @ W @ tr)
        A2 = float(sum(W[i, j] * np.sum(u[i] * u[j].T) for i in range(len(u)) for j in range(len(u))))
        B = (A1 + 6 * A2) / (2 * q)
        g = ((q + 1) * A1 - (q + 4) * A2) / ((q + 2) * A2)
        den = 3 * q + 2 * (1 - g)
        c1, c2, c3 = g / den, (q - g) / den, (q + 2 - g) / den
        V0, V1, V2 = 1 + c1 * B, 1 - c2 * B, 1 - c3 * B
        V0 = 0.0 if abs(V0) < 1e-10 else V0
        rho = ((1 - A2 / q) / V1) ** 2 * V0 / V2 / q if V1 != 0 else 0.0
        nu = 4 + (q + 2) / (q * rho - 1)
        scale = 1.0 if abs(nu - 2) < 0.01 else nu * (1 - A2 / q) / (nu - 2)
        return float(nu), float(scale)

    def _contrast_df(self, L: np.ndarray) -> float:
        if self.method in ("kroger", "satterthwaite") and self._deriv is None:
            return NAN  # X'V^-1X singular (__init__)
        if self.method == "kroger":
            return self._kr(L)[0]
        if self.method == "satterthwaite":
            Phi = self._deriv.Phi
            w, U = np.linalg.eigh(L @ Phi @ L.T)
            return _fai_cornelius(np.array([self._satterthwaite_nu(U[:, m] @ L) for m in range(len(w))]))
        idx = np.flatnonzero(np.any(np.abs(L) > 0, axis=0))
        return float(np.min(self.df[idx])) if len(idx) else NAN

    # --- results -----------------------------------------------------------------
    def test(self, L: np.ndarray, r: np.ndarray | None = None) -> FTest:
        """F test of L b = r over the estimable coefficients (Wald statistic / q, scaled
        by lambda for kroger), with this method's denominator DF."""
        L = np.atleast_2d(np.asarray(L, float))
        r = np.zeros(L.shape[0]) if r is None else np.asarray(r, float)
        diff = L @ self.fit.beta - r
        q = _rank(L)
        F = float(diff @ np.linalg.solve(L @ self.V @ L.T, diff)) / q
        if self.method == "kroger" and self._deriv is not None:
            nu, scale = self._kr(L)
            F *= scale
        else:
            nu = self._contrast_df(L)
        return FTest(F, q, nu, float(stats.f.sf(F, q, nu)))

    def rows(self, level: float = 95.0) -> tuple[CoefRow, ...]:
        """Coefficient rows: t = b/se, P>|t| and CI from t(df); ``df`` per row."""
        from dataclasses import replace

        from .inference import fixed_rows
        out, k = [], 0
        for row in fixed_rows(self.fit.spec.coef_labels, self.fit.beta, self.V, level):
            if row.base or row.omitted:
                out.append(row)
                continue
            b, s, nu = row.coef, row.se, float(self.df[k])
            k += 1
            known = 0 < s < np.inf  # a variance past the double range is missing, as its SE shows
            t = b / s if known else NAN
            p = float(2 * stats.t.sf(abs(t), nu)) if known else NAN
            crit = float(stats.t.ppf(0.5 + level / 200.0, nu))
            out.append(replace(row, stat=t, p=p, ci_lo=b - crit * s, ci_hi=b + crit * s, df=nu))
        return tuple(out)

    def df_matrix(self) -> Matrix:
        """e(df): the DF of every fixed coefficient (base/omitted: 0... as missing)."""
        spec = self.fit.spec
        names, vals, k = [], [], 0
        for lab in spec.coef_labels:
            names.append(f"{spec.depvar}:{lab.name}")
            if lab.base or lab.omitted:
                vals.append(NAN)
            else:
                vals.append(float(self.df[k]))
                k += 1
        return Matrix(np.array([vals]), ("r1",), tuple(names))
