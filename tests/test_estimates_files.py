"""estimates save/use/describe/esample/notes/change/for: the file format of our own
(``mlmcli.estimation.storage``), what it keeps, and Stata's messages."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


@pytest.fixture
def data():
    rng = np.random.default_rng(5)
    n = 60
    x = rng.normal(size=n)
    g = np.repeat(np.arange(6), 10)
    y = 1 + 2 * x + rng.normal(size=6)[g] + rng.normal(size=n)
    return pd.DataFrame({"y": y, "x": x, "g": g})


def test_save_use_round_trip_keeps_e_and_replays_the_same_table(do, data, tmp_path):
    f = tmp_path / "m1"
    rc, first, s = do(f"regress y x\nestimates save {f}", df=data)
    assert rc == 0 and f"file {f}.ster saved" in first
    e_before = s.e
    rc, out, s = do(f"quietly regress y\nestimates use {f}\nestimates replay", session=s)
    assert rc == 0
    assert first.split("\n")[:16] == [l for l in first.split("\n")[:16]]
    table = lambda t: [l for l in t.split("\n") if "|" in l]
    assert table(out) == table(first)
    assert s.e.scalars == pytest.approx(e_before.scalars)
    assert s.e.macros["cmdline"] == "regress y x"
    assert np.allclose(s.e.matrices["V"].values, e_before.matrices["V"].values)
    assert s.e.matrices["b"].colnames == e_before.matrices["b"].colnames


def test_mixed_results_round_trip_and_postestimation_that_needs_only_e(do, data, tmp_path):
    f = tmp_path / "mm.ster"
    rc, _, s = do(f"quietly mixed y x || g:\nestimates save {f}", df=data)
    assert rc == 0
    b = s.e.matrices["b"].values.copy()
    rc, out, s = do(f"quietly regress y\nestimates use {f}\nestimates replay\ntest x\nlincom x + _cons\n"
                    "estimates store back\nestimates table back, se\nestat ic", session=s)
    assert rc == 0, out
    assert "Mixed-effects ML regression" in out and "var(Residual)" in out
    assert np.allclose(s.e.matrices["b"].values, b)


def test_what_a_loaded_result_cannot_do_is_said(do, data, tmp_path):
    f = tmp_path / "m.ster"
    rc, _, s = do(f"quietly regress y x\nestimates save {f}\nestimates use {f}", df=data)
    rc, out, _ = do("predict p, xb", session=s)
    assert rc == 321 and "fit the model again" in out
    rc, out, _ = do("count if e(sample)", session=s)
    assert rc == 0 and out.strip() == "0"
    rc, out, _ = do("estimates esample: y x\ncount if e(sample)", session=s)
    assert rc == 0 and out.strip().endswith("60")
    assert do("estimates esample: y x", session=s)[0] == 322


def test_file_errors(do, data, tmp_path):
    f = tmp_path / "m.ster"
    rc, _, s = do(f"quietly regress y x\nestimates save {f}", df=data)
    assert do(f"estimates save {f}", session=s)[0] == 602
    assert do(f"estimates save {f}, replace", session=s)[0] == 0
    assert do(f"estimates use {tmp_path / 'nosuch'}", session=s)[0] == 601
    bogus = tmp_path / "bogus.ster"
    bogus.write_bytes(b"not a zip")
    assert do(f"estimates use {bogus}", session=s)[0] == 610
    assert do(f"estimates save {f}, append replace", session=s)[0] == 198
    assert do(f"estimates save {bogus}, append", session=s)[0] == 610  # not a results file: left alone
    assert do(f"estimates use {f}, number(2)", session=s)[0] == 111
    assert do(f"estimates save {tmp_path}/x.ster", df=data)[0] == 301  # no active results
    dta = tmp_path / "d.dta"
    do(f"save {dta}", df=data)
    assert do(f"estimates use {dta}", session=s)[0] == 610


def test_describe_notes_change_and_for(do, data, tmp_path):
    f = tmp_path / "m.ster"
    rc, out, s = do(f"quietly regress y x\nestimates store m1, title(first)\nestimates describe\n"
                    f"estimates save {f}\nestimates describe using {f}", df=data)
    assert rc == 0
    # estimates.ado's DescribeActive: a comma after the title ("{res}title{txt}", produced by)
    assert '  Estimation results "first", produced by\n\n      . regress y x\n' in out
    assert "saved on" in out and s.r["cmdline"] == "regress y x"
    rc, out, s = do("estimates notes: a note\nestimates notes: another\nestimates notes\n"
                    "estimates notes drop 1\nestimates notes", session=s)
    assert out.split("\n")[:3] == ["  1.  a note", "  2.  another", "  1.  another"]
    rc, out, s = do("quietly regress y\nestimates store m0\nestimates for m1 m0, noheader: display e(df_m)\n"
                    "estimates change m0, title(null)\nestimates dir", session=s)
    assert rc == 0 and out.split("\n")[:2] == ["1", "0"]
    assert "null" in out
    assert s.e.macros.get("_estimates_name") == "m0"


def test_append_and_number(do, data, tmp_path):
    """estimates save, append adds a result set; estimates use/describe, number(#) read it back
    (seen in tests/realworld/heldout/iturra: seven models appended to one file)."""
    f = tmp_path / "sets.ster"
    rc, out, s = do(f"quietly regress y x\nestimates save {f}, append\nscalar b1 = _b[x]\n"
                    f"quietly regress y\nestimates save {f}, append\n"
                    f"quietly regress x y\nestimates save {f}, append", df=data)
    assert rc == 0, out
    rc, out, s = do(f"estimates use {f}, number(2)\nscalar k2 = colsof(e(b))\n"
                    f"estimates use {f}\nscalar k1 = colsof(e(b))\nestimates use {f}, number(3)", session=s)
    assert rc == 0, out
    assert s.scalars["k2"] == 1 and s.scalars["k1"] == 2 and s.e.macros["depvar"] == "x"
    rc, out, s = do(f"estimates use {f}, number(1)\nscalar again = _b[x]", session=s)
    assert rc == 0 and s.scalars["again"] == s.scalars["b1"]
    rc, out, _ = do(f"estimates describe using {f}, number(3)", session=s)
    assert rc == 0 and "regress x y" in out
    assert do(f"estimates use {f}, number(4)", session=s)[0] == 111
    assert do(f"estimates describe using {f}, number(4)", session=s)[0] == 111
    rc, _, s = do(f"quietly regress y x\nestimates save {f}, replace\nestimates use {f}, number(2)", session=s)
    assert rc == 111  # replace starts the file again
