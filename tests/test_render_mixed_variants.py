"""mixed display variants beyond the handout: REML, robust, pweights, sd metric,
estmetric, level(), display options, crossed effects, a wide model, iteration log."""
from __future__ import annotations

import math
import re
from dataclasses import replace

from mlmcli.render.iteration_log import render_iteration_log
from mlmcli.render.mixed_display import LR_NOTE, re_label, render_lr_line, render_mixed
from mlmcli.results.mixed import (CoefRow, GroupSummary, IterationLog, LRTestLinear, MixedResult, RandomLevel,
                                  VarianceRow)
from test_render_goldenlib import golden, parse_mixed

NAN = math.nan


def test_iteration_log_ml_and_reml():
    log = IterationLog(gradient=(-28712.5, -28711.99, -28711.99), not_concave=(0,), backed_up=(1,))
    got = render_iteration_log(log, "ML")
    assert got.split("\n") == [
        "",
        "Performing EM optimization: ",
        "",
        "Performing gradient-based optimization: ",
        "",
        "Iteration 0:   log likelihood =   -28712.5  (not concave)",
        "Iteration 1:   log likelihood =  -28711.99  (backed up)",
        "Iteration 2:   log likelihood =  -28711.99  ",
        "",
        "Computing standard errors:",
    ]
    reml = render_iteration_log(IterationLog(gradient=(-7116.1459,)), "REML")
    assert "Iteration 0:   log restricted-likelihood = -7116.1459  " in reml.split("\n")
    many = render_iteration_log(IterationLog(gradient=tuple(-100.0 - i for i in range(11))), "ML")
    assert "Iteration 10:  log likelihood =       -110  " in many.split("\n")


def test_iteration_log_from_result():
    r = replace(parse_mixed("01"), method="REML", iteration_log=IterationLog(gradient=(-1.5,)))
    assert "log restricted-likelihood" in render_iteration_log(r)
    assert "log pseudolikelihood" in render_iteration_log(replace(r, method="ML", pseudo=True))
    assert "log pseudolikelihood" in render_iteration_log(replace(r, method="ML", vce="robust"))


def test_reml_header():
    r = replace(parse_mixed("01"), method="REML", loglik=-7116.1459)
    lines = render_mixed(r).split("\n")
    assert lines[1].startswith("Mixed-effects REML regression                   Number of obs")
    assert lines[10] == "Log restricted-likelihood = -7116.1459          Prob > chi2        =         ."


def test_robust_and_pseudo():
    # vce(robust) alone already makes it a pseudolikelihood in Stata 13
    r = replace(parse_mixed("06"), vce="robust", cluster_var="cntryid", n_clusters=17, lr_test=None)
    got = render_mixed(r)
    lines = got.split("\n")
    assert lines[1].startswith("Mixed-effects regression                        Number of obs")
    assert lines[10].startswith("Log pseudolikelihood = -27350.741")
    assert lines[12] == "(Std. Err. adjusted for 17 clusters in cntryid)".rjust(78)
    assert lines[13] == "-" * 78
    assert lines[14] == "             |               Robust"
    i = lines.index("  Random-effects Parameters  |   Estimate   Std. Err.     [95% Conf. Interval]")
    assert lines[i - 1] == "                             |               Robust           "
    assert lines[-1] == "-" * 78  # no LR test under robust VCE


def test_level_90_relabels_every_ci_header():
    got = render_mixed(parse_mixed("16"), level=90)
    assert got.count("[90% Conf. Interval]") == 2
    assert "[95%" not in got
    assert "[99.5% Conf. Interval]" in render_mixed(parse_mixed("16"), level=99.5)


def test_sd_metric():
    r = parse_mixed("09")
    sd = (RandomLevel("cntryid", "Unstructured", (
        VarianceRow("sd(educgroupc)", .0465, .0087, .0322, .0672),
        VarianceRow("sd(_cons)", .3731, .0643, .2661, .5231),
        VarianceRow("corr(educgroupc,_cons)", .2919, .2309, -.1875, .6602))),)
    r = replace(r, random={**r.random, "sd": sd}, residual={**r.residual, "sd": VarianceRow("sd(Residual)", .877, .0042, .8688, .8853)})
    got = render_mixed(r, metric="sd")
    assert "                sd(educg~pc) |      .0465      .0087         .0322       .0672" in got
    assert "        corr(educg~pc,_cons) |      .2919" in got
    assert "                sd(Residual) |       .877" in got
    assert "var(" not in got


def test_estmetric_equations():
    r = parse_mixed("01")
    r = replace(r, random={**r.random, "est": (RandomLevel("cntryid", "Identity", (
        VarianceRow("lns1_1_1", -.9865, .1724, -1.3244, -.6486, -5.72, 0.0),)),)},
        residual={**r.residual, "est": VarianceRow("lnsig_e", -.1033, .0048, -.1127, -.0939, -21.5, 0.0)})
    lines = render_mixed(r, metric="est").split("\n")
    i = lines.index("pbw          |")
    assert lines[i + 1].startswith("       _cons |   .1001793")
    assert lines[i + 2] == "-------------+" + "-" * 64
    assert lines[i + 3] == "lns1_1_1     |"
    assert lines[i + 4] == "       _cons |     -.9865      .1724    -5.72   0.000      -1.3244      -.6486"
    assert lines[i + 6] == "lnsig_e      |"
    assert "Random-effects Parameters" not in "\n".join(lines)


def test_display_options():
    r = parse_mixed("16")
    full = render_mixed(r)
    noh = render_mixed(r, noheader=True)
    assert noh.split("\n")[1] == "-" * 78 and "Number of obs" not in noh
    assert "Group Variable" not in render_mixed(r, nogroup=True)
    nofe = render_mixed(r, nofetable=True)
    assert "Coef." not in nofe and "Random-effects Parameters" in nofe
    nore = render_mixed(r, noretable=True)
    # the LR test belongs to the random-effects table (_xtmixed_display: DiVarComp prints it)
    assert "Random-effects" not in nore and "LR test vs. linear regression" not in nore
    nolr = render_mixed(r, nolrtest=True)
    assert "LR test" not in nolr and LR_NOTE not in nolr and nolr.endswith("-" * 78)
    assert full.startswith("\n") and not full.endswith("\n")


def test_single_level_nogroup():
    lines = render_mixed(parse_mixed("01"), nogroup=True).split("\n")
    assert lines[1:5] == [
        "Mixed-effects ML regression                     Number of obs      =     21790",
        "",
        "                                                Wald chi2(0)       =         .",
        "Log likelihood =  -28711.99                     Prob > chi2        =         .",
    ]


def test_crossed_random_effects():
    r = replace(parse_mixed("16"),
                groups=(GroupSummary("_all", 1, 144, 144.0, 144),),
                random={"variance": (RandomLevel("_all", "Identity", (VarianceRow("var(R.plate)", .7169, .2074, .4067, 1.2637),)),
                                     RandomLevel("_all", "Identity", (VarianceRow("var(R.sample)", 3.7311, 1.6566, 1.5629, 8.9073),)))})
    got = render_mixed(r)
    lines = got.split("\n")
    assert lines[2] == "Group variable: _all                            Number of groups   =         1"
    i = lines.index("_all: Identity               |")
    assert lines[i + 1] == "                var(R.plate) |      .7169      .2074         .4067      1.2637"
    assert lines[i + 3] == "_all: Identity               |"
    assert lines[i + 4].startswith("               var(R.sample) |")


def test_re_labels():
    assert re_label("cov(educgroupc,_cons)") == "cov(educg~pc,_cons)"
    assert re_label("var(Residual)") == "var(Residual)"
    assert re_label("var(R.plate)") == "var(R.plate)"
    assert re_label("lns1_1_1") == "lns1_1_1"


def test_lr_line_forms():
    assert render_lr_line(LRTestLinear(2927.84, 1, 0.0, "chibar2(01)")) == \
        "LR test vs. linear regression: chibar2(01) =  2927.84 Prob >= chibar2 = 0.0000"
    two = render_lr_line(LRTestLinear(1704.34, 12, 0.0, "chi2")).split("\n")
    assert two[0] == "LR test vs. linear regression:      chi2(12) =  1704.34   Prob > chi2 = 0.0000"
    assert two[2] == LR_NOTE
    big = render_lr_line(LRTestLinear(123456.0, 1, 0.0, "chibar2(01)"))
    assert "chibar2(01) = 1.23e+05 Prob" in big


def _wide_result() -> MixedResult:
    def cr(name, v, **kw):
        return CoefRow(name, v, abs(v) / 7, 7.0, 0.0, v - 0.21, v + 0.21, **kw)

    fixed = (
        cr("socioeconomic_status_centered", 0.1234567),
        CoefRow("1.schooltype", 0, NAN, NAN, NAN, NAN, NAN, term="schooltype", level="1", base=True),
        cr("2.schooltype", -0.5, term="schooltype", level="2"),
        cr("3.schooltype", 0.25, term="schooltype", level="3"),
        cr("1.female", 0.3, term="female", level="1"),
        cr("2.schooltype#1.female", 0.01, term="schooltype#female", level="2 1"),
        cr("3.schooltype#1.female", -0.02, term="schooltype#female", level="3 1"),
        cr("1.female#c.socioeconomic_status_centered", -1234.5678, term="female#c.socioeconomic_status_centered", level="1"),
        CoefRow("o.collinear_variable", 0, NAN, NAN, NAN, NAN, NAN, omitted=True),
        cr("_cons", 12.5),
    )

    def vr(label, v):
        return VarianceRow(label, v, v / 5, v / 2, v * 2)

    return MixedResult(
        method="ML", depvar="mathematics_achievement", nobs=123456,
        groups=(GroupSummary("district_identifier", 40, 100, 3086.4, 6000),
                GroupSummary("school", 1600, 14, 77.2, 200), GroupSummary("classroom", 8000, 2, 15.4, 40)),
        fixed=fixed,
        random={"variance": (
            RandomLevel("district_identifier", "Identity", (vr("var(_cons)", 1.5),)),
            RandomLevel("school", "Unstructured", (
                vr("var(socioeconomic_status_centered)", 0.2), vr("var(homework)", 0.1), vr("var(_cons)", 3.0),
                vr("cov(socioeconomic_status_centered,homework)", -0.01),
                vr("cov(socioeconomic_status_centered,_cons)", 0.05), vr("cov(homework,_cons)", -0.3))),
            RandomLevel("classroom", "Exchangeable", (vr("var(homework)", 0.1), vr("cov(homework,_cons)", 3.0))))},
        residual={"variance": vr("var(Residual)", 36.1)}, loglik=-235580.397, wald_chi2=147.43, wald_df=8,
        wald_p=0.0, lr_test=LRTestLinear(98612.3, 9, 0.0, "chi2"))


def test_wide_model_columns_align():
    for linesize in (80, 110, 200):
        got = render_mixed(_wide_result(), linesize=linesize)
        lines = got.split("\n")
        assert max(len(l) for l in lines) <= max(78, min(linesize, 32 + 66))
        fe_start = next(i for i, l in enumerate(lines) if "Coef." in l)
        bar = lines[fe_start].index("|")
        s = bar - 1
        fe = []
        for l in lines[fe_start + 2:]:
            if l.startswith("---"):
                break
            fe.append(l)
        assert all(l[bar] == "|" for l in fe), fe
        for l in fe:
            if re.search(r"\d\.\d\d\s+0\.000", l):  # a full numeric row: fields end at s+13 … s+66
                for end in (s + 13, s + 24, s + 33, s + 41, s + 54, s + 66):
                    assert l[end - 1] != " " and (end == len(l) or l[end] == " "), (l, end)
        re_rows = [l for l in lines if len(l) == 78 and l[29:30] == "|"]
        assert len(re_rows) > 10
        assert all(l[28] == " " for l in re_rows)
    wide = render_mixed(_wide_result(), linesize=110).split("\n")
    assert "                          female#c.socioeconomic_status_centered |" not in wide  # capped at 32
    assert any(l.startswith("   socioeconomic_status_centered |") for l in wide)
    assert "3 1".rjust(31) + "  |       -.02" in "\n".join(wide)
    narrow = render_mixed(_wide_result(), linesize=80).split("\n")
    assert any(l.startswith("socioecono~d |") for l in narrow)
    assert "        1.female |" not in narrow and any(l.startswith("    1.female |") for l in narrow)


def test_golden_level_rows_unchanged_by_linesize():
    _, want = golden("01")
    assert render_mixed(parse_mixed("01"), linesize=80) == want
    assert render_mixed(parse_mixed("01"), linesize=250) == want


def test_coef_table_formats():
    from mlmcli.render.coef_table import render_coef_table

    rows = (CoefRow("x", 1.23456789, .0123456, 100.0, .0123, 1.2, 1.26),)
    lines = render_coef_table(rows, "y", cformat="%9.3f", pformat="%5.2f", sformat="%8.3f").split("\n")
    assert lines[3] == "           x |      1.235      0.012  100.000    0.01        1.200       1.260"


def test_omitted_and_base_markers_dropped_from_names():
    from mlmcli.render.coef_table import render_coef_table

    rows = (CoefRow("o.x2", 0, NAN, NAN, NAN, NAN, NAN, omitted=True),
            CoefRow("1o.weurope", 0, NAN, NAN, NAN, NAN, NAN, term="weurope", level="1", omitted=True),
            CoefRow("_cons", 1.0, .1, 10.0, 0.0, .8, 1.2))
    lines = render_coef_table(rows, "y").split("\n")
    assert lines[3] == "          x2 |          0  (omitted)"
    assert lines[4] == "   1.weurope |          0  (omitted)"
    shown = render_coef_table(rows[:1] + (CoefRow("0b.weurope", 0, NAN, NAN, NAN, NAN, NAN, term="weurope",
                                                  level="0", base=True),) + rows[1:], "y", baselevels=True)
    assert "             |\n     weurope |\n          0  |          0  (base)\n          1  |          0  (omitted)" in shown
