"""Data-management commands of a BJPolS replication archive's dataset construction:
Kantor's ``egen wtmean(exp), by() weight(exp)`` (_gwtmean.ado: sum(exp*w)/sum(!mi(exp)*w)
within by-groups of the sample), Stata 10's ``move var1 var2`` (``order var1,
before(var2)``) and ``encode ..., l()`` (label() abbreviated, as the archive's do-file has it)."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


@pytest.fixture
def survey(new_session):
    rng = np.random.default_rng(7)
    n = 60
    x = rng.normal(2, 1, n)
    x[[3, 17, 40]] = np.nan
    w = rng.uniform(0.2, 3.0, n)
    w[[5, 22]] = np.nan
    frame = pd.DataFrame({"g": np.repeat([1.0, 2.0, 3.0], 20), "f": np.tile([0.0, 1.0], 30), "x": x, "w": w})
    return new_session(frame, types={"g": "byte", "f": "byte", "x": "double", "w": "double"})


def _weighted_means(df, rows):
    out = np.full(len(df), np.nan)
    for g in df.loc[rows, "g"].unique():
        sel = rows & (df["g"] == g)
        ok = sel & df["x"].notna() & df["w"].notna()
        value = (df.loc[ok, "x"] * df.loc[ok, "w"]).sum() / df.loc[ok, "w"].sum()
        out[sel.to_numpy()] = value
    return out


def test_wtmean_by_groups_with_if(survey, run):
    _, rc = run(survey, "egen double m = wtmean(x) if f==1, by(g) weight(w)")
    assert rc == 0
    df = survey.data.df
    expected = _weighted_means(df, df["f"] == 1)
    got = df["m"].to_numpy()
    assert np.array_equal(np.isnan(got), np.isnan(expected))
    assert np.allclose(got[~np.isnan(got)], expected[~np.isnan(expected)], rtol=1e-12)
    assert survey.data.types["m"] == "double"


def test_wtmean_default_float_and_by_prefix(survey, run):
    _, rc = run(survey, "bysort g: egen m = wtmean(x), weight(w*2)")  # a weight expression; scale cancels
    assert rc == 0
    expected = _weighted_means(survey.data.df, survey.data.df["g"] > 0)
    assert survey.data.types["m"] == "float"
    assert np.allclose(survey.data.df["m"], expected.astype(np.float32), rtol=1e-6)


def test_wtmean_without_weight_is_mean(survey, run):
    _, rc = run(survey, "egen double a = wtmean(x), by(g)")
    _, rc2 = run(survey, "egen double b = mean(x), by(g)")
    assert rc == rc2 == 0
    assert np.allclose(survey.data.df["a"], survey.data.df["b"], rtol=1e-12)


def test_wtmean_zero_weights_missing_and_bad_weight(survey, run):
    _, rc = run(survey, "egen z = wtmean(x), by(g) weight(0*w)")
    assert rc == 0 and survey.data.df["z"].isna().all()
    out, rc = run(survey, "egen q = wtmean(x), by(g) weight(nosuchvar)")
    assert rc == 198 and "error in weight expression" in out and "q" not in survey.data.df
    out, rc = run(survey, "egen q = mean(x), by(g) weight(w)")  # weight() belongs to wtmean only
    assert rc == 198 and "q" not in survey.data.df


def test_move_puts_first_at_position_of_second(new_session, run):
    s = new_session(pd.DataFrame({c: [1.0] for c in "abcde"}))
    _, rc = run(s, "move e b")
    assert rc == 0 and list(s.data.df.columns) == ["a", "e", "b", "c", "d"]
    _, rc = run(s, "move a d")
    assert rc == 0 and list(s.data.df.columns) == ["e", "b", "c", "a", "d"]
    _, rc = run(s, "move a")
    assert rc == 102
    _, rc = run(s, "move a b c")
    assert rc == 103 and list(s.data.df.columns) == ["e", "b", "c", "a", "d"]


def test_encode_label_abbreviated(new_session, run):
    s = new_session(pd.DataFrame({"name": ["Mali", "Benin", "Kenya", "Benin"]}), types={"name": "str5"})
    _, rc = run(s, "encode name, gen(country) l(cty)")
    assert rc == 0
    assert list(s.data.df["country"]) == [3, 1, 2, 1]
    assert s.data.value_label_of["country"] == "cty"
    assert s.data.value_labels["cty"] == {1.0: "Benin", 2.0: "Kenya", 3.0: "Mali"}
