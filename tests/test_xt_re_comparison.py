"""xtlogit, xtprobit and xtpoisson (re): e(ll_c), the comparison model's log likelihood (the
pooled regression, against R's glm: tests/reference_values/xt_re_comparison_reference.R),
e(chi2_c) = 2 (e(ll) - e(ll_c)) and e(chi2_ct) "LR" -- posted also under vce(robust), where
the LR test is not shown (xtlogit.ado: ``if "`llprob'" != ""``), and not after from() (no
comparison model is fitted then)."""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

REF_DIR = Path(__file__).resolve().parent / "reference_values"
REF = json.loads((REF_DIR / "xt_re_comparison_reference.json").read_text())


@pytest.fixture(scope="module")
def panel():
    return pd.read_csv(REF_DIR / "xt_replicates_panel.csv").astype(float)


@pytest.mark.parametrize("command, key", [("xtlogit yb x1 x2, re", "logit"), ("xtprobit yb x1 x2, re", "probit"),
                                          ("xtpoisson yc x1 x2, re", "poisson"),
                                          ("xtpoisson yc x1 x2, re normal", "poisson"),
                                          ("xtlogit yb x1 x2, re vce(robust)", "logit")])
def test_comparison_log_likelihood(do, panel, command, key):
    rc, out, s = do(f"xtset id\n{command} nolog", df=panel)
    assert rc == 0, out
    sc = s.e.scalars
    assert sc["ll_c"] == pytest.approx(REF[key], rel=1e-8)
    assert sc["chi2_c"] == pytest.approx(abs(2 * (sc["ll"] - sc["ll_c"])), rel=1e-9, abs=1e-9)
    assert s.e.macros["chi2_ct"] == "LR"
    assert ("Likelihood-ratio test of" in out) == ("robust" not in command)


def test_none_after_from(do, panel):
    rc, out, s = do("xtset id\nmatrix b0 = (.1, .2, 0, -1)\nxtlogit yb x1 x2, re from(b0, copy) nolog", df=panel)
    assert rc == 0, out
    assert "ll_c" not in s.e.scalars and "chi2_c" not in s.e.scalars and "chi2_ct" not in s.e.macros
