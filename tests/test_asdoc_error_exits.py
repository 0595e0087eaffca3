"""Errors asdoc.ado (2.3.4.1) shows with ``display as error`` and then a bare ``exit`` -- return
code 0, nothing written, the data and results left alone: append with replace, accum() with
replace, a non-integer dec() (when a command is given), a stat() tabstat does not know (before
tabstat runs), and no regression output (r(table)) after an estimation command."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


@pytest.fixture
def data() -> pd.DataFrame:
    rng = np.random.default_rng(41)
    df = pd.DataFrame({"x": rng.normal(size=30), "g": rng.integers(0, 2, 30).astype(float)})
    df["y"] = 2 + df["x"] + rng.normal(size=30)
    return df


@pytest.fixture
def do(new_session, run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)

    def go(text, df):
        s = new_session(df)
        out, rc = run(s, text, stop_on_error=False)
        return rc, out, s
    return go


@pytest.mark.parametrize("line, shown", [
    ("asdoc sum y, replace append save(t.doc)", ["Option append and replace cannot be used together"]),
    ("asdoc, text(hello) replace append save(t.doc)", ["Option append and replace cannot be used together"]),
    ("asdoc, accum(1, 2) replace", ["Option replace cannot be combined with option accum"]),
    ("asdoc sum y, dec(2.5) save(t.doc)", ["Error in the option dec()",
                                           "you have entered dec(2.5) where dec() expects integers"]),
    ("asdoc sum y, dec(two) save(t.doc)", ["you have entered dec(two) where dec() expects integers"]),
    ("asdoc tabstat y x, stat(mean foo) save(t.doc)", ["Error in the stat(mean foo) option!",
                                                       "only the following statistics are allowed"]),
])
def test_shown_as_an_error_and_exit_zero(do, data, tmp_path, line, shown):
    rc, out, s = do(line, data)
    assert rc == 0, out
    for text in shown:
        assert text in out
    assert not (tmp_path / "t.doc").exists() and not (tmp_path / "Myfile.doc").exists()
    pd.testing.assert_frame_equal(s.data.df.reset_index(drop=True), data)


def test_stat_error_comes_before_tabstat_runs(do, data):
    rc, out, _ = do("asdoc tabstat y, stat(foo) save(t.doc)", data)
    assert rc == 0 and "Variable" not in out and "not a valid statistic" not in out


def test_an_out_of_range_integer_dec_is_still_refused(do, data, tmp_path):
    rc, out, _ = do("asdoc sum y, dec(30) save(t.doc)", data)
    assert rc == 198 and not (tmp_path / "t.doc").exists()


def test_a_good_call_still_writes(do, data, tmp_path):
    rc, out, _ = do("asdoc sum y, dec(2) save(t.doc) replace", data)
    assert rc == 0 and f"{data.y.mean():.2f}" in (tmp_path / "t.doc").read_text()
