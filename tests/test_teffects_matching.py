"""teffects nnmatch: estimates and Abadie-Imbens SEs against R's Matching package
(tests/teffects_reference/nnmatch.R, its output nnmatch.json, on matching.csv), the layout
against _teffects_replaym.ado and a published Stata log, e() and errors."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

HERE = Path(__file__).parent / "teffects_reference"
REF = json.loads((HERE / "nnmatch.json").read_text())
DATA = pd.read_csv(HERE / "matching.csv")


@pytest.mark.parametrize("key, command", [
    ("ate_maha_1", "teffects nnmatch (y x1 x2 x3) (t)"),
    ("atet_maha_1", "teffects nnmatch (y x1 x2 x3) (t), atet"),
    ("ate_ivar_3_nn4", "teffects nnmatch (y x1 x2 x3) (t), nneighbor(3) metric(ivariance) vce(robust, nn(4))"),
    ("atet_euclid_2", "teffects nnmatch (y x1 x2 x3) (t), atet nneighbor(2) metric(euclidean)"),
    ("ate_maha_exact_x3", "teffects nnmatch (y x1 x2 x3) (t), ematch(x3)"),
    ("ate_ivar_bias", "teffects nnmatch (y x1 x2 x3) (t), metric(ivariance) biasadj(x1 x2 x3)"),
    ("atet_ivar_bias", "teffects nnmatch (y x1 x2 x3) (t), atet metric(ivariance) biasadj(x1 x2 x3)"),
])
def test_estimates_and_ai_standard_errors_match_r_matching(do, key, command):
    rc, printed, s = do(command, DATA.copy())
    assert rc == 0, printed
    b = s.e.matrices["b"].values.ravel()[0]
    se = float(np.sqrt(s.e.matrices["V"].values[0, 0]))
    assert b == pytest.approx(REF[key][0], rel=1e-8)
    assert se == pytest.approx(REF[key][1], rel=1e-7)


def test_header_and_table_layout(do):
    rc, printed, s = do("teffects nnmatch (y x1 x2 x3) (t), ematch(x3)", DATA.copy())
    assert rc == 0, printed
    lines = printed.split("\n")
    at = lines.index(next(ln for ln in lines if ln.startswith("Treatment-effects estimation")))
    assert lines[at:at + 4] == [
        "Treatment-effects estimation                   Number of obs      =        400",
        "Estimator      : nearest-neighbor matching     Matches: requested =          1",
        f"Outcome model  : matching                                     min = {s.e.scalars['k_nnmin']:10.0f}",
        f"Distance metric: Mahalanobis                                  max = {s.e.scalars['k_nnmax']:10.0f}"]
    assert lines[at + 5:at + 10] == [
        "             |              AI Robust",
        "     y |      Coef.   Std. Err.      z    P>|z|     [95% Conf. Interval]".rjust(78),
        "-------------+----------------------------------------------------------------",
        "ATE          |", "           t |"]
    assert lines[at + 10].startswith("   (1 vs 0)  |")
    assert s.e.matrices["b"].colnames == ("ATE:r1vs0.t",) and s.e.macros["vcetype"] == "AI Robust"
    assert s.e.scalars["k_robust"] == 2 and s.e.macros["emvarlist"] == "x3"


@pytest.mark.parametrize("text, message, rc", [
    ("teffects nnmatch (y x1) (t), vce(iid)", "option vce(iid) not supported by mlmcli", 198),
    ("teffects nnmatch (y x1) (t), nneighbor(0)", "nneighbor(#) must be an integer between 1", 198),
    ("teffects nnmatch (y x1) (t), vce(robust, nn(1))", "nn(#) must be an integer between 2", 198),
    ("teffects nnmatch (y x1) (t), caliper(0.1)", "option caliper() not supported by mlmcli", 198),
    ("teffects nnmatch (y x1) (t), metric(foo)", "metric(foo) is not allowed", 198),
    ("teffects nnmatch (y x1) (x3)", "must have exactly two levels", 459),
    ("teffects nnmatch (y x1) (t), ate atet", "options ate and atet cannot both be specified", 184),
    ("teffects nnmatch (y) (t)", "omvarlist or ematch(varlist) must be specified", 100),
])
def test_errors(do, text, message, rc):
    got, printed, s = do(text, DATA.copy())
    assert got == rc and message in printed
    assert list(s.data.df.columns) == list(DATA.columns)


def test_postestimation_after_nnmatch(do):
    rc, printed, _ = do("teffects nnmatch (y x1) (t)\nteoverlap", DATA.copy())
    assert rc == 321 and "teffects overlap not supported after nnmatch estimation" in printed
    rc, printed, _ = do("teffects nnmatch (y x1) (t)\nteffects, level(90)", DATA.copy())
    assert rc == 0 and printed.count("[90% Conf. Interval]") == 1
