"""Inference at the estimates, as Stata reports it.

Fixed effects: V(beta^) = sigma^2 (X'V^-1X)^-1 = sigma^2 (R_X R_X')^-1, z = b/se,
P>|z| = 2 Phi(-|z|), CI b -/+ z_{(1+level)/2} se; Wald chi2 = b' V^-1 b over all
coefficients but ``_cons``.

Variance components: phi = (ln sd ..., atanh corr ..., ln sigma_e) (Stata's
estimation metric).  V(phi^) = (-H)^-1 with H the Hessian of the (RE)ML log
likelihood in phi (for ML profiled over beta, which equals the phi-block of
the inverse of the full Hessian).  A displayed g(phi) (variance, covariance,
sd, correlation) gets se = sqrt(grad g' V grad g) (delta method); CIs: for a
variance or sd the transformed ln-sd interval, for a correlation tanh of the
atanh interval, for a covariance est -/+ z se; in the estimation metric the
symmetric interval.
"""
from __future__ import annotations

import numpy as np
import math
from statistics import NormalDist

from ..results.mixed import CoefRow, LRTestLinear, RandomLevel, VarianceRow
from .random_effects_term import DISPLAY_NAMES, TermCovariance
from .spec import CoefLabel

NAN = float("nan")


# Normal and chi-squared tails from the standard library (scipy.stats / scipy.special
# cost 0.3-1 s to import, more than most fits).
def norm_sf(z: float) -> float:
    """P(Z > z) = erfc(z / sqrt 2) / 2."""
    return 0.5 * math.erfc(z / math.sqrt(2.0))


def chi2_sf(x: float, k: int) -> float:
    """P(chi2_k > x) for integer k >= 1: the closed forms of the regularized upper gamma
    Q(k/2, x/2): even k, e^-h sum_{j<k/2} h^j/j!; odd k, erfc(sqrt h) + e^-h sum_{j<(k-1)/2}
    h^(j+1/2)/Gamma(j+3/2)  (h = x/2)."""
    x, k = float(x), int(k)
    if not x > 0:
        return 1.0 if x == x else NAN
    h = 0.5 * x
    if k % 2 == 0:
        lt, n_terms, total = 0.0, k // 2, 0.0  # log of h^j / j!
        for j in range(n_terms):
            if j:
                lt += math.log(h / j)
            total += math.exp(lt - h)
        return min(1.0, total)
    total = math.erfc(math.sqrt(h))
    lt = 0.5 * math.log(h) - math.lgamma(1.5)  # log of h^(j+1/2) / Gamma(j+3/2)
    for j in range((k - 1) // 2):
        if j:
            lt += math.log(h / (j + 0.5))
        total += math.exp(lt - h)
    return min(1.0, total)


def zcrit(level: float) -> float:
    return NormalDist().inv_cdf(0.5 + level / 200.0)


def fixed_rows(labels: tuple[CoefLabel, ...], beta: np.ndarray, V: np.ndarray,
               level: float) -> tuple[CoefRow, ...]:
    """Coefficient rows in Stata's order; base/omitted rows carry zeros."""
    z = zcrit(level)
    se = np.sqrt(np.maximum(np.diag(V), 0.0)) if len(beta) else np.zeros(0)
    rows, k = [], 0
    for lab in labels:
        if lab.base or lab.omitted:
            rows.append(CoefRow(lab.name, 0.0, NAN, NAN, NAN, NAN, NAN, lab.term, lab.level,
                                lab.base, lab.omitted, empty=getattr(lab, "empty", False)))
            continue
        b, s = float(beta[k]), float(se[k])
        known = 0 < s < np.inf  # a variance past the double range is missing (its SE shows .)
        zs = b / s if known else NAN
        p = 2 * norm_sf(abs(zs)) if known else NAN
        rows.append(CoefRow(lab.name, b, s, zs, p, b - z * s, b + z * s, lab.term, lab.level))
        k += 1
    return tuple(rows)


def wald_test(labels: tuple[CoefLabel, ...], beta: np.ndarray, V: np.ndarray):
    """(chi2, df, p) over estimable coefficients other than ``_cons``."""
    est = [lab for lab in labels if not (lab.base or lab.omitted)]
    idx = [k for k, lab in enumerate(est) if lab.name != "_cons"]
    if not idx:
        return NAN, 0, NAN
    b = beta[idx]
    Vs = V[np.ix_(idx, idx)]
    try:
        np.linalg.cholesky(Vs)  # positive definite, else the branch below
        chi2 = float(b @ np.linalg.solve(Vs, b))
        df = len(idx)
    except np.linalg.LinAlgError:
        # singular or indefinite V (a fit at a boundary): Stata's invsym() drops the
        # pivots that are not positive, so only the positive directions count
        w, U = np.linalg.eigh((Vs + Vs.T) / 2)
        keep = w > 1e-12 * w.max()
        chi2 = float(((U[:, keep].T @ b) ** 2 / w[keep]).sum())
        df = int(keep.sum())
    return chi2, df, chi2_sf(chi2, df)


def lr_vs_linear(ll: float, ll_linear: float, k: int) -> LRTestLinear:
    """LR test vs. linear regression: chibar2(01) with one RE parameter, else chi2(k)."""
    chi2 = max(2 * (ll - ll_linear), 0.0)
    if k == 1:
        p = 0.5 * chi2_sf(chi2, 1) if chi2 > 0 else 1.0
        return LRTestLinear(chi2, 1, float(p), "chibar2(01)")
    return LRTestLinear(chi2, k, chi2_sf(chi2, k), "chi2")


def numerical_jacobian(g, x: np.ndarray, h: float = 1e-6) -> np.ndarray:
    x = np.asarray(x, float)
    g0 = np.atleast_1d(g(x))
    J = np.zeros((len(g0), len(x)))
    for i in range(len(x)):
        e = np.zeros_like(x)
        e[i] = h
        J[:, i] = (np.atleast_1d(g(x + e)) - np.atleast_1d(g(x - e))) / (2 * h)
    return J


def _row(label, est, se, lo, hi) -> VarianceRow:
    return VarianceRow(label, float(est), float(se), float(lo), float(hi))


def _est_row(label, est, se, z) -> VarianceRow:
    """An estimation-metric row: symmetric CI, z and P>|z| like a coefficient."""
    zs = est / se if se > 0 else NAN
    p = 2 * norm_sf(abs(zs)) if se > 0 else NAN
    return VarianceRow(label, float(est), float(se), float(est - z * se), float(est + z * se),
                       float(zs), p)


def term_rows(cov: TermCovariance, phi_k: np.ndarray, V_k: np.ndarray, z: float):
    """Rows of one term in the three metrics: (variance, sd, est) lists."""
    var_rows, sd_rows, est_rows = [], [], []
    q = cov.q
    nest = cov.n_est
    lnsd_index = (lambda i: 0) if cov.kind in ("identity", "exchangeable") else (lambda i: i)
    pair_index = {}
    if cov.kind == "unstructured":
        k = q
        for i in range(q):
            for j in range(i + 1, q):
                pair_index[(i, j)] = k
                k += 1
    elif cov.kind == "exchangeable" and q > 1:
        pair_index[(0, 1)] = 1
    se_phi = np.sqrt(np.maximum(np.diag(V_k), 0.0)) if nest else np.zeros(0)
    se_phi = np.where(np.isfinite(phi_k), se_phi, NAN)
    for vlab, slab, (i, j) in cov.rows():
        if i == j:
            a = lnsd_index(i)
            m, s = phi_k[a], se_phi[a]
            var_rows.append(_row(vlab, np.exp(2 * m), 2 * np.exp(2 * m) * s,
                                 np.exp(2 * (m - z * s)), np.exp(2 * (m + z * s))))
            sd_rows.append(_row(slab, np.exp(m), np.exp(m) * s, np.exp(m - z * s), np.exp(m + z * s)))
        else:
            a = pair_index[(i, j)]
            r, s = phi_k[a], se_phi[a]
            sd_rows.append(_row(slab, np.tanh(r), (1 - np.tanh(r) ** 2) * s,
                                np.tanh(r - z * s), np.tanh(r + z * s)))

            def covf(ph, i=i, j=j):
                return cov.cov_from_est(ph)[i, j]
            est = covf(phi_k)
            if np.all(np.isfinite(phi_k)):
                J = numerical_jacobian(covf, phi_k)[0]
                se = float(np.sqrt(max(J @ V_k @ J, 0.0)))
            else:
                se = NAN
            var_rows.append(_row(vlab, est, se, est - z * se, est + z * se))
    for name, m, s in zip(cov.est_names(), phi_k, se_phi):
        est_rows.append(_est_row(name, m, s, z))
    return var_rows, sd_rows, est_rows


def random_tables(covs: list[TermCovariance], levelvars: list[str], phi: np.ndarray,
                  V_phi: np.ndarray, level: float):
    """``MixedResult.random`` and ``.residual`` from phi and its covariance."""
    z = zcrit(level)
    out = {"variance": [], "sd": [], "est": []}
    k = 0
    for cov, lv in zip(covs, levelvars):
        n = cov.n_est
        sl = slice(k, k + n)
        v, s, e = term_rows(cov, phi[sl], V_phi[sl, sl], z)
        disp = DISPLAY_NAMES[cov.kind]
        out["variance"].append(RandomLevel(lv, disp, tuple(v)))
        out["sd"].append(RandomLevel(lv, disp, tuple(s)))
        out["est"].append(RandomLevel(lv, disp, tuple(e)))
        k += n
    m = phi[-1]
    s = float(np.sqrt(max(V_phi[-1, -1], 0.0))) if np.isfinite(m) else NAN
    residual = {
        "variance": _row("var(Residual)", np.exp(2 * m), 2 * np.exp(2 * m) * s,
                         np.exp(2 * (m - z * s)), np.exp(2 * (m + z * s))),
        "sd": _row("sd(Residual)", np.exp(m), np.exp(m) * s, np.exp(m - z * s), np.exp(m + z * s)),
        "est": _est_row("lnsig_e", m, s, z),
    }
    return {k2: tuple(v2) for k2, v2 in out.items()}, residual


def invert_negative_hessian(H: np.ndarray) -> np.ndarray:
    """(-H)^-1; when -H is not positive definite its pseudo-inverse, with the parameters
    it leaves without a positive variance (not identified) set to NaN (SE shown as ".")."""
    try:
        np.linalg.cholesky(-H)
        return np.linalg.inv(-H)
    except np.linalg.LinAlgError:
        try:
            V = np.linalg.pinv(-H)
        except np.linalg.LinAlgError:
            return np.full_like(H, NAN)
        bad = ~(np.diag(V) > 0)
        V[bad, :] = NAN
        V[:, bad] = NAN
        return V
