"""residuals() structures nlme cannot fit, against a dense marginal likelihood written here.

For toeplitz with random effects, banded #>0, ar p >= 3 and every structure under by()
(distinct correlation parameters per group, which nlme does not offer), the fit is
checked against an independent implementation: V = sum_k Z_k G_k Z_k' + R built
observation by observation from the structure's definition in Stata's metric (the
e(b) names), and

    -2 l_ML   = n log 2pi + log|V| + r'V^-1 r,       r = y - X b_GLS
    -2 l_REML = (n-p) log 2pi + log|V| + log|X'V^-1 X| + r'V^-1 r.

The fit's log likelihood must equal this one at its estimates, and no direction in
Stata's metric may raise it (a BFGS run from the estimates gains < 1e-7).
"""
from __future__ import annotations

import numpy as np
import pytest
from scipy.optimize import minimize

from residual_datasets import DATASETS, _res, _spec, _term

from mlmcli.mixed.estimate import fit_mixed

PANEL = DATASETS["panel"]()
GROWTH = DATASETS["growth"]()
THREE = DATASETS["threelevel"]()


def yule_walker_acf(phi: np.ndarray, maxlag: int) -> np.ndarray:
    """rho_0..rho_maxlag of an AR(p): solve rho_k = sum_i phi_i rho_|k-i| (k = 1..p) directly."""
    p = len(phi)
    A = np.eye(p)
    b = np.zeros(p)
    for k in range(1, p + 1):
        for i in range(1, p + 1):
            lag = abs(k - i)
            if lag == 0:
                b[k - 1] += phi[i - 1]
            else:
                A[k - 1, lag - 1] -= phi[i - 1]
    rho = np.concatenate([[1.0], np.linalg.solve(A, b)])
    while len(rho) <= maxlag:
        rho = np.append(rho, sum(phi[i] * rho[-1 - i] for i in range(p)))
    return rho


class DenseModel:
    """V = R + sum_k Z_k G_k Z_k' per highest-level group, from phi in Stata's metric."""

    def __init__(self, fit):
        self.fit = fit
        spec = fit.spec
        rs = spec.residuals
        self.rs = rs
        n = self.n = len(spec.y)
        self.panel = np.asarray(spec.terms[-1].group)
        self.by = np.zeros(n, int) if rs.by is None else np.asarray(rs.by)
        self.t = np.zeros(n) if rs.t is None else np.asarray(rs.t, float)
        self.level = np.searchsorted(np.unique(self.t), self.t)
        self.I, self.J = np.nonzero((self.panel[:, None] == self.panel[None, :]) & ~np.eye(n, dtype=bool))
        self.lag = np.abs(self.t[self.I] - self.t[self.J])
        self.ilag = np.rint(self.lag).astype(int)
        top = np.asarray(spec.terms[0].group)
        self.blocks = [np.flatnonzero(top == g) for g in np.unique(top)]
        self.kept = [t for t in spec.terms if np.asarray(t.Z).reshape(n, -1).shape[1]]
        self.k_re = sum(c.n_est for c in fit.model.covs)

    def residual_cov(self, names: list[str], values: np.ndarray) -> np.ndarray:
        """R (n x n) from the residual parameters (``lnsig_e`` and the ``r_*`` names)."""
        rs, by, level, I, J = self.rs, self.by, self.level, self.I, self.J
        par = dict(zip(names, values))
        per_level = rs.kind in ("unstructured", "banded")
        keys = [f"r_lns{g + 1}_{lv + 1}ose" if per_level else f"r_lns{g + 1}ose"
                for g, lv in zip(by, level)]
        sd = np.exp(par["lnsig_e"] + np.array([par.get(k, 0.0) for k in keys]))
        lag, ilag = self.lag, self.ilag
        corr = np.zeros(len(I))
        q, k = rs.order, rs.kind
        top = int(ilag.max()) if len(ilag) else 0
        for g in np.unique(by):
            m = by[I] == g
            G = g + 1
            if k == "exchangeable":
                corr[m] = np.tanh(par[f"r_atr{G}"])
            elif k == "ar" and q == 1:
                corr[m] = np.tanh(par[f"r_atr{G}"]) ** lag[m]
            elif k == "ar":
                phi = np.array([par[f"r_phi{G}_{i + 1}"] for i in range(q)])
                corr[m] = yule_walker_acf(phi, top)[ilag[m]]
            elif k == "ma":
                th = np.array([1.0] + ([np.tanh(par[f"r_att{G}"])] if q == 1 else
                                        [par[f"r_theta{G}_{i + 1}"] for i in range(q)]))
                table = np.array([th[:len(th) - L] @ th[L:] / (th @ th) if L < len(th) else 0.0
                                  for L in range(top + 1)])
                corr[m] = table[ilag[m]]
            elif k == "toeplitz":
                table = np.array([1.0] + [np.tanh(par[f"r_atr{G}_{L}"]) if L <= q else 0.0
                                          for L in range(1, top + 1)])
                corr[m] = table[ilag[m]]
            elif k == "exponential":
                corr[m] = (1 / (1 + np.exp(-par[f"r_logitr{G}"]))) ** lag[m]
            else:
                p = level.max() + 1
                table = np.eye(p)
                for x in range(p):
                    for y in range(x + 1, p):
                        table[x, y] = table[y, x] = np.tanh(par.get(f"r_atr{G}_{x + 1}_{y + 1}", 0.0))
                corr[m] = table[level[I][m], level[J][m]]
        R = np.diag(sd ** 2)
        R[I, J] = corr * sd[I] * sd[J]
        return R

    def loglik(self, phi: np.ndarray) -> float:
        fit, n = self.fit, self.n
        spec, model = fit.spec, fit.model
        V = self.residual_cov(fit.phi_names[self.k_re:], phi[self.k_re:])
        pos = 0
        for t, c in zip(self.kept, model.covs):
            G = c.cov_from_est(phi[pos:pos + c.n_est])
            pos += c.n_est
            Z = np.asarray(t.Z, float).reshape(n, -1)
            same = np.asarray(t.group)[:, None] == np.asarray(t.group)[None, :]
            V = V + (Z @ G @ Z.T) * same
        X, y = model.X, np.asarray(spec.y, float)
        p = X.shape[1]
        XVX, XVy, yVy, logdet = np.zeros((p, p)), np.zeros(p), 0.0, 0.0
        for b in self.blocks:
            try:
                Lc = np.linalg.cholesky(V[np.ix_(b, b)])
            except np.linalg.LinAlgError:
                return -np.inf
            Xw, yw = np.linalg.solve(Lc, X[b]), np.linalg.solve(Lc, y[b])
            XVX += Xw.T @ Xw
            XVy += Xw.T @ yw
            yVy += yw @ yw
            logdet += 2 * np.log(np.diag(Lc)).sum()
        beta = np.linalg.solve(XVX, XVy)
        quad = yVy - XVy @ beta
        if model.reml:
            return -0.5 * ((n - p) * np.log(2 * np.pi) + logdet + np.linalg.slogdet(XVX)[1] + quad)
        return -0.5 * (n * np.log(2 * np.pi) + logdet + quad)


def panel_spec(kind, order=None, method="ML", random=True, by=None, t="time", df=PANEL):
    terms = [_term(df, "id", cons=random)]
    return _spec(df, "y", ["x", "time", "grp"], terms, method, _res(kind, df, order, t=t, by=by))


CASES = {
    "toeplitz3_ri": lambda: panel_spec("toeplitz", 3),
    "ar3_ri": lambda: panel_spec("ar", 3),
    "banded1": lambda: panel_spec("banded", 1, random=False),
    "banded2_reml": lambda: panel_spec("banded", 2, "REML", random=False,
                                       df=PANEL[PANEL.time <= 4].reset_index(drop=True)),
    "ar1_by_grp": lambda: panel_spec("ar", 1, by="grp"),
    "ar2_by_grp_reml": lambda: panel_spec("ar", 2, "REML", by="grp"),
    "ma1_by_grp": lambda: panel_spec("ma", 1, by="grp"),
    "ma2_ri_reml": lambda: panel_spec("ma", 2, "REML"),
    "exchangeable_by_grp": lambda: panel_spec("exchangeable", random=False, by="grp", t=None),
    "toeplitz2_by_grp": lambda: panel_spec("toeplitz", 2, random=False, by="grp"),
    "unstructured_by_grp": lambda: panel_spec("unstructured", random=False, by="grp",
                                              df=PANEL[PANEL.time <= 3].reset_index(drop=True)),
    "exponential_by_girl": lambda: _spec(GROWTH, "weight", ["age", "girl"], [_term(GROWTH, "id")], "ML",
                                         _res("exponential", GROWTH, t="age", by="girl")),
    "threelevel_exchangeable_nocons": lambda: _spec(
        THREE, "y", ["time"], [_term(THREE, "school"), _term(THREE, "pupil", cons=False)], "REML",
        _res("exchangeable", THREE)),
}


@pytest.mark.parametrize("name", list(CASES))
def test_fit_is_the_dense_likelihood_optimum(name):
    spec = CASES[name]()
    fit = fit_mixed(spec)
    assert fit.converged
    phi = fit.phi
    free = np.isfinite(phi)  # a variance on its boundary (ln sd = -inf) stays there
    assert free[len(phi) - len(fit.s) - 1:].all()

    dense = DenseModel(fit)

    def ll(z):
        x = phi.copy()
        x[free] = z
        return dense.loglik(x)
    assert ll(phi[free]) == pytest.approx(fit.loglik, abs=1e-8)
    better = minimize(lambda z: -ll(z), phi[free], method="BFGS", options={"maxiter": 20, "gtol": 1e-9})
    assert -better.fun - fit.loglik < 1e-7
    # the reported blocks carry one parameter row per e(b) entry of the structure, in e(b)'s order
    block = fit.result().residual_blocks["est"]
    k_re = sum(c.n_est for c in fit.model.covs)
    assert sorted(r.label for r in block.rows) == sorted(fit.phi_names[k_re:])
    eb = [c.split(":")[0] for c in fit.e_matrices()[0].colnames]
    assert [r.label for r in block.rows] == eb[len(eb) - len(block.rows):]
