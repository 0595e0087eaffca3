"""margins' contrast(overjoint withinjoint atjoint atcontrast() overall noatlevels) and partial
interactions (a term with operators and a plain part: joint tests within each contrast of the
operated parts, [R] contrast).  _marg_work.class's ._setup_contrast writes the contrast as
``prefix#(marginlist)@postfix``: the joined dimensions (at, over, within, in that order) become
plain parts of the term.  Numbers: tests/margins_leftovers_reference/margins_contrast_joint.R
(R's lm/glm, delta method written out there, emmeans cross-check), to 1e-7; row labels and
headings decided without Stata output (docs/margins.md)."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[1]
REF = json.loads((ROOT / "tests" / "margins_leftovers_reference" / "margins_contrast_joint.json").read_text())
FITS = {"ols4": "regress mathach i.sesq##i.sector female", "logit4": "logit hi i.sesq##i.sector female"}
SETUP = (f"use {ROOT / 'samples/data/hsb.dta'}, clear\ngenerate sesq = 1 + (ses > -.5) + (ses > 0) + (ses > .5)\n"
         "generate hi = mathach > 13\n")


@pytest.mark.parametrize("case", REF["cases"], ids=lambda c: f"{c['model']}-{c['case']}")
def test_joint_contrasts_against_r(do, case):
    rc, out, s = do(SETUP + f"quietly {FITS[case['model']]}\n{case['command']}")
    assert rc == 0, out[-1500:]
    stat = s.r["F" if case["model"] == "ols4" else "chi2"].values.ravel()
    assert stat[-1] == pytest.approx(case["stat"], rel=1e-7)  # the one (or Joint) test
    assert s.r["df"].values.ravel()[-1] == case["df"]
    b = np.atleast_1d(case["b"])
    np.testing.assert_allclose(s.r["table"].values[0], b, rtol=1e-7, atol=1e-12)
    np.testing.assert_allclose(s.r["table"].values[1], np.atleast_1d(case["se"]), rtol=1e-7)


def test_overjoint_layout(do):
    rc, out, s = do(SETUP + f"quietly {FITS['ols4']}\nmargins r.sector, over(sesq) contrast(overjoint effects)")
    assert rc == 0, out
    assert " sesq#sector |          3        9.94     0.0000" in out
    assert "(2 vs base) (Catholic vs Public)  |   -.356015   .4332627    -0.82   0.411" in out
    assert s.r["table"].colnames[0] == "r2vs1.sesq#r1vs0.sector"


def test_default_is_within_each_over_level(do):
    """Without overjoint: the contrast within each level of sesq and their joint test."""
    rc, out, s = do(SETUP + f"quietly {FITS['ols4']}\nmargins r.sector, over(sesq)")
    assert rc == 0, out
    assert "sector@sesq" in out and "Joint |          4" in out


def test_partial_interaction_is_joint_within_each_operated_contrast(do):
    rc, out, s = do(SETUP + f"quietly {FITS['ols4']}\ncontrast ar.sesq#sector")
    assert rc == 0, out
    # one joint test per ar.sesq contrast (df 1: sector has two levels), and their Joint
    assert "(2 vs 1) (joint)  |          1" in out and "Joint |          3        9.94" in out


def test_overall_tests_every_contrast(do):
    rc, out, s = do(SETUP + f"quietly {FITS['ols4']}\nmargins r.sector r.sesq, contrast(overall)")
    assert rc == 0, out
    b, V = s.r["b"].values.ravel(), s.r["V"].values
    F = s.r["F"].values.ravel()
    assert F[-1] == pytest.approx(b @ np.linalg.solve(V, b) / 4, rel=1e-9)
    assert s.r["df"].values.ravel()[-1] == 4
    assert "     Overall |          4      272.01     0.0000" in out


def test_noatlevels_keeps_the_joint_test_only(do):
    rc, out, s = do(SETUP + f"quietly {FITS['ols4']}\nmargins r.sector, over(sesq)\nmatrix F = r(F)\n"
                    "margins r.sector, over(sesq) contrast(noatlevels)")
    assert rc == 0, out
    assert s.r["F"].values.ravel().tolist() == [s.matrices["F"].values.ravel()[-1]]
    assert " sector@sesq |          4       54.73     0.0000" in out


@pytest.mark.parametrize("words, rc, message", [
    ("marginswithin", 198, "contrast(marginswithin) not supported by mlmcli"),
    ("atcontrast(r.female)", 198, "invalid atcontrast() suboption;\nr.female found where _at with optional "
                                  "contrast operators expected"),
    ("atcontrast(x._at)", 198, "invalid atcontrast() suboption;\nx: operator invalid"),
    ("overjointx", 198, "contrast(overjointx) not allowed"),
])
def test_refusals(do, words, rc, message):
    rc_, out, s = do(SETUP + f"quietly {FITS['ols4']}\nmargins r.sector, at(female=(0 1)) contrast({words})")
    assert rc_ == rc and message in out, out[-600:]


def test_suboptions_without_effect_are_accepted(do):
    """lincom (no user-defined contrast in the list), nosvyadjust (no svy), predictjoint (one predict())."""
    rc, out, s = do(SETUP + f"quietly {FITS['ols4']}\nmargins r.sector, contrast(lincom nosvyadjust predictjoint)"
                    "\nmatrix a = r(F)\nmargins r.sector")
    assert rc == 0, out
    assert s.matrices["a"].values.tolist() == s.r["F"].values.tolist()


def test_withinjoint_is_the_difference_of_the_within_contrasts(do):
    rc, out, s = do(SETUP + "quietly logit hi i.minority##i.sector female\nmargins r.minority, within(sector)\n"
                    "matrix b = r(b)\nmatrix V = r(V)\nmargins r.minority, within(sector) contrast(withinjoint)")
    assert rc == 0, out
    b, V = s.matrices["b"].values.ravel(), s.matrices["V"].values
    L = np.array([-1.0, 1.0])
    assert s.r["b"].values.ravel()[0] == pytest.approx(L @ b, rel=1e-9)
    assert s.r["chi2"].values.ravel()[0] == pytest.approx((L @ b) ** 2 / (L @ V @ L), rel=1e-9)
    assert "sector#minority |          1" in out


def test_no_marginlist_contrast_is_ignored_with_a_note(do):
    rc, out, s = do(SETUP + f"quietly {FITS['ols4']}\nmargins, over(sesq) contrast")
    assert rc == 0, out
    assert "note: ignoring contrast options because there are no margins for applying" in out
    assert "Predictive margins" in out and s.r["b"].values.shape == (1, 4)


def test_no_marginlist_overjoint_contrasts_the_over_variable(do):
    """``margins, over(sesq) at(female=(0 1)) contrast(effects overjoint)``: the contrast is
    ``sesq@_at`` -- sesq's effects within each at() row (a linear model: the same in both)."""
    rc, out, s = do(SETUP + f"quietly {FITS['ols4']}\nmargins, over(sesq) at(female=(0 1)) contrast(effects overjoint)"
                    "\nmatrix m = r(b)\nmargins, over(sesq) at(female=(0 1))\nmatrix p = r(b)")
    assert rc == 0, out
    assert "    sesq@_at |" in out and "       Joint |          3      302.92" in out
    m, p = s.matrices["m"].values.ravel(), s.matrices["p"].values.ravel()
    # margins' order: at() row slowest, then sesq: the contrasts are level - level 1 within each row
    np.testing.assert_allclose(m, np.concatenate([p[1:4] - p[0], p[5:8] - p[4]]), rtol=1e-9)


def test_operators_in_over_contrast_the_over_levels(do):
    """``margins, over(r.sesq)``: r.sesq is the term (has_ocontrast); ``margins r.sector,
    over(ar.sesq)``: ar.sesq#r.sector, each an individual interaction contrast."""
    rc, out, s = do(SETUP + f"quietly {FITS['ols4']}\nmargins, over(sesq)\nmatrix p = r(b)\n"
                    "margins, over(r.sesq)\nmatrix c = r(b)\nmargins r.sector, over(ar.sesq) contrast(nowald)")
    assert rc == 0, out
    p = s.matrices["p"].values.ravel()
    np.testing.assert_allclose(s.matrices["c"].values.ravel(), p[1:] - p[0], rtol=1e-9)
    ref = np.atleast_1d(REF["cases"][0]["b"])  # (s vs 1)(Catholic vs Public), from R
    np.testing.assert_allclose(s.r["b"].values.ravel(), [ref[0], ref[1] - ref[0], ref[2] - ref[1]], rtol=1e-7)
    assert "(3 vs 2) (Catholic vs Public)  |  -.9598916" in out
    assert s.r["over"] == "sesq"


@pytest.mark.parametrize("command, message", [
    ("margins, over(r.sesq) pwcompare", "contrast operators may not be combined with option pwcompare"),
    # (margins, pwcompare saving() is written since mg89: tests/test_margins_round89.py)
])
def test_operators_in_over_refused_with(do, command, message, tmp_path):
    rc, out, s = do(SETUP + f"quietly {FITS['ols4']}\ncd {tmp_path}\n{command}")
    assert rc == 198 and message in out
    assert not any(tmp_path.iterdir())


def test_contrast_command_overall_and_noatlevels(do):
    rc, out, s = do(SETUP + "quietly regress mathach i.sector##i.minority ses\n"
                    "contrast r.sector@minority\nmatrix F = r(F)\ncontrast r.sector@minority, overall noatlevels")
    assert rc == 0, out
    joint = s.matrices["F"].values.ravel()[-1]
    assert s.r["F"].values.ravel().tolist() == pytest.approx([joint, joint], rel=1e-12)
    assert "        Overall |          2      119.25     0.0000" in out
