"""mixed ... || id:, noconstant residuals(...) on many distinct, unbalanced days (troughs on
post-operative days: 5-12 observations per subject on irregular integer days, gaps) and on
balanced six-time data, against an independent maximisation of the same likelihood.

The likelihood is written here from the structure's definition, per subject on its own
times: y_j ~ N(X_j b, V_j), V_j = diag(sd) R_j diag(sd), R_j[a, b] = corr(t_a, t_b); b at
its GLS value for V (profiled), and

    -2 l_ML   = n log 2pi + sum_j log|V_j| + r'V^-1 r,
    -2 l_REML = -2 l_ML + log|X'V^-1 X| - p log 2pi.

scipy's BFGS maximises it from independence over an unconstrained parametrisation (ln sd,
atanh or logit correlations, log-Cholesky for unstructured; a V_j that is not positive
definite is a worse value), never from mlm's answer.  mlm's e(ll) must equal that maximum
and never be below it.

The saturated toeplitz (one correlation per lag up to the largest lag within a subject)
on such data has no maximum: lags seen in a few pairs let some V_j become singular with
its residuals in V_j's range, and the likelihood rises like -1/2 log of V_j's smallest
eigenvalue.  ``test_saturated_toeplitz_is_unbounded`` checks it on the independent
likelihood (at two points nearer and nearer that edge) and that mlm stops with r(430).
"""
from __future__ import annotations

import io

import numpy as np
import pandas as pd
import pytest
from scipy.optimize import minimize

from mlmcli.ast import Command
from mlmcli.commands.estimation.mixed import cmd_mixed
from mlmcli.dataset import Dataset
from mlmcli.errors import StataError
from mlmcli.session import Output, Session

LOG2PI = np.log(2 * np.pi)


def troughs(n_id: int, days: int, seed: int, m=(5, 12)) -> pd.DataFrame:
    """Subjects on ``m`` distinct days out of 1..days, errors with corr 0.8 exp(-0.15 lag)."""
    rng = np.random.default_rng(seed)
    acf = 0.8 * np.exp(-0.15 * np.arange(days))
    acf[0] = 1.0
    rows = []
    for i in range(n_id):
        t = np.sort(rng.choice(np.arange(1, days + 1), size=rng.integers(m[0], m[1] + 1), replace=False))
        e = rng.multivariate_normal(np.zeros(len(t)), 2.25 * acf[np.abs(np.subtract.outer(t, t))])
        rows += [(i, i % 3, d, 5 + i % 3 - 0.03 * d + ee) for d, ee in zip(t, e)]
    return pd.DataFrame(rows, columns=["id", "g", "day", "y"]).astype(float)


def balanced(n_id: int, seed: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    acf = np.array([1, 0.6, 0.4, 0.3, 0.15, 0.1])
    R = 2.0 * acf[np.abs(np.subtract.outer(np.arange(6), np.arange(6)))]
    rows = []
    for i in range(n_id):
        e = rng.multivariate_normal(np.zeros(6), R)
        rows += [(i, i % 3, t + 1, 5 + i % 3 - 0.1 * (t + 1) + e[t]) for t in range(6)]
    return pd.DataFrame(rows, columns=["id", "g", "day", "y"]).astype(float)


TROUGHS = troughs(150, 40, seed=11)
BALANCED = balanced(150, seed=12)
MODEL = "y ib0.g c.day || id:, noconstant residuals({}) {}"


def mlm_ll(df: pd.DataFrame, model: str) -> float:
    s = Session(out=Output(io.StringIO()))
    s.data = Dataset(df=df.copy())
    cmd_mixed(s, Command(name="mixed", args=model))
    assert s.e.scalars["converged"] == 1
    return float(s.e.scalars["ll"])


class Dense:
    """The marginal likelihood of ``df`` with V_j = cov(z, t_j, g_j) per subject."""

    def __init__(self, df: pd.DataFrame, cov, reml: bool):
        self.cov, self.reml = cov, reml
        X = np.column_stack([df.g == 0, df.g == 1, df.g == 2, df.day]).astype(float)
        self.n, self.p = X.shape
        # subjects with the same times and group share V_j; stacked by size for batched solves
        shapes: dict[tuple, list] = {}
        for _, s in df.groupby("id"):
            key = (tuple(s.day), int(s.g.iloc[0]))
            shapes.setdefault(key, []).append(s.index.to_numpy())
        self.keys = list(shapes)
        by_size: dict[int, list] = {}
        for k, key in enumerate(self.keys):
            for rows in shapes[key]:
                by_size.setdefault(len(rows), []).append((k, rows))
        y = df.y.to_numpy()
        self.stacks = [(np.array([k for k, _ in v]), X[np.array([r for _, r in v])],
                        y[np.array([r for _, r in v])]) for v in by_size.values()]

    def loglik(self, z: np.ndarray) -> float:
        Vs = [self.cov(z, np.array(t, float), g) for t, g in self.keys]
        if any(V is None or not np.all(np.isfinite(V)) for V in Vs):
            return -1e12
        p = self.p
        A, c, yy, logdet = np.zeros((p, p)), np.zeros(p), 0.0, 0.0
        for which, X, y in self.stacks:
            try:
                L = np.linalg.cholesky(np.stack([Vs[k] for k in which]))
            except np.linalg.LinAlgError:
                return -1e12
            logdet += 2 * np.log(np.diagonal(L, axis1=1, axis2=2)).sum()
            Xw = np.linalg.solve(L, X)
            yw = np.linalg.solve(L, y[..., None])[..., 0]
            A += np.einsum("mai,maj->ij", Xw, Xw)
            c += np.einsum("mai,ma->i", Xw, yw)
            yy += float((yw * yw).sum())
        b = np.linalg.solve(A, c)
        ll = -0.5 * (self.n * LOG2PI + logdet + yy - c @ b)
        if self.reml:
            ll += -0.5 * np.linalg.slogdet(A)[1] + 0.5 * p * LOG2PI
        return float(ll)

    def maximise(self, k: int) -> float:
        res = minimize(lambda z: -self.loglik(z), np.zeros(k), method="BFGS",
                       options={"gtol": 1e-7, "maxiter": 3000})
        return -float(res.fun)


def _lags(t):
    return np.abs(np.subtract.outer(t, t)).astype(int)


def toeplitz(order):
    def cov(z, t, g):
        acf = np.zeros(200)
        acf[0] = 1.0
        acf[1:order + 1] = np.tanh(z[1:order + 1])
        return np.exp(2 * z[0]) * acf[_lags(t)]
    return cov, order + 1


def ar1(z, t, g):
    return np.exp(2 * z[0]) * np.tanh(z[1]) ** _lags(t)


def exponential_by_g(z, t, g):
    """corr rho_g^|dt| (0 < rho_g < 1) and sd sigma exp(r_g) in group g (r_0 = 0)."""
    sd = np.exp(z[0] + (z[g] if g else 0.0))
    rho = 1 / (1 + np.exp(-z[3 + g]))
    return sd * sd * rho ** np.abs(np.subtract.outer(t, t))


def unstructured(z, t, g):
    L = np.zeros((6, 6))
    L[np.tril_indices(6)] = z
    L[np.diag_indices(6)] = np.exp(np.diag(L))
    S = L @ L.T
    idx = t.astype(int) - 1
    return S[np.ix_(idx, idx)]


def banded2(z, t, g):
    sd = np.exp(z[:6])
    R = np.eye(6)
    k = 6
    for i in range(6):
        for j in range(i + 1, min(i + 3, 6)):
            R[i, j] = R[j, i] = np.tanh(z[k])
            k += 1
    idx = t.astype(int) - 1
    return (sd[:, None] * R * sd[None, :])[np.ix_(idx, idx)]


CASES = {
    "troughs_toeplitz3_ml": (TROUGHS, "toeplitz 3, t(day)", "", *toeplitz(3)),
    "troughs_toeplitz3_reml": (TROUGHS, "toeplitz 3, t(day)", "reml", *toeplitz(3)),
    "troughs_toeplitz8_ml": (TROUGHS, "toeplitz 8, t(day)", "", *toeplitz(8)),
    "troughs_ar1_ml": (TROUGHS, "ar 1, t(day)", "", ar1, 2),
    "troughs_exponential_by_g_reml": (TROUGHS, "exponential, t(day) by(g)", "reml", exponential_by_g, 6),
    "balanced_toeplitz_ml": (BALANCED, "toeplitz, t(day)", "", *toeplitz(5)),
    "balanced_toeplitz_reml": (BALANCED, "toeplitz, t(day)", "reml", *toeplitz(5)),
    "balanced_unstructured_ml": (BALANCED, "unstructured, t(day)", "", unstructured, 21),
    "balanced_banded2_reml": (BALANCED, "banded 2, t(day)", "reml", banded2, 15),
}


@pytest.mark.parametrize("name", list(CASES))
def test_fit_is_the_independent_maximum(name):
    df, rspec, opts, cov, k = CASES[name]
    ll = mlm_ll(df, MODEL.format(rspec, opts))
    best = Dense(df, cov, reml=opts == "reml").maximise(k)
    assert ll == pytest.approx(best, abs=2e-5)
    assert ll > best - 1e-6


def _fit_inside(df: pd.DataFrame, monkeypatch, fence: float):
    """mlm's search with V_j's smallest relative Cholesky pivot^2 held above ``fence``
    (and no r(430) for ending there): (e(b) as a dict, e(ll))."""
    from mlmcli.mixed import residual_fit
    from mlmcli.mixed.panel_gls import PanelGLS
    monkeypatch.setattr(PanelGLS._factor, "__defaults__", (fence,))
    monkeypatch.setattr(residual_fit, "_DEGENERATE", 0.0)
    monkeypatch.setattr(residual_fit, "_NEAR_EDGE", 0.0)
    s = Session(out=Output(io.StringIO()))
    s.data = Dataset(df=df.copy())
    cmd_mixed(s, Command(name="mixed", args=MODEL.format("toeplitz, t(day)", "")))
    b = s.e.matrices["b"]
    return dict(zip(b.colnames, b.values[0])), float(s.e.scalars["ll"])


def test_saturated_toeplitz_is_unbounded(monkeypatch):
    order = int(TROUGHS.groupby("id").day.agg(lambda d: d.max() - d.min()).max())
    with pytest.raises(StataError) as err:
        mlm_ll(TROUGHS, MODEL.format("toeplitz, t(day)", ""))
    assert err.value.rc == 430 and "residuals(toeplitz #)" in str(err.value)
    cov, k = toeplitz(order)
    dense = Dense(TROUGHS, cov, reml=False)
    points = []
    for fence in (1e-5, 1e-9):
        with monkeypatch.context() as m:
            est, ll = _fit_inside(TROUGHS, m, fence)
        z = np.array([est["lnsig_e:_cons"]] + [est[f"r_atr1_{j}:_cons"] for j in range(1, order + 1)])
        assert dense.loglik(z) == pytest.approx(ll, abs=1e-6)  # the same likelihood, written here
        smallest = min(np.linalg.eigvalsh(cov(z, np.array(t, float), g)).min() for t, g in dense.keys)
        points.append((ll, smallest / np.exp(2 * z[0])))
    (ll1, lam1), (ll2, lam2) = points
    # nearer the edge the likelihood is higher, by -1/2 log of the smallest eigenvalue's ratio
    assert lam2 < 1e-3 * lam1
    assert ll2 - ll1 == pytest.approx(0.5 * np.log(lam1 / lam2), rel=0.1)


def test_lag_without_pairs_blanks_only_its_own_rows():
    """toeplitz up to the largest lag where no subject has a pair at lag 2 (days {1,2,5} or
    {1,4,5}): r_atr1_2 does not enter the likelihood, so it has no variance ('.'), while the
    other parameters' e(V) is the inverse negative Hessian of the independent likelihood
    over the identified parameters and their table rows keep their standard errors."""
    rng = np.random.default_rng(4)
    rows = []
    for i in range(150):
        days = (1, 2, 5) if i % 2 else (1, 4, 5)
        e = rng.normal(size=3)
        rows += [(i, i % 3, d, 2 + i % 3 + 0.1 * d + ee) for d, ee in zip(days, e)]
    df = pd.DataFrame(rows, columns=["id", "g", "day", "y"]).astype(float)
    text = io.StringIO()
    s = Session(out=Output(text))
    s.data = Dataset(df=df)
    cmd_mixed(s, Command(name="mixed", args=MODEL.format("toeplitz, t(day)", "")))
    b, V = s.e.matrices["b"], s.e.matrices["V"]
    names = ["lnsig_e:_cons"] + [f"r_atr1_{k}:_cons" for k in range(1, 5)]
    pos = [list(b.colnames).index(n) for n in names]
    est = b.values[0, pos]
    Vr = V.values[np.ix_(pos, pos)]
    assert np.all(np.isnan(Vr[2])) and np.all(np.isnan(Vr[:, 2]))
    cov, _ = toeplitz(4)
    dense = Dense(df, cov, reml=False)
    keep = [0, 1, 3, 4]
    h = 1e-4

    def f(w):
        z = est.copy()
        z[keep] = w
        return dense.loglik(z)
    w0 = est[keep]
    H = np.zeros((4, 4))
    for i in range(4):
        for j in range(4):
            ei, ej = np.eye(4)[i] * h, np.eye(4)[j] * h
            H[i, j] = (f(w0 + ei + ej) - f(w0 + ei - ej) - f(w0 - ei + ej) + f(w0 - ei - ej)) / (4 * h * h)
    assert np.allclose(Vr[np.ix_(keep, keep)], np.linalg.inv(-H), rtol=2e-3, atol=1e-7)
    table = {line.split("|")[0].strip(): line.split("|")[1].split()
             for line in text.getvalue().splitlines() if line.strip().startswith(("cov", "var(e)"))}
    assert table["cov2"][1:] == [".", ".", "."]
    for label in ("cov1", "cov3", "cov4", "var(e)"):
        assert "." not in table[label] and len(table[label]) == 4, label


@pytest.mark.parametrize("reml", ["", "reml"])
def test_search_stalled_at_the_edge_is_r430(reml):
    """200 subjects on days 1-60: the search ends, not converged, with a V_j's smallest
    relative pivot^2 near 1e-8 (ML) or 2e-7 (REML) and a gradient of ~1e4 pointing at the
    edge.  ML rises without bound there; REML (its log|X'V^-1 X| offsets log|V_j| along
    such a path) levels off towards the edge (within 0.01 between pivots 1e-5 and 1e-9):
    neither has a maximum inside, so no estimates are shown (was: a table with a warning)."""
    df = troughs(200, 60, seed=7, m=(5, 15))
    with pytest.raises(StataError) as err:
        mlm_ll(df, MODEL.format("toeplitz, t(day)", reml))
    assert err.value.rc == 430
