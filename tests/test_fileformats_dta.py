"""Stata .dta reading and writing (mlmcli/fileformats/dta_read.py, dta_write.py):
round trips through every release we write, files read back by pandas and pyreadstat,
files written by pandas and pyreadstat read by us, strL, and bad files."""
from __future__ import annotations

import datetime as dt
import os

import numpy as np
import pandas as pd
import pytest

from mlmcli.dataset import Dataset
from mlmcli.errors import StataError
from mlmcli.fileformats.dta_read import read_dta
from mlmcli.fileformats.dta_write import release_for_stata_version, save_dta
from mlmcli.missing import code as missing_code, extended, order_key

A, Z = extended("a"), extended("z")
NOW = dt.datetime(2024, 3, 5, 9, 7)


def rich_dataset(strl: bool = True, text: str = "é") -> Dataset:
    ds = Dataset()
    cols = {
        "id": np.array([1.0, 2, 3, 4]),
        "small": np.array([-127.0, 100, np.nan, A]),
        "mid": np.array([-32767.0, 32740, Z, np.nan]),
        "big": np.array([-2147483647.0, 2147483620, extended("m"), 7]),
        "fl": np.array([np.float32(0.1).item(), -1.5e38, extended("b"), np.nan]),
        "db": np.array([0.1, 8.9e307, -1e-300, extended("y")]),
        "name": np.array(["Ann", f"Bj{text}rn", "", "z" * 20], dtype=object),
    }
    types = {"id": "byte", "small": "byte", "mid": "int", "big": "long", "fl": "float", "db": "double",
             "name": "str20"}
    if strl:
        cols["note"] = np.array(["x" * 5000, "", f"short {text}", "x" * 5000], dtype=object)
        types["note"] = "strL"
    ds.df = pd.DataFrame(cols)
    ds.types = types
    ds.formats = {"id": "%8.0g", "small": "%8.0g", "mid": "%8.0g", "big": "%12.0g", "fl": "%9.2f",
                  "db": "%10.0g", "name": "%-20s"}
    if strl:
        ds.formats["note"] = "%9s"
    ds.var_labels = {"small": f"a small one {text}", "db": "double precision"}
    ds.value_labels = {"yn": {0.0: "no", 1.0: "yes", order_key(A): "refused", order_key(np.nan): "dot"},
                       "unused": {-5.0: "minus five"}}
    ds.value_label_of = {"small": "yn", "mid": "yn"}
    ds.label = f"test data {text}"
    ds.chars = {"note1": "first note", "note0": "1", "small[note1]": "about small", "ReS_i": "id"}
    ds.sortedby = ("id",)
    return ds


def assert_same(got: Dataset, want: Dataset, release: int) -> None:
    assert got.varnames == want.varnames
    for name in want.varnames:
        if want.is_string(name):
            assert got.df[name].tolist() == want.df[name].tolist(), name
            continue
        a = got.df[name].to_numpy(dtype=float)
        b = want.df[name].to_numpy(dtype=float)
        if want.types[name] == "float":
            b = np.where(np.isnan(b), b, b.astype(np.float32).astype(float))
        np.testing.assert_array_equal(np.isnan(a), np.isnan(b))
        np.testing.assert_array_equal(a[~np.isnan(a)], b[~np.isnan(b)])
        np.testing.assert_array_equal(missing_code(a), missing_code(b))
    assert got.types == want.types
    assert got.formats == want.formats
    assert got.var_labels == want.var_labels
    assert got.value_label_of == want.value_label_of
    assert got.value_labels == want.value_labels
    assert got.label == want.label
    assert got.chars == want.chars
    assert got.sortedby == want.sortedby
    assert got.changed is False


@pytest.mark.parametrize("release", [117, 118])
def test_round_trip_tagged(tmp_path, release):
    ds = rich_dataset()
    path = str(tmp_path / "r.dta")
    assert save_dta(ds, path, replace=False, version=release, now=NOW) == release
    back, stamp = read_dta(path)
    assert stamp == "05 Mar 2024 09:07"
    assert_same(back, ds, release)
    assert back.filename == path


@pytest.mark.parametrize("release", [114, 115])
def test_round_trip_old(tmp_path, release):
    ds = rich_dataset(strl=False)
    path = str(tmp_path / "r.dta")
    save_dta(ds, path, replace=False, version=release)
    back, _ = read_dta(path)
    assert_same(back, ds, release)
    assert open(path, "rb").read(1) == bytes([release])


def test_save_default_is_stata13_and_unicode_moves_to_118(tmp_path):
    path = str(tmp_path / "d.dta")
    assert save_dta(rich_dataset(), path, replace=False) == 117
    assert open(path, "rb").read(31).endswith(b"<release>117")
    greek = rich_dataset(text="Ω")
    assert save_dta(greek, path, replace=True) == 118
    back, _ = read_dta(path)
    assert back.df["name"][1] == "BjΩrn" and back.label == "test data Ω"
    with pytest.raises(StataError) as err:
        save_dta(greek, path, replace=True, version=117)
    assert err.value.rc == 459 and "Unicode" in err.value.message
    assert read_dta(path)[0].df["name"][1] == "BjΩrn"  # the refused write left the file as it was


def test_saveold_refuses_what_stata12_cannot_hold(tmp_path):
    path = str(tmp_path / "o.dta")
    with pytest.raises(StataError) as err:
        save_dta(rich_dataset(), path, replace=False, version=115)
    assert err.value.rc == 459 and "variable note" in err.value.message
    assert not os.path.exists(path) and os.listdir(tmp_path) == []
    short = rich_dataset()
    short.df["note"] = ["a", "", "b", "c"]
    save_dta(short, path, replace=False, version=115)  # a strL of short text fits a str#
    back, _ = read_dta(path)
    assert back.types["note"] == "str1" and back.df["note"].tolist() == ["a", "", "b", "c"]
    assert release_for_stata_version(11) == 114 and release_for_stata_version(12) == 115
    with pytest.raises(StataError):
        release_for_stata_version(9)


@pytest.mark.parametrize("release", [114, 117, 118])
def test_pandas_reads_what_we_write(tmp_path, release):
    ds = rich_dataset(strl=release >= 117)
    path = str(tmp_path / "p.dta")
    save_dta(ds, path, replace=False, version=release)
    reader = pd.io.stata.StataReader(path)
    with reader:
        df = reader.read(convert_missing=True, convert_categoricals=False, convert_dates=False)
        assert reader.variable_labels()["small"] == ds.var_labels["small"]
        assert reader.data_label == ds.label
        labels = reader.value_labels()
        assert list(reader._fmtlist[:2]) == ["%8.0g", "%8.0g"]
    assert labels["yn"][1] == "yes" and labels["yn"][2147483622] == "refused"
    assert labels["unused"] == {-5: "minus five"}
    assert df["name"].tolist() == ds.df["name"].tolist()
    if release >= 117:
        assert df["note"].tolist() == ds.df["note"].tolist()
    for name in ("small", "mid", "big", "db"):
        for got, want in zip(df[name].tolist(), ds.df[name].tolist()):
            if isinstance(got, pd.io.stata.StataMissingValue):
                assert got.string == "." + ("abcdefghijklmnopqrstuvwxyz"[missing_code(want) - 1]
                                            if missing_code(want) > 0 else "")
            else:
                assert got == want


@pytest.mark.parametrize("release", [115, 117, 118])
def test_pyreadstat_reads_what_we_write(tmp_path, release):
    pyreadstat = pytest.importorskip("pyreadstat")
    ds = rich_dataset(strl=release >= 117)
    if release == 117:  # pyreadstat decodes a 117 strL as UTF-8, not as the format's Latin-1
        ds.df.loc[2, "note"] = "short e"
    path = str(tmp_path / "q.dta")
    save_dta(ds, path, replace=False, version=release)
    df, meta = pyreadstat.read_dta(path)
    for name in ("small", "mid", "big", "db"):
        want = ds.df[name].to_numpy(dtype=float)
        got = df[name].to_numpy(dtype=float)
        np.testing.assert_array_equal(np.isnan(got), np.isnan(want))
        np.testing.assert_array_equal(got[~np.isnan(got)], want[~np.isnan(want)])
    assert df["name"].tolist() == ds.df["name"].tolist()
    if release >= 117:
        assert df["note"].tolist() == ds.df["note"].tolist()
    assert meta.column_names_to_labels["small"] == ds.var_labels["small"]
    assert meta.file_label == ds.label
    assert meta.variable_to_label == {"small": "yn", "mid": "yn"}
    assert meta.value_labels["yn"][1] == "yes"
    assert meta.original_variable_types["fl"] == "%9.2f"
    lettered, meta2 = pyreadstat.read_dta(path, user_missing=True)
    assert lettered["small"][3] == "a" and lettered["mid"][2] == "z" and lettered["big"][2] == "m"
    assert meta2.value_labels["yn"]["a"] == "refused"


def test_we_read_what_pandas_writes(tmp_path):
    df = pd.DataFrame({"x": np.array([1, 2, 3], dtype=np.int16), "y": [0.5, np.nan, 2.0],
                       "s": ["a", "bé", "c"], "long_text": ["q" * 3000, "r", ""]})
    for version in (114, 117, 118):
        path = tmp_path / f"pd{version}.dta"
        frame = df if version > 114 else df.drop(columns="long_text")
        frame.to_stata(path, write_index=False, version=version, data_label="from pandas",
                       variable_labels={"x": "an int", "y": "a double"},
                       convert_strl=["long_text"] if version > 114 else None)
        ds, _ = read_dta(str(path))
        assert ds.types["x"] == "int" and ds.types["y"] == "double"
        assert ds.df["x"].tolist() == [1.0, 2.0, 3.0]
        assert np.isnan(ds.df["y"][1]) and ds.df["y"][2] == 2.0
        assert ds.df["s"].tolist() == ["a", "bé", "c"]
        assert ds.var_labels == {"x": "an int", "y": "a double"} and ds.label == "from pandas"
        if version > 114:
            assert ds.types["long_text"] == "strL" and ds.df["long_text"].tolist() == ["q" * 3000, "r", ""]
    cat = pd.DataFrame({"g": pd.Categorical(["lo", "hi", "lo"])})
    cat.to_stata(tmp_path / "cat.dta", write_index=False, version=118)
    ds, _ = read_dta(str(tmp_path / "cat.dta"))
    assert ds.value_label_of == {"g": "g"} and ds.value_labels["g"] == {0.0: "hi", 1.0: "lo"}
    assert ds.df["g"].tolist() == [1.0, 0.0, 1.0]


def test_we_read_what_pyreadstat_writes(tmp_path):
    pyreadstat = pytest.importorskip("pyreadstat")
    df = pd.DataFrame({"v": [1.0, 2.0, np.nan, 4.0], "w": ["a", "b", "c", "d"]})
    df["v"] = df["v"].astype(object)
    df.loc[3, "v"] = "c"  # pyreadstat's way of writing the extended missing value .c
    path = str(tmp_path / "prs.dta")
    pyreadstat.write_dta(df, path, file_label="prs", column_labels={"v": "vee"}, version=13,
                         variable_value_labels={"v": {1: "one", 2: "two"}},
                         missing_user_values={"v": ["c"]}, variable_format={"v": "%6.1f"})
    ds, _ = read_dta(path)
    v = ds.df["v"].to_numpy()
    assert v[:2].tolist() == [1.0, 2.0] and missing_code(v[2]) == 0 and missing_code(v[3]) == 3
    assert ds.var_labels["v"] == "vee" and ds.label == "prs" and ds.formats["v"] == "%6.1f"
    labset = ds.value_label_of["v"]
    assert ds.value_labels[labset] == {1.0: "one", 2.0: "two"}


def test_values_that_outgrew_their_type_are_promoted(tmp_path):
    ds = Dataset()
    ds.df = pd.DataFrame({"b": [1.0, 300.0], "i": [2.5, 1.0], "f": [1e39, 0.0], "inf": [np.inf, 1.0]})
    ds.types = {"b": "byte", "i": "int", "f": "float", "inf": "double"}
    path = str(tmp_path / "g.dta")
    save_dta(ds, path, replace=False)
    back, _ = read_dta(path)
    assert back.types == {"b": "int", "i": "double", "f": "double", "inf": "double"}
    assert back.df["b"].tolist() == [1.0, 300.0] and back.df["i"].tolist() == [2.5, 1.0]
    assert back.df["f"][0] == 1e39 and np.isnan(back.df["inf"][0])


def test_columns_subset_and_empty_data(tmp_path):
    path = str(tmp_path / "c.dta")
    save_dta(rich_dataset(), path, replace=False)
    ds, _ = read_dta(path, columns=["db", "id"])
    assert ds.varnames == ["id", "db"] and "small[note1]" not in ds.chars and ds.sortedby == ("id",)
    empty = Dataset()
    save_dta(empty, str(tmp_path / "e.dta"), replace=False)
    back, _ = read_dta(str(tmp_path / "e.dta"))
    assert back.nobs == 0 and back.varnames == []
    noobs = rich_dataset().copy()
    noobs.df = noobs.df.iloc[:0]
    save_dta(noobs, str(tmp_path / "n.dta"), replace=False)
    back, _ = read_dta(str(tmp_path / "n.dta"))
    assert back.nobs == 0 and back.varnames == noobs.varnames


# ----------------------------------------------------------------------------- bad files
def expect_error(path, rc, start):
    with pytest.raises(StataError) as err:
        read_dta(str(path))
    assert err.value.rc == rc, err.value.message
    assert err.value.message.startswith(start), err.value.message


def test_missing_folder_and_foreign_files(tmp_path):
    expect_error(tmp_path / "nothere.dta", 601, f"file {tmp_path}/nothere.dta not found")
    expect_error(tmp_path, 610, f"file {tmp_path} not Stata format")
    (tmp_path / "text.dta").write_text("id,score\n1,2\n")
    expect_error(tmp_path / "text.dta", 610, f"file {tmp_path}/text.dta not Stata format")
    (tmp_path / "empty.dta").write_bytes(b"")
    expect_error(tmp_path / "empty.dta", 610, "file")
    (tmp_path / "new.dta").write_bytes(b"<stata_dta><header><release>121</release>" + b"\0" * 100)
    expect_error(tmp_path / "new.dta", 610, f"file {tmp_path}/new.dta from a more recent version of Stata")


@pytest.mark.parametrize("release", [115, 117, 118])
def test_truncated_files_are_refused_at_every_cut(tmp_path, release):
    good = tmp_path / "good.dta"
    save_dta(rich_dataset(strl=release >= 117), str(good), replace=False, version=release)
    data = good.read_bytes()
    bad = tmp_path / "bad.dta"
    for cut in sorted({1, 5, 20, 60, 200, len(data) // 3, len(data) // 2, len(data) - 30, len(data) - 1}):
        bad.write_bytes(data[:cut])
        with pytest.raises(StataError) as err:
            read_dta(str(bad))
        assert err.value.rc in (610, 612), (cut, err.value.message)
        if release >= 117 and cut > 40:
            assert err.value.rc == 612 and err.value.message.startswith(".dta file corrupt")


def test_garbage_inside_a_tagged_file_is_not_stata_format(tmp_path):
    good = tmp_path / "good.dta"
    save_dta(rich_dataset(), str(good), replace=False)
    data = bytearray(good.read_bytes())
    at = data.index(b"<variable_types>")
    data[at + 16:at + 18] = b"\x01\x90"  # type code 36865: none
    (tmp_path / "bad.dta").write_bytes(bytes(data))
    expect_error(tmp_path / "bad.dta", 610, "file")


def test_real_stata_files_read(shared_dir):
    files = sorted((shared_dir / "data").rglob("*.dta"))[:6]
    for path in files:
        ds, _ = read_dta(str(path))
        reference = pd.read_stata(path, convert_categoricals=False, convert_dates=False)
        assert ds.varnames == list(reference.columns)
        for name in ds.varnames:
            if not ds.is_string(name):
                np.testing.assert_allclose(ds.df[name].to_numpy(dtype=float),
                                           reference[name].to_numpy(dtype=float), equal_nan=True)


# ----------------------------------------------------------------------------- through the commands
def _session():
    import io
    from mlmcli.session import Output, Session
    return Session(out=Output(io.StringIO()))


def test_strl_survives_use_and_save_replace(run, tmp_path):
    """Issue 18 #5: a strL used to load as an all-missing double and `save, replace` lost it."""
    path = tmp_path / "strl.dta"
    frame = pd.DataFrame({"id": [1, 2, 3], "story": ["long " * 1000, "short", ""]})
    pd.io.stata.StataWriter117(path, frame, convert_strl=["story"], write_index=False).write_file()
    s = _session()
    out, rc = run(s, f'use "{path}"\nsave "{path}", replace')
    assert rc == 0, out
    assert pd.read_stata(path)["story"].tolist() == ["long " * 1000, "short", ""]
    ds, _ = read_dta(str(path))
    assert ds.types["story"] == "strL"


def test_failed_use_keeps_the_data_in_memory(run, tmp_path):
    s = _session()
    run(s, "set obs 3\ngenerate x = _n")
    before = s.data.df.copy()
    for content in (b"", b"not a dta", b"<stata_dta><header><release>118</release>"):
        bad = tmp_path / "bad.dta"
        bad.write_bytes(content)
        out, rc = run(s, f'use "{bad}", clear')
        assert rc in (610, 612) and s.data.df.equals(before)
    out, rc = run(s, f'use "{tmp_path}/none.dta", clear')
    assert rc == 601 and s.data.df.equals(before)


def test_save_command_notes_when_unicode_needs_stata14_format(run, tmp_path):
    s = _session()
    out, rc = run(s, f'set obs 1\ngenerate str5 s = "é"\nsave "{tmp_path}/a"')
    assert rc == 0 and out.strip().endswith(f"file {tmp_path}/a.dta saved") and "(note:" not in out
    assert open(tmp_path / "a.dta", "rb").read(31).endswith(b"117")
    out, rc = run(s, f'replace s = "Ω"\nsave "{tmp_path}/a", replace')
    assert rc == 0 and "Stata 14 format" in out
    assert read_dta(str(tmp_path / "a.dta"))[0].df["s"][0] == "Ω"
