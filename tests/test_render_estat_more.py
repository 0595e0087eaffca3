"""estat ic and estat recovariance layouts (Stata 13)."""
from __future__ import annotations

import math

from mlmcli.render.estat_tables import render_estat_ic, render_estat_recovariance
from mlmcli.results.postestimation import EstatIcResult, EstatRecovResult, IcRow, ReCovMatrix


def test_estat_ic_layout():
    got = render_estat_ic(EstatIcResult((IcRow(".", 250, math.nan, -837.07248, 4, 1682.14496, 1696.23068),)))
    assert got.split("\n") == [
        "",
        "Akaike's information criterion and Bayesian information criterion",
        "",
        "-----------------------------------------------------------------------------",
        "       Model |    Obs    ll(null)   ll(model)     df          AIC         BIC",
        "-------------+---------------------------------------------------------------",
        "           . |    250           .   -837.0725      4     1682.145    1696.231",
        "-----------------------------------------------------------------------------",
        "               Note:  N=Obs used in calculating BIC; see [R] BIC note",
    ]


def test_estat_ic_abbreviates_long_model_names():
    row = IcRow("a_very_long_model_name", 10, -5.0, -4.0, 2, 12.0, 12.6)
    lines = render_estat_ic(EstatIcResult((row,))).split("\n")
    assert lines[6] == "a_very_lon~e |     10          -5          -4      2           12        12.6"


def test_estat_recovariance_layout():
    got = render_estat_recovariance(EstatRecovResult((
        ReCovMatrix("id", ("week", "_cons"), ((.3715251, -.0647928), (-.0647928, 6.823363))),
        ReCovMatrix("region", ("_cons",), ((.0230974,),)),
    )))
    assert got.split("\n") == [
        "",
        "Random-effects covariance matrix for level id",
        "",
        "             |      week      _cons ",
        "-------------+----------------------",
        "        week |  .3715251            ",
        "       _cons | -.0647928   6.823363 ",
        "",
        "Random-effects covariance matrix for level region",
        "",
        "             |     _cons ",
        "-------------+-----------",
        "       _cons |  .0230974 ",
    ]
    corr = render_estat_recovariance(EstatRecovResult((ReCovMatrix("id", ("week", "_cons"), ((1, -.04), (-.04, 1)),
                                                                   correlation=True),)))
    assert "Random-effects correlation matrix for level id" in corr
