"""``recode a b (...), gen(a2 b2) label(lab)``: as recode.ado, the one label() is defined once
and attached to every new variable; the value-label checks of recode.ado (label() needs
generate()/prefix(), labelled rules with several new variables need label(), overwriting may
not define labels) fail before any data change."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


@pytest.fixture
def ab(new_session):
    return new_session(pd.DataFrame({"a": [1.0, 2.0, 3.0, np.nan], "b": [3.0, 1.0, 1.0, 2.0]}),
                       types={"a": "byte", "b": "byte"})


def _expected(x):
    """Rules (1=10 "low") (2/3=20 "high") applied by hand."""
    x = np.asarray(x, dtype=float)
    return np.where(x == 1, 10.0, np.where((x >= 2) & (x <= 3), 20.0, x))


def test_one_label_attached_to_every_generated_variable(ab, run):
    a0, b0 = ab.data.df["a"].to_numpy(), ab.data.df["b"].to_numpy()
    out, rc = run(ab, 'recode a b (1=10 "low") (2/3=20 "high"), gen(a2 b2) label(lab)')
    assert rc == 0, out
    assert out.splitlines() == ["(3 differences between a and a2)", "(4 differences between b and b2)"]
    np.testing.assert_array_equal(ab.data.df["a2"].to_numpy(), _expected(a0))
    np.testing.assert_array_equal(ab.data.df["b2"].to_numpy(), _expected(b0))
    assert ab.data.value_label_of["a2"] == ab.data.value_label_of["b2"] == "lab"
    assert ab.data.value_labels["lab"] == {10.0: "low", 20.0: "high"}
    assert "a2" not in ab.data.value_labels and "b2" not in ab.data.value_labels
    np.testing.assert_array_equal(ab.data.df["a"].to_numpy(), a0)  # sources untouched


def test_prefix_counts_as_generate_and_label_modifies_an_existing_one(ab, run):
    run(ab, 'label define lab 5 "five"')
    out, rc = run(ab, 'recode a b (1=10 "low"), prefix(r_) label(lab)')
    assert rc == 0, out
    assert ab.data.value_label_of["r_a"] == ab.data.value_label_of["r_b"] == "lab"
    assert ab.data.value_labels["lab"] == {5.0: "five", 10.0: "low"}


@pytest.mark.parametrize("line, message", [
    ('recode a b (1=10 "low"), label(lab)', "option label() allowed only with generate()"),
    ('recode a (1=10), label(lab)', "option label() allowed only with generate()"),
    ('recode a b (1=10 "low"), gen(a2 b2) label(1lab)', "1lab invalid name"),
    ('recode a b (1=10 "low"), gen(a2 b2)',
     "Rules defining value labels not allowed with labeled recode of multiple vars, option label() required"),
    ('recode a (1=10 "low")', "Rules defining value labels not allowed when overwriting a variable"),
    ('label define a2 1 "x"\nrecode a (1=10 "low"), gen(a2)', "impossible to create label() named after variable"),
])
def test_label_errors_leave_the_data_unchanged(ab, run, line, message):
    *setup, line = line.split("\n")
    for s in setup:
        run(ab, s)
    before = ab.data.df.copy()
    labels_before = {k: dict(v) for k, v in ab.data.value_labels.items()}
    out, rc = run(ab, line)
    assert rc == 198 and message in out
    pd.testing.assert_frame_equal(ab.data.df, before)
    assert ab.data.value_labels == labels_before and not ab.data.value_label_of
