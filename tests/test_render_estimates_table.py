"""estimates table layout (checked against a Stata log of ``estimates table lnVio lnMur lnRob, se``)."""
from __future__ import annotations

from mlmcli.render.estimates_table import render_estimates_table
from mlmcli.results.postestimation import EstimatesTableResult, EstTableCell, EstTableEquation, EstTableRow


def _table(**kw):
    rows = (
        EstTableRow("shall", (EstTableCell(-.44296458, .04752832), EstTableCell(-.47337245, .048536),
                              EstTableCell(-.7733207, .0692623))),
        EstTableRow("_cons", (EstTableCell(6.1349189, .01930393), EstTableCell(1.8975555, .02196062),
                              EstTableCell(4.8730511, .02790933))),
    )
    return EstimatesTableResult(models=("lnVio", "lnMur", "lnRob"), equations=(EstTableEquation(None, rows),), **kw)


def test_b_se_layout():
    want = "\n".join([
        "",
        "-----------------------------------------------------",
        "    Variable |   lnVio        lnMur        lnRob     ",
        "-------------+---------------------------------------",
        "       shall | -.44296458   -.47337245    -.7733207  ",
        "             |  .04752832      .048536     .0692623  ",
        "       _cons |  6.1349189    1.8975555    4.8730511  ",
        "             |  .01930393    .02196062    .02790933  ",
        "-----------------------------------------------------",
        "                                         legend: b/se",
    ])
    assert render_estimates_table(_table(show=("b", "se"))) == want


def test_stats_and_stars_and_formats():
    t = _table(show=("b",), star=True, stats=(("N", (4360, 4360, 4360)), ("ll", (-28256.829, -1.5, 2.0))))
    lines = render_estimates_table(t).split("\n")
    width = len(lines[1])
    assert all(len(l) == width for l in lines[1:-1])
    assert lines[-1].strip() == "legend: * p<0.05; ** p<0.01; *** p<0.001"
    assert "           N |       4360" in lines[lines.index(next(l for l in lines if l.strip().startswith("N |")))]
    assert any("-28256.829" in l for l in lines)

    t2 = _table(show=("b", "se"), b_format="%9.3f")
    lines2 = render_estimates_table(t2).split("\n")
    assert lines2[4] == "       shall |    -0.443      -0.473      -0.773  "


def test_missing_cell_and_equations():
    eqs = (EstTableEquation("pbw", (EstTableRow("educgroupc", (EstTableCell(-.0481391), EstTableCell(-.0549543))),)),
           EstTableEquation("lns1_1_1", (EstTableRow("educgroupc", (None, EstTableCell(-3.0668))),)))
    lines = render_estimates_table(EstimatesTableResult(models=("rie", "rce"), equations=eqs)).split("\n")
    assert lines[4] == "pbw          |"
    assert lines[6] == "-------------+--------------------------"
    assert lines[7] == "lns1_1_1     |"
    assert lines[8] == "  educgroupc |                 -3.0668  "


def test_star_columns_match_stata_log():
    rows = (EstTableRow("device", (EstTableCell(.36, p=.0001), EstTableCell(.36, p=.0002), EstTableCell(.35, p=.0005))),
            EstTableRow("sage", (EstTableCell(.76, p=.2), EstTableCell(.76, p=.3), EstTableCell(15.12, p=.02))))
    t = EstimatesTableResult(models=("a", "b", "c"), equations=(EstTableEquation(None, rows),), star=True,
                             b_format="%9.2f", stats=(("N", (737, 737, 737)),))
    lines = render_estimates_table(t).split("\n")
    assert "      device |      0.36***        0.36***        0.35***  " in lines
    assert "        sage |      0.76           0.76          15.12*    " in lines
    assert "           N |       737            737            737     " in lines
    assert lines[-1] == "                   legend: * p<0.05; ** p<0.01; *** p<0.001"
