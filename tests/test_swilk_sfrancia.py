"""swilk and sfrancia: W and its p-value against scipy's Shapiro-Wilk (the same AS R94
algorithm, in single precision), W' by hand from normal scores, layouts as swilk.ado and
sfrancia.ado draw them, and errors."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


@pytest.fixture
def data():
    rng = np.random.default_rng(7)
    return pd.DataFrame({"g": rng.gamma(2.0, size=120), "z": rng.normal(size=120), "s": ["a"] * 120,
                         "k": np.repeat([1.0, 2.0], 60)})


@pytest.mark.parametrize("n", [4, 5, 6, 9, 11, 12, 40, 120])
def test_swilk_matches_scipy_shapiro(do, data, n):
    st = pytest.importorskip("scipy.stats")
    rc, out, s = do(f"swilk g in 1/{n}", data.copy())
    assert rc == 0
    ref = st.shapiro(data["g"].to_numpy()[:n])
    assert s.r["N"] == n
    assert s.r["W"] == pytest.approx(ref.statistic, rel=1e-6)
    assert s.r["p"] == pytest.approx(ref.pvalue, rel=1e-5)


def test_swilk_three_observations_and_generate(do, data):
    rc, out, s = do("swilk g in 1/3, generate(a)", data.copy())
    assert rc == 0
    a = s.data.numeric("a")
    x = data["g"].to_numpy()[:3]
    assert np.allclose(a[:3][np.argsort(x)], np.sqrt(.5) * np.array([-1, 0, 1]), atol=1e-7)
    assert np.isnan(a[3:]).all()
    assert s.r["W"] == pytest.approx(np.corrcoef(x, a[:3])[0, 1] ** 2)
    assert "Note: The normal approximation to the sampling distribution of W'\n      is valid for 4<=n<=2000." in out


def test_sfrancia_by_hand(do, data):
    st = pytest.importorskip("scipy.stats")
    rc, out, s = do("sfrancia g", data.copy())
    x = np.sort(data["g"].to_numpy())
    n = x.size
    m = st.norm.ppf((np.arange(1, n + 1) - .375) / (n + .25))
    w = np.corrcoef(x, m)[0, 1] ** 2
    u = np.log(n)
    mu, sd = -1.2725 + 1.0521 * (np.log(u) - u), 1.0308 - .26758 * (np.log(u) + 2 / u)
    assert s.r["W"] == pytest.approx(w, rel=1e-12)
    assert s.r["z"] == pytest.approx((np.log(1 - w) - mu) / sd, rel=1e-10)
    assert s.r["p"] == pytest.approx(st.norm.sf((np.log(1 - w) - mu) / sd), rel=1e-8)
    assert s.r["V"] == pytest.approx((1 - w) * np.exp(-mu), rel=1e-10)


def test_layouts(do, data):
    rc, out, s = do("swilk g z s", data.copy())
    lines = out.splitlines()
    assert lines[1] == " " * 19 + "Shapiro-Wilk W test for normal data"
    assert lines[3] == "    Variable |        Obs       W           V         z       Prob>z"
    assert lines[4] == "-" * 13 + "+" + "-" * 54
    assert lines[5].startswith("           g |        120    0.")
    assert lines[7] == "           s |          0          .          .         .          ."
    rc, out, s = do("sfrancia g", data.copy())
    lines = out.splitlines()
    assert lines[1] == " " * 18 + "Shapiro-Francia W' test for normal data"
    assert lines[3] == "    Variable |       Obs       W'          V'        z       Prob>z"
    assert lines[4] == "-" * 13 + "+" + "-" * 53
    assert lines[5].startswith("           g |       120    0.")
    rc, out, s = do("swilk g in 1/20, lnnormal", data.copy())
    assert out.splitlines()[1] == " " * 9 + "Shapiro-Wilk W test for 3-parameter lognormal data"


def test_ties_ranks_and_by(do):
    x = [1.0, 2, 2, 2, 3, 4, 5, 5, 6, 7, 8, 9]
    rc, _, tied = do("swilk x", pd.DataFrame({"x": x}))
    rc2, _, untied = do("swilk x, not", pd.DataFrame({"x": x}))
    assert rc == rc2 == 0 and tied.r["W"] != untied.r["W"]
    rc, out, _ = do("by k: swilk g", pd.DataFrame({"k": np.repeat([1, 2], 30), "g": np.arange(60.0) ** 2}))
    assert rc == 0 and out.count("Shapiro-Wilk W test") == 2


def test_errors(do, data):
    rc, out, s = do("swilk nosuch", data.copy())
    assert rc == 111 and "variable nosuch not found" in out
    rc, out, s = do("swilk g, generate(z)", data.copy())
    assert rc == 110 and "variable z already defined" in out
    rc, out, s = do("swilk g, bogus", data.copy())
    assert rc == 198
    rc, out, s = do("sfrancia s", data.copy())
    assert rc == 109
    rc, out, s = do("sfrancia g in 1/9", data.copy())
    assert rc == 0 and np.isnan(s.r["W"])
    assert "valid for 10<=n<=5000 under the log transformation." in out
