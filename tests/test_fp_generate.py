"""fp generate (Stata 13's fp.ado, its Mata fp_generate, fill_in_fracpoly, label_terms): the terms
against numpy from the definitions (x = (v + a)/b, x^p, ln x, x^p ln(x)^k, centring at the mean
of x or at a value), the names, types, labels, notes and r(), the errors, and the refusals of the
fp prefix, fp predict and fp plot."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


@pytest.fixture(scope="module")
def data():
    rng = np.random.default_rng(7613)
    x = rng.uniform(0.5, 60, 80).round(2)
    return pd.DataFrame({"x": x, "w": x - 10, "y": rng.normal(size=80)})


def _col(session, name):
    return session.data.numeric(name)


def test_repeated_powers_float_by_default(do, data):
    rc, out, session = do("fp generate x^(2 -2 2)", df=data)
    assert rc == 0 and out.strip() == "", out
    x = data["x"].to_numpy()
    expected = [x ** -2.0, x ** 2.0, x ** 2.0 * np.log(x)]  # the powers sorted: -2 2 2
    for i, e in enumerate(expected, start=1):
        name = f"x_{i}"
        assert session.data.types[name] == "float"
        np.testing.assert_array_equal(_col(session, name), e.astype(np.float32).astype(float))
        assert session.data.var_labels[name] == f"term {i} x^(-2 2 2)"
    r = session.r
    assert r["fp_terms"] == "x_1 x_2 x_3" and r["fp_variable"] == "x"
    assert r["fp_cmdline"] == "fp generate x^(2 -2 2)"
    assert (r["fp_scale_a"], r["fp_scale_b"], r["fp_center_mean"]) == (0.0, 1.0, 0.0)
    np.testing.assert_array_equal(np.asarray(r["fp_fp"].values), [[-2.0, 2.0, 2.0]])


def test_type_stub_center_and_if(do, data):
    rc, out, session = do("fp gen double q = x^(0 .5 .5) if y > 0, center", df=data)
    assert rc == 0, out
    x, keep = data["x"].to_numpy(), data["y"].to_numpy() > 0
    c = x[keep].mean()
    lx = np.log(x)
    expected = [lx - np.log(c), x ** .5 - c ** .5, x ** .5 * lx - c ** .5 * np.log(c)]
    for i, e in enumerate(expected, start=1):
        got = _col(session, f"q_{i}")
        assert session.data.types[f"q_{i}"] == "double"
        np.testing.assert_allclose(got[keep], e[keep], rtol=1e-12, atol=1e-12)
        assert np.all(np.isnan(got[~keep]))
    assert session.r["fp_center_mean"] == pytest.approx(c, rel=1e-12)


def test_automatic_scale_and_centre(do, data):
    rc, out, session = do("fp gen w^(-1 3), scale center", df=data)
    assert rc == 0, out
    w = data["w"].to_numpy()
    gaps = np.diff(np.unique(w))
    a = gaps.min() - w.min()  # the smallest gap minus the minimum (w has values <= 0)
    b = 10.0 ** np.floor(np.log10(np.ptp(w)))
    z = (w + a) / b
    c = z.mean()
    np.testing.assert_allclose(_col(session, "w_1"), (z ** -1 - c ** -1).astype(np.float32), rtol=1e-6)
    np.testing.assert_allclose(_col(session, "w_2"), (z ** 3 - c ** 3).astype(np.float32), rtol=1e-6)
    r = session.r
    assert r["fp_scale_a"] == pytest.approx(a, rel=1e-12) and r["fp_scale_b"] == b == 10
    assert r["fp_center_mean"] == pytest.approx(c, rel=1e-12)
    rc, out, session = do("notes w_1 w_2", session=session)
    assert "1. fp term 1 of x^(-1 3), where x is w scaled and centered." in out
    assert "2. Scaling was automatic: x = (w+a)/b where a=" in out
    assert "4. Fractional polynomial variables created by fp generate w^(-1 3), scale center" in out
    assert "2. See notes 2-4 on variable w_1." in out


def test_user_scale_and_centre_in_range(do, data):
    rc, out, session = do("fp gen x^(1 2) in 1/5, scale(1 10) center(20)", df=data)
    assert rc == 0, out
    x = data["x"].to_numpy()[:5]
    z, c = (x + 1) / 10, (20 + 1) / 10
    np.testing.assert_allclose(_col(session, "x_1")[:5], (z - c).astype(np.float32), rtol=1e-6)
    np.testing.assert_allclose(_col(session, "x_2")[:5], (z ** 2 - c ** 2).astype(np.float32), rtol=1e-6)
    assert np.all(np.isnan(_col(session, "x_1")[5:]))
    assert session.r["fp_center_mean"] == pytest.approx(c)


def test_errors_leave_the_data(do, data):
    rc, out, session = do("fp gen x^(1 2)\nfp gen x^(3)", df=data)
    assert rc == 110 and "variables x_1 x_2 already exist" in out
    assert "Specify option replace to allow dropping these variables." in out
    rc, out, session = do("fp gen x^(3), replace", session=session)
    assert rc == 0 and "x_2" not in session.data.varnames
    np.testing.assert_allclose(_col(session, "x_1"), (data["x"].to_numpy() ** 3).astype(np.float32), rtol=1e-7)
    before = list(session.data.varnames)
    rc, out, session = do("fp gen w^(1), replace", session=session)
    assert rc == 498 and out.startswith("w incorrectly scaled") and list(session.data.varnames) == before
    rc, out, _ = do("fp gen x^(1 a)", df=data)
    assert rc == 198 and "fractional-power expression invalid" in out


@pytest.mark.parametrize("line, message, code", [
    ("fp", "last estimates not found", 301),
    ("fp postest", "fp postest is not implemented in mlm", 199),
    ("fp foo", "fp foo:  unknown fp subcommand foo", 198),
    ("fp gen x^(1), zero", "fp generate's option zero is not implemented in mlm", 198),
    ("fp gen x^(1), catzero", "fp generate's option catzero is not implemented in mlm", 198),
])
def test_refusals(do, data, line, message, code):
    rc, out, session = do(line, df=data)
    assert rc == code and message in out
    assert "x_1" not in session.data.varnames
