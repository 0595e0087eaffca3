"""r(table) after a fit is computed when first read (results.matrix.DeferredMatrix): the same
numbers as computed at once, from e() as it was at the fit, and a quiet fit whose table is never
read does not pay for it (no scipy.special import for `quietly mixed`)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from mlmcli.results.matrix import DeferredMatrix, Matrix

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def fitted(new_session, run):
    rng = np.random.default_rng(11)
    n = 120
    x = rng.normal(size=n)
    g = np.arange(n) % 8
    session = new_session(pd.DataFrame({"x": x, "g": g.astype(float), "y": 1 + 0.5 * x + g / 4 + rng.normal(size=n)}))
    out, rc = run(session, "quietly regress y x")
    assert rc == 0, out
    return session


def test_r_table_is_deferred_and_matches_an_independent_computation(fitted):
    table = fitted.r["table"]
    assert isinstance(table, DeferredMatrix) and isinstance(table, Matrix)
    assert table.rownames[2] == "t" and table.colnames == ("x", "_cons")
    assert table.__dict__["_values"] is None  # nothing computed until read
    b = np.asarray(fitted.e.matrices["b"].values, float).reshape(-1)
    se = np.sqrt(np.diag(np.asarray(fitted.e.matrices["V"].values, float)))
    df = fitted.e.scalars["df_r"]
    values = table.values
    np.testing.assert_allclose(values[0], b, rtol=1e-15)
    np.testing.assert_allclose(values[1], se, rtol=1e-15)
    np.testing.assert_allclose(values[3], 2 * stats.t.sf(np.abs(b / se), df), rtol=1e-12)
    crit = stats.t.ppf(0.975, df)
    np.testing.assert_allclose(values[4], b - crit * se, rtol=1e-13)
    np.testing.assert_allclose(values[6], [df, df])


def test_the_table_read_later_is_the_fits(fitted, run):
    """A later e() change (a repost of b) does not change the r(table) already posted."""
    b_before = np.asarray(fitted.e.matrices["b"].values, float).reshape(-1).copy()
    table = fitted.r["table"]
    out, rc = run(fitted, "matrix bb = e(b)\nmatrix bb[1,1] = 99\nereturn repost b = bb")
    assert rc == 0, out
    assert fitted.r.get("table") is table  # repost leaves r() alone
    np.testing.assert_array_equal(table.values[0], b_before)


def test_reading_r_table_in_the_language(fitted, run):
    out, rc = run(fitted, "display r(table)[4,1]\nmatrix T = r(table)\ndisplay rowsof(T) \" \" colsof(T)")
    assert rc == 0, out
    lines = out.split()
    assert float(lines[0]) == pytest.approx(fitted.r["table"].values[3, 0], rel=1e-3)  # %9.0g shown
    assert lines[1:] == ["9", "2"]


def test_dataclasses_replace_of_a_deferred_table():
    import dataclasses

    calls = []

    def compute():
        calls.append(1)
        return Matrix(np.arange(4.0).reshape(2, 2), ("a", "b"), ("c", "d"))

    deferred = DeferredMatrix(rownames=("a", "b"), colnames=("c", "d"), compute=compute)
    renamed = dataclasses.replace(deferred, colnames=("e", "f"))
    assert calls == [1] and renamed.colnames == ("e", "f")
    np.testing.assert_array_equal(renamed.values, np.arange(4.0).reshape(2, 2))
    assert calls == [1]  # computed once (replace read the values)
    np.testing.assert_array_equal(deferred.values, renamed.values)
    assert calls == [1]


def test_a_quiet_mixed_fit_does_not_import_scipy_special(tmp_path):
    script = tmp_path / "q.do"
    script.write_text("set obs 60\nset seed 3\ngenerate x = rnormal()\ngenerate g = mod(_n, 6)\n"
                      "generate y = x + g/2 + rnormal()\nquietly mixed y x || g:\n")
    probe = ("import sys, runpy; sys.argv = ['mlm', '-q', sys.argv[1]]\n"
             "try:\n    runpy.run_module('mlmcli', run_name='__main__')\nexcept SystemExit:\n    pass\n"
             "print('scipy.special' in sys.modules)")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-c", probe, str(script)], capture_output=True, text=True, env=env,
                          cwd=tmp_path, timeout=120)
    assert done.stdout.strip().splitlines()[-1] == "False", done.stdout + done.stderr
