"""metobit and meintreg with ``offset(varname)`` ([ME] metobit: fe_options noconstant, offset()):
the offset enters the linear index with coefficient 1, in the fit and in predict and margins
(``nooffset`` leaves it out).  Checked against an independent computation: for a linear index
y* = x b + off + z'u + e, censored at l, is the same model as z* = y* - off censored at
l - off, so the model fitted on the shifted depvar and bounds (no offset) gives the same
e(b), e(V) and ln L, its linear predictions plus the offset, and the same probabilities at the
shifted bounds."""
from __future__ import annotations

import numpy as np
import pytest

DATA = """
clear
set seed 12
set obs 240
gen id = ceil(_n/8)
gen x = rnormal()
gen off = runiform()*2
gen u0 = rnormal()
bysort id: gen u = u0[1]
gen ystar = 1 + 0.5*x + off + u + rnormal()
gen double y = max(ystar, 1.5)
gen double z = y - off
gen double llz = 1.5 - off
gen double lo = cond(_n <= 20, ., floor(ystar))
gen double hi = cond(_n > 20 & _n <= 40, ., floor(ystar) + 1)
gen double lz = lo - off
gen double hz = hi - off
"""

OFFSET = "quietly metobit y x, offset(off) ll(1.5) || id:\n"
SHIFTED = "quietly metobit z x, ll(llz) || id:\n"


def _ran(do, text):
    rc, printed, s = do(DATA + text)
    assert rc == 0, printed[-2000:]
    return s, printed


def _values(m):
    return np.asarray(m.values, float)


def _same_fit(a, b):
    assert np.allclose(_values(a.matrices["b"]), _values(b.matrices["b"]), rtol=1e-6, atol=1e-8)
    assert np.allclose(_values(a.matrices["V"]), _values(b.matrices["V"]), rtol=1e-4, atol=1e-9)
    assert a.scalars["ll"] == pytest.approx(b.scalars["ll"], rel=1e-9)


def test_metobit_offset_is_the_model_on_the_shifted_depvar_and_limit(do):
    s, printed = _ran(do, OFFSET.replace("quietly ", "") + "estimates store A\n" + SHIFTED + "estimates store B\n")
    a, b = s.estimates["A"], s.estimates["B"]
    _same_fit(a, b)
    assert a.macros["offset"] == "off" and "offset" not in b.macros
    assert a.scalars["N_lc"] == b.scalars["N_lc"] > 0
    assert any(ln.split() == ["off", "|", "1", "(offset)"] for ln in printed.splitlines())


def test_predict_after_metobit_adds_the_offset_unless_nooffset(do):
    stats = ("xb", "eta", "pr(1.5, .)", "e(1.5, .)", "ystar(1.5, .)", "pr(1.5, .) marginal",
             "ystar(1.5, .) marginal", "e(1.5, .) fixedonly")
    shifted = [st.replace("1.5", "llz") for st in stats]
    text = OFFSET + "".join(f"predict double a{k}, {st}\n" for k, st in enumerate(stats))
    text += "predict double anoff, xb nooffset\npredict double apn, pr(1.5, .) nooffset\n"
    text += SHIFTED + "".join(f"predict double b{k}, {st}\n" for k, st in enumerate(shifted))
    text += "predict double bp15, pr(1.5, .)\n"
    s, _ = _ran(do, text)
    d = s.data
    off = d.numeric("off")
    for k, st in enumerate(stats):
        a, b = d.numeric(f"a{k}"), d.numeric(f"b{k}")
        shift = 0.0 if st.startswith("pr") else off  # a probability of y* in [l, .) is z*'s in [l - off, .)
        assert np.allclose(a, b + shift, rtol=1e-6, atol=1e-7), st
    assert np.allclose(d.numeric("anoff"), d.numeric("b0"), rtol=1e-9, atol=1e-9)
    assert np.allclose(d.numeric("apn"), d.numeric("bp15"), rtol=1e-6, atol=1e-7)


def test_margins_after_metobit_with_an_offset(do):
    text = (OFFSET + "margins\nmatrix m0 = r(table)\nmargins, predict(pr(1.5,.))\nmatrix m1 = r(table)\n"
            "margins, predict(pr(1.5,.) nooffset)\nmatrix m2 = r(table)\n"
            + SHIFTED + "margins\nmatrix n0 = r(table)\nmargins, predict(pr(1.5,.))\nmatrix n2 = r(table)\n"
            "predict double bpm, pr(llz, .) marginal\n")
    s, _ = _ran(do, text)
    m = {k: _values(s.matrices[k]) for k in ("m0", "m1", "m2", "n0", "n2")}
    # the linear prediction: the shifted model's plus the mean offset, the same standard error
    assert m["m0"][0, 0] == pytest.approx(m["n0"][0, 0] + float(np.mean(s.data.numeric("off"))), rel=1e-7)
    assert m["m0"][1, 0] == pytest.approx(m["n0"][1, 0], rel=1e-4)
    # marginal Pr(y > 1.5): the mean of the shifted model's Pr(z > 1.5 - off) on each row
    assert m["m1"][0, 0] == pytest.approx(float(np.mean(s.data.numeric("bpm"))), rel=1e-6)
    # nooffset: the index without it, the shifted model's Pr(z > 1.5)
    assert m["m2"][0, 0] == pytest.approx(m["n2"][0, 0], rel=1e-6)
    assert m["m2"][1, 0] == pytest.approx(m["n2"][1, 0], rel=1e-3)


def test_meintreg_offset_shifts_both_bounds(do):
    text = ("quietly meintreg lo hi x, offset(off) || id:\nestimates store A\n"
            "predict double axb, xb\npredict double ae, e(1, 3)\npredict double ap, pr(1, 3) marginal\n"
            "quietly meintreg lz hz x || id:\nestimates store B\n"
            "gen double blo = 1 - off\ngen double bhi = 3 - off\n"
            "predict double bxb, xb\npredict double be, e(blo, bhi)\npredict double bp, pr(blo, bhi) marginal\n")
    s, _ = _ran(do, text)
    _same_fit(s.estimates["A"], s.estimates["B"])
    d, off = s.data, s.data.numeric("off")
    assert np.allclose(d.numeric("axb"), d.numeric("bxb") + off, rtol=1e-7, atol=1e-8)
    assert np.allclose(d.numeric("ae"), d.numeric("be") + off, rtol=1e-6, atol=1e-7)
    assert np.allclose(d.numeric("ap"), d.numeric("bp"), rtol=1e-6, atol=1e-7)


def test_meintreg_conditional_predictions_find_the_fitted_rows(do):
    # found: after meintreg, eta and pr/e/ystar with the random effects' posterior means stopped
    # with "variable lo hi not found" r(111): predict matched the data to the fit's rows by
    # e(depvar), which holds both bounds.  With every interval a point the model is the Gaussian
    # random intercept, whose posterior means are mixed's BLUPs
    text = ("gen double yy = ystar\nquietly meintreg yy yy x || id:, intpoints(12)\n"
            "predict double eta, eta\npredict double xb, xb\n"
            "quietly mixed yy x || id:, mle\npredict double blup, reffects\n")
    s, _ = _ran(do, text)
    d = s.data
    assert np.allclose(d.numeric("eta") - d.numeric("xb"), d.numeric("blup"), atol=1e-4)


def test_svy_metobit_with_an_offset(do):
    text = ("svyset id\nquietly svy: metobit y x, offset(off) ll(1.5) || id:\nestimates store A\n"
            "quietly svy: metobit z x, ll(llz) || id:\nestimates store B\n")
    s, _ = _ran(do, text)
    _same_fit(s.estimates["A"], s.estimates["B"])
