"""Factor-variable expansion: Stata's names, bases, interactions, omitted columns."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mlmcli.dataset import Dataset
from mlmcli.errors import StataError
from mlmcli.factor_variables import build_design, parse_terms, term_variables


def _data(n=120, seed=3):
    rng = np.random.default_rng(seed)
    df = pd.DataFrame({
        "y": rng.normal(size=n),
        "educgroupc": rng.normal(size=n),
        "weurope": rng.integers(0, 2, n).astype(float),
        "schgend": rng.integers(1, 4, n).astype(float),
        "x": rng.normal(size=n),
    })
    df["x2"] = 2 * df["x"] + 1
    df["name"] = ["a"] * n
    return Dataset(df=df)


def _design(ds, text, constant=True, sample=None):
    sample = np.ones(ds.nobs, bool) if sample is None else sample
    return build_design(ds, parse_terms(ds, text), sample, constant=constant)


def _names(d):
    return [lab.name for lab in d.labels]


def test_plain_and_continuous():
    ds = _data()
    d = _design(ds, "x c.educgroupc")
    assert _names(d) == ["x", "educgroupc", "_cons"]
    assert d.X.shape == (ds.nobs, 3)
    np.testing.assert_array_equal(d.X[:, 2], 1.0)
    np.testing.assert_allclose(d.X[:, 0], ds.df["x"])


def test_golden14_cross_level_interaction():
    """``c.educgroupc##i.weurope``: educgroupc, 1.weurope, 1.weurope#c.educgroupc (golden 14)."""
    ds = _data()
    d = _design(ds, "c.educgroupc##i.weurope")
    shown = [(lab.name, lab.term, lab.level) for lab in d.labels if not lab.base]
    assert shown == [("educgroupc", None, None), ("1.weurope", "weurope", "1"),
                     ("1.weurope#c.educgroupc", "weurope#c.educgroupc", "1"), ("_cons", None, None)]
    bases = [lab.name for lab in d.labels if lab.base]
    assert bases == ["0b.weurope", "0b.weurope#co.educgroupc"]
    w = ds.df["weurope"].to_numpy()
    np.testing.assert_allclose(d.X[:, 2], w * ds.df["educgroupc"].to_numpy())


def test_base_levels():
    ds = _data()
    assert _names(_design(ds, "i.schgend")) == ["1b.schgend", "2.schgend", "3.schgend", "_cons"]
    assert _names(_design(ds, "ib2.schgend")) == ["1.schgend", "2b.schgend", "3.schgend", "_cons"]
    assert _names(_design(ds, "ib(last).schgend")) == ["1.schgend", "2.schgend", "3b.schgend", "_cons"]
    assert _names(_design(ds, "ib(first).schgend"))[0] == "1b.schgend"
    counts = ds.df["schgend"].value_counts()
    freq = int(counts[counts == counts.max()].index.min())
    assert f"{freq}b.schgend" in _names(_design(ds, "ib(freq).schgend"))
    d = _design(ds, "ibn.schgend", constant=False)
    assert _names(d) == ["1.schgend", "2.schgend", "3.schgend"]
    assert d.X.sum(axis=1).tolist() == [1.0] * ds.nobs


def test_levels_from_estimation_sample():
    ds = _data()
    sample = ds.df["schgend"].to_numpy() != 1
    d = _design(ds, "i.schgend", sample=sample)
    assert _names(d) == ["2b.schgend", "3.schgend", "_cons"]
    assert d.X.shape[0] == sample.sum()


def test_interaction_without_main_effects_is_cell_means():
    ds = _data()
    d = _design(ds, "i.weurope#i.schgend")
    assert [lab.name for lab in d.labels if lab.base] == ["0b.weurope#1b.schgend"]
    assert d.X.shape[1] == 2 * 3 - 1 + 1
    assert [lab.level for lab in d.labels if not lab.base][:2] == ["0 2", "0 3"]


def test_factorial_marks_base_cells():
    ds = _data()
    d = _design(ds, "weurope##schgend")
    est = [lab.name for lab in d.labels if not (lab.base or lab.omitted)]
    assert est == ["1.weurope", "2.schgend", "3.schgend", "1.weurope#2.schgend", "1.weurope#3.schgend", "_cons"]
    assert "0b.weurope#2o.schgend" in _names(d)
    assert "1o.weurope#1b.schgend" in _names(d)


def test_continuous_by_factor_without_main_effect_gives_all_slopes():
    ds = _data()
    d = _design(ds, "i.schgend#c.x")
    assert _names(d) == ["1.schgend#c.x", "2.schgend#c.x", "3.schgend#c.x", "_cons"]


def test_collinear_column_omitted_with_note():
    ds = _data()
    d = _design(ds, "x x2")
    assert _names(d) == ["x", "o.x2", "_cons"]
    assert d.notes == ("note: x2 omitted because of collinearity",)
    assert d.X.shape[1] == 2
    assert [lab.omitted for lab in d.labels] == [False, True, False]


def test_constant_column_is_omitted_not_cons():
    ds = _data()
    ds.df["one"] = 5.0
    d = _design(ds, "x one")
    assert _names(d) == ["x", "o.one", "_cons"]


def test_empty_cell_is_omitted_without_note():
    ds = _data()
    ds.df.loc[(ds.df["weurope"] == 1) & (ds.df["schgend"] == 3), "schgend"] = 2
    d = _design(ds, "weurope##schgend")
    assert "1o.weurope#3o.schgend" in _names(d)
    assert not d.notes


def test_indicator_and_group_syntax():
    ds = _data()
    assert _names(_design(ds, "2.schgend")) == ["2.schgend", "_cons"]
    assert _names(_design(ds, "i.(weurope schgend)")) == ["0b.weurope", "1.weurope", "1b.schgend",
                                                          "2.schgend", "3.schgend", "_cons"]


def test_value_labels_give_level_text():
    ds = _data()
    ds.value_label_of["schgend"] = "sg"
    ds.value_labels["sg"] = {1: "mixed", 2: "boys", 3: "girls"}
    d = _design(ds, "i.schgend")
    assert [lab.level for lab in d.labels][:3] == ["mixed", "boys", "girls"]
    assert _names(d)[1] == "2.schgend"


def test_duplicates_and_variables():
    ds = _data()
    terms = parse_terms(ds, "x c.x##i.weurope educg")
    assert term_variables(terms) == ["x", "weurope", "educgroupc"]
    assert len(terms) == 4  # x, weurope, weurope#c.x, educgroupc


def test_columns_rebuild_on_other_rows():
    ds = _data()
    d = _design(ds, "c.x##i.weurope")
    np.testing.assert_allclose(d.columns(ds, np.ones(ds.nobs, bool)), d.X)


@pytest.mark.parametrize("text,rc", [
    ("nosuch", 111), ("i.nosuch", 111), ("q.x", 198), ("x##", 198), ("i.name", 109),
])
def test_errors(text, rc):
    ds = _data()
    with pytest.raises(StataError) as ei:
        _design(ds, text)
    assert ei.value.rc == rc


def test_negative_and_noninteger_factor_values():
    ds = _data()
    with pytest.raises(StataError) as ei:
        _design(ds, "i.x")
    assert ei.value.rc == 452
    ds.df["neg"] = -ds.df["weurope"]
    with pytest.raises(StataError) as ei:
        _design(ds, "i.neg")
    assert "negative" in ei.value.message


@settings(max_examples=25, deadline=None)
@given(st.integers(2, 5), st.integers(1, 4), st.integers(0, 10_000))
def test_factorial_design_has_full_rank(ka, kb, seed):
    """a##b spans exactly the cell means: rank = number of non-empty cells."""
    rng = np.random.default_rng(seed)
    n = 60
    df = pd.DataFrame({"a": rng.integers(0, ka, n).astype(float), "b": rng.integers(0, kb, n).astype(float)})
    ds = Dataset(df=df)
    d = _design(ds, "a##b")
    cells = len(df.drop_duplicates())
    assert d.X.shape[1] == cells
    assert np.linalg.matrix_rank(d.X) == cells


def test_squared_term_is_not_a_duplicate_of_the_main_effect():
    ds = _data()
    assert _names(_design(ds, "c.x##c.x")) == ["x", "c.x#c.x", "_cons"]
    d = _design(ds, "x c.x#c.x")
    np.testing.assert_allclose(d.X[:, 1], ds.df["x"].to_numpy() ** 2)
