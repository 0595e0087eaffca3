"""Stata 13's table: the statistic synonyms of table.ado's Parse/Valid -- ``n`` count,
``m``/``me``/``mea`` mean, ``med``... median, ``sem``... semean -- give the tables of the full
names, with numbers checked against pandas."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


@pytest.fixture(scope="module")
def frame():
    rng = np.random.default_rng(7)
    return pd.DataFrame({"g": rng.integers(1, 4, 60).astype(float), "x": rng.normal(size=60),
                         "y": rng.normal(2, 1, 60), "w": rng.uniform(0.5, 2, 60)})


@pytest.mark.parametrize("short, full", [("c(m x m y)", "contents(mean x mean y)"),
                                         ("c(me x n y)", "contents(mean x count y)"),
                                         ("c(med x sem y)", "contents(median x semean y)"),
                                         ("c(mea x medi y seme x)", "contents(mean x median y semean x)")])
def test_synonyms_equal_full_names(do, frame, short, full):
    rc1, out1, _ = do(f"table g, {short}\n", df=frame)
    rc2, out2, _ = do(f"table g, {full}\n", df=frame)
    assert rc1 == 0 and rc2 == 0, out1
    assert out1 == out2


def test_mean_values_and_weights(do, frame):
    rc, out, _ = do("table g [aweight=w], c(m x)\n", df=frame)
    assert rc == 0, out
    for g, block in frame.groupby("g"):
        mean = np.average(block["x"], weights=block["w"])
        row = next(line for line in out.splitlines() if line.strip().startswith(f"{int(g)} |"))
        assert float(row.split("|")[1]) == pytest.approx(mean, abs=1e-6)


def test_not_a_synonym(do, frame):
    for word in ("mn", "mediann", "se", "me2"):
        rc, out, _ = do(f"table g, c({word} x)\n", df=frame)
        assert rc == 198, (word, out)
