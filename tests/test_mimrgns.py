"""mimrgns (SSC, mimrgns.ado 4.0.7): margins on each imputation after mi estimate, combined by
Rubin's rules.  The pooled predictive margins are checked against an independent computation
in this file: statsmodels' logit on each completed dataset, the average predicted probability
at each level with its delta-method variance (analytic Jacobian), then Rubin's rules in numpy."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


@pytest.fixture(scope="module")
def wide():
    rng = np.random.default_rng(4711)
    n = 300
    x = rng.normal(size=n)
    g = rng.integers(1, 4, size=n)
    y = (rng.random(n) < 1 / (1 + np.exp(-(-0.3 + 0.7 * x + 0.4 * (g == 2) - 0.5 * (g == 3))))).astype(float)
    frame = pd.DataFrame({"y": y, "x": x, "g": g.astype(float)})
    for m in (1, 2, 3):
        frame[f"z{m}"] = x + rng.normal(size=n)
    return frame


SETUP = "gen z = .\nmi import wide, imputed(z = z1 z2 z3) clear\nmi estimate, post: logit y x z i.g\n"


def _reference(frame, M=3):
    import statsmodels.api as sm

    bs, Vs = [], []
    for m in range(1, M + 1):
        X = np.column_stack([frame["x"], frame[f"z{m}"], frame["g"] == 2, frame["g"] == 3, np.ones(len(frame))]).astype(float)
        fit = sm.Logit(frame["y"].to_numpy(), X).fit(disp=0, tol=1e-12)
        cov = np.asarray(fit.cov_params())
        margins, jac = [], []
        for level in (1, 2, 3):
            Xk = X.copy()
            Xk[:, 2], Xk[:, 3] = float(level == 2), float(level == 3)
            p = 1 / (1 + np.exp(-Xk @ fit.params))
            margins.append(p.mean())
            jac.append(((p * (1 - p))[:, None] * Xk).mean(axis=0))
        J = np.array(jac)
        bs.append(np.array(margins))
        Vs.append(J @ cov @ J.T)
    Q, U = np.array(bs), np.array(Vs)
    qbar, W = Q.mean(axis=0), U.mean(axis=0)
    B = (Q - qbar).T @ (Q - qbar) / (M - 1)
    T = W + (1 + 1 / M) * B
    r = (1 + 1 / M) * np.diag(B) / np.diag(W)
    return qbar, T, (M - 1) * (1 + 1 / r) ** 2


def test_pooled_margins_against_reference(do, wide):
    rc, out, s = do(SETUP + "mimrgns g, predict(pr) post\n", df=wide)
    assert rc == 0, out
    qbar, T, df = _reference(wide)
    assert np.asarray(s.e.matrices["b"].values).ravel() == pytest.approx(qbar, rel=1e-6)
    assert np.asarray(s.e.matrices["V"].values) == pytest.approx(T, rel=1e-5)
    assert np.asarray(s.e.matrices["df_mi"].values).ravel() == pytest.approx(df, rel=1e-4)
    assert s.e.cmd == "mimrgns" and s.e.macros["cmd_mimrgns"] == "mimrgns"
    assert "Multiple-imputation estimates" in out and "Predictive margins" in out
    assert "Expression   : Pr(y), predict(pr)" in out and "Within VCE type: Delta-method" in out
    assert "Model F test" not in out.split("Predictive margins", 1)[1]


def test_default_prediction_note_and_r_results(do, wide):
    rc, out, s = do(SETUP + "mimrgns g\n", df=wide)
    assert rc == 0, out
    assert "note: option predict() not specified; predict(xb) assumed" in out
    assert s.e.cmd == "mi estimate"  # without post, e() stays the mi estimate results
    assert s.r["b"].values.shape == (1, 3) and s.r["N"] == 300
    assert s.r["cmd_mimrgns"] == "mimrgns"


def test_cmdmargins_and_dydx(do, wide):
    rc, out, s = do(SETUP + "mimrgns, dydx(x) at(g=(1 3)) predict(pr) post cmdmargins\nmarginsplot\n", df=wide)
    assert rc == 0, out
    assert s.e.cmd == "margins" and s.e.macros["cmd"] == "margins"
    assert "dy/dx w.r.t. : x" in out


def test_rows_of_several_equations_are_their_own(do, wide):
    """dy/dx of two variables at two at() values: each shown row carries the combined estimate of
    its own e(b) column (equations share the _at names)."""
    rc, out, s = do(SETUP + "mimrgns, dydx(x g) at(x=(-1 1)) predict(pr) post\n", df=wide)
    assert rc == 0, out
    b = dict(zip(s.e.matrices["b"].colnames, np.asarray(s.e.matrices["b"].values).ravel()))
    V = np.asarray(s.e.matrices["V"].values)
    se = dict(zip(s.e.matrices["b"].colnames, np.sqrt(np.diag(V))))
    shown = [row for row in s.e.result.rows if not row.base]
    assert len(shown) >= 6
    for row in shown:
        assert row.b == pytest.approx(b[row.name], rel=1e-12) and row.se == pytest.approx(se[row.name], rel=1e-9)


def test_refusals(do, wide):
    rc, out, _ = do("logit y x\nmimrgns, predict(pr)\n", df=wide.assign(z=wide["z1"]))
    assert rc == 301
    for tail in ("mimrgns g, contrast", "mimrgns g, nose", "mimrgns g, dots noisily"):
        rc, out, _ = do(SETUP + tail + "\n", df=wide)
        assert rc == 198, (tail, out)
    rc, out, _ = do(SETUP + "mimrgns g, predict(pr) post\nmimrgns g\n", df=wide)
    assert rc == 301


def test_mi_estimate_saving(do, wide, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    rc, out, s = do(SETUP.replace("mi estimate, post:", "mi estimate, post saving(est):")
                    + "estimates use est, number(3)\nlocal b3 = _b[x]\n"
                    + "mi estimate, saving(est): logit y x z i.g\n", df=wide)
    assert rc == 602, out
    assert (tmp_path / "est.ster").is_file()
    import statsmodels.api as sm

    X = np.column_stack([wide["x"], wide["z3"], wide["g"] == 2, wide["g"] == 3, np.ones(len(wide))]).astype(float)
    b3 = sm.Logit(wide["y"].to_numpy(), X).fit(disp=0, tol=1e-12).params[0]
    assert float(s.locals["b3"]) == pytest.approx(b3, rel=1e-6)
    rc, out, _ = do(SETUP.replace("mi estimate, post:", "mi estimate, post saving(est, replace):"), df=wide)
    assert rc == 0, out
