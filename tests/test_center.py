"""``center`` (Ben Jann, SSC): centered/standardized copies, group-wise under by -- the values
against means and standard deviations computed here with numpy from the help's formulas
(summarize's weight rules), the names, types, labels and the errors."""
from __future__ import annotations


import numpy as np
import pytest


SETUP = """set obs 40
gen g = mod(_n, 3)
gen x = mod(_n*7, 11) + _n/10
replace x = . in 5
gen y = sqrt(_n) - 2
replace y = . in 9
gen w = 1 + mod(_n, 4)
label variable x "The x"
"""


@pytest.fixture()
def session(new_session, run):
    s = new_session()
    assert run(s, SETUP)[1] == 0
    return s


def _f(a):
    return np.asarray(a, dtype=np.float32).astype(float)


def test_grand_mean_centering_and_labels(session, run):
    s = session
    out, rc = run(s, "center x y", echo=True, stop_on_error=False)
    assert rc == 0, out
    ds = s.data
    x, y = ds.numeric("x"), ds.numeric("y")
    for v, name in ((x, "c_x"), (y, "c_y")):
        ok = ~np.isnan(v)
        expect = np.where(ok, v - v[ok].sum() / ok.sum(), np.nan)
        np.testing.assert_allclose(ds.numeric(name), _f(expect), rtol=1e-6, atol=1e-6, equal_nan=True)
        assert ds.types[name] == "float"
    assert ds.var_labels["c_x"] == "The x (centered)" and ds.var_labels["c_y"] == "y (centered)"
    assert out.strip().splitlines() == [". center x y"]  # nothing printed


def test_casewise_standardize_meansave_sdsave(session, run):
    s = session
    out, rc = run(s, "center x y in 2/35, casewise standardize double prefix(z_) meansave sdsave(sd_)", echo=True, stop_on_error=False)
    assert rc == 0, out
    ds = s.data
    x, y = ds.numeric("x"), ds.numeric("y")
    rows = np.zeros(ds.nobs, bool)
    rows[1:35] = True
    rows &= ~np.isnan(x) & ~np.isnan(y)
    for v, name in ((x, "x"), (y, "y")):
        mean, sd = v[rows].mean(), v[rows].std(ddof=1)
        np.testing.assert_allclose(ds.numeric(f"z_{name}"), np.where(rows, (v - mean) / sd, np.nan),
                                   rtol=1e-12, atol=1e-12, equal_nan=True)
        np.testing.assert_allclose(ds.numeric(f"m_{name}"), np.where(rows, mean, np.nan), rtol=1e-12, equal_nan=True)
        np.testing.assert_allclose(ds.numeric(f"sd_{name}"), np.where(rows, sd, np.nan), rtol=1e-12, equal_nan=True)
        assert ds.types[f"z_{name}"] == "double"
    assert ds.var_labels["z_x"] == "The x (standardized)"


def test_by_group_mean_centering_and_generate(session, run):
    s = session
    out, rc = run(s, "sort g, stable\nby g: center x, generate(xw) meansave(xbar) nolabel", echo=True, stop_on_error=False)
    assert rc == 0, out
    ds = s.data
    x, g = ds.numeric("x"), ds.numeric("g")
    for level in (0, 1, 2):
        rows = (g == level) & ~np.isnan(x)
        np.testing.assert_allclose(ds.numeric("xw")[rows], _f(x[rows] - x[rows].mean()), rtol=1e-6, atol=1e-6)
        np.testing.assert_allclose(ds.numeric("xbar")[rows], _f(np.full(rows.sum(), x[rows].mean())), rtol=1e-7)
    assert np.isnan(ds.numeric("xw")[np.isnan(x)]).all() and "xw" not in ds.var_labels
    out, rc = run(s, "sort x\nby g: center y", echo=True, stop_on_error=False)
    assert rc == 5 and "not sorted" in out


@pytest.mark.parametrize("kind", ["fweight", "iweight", "aweight", "pweight"])
def test_weighted_standard_deviations_follow_summarize(session, kind, run):
    s = session
    out, rc = run(s, f"center x [{kind}=w], standardize double generate(zx)", echo=True, stop_on_error=False)
    assert rc == 0, out
    ds = s.data
    x, w = ds.numeric("x"), ds.numeric("w")
    ok = ~np.isnan(x)
    W, n = w[ok].sum(), ok.sum()
    mu = (w[ok] * x[ok]).sum() / W
    denominator = W - 1 if kind[0] in "fi" else W - W / n
    sd = np.sqrt((w[ok] * (x[ok] - mu) ** 2).sum() / denominator)
    np.testing.assert_allclose(ds.numeric("zx")[ok], (x[ok] - mu) / sd, rtol=1e-12)


@pytest.mark.parametrize("command, rc, message", [
    ("center x", 110, "variable c_x already defined"),
    ("center x y, generate(a)", 103, "too many variables specified"),
    ("center x, generate(a) prefix(b_)", 198, "options prefix() and generate() may not be combined"),
    ("center x, theta(.5)", 198, "option theta not allowed in mlm's center"),
    ("center x [fw=x], gen(a)", 401, "may not use noninteger frequency weights"),
    ("center s", 109, "s is a string variable"),
    ("center", 100, "varlist required"),
    ("center nosuch", 111, "variable nosuch not found"),
])
def test_errors_leave_the_data_alone(session, command, rc, message, run):
    s = session
    assert run(s, 'gen str1 s = "a"\ncenter x', echo=True, stop_on_error=False)[1] == 0
    before = list(s.data.varnames)
    out, got = run(s, command, echo=True, stop_on_error=False)
    assert got == rc and message in out
    assert list(s.data.varnames) == before


def test_replace_overwrites(session, run):
    s = session
    assert run(s, "center x\ncenter x if g == 1, replace", echo=True, stop_on_error=False)[1] == 0
    ds = s.data
    x, g = ds.numeric("x"), ds.numeric("g")
    rows = (g == 1) & ~np.isnan(x)
    assert np.isnan(ds.numeric("c_x")[~rows]).all()
    np.testing.assert_allclose(ds.numeric("c_x")[rows], _f(x[rows] - x[rows].mean()), rtol=1e-6, atol=1e-6)
