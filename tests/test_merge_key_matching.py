"""merge's key matching by integer codes (merge_keys.py): which observations meet, the _merge
codes, the order merge leaves (keys, then master order, then using order; m:m: the pairs'
sequence within a key), missing keys (. and .a are different keys, "" a key like any other),
string keys in code-point order, uniqueness errors r(459), update/replace, keep()/assert()/
generate()/nogenerate.  Expected results are computed here with pandas' merge."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from mlmcli.dataset import Dataset
from mlmcli.dta import write_dta
from mlmcli.missing import extended, order_key

DOT_A = extended("a")


def _master() -> Dataset:
    ds = Dataset(df=pd.DataFrame({
        "id": [2.0, 1.0, np.nan, 1.0, DOT_A, 3.0, 2.0, np.nan],
        "s": pd.Series(["b", "a", "", "a", "", "é", "B", ""], dtype="str"),
        "x": [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0],
        "v": [10.0, np.nan, 30.0, np.nan, 50.0, 60.0, np.nan, 80.0]}))
    ds.types.update(id="double", s="str2", x="double", v="double")
    return ds


def _using() -> Dataset:
    ds = Dataset(df=pd.DataFrame({
        "id": [1.0, 2.0, np.nan, DOT_A, 9.0, 4.0, 3.0],
        "s": pd.Series(["a", "b", "", "c", "z", "B", "e"], dtype="str"),
        "v": [100.0, 200.0, np.nan, 500.0, 900.0, 700.0, 600.0],
        "u": [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0]}))
    ds.types.update(id="double", s="str2", v="double", u="double")
    return ds


def _keyed(df: pd.DataFrame, keys) -> pd.DataFrame:
    out = df.copy()
    for k in keys:  # each missing code its own key (pandas would match every NaN with every NaN)
        out[f"_k_{k}"] = out[k].astype(str) if out[k].dtype != float else order_key(out[k].to_numpy())
    return out


def _expected_m1(keys) -> pd.DataFrame:
    """merge m:1 keys by pandas: outer join, master rows in their order within the key, the
    master's values of the other shared variables kept (the using ones as <name>_u), using-only
    rows' keys and shared variables from the using file, sorted by the keys."""
    m, u = _keyed(_master().df, keys), _keyed(_using().df, keys)
    m["_mrow"], u["_urow"] = np.arange(len(m)), np.arange(len(u))
    shared = [c for c in ("id", "s", "v") if c not in keys]
    kc = [f"_k_{k}" for k in keys]
    j = m.merge(u.drop(columns=keys).rename(columns={c: f"{c}_u" for c in shared}), on=kc, how="outer", indicator=True)
    j["_merge"] = j["_merge"].map({"left_only": 1.0, "right_only": 2.0, "both": 3.0}).astype(float)
    only_u = (j["_merge"] == 2.0).to_numpy()
    urows = j.loc[only_u, "_urow"].astype(int).to_numpy()
    for k in keys + shared:
        column = j[k].to_numpy(dtype=object, copy=True)
        column[only_u] = _using().df[k].to_numpy(dtype=object)[urows]
        j[k] = column
    j = j.sort_values(kc + ["_mrow", "_urow"], na_position="last", kind="mergesort").reset_index(drop=True)
    return j


@pytest.fixture()
def files(tmp_path):
    write_dta(_using(), str(tmp_path / "using.dta"))
    dup = _using()
    dup.df = pd.concat([dup.df, dup.df.iloc[[1]]], ignore_index=True)
    write_dta(dup, str(tmp_path / "using_dup.dta"))
    return tmp_path


def _merged(new_session, run, line: str, master: Dataset | None = None):
    s = new_session(master if master is not None else _master())
    out, rc = run(s, line)
    return s, out, rc


@pytest.mark.parametrize("keys", [["id"], ["s"], ["id", "s"]])
def test_m1_outer_match_codes_and_order(files, new_session, run, keys):
    s, out, rc = _merged(new_session, run, f"merge m:1 {' '.join(keys)} using {files}/using")
    assert rc == 0, out
    want = _expected_m1(keys)
    got = s.data.df
    assert got["_merge"].tolist() == want["_merge"].tolist()
    assert np.array_equal(order_key(got["id"].to_numpy(float)), order_key(want["id"].to_numpy(float)))
    assert got["s"].tolist() == want["s"].fillna("").tolist()
    assert np.array_equal(got["x"].to_numpy(float), want["x"].to_numpy(float), equal_nan=True)
    assert np.array_equal(got["u"].to_numpy(float), want["u"].to_numpy(float), equal_nan=True)
    assert np.array_equal(got["v"].to_numpy(float), want["v"].to_numpy(float), equal_nan=True)  # master's v kept
    assert s.data.sortedby == tuple(keys)


def test_missing_keys_are_keys_of_their_own(files, new_session, run):
    s, out, rc = _merged(new_session, run, f"merge m:1 id using {files}/using")
    assert rc == 0, out
    df = s.data.df
    ids = order_key(df["id"].to_numpy(float))
    # . meets the using file's . and .a its .a: never each other
    dot = ids == order_key(np.array([np.nan]))[0]
    dota = ids == order_key(np.array([DOT_A]))[0]
    assert df.loc[dot, "_merge"].tolist() == [3.0, 3.0] and df.loc[dot, "u"].tolist() == [3.0, 3.0]
    assert df.loc[dota, "_merge"].tolist() == [3.0] and df.loc[dota, "u"].tolist() == [4.0]
    assert np.all(np.diff(ids) >= 0)  # 1 2 3 9 . .a: numbers, then . then .a


def test_string_keys_in_code_point_order(files, new_session, run, tmp_path):
    m = Dataset(df=pd.DataFrame({"s": pd.Series(["é", "a", "B", "", "b"], dtype="str"), "x": [1.0, 2.0, 3.0, 4.0, 5.0]}))
    m.types.update(s="str2", x="double")
    s, out, rc = _merged(new_session, run, f"merge 1:m s using {files}/using, keepusing(u)", m)
    assert rc == 0, out
    df = s.data.df
    assert df["s"].tolist() == ["", "B", "a", "b", "c", "e", "z", "é"]
    assert df["_merge"].tolist() == [3.0, 3.0, 3.0, 3.0, 2.0, 2.0, 2.0, 1.0]


def test_1m_rows_in_using_order_within_the_key(tmp_path, new_session, run):
    u = Dataset(df=pd.DataFrame({"k": [2.0, 1.0, 2.0, 2.0, 4.0], "y": [1.0, 2.0, 3.0, 4.0, 5.0]}))
    write_dta(u, str(tmp_path / "kids.dta"))
    m = Dataset(df=pd.DataFrame({"k": [2.0, 3.0, 1.0], "x": [20.0, 30.0, 10.0]}))
    s, out, rc = _merged(new_session, run, f"merge 1:m k using {tmp_path}/kids", m)
    assert rc == 0, out
    df = s.data.df
    assert df["k"].tolist() == [1.0, 2.0, 2.0, 2.0, 3.0, 4.0]
    assert df["y"].tolist()[:4] == [2.0, 1.0, 3.0, 4.0]
    assert df["x"].tolist()[:5] == [10.0, 20.0, 20.0, 20.0, 30.0]
    assert df["_merge"].tolist() == [3.0, 3.0, 3.0, 3.0, 1.0, 2.0]


def test_mm_pairs_in_sequence_the_shorter_sides_last_repeated(tmp_path, new_session, run):
    u = Dataset(df=pd.DataFrame({"k": [1.0, 2.0, 1.0, 1.0, 3.0], "y": [1.0, 2.0, 3.0, 4.0, 5.0]}))
    write_dta(u, str(tmp_path / "u.dta"))
    m = Dataset(df=pd.DataFrame({"k": [2.0, 1.0, 2.0, 2.0, 1.0], "x": [1.0, 2.0, 3.0, 4.0, 5.0]}))
    s, out, rc = _merged(new_session, run, f"merge m:m k using {tmp_path}/u", m)
    assert rc == 0, out
    df = s.data.df
    assert df["k"].tolist() == [1.0, 1.0, 1.0, 2.0, 2.0, 2.0, 3.0]
    assert df["x"].tolist()[:6] == [2.0, 5.0, 5.0, 1.0, 3.0, 4.0]   # master's 2nd k=1 row repeated
    assert df["y"].tolist()[:6] == [1.0, 3.0, 4.0, 2.0, 2.0, 2.0]   # using's only k=2 row repeated
    assert df["_merge"].tolist() == [3.0] * 6 + [2.0]


@pytest.mark.parametrize("line, side, what", [
    ("merge m:1 id using {f}/using_dup", "using", "variable id does"),
    ("merge 1:1 id using {f}/using_dup", "master", "variable id does"),  # the master checked first
    ("merge 1:1 s using {f}/using", "master", "variable s does"),
    ("merge 1:m id s using {f}/using", "master", "variables id s do"),
])
def test_uniqueness_r459_leaves_the_data(files, new_session, run, line, side, what):
    s = new_session(_master())
    before = s.data.df.copy()
    out, rc = run(s, line.format(f=files))
    assert rc == 459, out
    assert f"{what} not uniquely identify observations in the {side} data" in out
    pd.testing.assert_frame_equal(s.data.df, before)


def test_string_key_against_numeric_key_r106(tmp_path, new_session, run):
    u = Dataset(df=pd.DataFrame({"s": [1.0, 2.0], "y": [1.0, 2.0]}))
    write_dta(u, str(tmp_path / "num.dta"))
    s = new_session(_master())
    out, rc = run(s, f"merge m:1 s using {tmp_path}/num")
    assert rc == 106 and "key variable s is numeric in using data" in out


def test_update_and_replace_codes(files, new_session, run):
    s, out, rc = _merged(new_session, run, f"merge m:1 id s using {files}/using, update")
    assert rc == 0, out
    df = s.data.df
    want = _expected_m1(["id", "s"])
    v_m, v_u = want["v"].to_numpy(float), want["v_u"].to_numpy(float)
    matched = want["_merge"].to_numpy() == 3.0
    fill = matched & np.isnan(v_m) & ~np.isnan(v_u)
    differ = matched & ~np.isnan(v_m) & ~np.isnan(v_u) & (v_m != v_u)
    code = np.where(fill, 4.0, np.where(differ, 5.0, want["_merge"].to_numpy()))
    assert df["_merge"].tolist() == code.tolist()
    assert np.array_equal(df["v"].to_numpy(float), np.where(fill, v_u, v_m), equal_nan=True)
    s, out, rc = _merged(new_session, run, f"merge m:1 id s using {files}/using, update replace")
    assert rc == 0, out
    assert np.array_equal(s.data.df["v"].to_numpy(float), np.where(fill | differ, v_u, v_m), equal_nan=True)
    assert "missing updated" in out and "nonmissing conflict" in out


def test_update_of_a_string_variable(tmp_path, new_session, run):
    def m():
        return Dataset(df=pd.DataFrame({"k": [1.0, 2.0, 3.0], "t": pd.Series(["", "x", "y"], dtype="str")}))
    u = Dataset(df=pd.DataFrame({"k": [1.0, 2.0, 3.0], "t": pd.Series(["a", "x", "z"], dtype="str")}))
    write_dta(u, str(tmp_path / "t.dta"))
    s, out, rc = _merged(new_session, run, f"merge 1:1 k using {tmp_path}/t, update", m())
    assert rc == 0 and s.data.df["t"].tolist() == ["a", "x", "y"] and s.data.df["_merge"].tolist() == [4.0, 3.0, 5.0]
    s, out, rc = _merged(new_session, run, f"merge 1:1 k using {tmp_path}/t, update replace", m())
    assert rc == 0 and s.data.df["t"].tolist() == ["a", "x", "z"]


def test_keep_assert_generate_nogenerate(files, new_session, run):
    s, out, rc = _merged(new_session, run, f"merge m:1 id using {files}/using, keep(match) gen(how)")
    assert rc == 0, out
    assert set(s.data.df["how"]) == {3.0} and "_merge" not in s.data.df
    assert len(s.data.df) == int((_expected_m1(["id"])["_merge"] == 3.0).sum())
    s, out, rc = _merged(new_session, run, f"merge m:1 id using {files}/using, keep(master match) nogen")
    assert rc == 0 and "_merge" not in s.data.df and len(s.data.df) == len(_master().df)
    s = new_session(_master())
    before = s.data.df.copy()
    out, rc = run(s, f"merge m:1 id using {files}/using, assert(match)")
    assert rc == 9 and "not all observations matched as asserted" in out
    pd.testing.assert_frame_equal(s.data.df, before)


def test_sequential_merge_n(tmp_path, new_session, run):
    u = Dataset(df=pd.DataFrame({"y": [1.0, 2.0, 3.0, 4.0]}))
    write_dta(u, str(tmp_path / "n.dta"))
    m = Dataset(df=pd.DataFrame({"x": [5.0, 6.0]}))
    s, out, rc = _merged(new_session, run, f"merge 1:1 _n using {tmp_path}/n", m)
    assert rc == 0, out
    assert s.data.df["y"].tolist() == [1.0, 2.0, 3.0, 4.0]
    assert s.data.df["_merge"].tolist() == [3.0, 3.0, 2.0, 2.0]


def test_empty_using_file(tmp_path, new_session, run):
    u = Dataset(df=pd.DataFrame({"id": pd.Series([], dtype=float), "y": pd.Series([], dtype=float)}))
    write_dta(u, str(tmp_path / "empty.dta"))
    s, out, rc = _merged(new_session, run, f"merge m:1 id using {tmp_path}/empty")
    assert rc == 0, out
    assert s.data.df["_merge"].tolist() == [1.0] * len(_master().df)
    assert np.array_equal(order_key(s.data.df["id"].to_numpy(float)),
                          np.sort(order_key(_master().df["id"].to_numpy(float)), kind="stable"))
