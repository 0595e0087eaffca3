"""destring/tostring, clonevar, compress, recast, separate, xtile/pctile, mvencode/mvdecode,
order's options, tabulate's generate(): results, messages, errors (data unchanged)."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from mlmcli.dataset import Dataset


def _unchanged(run, s, line, rc, message):
    before = s.data.df.copy()
    types = dict(s.data.types)
    out, got = run(s, line)
    assert got == rc and message in out, out
    pd.testing.assert_frame_equal(s.data.df, before)
    assert s.data.types == types


@pytest.fixture
def texts(new_session):
    df = pd.DataFrame({"id": ["12", "  7", "1,200", "abc"], "pct": ["5%", "10%", "", "50%"],
                       "num": ["1.5", "2", ".", ""], "x": [1.5, 2.0, 3.0, 4.0]})
    return new_session(Dataset(df=df, types={"id": "str8", "pct": "str6", "num": "str4", "x": "float"},
                               var_labels={"num": "A number"}))


# ----------------------------------------------------------------------------- destring
def test_destring_replace_generate_and_messages(texts, run):
    out, rc = run(texts, "destring num, replace")
    # 1.5 and 2 are exact in float; "." and "" are missing, and destring.ado counts every missing
    # value of the new variable in its note (its r(N) of missing(), printed when not 0)
    assert out == "num: all characters numeric; replaced as float\n(2 missing values generated)\n"
    assert texts.data.types["num"] == "float" and texts.data.varnames.index("num") == 2
    assert texts.data.var_labels["num"] == "A number"
    out, rc = run(texts, "destring id, replace")
    assert out == "id: contains nonnumeric characters; no replace\n" and texts.data.types["id"] == "str8"
    out, rc = run(texts, 'destring id, gen(idn) ignore(",") force')
    # forced past "abc": destring.ado's note of the nonnumeric text, then the removed comma
    assert out == ("id: contains nonnumeric characters not specified in ignore()\n"
                   "id: character , removed; idn generated as int\n(1 missing value generated)\n")
    assert list(texts.data.df["idn"].fillna(-1)) == [12, 7, 1200, -1]
    out, rc = run(texts, "destring pct, gen(p) percent")
    assert out == "pct: character % removed; p generated as double\n(1 missing value generated)\n"
    assert list(texts.data.df["p"].fillna(-1)) == [0.05, 0.1, -1, 0.5]
    out, rc = run(texts, "destring x, replace")
    assert out == "x already numeric; no replace\n"


def test_destring_float_dpcomma_and_byte(new_session, run):
    s = new_session(pd.DataFrame({"a": ["1,5", "2,25"], "b": ["1", "100"], "c": ["0.1", "2"]}))
    run(s, "destring a, replace dpcomma\ndestring b, replace\ndestring c, replace float")
    assert list(s.data.df["a"]) == [1.5, 2.25] and s.data.types["b"] == "byte" and s.data.types["c"] == "float"


def test_destring_errors(texts, run):
    _unchanged(run, texts, "destring num", 198, "must specify either generate or replace option")
    _unchanged(run, texts, "destring num, replace gen(a)", 198, "must specify either generate or replace option")
    _unchanged(run, texts, "destring num id, gen(a)", 198, "number of new variables must equal number of variables")
    _unchanged(run, texts, "destring num, gen(x)", 110, "already defined")


# ----------------------------------------------------------------------------- tostring
def test_tostring(new_session, run):
    s = new_session(pd.DataFrame({"y": [1.0, 2.0, np.nan], "z": [1 / 3, 0.5, 2.0], "t": ["a", "b", "c"]}),
                    types={"y": "byte", "z": "double", "t": "str1"}, formats={"z": "%9.2f"})
    out, rc = run(s, "tostring y, replace")
    assert out == "y was byte now str1\n" and list(s.data.df["y"]) == ["1", "2", "."]
    out, rc = run(s, "tostring z, gen(zs)")
    assert out == "z cannot be converted reversibly; no generate\n" and "zs" not in s.data.varnames
    out, rc = run(s, "tostring z, gen(zs) usedisplayformat force")
    assert out == "zs generated as str4\n" and list(s.data.df["zs"]) == ["0.33", "0.50", "2.00"]
    out, rc = run(s, "tostring z, gen(z2) format(%5.1f) force")
    assert list(s.data.df["z2"]) == ["0.3", "0.5", "2.0"]
    out, rc = run(s, "tostring t, replace")
    assert out == "t already string; no replace\n"
    _unchanged(run, s, "tostring z, replace format(%9s)", 120, "format %9s invalid")


# ----------------------------------------------------------------------------- clonevar, compress, recast
def test_clonevar_copies_type_format_labels(new_session, run):
    ds = Dataset(df=pd.DataFrame({"g": [1.0, 2.0, 1.0]}), types={"g": "byte"}, formats={"g": "%4.0f"},
                 var_labels={"g": "Group"}, value_label_of={"g": "gl"}, value_labels={"gl": {1.0: "one"}})
    s = new_session(ds)
    out, rc = run(s, "clonevar h = g if g == 1")
    assert out == "(1 missing value generated)\n"
    d = s.data
    assert (d.types["h"], d.formats["h"], d.var_labels["h"], d.value_label_of["h"]) == ("byte", "%4.0f", "Group", "gl")
    _unchanged(run, s, "clonevar h = g", 110, "already defined")
    _unchanged(run, s, "clonevar k = nosuch", 111, "not found")


def test_compress_reports_changes(new_session, run):
    s = new_session(pd.DataFrame({"a": [1.0, 2.0], "b": [1.5, 2.5], "c": [40000.0, 1.0], "t": ["ab", "c"],
                                  "d": [0.1, 0.2]}),
                    types={"a": "double", "b": "double", "c": "float", "t": "str10", "d": "double"})
    out, rc = run(s, "compress")
    assert out.splitlines() == ["  variable a was double now byte", "  variable b was double now float",
                                "  variable t was str10 now str2", "  (38 bytes saved)"]
    assert s.data.types["c"] == "float" and s.data.types["d"] == "double"  # long saves nothing; .1 is not exact
    out, rc = run(s, "compress")
    assert out == "  (0 bytes saved)\n"


def test_recast(new_session, run):
    s = new_session(pd.DataFrame({"x": [1.0, 2.5], "i": [1.0, 300.0]}), types={"x": "double", "i": "int"})
    out, rc = run(s, "recast byte i")
    assert (out, rc) == ("i:  1 value would be changed; not changed\n", 0) and s.data.types["i"] == "int"
    out, rc = run(s, "recast long i\nrecast byte x, force")
    assert s.data.types["i"] == "long" and list(s.data.df["x"]) == [1.0, 2.0]
    _unchanged(run, s, "recast str5 x", 109, "type mismatch")
    _unchanged(run, s, "recast huge x", 198, "huge invalid type")


# ----------------------------------------------------------------------------- separate
def test_separate_by_variable_and_expression(new_session, run):
    ds = Dataset(df=pd.DataFrame({"mpg": [20.0, 30.0, 25.0], "foreign": [0.0, 1.0, 0.0]}),
                 types={"mpg": "int", "foreign": "byte"}, value_label_of={"foreign": "origin"},
                 value_labels={"origin": {0.0: "Domestic", 1.0: "Foreign"}})
    s = new_session(ds)
    out, rc = run(s, "separate mpg, by(foreign)")
    assert out.splitlines()[-2:] == ["mpg0            int     %8.0g                 mpg, foreign == Domestic",
                                     "mpg1            int     %8.0g                 mpg, foreign == Foreign"]
    assert list(s.data.df["mpg1"].fillna(-1)) == [-1, 30, -1]
    out, rc = run(s, "separate mpg, by(mpg > 22) gen(hi) shortlabel")
    assert s.data.var_labels["hi1"] == "1" and list(s.data.df["hi0"].fillna(-1)) == [20, -1, -1]
    _unchanged(run, s, "separate mpg", 198, "option by() required")
    _unchanged(run, s, "separate mpg, by(foreign)", 110, "already defined")


# ----------------------------------------------------------------------------- xtile, pctile
def test_xtile_and_pctile(new_session, run):
    s = new_session(pd.DataFrame({"x": [float(v) for v in range(1, 11)] + [np.nan]}))
    out, rc = run(s, "xtile q = x, nq(4)\npctile p = x, nq(4) genp(pp)\nxtile h = x")
    df = s.data.df
    assert list(df["q"].fillna(-1)) == [1, 1, 1, 2, 2, 3, 3, 3, 4, 4, -1]
    assert list(df["p"][:3]) == [3.0, 5.5, 8.0] and list(df["pp"][:3]) == [25, 50, 75] and np.isnan(df["p"][3])
    assert list(df["h"].fillna(-1)) == [1, 1, 1, 1, 1, 2, 2, 2, 2, 2, -1]
    run(s, "gen c = 3 in 1\nreplace c = 7 in 2\nxtile qc = x, cutpoints(c)\nxtile qa = x, nq(4) altdef")
    assert list(s.data.df["qc"].fillna(-1)) == [1, 1, 1, 2, 2, 2, 2, 3, 3, 3, -1]
    assert list(s.data.df["qa"].fillna(-1)) == [1, 1, 2, 2, 2, 3, 3, 3, 4, 4, -1]  # 2.75, 5.5, 8.25
    run(s, "gen w = cond(_n <= 5, 3, 1)\nxtile qw = x [fw=w], nq(2)")
    assert list(s.data.df["qw"].fillna(-1)) == [1, 1, 1, 1, 2, 2, 2, 2, 2, 2, -1]
    _unchanged(run, s, "xtile q = x", 110, "already defined")
    _unchanged(run, s, "xtile z = x, nq(1)", 198, "nquantiles() incorrectly specified")
    _unchanged(run, s, "pctile z = x, nq(20)", 198, "nquantiles() must be less than or equal")
    _unchanged(run, s, "xtile z = x, cutpoints(c) nq(3)", 198, "may not be combined")


# ----------------------------------------------------------------------------- mvencode, mvdecode
def test_mvdecode_and_mvencode(new_session, run):
    s = new_session(pd.DataFrame({"y": [1.0, 99.0, 3.0, 98.0], "t": ["a", "b", "c", "d"]}))
    out, rc = run(s, "mvdecode _all, mv(99 = .a \\ 98)")
    assert out == "y: 2 missing values generated\n"
    from mlmcli.missing import text
    assert [text(v) if np.isnan(v) else v for v in s.data.df["y"]] == [1.0, ".a", 3.0, "."]
    out, rc = run(s, "mvencode y, mv(.a = -1 \\ else = -9)")
    assert out == "y: 2 missing values recoded\n" and list(s.data.df["y"]) == [1, -1, 3, -9]
    s = new_session(pd.DataFrame({"y": [1.0, np.nan, 5.0]}))
    _unchanged(run, s, "mvencode y, mv(5)", 9, "y: 5 already used")
    out, rc = run(s, "mvencode y, mv(5) override")
    assert list(s.data.df["y"]) == [1, 5, 5]
    _unchanged(run, s, "mvdecode y", 198, "option mv() required")
    _unchanged(run, s, "mvdecode y, mv(5 = 3)", 198, "3 invalid missing-value code")


# ----------------------------------------------------------------------------- order, tabulate generate()
def test_order_sequential_and_conflicts(new_session, run):
    s = new_session(pd.DataFrame({"a10": [1.0], "b": [1.0], "a2": [1.0], "a1": [1.0]}))
    run(s, "order a*, sequential")
    assert s.data.varnames == ["a1", "a2", "a10", "b"]
    run(s, "order b a1, after(a10)")
    assert s.data.varnames == ["a2", "a10", "b", "a1"]
    _unchanged(run, s, "order b, first last", 198, "may not be combined")


def test_tabulate_generate_abbreviated(new_session, run):
    s = new_session(pd.DataFrame({"pid": [1.0, 2.0, 3.0, 1.0]}))
    out, rc = run(s, "tab pid, g(piddum)")
    assert rc == 0 and list(s.data.df["piddum1"]) == [1, 0, 0, 1] and s.data.var_labels["piddum3"] == "pid==3"
