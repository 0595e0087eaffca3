"""``xi`` alone and as a prefix: the indicator variables (names, labels, storage, the
omitted category), the report lines of Stata's xi.ado, interactions with factors and
continuous variables, the command it runs, and dropping an earlier xi's variables."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


@pytest.fixture
def df():
    rng = np.random.default_rng(2)
    g = np.tile([1.0, 2.0, 3.0, 4.0], 10)
    h = np.repeat([0.0, 1.0], 20)
    x = rng.normal(size=40)
    return pd.DataFrame({"y": g + h + x + rng.normal(size=40), "g": g, "h": h, "x": x,
                         "s": np.tile(["b", "a"], 20)})


def test_xi_alone_makes_dummies(do, df):
    rc, out, s = do("xi i.g", df=df)
    assert rc == 0, out
    assert out == "i.g               _Ig_1-4             (naturally coded; _Ig_1 omitted)\n"
    d = s.data
    assert [c for c in d.df.columns if c.startswith("_I")] == ["_Ig_2", "_Ig_3", "_Ig_4"]
    assert d.types["_Ig_2"] == "byte" and d.var_labels["_Ig_3"] == "g==3"
    np.testing.assert_array_equal(d.df["_Ig_4"], (df.g == 4).astype(float))


def test_xi_prefix_runs_the_command(do, df):
    rc, out, s = do("xi: regress y i.g x", df=df)
    assert rc == 0, out
    assert s.e.matrices["b"].colnames == ("_Ig_2", "_Ig_3", "_Ig_4", "x", "_cons")
    rc2, out2, s2 = do("regress y i.g x", df=df)
    np.testing.assert_allclose(s.e.coefficients().b[:3], s2.e.coefficients().b[1:4])


def test_interactions(do, df):
    rc, out, s = do("xi: regress y i.g*i.h", df=df)
    assert rc == 0, out
    lines = out.splitlines()
    assert lines[2] == "i.g*i.h           _IgXh_#_#           (coded as above)"
    names = s.e.matrices["b"].colnames
    assert "_IgXh_2_1" in names and s.data.var_labels["_IgXh_3_1"] == "g==3 & h==1"
    rc, out, s = do("xi: regress y i.g*x", df=df)
    assert "_IgXx_2" in s.e.matrices["b"].colnames and "x" in s.e.matrices["b"].colnames
    assert s.data.var_labels["_IgXx_2"] == "(g==2)*x"
    rc, out, s = do("xi: regress y i.g|x", df=df)
    assert s.e.matrices["b"].colnames[:1] == ("x",) and "_Ig_2" not in s.e.matrices["b"].colnames


def test_string_variable_and_rerun_drops_old_dummies(do, df):
    rc, out, s = do("xi i.s\nxi i.g", df=df)
    assert rc == 0, out
    assert "i.s               _Is_1-2             (_Is_1 for s==a omitted)" in out
    assert "_Is_2" not in s.data.df.columns and "_Ig_2" in s.data.df.columns


def test_refusals(do, df):
    rc, out, _ = do("xi, prefix(_long) : regress y i.g", df=df)
    assert rc == 198 and "prefix() invalid; stub name too long ( >4 )" in out
    rc, out, _ = do("xi i.g|i.h", df=df)
    assert rc == 198 and "I.xxx|I.yyy not allowed" in out
