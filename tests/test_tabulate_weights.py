"""``tabulate`` with aweights and iweights ([R] tabulate oneway/twoway allow fw, aw, iw):
frequencies against pandas sums of weights, the aweights' rescaling to the number of
observations, and the layout of a published Stata log (Nick Cox on Statalist, 18 Dec 2002,
``tab foreign [aw=mpg]`` on the auto data: the frequencies depend only on the sums of mpg
per origin, 1031 domestic and 545 foreign, which the data here reproduce)."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

PUBLISHED_AW = """\
   Car type |      Freq.     Percent        Cum.
------------+-----------------------------------
   Domestic | 48.4098985       65.42       65.42
    Foreign | 25.5901015       34.58      100.00
------------+-----------------------------------
      Total |         74      100.00"""


@pytest.fixture
def cars(new_session):
    foreign = np.r_[np.zeros(52), np.ones(22)]
    mpg = np.r_[np.full(52, 20.0), np.full(22, 25.0)]
    mpg[0], mpg[52] = 11.0, 20.0  # sums 1031 and 545, as the auto data's
    s = new_session(pd.DataFrame({"foreign": foreign, "mpg": mpg, "g": np.arange(74) % 3}),
                    value_label_of={"foreign": "origin"}, value_labels={"origin": {0.0: "Domestic", 1.0: "Foreign"}},
                    var_labels={"foreign": "Car type"})
    return s


def test_oneway_aweights_match_published_log(cars, run):
    out, rc = run(cars, "tab foreign [aw=mpg]")
    assert rc == 0
    assert out.strip("\n") == PUBLISHED_AW
    assert cars.r["N"] == 74


def test_oneway_iweights_are_sums_of_weights(cars, run):
    df = cars.data.df
    sums = (df["mpg"] / 3).groupby(df["foreign"]).sum()
    out, rc = run(cars, "tabulate foreign [iweight=mpg/3]")
    assert rc == 0, out
    lines = out.strip("\n").splitlines()
    # 1031/3 = 343.666..., %11.0g: ten significant characters
    assert lines[2].split("|")[1].split()[0] == f"{sums[0]:.6f}"
    assert float(lines[3].split("|")[1].split()[0]) == pytest.approx(sums[1], rel=1e-8)
    assert cars.r["N"] == pytest.approx(sums.sum())
    pct = 100 * sums / sums.sum()
    assert lines[2].split()[-2:] == [f"{pct[0]:.2f}", f"{pct[0]:.2f}"]


def test_twoway_weighted_cells_and_chi2(cars, run):
    from scipy.stats import chi2_contingency
    df = cars.data.df
    table = df.pivot_table(index="foreign", columns="g", values="mpg", aggfunc="sum").to_numpy()
    scaled = table * 74 / table.sum()
    out, rc = run(cars, "tab foreign g [aw=mpg], chi2")
    assert rc == 0, out
    rows = [ln for ln in out.splitlines() if ln.strip().startswith(("Domestic", "Foreign"))]
    for row, expected in zip(rows, scaled):
        cells = [float(x) for x in row.split("|")[1].split()]
        np.testing.assert_allclose(cells, expected, rtol=5e-8)
    stat, p, dof, _ = chi2_contingency(scaled, correction=False)
    assert cars.r["chi2"] == pytest.approx(stat, rel=1e-10) and cars.r["p"] == pytest.approx(p, rel=1e-8)
    assert cars.r["N"] == 74


def test_whole_weighted_frequencies_keep_commas_and_pweights_refused(cars, run):
    out, rc = run(cars, "tab foreign [iw=100*mpg]")
    assert rc == 0 and "|    103,100 " in out and "|    157,600 " in out
    out, rc = run(cars, "tab foreign [pw=mpg]")
    assert rc == 101 and "pweights not allowed" in out
