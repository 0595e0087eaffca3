"""tssmooth nl: Tukey's compound smoothers against the same smoothers written out in R
(tests/tssmooth_reference/tssmooth_nl_reference.R: runmed, smooth(kind = "3R", endrule = "copy")
and first-principles even-span medians, splitting, end rule and Hanning), float steps as
smooth.ado stores them, label, r() and the messages of tssmooth.ado and smooth.ado."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

OUT = Path(__file__).parent / "tssmooth_reference" / "tssmooth_nl_reference.out"
REF = {line.split()[0]: np.array([float(v) for v in line.split()[1:]]) for line in OUT.read_text().splitlines()}
SERIES = ("clear\nset obs 30\ngen t = _n\ngen double y = 5*sin(t/3) + mod(7*t*t, 13)/3 + 6*(t==17)\n"
          "tsset t\n")


def test_series_is_the_r_series(do):
    rc, printed, s = do(SERIES)
    np.testing.assert_allclose(s.data.numeric("y"), REF["y"], rtol=1e-15)


@pytest.mark.parametrize("smoother,key", [
    ("3", "3"), ("5", "5"), ("3r", "3R"), ("3rss", "3RSS"), ("3RSSH", "3RSSH"), ("3rssh,twice", "3RSSH_twice"),
    ("4253h", "4253H"), ("4253h, twice", "4253H_twice"), ("4253H,t", "4253H_twice"), ("3re", "3RE")])
def test_smoothers_against_r(do, smoother, key):
    rc, printed, s = do(SERIES + f"tssmooth nl double sm = y, smoother({smoother})")
    assert rc == 0, printed
    assert printed.rstrip().endswith("delta:  1 unit")  # tssmooth nl prints nothing
    np.testing.assert_allclose(s.data.numeric("sm"), REF[key], atol=1e-12)
    text = smoother.replace(" ", "", 1)
    assert s.data.var_labels["sm"] == f"nl: x(t)= y: smoother({text})"
    assert s.r["N"] == 30 and s.r["method"] == "nl" and s.r["smoother"] == text and s.r["timevar"] == "t"
    assert "exp" not in s.r


def test_float_result_and_sample(do):
    rc, printed, s = do(SERIES + "tssmooth nl sm = y in 3/28, smoother(4253h,twice)\n"
                        "tssmooth nl sm = y, smoother(3rssh) replace")
    assert rc == 0, printed
    assert s.data.types["sm"] == "float"
    np.testing.assert_allclose(s.data.numeric("sm"), REF["3RSSH"], rtol=1e-6)
    rc, printed, s = do(SERIES + "tssmooth nl sm = y in 3/28, smoother(3)")
    assert rc == 0 and s.r["N"] == 26, printed
    sm = s.data.numeric("sm")
    assert np.isnan(sm[:2]).all() and np.isnan(sm[28:]).all()
    assert sm[2] == np.float32(REF["y"][2])  # the end value copied on


@pytest.mark.parametrize("text,rc,message", [
    ("tssmooth nl z = y, smoother(x3)", 198, "invalid smoother"),
    ("tssmooth nl z = y, smoother(3x)", 198, "X not allowed in 3X"),
    ("tssmooth nl z = y, smoother(4)", 498, "You must use an even number of even-span smoothers"),
    ("tssmooth nl z = y, smoother(5S)", 198, "S not allowed in 5S"),
    ("tssmooth nl z = y, smoother(42R)", 199, "2R (a repeated even-span median) is not implemented in mlmcli"),
    ("tssmooth nl z = y, smoother(3,tw2)", 198, ""),
    ("tssmooth nl z = y, smoother(3) forecast(2)", 198, "option forecast() not allowed"),
    ("tssmooth nl z = y if t != 5, smoother(3)", 198, "cannot apply nl smoothers to variables with missing values"),
    ("tssmooth nl y = y, smoother(3)", 110, "variable y already defined"),
    ("tssmooth nl z = y in 1/5, smoother(9)", 198, "Obs. nos. out of range"),
])
def test_errors_leave_data(do, text, rc, message):
    got, printed, s = do(SERIES + text)
    assert got == rc and message in printed, printed
    assert s.data.varnames == ["t", "y"]


def test_several_panels_refused_as_the_ado_does(do):
    got, printed, s = do(SERIES + "gen id = 1 + (t > 15)\ntsset id t\ntssmooth nl z = y, smoother(3)")
    assert got == 198 and "tssmooth , nl() does not work with more than one panel in a sample" in printed
