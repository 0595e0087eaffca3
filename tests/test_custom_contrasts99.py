"""User-defined contrasts ``{var weights}`` in ``contrast`` and ``margins`` ([R] contrast,
"User-defined contrasts"; [R] margins, contrast), as tests/realworld's busch-wage-disparities
file types them: ``margins {g 1 -1 0}@b {g 1 0 -1}@b, contrast`` then r(table) sliced by
column.  Numbers: each custom contrast against numpy least squares on the same data (an
independent path), and against the named operators it equals; row order and names of several
contrasts across @ levels; Stata's errors for bad weights."""
from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from mlmcli.runner import Runner
from mlmcli.session import Output, Session

HSB = Path(__file__).parent.parent / "samples" / "data" / "hsb.dta"
NLS = Path(__file__).parent.parent.parent / "shared" / "data" / "stata" / "nlswork.dta"
SETUP = f"""use "{HSB}", clear
gen ses3 = 1 + (ses > -0.3) + (ses > 0.4)
gen fem = female == 1
quietly regress mathach i.ses3##i.fem"""


def run(s, text):
    s.out.stream.seek(0)
    s.out.stream.truncate()
    rc = Runner(s).run_text(text, echo=False, stop_on_error=True)
    return s.out.stream.getvalue(), rc


@pytest.fixture(scope="module")
def s():
    s = Session(out=Output(io.StringIO()))
    out, rc = run(s, SETUP)
    assert rc == 0, out
    return s


def cell_means():
    """The cell means of mathach by ses3 x fem: a saturated model's fitted values."""
    d = pd.read_stata(HSB, convert_categoricals=False)
    d["ses3"] = 1 + (d.ses > -0.3).astype(int) + (d.ses > 0.4).astype(int)
    d["fem"] = (d.female == 1).astype(int)
    return d.groupby(["ses3", "fem"]).mathach.mean().unstack()


def rmat(s, name="r(b)"):
    out, rc = run(s, f"mat got_ = {name}")
    assert rc == 0, out
    m = s.matrices["got_"]
    return np.asarray(m.values, float), list(m.colnames)


def test_one_contrast_equals_cell_mean_difference(s):
    out, rc = run(s, "contrast {ses3 -1 1 0}, effects")
    assert rc == 0, out
    means = cell_means()
    balanced = means.mean(axis=1)  # asbalanced: fem at 1/2 per level
    b, names = rmat(s)
    assert b[0, 0] == pytest.approx(balanced[2] - balanced[1], rel=1e-8)
    assert "(1)" in out


def test_same_as_named_operator(s):
    run(s, "contrast r.ses3")
    rb, _ = rmat(s)
    run(s, "contrast {ses3 -1 1 0} {ses3 -1 0 1}")
    cb, names = rmat(s)
    np.testing.assert_allclose(cb[0], rb[0], rtol=1e-10)
    assert names == ["c1.ses3", "c2.ses3"]


def test_several_contrasts_at_levels_order_and_names(s):
    out, rc = run(s, "margins {ses3 1 -1 0}@fem {ses3 1 0 -1}@fem, contrast\nmat t = r(table)")
    assert rc == 0, out
    b, names = rmat(s)
    # every level of fem for the first contrast, then the second (the busch file's slicing)
    assert names == ["c1.ses3@0.fem", "c1.ses3@1.fem", "c2.ses3@0.fem", "c2.ses3@1.fem"]
    m = cell_means()
    want = [m.loc[1, 0] - m.loc[2, 0], m.loc[1, 1] - m.loc[2, 1], m.loc[1, 0] - m.loc[3, 0], m.loc[1, 1] - m.loc[3, 1]]
    np.testing.assert_allclose(b[0], want, rtol=1e-8)
    t, _ = rmat(s, "r(table)")
    assert t.shape == (9, 4)
    assert "(1) 0" in out and "(2) 1" in out


def test_interaction_contrast(s):
    run(s, "contrast {ses3#fem 1 -1 -1 1 0 0}")
    b, names = rmat(s)
    m = cell_means()
    assert b[0, 0] == pytest.approx(m.loc[1, 0] - m.loc[1, 1] - m.loc[2, 0] + m.loc[2, 1], rel=1e-8)
    run(s, "contrast {ses3 fem 1 -1 -1 1 0 0}")
    b2, _ = rmat(s)
    assert b2[0, 0] == pytest.approx(b[0, 0], rel=1e-12)


@pytest.mark.parametrize("cmd,msg", [
    ("contrast {ses3 -1 1}", "too few weights"),
    ("contrast {ses3 -1 1 0 0}", "too many weights"),
    ("contrast {ses3 -1 x 0}", "invalid contrast weight"),
    ("contrast {ses3}", "no contrast weights"),
    ("contrast {ses3 -1 1 0", "invalid syntax"),
    ("contrast {r.ses3 -1 1 0}", "operator not allowed"),
])
def test_errors(s, cmd, msg):
    out, rc = run(s, cmd)
    assert rc == 198 and msg in out, out


@pytest.mark.skipif(not NLS.exists(), reason="shared Stata data absent")
def test_busch_lookalike_xtreg_fe():
    s = Session(out=Output(io.StringIO()))
    out, rc = run(s, f"""use "{NLS}", clear
keep if year >= 80 & !missing(occ_code)
gen occ3 = cond(occ_code <= 3, 1, cond(occ_code <= 6, 2, 3))
xtset idcode year
quietly xtreg ln_wage i.year##i.occ3, fe vce(robust)
quietly margins r.occ3@year, contrast
mat named = r(b)
quietly margins {{occ3 1 -1 0}}@year {{occ3 1 0 -1}}@year, contrast
mat results = r(table)
mat bmix = results[1,1..6]'
mat bfem = results[1,7...]'""")
    assert rc == 0, out
    named = np.asarray(s.matrices["named"].values, float)[0]  # (2 vs 1) then (3 vs 1) per year
    bmix = np.asarray(s.matrices["bmix"].values, float)[:, 0]
    bfem = np.asarray(s.matrices["bfem"].values, float)[:, 0]
    np.testing.assert_allclose(bmix, -named[0::2], rtol=1e-10)
    np.testing.assert_allclose(bfem, -named[1::2], rtol=1e-10)


def test_fractional_weights_equal_lincom():
    """The manual's quick-start form {a -1 0 .5 .5}: the same number as lincom of the coefficients."""
    s = Session(out=Output(io.StringIO()))
    out, rc = run(s, f"""use "{HSB}", clear
gen g4 = 1 + (ses > -0.5) + (ses > 0) + (ses > 0.5)
quietly regress mathach i.g4
contrast {{g4 -1 0 .5 .5}}
mat c = r(b)
mat cv = r(V)
lincom 0.5*3.g4 + 0.5*4.g4 - 1.g4""")
    assert rc == 0, out
    assert s.matrices["c"].values[0, 0] == pytest.approx(s.r["estimate"], rel=1e-10)
    assert np.sqrt(s.matrices["cv"].values[0, 0]) == pytest.approx(s.r["se"], rel=1e-8)


def test_weights_must_sum_to_zero_unless_lincom(s):
    out, rc = run(s, "contrast {ses3 1 1 0}")
    assert rc == 198 and "do not sum to zero" in out, out
    out, rc = run(s, "margins {ses3 1 1 0}, contrast")
    assert rc == 198 and "do not sum to zero" in out, out
    out, rc = run(s, "contrast {ses3 0.5 0.5 0}, lincom")
    assert rc == 0, out
    b, _ = rmat(s)
    m = cell_means().mean(axis=1)
    assert b[0, 0] == pytest.approx(0.5 * m[1] + 0.5 * m[2], rel=1e-8)
    out, rc = run(s, "margins {ses3 0.5 0.5 0}, contrast(lincom)")
    assert rc == 0, out
