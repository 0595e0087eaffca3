"""Failures found by round 2 of the fuzz (tests/fuzz_commands.py with the round-2 data shapes,
operators and prefixes; tests/fuzz_control_flow.py), each now Stata's output or Stata's error
with its return code, in bounded time, the data left as they were (docs/command_fuzz.md)."""
from __future__ import annotations

import numpy as np
import pytest

# (shape, setup, line, rc) as the fuzz ran them: no finding (internal error, hang, data change)
FOUND = [
    # a regressor predicting the outcome within groups: the likelihood climbs to 0; ml's
    # ltolerance is relative to |ll| + 1, so the fit stops instead of 300 rounding-level iterations
    ("full", ("xtset g t",), "xtlogit b i.b x1, fe", 0),
    ("holes", (), "mkspline s 9999999 = t2", 908),  # ten million variables before: a hang
    ("magnitudes", (), "compress", 0),
    ("magnitudes", (), "statsby m=r(mean), by(f) nodots: jackknife, nodots: mixed m i.f#c.x1", 0),
    ("magnitudes", (), "symplot y if g == 1, noconstant", 198),
    # centile.ado with no observations gives a missing centile (IndexError before)
    ("full", ("stset t2",), "mkspline stubname 2 = y if 0, marginal pctile displayknots", 0),
    # the weighted least-squares steps stop once the weights settle (_qregwls.ado): a hang before
    ("dates", ("local n 3",), "iqreg t if `n' > 2, nodots nolog wlsiter(1e300) wlsiter(1e300)", 0),
    # each outcome once in a group: the robust V of the diverged fit is missing, so is its Wald
    # test (the SVD of a matrix with NaN failed: LinAlgError, r(9999))
    ("full", (), "bys g: mlogit t g x2 i.g, robust", 0),
    # a count of 1e300 is a whole number held as a Python int: scipy's t tail took no such df
    ("one", (), "ttesti 1e300 2 0 2147483648 9999999 1", 0),
]


@pytest.mark.parametrize("shape,setup,line,rc", FOUND, ids=[f[2] for f in FOUND])
def test_round2_lines_run_as_stata_does(tmp_path, monkeypatch, shape, setup, line, rc):
    import fuzz_commands as fc

    monkeypatch.setattr(fc, "LIMIT", 15.0)
    fc.assert_line_runs(str(tmp_path), shape, setup, line, rc)


def test_clogit_stops_where_the_likelihood_reaches_zero(do):
    # ml's ltolerance: |ll - ll_prev| / (|ll_prev| + 1) <= 1e-7 (as the typed-tolerance rule and
    # glm's); the relative change without the + 1 never falls as ll -> 0 geometrically
    import pandas as pd

    df = pd.DataFrame({"g": np.repeat([1.0, 2, 3], 4), "b": [0.0, 1, 0, 1] * 3,
                       "x": [0.3, 1.2, -0.4, 0.8, 0.1, 0.9, -1.0, 0.5, 0.2, 1.1, -0.2, 0.7]})
    rc, out, s = do("clogit b x, group(g)", df=df)
    assert rc == 0, out
    assert s.e.scalars["converged"] == 1 and -1e-6 < s.e.scalars["ll"] <= 0
    assert s.e.scalars["ic"] < 40


def test_statsby_result_beyond_float_range_is_missing(do):
    # statsby stores results as float by default: a mean of 1e150 does not fit, so it is
    # missing (as a float variable holds it), without a floating-point error; double keeps it
    import pandas as pd

    df = pd.DataFrame({"g": [1.0, 1, 2, 2], "y": [1e150, 3e150, 1.0, 2.0]})
    rc, out, s = do("statsby m=r(mean), by(g) clear: summarize y", df=df)
    assert rc == 0, out
    assert np.isnan(s.data.df["m"][0]) and s.data.df["m"][1] == 1.5
    rc, out, s = do("statsby m=r(mean), by(g) clear double: summarize y", df=df)
    assert rc == 0 and s.data.df["m"][0] == 2e150, out


def test_mkspline_more_knots_than_matsize_fails_before_making_variables(do):
    # mkspline.ado's J(1, n-1, 0) is limited by c(matsize) (400 by default): the fuzz's
    # `mkspline s 9999999 = t2` made ten million variables (a hang)
    import pandas as pd

    df = pd.DataFrame({"x": np.arange(10.0)})
    rc, out, s = do("mkspline s 9999999 = x", df=df)
    assert rc == 908 and "matsize too small" in out
    assert list(s.data.df.columns) == ["x"]
    rc, out, s = do("set matsize 10\nmkspline s 12 = x", df=df)
    assert rc == 908 and "currently 10." in out
    rc, out, s = do("set matsize 10\nmkspline s 11 = x", df=df)  # ten knots fit
    assert rc == 0 and "s11" in s.data.df.columns, out


def test_compress_keeps_a_double_beyond_float_range(do):
    import pandas as pd

    rc, out, s = do("generate double y = cond(_n == 1, 1e150, 2.5)\ngenerate double h = _n - 0.5\ncompress",
                    df=pd.DataFrame({"k": [1.0, 2.0]}))
    assert rc == 0, out
    assert s.data.types["y"] == "double" and s.data.types["h"] == "float"


def _grouped_frame():
    import pandas as pd

    rng = np.random.default_rng(11)
    n = 60
    g = np.repeat(np.arange(1.0, 7.0), 10)
    x = rng.normal(size=n)
    return pd.DataFrame({"f": np.tile([1.0, 2.0], n // 2), "g": g, "x": x,
                         "y": 1 + 0.5 * x + rng.normal(size=g.size) + g / 3})


def test_statsby_of_a_jackknifed_mixed_fit_is_the_group_fit(do):
    # statsby's group is an `if` on the command (statsby.ado): jackknife resamples that group's
    # rows; the replicates ran with statsby's mask over all rows (ValueError, r(9999))
    rc, out, s = do("statsby _b _se, by(f) clear nodots: jackknife, nodots: mixed y x || g:", df=_grouped_frame())
    assert rc == 0, out
    by_group = s.data.df
    rc, out, s = do("jackknife, nodots: mixed y x if f == 2 || g:", df=_grouped_frame())
    assert rc == 0, out
    b, V = s.e.matrices["b"].values[0], s.e.matrices["V"].values
    row = by_group[by_group["f"] == 2].iloc[0]
    assert np.isclose(row["y_b_x"], b[0], rtol=1e-6) and np.isclose(row["y_se_x"], np.sqrt(V[0, 0]), rtol=1e-5)


def test_statsby_of_a_bootstrapped_r_class_command_is_the_group_statistic(do):
    # the replicates draw from the group's rows (as `bootstrap ...: summarize y if f == 2`), not
    # from every row with statsby's mask laid over the drawn positions
    line = "statsby m=_b[m] se=_se[m], by(f) clear nodots: bootstrap m=r(mean), reps(5) seed(1) nodots: summarize y"
    rc, out, s = do(line, df=_grouped_frame())
    assert rc == 0, out
    means = _grouped_frame().groupby("f")["y"].mean().to_numpy()
    assert np.allclose(s.data.df["m"].to_numpy(), means, rtol=1e-6)
    by_group = s.data.df
    rc, out, s = do("bootstrap m=r(mean), reps(5) seed(1) nodots: summarize y if f == 2", df=_grouped_frame())
    assert rc == 0, out
    assert np.isclose(by_group["se"][1], np.sqrt(s.e.matrices["V"].values[0, 0]), rtol=1e-5)


def test_symplot_of_values_beyond_float_range(do):
    # the ado's plotted variables are floats: 1e150 does not fit (missing), no cast overflow
    import pandas as pd

    rc, out, s = do("symplot y", df=pd.DataFrame({"y": [1e150, -2e150, 3.0, 5e149, 1.0]}))
    assert rc == 0, out


def test_mkspline_pctile_with_no_observations_has_a_missing_knot(do):
    import pandas as pd

    rc, out, s = do("mkspline q 3 = y if 0, pctile displayknots", df=pd.DataFrame({"y": [1.0, 2.0, 3.0]}))
    assert rc == 0, out
    knots = next(line for line in out.splitlines() if line.strip().startswith("y |"))
    assert knots.split("|")[1].split() == [".", "."]
    assert s.data.df[["q1", "q2", "q3"]].isna().all().all()


def test_qreg_wls_steps_stop_once_the_weights_settle():
    from mlmcli.robust.quantile_regression import wls_steps

    rng = np.random.default_rng(2)
    x = rng.normal(size=50)
    X = np.column_stack([x, np.ones(50)])
    y = 1 + x + rng.standard_t(3, size=50)
    log = wls_steps(y, X, 0.5, np.ones(50), 10 ** 12)
    assert 1 < len(log) < 1000
    assert wls_steps(y, X, 0.5, np.ones(50), 3) == log[:3]
