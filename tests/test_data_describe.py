"""describe, list, count: Stata layouts on small data."""
from __future__ import annotations

import numpy as np
import pandas as pd

from mlmcli.dataset import Dataset


def cars() -> Dataset:
    ds = Dataset(df=pd.DataFrame({
        "make": np.array(["AMC Concord", "AMC Pacer", "Buick LeSabre", "VW Rabbit", "Fiat Strada", "Honda Civic"],
                         dtype=object),
        "price": [4099.0, 4749.0, 5788.0, 4697.0, 4296.0, 4499.0],
        "mpg": [22.0, 17.0, 18.0, 25.0, 21.0, 28.0],
        "foreign": [0.0, 0.0, 0.0, 1.0, 1.0, np.nan],
    }))
    ds.types.update(make="str18", price="int", mpg="int", foreign="byte")
    ds.formats.update(make="%-18s", price="%8.0gc", mpg="%8.0g", foreign="%8.0g")
    ds.var_labels.update(make="Make and Model", price="Price", foreign="Car type")
    ds.value_labels["origin"] = {0.0: "Domestic", 1.0: "Foreign"}
    ds.value_label_of["foreign"] = "origin"
    ds.label = "1978 Automobile Data"
    return ds


def test_list_boxed_with_separator_and_labels(new_session, run):
    s = new_session(cars())
    out, rc = run(s, "list make price foreign")
    assert rc == 0
    assert out == (
        "\n"
        "     +----------------------------------+\n"
        "     | make            price    foreign |\n"
        "     |----------------------------------|\n"
        "  1. | AMC Concord     4,099   Domestic |\n"
        "  2. | AMC Pacer       4,749   Domestic |\n"
        "  3. | Buick LeSabre   5,788   Domestic |\n"
        "  4. | VW Rabbit       4,697    Foreign |\n"
        "  5. | Fiat Strada     4,296    Foreign |\n"
        "     |----------------------------------|\n"
        "  6. | Honda Civic     4,499          . |\n"
        "     +----------------------------------+\n")


def test_list_if_in_noobs_clean_separator(new_session, run):
    s = new_session(cars())
    out, _ = run(s, "list price mpg in 1/2, noobs")
    assert out == ("\n  +-------------+\n  | price   mpg |\n  |-------------|\n"
                   "  | 4,099    22 |\n  | 4,749    17 |\n  +-------------+\n")
    out, _ = run(s, "list mpg if mpg > 20, sep(2)")
    assert out.splitlines()[4:8] == ["  1. |  22 |", "  4. |  25 |", "     |-----|", "  5. |  21 |"]
    out, _ = run(s, "list mpg foreign in 4/5, clean nolabel")
    assert out == "\n       mpg   foreign  \n  4.    25         1  \n  5.    21         1  \n"


def test_list_under_by_numbers_within_group(new_session, run):
    s = new_session(cars())
    out, _ = run(s, "bysort foreign: list mpg")
    assert "-> foreign = Foreign" in out
    block = out.split("-> foreign = Foreign")[1]
    assert "  1. |  25 |" in block and "  2. |  21 |" in block


def test_count(new_session, run):
    s = new_session(cars())
    assert run(s, "count") == ("  6\n", 0)
    assert run(s, "count if foreign == 1") == ("  2\n", 0)
    assert s.r["N"] == 2
    out, rc = run(s, "count if nosuch")
    assert rc == 111 and out.startswith("nosuch not found")


def test_count_thousands(new_session, run):
    s = new_session(Dataset(df=pd.DataFrame({"x": np.zeros(21790)})))
    assert run(s, "count") == ("  21,790\n", 0)


def test_describe_layout(new_session, run):
    s = new_session(cars())
    s.data.filename = "/somewhere/auto.dta"
    s.data.sortedby = ("foreign",)
    s.linesize = 80
    out, _ = run(s, "describe")
    lines = out.splitlines()
    assert lines[0] == ""
    assert lines[1] == "Contains data from /somewhere/auto.dta"
    assert lines[2] == "  obs:             6                          1978 Automobile Data"
    assert lines[3].startswith(" vars:             4")
    assert lines[4] == " size:           138"
    assert lines[5] == "-" * 79
    assert lines[6] == "              storage   display    value"
    assert lines[7] == "variable name   type    format     label      variable label"
    assert lines[9] == "make            str18   %-18s                 Make and Model"
    assert lines[10] == "price           int     %8.0gc                Price"
    assert lines[11] == "mpg             int     %8.0g"
    assert lines[12] == "foreign         byte    %8.0g      origin     Car type"
    assert lines[14] == "Sorted by:  foreign"
    assert s.r["N"] == 6 and s.r["k"] == 4


def test_describe_varlist_only_table(new_session, run):
    s = new_session(cars())
    out, _ = run(s, "describe mpg")
    assert out.splitlines()[1:4] == ["              storage   display    value",
                                     "variable name   type    format     label      variable label",
                                     "-" * (s.linesize - 1)]
    assert out.splitlines()[4] == "mpg             int     %8.0g"
    out, rc = run(s, "describe nosuch")
    assert rc == 111


def test_list_sepby(new_session, run):
    s = new_session(cars())
    out, _ = run(s, "list mpg foreign, sepby(foreign)")
    lines = out.splitlines()
    assert lines[4:10] == ["  1. |  22   Domestic |", "  2. |  17   Domestic |", "  3. |  18   Domestic |",
                           "     |----------------|", "  4. |  25    Foreign |", "  5. |  21    Foreign |"]
    assert lines[10] == "     |----------------|"


def test_list_obs_numbers_as_wide_as_N(new_session, run):
    s = new_session(Dataset(df=pd.DataFrame({"x": np.arange(1500.0)})))
    out, _ = run(s, "list in 1/2")
    assert out.splitlines()[1:5] == ["      +---+", "      | x |", "      |---|", "   1. | 0 |"]


def test_list_abbreviate_and_string_options(new_session, run):
    ds = Dataset(df=pd.DataFrame({"averylongname": [1.0], "s": np.array(["abcdefgh"], dtype=object)}))
    ds.types.update(averylongname="byte", s="str8")
    s = new_session(ds)
    out, _ = run(s, "list")
    assert "| averyl~e          s |" in out
    out, _ = run(s, "list, abbreviate(13) string(3)")
    assert "| averylongname     s |" in out and "|             1   abc |" in out
    assert run(s, "list, string(x)")[1] == 198


def test_describe_fullnames(new_session, run):
    ds = Dataset(df=pd.DataFrame({"a_really_long_variable": [1.0]}))
    ds.types["a_really_long_variable"] = "byte"
    s = new_session(ds)
    assert "a_really_long~e byte" in run(s, "describe")[0]
    assert "a_really_long_variable byte" in run(s, "describe, fullnames")[0]


def test_list_nocompress_and_its_synonym_fast_use_the_display_formats_widths(do):
    rc, out, s = do('set obs 2\ngen x = _n\ngen str3 s = "ab"\nlist')
    assert "| x    s |" in out
    for option in ("fast", "nocompress", "nocomp"):
        rc, out, _ = do(f"list, {option}", session=s)
        assert rc == 0 and "|         x           s |" in out and "  1. |         1          ab |" in out


def test_describe_shows_the_time_stamp_written_in_the_dta_file(do, tmp_path):
    import datetime

    import pandas as pd

    path = tmp_path / "stamped.dta"
    pd.DataFrame({"x": [1.0, 2.0]}).to_stata(path, write_index=False, version=117,
                                               time_stamp=datetime.datetime(2013, 11, 7, 10, 20))
    rc, out, s = do(f'use "{path}"\ndescribe, short')
    assert rc == 0 and "07 Nov 2013 10:20" in out
    rc, out, _ = do(f'describe using "{path}", short', session=s)
    assert "07 Nov 2013 10:20" in out
