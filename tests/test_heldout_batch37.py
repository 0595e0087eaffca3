"""Held-out batch 37 (tests/realworld/README.md, thirty-seventh batch): what its files needed.

- svyset's common options typed in an earlier stage: svyset.ado parses its stages with
  ``_parse expand stage global : 0, common(VCE() SINGLEunit() ...)``, which takes the common
  options from any ``||`` piece, so the DHS Program's published level-weight line
  ``svyset v001, weight(wt2) strata(v022) , singleunit(centered) || _n, weight(wt1)`` (the stray
  comma in stage 1's options included) declares the same design as the options typed last.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


@pytest.fixture(scope="module")
def design():
    rng = np.random.default_rng(3701)
    c = np.repeat(np.arange(1, 25), 6)
    s = (c - 1) % 5 + 1
    s[c == 24] = 6  # a stratum of one cluster: singleunit() matters
    w2 = 1.0 + (c % 4)
    return pd.DataFrame({"c": c, "s": s, "w2": w2, "w1": 1.0 + 0.5 * (np.arange(len(c)) % 3),
                         "x": rng.normal(size=len(c)), "y": (rng.random(len(c)) < 0.4).astype(float)})


@pytest.mark.parametrize("typed", [
    "svyset c, weight(w2) strata(s) , singleunit(centered) || _n, weight(w1)",
    "svyset c, weight(w2) strata(s) singleunit(centered) || _n, weight(w1)",
    "svyset c, singleu(centered), weight(w2) strata(s) || _n, weight(w1)",
])
def test_common_option_in_an_earlier_stage(do, design, typed):
    rc, out, s = do("svyset c, weight(w2) strata(s) || _n, weight(w1) singleunit(centered)", design)
    assert rc == 0, out
    expected = dict(s.r)
    rc, out, s = do(typed, design)
    assert rc == 0, out
    assert dict(s.r) == expected
    assert s.r["singleunit"] == "centered" and s.r["weight1"] == "w2" and s.r["strata1"] == "s"
    assert "  Single unit: centered" in out


def test_earlier_stage_singleunit_reaches_the_variance(do, design):
    """svy: logit under the stage-1 singleunit(centered) equals the fit with it typed last (and
    differs from the default, missing, which gives no standard error for the lone unit)."""
    fits = []
    for line in ("svyset c, weight(w2) strata(s) , singleunit(centered) || _n, weight(w1)",
                 "svyset c, weight(w2) strata(s) || _n, weight(w1) singleunit(centered)"):
        rc, out, s = do(f"{line}\nsvy: logit y x", design)
        assert rc == 0, out
        fits.append((np.asarray(s.e.matrices["b"].values, float), np.asarray(s.e.matrices["V"].values, float)))
    np.testing.assert_allclose(fits[0][0], fits[1][0], rtol=1e-12)
    np.testing.assert_allclose(fits[0][1], fits[1][1], rtol=1e-12)
    assert np.all(np.isfinite(np.diag(fits[0][1])))


@pytest.mark.parametrize("typed, rc_expected", [
    ("svyset c, weight(w2) foo(s) || _n, weight(w1)", 198),           # not a stage or common option
    ("svyset c, weight(w2) || _n, weight(w1) strata(s) , singleunit(bogus)", 198),
])
def test_stage_options_still_checked(do, design, typed, rc_expected):
    rc, out, s = do("svyset c, strata(s)\n" + typed, design)
    assert rc == rc_expected, out
    rc, out, s = do("svyset", session=s)
    assert "     Strata 1: s" in out  # the failing svyset left the settings as they were
