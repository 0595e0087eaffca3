"""margins leftovers (mg65): vce(unconditional) with subpop(), the marginlist's levels under
if/in, r(cmdline) under prefixes.

- ``subpop() vce(unconditional)``: _marg_work.class predicts the scores over the whole
  estimation sample and zeroes each margin's prediction outside the subpopulation; the
  numbers come from tests/margins_leftovers_reference/margins_unconditional_subpop.R (R's lm
  and glm, the linearization written out there), to 1e-7.
- ``margins sector if sector==1``: _marg_work's ``_fv_term_info `varlist' if `.t_touse'``
  -- only the levels observed in the margins sample (e(sample) and if/in; subpop() does not
  restrict them).
- r(cmdline) is ``margins `0'``: the prefix (quietly, capture, noisily) is not part of it.
"""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[1]
REF = json.loads((ROOT / "tests" / "margins_leftovers_reference" / "margins_unconditional_subpop.json").read_text())
# vce(unconditional) needs a robust or cluster fit (margins' ._parse_vce); R's linearization takes
# the scores and (-H)^-1, which the robust fit shares with the default one
FITS = {"ols": "regress mathach c.ses##i.sector i.minority female, vce(robust)",
        "ols_cl": "regress mathach c.ses##i.sector i.minority female, vce(cluster school)",
        "logit": "logit hi c.ses##i.sector i.minority, vce(robust)"}
HSB = f"use {ROOT / 'samples/data/hsb.dta'}, clear\ngenerate hi = mathach > 13\n"


@pytest.mark.parametrize("case", REF["cases"], ids=lambda c: f"{c['model']}-{c['case']}")
def test_unconditional_subpop_against_r(do, case):
    rc, out, s = do(HSB + f"quietly {FITS[case['model']]}\n{case['command']}")
    assert rc == 0, out[-1500:]
    table = s.r["table"]
    names = [n.split(":")[-1] for n in table.colnames]
    for name, b, se in zip(*(np.atleast_1d(case[k]).tolist() for k in ("names", "b", "se"))):
        j = names.index(name)
        assert table.values[0, j] == pytest.approx(b, rel=1e-7)
        assert table.values[1, j] == pytest.approx(se, rel=1e-7)
    assert "Unconditional" in out and "Number of obs   =       7185" in out
    assert s.r["N"] == 7185 and s.r["vce"] == "unconditional"


def test_unconditional_subpop_differs_from_if_delta(do):
    """The unconditional SE of a subpopulation is not the delta-method one (sanity: the rows
    outside the subpopulation enter through their influence on e(b))."""
    rc, out, s = do(HSB + f"quietly {FITS['ols']}\n"
                    "margins sector, subpop(female)\nmatrix d = r(table)\n"
                    "margins sector, subpop(female) vce(unconditional)")
    assert rc == 0, out
    assert not np.allclose(s.matrices["d"].values[1], s.r["table"].values[1])
    np.testing.assert_allclose(s.matrices["d"].values[0], s.r["table"].values[0], rtol=1e-12)


def test_levels_under_if_are_those_observed(do):
    rc, out, s = do(HSB + "quietly regress mathach i.sector##i.minority ses\n"
                    "margins sector if sector==1\nmatrix one = r(table)\n"
                    "margins sector#minority if minority==1\nmatrix two = r(table)\n"
                    "margins sector, subpop(if sector==1)")
    assert rc == 0, out
    # the first level shown carries bn (mlm's naming of margins, as for the full level set)
    assert s.matrices["one"].colnames == ("1bn.sector",)
    assert s.matrices["two"].colnames == ("0bn.sector#1bn.minority", "1.sector#1bn.minority")
    assert s.r["table"].colnames == ("0bn.sector", "1.sector")  # subpop(): levels of the margins sample
    first = out.split("sector#minority")[0]  # the first table (the commands are not echoed)
    assert "Catholic  |" in first and "Public  |" not in first


def test_a_contrast_of_a_factor_with_one_level_is_refused(do):
    rc, out, s = do(HSB + "quietly regress mathach i.sector##i.minority ses\nmargins r.sector if sector==1")
    assert rc == 198 and "contrasts of a factor with one level in the margins sample not supported" in out


@pytest.mark.parametrize("typed, expected", [
    ("quietly margins sector", "margins sector"),
    ("capture noisily margins sector,   atmeans", "margins sector,   atmeans"),
    ("qui: margins sector , vce(unconditional)", "margins sector , vce(unconditional)"),  # robust fit below
    ("quietly margins r.sector", "margins r.sector"),
    ("quietly contrast r.sector", "contrast r.sector"),
    ("quietly pwcompare sector", "pwcompare sector"),
])
def test_cmdline_has_no_prefix(do, typed, expected):
    rc, out, s = do(HSB + f"quietly regress mathach i.sector##i.minority ses, vce(robust)\n{typed}")
    assert rc == 0, out
    assert s.r["cmdline"] == expected
