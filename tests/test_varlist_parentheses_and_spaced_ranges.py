"""Two ways survey-cleaning do-files type varlists: ``ds(a b), not`` / ``ds (x*), not`` (the
parentheses only group the names: a public Stata log of an LSMS cleaning file shows
``ds(a01 sample_type), not`` listing every other variable) and a range typed with a space at
the dash, ``collapse (max) a1- z, by(id)`` / ``summarize a1 - z`` / ``a1 -z`` (the
varlist ``a1-z``).  Data are made here; collapse's maxima are checked against pandas."""
from __future__ import annotations

import io

import numpy as np
import pandas as pd
import pytest

from mlmcli.runner import Runner
from mlmcli.session import Output, Session

SETUP = """clear
set obs 12
generate id = mod(_n, 3)
generate a1 = mod(7*_n, 11)
generate a2 = _n^2
generate t21 = -_n
generate t22 = mod(_n, 5)
generate z = 100 - _n
generate str3 s = "x"
"""


def session():
    s = Session(out=Output(io.StringIO()))
    r = Runner(s)
    assert r.run_text(SETUP, stop_on_error=True) == 0

    def go(text):
        start = len(s.out.stream.getvalue())
        rc = r.run_text(text, stop_on_error=False)
        return rc, s.out.stream.getvalue()[start:]
    return s, go


def test_ds_parenthesised_varlist_with_not():
    s, go = session()
    rc, _ = go("ds(id a1), not")
    assert rc == 0
    assert s.r["varlist"] == "a2 t21 t22 z s"
    rc, _ = go("quietly ds (t2*), not")
    assert rc == 0
    assert s.r["varlist"] == "id a1 a2 z s"
    rc, _ = go("ds (t2*)")
    assert rc == 0 and s.r["varlist"] == "t21 t22"
    rc, _ = go("ds ((a1) z)")
    assert rc == 0 and s.r["varlist"] == "a1 z"


def test_ds_without_parentheses_unchanged_and_errors_kept():
    s, go = session()
    rc, _ = go("ds a1 z, not")
    assert rc == 0 and s.r["varlist"] == "id a2 t21 t22 s"
    rc, out = go("ds (a1 nosuch), not")
    assert rc == 111 and "nosuch" in out
    rc, _ = go("ds (a1 z")  # unbalanced: not a group, an error as before
    assert rc != 0


@pytest.mark.parametrize("typed", ["a1- z", "a1 - z", "a1 -z", "a1-z"])
def test_collapse_range_typed_with_spaces(typed):
    s, go = session()
    before = s.data.df.copy()
    rc, out = go(f"collapse (max) {typed}, by(id)")
    assert rc == 0, out
    want = before.groupby("id")[["a1", "a2", "t21", "t22", "z"]].max().reset_index()
    got = s.data.df[["id", "a1", "a2", "t21", "t22", "z"]].reset_index(drop=True)
    assert list(s.data.varnames) == ["id", "a1", "a2", "t21", "t22", "z"]
    np.testing.assert_allclose(got.to_numpy(float), want.to_numpy(float))


@pytest.mark.parametrize("typed", ["a1- t21", "a1 -t21", "a1 - t21"])
def test_summarize_range_typed_with_spaces(typed):
    s, go = session()
    rc, out = go(f"summarize {typed}")
    assert rc == 0, out
    names = [ln.split("|")[0].strip() for ln in out.splitlines() if "|" in ln][1:]
    assert names == ["a1", "a2", "t21"]
    assert s.r["N"] == 12 and s.r["mean"] == pytest.approx(pd.Series(-np.arange(1, 13)).mean())


def test_failing_collapse_leaves_data():
    s, go = session()
    before = s.data.df.copy()
    rc, _ = go("collapse (max) a1- nosuch, by(id)")
    assert rc == 111
    pd.testing.assert_frame_equal(s.data.df, before)
