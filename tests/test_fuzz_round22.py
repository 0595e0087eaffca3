"""Round 22 of the command fuzz (docs/command_fuzz.md; tests/fuzz_round22_lines.py): table export
after unusual models, the me commands/gsem/gllamm with replicate and cluster VCEs on odd data, egen
functions on extreme, empty and string data, recode/merge/append/reshape with odd keys, import
with rowrange()/colrange(), by/bysort over empty groups.  Each test is a line the fuzz or the
hand-written hostile lines found, and the behaviour fixed."""
from __future__ import annotations

import math
import os
import sys
import time
from pathlib import Path

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fuzz_command_data import make_frame, run_line_checked as _run  # noqa: E402


def _column(session, name):
    return session.data.df[name].to_numpy(dtype=float)


# ------------------------------------------------------------------ egen std(): mean(#) std(#)
@pytest.mark.parametrize("option", ["std(a)", "mean(a)", "std()", "mean(1 2)"])
def test_egen_std_refuses_an_option_that_is_not_a_number(option):
    # found: egen q = std(y), std(a) -- ValueError, r(9999)
    rc, printed, session = _run(f"egen q = std(y), {option}")
    name = option.split("(")[0]
    assert rc == 198, printed
    assert f"option {name}() incorrectly specified" in printed
    assert "q" not in session.data.df.columns


@settings(max_examples=25, deadline=None)
@given(m0=st.floats(-1e6, 1e6), s0=st.floats(-1e6, 1e6))
@example(m0=2.0, s0=0.0)  # std(0): every value the mean given
def test_egen_std_rescales_by_the_mean_and_std_given(m0, s0):
    rc, printed, session = _run(f"egen double q = std(y), mean({m0!r}) std({s0!r})")
    assert rc == 0, printed
    y = make_frame("full")["y"].to_numpy()
    expected = m0 + s0 * (y - y.mean()) / y.std(ddof=1)
    np.testing.assert_allclose(_column(session, "q"), expected, rtol=1e-9, atol=1e-9 * (abs(m0) + abs(s0)))


# ------------------------------------------------------------------ egen xtile(): nquantiles()
@pytest.mark.parametrize("nq", ["1e300", "4098", "1e9"])
def test_egen_xtile_with_more_quantiles_than_pctile_returns_stops_at_once(nq):
    # found: egen q = xtile(y), nq(1e300) -- a loop over 1e300 percentiles (a hang)
    start = time.monotonic()
    rc, printed, session = _run(f"egen q = xtile(y), nq({nq})")
    assert rc == 198, printed
    assert "too many percentiles; at most 4,096 may be requested" in printed
    assert "q" not in session.data.df.columns
    assert time.monotonic() - start < 10


def test_egen_xtile_fractional_nquantiles_takes_the_ados_numlist():
    # _gxtile.ado: percentiles 100/nq(100/nq)100-100/nq; nq(2.5) is the 40th percentile alone
    rc, printed, session = _run("egen q = xtile(y), nq(2.5)")
    assert rc == 0, printed
    y = np.sort(make_frame("full")["y"].to_numpy())
    cut = (y[15] + y[16]) / 2  # n*p/100 = 16, a whole number: the mean of the 16th and 17th
    q = _column(session, "q")
    assert set(np.unique(q)) == {1.0, 2.0}
    np.testing.assert_array_equal(q, np.where(make_frame("full")["y"].to_numpy() <= cut, 1.0, 2.0))


def test_egen_xtile_nquantiles_4097_is_the_largest():
    rc, printed, session = _run("egen q = xtile(y), nq(4097)")
    assert rc == 0, printed
    assert np.nanmax(_column(session, "q")) <= 4097


# ------------------------------------------------------------------ egen seq(): from() to() past int64
@settings(max_examples=30, deadline=None)
@given(start=st.sampled_from([-5, 0, 1, 7, 10**12, 10**300]), span=st.sampled_from([None, -3, 0, 2, 10**301]),
       block=st.integers(1, 4))
@example(start=10**300, span=10**301, block=1)  # found: OverflowError, r(9999)
def test_egen_seq_matches_its_definition_for_any_from_and_to(start, span, block):
    options = f"from({start:.0e})" if start > 10**15 else f"from({start})"
    stop = None if span is None else start + span
    if stop is not None:
        options += f" to({float(stop):.0e})" if abs(stop) > 10**15 else f" to({stop})"
    rc, printed, session = _run(f"egen double q = seq(), {options} block({block})")
    assert rc == 0, printed
    start, stop = int(float(f"{start:.0e}")) if start > 10**15 else start, \
        None if stop is None else (int(float(f"{float(stop):.0e}")) if abs(stop) > 10**15 else stop)
    values = []
    for k in range(40):
        step = k // block
        if stop is None:
            values.append(float(start + step))
        else:
            width = abs(stop - start) + 1
            values.append(float(start + (1 if stop >= start else -1) * (step % width)))
    np.testing.assert_allclose(_column(session, "q"), values, rtol=1e-15)


# ------------------------------------------------------------------ putdocx table (#rows, #cols)
@pytest.mark.parametrize("dims", ["(2147483648, 3)", "(32768, 1)", "(3, 64)", "(1e9, 2)"])
def test_putdocx_table_past_the_tables_limits_is_refused_at_once(dims):
    # found: putdocx table t = (2147483648, 3) built 6e9 empty cells (a hang)
    start = time.monotonic()
    rc, printed, _ = _run(f"putdocx begin\nputdocx table t = {dims}")
    assert rc == 198, printed
    if "e" not in dims:
        assert "a table may have at most 32,767 rows and 63 columns" in printed
    assert time.monotonic() - start < 10


def test_putdocx_table_at_the_limits_is_made(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    rc, printed, _ = _run("putdocx begin\nputdocx table t = (2, 63)\nputdocx table u = (40, 2)\n"
                          "putdocx describe\nputdocx save d1, replace")
    assert rc == 0, printed
    assert "t: 2 x 63" in printed and "u: 40 x 2" in printed
    assert (tmp_path / "d1.docx").stat().st_size > 0


def test_putdocx_data_table_wider_than_63_columns_is_refused():
    rc, printed, _ = _run("forvalues i = 1/64 {\nquietly generate v`i' = `i'\n}\n"
                          "putdocx begin\nputdocx table t = data(v1-v64)")
    assert rc == 198, printed
    assert "at most 32,767 rows and 63 columns" in printed


# ------------------------------------------------------------------ a sample of the walk
def test_a_sample_of_the_round22_walk_finds_nothing():
    """Every family's lines, mutated (budgeted; the full walk is ``python3 tests/fuzz_round22_lines.py``)."""
    import fuzz_round16_programs as r16
    import fuzz_round22_lines as r22

    sample = r22.cases(22, 3, {"egen", "keys", "imports", "byempty", "tables"}, mutated_only=True)
    lines, found, _ = r16.run_all(sample, budget=float(os.environ.get("MLM_R22_FUZZ_BUDGET", "15")),
                                  runner=r22.run_case)
    assert lines > 0 and not found, "\n".join(f"{f.kind}: {f.case.line!r} {f.detail}" for f in found)


# ------------------------------------------------------------------ import delimited namelist using
_CSV = "a,b,c\n1,x,3\n4,,6\n7,y,9\n"


def test_import_delimited_namelist_names_the_first_columns(tmp_path, monkeypatch):
    # found: import delimited y using r.csv read the file's names; the namelist was dropped unread
    monkeypatch.chdir(tmp_path)
    (tmp_path / "r.csv").write_text(_CSV)
    rc, printed, session = _run("import delimited p q using r.csv, clear")
    assert rc == 0, printed
    assert session.data.varnames == ["p", "q", "c"]
    assert list(session.data.df["p"]) == [1, 4, 7] and list(session.data.df["c"]) == [3, 6, 9]
    rc, printed, session = _run("import delimited p q using r.csv, clear colrange(2:3) rowrange(3:4)")
    assert rc == 0, printed
    assert session.data.varnames == ["p", "q"] and list(session.data.df["q"]) == [6, 9]


@pytest.mark.parametrize("names, rc, message", [
    ("a a", 110, "variable a already defined"), ("1a", 198, "1a invalid name"), ("_n", 198, "_n invalid name"),
    ("a b c d", 198, "too many variable names specified"), ("b", 110, "variable b already defined"),
])
def test_import_delimited_bad_namelist_is_refused_and_the_data_kept(tmp_path, monkeypatch, names, rc, message):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "r.csv").write_text(_CSV)
    got, printed, session = _run(f"import delimited {names} using r.csv, clear")
    assert got == rc, printed
    assert message in printed
    assert "y" in session.data.varnames and session.data.nobs == 40  # the data in memory kept


def test_import_excel_extvarlist_is_refused_not_ignored(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    rc, printed, _ = _run("export excel using x.xlsx, firstrow(variables)\nimport excel a b using x.xlsx, clear")
    assert rc == 198, printed
    assert "import excel extvarlist is not supported by mlm" in printed


# ------------------------------------------------------------------ egen pc() near the largest double
@settings(max_examples=20, deadline=None)
@given(st.lists(st.floats(-8.9e307, 8.9e307, allow_nan=False, allow_infinity=False).filter(lambda v: v == 0 or abs(v) > 1e-300),
                min_size=1, max_size=6))
@example([8.9e307, 8.9e307])  # found on the huge shape: overflow in 100*x, r(9999) under the warning rule
@example([8.9e307, -8.9e306])
def test_egen_pc_is_missing_where_the_sum_or_the_product_passes_the_largest_double(values):
    setup = "clear\nset obs %d\ngenerate double v = .\n" % len(values) + "\n".join(
        f"replace v = {v!r} in {k + 1}" for k, v in enumerate(values))
    rc, printed, session = _run(setup + "\negen double q = pc(v)")
    assert rc == 0, printed
    x = np.array(values)
    with np.errstate(all="ignore"):
        total = float(np.sum(x))
        total = total if abs(total) <= 8.98846567431158e307 else np.nan
        expected = 100.0 * x / total
    expected[~np.isfinite(expected)] = np.nan
    np.testing.assert_allclose(_column(session, "q"), expected, rtol=1e-12, equal_nan=True)


# ------------------------------------------------------------------ by: sum() within each group
@settings(max_examples=25, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 4), st.one_of(st.floats(-1e17, 1e17, allow_nan=False),
                                                       st.sampled_from([8e307, -8e307, 0.1, float("nan")]))),
                min_size=1, max_size=12))
@example([(1, 1e17), (1, 1e17), (2, 0.1), (2, 0.1)])  # was 0, 0: the digits lost to the first group's total
@example([(1, 8e307), (1, 8e307), (2, 0.1)])          # found on the huge shape: inf - inf, r(9999)
def test_by_sum_is_each_groups_own_running_sum(pairs):
    pairs = sorted(pairs, key=lambda p: p[0])  # stable: the order within a group is kept
    setup = "clear\nset obs %d\ngenerate double v = .\ngenerate g = .\n" % len(pairs) + "\n".join(
        f"replace g = {g} in {k + 1}\n" + ("" if math.isnan(v) else f"replace v = {v!r} in {k + 1}")
        for k, (g, v) in enumerate(pairs))
    rc, printed, session = _run(setup + "\nby g: generate double q = sum(v)")
    assert rc == 0, printed
    expected, total, last = [], 0.0, None
    for g, v in pairs:
        total = 0.0 if g != last else total
        last = g
        total = total + (0.0 if math.isnan(v) else v)  # Python floats: the same sequential rounding
        expected.append(total if abs(total) <= 8.98846567431158e307 else float("nan"))
    got = _column(session, "q")
    np.testing.assert_array_equal(np.isnan(got), np.isnan(expected))
    np.testing.assert_array_equal(got[~np.isnan(got)], np.array(expected)[~np.isnan(expected)])


# ------------------------------------------------------------------ mean near the largest double
@pytest.mark.parametrize("line", ["mean y", "bysort g: mean y", "mean y x1", "mean y, over(f)"])
def test_mean_of_values_near_the_largest_double_has_a_missing_standard_error(line):
    # found on the huge shape: the scores' cross product overflowed (r(9999) under the warning rule)
    rc, printed, session = _run(line, shape="huge")
    assert rc == 0, printed
    if line == "mean y":
        y = make_frame("huge")["y"].to_numpy()
        assert f"{np.mean(y / 40) * 40:.1e}" in printed  # 2.4e+307, the mean taken without overflow
        se_line = next(ln for ln in printed.splitlines() if ln.strip().startswith("y |"))
        assert se_line.split("|")[1].split()[1] == "."
