"""xtpcse against first principles written here independently of the engine (Kronecker form
Omega = Sigma (x) I_T on a balanced panel; Prais-Winsten by an explicit T x T transform per
panel; the common rho as the pair-count-weighted mean of the panels' regress rhos), the
header layout of xtpcse.ado's Display, and errors."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


@pytest.fixture
def panel():
    rng = np.random.default_rng(7)
    M, T = 5, 12
    d = pd.DataFrame({"country": np.repeat(np.arange(1, M + 1), T), "year": np.tile(np.arange(1971, 1971 + T), M)})
    d["x"] = rng.normal(size=len(d))
    d["z"] = rng.normal(size=len(d))
    common = np.tile(rng.normal(size=T), M)
    d["y"] = 1 + 0.5 * d.x - 0.3 * d.z + common + rng.normal(size=len(d)) * np.repeat([0.5, 1, 1.5, 1, 2], T)
    return d


def _reference(d, rho_kind=None):
    M, T = d.country.nunique(), d.year.nunique()
    X = np.column_stack([d.x, d.z, d.x * d.z, np.ones(len(d))])
    y = d.y.to_numpy()
    b = np.linalg.solve(X.T @ X, X.T @ y)
    rho = None
    if rho_kind == "ar1":
        E = (y - X @ b).reshape(M, T)
        num = (E[:, 1:] * E[:, :-1]).sum(axis=1)
        den = (E[:, :-1] ** 2).sum(axis=1)
        rho = float(np.mean(num / den))  # equal pair counts: the weighted mean is the plain mean
        P = np.eye(T) - rho * np.eye(T, k=-1)
        P[0, 0] = np.sqrt(1 - rho ** 2)
        Pfull = np.kron(np.eye(M), P)
        X, y = Pfull @ X, Pfull @ y
        b = np.linalg.solve(X.T @ X, X.T @ y)
    E = (y - X @ b).reshape(M, T)
    Sigma = E @ E.T / T
    Omega = np.kron(Sigma, np.eye(T))
    A = np.linalg.inv(X.T @ X)
    V = A @ X.T @ Omega @ X @ A
    e = y - X @ b
    r2 = 1 - e @ e / ((y - y.mean()) ** 2).sum()
    bs, Vs = b[:3], V[:3, :3]
    chi2 = float(bs @ np.linalg.solve(Vs, bs))
    return b, V, r2, chi2, rho, Sigma


@pytest.mark.parametrize("corr", [None, "ar1"])
def test_matches_first_principles(do, panel, corr):
    line = "xtpcse y x z c.x#c.z" + (", correlation(ar1)" if corr else "")
    rc, out, s = do("xtset country year\n" + line, panel)
    assert rc == 0, out
    b, V, r2, chi2, rho, Sigma = _reference(panel, corr)
    e = s.e
    assert np.allclose(e.matrices["b"].values.ravel(), b, rtol=1e-9)
    assert np.allclose(e.matrices["V"].values, V, rtol=1e-8)
    assert np.allclose(e.matrices["Sigma"].values, Sigma, rtol=1e-9)
    assert e.scalars["r2"] == pytest.approx(r2, rel=1e-9)
    assert e.scalars["chi2"] == pytest.approx(chi2, rel=1e-8)
    assert e.scalars["n_cv"] == 15 and e.scalars["n_cf"] == 4 and e.scalars["N_g"] == 5
    lines = out.splitlines()
    title = ("Prais-Winsten" if corr else "Linear") + " regression, correlated panels corrected standard errors (PCSEs)"
    at = lines.index(title)
    assert lines[at + 2] == "Group variable:   country".ljust(48) + "Number of obs     =         60"
    assert lines[at + 4] == "Panels:           correlated (balanced)".ljust(48) + "Obs per group:"
    assert lines[at + 5].startswith("Autocorrelation:  " + ("common AR(1)" if corr else "no autocorrelation"))
    assert lines[at + 8] == ("Estimated covariances      =        15".ljust(48)
                             + f"R-squared         = {r2:10.4f}")
    assert lines[at + 10].startswith("Estimated coefficients     =         4")
    assert "             |           Panel-corrected" in lines
    row = next(ln for ln in lines if ln.startswith("           x |")).split("|")[1].split()
    assert float(row[0]) == pytest.approx(b[0], abs=5e-7 * max(1, abs(b[0])))
    assert float(row[1]) == pytest.approx(np.sqrt(V[0, 0]), rel=1e-6)
    if corr:
        assert e.matrices["rhomat"].values[0, 0] == pytest.approx(rho, rel=1e-9)
        at = next(i for i, ln in enumerate(lines) if ln.startswith("         rho |"))
        assert lines[at - 1].startswith("-------------+") and lines[at + 1].startswith("-------------+")


def test_hetonly_and_independent(do, panel):
    rc, out, s = do("xtset country year\nxtpcse y x z, hetonly", panel)
    assert rc == 0, out
    X = np.column_stack([panel.x, panel.z, np.ones(len(panel))])
    y = panel.y.to_numpy()
    b = np.linalg.lstsq(X, y, rcond=None)[0]
    e = y - X @ b
    s2 = pd.Series(e ** 2).groupby(panel.country.to_numpy()).mean().to_numpy()
    A = np.linalg.inv(X.T @ X)
    V = A @ (X.T * np.repeat(s2, 12)) @ X @ A
    assert np.allclose(s.e.matrices["V"].values, V, rtol=1e-8)
    assert "Het-corrected" in out and "heteroskedastic panels corrected standard errors" in out
    rc, out, s = do("xtset country year\nxtpcse y x z, independent", panel)
    V = A * (e @ e / len(e))
    assert np.allclose(s.e.matrices["V"].values, V, rtol=1e-8)


@pytest.mark.parametrize("setup, line, message, rc", [
    ("xtset country", "xtpcse y x", "must specify timevar", 459),
    ("xtset country year", "xtpcse y x, hetonly independent", "may not be specified together", 198),
    ("xtset country year", "xtpcse y x, corr(ar1 psar1)", "may only specify one from ar1", 198),
    ("xtset country year", "xtpcse y x, rhotype(theil)", "invalid method for rhotype()", 198),
    ("xtset country year", "xtpcse y x [aw=z]", "weights not allowed", 101),
    ("xtset country year\ngenerate double w = 2*x", "xtpcse w x", "model perfectly predicts dependent variable", 2001),
])
def test_errors(do, panel, setup, line, message, rc):
    got, out, _ = do(setup + "\n" + line, panel)
    assert got == rc and message in out and "Traceback" not in out


def test_replay_and_pairwise(do, panel):
    """Replay with level(); an unbalanced panel: casewise Sigma from the periods all panels
    share (e(n_sigma)), pairwise from each pair's shared periods, and the Sigma line."""
    rc, out, s = do("xtset country year\nquietly xtpcse y x\nxtpcse, level(90)", panel)
    assert rc == 0 and "[90% Conf. Interval]" in out
    d = panel[~((panel.country == 2) & (panel.year <= 1973))].reset_index(drop=True)
    rc, out, s = do("xtset country year\nxtpcse y x", d)
    assert rc == 0, out
    assert s.e.scalars["n_sigma"] == 9 and "Sigma computed by casewise selection" in out
    X = np.column_stack([d.x, np.ones(len(d))])
    e = d.y.to_numpy() - X @ np.linalg.lstsq(X, d.y.to_numpy(), rcond=None)[0]
    wide = pd.DataFrame({"c": d.country, "t": d.year, "e": e}).pivot(index="t", columns="c", values="e")
    both = wide.notna().astype(float)
    filled = wide.fillna(0.0).to_numpy()
    pair = (filled.T @ filled) / (both.T.to_numpy() @ both.to_numpy())
    rc, out, s = do("xtset country year\nxtpcse y x, pairwise", d)
    assert np.allclose(s.e.matrices["Sigma"].values, pair, rtol=1e-10)
    assert "Sigma computed by pairwise selection" in out


def test_gap_is_reported_and_restarts_the_transform(do, panel):
    """A missing period inside a panel: tsreport's count, the note, and the Prais-Winsten row
    after the gap scaled by sqrt(1 - rho^2) (checked through b against a direct computation)."""
    d = panel[~((panel.country == 3) & (panel.year == 1976))].reset_index(drop=True)
    rc, out, s = do("xtset country year\nxtpcse y x, corr(ar1)", d)
    assert rc == 0, out
    assert "Number of gaps in sample:  1" in out and "(note: computations for rho restarted at each gap)" in out
    assert s.e.scalars["N_gaps"] == 1
    X = np.column_stack([d.x, np.ones(len(d))])
    y = d.y.to_numpy()
    e = y - X @ np.linalg.lstsq(X, y, rcond=None)[0]
    prev = {(c, t): i for i, (c, t) in enumerate(zip(d.country, d.year))}
    lag = np.array([prev.get((c, t - 1), -1) for c, t in zip(d.country, d.year)])
    num = den = 0.0
    for c in d.country.unique():
        rows = np.flatnonzero((d.country == c).to_numpy() & (lag >= 0))
        rho_c = (e[rows] @ e[lag[rows]]) / (e[lag[rows]] @ e[lag[rows]])
        num, den = num + len(rows) * rho_c, den + len(rows)
    rho = num / den
    Xs, ys = X.copy(), y.copy()
    for i in range(len(y)):
        if lag[i] >= 0:
            Xs[i], ys[i] = X[i] - rho * X[lag[i]], y[i] - rho * y[lag[i]]
        else:
            Xs[i], ys[i] = X[i] * np.sqrt(1 - rho ** 2), y[i] * np.sqrt(1 - rho ** 2)
    b = np.linalg.lstsq(Xs, ys, rcond=None)[0]
    assert np.allclose(s.e.matrices["b"].values.ravel(), b, rtol=1e-10)
    assert s.e.matrices["rhomat"].values[0, 0] == pytest.approx(rho, rel=1e-10)


def test_psar1_rhos_and_their_line(do, panel):
    """corr(psar1): each panel's own rho (sum e_t e_t-1 / sum e_t-1^2 of the OLS residuals);
    the ``rhos =`` line under the table shows the first five, then " ...", then the sixth."""
    d = panel.copy()
    extra = d[d.country <= 2].assign(country=lambda f: f.country + 5)
    d = pd.concat([d, extra.assign(y=extra.y + np.sin(np.arange(len(extra))))], ignore_index=True)
    rc, out, s = do("xtset country year\nxtpcse y x, corr(psar1)", d)
    assert rc == 0, out
    X = np.column_stack([d.x, np.ones(len(d))])
    y = d.y.to_numpy()
    e = y - X @ np.linalg.lstsq(X, y, rcond=None)[0]
    rhos = []
    for c in range(1, 8):
        r = e[(d.country == c).to_numpy()]
        rhos.append(np.clip((r[1:] @ r[:-1]) / (r[:-1] @ r[:-1]), -1, 1))
    assert np.allclose(s.e.matrices["rhomat"].values.ravel(), rhos, rtol=1e-10)
    assert s.e.scalars["n_cr"] == 7
    line = next(ln for ln in out.splitlines() if ln.startswith("        rhos = "))
    parts = line[len("        rhos = "):].split()
    assert parts[5] == "..." and len(parts) == 7
    assert [float(v) for v in parts[:5] + parts[6:]] == pytest.approx(rhos[:6], abs=5e-7)


@pytest.mark.parametrize("rhotype", ["regress", "freg", "tsc", "dw"])
def test_rhotypes(do, panel, rhotype):
    """_crcar1's rho of each panel's OLS residuals, averaged over panels (equal pair counts)."""
    rc, out, s = do(f"xtset country year\nquietly xtpcse y x, corr(ar1) rhotype({rhotype})", panel)
    assert rc == 0, out
    X = np.column_stack([panel.x, np.ones(len(panel))])
    y = panel.y.to_numpy()
    E = (y - X @ np.linalg.lstsq(X, y, rcond=None)[0]).reshape(5, 12)
    cross = (E[:, 1:] * E[:, :-1]).sum(1)
    per = {"regress": cross / (E[:, :-1] ** 2).sum(1), "freg": cross / (E[:, 1:] ** 2).sum(1),
           "tsc": cross / (E ** 2).sum(1), "dw": 1 - (np.diff(E, axis=1) ** 2).sum(1) / (E ** 2).sum(1) / 2}[rhotype]
    assert float(s.e.macros["rho"]) == pytest.approx(float(np.mean(np.clip(per, -1, 1))), rel=1e-10)
