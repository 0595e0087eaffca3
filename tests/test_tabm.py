"""tabm (tab_chi, SSC; tabm.ado 2.3.0): several variables tabulated as one stacked variable
against their values.  Counts and weighted row percentages against pandas on this file's own
data; labels, transpose, missing, replace and the ado's refusals."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


@pytest.fixture(scope="module")
def frame():
    rng = np.random.default_rng(99)
    n = 80
    a = rng.integers(1, 4, n).astype(float)
    b = rng.integers(1, 4, n).astype(float)
    b[:5] = np.nan
    return pd.DataFrame({"a": a, "b": b, "c": rng.integers(1, 4, n).astype(float), "w": rng.uniform(0.2, 3, n),
                         "s": ["x"] * n})


def _row(out, label):
    line = next(ln for ln in out.splitlines() if ln.split("|")[0].strip() == label)
    return [float(v) for v in line.split("|")[1].split()]


def test_counts(do, frame):
    rc, out, _ = do("tabm a b c\n", df=frame)
    assert rc == 0, out
    for v in ("a", "b", "c"):
        counts = frame[v].value_counts().sort_index()
        assert _row(out, v) == [float(counts.get(k, 0)) for k in (1.0, 2.0, 3.0)]


def test_weighted_row_percentages(do, frame):
    rc, out, _ = do("tabm a b [aweight=w], nof row\n", df=frame)
    assert rc == 0, out
    for v in ("a", "b"):
        keep = frame[v].notna()
        sums = frame[keep].groupby(v)["w"].sum()
        assert _row(out, v)[:3] == pytest.approx(list(100 * sums / sums.sum()), abs=0.006)


def test_labels_varnames_transpose_missing(do, frame):
    setup = 'label var a "first item"\nlabel define abc 1 "low" 2 "mid" 3 "high"\nlabel values a abc\n'
    rc, out, _ = do(setup + "tabm a b\n", df=frame)
    assert rc == 0 and "first item |" in out and "low" in out
    rc, out, _ = do(setup + "tabm a b, varnames\n", df=frame)
    assert rc == 0 and "first item" not in out and _row(out, "a")
    rc, out, _ = do(setup + "tabm a b, missing transpose\n", df=frame)
    assert rc == 0 and _row(out, ".")[:2] == [0.0, 5.0]


def test_replace_and_type_exclusion(do, frame):
    rc, out, s = do("tabm a b s, replace\n", df=frame)
    assert rc == 0, out
    assert "s different type, so excluded" in out
    assert list(s.data.varnames) == ["_stack", "_values"] and s.data.nobs == 2 * len(frame)
    rc, out, s = do("tabm a b\n", df=frame)
    assert list(s.data.varnames) == list(frame.columns)


def test_refusals(do, frame):
    assert do("tabm a\n", df=frame)[0] == 102
    assert do("tabm a b [pweight=w]\n", df=frame)[0] == 101
    assert do("tabm a b if a > 5\n", df=frame)[0] == 2000
