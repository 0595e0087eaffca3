"""generate, replace, egen: storage types, messages, by-groups, errors."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mlmcli.dataset import Dataset


def data() -> Dataset:
    ds = Dataset(df=pd.DataFrame({
        "g": [1.0, 1.0, 2.0, 2.0, 2.0, 3.0],
        "x": [1.0, 3.0, 2.0, 4.0, np.nan, 5.0],
        "name": np.array(["a", "bb", "a", "c", "", "a"], dtype=object),
    }))
    ds.types.update(g="byte", x="double", name="str2")
    return ds


def test_generate_types_and_messages(new_session, run):
    s = new_session(data())
    assert run(s, "gen y = x * 2") == ("(1 missing value generated)\n", 0)
    assert s.data.types["y"] == "float"
    run(s, "gen double z = x / 3")
    assert s.data.types["z"] == "double" and s.data.numeric("z")[0] == 1 / 3
    run(s, "gen f = x / 3")
    assert s.data.numeric("f")[0] == float(np.float32(1 / 3))  # float storage
    assert run(s, "gen byte b = x + 0.7 if g == 2") == ("(4 missing values generated)\n", 0)
    assert s.data.numeric("b")[2] == 2.0
    run(s, 'gen str5 t = name + "!"')
    assert s.data.types["t"] == "str5" and s.data.df["t"][1] == "bb!"
    run(s, 'gen u = "x" + name')
    assert s.data.types["u"] == "str3" and s.data.formats["u"] == "%9s"
    run(s, 'gen str12 wide = name')
    assert s.data.format_of("wide") == "%12s"
    assert run(s, 'gen str12 long = name')[1] == 198
    out, rc = run(s, "gen y = 1")
    assert (out, rc) == ("variable y already defined\nr(110);\n", 110)
    assert run(s, "gen 2y = 1")[1] == 198
    assert run(s, 'gen v = "a" + 1')[1] == 109
    assert run(s, "gen str3 w = 1")[1] == 109
    assert run(s, "gen w")[1] == 100  # "=exp required" (published Stata logs)
    assert run(s, "gen w = nosuch + 1")[1] == 111


def test_generate_under_by_uses_group_n(new_session, run):
    s = new_session(data())
    out, rc = run(s, "bysort g: gen n = _n")
    assert rc == 0 and s.data.numeric("n").tolist() == [1, 2, 1, 2, 3, 1]
    run(s, "by g: gen N = _N")
    assert s.data.numeric("N").tolist() == [2, 2, 3, 3, 3, 1]
    out, rc = run(s, "sort x\nby g: gen k = _n")
    assert rc == 5 and out.startswith("not sorted")


def test_replace_messages_and_promotion(new_session, run):
    s = new_session(data())
    assert run(s, "replace x = 0 if g == 1") == ("(2 real changes made)\n", 0)
    assert run(s, "replace x = 0 if g == 1") == ("(0 real changes made)\n", 0)
    assert run(s, "replace x = . in 1") == ("(1 real change made, 1 to missing)\n", 0)
    out, _ = run(s, "replace g = 2.5 in 1")
    assert out == "variable g was byte now float\n(1 real change made)\n"
    assert s.data.types["g"] == "float"
    out, _ = run(s, 'replace name = "long" in 2')
    assert out == "variable name was str2 now str4\n(1 real change made)\n"
    assert run(s, "replace name = 1")[1] == 109
    assert run(s, "replace nosuch = 1")[1] == 111


def test_egen_functions_by_group(new_session, run):
    s = new_session(data())
    run(s, "egen m = mean(x), by(g)")
    assert s.data.numeric("m").tolist() == [2, 2, 3, 3, 3, 5]
    run(s, "bysort g: egen c = count(x)")
    assert s.data.numeric("c").tolist() == [2, 2, 2, 2, 2, 1]
    run(s, "egen t = total(x), by(g)")
    assert s.data.numeric("t").tolist() == [4, 4, 6, 6, 6, 5]
    run(s, "egen mn = min(x), by(g)")
    run(s, "egen mx = max(x), by(g)")
    assert s.data.numeric("mn").tolist() == [1, 1, 2, 2, 2, 5] and s.data.numeric("mx")[2] == 4
    run(s, "egen sd = sd(x), by(g)")
    assert s.data.numeric("sd")[0] == pytest.approx(np.sqrt(2), rel=1e-6) and np.isnan(s.data.numeric("sd")[5])
    run(s, "egen md = median(x)")
    assert s.data.numeric("md")[0] == 3
    run(s, "egen tg = tag(g)")
    assert s.data.numeric("tg").tolist() == [1, 0, 1, 0, 0, 1]
    run(s, "egen gr = group(name)")
    assert s.data.numeric("gr")[:4].tolist() == [1, 2, 1, 3] and np.isnan(s.data.numeric("gr")[4])
    run(s, "egen rk = rank(x)")
    assert s.data.numeric("rk")[:4].tolist() == [1, 3, 2, 4]
    run(s, "egen z = std(x)")
    assert np.nanmean(s.data.numeric("z")) == pytest.approx(0, abs=1e-6)
    run(s, "egen rm = rowmean(x g)")
    assert s.data.numeric("rm")[0] == 1 and s.data.numeric("rm")[4] == 2
    run(s, "egen rt = rowtotal(x g)")
    assert s.data.numeric("rt")[4] == 2
    out, _ = run(s, "egen mi = mean(x) if g == 1")
    assert out == "(4 missing values generated)\n"


def test_egen_errors(new_session, run):
    s = new_session(data())
    assert run(s, "egen q = foo(x)") == ("unknown egen function foo()\nr(133);\n", 133)
    assert run(s, "egen g = mean(x)")[1] == 110
    assert run(s, "egen q = mean(x")[1] == 132  # parentheses unbalanced
    assert run(s, "egen q = rowmean(x name)")[1] == 109
    assert run(s, "egen q = mean(x), by(nosuch)")[1] == 111


@settings(max_examples=30, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 3), st.one_of(st.none(), st.floats(-100, 100))), min_size=1, max_size=25))
def test_egen_mean_matches_groupby(new_session, run, rows):
    g = np.array([r[0] for r in rows], dtype=float)
    x = np.array([np.nan if r[1] is None else r[1] for r in rows], dtype=float)
    ds = Dataset(df=pd.DataFrame({"g": g, "x": x}))
    ds.types.update(g="byte", x="double")
    s = new_session(ds)
    assert run(s, "egen double m = mean(x), by(g)")[1] == 0
    want = pd.Series(x).groupby(g).transform("mean").to_numpy()
    np.testing.assert_allclose(s.data.numeric("m"), want, rtol=1e-12, equal_nan=True)


def test_egen_cut_and_pctile(new_session, run):
    ds = Dataset(df=pd.DataFrame({"x": np.arange(1.0, 11.0)}))
    s = new_session(ds)
    run(s, "egen c = cut(x), at(0 5 10)")
    assert s.data.numeric("c")[:9].tolist() == [0, 0, 0, 0, 5, 5, 5, 5, 5] and np.isnan(s.data.numeric("c")[9])
    run(s, "egen q = cut(x), group(2)")
    assert s.data.numeric("q").tolist() == [0] * 5 + [1] * 5
    run(s, "egen p = pctile(x), p(25)")
    assert s.data.numeric("p")[0] == 3
    assert run(s, "egen r = cut(x)")[1] == 198


def test_egen_rank_options(new_session, run):
    ds = Dataset(df=pd.DataFrame({"x": [3.0, 1.0, 3.0, 2.0, np.nan]}))
    s = new_session(ds)
    run(s, "egen a = rank(x)")
    run(s, "egen f = rank(x), field")
    run(s, "egen t = rank(x), track")
    run(s, "egen u = rank(x), unique")
    assert s.data.numeric("a")[:4].tolist() == [3.5, 1, 3.5, 2] and np.isnan(s.data.numeric("a")[4])
    assert s.data.numeric("f")[:4].tolist() == [1, 4, 1, 3]
    assert s.data.numeric("t")[:4].tolist() == [3, 1, 3, 2]
    assert s.data.numeric("u")[:4].tolist() == [3, 1, 4, 2]


def test_egen_rank_by_group_and_speed(new_session, run):
    from scaling import assert_not_superlinear

    def ranked(n):  # the speed guard: 15,000 and 60,000 rows, a group per three rows
        rng = np.random.default_rng(1)
        ds = Dataset(df=pd.DataFrame({"g": rng.integers(0, n // 3, n).astype(float), "x": rng.normal(size=n)}))
        s = new_session(ds)
        assert run(s, "egen double r = rank(x), by(g)")[1] == 0
        return ds, s

    ds, s = assert_not_superlinear(ranked, 15000, what="egen rank by 20,000 groups")[1]
    want = pd.Series(ds.df["x"]).groupby(ds.df["g"]).rank(method="average").to_numpy()
    np.testing.assert_array_equal(s.data.numeric("r"), want)


def test_more_egen_functions(new_session, run):
    ds = Dataset(df=pd.DataFrame({"g": [1.0, 1, 1, 2, 2], "x": [1.0, 2, 2, 4, 6], "y": [np.nan, 5, 1, 4, 0]}))
    s = new_session(ds)
    run(s, "egen md = mode(x), by(g)")
    assert s.data.numeric("md")[0] == 2 and np.isnan(s.data.numeric("md")[3])
    run(s, "egen mn = mode(x), by(g) minmode")
    assert s.data.numeric("mn")[3] == 4
    run(s, "egen p = pc(x), by(g)")
    assert s.data.numeric("p")[3] == 40
    run(s, "egen q = iqr(x)")
    run(s, "egen sk = skew(x)")
    run(s, "egen k = kurt(x)")
    from mlmcli.summary_statistics import moments
    m = moments(np.array([1.0, 2, 2, 4, 6]))
    assert s.data.numeric("sk")[0] == pytest.approx(m["skewness"], rel=1e-6)
    assert s.data.numeric("k")[0] == pytest.approx(m["kurtosis"], rel=1e-6)
    run(s, "egen rf = rowfirst(y x)")
    assert s.data.numeric("rf").tolist() == [1, 5, 1, 4, 0]
    run(s, "egen am = anymatch(x y), values(4 5)")
    assert s.data.numeric("am").tolist() == [0, 1, 0, 1, 0]
    run(s, "egen ac = anycount(x y), values(1/2)")
    assert s.data.numeric("ac").tolist() == [1, 1, 2, 0, 0]
    assert run(s, "egen bad = anymatch(x)")[1] == 198


def test_generate_without_exp_is_exp_required(new_session, run):
    """``gen wage_n`` -> ``=exp required`` r(100) (published Stata logs); replace as well."""
    s = new_session()
    out, rc = run(s, "clear\nset obs 3\ngenerate x = _n")
    assert rc == 0, out
    for text in ("generate wage_n", "gen double y", "replace x"):
        out, rc = run(s, text)
        assert rc == 100 and "=exp required" in out, (text, out)
    assert list(s.data.df.columns) == ["x"]
