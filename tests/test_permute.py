"""permute: c, n, p, SE and the exact binomial interval recomputed from the saved permutations
(scipy's binomtest interval), the permuted values really permuted, layout as permute.ado shows
it, the data restored, and errors."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


@pytest.fixture
def data():
    rng = np.random.default_rng(3)
    g = np.repeat([0.0, 1.0], 15)
    return pd.DataFrame({"g": g, "y": rng.normal(size=30) + .5 * g, "s": np.tile([1.0, 2.0], 15)})


@pytest.mark.parametrize("side", ["", "left", "right"])
def test_counts_and_interval_from_the_permutations(do, data, tmp_path, side):
    st = pytest.importorskip("scipy.stats")
    target = tmp_path / "perm.dta"
    rc, out, s = do(f'permute g z=r(z) m=r(sum_obs), reps(80) seed(4) {side} saving("{target}"): ranksum y, by(g)',
                    data.copy())
    assert rc == 0
    saved = s.r  # permute's r()
    _, _, t = do(f'use "{target}", clear')
    z = t.data.numeric("z")
    obs = saved["b"].values[0, 0]
    hits = {"": np.abs(z) >= abs(obs) - 1e-7, "left": z <= obs + 1e-7, "right": z >= obs - 1e-7}[side]
    c, n = int(hits.sum()), z.size
    assert (saved["c"].values[0, 0], saved["reps"].values[0, 0]) == (c, n)
    assert saved["p"].values[0, 0] == pytest.approx(c / n)
    assert saved["se"].values[0, 0] == pytest.approx(np.sqrt(c / n * (1 - c / n) / n))
    ci = st.binomtest(c, n).proportion_ci(0.95, method="exact")
    assert saved["ci"].values[0, 0] == pytest.approx(ci.low, abs=1e-10)
    assert saved["ci"].values[1, 0] == pytest.approx(ci.high, abs=1e-10)
    # the rank sums of a permuted g are those of random halves: never all the same
    assert len(set(np.round(t.data.numeric("m"), 6))) > 5
    assert s.data.df.equals(data) or np.allclose(s.data.numeric("y"), data["y"])


def test_layout(do, data):
    rc, out, s = do("permute g r(z), reps(20) seed(1): ranksum y, by(g)", data.copy())
    lines = out.splitlines()
    k = lines.index("Permutation replications (20)")
    assert lines[k + 2] == "." * 20 + " " * 30 + "    20"
    head = [ln for ln in lines if ln.startswith("Monte Carlo permutation results")][0]
    assert head == "Monte Carlo permutation results".ljust(48) + "Number of obs".ljust(19) + "=" + "30".rjust(10)
    j = lines.index("      command:  ranksum y, by(g)")
    assert lines[j + 1] == "        _pm_1:  r(z)"
    assert lines[j + 2] == "  permute var:  g"
    assert lines[j + 4] == "-" * 78
    assert lines[j + 5] == "T            |     T(obs)       c       n   p=c/n   SE(p) [95% Conf. Interval]"
    assert lines[j + 6] == "-" * 13 + "+" + "-" * 64
    assert lines[j + 7].startswith("       _pm_1 |")
    assert lines[j + 9] == "Note: Confidence interval is with respect to p=c/n."
    assert lines[j + 10] == "Note: c = #{|T| >= |T(obs)|}"


def test_strata_keep_each_stratum(do, data, tmp_path):
    target = tmp_path / "p.dta"
    # the mean of g within s == 1 never changes when g is permuted within s
    rc, out, s = do(f'permute g m=r(mean), reps(15) strata(s) saving("{target}"): summarize g if s == 1', data.copy())
    assert rc == 0 and "Number of strata" in out
    _, _, t = do(f'use "{target}", clear')
    assert np.allclose(t.data.numeric("m"), data["g"][data["s"] == 1].mean())


@pytest.mark.parametrize("text, rc, message", [
    ("permute g r(z), reps(0): ranksum y, by(g)", 198, "reps() must be a positive integer"),
    ("permute g r(z), left right: ranksum y, by(g)", 198, "only one of left or right can be specified"),
    ("permute nosuch r(z): ranksum y, by(g)", 111, "variable nosuch not found"),
    ("permute g, reps(5): ranksum y, by(g)", 100, "expression list required"),
    ("permute g r(z), strata(g): ranksum y, by(g)", 198, "may not be specified in strata()"),
    ("permute g r(z), noisily: ranksum y, by(g)", 198, "not supported by mlmcli"),
    ("permute g r(nosuch), reps(5): ranksum y, by(g)", 322, "'r(nosuch)' evaluated to missing in full sample"),
    ("permute g r(z), reps(5): ranksum nosuch, by(g)", 111, "an error occurred when permute executed ranksum"),
])
def test_errors(do, data, text, rc, message):
    got, out, s = do(text, data.copy())
    assert got == rc and message in out
    assert np.allclose(s.data.numeric("g"), data["g"])


def test_clears_e(do, data):
    rc, out, s = do("regress y g\npermute g b=_b[g], reps(5) nodots: regress y g", data.copy())
    assert rc == 0 and s.e is None and s.r["N"] == 30
