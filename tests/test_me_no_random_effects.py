"""The me commands without a random-effects equation ([ME] meglm syntax: the ``||``
equations are optional) fit the plain GLM by ML, as Stata's me commands do through gsem
with no latent variables: estimates equal to logit/probit/cloglog/poisson/nbreg/ologit/oprobit
(R's glm, MASS::glm.nb, MASS::polr in me_reference/no_random_effects.json), the me header
without the group table, ``Integration method`` line or LR test (``_me_display``: those need
e(k_r)), e(k_r) 0 and no e(N_g); meqrlogit/xtmelogit/meqrpoisson still require ``||``."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

HERE = Path(__file__).parent / "me_reference"
R = json.loads((HERE / "no_random_effects.json").read_text())


@pytest.fixture(scope="module")
def data():
    return pd.read_csv(HERE / "me_no_random_effects.csv").astype(float)


def _b_se(session):
    b = session.e.matrices["b"]
    V = session.e.matrices["V"]
    return np.asarray(b.values).ravel(), np.sqrt(np.diag(np.asarray(V.values)))


# command, R key, whether R's SEs are OIM (glm's are expected-information for non-canonical links)
CASES = [
    ("melogit y x z", "logit", True),
    ("meprobit y x z", "probit", False),
    ("mecloglog y x z", "cloglog", False),
    ("meglm y x z, family(bernoulli) link(probit)", "probit", False),
    ("mepoisson cnt x z", "poisson", True),
    ("menbreg nb x z", "nbreg", False),
    ("meologit k x z", "ologit", True),
    ("meoprobit k x z", "oprobit", True),
]


@pytest.mark.parametrize("text, key, oim", CASES)
def test_estimates_are_the_glm_ml_fit(do, data, text, key, oim):
    rc, out, s = do(text, data)
    assert rc == 0, out
    b, se = _b_se(s)
    ref = R[key]
    np.testing.assert_allclose(b, ref["b"], rtol=2e-5, atol=1e-6)
    assert s.e.scalars["ll"] == pytest.approx(ref["ll"], rel=1e-8)
    if oim:
        np.testing.assert_allclose(se, ref["se"], rtol=1e-4)


SINGLE_LEVEL = [("melogit y x z", "logit y x z"), ("meprobit y x z", "probit y x z"),
                ("mecloglog y x z", "cloglog y x z"), ("mepoisson cnt x z", "poisson cnt x z"),
                ("menbreg nb x z", "nbreg nb x z"), ("meologit k x z", "ologit k x z"),
                ("meoprobit k x z", "oprobit k x z"),
                ("meprobit y x z, vce(robust)", "probit y x z, vce(robust)"),
                ("melogit y x z, vce(cluster g)", "logit y x z, vce(cluster g)"),
                ("mepoisson cnt x z [fw=k]", "poisson cnt x z [fw=k]")]


@pytest.mark.parametrize("me, plain", SINGLE_LEVEL)
def test_same_coefficients_and_standard_errors_as_mlm_single_level_command(do, data, me, plain):
    rc, out, s = do(me, data)
    assert rc == 0, out
    b1, se1 = _b_se(s)
    rc, out, s = do(plain, data)
    assert rc == 0, out
    b2, se2 = _b_se(s)
    np.testing.assert_allclose(b1, b2, rtol=1e-6, atol=1e-8)
    np.testing.assert_allclose(se1, se2, rtol=1e-5)


MELOGIT = """
Iteration 0:   log likelihood = -55.351733
Iteration 1:   log likelihood =  -50.03072
Iteration 2:   log likelihood = -49.998038
Iteration 3:   log likelihood = -49.998026
Iteration 4:   log likelihood = -49.998026

Mixed-effects logistic regression               Number of obs      =        80

                                                Wald chi2(2)       =      9.44
Log likelihood = -49.998026                     Prob > chi2        =    0.0089
------------------------------------------------------------------------------
           y |      Coef.   Std. Err.      z    P>|z|     [95% Conf. Interval]
-------------+----------------------------------------------------------------
           x |   .6382653   .2077467     3.07   0.002     .2310893    1.045441
           z |   .0984574   .3622557     0.27   0.786    -.6115507    .8084655
       _cons |   .0130658   .4338218     0.03   0.976    -.8372093     .863341
------------------------------------------------------------------------------
"""


def _lines(text):
    return [ln.rstrip() for ln in text.strip("\n").split("\n")]


def test_melogit_output_has_no_group_integration_or_lr_lines(do, data):
    rc, out, s = do("melogit y x z", data)
    assert rc == 0
    assert _lines(out) == _lines(MELOGIT)
    assert "LR test" not in out and "Group variable" not in out and "Integration" not in out


def test_meglm_header_keeps_family_and_link(do, data):
    rc, out, s = do("meglm y x z, family(bernoulli) link(probit) nolog", data)
    assert rc == 0
    assert _lines(out)[:5] == [
        "Mixed-effects GLM                               Number of obs      =        80",
        "Family:               Bernoulli",  # _me_display proper-cases it (mx88)
        "Link:                    probit",
        "",
        "                                                Wald chi2(2)       =     10.08",
    ]


def test_stored_results(do, data):
    rc, out, s = do("meologit k x z, nolog", data)
    assert rc == 0
    e = s.e
    assert e.cmd == "meologit"
    assert e.scalars["k_r"] == 0 and e.scalars["N"] == 80
    assert "chi2_c" not in e.scalars and "ll_c" not in e.scalars
    assert not any(k in e.matrices for k in ("N_g", "g_min", "g_avg", "g_max"))
    assert e.macros["ivars"] == ""
    assert list(e.matrices["b"].colnames) == ["k:x", "k:z", "cut1:_cons", "cut2:_cons", "cut3:_cons"]


def test_postestimation(do, data):
    rc, out, s = do("melogit y x z, nolog\npredict p\nlogit y x z\npredict p2\n"
                    "gen d = abs(p - p2)\nsummarize d", data)
    assert rc == 0, out
    d = s.data.numeric("d")
    assert np.nanmax(d) < 1e-10
    rc, out, s = do("melogit y x z, nolog\nestat icc", data)
    assert rc == 321
    assert "requested action not valid after melogit because there are no random effects in the model" in out
    rc, out, s = do("melogit y x z, nolog\nestat group", data)
    assert rc == 459
    assert "model is logistic regression; no group information available" in out
    rc, out, s = do("melogit y x z, nolog\npredict r, reffects", data)
    # meglm_p (1.2.1, 1.3.4) checks for an empty random-effects part before counting the new
    # variables (docs/me_leftovers_round11.md)
    assert rc == 198 and "random-effects equation(s) empty" in out


def test_linktest_after_melogit_with_random_effects(do, data):
    rc, out, s = do("melogit y x z || g:, nolog\nlinktest", data)
    assert rc == 0, out
    # linktest refits ``melogit y _hat _hatsq`` (no ||): the plain logistic fit of y on the
    # fixed-portion prediction and its square; the melogit results are restored after it
    assert "Mixed-effects logistic regression" in out and "LR test" not in out.rsplit("Iteration 0:", 1)[-1]
    assert s.e.cmd == "melogit" and s.e.scalars["k_r"] > 0
    rows = {ln.split("|")[0].strip(): ln.split("|")[1].split()[:2] for ln in out.split("\n")
            if ln.strip().startswith(("_hat ", "_hatsq ", "_cons "))}
    rc, ref, _ = do("predict h, xb\ngen h2 = h^2\nlogit y h h2, nolog", session=s)
    assert rc == 0, ref
    refrows = {ln.split("|")[0].strip(): ln.split("|")[1].split()[:2] for ln in ref.split("\n")
               if ln.strip().startswith(("h ", "h2 ", "_cons "))}
    for mine, theirs in (("_hat", "h"), ("_hatsq", "h2"), ("_cons", "_cons")):
        np.testing.assert_allclose([float(v) for v in rows[mine]], [float(v) for v in refrows[theirs]],
                                   rtol=1e-6)


@pytest.mark.parametrize("text", ["meqrlogit y x z", "xtmelogit y x z", "meqrpoisson cnt x"])
def test_qr_commands_still_require_random_effects(do, data, text):
    rc, out, s = do(text, data)
    assert rc == 198
    assert "no random-effects equations specified" in out
