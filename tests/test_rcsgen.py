"""``rcsgen`` (community command) and ``mlmcli.splines``: knots, basis, orthogonalisation,
messages, r() and refusals."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from mlmcli.splines import centile_knots, orthogonalise, restricted_cubic_basis


def test_basis_by_hand_and_linear_outside_the_boundary_knots():
    knots = [0.0, 1.0, 3.0, 4.0]
    x = np.array([-1.0, 0.5, 2.0, 5.0, 6.0])
    z = restricted_cubic_basis(x, knots)
    # z2 at x=2: (2-1)^3 - (3/4)(2-0)^3 = 1 - 6 = -5;  z3: -(1/4)*8 = -2
    assert z.shape == (5, 3) and z[2, 1] == pytest.approx(-5.0) and z[2, 2] == pytest.approx(-2.0)
    assert np.all(z[0, 1:] == 0)  # below k_min
    grid = np.linspace(4.5, 9, 10)
    second = np.diff(restricted_cubic_basis(grid, knots)[:, 1:], 2, axis=0)
    assert np.allclose(second, 0, atol=1e-7)  # linear above k_max


def test_centile_knots_and_orthogonalisation():
    x = np.arange(1.0, 21.0)
    knots = centile_knots(x, 4)
    assert knots == [1.0, 5.5, 10.5, 15.5, 20.0]  # _pctile: mean of x[5], x[6] at p=25 with n=20
    z = restricted_cubic_basis(x, knots)
    q, r = orthogonalise(z)
    n = len(x)
    assert np.allclose(q.mean(axis=0), 0) and np.allclose(q.T @ q / n, np.eye(4))
    assert np.allclose(np.column_stack([q, np.ones(n)]) @ r, np.column_stack([z, np.ones(n)]))
    assert np.allclose(np.tril(r[:4, :4], -1), 0) and r[4, 4] == 1


def test_rcsgen_command(do):
    df = pd.DataFrame({"age": [np.nan] + list(np.arange(1.0, 21.0))})
    rc, out, s = do("rcsgen age, df(4) gen(age_s) orthog", df=df.copy())
    assert rc == 0, out
    assert out == "Variables age_s1 to age_s4 were created\n"
    assert s.r["knots"] == "1 5.5 10.5 15.5 20" and s.r["rcslist"] == "age_s1 age_s2 age_s3 age_s4"
    assert s.r["R"].values.shape == (5, 5) and s.r["R"].rownames[0] == "r1"
    assert s.data.types["age_s1"] == "double" and np.isnan(s.data.numeric("age_s1")[0])
    q = np.column_stack([s.data.numeric(f"age_s{j}")[1:] for j in range(1, 5)])
    assert np.allclose(q.T @ q / 20, np.eye(4))
    rc, out, s = do("rcsgen age if age > 2, knots(15 5 10) gen(k)", df=df.copy())
    assert s.r["knots"] == "5 10 15" and list(s.data.df.columns) == ["age", "k1", "k2"]
    assert np.isnan(s.data.numeric("k1")[2]) and s.data.numeric("k1")[3] == 3
    rc, out, s = do("rcsgen age, percentiles(0 50 100) gen(p)", df=df.copy())
    assert s.r["knots"] == "1 10.5 20"
    rc, out, s = do("rcsgen age, gen(only)", df=df.copy())
    assert out.splitlines()[1].startswith("Warning: Only only1 has been created")


def test_rcsgen_errors_change_nothing(do):
    df = pd.DataFrame({"age": np.arange(1.0, 21.0), "s": ["a"] * 20})
    assert do("rcsgen age, df(3)", df=df.copy())[:2] == (198, "Must specify name for cubic splines basis\nr(198);\n")
    assert do("rcsgen age, df(3) knots(5 10) gen(a)", df=df.copy())[0] == 198
    assert do("rcsgen age, knots(5 10) bknots(1 20) gen(a)", df=df.copy())[0] == 198
    assert do("rcsgen age, df(3) gen(a) dgen(d)", df=df.copy())[0] == 198
    assert do("rcsgen s, df(3) gen(a)", df=df.copy())[0] == 109
    assert do("rcsgen, df(3) gen(a)", df=df.copy())[0] == 100
    rc, out, s = do("gen a2 = 1\nrcsgen age, df(3) gen(a)", df=df.copy())
    assert rc == 110 and list(s.data.df.columns) == ["age", "s", "a2"]
