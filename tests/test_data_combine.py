"""merge, append, collapse, reshape: results, tables, errors."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from mlmcli.dataset import Dataset
from mlmcli.dta import write_dta


def students() -> Dataset:
    ds = Dataset(df=pd.DataFrame({
        "school": [1.0, 1.0, 2.0, 2.0, 2.0, 4.0],
        "ses": [0.5, -0.5, 1.0, 2.0, 3.0, 0.0],
        "score": [10.0, 12.0, 20.0, 22.0, np.nan, 30.0],
    }))
    ds.types.update(school="int", ses="double", score="double")
    ds.var_labels["score"] = "Test score"
    return ds


def schools() -> Dataset:
    ds = Dataset(df=pd.DataFrame({"school": [1.0, 2.0, 3.0], "sector": [0.0, 1.0, 1.0]}))
    ds.types.update(school="int", sector="byte")
    ds.value_labels["sec"] = {0.0: "Public", 1.0: "Catholic"}
    ds.value_label_of["sector"] = "sec"
    return ds


@pytest.fixture()
def files(tmp_path):
    write_dta(schools(), str(tmp_path / "schools.dta"))
    write_dta(students(), str(tmp_path / "students.dta"))
    return tmp_path


def test_merge_m1_table_and_result(files, new_session, run):
    s = new_session(students())
    out, rc = run(s, f"merge m:1 school using {files}/schools")
    assert rc == 0
    assert out == ("\n    Result                           # of obs.\n"
                   "    -----------------------------------------\n"
                   "    not matched                             2\n"
                   "        from master                         1  (_merge==1)\n"
                   "        from using                          1  (_merge==2)\n"
                   "\n"
                   "    matched                                 5  (_merge==3)\n"
                   "    -----------------------------------------\n")
    d = s.data
    assert d.numeric("school").tolist() == [1, 1, 2, 2, 2, 3, 4]
    assert d.numeric("_merge").tolist() == [3, 3, 3, 3, 3, 2, 1]
    assert np.isnan(d.numeric("sector")[6]) and d.numeric("sector")[2] == 1
    assert d.value_label_of["sector"] == "sec" and d.value_label_text("_merge", 3.0) == "matched (3)"
    assert d.sortedby == ("school",)


def test_merge_options(files, new_session, run):
    s = new_session(students())
    out, _ = run(s, f"merge m:1 school using {files}/schools, keep(match) nogen")
    assert out.splitlines()[3:5] == ["    not matched                             0",
                                     "    matched                                 5"]
    assert "_merge" not in s.data.varnames and s.data.nobs == 5
    s = new_session(students())
    run(s, f"merge m:1 school using {files}/schools, keep(master match) gen(m) noreport")
    assert s.data.numeric("m").tolist() == [3, 3, 3, 3, 3, 1]
    s = new_session(students())
    run(s, "gen _merge = 1")
    assert run(s, f"merge m:1 school using {files}/schools")[1] == 110


def test_merge_uniqueness_errors(files, new_session, run):
    s = new_session(students())
    out, rc = run(s, f"merge 1:1 school using {files}/schools")
    assert rc == 459
    assert out.startswith("variable school does not uniquely identify observations in the master data")
    s = new_session(schools())
    out, rc = run(s, f"merge 1:m school using {files}/students")
    assert rc == 0
    out, rc = run(s, f"merge 1:1 school using {files}/students, nogen")
    assert rc == 459
    assert run(s, f"merge m:1 school using {files}/nofile")[1] == 601
    assert run(s, f"merge m:1 nosuch using {files}/schools")[1] == 111


def test_append(files, new_session, run):
    s = new_session(schools())
    out, rc = run(s, f"append using {files}/students, gen(src)")
    assert rc == 0
    assert s.data.nobs == 9 and s.data.varnames == ["school", "sector", "ses", "score", "src"]
    assert np.isnan(s.data.numeric("ses")[0]) and s.data.numeric("src").tolist() == [0] * 3 + [1] * 6
    assert s.data.var_labels["score"] == "Test score"
    assert run(s, f"append using {files}/none")[1] == 601


def test_collapse(new_session, run):
    s = new_session(students())
    out, rc = run(s, "collapse (mean) score (count) n=score (sd) sds=ses (max) top=ses, by(school)")
    assert (out, rc) == ("", 0)
    d = s.data
    assert d.varnames == ["school", "score", "n", "sds", "top"]
    assert d.numeric("score").tolist() == [11, 21, 30]
    assert d.numeric("n").tolist() == [2, 2, 1]
    assert d.numeric("top").tolist() == [-0.5 + 1, 3, 0]
    assert d.var_labels["score"] == "(mean) Test score" and d.var_labels["n"] == "(count) Test score"
    assert d.sortedby == ("school",) and d.types["n"] == "long"
    s = new_session(students())
    run(s, "collapse (sum) ses (median) med=ses")
    assert s.data.nobs == 1 and s.data.numeric("ses")[0] == 6.0 and s.data.numeric("med")[0] == 0.75
    s = new_session(students())
    run(s, "collapse score if ses > 0, by(school)")
    assert s.data.numeric("score").tolist() == [10, 21, ]
    assert run(new_session(students()), "collapse (foo) ses")[1] == 198


def test_reshape_round_trip(run, new_session):
    ds = Dataset(df=pd.DataFrame({"id": [1.0, 2.0], "sex": [0.0, 1.0], "inc80": [5.0, 7.0],
                                  "inc81": [6.0, 8.0], "ue80": [0.0, 1.0], "ue81": [1.0, 0.0]}))
    ds.types.update(id="int", sex="byte", inc80="float", inc81="float", ue80="byte", ue81="byte")
    s = new_session(ds)
    out, rc = run(s, "reshape long inc ue, i(id) j(year)")
    assert rc == 0
    assert out == ("(note: j = 80 81)\n\n"
                   "Data                               wide   ->   long\n" + "-" * 77 + "\n"
                   "Number of obs.                        2   ->       4\n"
                   "Number of variables                   6   ->       5\n"
                   "j variable (2 values)                     ->   year\n"
                   "xij variables:\n"
                   "                            inc80 inc81   ->   inc\n"
                   "                              ue80 ue81   ->   ue\n" + "-" * 77 + "\n")
    d = s.data
    assert d.varnames == ["id", "year", "sex", "inc", "ue"]
    assert d.numeric("year").tolist() == [80, 81, 80, 81] and d.numeric("inc").tolist() == [5, 6, 7, 8]
    out, rc = run(s, "reshape wide inc ue, i(id) j(year)")
    assert rc == 0
    assert out.splitlines()[6] == "j variable (2 values)              year   ->   (dropped)"
    assert out.splitlines()[8] == "                                    inc   ->   inc80 inc81"
    d = s.data
    assert d.nobs == 2 and d.numeric("inc81").tolist() == [6, 8] and d.numeric("sex").tolist() == [0, 1]


def test_reshape_errors(run, new_session):
    ds = Dataset(df=pd.DataFrame({"id": [1.0, 1.0], "x1": [1.0, 2.0]}))
    s = new_session(ds)
    assert run(s, "reshape long x, i(id) j(t)")[1] == 9
    assert run(s, "reshape long x")[1] == 198
    assert run(s, "reshape sideways x, i(id)")[1] == 198
    ds = Dataset(df=pd.DataFrame({"id": [1.0, 1.0], "t": [1.0, 2.0], "x": [1.0, 2.0], "z": [1.0, 2.0]}))
    s = new_session(ds)
    out, rc = run(s, "reshape wide x, i(id) j(t)")
    assert rc == 9 and out.startswith("variable z not constant within id")


def test_merge_nolabel(files, new_session, run):
    s = new_session(students())
    run(s, f"merge m:1 school using {files}/schools, nolabel nogen")
    assert "sec" not in s.data.value_labels and s.data.value_label_of["sector"] == "sec"
    # force is [D] merge's (round 14 lifted its refusal): with no string/numeric mismatch it changes nothing
    assert run(new_session(students()), f"merge m:1 school using {files}/schools, force nogen")[1] == 0


def test_collapse_with_weights(new_session, run):
    s = new_session(students())
    run(s, "gen w = school")
    out, rc = run(s, "collapse (mean) m=ses (sum) t=ses (count) n=ses (rawsum) r=ses [aw=w], by(school)")
    assert rc == 0
    d = s.data
    assert d.numeric("m").tolist() == [0.0, 2.0, 0.0]
    assert d.numeric("n").tolist() == [2, 3, 1] and d.numeric("t").tolist() == pytest.approx([0, 6, 0])
    s = new_session(students())
    run(s, "gen w = 2")
    run(s, "collapse (count) n=ses (sum) t=ses [fw=w]")
    assert s.data.numeric("n")[0] == 12 and s.data.numeric("t")[0] == 12
    s = new_session(students())
    run(s, "gen w = 1")
    assert run(s, "collapse (sd) ses [pw=w]")[1] == 101
    assert run(s, "collapse (mean) ses [fw=nosuch]")[1] == 111


def test_raw_commands_reject_weights(files, new_session, run):
    s = new_session(students())
    assert run(s, f"merge m:1 school using {files}/schools [fw=ses]")[1] == 101
    assert run(s, "reshape long x [aw=ses], i(school)")[1] == 101
    assert run(s, "recode school (1=2) [aw=ses]")[1] == 101


def test_merge_update_replace(tmp_path, run, new_session):
    master = Dataset(df=pd.DataFrame({"id": [1.0, 2.0, 3.0, 4.0], "v": [10.0, np.nan, 30.0, 40.0]}))
    using = Dataset(df=pd.DataFrame({"id": [1.0, 2.0, 3.0, 5.0], "v": [10.0, 20.0, 99.0, 50.0]}))
    write_dta(using, str(tmp_path / "u.dta"))
    s = new_session(master.copy())
    out, rc = run(s, f"merge 1:1 id using {tmp_path}/u, update")
    assert rc == 0
    assert out.splitlines()[3:] == [
        "    not matched                             2",
        "        from master                         1  (_merge==1)",
        "        from using                          1  (_merge==2)",
        "",
        "    matched                                 3",
        "        not updated                         1  (_merge==3)",
        "        missing updated                     1  (_merge==4)",
        "        nonmissing conflict                 1  (_merge==5)",
        "    -----------------------------------------"]
    assert s.data.numeric("v").tolist() == [10, 20, 30, 40, 50]
    assert s.data.numeric("_merge").tolist() == [3, 4, 5, 1, 2]
    s = new_session(master.copy())
    run(s, f"merge 1:1 id using {tmp_path}/u, update replace nogen")
    assert s.data.numeric("v").tolist() == [10, 20, 99, 40, 50]
    s = new_session(master.copy())
    run(s, f"merge 1:1 id using {tmp_path}/u")
    v = s.data.numeric("v")
    assert v[0] == 10 and v[2] == 30 and np.isnan(v[1])  # without update the master's values stay
    assert run(s, f"merge 1:1 id using {tmp_path}/u, replace")[1] == 198


def test_merge_many_to_many_pairs_sequentially(tmp_path, run, new_session):
    master = Dataset(df=pd.DataFrame({"k": [1.0, 1.0, 1.0, 2.0], "a": [1.0, 2.0, 3.0, 4.0]}))
    using = Dataset(df=pd.DataFrame({"k": [1.0, 1.0, 2.0, 2.0], "b": [10.0, 20.0, 30.0, 40.0]}))
    write_dta(using, str(tmp_path / "u.dta"))
    s = new_session(master)
    assert run(s, f"merge m:m k using {tmp_path}/u")[1] == 0
    d = s.data
    assert d.numeric("k").tolist() == [1, 1, 1, 2, 2]
    assert d.numeric("a").tolist() == [1, 2, 3, 4, 4]
    assert d.numeric("b").tolist() == [10, 20, 20, 30, 40]
    assert d.numeric("_merge").tolist() == [3, 3, 3, 3, 3]


def test_collapse_unweighted_statistics_per_group(new_session, run):
    """mean sum count min max first last of many groups at once: the values summarize gives
    group by group, missing values left out (an all-missing group: mean/min/max missing, count
    and sum 0); fast on 4,000 groups (errickson's collapse of nlswork by idcode timed out)."""
    import numpy as np

    from scaling import assert_not_superlinear

    def collapsed(obs):  # the speed guard: 3,000 and 12,000 rows (a per-group loop was quadratic)
        s = new_session()
        out, rc = run(s, f"clear\nset obs {obs}\ngenerate g = ceil(_n / 3)\ngenerate x = mod(_n * 37, 101) / 7\n"
                         "replace x = . if mod(_n, 5) == 0 | g == 7\ngenerate y = _n")
        assert rc == 0, out
        x, g = s.data.numeric("x").copy(), s.data.numeric("g").copy()
        out, rc = run(s, "collapse (mean) m=x (sum) t=x (count) c=x (min) lo=x (max) hi=x (first) f=y (last) l=x, "
                         "by(g)")
        assert rc == 0, out
        return s, x, g

    s, x, g = assert_not_superlinear(collapsed, 3000, what="collapse by 4,000 groups")[1]
    for k in (1, 7, 4000):
        vals = x[g == k]
        ok = vals[~np.isnan(vals)]
        row = int(np.flatnonzero(s.data.numeric("g") == k)[0])
        got = {v: s.data.numeric(v)[row] for v in ("m", "t", "c", "lo", "hi", "f", "l")}
        assert got["c"] == ok.size and np.isclose(got["t"], ok.sum())
        if ok.size:
            assert np.isclose(got["m"], np.float32(ok.mean()), rtol=1e-6) and got["lo"] == np.float32(ok.min())
            assert got["hi"] == np.float32(ok.max())
        else:
            assert np.isnan(got["m"]) and np.isnan(got["lo"]) and np.isnan(got["hi"])
        assert got["f"] == 3 * k - 2 and (np.isnan(got["l"]) if np.isnan(vals[-1]) else got["l"] == np.float32(vals[-1]))
