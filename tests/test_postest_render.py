"""Exact layouts of the postestimation renderers: test/lincom, estimates dir, listings,
mlmcli's own multilevel statistics."""
from __future__ import annotations

import numpy as np

from mlmcli.postest.pve import proportional_reduction
from mlmcli.postest.reliability import reliability
from mlmcli.render.estimates_table import render_estimates_dir
from mlmcli.render.hypotheses import render_constraint_lines, render_test
from mlmcli.render.listings import render_matrix_list, render_results_list, stata_scalar_text
from mlmcli.render.multilevel_statistics import render_hlmchi2, render_pve, render_reliability
from mlmcli.results.multilevel_statistics import HLMChi2Result, HLMChi2Row
from mlmcli.results.postestimation import (EstimatesDirResult, EstimatesDirRow, MatrixListing, ResultsListing,
                                           WaldTestResult)


def test_test_block_chi2_and_F():
    assert render_test(WaldTestResult(("[pbw]x1 = 0", "[pbw]x2 = 0"), 12.3456, 2, 0.0021)) == (
        "\n ( 1)  [pbw]x1 = 0\n ( 2)  [pbw]x2 = 0\n\n"
        "           chi2(  2) =   12.35\n"
        "         Prob > chi2 =    0.0021")
    assert render_test(WaldTestResult(("mpg = 0",), 0.89, 1, 0.3497, F=0.89, df_r=71)) == (
        "\n ( 1)  mpg = 0\n\n"
        "       F(  1,    71) =    0.89\n"
        "            Prob > F =    0.3497")
    assert "       Constraint 2 dropped" in render_test(WaldTestResult(("a = 0", "a = 0"), 1.0, 1, 0.3, dropped=(1,)))
    assert render_constraint_lines(("x = 0",)) == "\n ( 1)  x = 0"


def test_estimates_dir_layout():
    rows = (EstimatesDirRow("rie", "mixed", "pbw", 4, ""), EstimatesDirRow("rce", "mixed", "pbw", 6, "slopes"))
    assert render_estimates_dir(EstimatesDirResult(rows)) == "\n".join([
        "",
        "-" * 55,
        "        name | command      depvar       npar  title ",
        "-------------+-----------------------------------------",
        "         rie | mixed        pbw             4  ",
        "         rce | mixed        pbw             6  slopes",
        "-" * 55])
    long = render_estimates_dir(EstimatesDirResult((EstimatesDirRow("m", "regress", "y", 3, "a title longer than ten"),),
                                                   title_width=10))
    assert long.split("\n")[4:7] == ["           m | regress      y               3  a title lo",
                                      "             |                                 nger than ",
                                      "             |                                 ten"]


def test_results_list_layout():
    text = render_results_list(ResultsListing("e", {"N": 74, "r2": 0.6529306984682528}, {"cmd": "regress"},
                                              {"b": np.zeros((1, 3))}, ("sample",)))
    assert text == "\n".join([
        "", "scalars:",
        "                  e(N) =  74",
        "                 e(r2) =  .6529306984682528",
        "", "macros:",
        '                e(cmd) : "regress"',
        "", "matrices:",
        "                  e(b) :  1 x 3",
        "", "functions:",
        "             e(sample)   "])
    assert stata_scalar_text(-0.5) == "-.5" and stata_scalar_text(float("nan")) == "."
    assert stata_scalar_text(3.2e-12) == "3.2e-12"


def test_matrix_list_layout():
    V = np.array([[4.066e-07, 0.00010839, -0.00133841], [0.00010839, 1.0692143, -0.48465302],
                  [-0.00133841, -0.48465302, 4.8519694]])
    names = ("weight", "foreign", "_cons")
    assert render_matrix_list(MatrixListing("e(V)", V, names, names, symmetric=True)) == "\n".join([
        "",
        "symmetric e(V)[3,3]",
        "             weight     foreign       _cons",
        " weight   4.066e-07",
        "foreign   .00010839   1.0692143",
        "  _cons  -.00133841  -.48465302   4.8519694"])
    # equation names: verbatim Stata output of `matrix list b` after `mixed liking_ij genre_i || subj_id:`
    b = render_matrix_list(MatrixListing("b", np.array([[5.1710617, 60.229571, 2.0205456, 2.0902013]]), ("y1",),
                                         ("liking_ij:genre_i", "liking_ij:_cons", "lns1_1_1:_cons", "lnsig_e:_cons")))
    assert b.split("\n")[1:] == ["b[1,4]",
                                 "     liking_ij:  liking_ij:   lns1_1_1:    lnsig_e:",
                                 "       genre_i       _cons       _cons       _cons",
                                 "y1   5.1710617   60.229571   2.0205456   2.0902013"]


def test_reliability_pve_hlm_tables():
    group = np.array([0, 0, 1])
    res = reliability(np.ones((3, 1)), group, np.array([[1.0]]), 1.0, "cntryid", ["_cons"], ["2", "4"])
    assert render_reliability(res).split("\n")[4:] == [
        "------------------------------------",
        "     cntryid |        n_j      _cons",
        "-------------+----------------------",
        "           2 |          2   .6666667",
        "           4 |          1         .5",
        "-------------+----------------------",
        "     Average |        1.5   .5833333",
        "------------------------------------"]
    pve = proportional_reduction("a", [("cntryid", "var(_cons)", 0.2), ("Residual", "var(Residual)", 0.8)],
                                 "b", [("cntryid", "var(_cons)", 0.15), ("Residual", "var(Residual)", 0.76)])
    lines = render_pve(pve).split("\n")
    assert lines[5] == "                    Component |          a          b        PVE    Percent"
    assert lines[7] == "          cntryid: var(_cons) |         .2        .15        .25       25.0"
    assert lines[8] == "                var(Residual) |         .8        .76        .05        5.0"
    hlm = HLMChi2Result("school", 160, 160, (HLMChi2Row("_cons", 8.614025, 159, 1660.2344, 0.0, 0),))
    assert render_hlmchi2(hlm).split("\n")[-2] == \
        "       _cons |   8.614025        159    1660.23      0.000"
