"""xtgls against first principles written here independently of the engine: GLS in matrix form
b = (X'Omega^-1 X)^-1 X'Omega^-1 y with Omega = Sigma (x) I_T on a balanced panel sorted by
panel and time; the AR(1) through an explicit Prais-Winsten matrix per panel; the igls log
likelihood from scipy's multivariate normal; the header of xtgls.ado's DispRes; errors."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats


@pytest.fixture
def panel():
    rng = np.random.default_rng(3)
    M, T = 4, 15
    d = pd.DataFrame({"id": np.repeat(np.arange(1, M + 1), T), "t": np.tile(np.arange(1, T + 1), M)})
    d["x"] = rng.normal(size=len(d))
    d["y"] = 1 + 0.5 * d.x + rng.normal(size=len(d)) * np.repeat([0.5, 1, 2, 3], T) + np.tile(rng.normal(size=T), M)
    return d


def _prais(rho, T):
    P = np.eye(T) - np.diag(np.full(T - 1, rho), -1) * 1.0
    P[0, 0] = np.sqrt(1 - rho ** 2)
    return P


def _reference(d, panels, corr, igls=False):
    M, T = 4, 15
    X = np.column_stack([d.x, np.ones(len(d))])
    y = d.y.to_numpy()
    ols = lambda X, y: np.linalg.lstsq(X, y, rcond=None)[0]
    rho = None
    if corr == "ar1":
        E = (y - X @ ols(X, y)).reshape(M, T)
        rho = float(np.mean((E[:, 1:] * E[:, :-1]).sum(1) / (E[:, :-1] ** 2).sum(1)))  # equal T: plain mean
        P = np.kron(np.eye(M), _prais(rho, T))
        X, y = P @ X, P @ y
    b = ols(X, y)
    while True:
        E = (y - X @ b).reshape(M, T)
        S = {"iid": np.eye(M) * (E ** 2).mean(), "het": np.diag((E ** 2).mean(1)), "corr": E @ E.T / T}[panels]
        Oi = np.kron(np.linalg.inv(S), np.eye(T))
        V = np.linalg.inv(X.T @ Oi @ X)
        b_new = V @ X.T @ Oi @ y
        done = not igls or np.max(np.abs(b_new - b) / (np.abs(b) + 1)) <= 1e-7
        b = b_new
        if done:
            break
    ll = stats.multivariate_normal(np.zeros(M * T), np.kron(S, np.eye(T))).logpdf(y - X @ b)
    return b, V, rho, S, ll


@pytest.mark.parametrize("options, panels, corr, igls", [
    ("", "iid", None, False), ("panels(het)", "het", None, False), ("panels(hetero) corr(ar1)", "het", "ar1", False),
    ("p(c) igls", "corr", None, True), ("panels(iid) corr(ar1)", "iid", "ar1", False)])
def test_matches_first_principles(do, panel, options, panels, corr, igls):
    rc, out, s = do("xtset id t\nxtgls y x" + (", " + options if options else ""), panel)
    assert rc == 0, out
    b, V, rho, S, ll = _reference(panel, panels, corr, igls)
    e = s.e
    tol = 1e-6 if igls else 1e-9
    assert np.allclose(e.matrices["b"].values.ravel(), b, rtol=tol)
    assert np.allclose(e.matrices["V"].values, V, rtol=tol * 10)
    assert np.allclose(e.matrices["Sigma"].values, S, rtol=tol * 10, atol=1e-12)
    if rho is not None:
        assert float(e.macros["rho"]) == pytest.approx(rho, rel=1e-9)
        assert f"common AR(1) coefficient for all panels  ({rho:.4f})" in out
    if panels == "iid" and corr is None or igls:
        assert e.scalars["ll"] == pytest.approx(ll, rel=1e-6)
        assert "Log likelihood             = " in out
    else:
        assert "ll" not in e.scalars and "Log likelihood" not in out
    lines = out.splitlines()
    at = lines.index("Cross-sectional time-series FGLS regression")
    assert lines[at + 2] == "Coefficients:  generalized least squares"
    assert lines[at + 3].startswith("Panels:        ")
    n_cv = {"iid": 1, "het": 4, "corr": 10}[panels]
    assert lines[at + 6] == ("Estimated covariances      = " + f"{n_cv:9d}").ljust(48) + "Number of obs     =         60"
    assert lines[at + 8] == "Estimated coefficients     =         2".ljust(48) + "Time periods      =         15"
    chi2 = b[0] ** 2 / V[0, 0]
    assert lines[at + 9] == " " * 48 + f"Wald chi2(1)      =  {chi2:9.2f}"
    assert lines[at + 10].endswith(f"Prob > chi2       = {stats.chi2.sf(chi2, 1):10.4f}")
    if igls:
        assert any(ln.startswith("Iteration 1: tolerance = ") for ln in lines[:at])


@pytest.mark.parametrize("setup, line, message, rc", [
    ("xtset id", "xtgls y x, corr(ar1)", "must specify timevar", 459),
    ("xtset id t", "xtgls y x, panels(foo)", "panel(foo) invalid", 198),
    ("xtset id t", "xtgls y x, corr(ma1)", "corr(ma1) invalid", 198),
    ("xtset id t", "xtgls y x if !(id == 2 & t == 3), panels(correlated)", "panels must be balanced", 459),
    ("xtset id t", "xtgls y x if t != 3, corr(ar1)", "is not regularly spaced", 459),
    ("xtset id t", "xtgls y x [aw=t]", "weights not allowed", 101),
])
def test_errors(do, panel, setup, line, message, rc):
    got, out, _ = do(setup + "\n" + line, panel)
    assert got == rc and message in out and "Traceback" not in out


def test_replay(do, panel):
    rc, out, _ = do("xtset id t\nquietly xtgls y x, panels(het)\nxtgls, level(90)\nquietly regress y x\nxtgls", panel)
    assert rc == 301 and "[90% Conf. Interval]" in out and "Panels:        heteroskedastic" in out
    assert "last estimates not found" in out


def test_footnote_when_panels_outnumber_periods(do):
    """xtgls_footnote (Stata 13.1): panels(correlated) with N_g >= N_t; the paragraph wrapped
    as {p 0 6 6} in the table's width."""
    rng = np.random.default_rng(5)
    d = pd.DataFrame({"c": np.repeat(np.arange(1, 7), 4), "t": np.tile(np.arange(1, 5), 6)})
    d["x"] = rng.normal(size=24)
    d["y"] = d.x + rng.normal(size=24)
    rc, out, _ = do("xtset c t\nxtgls y x, panels(correlated)", d)
    assert rc == 0, out
    lines = out.splitlines()
    at = next(i for i, ln in enumerate(lines) if ln.startswith("Note: when the number of panels"))
    # {p 0 6 6 78}: lines of at most 78 - 6 characters, continuation indented 6
    assert lines[at] == "Note: when the number of panels is greater than or equal to the number"
    assert lines[at + 1] == "      of periods, results are based on a generalized inverse of a"
    assert lines[at + 2] == "      singular matrix."



@pytest.mark.parametrize("name", ["xtgls", "xtpcse"])
def test_replay_after_estimates_use_reads_the_names_of_b(do, tmp_path, name):
    """Results read by estimates use keep no design: the replay labels e(b)'s names (was an
    internal error, found by the postestimation sweep)."""
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(3)
    d = pd.DataFrame({"id": np.repeat(np.arange(1.0, 6.0), 8), "t": np.tile(np.arange(1.0, 9.0), 5)})
    d["x"] = rng.normal(size=len(d))
    d["y"] = 1 + d.x + rng.normal(size=len(d))
    ster = tmp_path / "m.ster"
    rc, out, _ = do(f"xtset id t\n{name} y x\nestimates save {ster}\nestimates use {ster}\n{name}", d)
    assert rc == 0, out
    rows = [line for line in out.splitlines() if line.strip().startswith(("x |", "_cons |"))]
    assert len(rows) == 4 and rows[:2] == rows[2:]  # the replay's rows are the fit's
