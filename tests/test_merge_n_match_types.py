"""merge reads n for m: ``merge n:1``/``1:n``/``n:n`` are the m:1/1:m/m:m merges (public
do-files write them; Stata runs them), with the same checks, results and errors."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from mlmcli.dataset import Dataset
from mlmcli.dta import write_dta


def pupils() -> Dataset:
    ds = Dataset(df=pd.DataFrame({"sch": [3.0, 1.0, 1.0, 2.0, 2.0, 2.0, 5.0],
                                  "score": [4.0, 1.0, 2.0, 3.0, 5.0, 6.0, 7.0]}))
    ds.types.update(sch="int", score="double")
    return ds


def schools() -> Dataset:
    ds = Dataset(df=pd.DataFrame({"sch": [1.0, 2.0, 3.0, 4.0], "region": [10.0, 20.0, 30.0, 40.0]}))
    ds.types.update(sch="int", region="byte")
    return ds


@pytest.fixture()
def files(tmp_path):
    write_dta(schools(), str(tmp_path / "schools.dta"))
    write_dta(pupils(), str(tmp_path / "pupils.dta"))
    return tmp_path


def _expected(kind_master_is_pupils: bool) -> pd.DataFrame:
    """The merge computed with pandas: an outer join with Stata's _merge codes."""
    p, s = pupils().df, schools().df
    m = p.merge(s, on="sch", how="outer", indicator=True)
    m["_merge"] = m["_merge"].map({"left_only": 1.0, "right_only": 2.0, "both": 3.0}).astype(float)
    if not kind_master_is_pupils:
        m["_merge"] = m["_merge"].replace({1.0: 2.0, 2.0: 1.0})
    return m.sort_values(["sch", "score"]).reset_index(drop=True)


@pytest.mark.parametrize("word, same", [("n:1", "m:1")])
def test_n1_is_m1(files, new_session, run, word, same):
    results = {}
    for w in (word, same):
        s = new_session(pupils())
        out, rc = run(s, f"merge {w} sch using {files}/schools")
        assert rc == 0, out
        results[w] = (out, s.data.df.sort_values(["sch", "score"]).reset_index(drop=True))
    assert results[word][0] == results[same][0]
    got = results[word][1]
    want = _expected(True)
    assert np.allclose(got["region"].to_numpy(), want["region"].to_numpy(), equal_nan=True)
    assert got["_merge"].tolist() == want["_merge"].tolist()
    assert "Matched" in results[word][0] or "matched" in results[word][0]


def test_1n_from_the_school_file(files, new_session, run):
    s = new_session(schools())
    out, rc = run(s, f"merge 1:n sch using {files}/pupils")
    assert rc == 0, out
    got = s.data.df.sort_values(["sch", "score"]).reset_index(drop=True)
    want = _expected(False)
    assert got["_merge"].tolist() == want["_merge"].tolist()
    assert np.allclose(got["score"].to_numpy(), want["score"].to_numpy(), equal_nan=True)


def test_n1_keeps_the_uniqueness_check(files, new_session, run):
    """n:1 promises a unique key in the using file: pupils as using data fail as m:1 does."""
    s = new_session(schools())
    before = s.data.df.copy()
    out_n, rc_n = run(s, f"merge n:1 sch using {files}/pupils", stop_on_error=False)
    s2 = new_session(schools())
    out_m, rc_m = run(s2, f"merge m:1 sch using {files}/pupils", stop_on_error=False)
    assert rc_n == rc_m == 459
    assert out_n == out_m
    pd.testing.assert_frame_equal(s.data.df, before)


def test_nn_and_options(files, new_session, run):
    s = new_session(pupils())
    out, rc = run(s, f"merge n:n sch using {files}/schools, keep(match) nogenerate")
    assert rc == 0, out
    assert "_merge" not in s.data.df.columns
    assert sorted(s.data.df["sch"].tolist()) == [1.0, 1.0, 2.0, 2.0, 2.0, 3.0]


def test_other_words_still_refused(files, new_session, run):
    for word in ("n:2", "1:x", "many:1"):
        s = new_session(pupils())
        out, rc = run(s, f"merge {word} sch using {files}/schools", stop_on_error=False)
        assert rc == 198, (word, out)


def test_n1_sequential_merge_refused(files, new_session, run):
    s = new_session(pupils())
    out, rc = run(s, f"merge n:1 _n using {files}/schools", stop_on_error=False)
    assert rc == 198
