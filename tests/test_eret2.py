"""eret2 (Ben Jann's SSC command, eret2.ado 1.0.0): adds a scalar, macro or matrix to the
current e() from a do-file; a name e() holds needs ``replace`` (r(110)); the type word
abbreviates to three letters, anything else is r(198).  Values against numpy/statsmodels."""
from __future__ import annotations

import numpy as np
import pandas as pd
import statsmodels.api as sm


def _data(n=300, seed=11):
    rng = np.random.default_rng(seed)
    g = np.repeat(np.arange(1, 31), n // 30)
    x = rng.normal(size=n)
    y = 1 + 0.5 * x + rng.normal(size=30)[g - 1] + rng.normal(size=n)
    return pd.DataFrame({"g": g, "x": x, "y": y})


def test_scalar_from_r_and_e_then_outreg2_sees_it(do, tmp_path):
    df = _data()
    fit = sm.OLS(df["y"], sm.add_constant(df["x"])).fit()
    out = tmp_path / "t.txt"
    rc, printed, s = do(f"""regress y x
quietly summarize y if e(sample)==1
eret2 scalar mean_y=r(mean)
eret2 scalar adj_R2 = e(r2_a)
eret2 sca effect= exp(_b[x])-1
eret2 loc note two words
outreg2 using "{out}", replace keep(x) dec(3) e(mean_y adj_R2)""", df)
    assert rc == 0, printed
    assert s.e.scalars["mean_y"] == np.float64(df["y"].mean()) or \
        abs(s.e.scalars["mean_y"] - df["y"].mean()) < 1e-12
    assert abs(s.e.scalars["adj_R2"] - fit.rsquared_adj) < 1e-10
    assert abs(s.e.scalars["effect"] - (np.exp(fit.params["x"]) - 1)) < 1e-10
    assert s.e.macros["note"] == "two words"
    assert abs(s.e.matrices["b"].values[0][0] - fit.params["x"]) < 1e-10   # the fit itself kept
    text = out.read_text()
    assert "mean_y" in text and f"{fit.rsquared_adj:.3f}" in text


def test_existing_name_needs_replace(do):
    df = _data()
    rc, printed, s = do("regress y x\neret2 scalar m = 1\neret2 scalar m = 2", df)
    assert rc == 110 and "e(m) already defined" in printed
    assert s.e.scalars["m"] == 1
    rc, printed, s = do("regress y x\neret2 scalar N = 5", df)       # e(N) is there already
    assert rc == 110 and "e(N) already defined" in printed
    rc, printed, s = do("regress y x\neret2 scalar m = 1\neret2 scalar m = 2, replace", df)
    assert rc == 0 and s.e.scalars["m"] == 2
    rc, printed, s = do("regress y x\neret2 local cmd other", df)
    assert rc == 110 and "e(cmd) already defined" in printed


def test_type_word_and_matrix(do):
    df = _data()
    rc, printed, _ = do("regress y x\neret2 sc m = 1", df)             # fewer than three letters
    assert rc == 198 and "'sc' not allowed" in printed
    rc, printed, _ = do("regress y x\neret2 values m = 1", df)
    assert rc == 198 and "'values' not allowed" in printed
    rc, printed, s = do("regress y x\nmatrix M = (1, 2 \\ 3, 4)\neret2 matrix b2 = M, copy\neret2 mat M = M", df)
    assert rc == 0, printed
    rc, printed, _ = do("matrix list M", session=s)                    # moved into e(), as ereturn does
    assert rc == 111
    np.testing.assert_allclose(np.asarray(s.e.matrices["M"].values, float), [[1, 2], [3, 4]])
    np.testing.assert_allclose(np.asarray(s.e.matrices["b2"].values, float), [[1, 2], [3, 4]])
    rc, printed, _ = do("regress y x\nmatrix B = (1, 2)\neret2 matrix b = B, replace", df)
    assert rc == 198                                                   # ereturn matrix's rule on b


def test_xtivreg_first_stage_f(do):
    df = _data()
    df["z"] = df["x"] + np.random.default_rng(3).normal(size=len(df))
    rc, printed, s = do("xtset g\nxtivreg y (x = z), fe\neret2 scalar F_test=e(F_f)", df)
    assert rc == 0, printed
    assert s.e.scalars["F_test"] == s.e.scalars["F_f"]
