"""rolling: windowed regress results against R (tests/tssmooth_reference/rolling_reference.R:
zoo::rollapply over lm), window/recursive/rrecursive/stepsize, exp lists (_b _se, name=exp,
r-class), saving(), panels, the dots layout and rolling.ado's messages; what is refused by name."""
from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

OUT = Path(__file__).parent / "tssmooth_reference" / "rolling_reference.out"
REF = {line.split()[0]: np.array([float(v) for v in line.split()[1:]]).reshape(-1, 5)
       for line in OUT.read_text().splitlines()}
DATA = ("clear\nset obs 30\ngen t = _n\ngen double x = mod(7*t, 13) + t/5\n"
        "gen double y = 2 + 0.5*x + mod(11*t, 7)/3\ntsset t\n")
COLS = ["_b_x", "_b_cons", "_se_x", "_se_cons"]


def _results(s, cols=COLS):
    return np.column_stack([s.data.numeric(c) for c in cols])


def test_window_against_zoo_and_layout(do):
    rc, printed, s = do(DATA + "rolling _b _se, window(10) clear: regress y x")
    assert rc == 0, printed
    assert ("(running regress on estimation sample)\n\nRolling replications (21)\n"
            "----+--- 1 ---+--- 2 ---+--- 3 ---+--- 4 ---+--- 5 \n" + "." * 21) in printed
    np.testing.assert_allclose(_results(s), REF["window10"][:, :4], rtol=1e-6)
    np.testing.assert_array_equal(s.data.numeric("start"), np.arange(1, 22))
    np.testing.assert_array_equal(s.data.numeric("end"), np.arange(10, 31))
    assert s.data.varnames == ["start", "end"] + COLS
    assert s.data.var_labels["_b_x"] == "_b[x]" and s.data.label == "rolling: regress"
    assert s.e is None


@pytest.mark.parametrize("options,key,starts,ends", [
    ("window(10) stepsize(3)", "window10_step3", np.arange(1, 22, 3), np.arange(10, 31, 3)),
    ("window(10) recursive", "recursive", np.ones(21), np.arange(10, 31)),
    ("window(10) rrecursive", "rrecursive", np.arange(1, 22), np.full(21, 30)),
])
def test_recursive_and_stepsize_against_zoo(do, options, key, starts, ends):
    rc, printed, s = do(DATA + f"rolling _b _se, {options} clear nodots: regress y x")
    assert rc == 0, printed
    assert "Rolling replications" not in printed
    np.testing.assert_allclose(_results(s), REF[key][:, :4], rtol=1e-6)
    np.testing.assert_array_equal(s.data.numeric("start"), starts)
    np.testing.assert_array_equal(s.data.numeric("end"), ends)


def test_named_expressions_and_saving(do, tmp_path):
    target = tmp_path / "roll.dta"
    rc, printed, s = do(DATA + f'rolling r2=e(r2) slope=_b[x], window(10) saving("{target}", double): regress y x\n'
                        f'use "{target}", clear')
    assert rc == 0, printed
    assert f"file {target} saved" in printed
    np.testing.assert_allclose(s.data.numeric("r2"), REF["window10"][:, 4], rtol=1e-12)
    np.testing.assert_allclose(s.data.numeric("slope"), REF["window10"][:, 0], rtol=1e-12)
    assert s.data.types["r2"] == "double" and s.data.var_labels["r2"] == "e(r2)"


def test_saving_keeps_the_data(do, tmp_path):
    target = tmp_path / "keep.dta"
    rc, printed, s = do(DATA + f'rolling _b, window(25) saving("{target}"): regress y x')
    assert rc == 0, printed
    assert s.data.varnames == ["t", "x", "y"] and target.exists()
    rc, printed, s = do(DATA + f'rolling _b, window(25) saving("{target}"): regress y x')
    assert rc == 602 and "already exists" in printed


def test_r_class_default_list(do):
    rc, printed, s = do(DATA + "rolling mean=r(mean), window(5) clear nodots: summarize y")
    assert rc == 0, printed
    y = 2 + 0.5 * ((7 * np.arange(1, 31)) % 13 + np.arange(1, 31) / 5) + ((11 * np.arange(1, 31)) % 7) / 3
    np.testing.assert_allclose(s.data.numeric("mean"), [y[i:i + 5].mean() for i in range(26)], rtol=1e-6)


def test_panels(do):
    rc, printed, s = do(DATA + "gen id = 1 + (t > 15)\ntsset id t\nrolling _b, window(10) clear: regress y x")
    assert rc == 0, printed
    assert "\n-> id = 1\n\nRolling replications (6)\n" in printed and "\n-> id = 2\n" in printed
    assert s.data.varnames == ["id", "start", "end", "_b_x", "_b_cons"]
    np.testing.assert_array_equal(s.data.numeric("start"), [1, 2, 3, 4, 5, 6, 16, 17, 18, 19, 20, 21])
    np.testing.assert_allclose(s.data.numeric("_b_x")[0], REF["window10"][0, 0], rtol=1e-6)


def test_failed_window_posts_missing(do):
    """Windows 10 to 13 hold no observation with x: regress fails there (x, missing values)."""
    rc, printed, s = do(DATA + "replace x = . if t >= 10 & t <= 22\nrolling _b, window(10) clear: regress y x")
    assert rc == 0, printed
    marks = re.search(r"^([.x]{21}) +21$", printed, re.M).group(1)
    assert marks[:7] == "......." and marks[9:13] == "xxxx", marks
    b = s.data.numeric("_b_x")
    assert np.isnan(b[9:13]).all() and not np.isnan(b[:7]).any()


@pytest.mark.parametrize("text,rc,message", [
    ("rolling _b: regress y x", 198, "option window() required"),
    ("rolling _b, window(5) recursive rrecursive clear: regress y x", 198,
     "recursive and rrecursive are mutually exclusive options"),
    ("rolling _b, window(5) clear saving(f): regress y x", 198, "clear and saving() are mutually exclusive options"),
    ("rolling _b, window(0) clear: regress y x", 125, "window() invalid"),
    ("rolling _b, window(5) stepsize(0) clear: regress y x", 198, "stepsize() must be a positive integer"),
    ("rolling _b, window(5) reject(1) clear: regress y x", 199, "option reject() of rolling is not implemented"),
    ("rolling _b, window(5) keep(nosuch) clear: regress y x", 198, "keep() invalid:  nosuch does not exist"),
    ("rolling _b, window(5) start(20) end(10) clear: regress y x", 198,
     "option start() cannot be greater than option end()"),
    ("rolling _b, window(5) start(1jan2000) clear: regress y x", 199, "option start() with a date string"),
    ("rolling (b: _b), window(5) clear: regress y x", 199, "(name: exp) groups in rolling's exp_list"),
    ("rolling _b, window(5) clear: bootstrap: regress y x", 199, "bootstrap is not supported by rolling"),
    ("rolling _b, window(5) clear: regress y nosuch", 111, "variable nosuch not found"),
])
def test_errors_leave_data(do, text, rc, message):
    got, printed, s = do(DATA + text)
    assert got == rc and message in printed, printed
    assert s.data.varnames == ["t", "x", "y"]


def test_changed_data_need_clear(do):
    got, printed, s = do(DATA + "rolling _b, window(5): regress y x")
    assert got == 4 and "no; dataset in memory has changed since last saved" in printed


def test_start_end_and_keep(do):
    rc, printed, s = do(DATA + "gen yr = 1990 + t\n"
                        "rolling _b, window(10) start(5) end(25) keep(yr) clear nodots: regress y x")
    assert rc == 0, printed
    assert s.data.varnames == ["start", "end", "date", "_b_x", "_b_cons"]
    np.testing.assert_array_equal(s.data.numeric("start"), np.arange(5, 17))
    np.testing.assert_array_equal(s.data.numeric("date"), 1990 + np.arange(14, 26))
    np.testing.assert_allclose(s.data.numeric("_b_x"), REF["window10"][4:16, 0], rtol=1e-6)
    assert s.data.types["date"] == "int"
    rc, printed, s = do(DATA + "gen yr = 1990 + t\nrolling _b, window(10) keep(yr, start) clear nodots: regress y x")
    np.testing.assert_array_equal(s.data.numeric("date"), 1990 + np.arange(1, 22))
