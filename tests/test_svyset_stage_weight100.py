"""svyset's stage-level sampling weights, weight(varname) (branch sv100).

Evidence: Stata 16's svyset.ado and _svyset.ado (opensafely-core/cohort-extractor's history,
bin/ado/base): ParseStage's ``Weight`i'(varname numeric)``, the ``_svy_weight#`` and
``_svy_stages_wt`` characteristics, Get's settings text (``su, strata() weight() fpc()``), its
refusal of pweight/iweight and replicate weights with them ("invalid weight specification;"
r(198)), Display's ``Weight #`` lines; _svy_setup.ado and svy.ado: the svy estimators use the
product w1*w2*... as one pweight (e(wexp) "= w1*w2"); svyset.sthlp: gsem and the me commands
(properties svyg) take each weight at its group level (svy: with the me commands: sw100), and
svy: mixed (no svy property in Stata 16) keeps Stata's r(322).

The numbers: a weight() fit must equal the same fit with the product as the svyset pweight,
and the two-stage one R's svyrecvar values (tests/survey_reference/multistage_values.csv)."""
from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

REF = Path(__file__).resolve().parent / "survey_reference"


@pytest.fixture(scope="module")
def frame():
    rng = np.random.default_rng(100)
    n = 72
    c = np.repeat(np.arange(1, 19), 4)
    return pd.DataFrame({"c": c, "s": (c - 1) % 3, "w1": 1.0 + c % 4, "w2": 1.0 + 0.5 * (np.arange(n) % 2),
                         "y": (rng.random(n) < 0.6).astype(float), "x": rng.normal(size=n),
                         "v": np.where(np.arange(n) % 9 == 0, np.nan, rng.normal(size=n))})


def _fit(s):
    return np.asarray(s.e.matrices["b"].values, float), np.asarray(s.e.matrices["V"].values, float)


# ----------------------------------------------------------------------------- svyset
def test_single_stage_settings_replay_and_r(do, frame):
    rc, out, s = do("svyset c, strata(s) weight(w1) singleunit(scaled)", frame)
    rc, out, s = do("svyset", session=s)
    assert rc == 0, out
    assert out.splitlines() == ["", "      pweight: <none>", "          VCE: linearized", "  Single unit: scaled",
                         "     Strata 1: s", "         SU 1: c", "        FPC 1: <zero>", "     Weight 1: w1"]
    r = s.r
    assert r["settings"] == "c, strata(s) weight(w1) singleunit(scaled) vce(linearized)"
    assert r["weight1"] == "w1" and r["stages_wt"] == 1 and r["stages"] == 1
    assert "wtype" not in r and "wvar" not in r
    assert s.data.chars["_svy_weight1"] == "w1" and s.data.chars["_svy_stages_wt"] == "1"


def test_later_stage_weight_keeps_the_stage_after_with_replacement(do, frame):
    rc, out, s = do("svyset c, weight(w1) || _n, weight(w2)", frame)
    assert rc == 0, out
    assert "Note: Stage 1 is sampled with replacement" in out
    assert "     Weight 2: w2" in out and "         SU 2: <observations>" in out
    assert s.r["stages"] == 1 and s.r["stages_wt"] == 2
    assert s.r["settings"] == "c, weight(w1) || _n, weight(w2) singleunit(missing) vce(linearized)"
    # a stage without weight() shows <none> once some stage has one
    rc, out, s = do("svyset c, fpc(w1) || _n, weight(w2)", frame)
    assert "     Weight 1: <none>" in out and s.r["stages"] == 2


def test_weight_without_psu_and_abbreviation(do, frame):
    rc, out, s = do("svyset, w(w1)", frame)
    assert rc == 0 and s.r["settings"].startswith("_n, weight(w1)")
    rc, out, s = do("svyset c, weight1(w1)", frame)
    assert rc == 0 and s.r["weight1"] == "w1"
    rc, out, _ = do("svyset c, weight2(w1)", frame)
    assert rc == 198 and "option weight2() not allowed" in out


@pytest.mark.parametrize("line, message", [
    ("svyset c [pw=w1], weight(w2)", "pweights not allowed with stage-level weight() options"),
    ("svyset c [iw=w1], weight(w2)", "iweights not allowed with stage-level weight() options"),
    ("svyset c, weight(w1) jkrweight(w2)", "option jkrweight() not allowed with stage-level weight() options"),
    ("svyset c, weight(w1) brrweight(w2)", "option brrweight() not allowed with stage-level weight() options"),
])
def test_refused_with_other_weights_keeps_old_settings(do, frame, line, message):
    rc, out, s = do("svyset c, strata(s)\n" + line, frame)
    assert rc == 198 and "invalid weight specification;" in out and message in out
    assert s.data.chars["_svy_strata1"] == "s" and "_svy_weight1" not in s.data.chars


def test_weight_must_be_a_numeric_variable(do, frame):
    rc, out, _ = do("generate str1 t = \"a\"\nsvyset c, weight(t)", frame)
    assert rc == 109
    rc, out, _ = do("svyset c, weight(nosuch)", frame)
    assert rc == 111


def test_settings_survive_save_and_use(do, frame, tmp_path):
    path = tmp_path / "stage.dta"
    rc, out, s = do(f'svyset c, weight(w1) || _n, weight(w2)\nsave "{path}"\nclear\nuse "{path}"\nsvyset', frame)
    assert rc == 0, out
    assert s.r["weight1"] == "w1" and s.r["weight2"] == "w2" and s.r["stages_wt"] == 2


# ----------------------------------------------------------------------------- svy estimators
@pytest.mark.parametrize("command", [
    "svy, subpop(if inlist(y,0,1)): proportion y",
    "svy: mean x v",
    "svy: regress x y",
    "svy: logit y x",
    "svy: tabulate y",
])
def test_single_stage_weight_fit_equals_the_pweight_fit(do, frame, command):
    rc, out, s = do(f"svyset c, strata(s) weight(w1) singleunit(scaled)\n{command}", frame)
    assert rc == 0, out
    b, V = _fit(s)
    stage = dict(s.e.scalars)
    rc, out2, s = do(f"svyset c [pweight=w1], strata(s) singleunit(scaled)\n{command}", frame)
    assert rc == 0, out2
    b2, V2 = _fit(s)
    assert np.allclose(b, b2, rtol=1e-12) and np.allclose(V, V2, rtol=1e-12)
    for key in ("N", "N_pop", "N_psu", "N_strata", "df_r"):
        assert stage[key] == s.e.scalars[key], key


def test_two_stage_weights_multiply(do, frame):
    both = "svyset c, strata(s) weight(w1) || _n, weight(w2)\nsvy: regress x y\n"
    rc, out, s = do(both, frame)
    assert rc == 0, out
    b, V = _fit(s)
    assert s.e.macros["wtype"] == "pweight" and s.e.macros["wexp"] == "= w1*w2"
    assert "wvar" not in s.e.macros
    assert s.e.macros["weight1"] == "w1" and s.e.macros["weight2"] == "w2" and s.e.scalars["stages_wt"] == 2
    assert s.e.scalars["N_pop"] == pytest.approx(float((frame.w1 * frame.w2).sum()))
    rc, out, s = do("generate double w = w1*w2\nsvyset c [pw=w], strata(s)\nsvy: regress x y\n", frame)
    b2, V2 = _fit(s)
    assert np.allclose(b, b2, rtol=1e-12) and np.allclose(V, V2, rtol=1e-12)


def test_two_stage_with_fpc_against_r(do):
    """The multistage reference (R's svyrecvar) with its pweight split into two stage weights."""
    df = pd.read_csv(REF / "design.csv")
    with open(REF / "multistage_values.csv") as f:
        expect = {row["name"]: (float(row["estimate"]), float(row["se"])) for row in csv.DictReader(f)
                  if row["case"] == "two_stage_regress"}
    assert expect
    rc, out, s = do("keep if stratum < 6\ngenerate ssu = 1 + mod(_n, 3)\ngenerate fpc2 = 5\n"
                    "generate w1 = 4\ngenerate double w2 = w/4\n"
                    "svyset psu, strata(stratum) fpc(fpc) weight(w1) || ssu, fpc(fpc2) weight(w2)\n"
                    "svy: regress y x\n", df)
    assert rc == 0, out
    coefs = s.e.coefficients()
    for name, (est, se) in expect.items():
        j = list(coefs.names).index(name)
        assert coefs.b[j] == pytest.approx(est, rel=1e-9), name
        assert np.sqrt(coefs.V[j, j]) == pytest.approx(se, rel=1e-6), name
    assert s.e.scalars["stages"] == 2


def test_missing_or_negative_stage_weights(do, frame):
    rc, out, s = do("replace w2 = . in 1\nsvyset c, weight(w1) || _n, weight(w2)\nsvy: mean x\n"
                    "generate byte m = 1\nsvymarkout m", frame)
    assert rc == 0, out
    assert s.e.scalars["N"] == len(frame) - 1
    assert s.data.numeric("m")[0] == 0 and s.data.numeric("m")[1] == 1
    rc, out, s = do("replace w1 = -1 in 1\nsvyset c, weight(w1)\nsvy: mean x\n", frame)
    assert rc == 402 and "negative weights encountered" in out


def test_estat_svyset_and_margins_after(do, frame):
    rc, out, s = do("svyset c, strata(s) weight(w1) || _n, weight(w2)\nsvy: logit y x\nestat svyset\n"
                    "margins", frame)
    assert rc == 0, out
    # svyset.ado's GetEclass: the weight shown is e(wexp)'s
    assert "      pweight: w1*w2" in out and "     Weight 2: w2" in out
    margin = float(s.r["b"].values[0, 0])
    rc, out, s = do("generate double w = w1*w2\nsvyset c [pw=w], strata(s)\nsvy: logit y x\nmargins", frame)
    assert float(s.r["b"].values[0, 0]) == pytest.approx(margin, rel=1e-12)


def test_svydescribe_shows_the_weights(do, frame):
    rc, out, s = do("svyset c, strata(s) weight(w1)\nsvydescribe", frame)
    assert rc == 0 and "     Weight 1: w1" in out and s.r["N"] == len(frame)


# ----------------------------------------------------------------------------- multilevel
@pytest.mark.parametrize("command", ["melogit y x || c:", "meglm y x || c:, family(bernoulli)",
                                     "mepoisson y x || c:"])
def test_group_level_me_commands_run(do, frame, command):
    """svy with the me commands (branch sw100, tests/test_svy_me_commands.py)."""
    rc, out, s = do(f"svyset c, weight(w1) || _n, weight(w2)\nsvy: {command}", frame)
    assert rc == 0, out
    assert s.e.macros["prefix"] == "svy" and s.e.macros["weight1"] == "w1"


@pytest.mark.parametrize("command", ["mestreg x || c:, distribution(weibull)"])  # metobit runs (branch mt101)
def test_other_group_level_commands_are_refused(do, frame, command):
    rc, out, _ = do(f"svyset c, weight(w1) || _n, weight(w2)\nsvy: {command}", frame)
    assert rc == 199 and "is not supported by mlmcli" in out and "svy fits melogit" in out


def test_svy_mixed_keeps_statas_refusal(do, frame):
    rc, out, _ = do("svyset c, weight(w1) || _n, weight(w2)\nsvy: mixed x y || c:", frame)
    assert rc == 322 and "mixed is not supported by svy with vce(linearized)" in out
