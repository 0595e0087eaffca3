"""Golden tests for estat group/icc, lrtest and regress (handout blocks 02, 03, 07, 10)."""
from __future__ import annotations

import math

from mlmcli.render.estat_tables import render_estat_group, render_estat_icc
from mlmcli.render.lrtest import render_lrtest, wrap_paragraph
from mlmcli.render.regress_table import render_regress
from mlmcli.results.mixed import CoefRow, GroupSummary
from mlmcli.results.postestimation import EstatGroupResult, EstatIccResult, IccRow, LRTestResult
from mlmcli.results.regress import RegressResult
from test_render_goldenlib import golden, num


def test_estat_group_golden():
    _, want = golden("02")
    got = render_estat_group(EstatGroupResult((GroupSummary("cntryid", 17, 992, 1281.8, 2058),)))
    assert got == want


def test_estat_icc_golden():
    _, want = golden("03")
    got = render_estat_icc(EstatIccResult((IccRow("cntryid", .1460046, .0430148, .0799933, .2515926),)))
    assert got == want


def test_estat_icc_residual_title_and_levels():
    rows = (IccRow("cntryid", .0950, .03, .05, .17), IccRow("region|cntryid", .12, .03, .08, .19))
    got = render_estat_icc(EstatIccResult(rows, residual=True))
    lines = got.split("\n")
    assert lines[1] == "Residual intraclass correlation"
    assert lines[-2].startswith("              region|cntryid |")
    assert all(len(l) <= 78 for l in lines)


def test_lrtest_golden():
    _, want = golden("10")
    got = render_lrtest(LRTestResult(366.86, 2, 0.0, "rie", "rce", conservative=True), linesize=110)
    assert got == want


def test_lrtest_without_note_and_narrow_wrap():
    got = render_lrtest(LRTestResult(3.2, 1, 0.0736, "m1", "m2"))
    assert got.split("\n") == [
        "",
        "Likelihood-ratio test                                 LR chi2(1)  =      3.20",
        "(Assumption: m1 nested in m2)                         Prob > chi2 =    0.0736",
    ]
    lines = wrap_paragraph("Note: The reported degrees of freedom assumes the null hypothesis is not on the "
                           "boundary of the parameter space.  If this is not true, then the reported test "
                           "is conservative.", 80)
    assert lines == [
        "Note: The reported degrees of freedom assumes the null hypothesis is not on",
        "      the boundary of the parameter space.  If this is not true, then the",
        "      reported test is conservative.",
    ]


def _regress_from_golden() -> tuple[RegressResult, str]:
    _, text = golden("07")
    lines = text.split("\n")
    start = lines.index("-> cntryid = d") + 1
    end = len(lines) - 2  # the blank line and rule that open the next by-group
    want = "\n".join(lines[start:end])
    body = lines[start:end]

    def anova(label):
        line = next(l for l in body if l.strip().startswith(label + " |"))
        vals = line.split("|")[1].split()
        return float(vals[0]), int(vals[1]), float(vals[2])

    def right(label):
        line = next(l for l in body if label in l)
        return num(line.split("=")[-1])

    ssm, dfm, msm = anova("Model")
    ssr, dfr, msr = anova("Residual")
    sst, dft, mst = anova("Total")
    coefs = []
    for l in body:
        if l.strip().startswith(("EDUCM2", "_cons")):
            name, vals = l.split("|")
            coefs.append(CoefRow(name.strip(), *[float(v) for v in vals.split()]))
    r = RegressResult(depvar="pbw", nobs=int(right("Number of obs")), ss_model=ssm, ss_resid=ssr, ss_total=sst,
                      df_model=dfm, df_resid=dfr, df_total=dft, ms_model=msm, ms_resid=msr, ms_total=mst,
                      F=right("F("), p_F=right("Prob > F"), r2=right("R-squared "), r2_a=right("Adj R-squared"),
                      rmse=right("Root MSE"), coefs=tuple(coefs))
    return r, want


def test_regress_golden():
    r, want = _regress_from_golden()
    assert render_regress(r) == want


def test_regress_robust_header():
    r, _ = _regress_from_golden()
    from dataclasses import replace
    got = render_regress(replace(r, vce="cluster", cluster_var="cntryid", n_clusters=17))
    lines = got.split("\n")
    assert lines[1] == "Linear regression                                      Number of obs =    1820"
    assert "(Std. Err. adjusted for 17 clusters in cntryid)".rjust(78) in lines
    assert "             |               Robust" in lines
    assert "      t    P>|t|" in got
    assert not math.isnan(r.F)
