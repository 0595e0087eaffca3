"""svy: glm: numbers against R's svyglm (tests/survey_reference/replicate_reference.R, the
glm_* cases: linearized with the design, BRR with its replicate weights; canonical links,
where R's bread is the observed Hessian ml uses), the table and errors."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_survey_replicate import _check

REF = Path(__file__).resolve().parent / "survey_reference"

MODELS = {"binomial": "glm b x, family(binomial)", "poisson": "glm c x, family(poisson)",
          "gaussian": "glm y x"}


@pytest.fixture(scope="module")
def frame():
    import pandas as pd

    return pd.read_csv(REF / "replicate_design.csv")


@pytest.mark.parametrize("family", MODELS)
@pytest.mark.parametrize("setting,tag", [("svyset psu [pw=w], strata(stratum)", "glm"),
                                         ("svyset [pw=w], brrweight(brr*) vce(brr)", "glm_brr")])
def test_against_r_svyglm(do, frame, family, setting, tag):
    rc, out, s = do(f"{setting}\nsvy, nodots: {MODELS[family]}\n", df=frame)
    assert rc == 0, out
    _check(s.e, f"{tag}_{family}")
    assert s.e.macros["cmd"] == "glm" and s.e.macros["predict"] == "glim_p"
    assert "Survey: Generalized linear models" in out


def test_eform_heading_and_refused_options(do, frame):
    rc, out, s = do("svyset psu [pw=w], strata(stratum)\nsvy: glm c x, family(poisson) eform\n", df=frame)
    assert rc == 0, out
    assert "           c |        IRR   Std. Err." in out and "_cons" not in out.split("IRR")[1]
    rc, out, s = do("svyset psu [pw=w], strata(stratum)\nsvy: glm c x, family(poisson) scale(x2)\n", df=frame)
    assert rc == 198 and "svy: glm option scale is not supported by mlmcli" in out
    rc, out, s = do("svyset psu [pw=w], strata(stratum)\nsvy: glm c x, family(poisson) vce(robust)\n", df=frame)
    assert rc == 198 and "not allowed with the svy prefix" in out
