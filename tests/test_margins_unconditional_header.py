"""margins' header under vce(unconditional) and the plain multinomial fit's margins message (mg82).

Evidence for the header: Stata 16's _marg_report.ado (opensafely-core/cohort-extractor,
bin/ado/base/_/_marg_report.ado, commit 1b3e58ab) calls its ``vceHeader`` -- the
``Model VCE    : ...`` line -- only ``if "`e(vce)'" == "delta"``; rbiprobit's tmeffects.ado
(labordynamicsinstitute/ssc-mirror), "taken from _marg_report", keeps the same test.  So the
line is printed after vce(delta) and left out under vce(unconditional), with or without svy;
a public Stata log of ``margins, dydx(GTIa) vce(unconditional)`` after ologit shows no Model
VCE line (tests/test_margins_several_predictions.py checks that layout).
"""
from __future__ import annotations

from pathlib import Path

import pytest

from mlmcli.errors import StataError

ROOT = Path(__file__).resolve().parents[1]
HSB = f"use {ROOT / 'samples/data/hsb.dta'}, clear\ngenerate hi = mathach > 13\n"


@pytest.mark.parametrize("fit, vce, model_vce", [
    ("regress mathach ses i.sector", "OLS", None),
    ("regress mathach ses i.sector, vce(robust)", "Robust", "robust"),
    ("regress mathach ses i.sector, vce(cluster school)", "Robust", "cluster"),
    ("logit hi ses i.sector", "OIM", None),
    ("logit hi ses i.sector, vce(robust)", "Robust", "robust")])
def test_model_vce_only_under_delta(do, fit, vce, model_vce):
    rc, out, s = do(HSB + f"quietly {fit}\nmargins sector")
    assert rc == 0, out
    assert f"Model VCE    : {vce}" in out and "Delta-method" in out
    rc, out, s = do("margins sector, vce(unconditional)", session=s)
    if model_vce is None:  # margins' ._parse_vce: vce(unconditional) needs a robust or cluster fit
        assert rc == 322 and "allowed only after estimation with robust, semirobust, or linearized" in out
        return
    assert rc == 0, out
    assert "Model VCE" not in out and "Unconditional" in out
    # the model's VCE is still stored: r(model_vce) is e(vce) of the fit
    assert s.r["vce"] == "unconditional" and s.r["model_vce"] == model_vce


def test_replay_of_posted_unconditional_margins_has_no_model_vce(do):
    rc, out, s = do(HSB + "quietly regress mathach ses i.sector, vce(robust)\n"
                    "quietly margins sector, vce(unconditional) post\nmargins")
    assert rc == 0, out
    assert "Model VCE" not in out and "Unconditional" in out


def test_plain_multinomial_fit_refuses_margins_by_name():
    """mlogit and svy: mlogit post margins_choice_models.MlogitFit; the plain MultinomialFit
    (fitted inside mprobit, slogit, fpfit, replicate refits) has no design for margins."""
    from mlmcli.glm.multinomial import MultinomialFit

    with pytest.raises(StataError) as err:
        MultinomialFit.margins_prediction(object.__new__(MultinomialFit), "")
    assert "svy" not in str(err.value) and err.value.rc == 198
    assert "not supported by mlmcli" in str(err.value)


def test_svy_mlogit_margins_run(do):
    """The old message said svy: mlogit margins were not supported; they are (MlogitFit)."""
    rc, out, s = do(HSB + "generate yo = 1 + (mathach > 10) + (mathach > 17)\nsvyset school\n"
                    "quietly svy: mlogit yo ses\nmargins, predict(outcome(2))")
    assert rc == 0, out
    assert 0 < s.r["b"].values[0, 0] < 1
