"""``alpha`` against R's psych::alpha and first-principles formulas (the values in
tests/multivariate_reference/reference_values.json, from reference.R there), alpha.ado's
layout, r(), sample rules and refusals."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

REF_DIR = Path(__file__).resolve().parent / "multivariate_reference"
REF = json.loads((REF_DIR / "reference_values.json").read_text())


@pytest.fixture
def items():
    return pd.read_csv(REF_DIR / "items.csv").astype(float)


@pytest.fixture
def items_missing():
    return pd.read_csv(REF_DIR / "itemsmiss.csv").astype(float)


def test_alpha_unstandardized_against_psych(do, items):
    rc, out, s = do("alpha q1 q2 q3 q4", df=items)
    assert rc == 0, out
    assert s.r["alpha"] == pytest.approx(REF["alpha_raw"], abs=1e-10)
    assert s.r["cov"] == pytest.approx(REF["avg_cov"], abs=1e-10)
    assert s.r["k"] == 4
    # q4 loads negatively on the first principal factor (psych::fa, fm="pa", one step): reversed
    assert np.sign(REF["first_factor_loadings"]).tolist() == [1, 1, 1, -1]
    lines = out.splitlines()
    head = lines.index("Test scale = mean(unstandardized items)")
    assert lines[head - 1:head + 6] == [
        "",
        "Test scale = mean(unstandardized items)",
        "Reversed item:  q4",
        "",
        "Average interitem covariance:     3.695855",
        "Number of items in the scale:            4",
        "Scale reliability coefficient:      0.7741",
    ]


def test_alpha_item_table_against_psych(do, items):
    rc, out, s = do("alpha q1 q2 q3 q4, item", df=items)
    assert rc == 0, out
    np.testing.assert_allclose(s.r["ItemTestCorr"].values[0], REF["item_test_raw"], atol=1e-10)
    np.testing.assert_allclose(s.r["ItemRestCorr"].values[0], REF["item_rest_raw"], atol=1e-10)
    np.testing.assert_allclose(s.r["Alpha"].values[0], REF["alpha_drop_raw"], atol=1e-10)
    assert s.r["Alpha"].colnames == ("q1", "q2", "q3", "q4")
    lines = out.splitlines()
    head = lines.index("Test scale = mean(unstandardized items)")
    assert lines[head + 2:head + 7] == [
        "                                                            average",
        "                             item-test     item-rest       interitem",
        "Item         |  Obs  Sign   correlation   correlation     covariance      alpha",
        "-------------+-----------------------------------------------------------------",
        "q1           |  120    +       0.8052        0.6594        3.616402      0.6848",
    ]
    assert lines[head + 9] == "q4           |  120    -       0.8060        0.6111        3.330466      0.7018"
    assert lines[head + 11] == "Test scale   |                                             3.695855      0.7741"
    assert lines[head + 12] == "-" * 79


def test_alpha_std_against_psych(do, items):
    rc, out, s = do("alpha q1 q2 q3 q4, std item", df=items)
    assert rc == 0, out
    assert s.r["alpha"] == pytest.approx(REF["alpha_std"], abs=1e-10)
    assert s.r["rho"] == pytest.approx(REF["avg_cor"], abs=1e-10)
    assert "cov" not in s.r
    np.testing.assert_allclose(s.r["ItemTestCorr"].values[0], REF["item_test_std"], atol=1e-10)
    np.testing.assert_allclose(s.r["Alpha"].values[0], REF["alpha_drop_std"], atol=1e-10)
    assert "MeanInterItemCorr" in s.r


def test_alpha_pairwise_missing(do, items_missing):
    rc, out, s = do("alpha q1 q2 q3, asis detail", df=items_missing)
    assert rc == 0, out
    assert s.r["cov"] == pytest.approx(REF["miss_avg_cov"], abs=1e-10)
    assert s.r["alpha"] == pytest.approx(REF["miss_alpha"], abs=1e-10)
    assert "Interitem covariances (obs=pairwise, see below)" in out
    assert "Pairwise number of observations" in out


def test_alpha_casewise_uses_complete_rows(do, items_missing):
    complete = items_missing.dropna(subset=["q1", "q2", "q3"])
    _, _, s1 = do("alpha q1 q2 q3, asis casewise", df=items_missing)
    _, _, s2 = do("alpha q1 q2 q3, asis", df=complete)
    assert s1.r["alpha"] == pytest.approx(s2.r["alpha"], abs=1e-12)
    S = np.cov(complete[["q1", "q2", "q3"]].to_numpy(), rowvar=False)
    avg = S[np.tril_indices(3, -1)].mean()
    assert s1.r["alpha"] == pytest.approx(3 * avg / (np.trace(S) / 3 + 2 * avg), abs=1e-12)


def test_alpha_generate_is_mean_of_signed_items(do, items):
    rc, out, s = do("alpha q1 q2 q3 q4, reverse(q4) gen(scale)", df=items)
    assert rc == 0, out
    expected = (items.q1 + items.q2 + items.q3 - items.q4) / 4
    np.testing.assert_allclose(s.data.numeric("scale"), expected.astype(np.float32), rtol=1e-7)
    assert s.data.var_labels["scale"] == "mean(unstandardized items)"
    assert "Reversed item: q4" in out


def test_alpha_reverse_outside_varlist_and_asis(do, items):
    rc, out, s = do("alpha q1 q2 q3, reverse(q3 q5)", df=items)
    assert rc == 0
    assert "q5 included in reverse-list, but not in varlist" in out
    rc, out, s = do("alpha q1 q2 q3 q4, asis", df=items)
    assert rc == 0 and "Reversed" not in out
    assert s.r["alpha"] != pytest.approx(REF["alpha_raw"])


def test_alpha_label_layout_wraps_labels(do, items):
    rc, out, s = do('label variable q1 "first item of the scale about something long enough to wrap around"\n'
                    "alpha q1 q2 q3 q4, std item label", df=items)
    assert rc == 0, out
    assert "Item         |  Obs  Sign   corr.      corr.       corr.     alpha   Label" in out
    assert "q1           |  120    +    0.8227     0.6608     0.4212    0.6858   first item of the scale about something" in out
    assert "             |                                                         long enough to wrap around" in out


def test_alpha_constant_item_dropped(do, items):
    df = items.assign(c=1.0)
    rc, out, s = do("alpha q1 q2 c, asis", df=df)
    assert rc == 0
    assert "c constant in analysis sample, dropped from analysis" in out
    assert s.r["k"] == 2


@pytest.mark.parametrize("command, message, code", [
    ("alpha q1", "too few variables specified", 102),
    ("alpha q1 q2, min(3)", "invalid option min()", 198),
    ("alpha q1 q2 if q1 > 1000", "no observations", 2000),
    ("alpha q1 name", "string variables not allowed in varlist;", 109),
    ("alpha q1 q2, bogus", "option bogus not allowed", 198),
])
def test_alpha_errors(do, items, command, message, code):
    df = items.assign(name="a")
    rc, out, s = do(command, df=df)
    assert rc == code and message in out


def test_alpha_generate_existing_name_fails_without_change(do, items):
    rc, out, s = do("alpha q1 q2 q3, gen(q1)", df=items)
    assert rc == 110 and "q1 already defined" in out
    np.testing.assert_array_equal(s.data.numeric("q1"), items.q1.to_numpy())


def test_alpha_label_layout_below_linesize_100(do, items):
    rc, out, s = do('label variable q1 "first item of the scale about something long enough to wrap around"\n'
                    "set linesize 80\nalpha q1-q4, item label std", df=items)
    assert rc == 0, out
    lines = out.splitlines()
    head = lines.index("Items        | S  it-cor  ir-cor   ii-cor   alpha   label")
    assert lines[head + 1:head + 5] == [
        "-------------+" + "-" * 66,
        "q1           | +   0.823   0.661    0.421   0.686   first item of the scale",
        "             |                                        about something long enough",
        "             |                                        to wrap around",
    ]
    assert lines[head + 9] == "Test scale   |                      0.470   0.780   mean(standardized items)"
