"""``use x.dta`` keeps the rows in the Dataset's column store (numpy columns; the pandas
DataFrame built on the first command that needs it): ``use`` + ``mixed`` never imports
pandas, gives the same numbers and output as on the DataFrame, and any later command that
needs the frame (generate, summarize, sort, predict) works on it as before."""
from __future__ import annotations

import subprocess
import sys
import textwrap

import numpy as np
import pandas as pd
import pytest

from mlmcli.fileformats.dta_read import numeric_values, stored_numeric

MODELS = [
    "mixed y x i.f || _all: R.a || _all: R.b, nolog",
    "mixed y x i.f if x < 1 in 5/380 || a: x, nolog",
    "mixed y c.x##i.f [fw=w] || a:, nolog",
    "mixed y x || a: || b:, nolog reml",
    "mixed y x || id:, nolog",
]


def _frame() -> pd.DataFrame:
    rs = np.random.RandomState(16)
    n = 400
    a = rs.randint(1, 31, n)
    b = rs.randint(1, 9, n)
    x = rs.normal(size=n)
    y = 2 + 0.5 * x + rs.normal(size=31)[a] + rs.normal(size=9)[b] + rs.normal(size=n)
    frame = pd.DataFrame({"y": y, "x": x, "a": a.astype(float), "b": (b * 1000).astype(float),
                          "f": rs.randint(0, 3, n).astype(float), "w": rs.randint(1, 4, n).astype(float),
                          "id": np.array([f"c{k % 40}" for k in range(n)], dtype=object)})
    frame.loc[7, "x"] = np.nan
    frame.loc[11, "y"] = np.nan
    return frame


@pytest.fixture(scope="module")
def dta(tmp_path_factory, do):
    path = tmp_path_factory.mktemp("store") / "crossed.dta"
    rc, out, _ = do(f'replace a = .a in 3\nrecast long a b\nrecast byte f w\nsave "{path}"\n', _frame())
    assert rc == 0, out
    return path


def _fit(do, path, model: str, materialise: bool):
    rc, out, s = do(f'use "{path}", clear\n')
    assert rc == 0, out
    assert s.data.held_as_columns
    if materialise:
        s.data.materialise()
        assert not s.data.held_as_columns
    rc, out, s = do(model + "\n", session=s)
    assert rc == 0, out
    return out, s


@pytest.mark.parametrize("model", MODELS)
def test_mixed_on_the_column_store_equals_the_frame(do, dta, model):
    out_columns, s_columns = _fit(do, dta, model, materialise=False)
    out_frame, s_frame = _fit(do, dta, model, materialise=True)
    assert out_columns == out_frame
    e1, e2 = s_columns.e, s_frame.e
    assert e1.scalars.keys() == e2.scalars.keys()
    for key, value in e1.scalars.items():
        assert value == e2.scalars[key] or (value != value and e2.scalars[key] != e2.scalars[key]), key
    assert e1.macros == e2.macros
    for key in ("b", "V"):
        assert np.array_equal(e1.matrices[key].values, e2.matrices[key].values, equal_nan=True)
    assert np.array_equal(e1.sample, e2.sample)
    if "id:" not in model:  # a string level variable is read from the frame
        assert s_columns.data.held_as_columns


def test_commands_after_mixed_build_the_frame(do, dta):
    text = ("generate z = 2 * y\nsort b a\npredict double fit, fitted\npredict double u*, reffects\n"
            "summarize z fit\ncount if e(sample)\n")
    _, s_columns = _fit(do, dta, MODELS[0], materialise=False)
    _, s_frame = _fit(do, dta, MODELS[0], materialise=True)
    rc1, out1, s_columns = do(text, session=s_columns)
    rc2, out2, s_frame = do(text, session=s_frame)
    assert rc1 == rc2 == 0, out1 + out2
    assert out1 == out2
    assert not s_columns.data.held_as_columns
    pd.testing.assert_frame_equal(s_columns.data.df, s_frame.data.df)
    assert np.isnan(s_columns.data.df["a"].to_numpy()).sum() == 1  # the .a read as missing


def test_the_frame_is_the_one_the_reader_built_before(do, dta):
    rc, out, s = do(f'use "{dta}", clear\n')
    frame = s.data.df
    expected = _frame()
    expected.loc[2, "a"] = np.nan
    assert list(frame.columns) == list(expected.columns)
    for name in ("y", "x", "a", "b", "f", "w"):
        assert frame[name].dtype == np.float64
        np.testing.assert_array_equal(frame[name].to_numpy(), expected[name].to_numpy(dtype=float))
    assert list(frame["id"]) == list(expected["id"])
    assert isinstance(frame.index, pd.RangeIndex) and len(frame) == 400
    frame.loc[0, "y"] = 99.0  # the frame is writable (the stored columns are not shared)
    assert s.data.df.loc[0, "y"] == 99.0


@pytest.mark.parametrize("vtype, values", [
    ("byte", np.array([-127, 0, 100, 101, 102], np.int8)),
    ("int", np.array([-32767, 5, 32740, 32741], np.int16)),
    ("long", np.array([-2147483647, 1, 2147483620, 2147483621, 2147483646], np.int32)),
    ("long", np.array([3, 200, 40000], np.int32)),
    ("long", np.array([-3, 1, 100], np.dtype(">i4"))),
    ("double", np.array([1.5, -2.0, 8.98846567431158e307], np.float64)),
    ("double", np.array([1.5, 8.98846567431158e307, 8.99e307], np.dtype(">f8"))),
    ("float", np.array([1.5, -2.25, 1.7014117e38], np.dtype(">f4"))),
    ("float", np.array([1.5, 1.71e38], np.float32)),
])
def test_stored_numeric_gives_the_values_numeric_values_gives(vtype, values):
    stored = stored_numeric(values, vtype)
    got = stored() if callable(stored) else stored
    expected = numeric_values(values, vtype)
    assert got.dtype == np.float64
    assert np.array_equal(got.view(np.uint64), expected.view(np.uint64))  # NaN payloads (.a ...) too
    compact = vtype in ("byte", "int", "long", "float") and not np.isnan(expected).any()
    assert callable(stored) == compact  # kept narrow, or decoded once
    if compact:
        assert stored() is not got  # a new array on each call


def test_use_and_mixed_never_import_pandas(dta, root_dir, tmp_path):
    dofile = tmp_path / "fit.do"
    dofile.write_text(f'use "{dta}", clear\n{MODELS[0]}\nmixed y x i.f if x < 1 || a: x\n'
                      'display e(ll)\n')
    code = textwrap.dedent(f"""
        import sys
        from mlmcli.cli import main
        rc = main(["-q", {str(dofile)!r}])
        print("RC", rc, "PANDAS", "pandas" in sys.modules, "PYARROW", "pyarrow" in sys.modules)
    """)
    env = {"PYTHONPATH": str(root_dir), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                          cwd=tmp_path, timeout=300)
    assert "RC 0 PANDAS False PYARROW False" in done.stdout, done.stdout + done.stderr
    assert "Mixed-effects ML regression" in done.stdout


def test_a_failing_command_leaves_the_columns_as_read(do, dta):
    rc, out, s = do(f'use "{dta}", clear\n')
    before = {n: s.data.numeric(n) for n in ("y", "x", "a", "b")}
    for failing in ("generate x = 1", "replace y = y + nosuchvar", "sort nosuchvar"):
        rc, out, s = do(failing + "\n", session=s)
        assert rc == 111 if "nosuch" in failing else rc == 110, out
        for name, values in before.items():
            np.testing.assert_array_equal(s.data.numeric(name), values)
    rc, out, s = do("replace y = 1 in 1\ndrop in 2\n" + MODELS[0] + "\n", session=s)
    assert rc == 0, out
    assert s.data.nobs == 399 and s.data.numeric("y")[0] == 1.0
    np.testing.assert_array_equal(s.data.numeric("b"), np.delete(before["b"], 1))
