"""``stem`` ([R] stem): the plot's lines against the leaves computed here from the data (the
last digits of the values in order, per stem), stem.ado's choice of width and digits, its
place holders (* t f s .), -0 stems, rounding notes, truncation of long lines, r() and the
ado's error messages.  The data are the auto data's mpg (its well-known tabulation), for
which the plot is [R] stem's first example."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

MPG_COUNTS = {12: 2, 14: 6, 15: 2, 16: 4, 17: 4, 18: 9, 19: 8, 20: 3, 21: 5, 22: 5, 23: 3, 24: 4, 25: 5,
              26: 3, 28: 3, 29: 1, 30: 2, 31: 1, 34: 1, 35: 2, 41: 1}


@pytest.fixture
def auto(new_session):
    mpg = np.repeat(list(MPG_COUNTS), list(MPG_COUNTS.values())).astype(float)
    return new_session(pd.DataFrame({"mpg": mpg}), types={"mpg": "int"}, var_labels={"mpg": "Mileage (mpg)"})


def _expected_lines(values, width, places):
    """stem|leaves lines computed directly: stems every ``width`` from the lowest to the highest."""
    values = sorted(int(v) for v in values)
    lo, hi = values[0] // width * width, values[-1] // width * width
    lines = []
    for start in range(lo, hi + 1, width):
        leaves = "".join(str(v % 10) for v in values if start <= v < start + width)
        lines.append(f"{start // 10:>3d}{places[(start % 10) // width]} | {leaves}")
    return lines


def test_auto_mpg_default_plot(auto, run):
    out, rc = run(auto, "stem mpg")
    assert rc == 0
    lines = out.split("\n")
    assert lines[:3] == ["", "Stem-and-leaf plot for mpg (Mileage (mpg))", ""]
    # wth_stem: int(1 + 29/sqrt(2*74)) = 3, nearer 2 than 1 or 5: two values per line
    assert int(1 + 29 / math.sqrt(2 * 74)) == 3
    assert lines[3:-1] == _expected_lines(auto.data.df["mpg"], 2, "*tfs.")
    assert lines[3] == "  1t | 22" and lines[13] == "  3t | "
    assert auto.r == {"digits": 1.0, "width": 2.0}


def test_lines_width_and_prune(auto, run):
    out, _ = run(auto, "stem mpg, lines(1)")
    assert out.split("\n")[3:-1] == _expected_lines(auto.data.df["mpg"], 10, "*")
    out, _ = run(auto, "stem mpg, width(5) prune")
    expected = [ln for ln in _expected_lines(auto.data.df["mpg"], 5, "*.") if not ln.endswith("| ")]
    assert out.split("\n")[3:-1] == expected
    assert auto.r["width"] == 5


def test_negative_values_and_minus_zero_stem(new_session, run):
    s = new_session(pd.DataFrame({"x": [-23.0, -17, -12, -3, -1, 0, 4, 8, 15]}), types={"x": "byte"})
    out, rc = run(s, "stem x, width(5)")
    assert rc == 0
    # stems: -20 (-23), -15 (-17), -10 (-12), -5 (none: -0.), -1 (-3 -1: -0*), 0 (0 4), 5 (8), 10, 15
    assert out.split("\n")[3:-1] == [" -2* | 3", " -1. | 7", " -1* | 2", " -0. | ", " -0* | 31",
                                      "  0* | 04", "  0. | 8", "  1* | ", "  1. | 5"]


def test_automatic_rounding_note_and_digits(new_session, run):
    rng = np.random.default_rng(3)
    x = np.round(rng.normal(5, 2, 40), 2)
    s = new_session(pd.DataFrame({"x": x}), types={"x": "double"})
    out, rc = run(s, "stem x")
    assert rc == 0
    lines = out.split("\n")
    # range 12.31: log10 > 1, so rd_stem starts at .1 and goes no finer
    assert x.max() - x.min() == pytest.approx(12.31)
    assert lines[3:6] == ["x rounded to nearest multiple of .1", "plot in units of .1", ""]
    assert s.r["round"] == ".1"
    # every value appears once as stem*10 + leaf, in tenths
    y = np.floor(x / 0.1 + 0.5).astype(int)
    shown = []
    for ln in lines[6:-1]:
        stem, leaves = ln.split(" | ")
        head = stem.strip()[:-1]  # "-0", "-1", "0", "1" ... (one place holder at digits 1)
        sign = -1 if head.startswith("-") else 1
        shown += [sign * (abs(int(head)) * 10 + int(leaf)) for leaf in leaves]
    assert sorted(shown) == sorted(y.tolist())
    assert s.r["digits"] == 1


def test_round_to_integers_note_and_truncate(auto, run):
    run(auto, "gen float h = mpg + 0.25")
    out, _ = run(auto, "stem h, round(1)")
    assert out.split("\n")[3:5] == ["h rounded to integers", ""]
    assert auto.r["round"] == "1"
    out, _ = run(auto, "stem h, truncate(10)")
    assert out.split("\n")[3:5] == ["h truncated to nearest multiple of 10", "plot in units of 10"]
    assert auto.r["truncate"] == "10" and "round" not in auto.r


def test_long_lines_are_cut_with_count(new_session, run):
    s = new_session(pd.DataFrame({"x": np.r_[np.full(100, 11.0), 30.0]}))
    out, _ = run(s, "stem x, lines(1)")
    first = out.split("\n")[3]
    # fmt 3 + digits 1 + 3 + 101 > 79: nstr = 76 - 3 - 1 = 72; 72 - 7 - len("100") = 62 leaves kept
    assert first == "  1* | " + "1" * 62 + " ... (100)"


@pytest.mark.parametrize("line, rc, message", [
    ("stem mpg, digits(0)", 198, "digits() must be greater than zero"),
    ("stem mpg, width(2) lines(5)", 198, "only one of width() or lines() may be specified"),
    ("stem mpg, lines(3)", 198, "lines must divide 10"),
    ("stem mpg, width(20)", 198, "width must be less than or equal to 10"),
    ("stem mpg, width(2.5)", 198, "width must be an integer"),
    ("stem mpg, width(0)", 198, "width must be greater than zero"),
    ("stem mpg, round(1) truncate(2)", 198, "only one of round() or truncate() may be specified"),
    ("stem mpg, round(0)", 198, "round() cannot be 0"),
    ("stem mpg, round(a)", 7, "a found where number expected"),
    ("stem mpg if mpg > 100", 2000, "no observations"),
    ("stem mpg mpg", 103, "too many variables specified"),
])
def test_errors(auto, run, line, rc, message):
    out, got = run(auto, line)
    assert got == rc and message in out, out
