"""use / save / import / export / clear: round trips with metadata, messages,
errors, and file safety."""
from __future__ import annotations

import os

import numpy as np
import pandas as pd
import pytest

from mlmcli.dataset import Dataset
from mlmcli.dta import read_dta, write_dta


def small_dataset() -> Dataset:
    ds = Dataset(df=pd.DataFrame({
        "id": [1.0, 2.0, 3.0, 4.0],
        "grp": [1.0, 1.0, 2.0, np.nan],
        "x": [0.5, -1.25, 3.0, 2.0],
        "name": np.array(["ann", "bob", "", "dee"], dtype=object),
    }))
    ds.types.update(id="int", grp="byte", x="double", name="str3")
    ds.formats.update(x="%8.3f")
    ds.var_labels.update(x="An x value", grp="Group")
    ds.value_labels["grplab"] = {1.0: "one", 2.0: "two"}
    ds.value_label_of["grp"] = "grplab"
    ds.label = "Small test data"
    return ds


def test_dta_round_trip_keeps_metadata(tmp_path):
    path = str(tmp_path / "small.dta")
    write_dta(small_dataset(), path)
    back, _ = read_dta(path)
    assert back.varnames == ["id", "grp", "x", "name"]
    assert back.types == {"id": "int", "grp": "byte", "x": "double", "name": "str3"}
    assert back.formats["x"] == "%8.3f"
    assert back.var_labels == {"x": "An x value", "grp": "Group"}
    assert back.value_label_of == {"grp": "grplab"}
    assert back.value_labels == {"grplab": {1.0: "one", 2.0: "two"}}
    assert back.label == "Small test data"
    assert np.isnan(back.df["grp"][3]) and back.df["name"].tolist() == ["ann", "bob", "", "dee"]
    assert not os.listdir(tmp_path) == [] and [f for f in os.listdir(tmp_path) if f.startswith(".mlm")] == []


def test_use_and_save_commands(tmp_path, new_session, run):
    s = new_session()
    s.data = small_dataset()
    path = tmp_path / "a.dta"
    out, rc = run(s, f"save {tmp_path}/a")
    assert rc == 0 and out == f"file {path} saved\n"
    assert not s.data.changed
    out, rc = run(s, f"save {tmp_path}/a")
    assert rc == 602 and out == f"file {path} already exists\nr(602);\n"
    out, rc = run(s, f"save {tmp_path}/a, replace")
    assert rc == 0
    s2 = new_session()
    out, rc = run(s2, f"use {tmp_path}/a")
    assert rc == 0 and out == "(Small test data)\n"
    assert s2.data.value_label_text("grp", 2.0) == "two"
    out, rc = run(s2, f'use "{tmp_path}/a.dta", clear')
    assert rc == 0


def test_use_refuses_to_discard_changes(tmp_path, new_session, run):
    s = new_session()
    write_dta(small_dataset(), str(tmp_path / "a.dta"))
    run(s, f"use {tmp_path}/a")
    out, rc = run(s, "gen y = 1")
    out, rc = run(s, f"use {tmp_path}/a")
    assert rc == 4
    assert out == "no; dataset in memory has changed since last saved\nr(4);\n"
    assert "y" in s.data.varnames
    out, rc = run(s, f"use {tmp_path}/a, clear")
    assert rc == 0 and "y" not in s.data.varnames


def test_use_missing_file_and_subsets(tmp_path, new_session, run):
    s = new_session()
    out, rc = run(s, f"use {tmp_path}/nothere")
    assert rc == 601 and out.startswith(f"file {tmp_path}/nothere.dta not found")
    write_dta(small_dataset(), str(tmp_path / "a.dta"))
    out, rc = run(s, f"use id x if grp == 1 using {tmp_path}/a, clear")
    assert rc == 0
    assert s.data.varnames == ["id", "x"] and s.data.nobs == 2
    out, rc = run(s, f"use {tmp_path}/a in 2/3, clear")
    assert s.data.nobs == 2 and s.data.df["id"].tolist() == [2.0, 3.0]


def test_save_without_replace_leaves_file_untouched(tmp_path, new_session, run):
    s = new_session()
    s.data = small_dataset()
    target = tmp_path / "keep.dta"
    target.write_bytes(b"original contents")
    out, rc = run(s, f"save {target}")
    assert rc == 602
    assert target.read_bytes() == b"original contents"


def test_failing_save_keeps_old_file_and_leaves_no_partial(tmp_path, monkeypatch, new_session, run):
    s = new_session()
    s.data = small_dataset()
    target = tmp_path / "old.dta"
    write_dta(small_dataset(), str(target))
    before = target.read_bytes()

    def boom(path, parts):
        with open(path, "wb") as fh:
            fh.write(b"half a file")
        raise OSError("disk full")

    monkeypatch.setattr("mlmcli.fileformats.dta_write.write_parts", boom)
    out, rc = run(s, f"save {target}, replace")
    assert rc != 0 and "could not be saved" in out
    assert target.read_bytes() == before
    assert sorted(os.listdir(tmp_path)) == ["old.dta"]


def test_save_needs_variables_and_a_name(tmp_path, new_session, run):
    s = new_session()
    out, rc = run(s, f"save {tmp_path}/e")
    assert rc == 111 and out.startswith("no variables defined")
    s.data = small_dataset()
    out, rc = run(s, "save")
    assert rc == 198


def test_import_and_export_delimited(tmp_path, new_session, run):
    csv = tmp_path / "d.csv"
    csv.write_text("ID,Score,Name\n1,2.5,a\n2,,bb\n3,4,c\n")
    s = new_session()
    out, rc = run(s, f"import delimited {csv}")
    assert rc == 0 and out == "(3 vars, 3 obs)\n"
    assert s.data.varnames == ["id", "score", "name"]
    assert s.data.types["id"] == "byte" and s.data.types["score"] == "float"
    assert s.data.types["name"] == "str2"
    assert np.isnan(s.data.df["score"][1])
    out, rc = run(s, f"import delimited using {csv}")
    assert rc == 4
    out, rc = run(s, f"insheet using {csv}, clear")
    assert rc == 0 and out == "(3 vars, 3 obs)\n"
    s.data = small_dataset()
    dest = tmp_path / "out.csv"
    out, rc = run(s, f"export delimited id grp name using {dest}")
    assert rc == 0 and out == f"file {dest} saved\n"
    assert dest.read_text() == "id,grp,name\n1,one,ann\n2,one,bob\n3,two,\n4,,dee\n"
    out, rc = run(s, f"export delimited id grp using {dest}, nolabel")
    assert rc == 602
    out, rc = run(s, f"export delimited id grp using {dest}, nolabel replace")
    assert dest.read_text().splitlines()[1] == "1,1"


def test_clear(new_session, run):
    s = new_session()
    s.data = small_dataset()
    out, rc = run(s, "clear")
    assert rc == 0 and out == "" and s.data.nobs == 0 and s.data.varnames == []


def test_hsb_sample_reads(root_dir):
    ds, _ = read_dta(str(root_dir / "samples" / "data" / "hsb.dta"))
    assert ds.nobs == 7185 and ds.value_labels["sector"] == {0.0: "Public", 1.0: "Catholic"}


@pytest.mark.parametrize("name", ["sleepstudy.dta", "orthodont.dta"])
def test_shared_data_read(shared_dir, name):
    ds, _ = read_dta(str(shared_dir / "data" / name))
    assert ds.nobs > 0 and all(t in ("byte", "int", "long", "float", "double") or t.startswith("str")
                               for t in ds.types.values())


def test_saved_file_has_ordinary_permissions(tmp_path):
    old = os.umask(0o022)
    try:
        write_dta(small_dataset(), str(tmp_path / "p.dta"))
    finally:
        os.umask(old)
    assert (os.stat(tmp_path / "p.dta").st_mode & 0o777) == 0o644


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_TYPES = {"byte": st.integers(-127, 100), "int": st.integers(-32767, 32740),
          "long": st.integers(-2147483647, 2147483620), "double": st.floats(-1e12, 1e12)}


@settings(max_examples=25, deadline=None)
@given(typed=st.sampled_from(sorted(_TYPES)).flatmap(
    lambda t: st.tuples(st.just(t), st.lists(st.one_of(st.none(), _TYPES[t]), min_size=1, max_size=12))),
    texts=st.lists(st.text(alphabet="abc xyz", max_size=6), min_size=1, max_size=12))
def test_dta_round_trip_property(typed, texts, tmp_path_factory):
    vtype, values = typed
    n = min(len(values), len(texts))
    nums = np.array([np.nan if v is None else float(v) for v in values[:n]])
    ds = Dataset(df=pd.DataFrame({"v": nums, "s": np.array(texts[:n], dtype=object)}))
    ds.types.update(v=vtype, s=f"str{max(1, max(len(t) for t in texts[:n]))}")
    path = str(tmp_path_factory.mktemp("rt") / "r.dta")
    write_dta(ds, path)
    back, _ = read_dta(path)
    assert back.types["v"] == vtype
    np.testing.assert_array_equal(back.numeric("v"), nums)
    assert back.df["s"].tolist() == texts[:n]


def test_export_writes_floats_at_float_precision(tmp_path, new_session, run):
    s = new_session()
    s.data = Dataset(df=pd.DataFrame({"f": [np.float32(0.1).item(), 2.5], "d": [0.1, 1 / 3]}))
    s.data.types.update(f="float", d="double")
    run(s, f"export delimited using {tmp_path}/f.csv")
    # Stata writes no leading zero (".1"): docs/data_file_formats.md
    assert (tmp_path / "f.csv").read_text() == "f,d\n.1,.1\n2.5,.3333333333333333\n"


def test_describe_using_and_use_nolabel(tmp_path, new_session, run):
    write_dta(small_dataset(), str(tmp_path / "a.dta"))
    s = new_session()
    out, rc = run(s, f"describe using {tmp_path}/a")
    assert rc == 0 and "Contains data from" in out and "grp             byte    %8.0g      grplab     Group" in out
    assert s.data.nobs == 0  # describe using does not load the data
    run(s, f"use {tmp_path}/a, nolabel")
    assert s.data.value_label_of == {} and s.data.var_labels["grp"] == "Group"


def test_export_to_missing_folder_is_a_clean_error(tmp_path, new_session, run):
    s = new_session()
    s.data = small_dataset()
    out, rc = run(s, f"export delimited using {tmp_path}/no/such/dir/x.csv")
    assert rc == 603 and "could not be opened" in out
    out, rc = run(s, f"save {tmp_path}/no/such/dir/x")
    assert rc == 603
