"""Lazy data (``use file.parquet, lazy``): data commands run in DuckDB give what they give in memory.

Each test runs the same commands on the Parquet file read into memory and kept lazily,
and compares what they print, r() and the resulting variables (values to 1e-10).
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

pytest.importorskip("duckdb")



@pytest.fixture(scope="module")
def data_file(tmp_path_factory):
    rng = np.random.default_rng(7)
    n = 600
    df = pd.DataFrame({
        "g": rng.integers(0, 12, n).astype(float),
        "x": rng.normal(size=n) * 3,
        "z": rng.integers(-3, 4, n).astype(float),
        "s": rng.choice(["alpha", "be", "", "Z"], n),
        "w": rng.integers(1, 4, n).astype(np.int8),
    })
    df.loc[::9, "x"] = np.nan
    df.loc[::13, "g"] = np.nan
    df.loc[5::11, "z"] = np.nan
    path = tmp_path_factory.mktemp("lazy") / "d.parquet"
    df.to_parquet(path)
    return str(path)


def both(do, path: str, commands: str):
    lazy = do(f"use {path}, lazy\n{commands}")
    memory = do(f"use {path}\n{commands}")
    return lazy, memory


def assert_same(lazy, memory, still_lazy: bool = True):
    (rc_l, out_l, sl), (rc_m, out_m, sm) = lazy, memory
    assert rc_l == rc_m == 0, out_l + out_m
    assert sl.data.lazy == still_lazy  # the commands ran in DuckDB, not on rows brought into memory
    assert out_l == out_m
    assert sl.r.keys() == sm.r.keys()
    for k, v in sm.r.items():
        if isinstance(v, float):
            assert sl.r[k] == pytest.approx(v, rel=1e-10, nan_ok=True), k
        else:
            assert sl.r[k] == v, k
    dl, dm = sl.data, sm.data
    assert dl.varnames == dm.varnames
    assert dl.types == dm.types
    frame_l, frame_m = dl.df, dm.df  # the lazy data are small: brought into memory to compare
    for name in dm.varnames:
        a, b = frame_l[name].to_numpy(), frame_m[name].to_numpy()
        if dm.is_string(name):
            assert list(a) == list(b), name
        else:
            np.testing.assert_allclose(a.astype(float), b.astype(float), rtol=1e-10, atol=0, equal_nan=True,
                                       err_msg=name)


def test_lazy_use_keeps_rows_in_duckdb(do, data_file):
    rc, out, session = do(f"use {data_file}, lazy\ndescribe\ncount")
    assert rc == 0
    assert session.data.lazy and session.data.nobs == 600
    assert "  600" in out
    assert "s               str5" in out


@pytest.mark.parametrize("commands", [
    "count if x > 2\ncount if x >= .\ncount if !missing(x) & g < 5",
    "summarize\nsummarize x if g == 3, meanonly",
    "summarize x z, format separator(1)",
    "tabulate g\ntabulate s, missing sort\ntabulate g, missing",
    "tabulate g z if x > 0\ntabulate s g, row col chi2",
])
def test_statistics_match_memory(do, data_file, commands):
    assert_same(*both(do, data_file, commands))


EXPRESSIONS = [
    "x + 1", "x * z", "x / z", "z / 0", "x ^ 2", "(-8) ^ (1/3)", "-x", "2 * . + x",
    "x > 1", "x >= .", "x == .", ". == .", "x < z", "x != z", "!x", "x & z", "x | z", "!(x > 0) | z == 1",
    "abs(x)", "sqrt(x)", "ln(x)", "exp(x / 10)", "log10(abs(x))", "floor(x)", "ceil(x)", "int(x)",
    "round(x)", "round(x, 0.5)", "mod(z, 3)", "mod(x, 0)", "min(x, z, 1)", "max(x, .)", "missing(x, z)",
    "cond(x > 0, 1, 2)", "cond(x, 1, 2, 3)", "inlist(z, 1, 2, .)", "inrange(x, -1, 1)", "inrange(x, ., 0)",
    "sign(z)", "invlogit(z)", "logit(0.3)", "_n", "_N", "x[_n-1]", "z[_n+2]", "x[1]", "g[_N]",
    "strlen(s)", "s == \"be\"", "s < \"b\"", "missing(s)",
]


@pytest.mark.parametrize("exp", EXPRESSIONS)
def test_expressions_compile_to_sql_with_stata_missing_values(do, data_file, exp):
    assert_same(*both(do, data_file, f"generate double v = {exp}\ngenerate v2 = {exp} if g > 4"))


def test_string_expressions(do, data_file):
    assert_same(*both(do, data_file, 'generate t = s + "!"\ngenerate str3 u = upper(s)\n'
                                 'generate v = cond(x > 0, s, "neg")\ngenerate k = trim("  " + s)'))


def test_replace_promotes_and_counts_changes(do, data_file):
    commands = ("replace w = w * 100 if g < 3\nreplace w = 1.5 in 1/4\nreplace z = . if x < 0\n"
                "replace z = z + 1, nopromote\nreplace s = \"longer text\" if g == 1\nreplace s = \"x\" in 2")
    assert_same(*both(do, data_file, commands))


@pytest.mark.parametrize("function", ["mean", "sd", "count", "total", "sum", "min", "max"])
def test_egen_group_statistics(do, data_file, function):
    commands = (f"egen a = {function}(x), by(g)\negen double b = {function}(x * z) if z > 0, by(g s)\n"
                f"egen c = {function}(x)")
    assert_same(*both(do, data_file, commands))


def test_keep_drop_sort_order(do, data_file):
    commands = ("keep if x > -2\ndrop if s == \"\"\ndrop in 1/3\nkeep z x s g\ndrop g\nsort s z\n"
                "gsort -x\norder x\nrename z zz\nsummarize")
    assert_same(*both(do, data_file, commands))


def test_import_delimited_lazily(do, tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("id,Value,name,big\n1,2.5,a,100000\n2,.,bb,3\n3,1e3,,70000\n\n4,-0.1,c d,5\n")
    lazy = do(f"import delimited {path}, lazy\ndescribe\nsummarize")
    memory = do(f"import delimited {path}\ndescribe\nsummarize")
    assert_same(lazy, memory)


@pytest.mark.parametrize("commands", ["list in 1/12", "list x s in -5/l, noobs", "list g x if x > 3 & g < 4",
                                      "list s z if s == \"be\" in 100/200, sepby(g) nolabel", "list if g == 99"])
def test_list_reads_only_the_listed_rows(do, data_file, commands):
    assert_same(*both(do, data_file, commands))


def test_listing_more_than_lazymax_is_refused(do, data_file):
    rc, out, session = do(f"use {data_file}, lazy\nset lazymax 0.01\nlist in 1/5\nlist")
    assert rc == 909 and "list of 600 observations needs the data in memory" in out
    assert " 5. |" in out and " 6. |" not in out and session.data.lazy


def test_a_command_with_no_lazy_form_loads_small_data(do, data_file):
    (rc_l, out_l, sl), (rc_m, out_m, sm) = both(do, data_file, "generate r = sum(x)\nlist in 1/5")
    assert rc_l == rc_m == 0 and out_l == out_m
    assert not sl.data.lazy  # now in memory


def test_too_big_for_memory_is_refused_naming_the_lazy_mode(do, data_file):
    rc, out, session = do(f"use {data_file}, lazy\nset lazymax 0.001\ncapture list in 1/3\n"
                                   "display _rc\ngenerate r = runiform()")
    assert rc == 909
    assert "needs the data in memory" in out and "set lazymax" in out and "lazily" in out
    assert "909" in out.splitlines()[-3] or "909" in out
    assert session.data.lazy and session.data.nobs == 600 and "r" not in session.data.varnames


def test_failing_commands_leave_lazy_data_unchanged(do, data_file):
    rc, out, session = do(f"use {data_file}, lazy\ncapture generate v = nosuch + 1\n"
                                   "capture generate v = s + 1\ncapture replace x = \"a\"\n"
                                   "capture egen m = mean(s), by(g)\ncapture keep if s\n")
    assert rc == 0
    assert session.data.varnames == ["g", "x", "z", "s", "w"] and session.data.nobs == 600
    assert session.rc == 109


def test_errors_read_as_in_memory(do, data_file):
    for commands in ("generate x = 1", "generate v = nosuch", "replace s = 1", "keep if s",
                     "tabulate g x z", "generate v = (x", "egen m = mean(x), by(nosuch)"):
        (rc_l, out_l, _), (rc_m, out_m, _) = both(do, data_file, commands)
        assert (rc_l, out_l) == (rc_m, out_m), commands


def test_preserve_restore_share_the_relation(do, data_file):
    rc, out, session = do(f"use {data_file}, lazy\npreserve\nkeep if g == 1\ncount\nrestore\ncount")
    assert rc == 0 and session.data.lazy
    assert out.split()[-1] == "600"


def test_set_options(do, data_file):
    from mlmcli.lazydata import store

    # DuckDB's memory cap is the process's (one connection): put back for the worker's next tests
    before = store.memory_limit()
    try:
        rc, out, session = do("set lazymax 100\nset lazymemory 512\nset dask threads\nset dask off")
        assert store.memory_limit() == 512
    finally:
        store.set_memory_limit(before)
    assert rc == 0 and session.settings["lazymax"] == 100 and session.settings["dask"] == ("off", None)
    for bad in ("set dask somewhere", "set lazymax -1", "set dask threads 2", "set lazymax"):
        rc, out, _ = do(bad)
        assert rc == 198, bad
