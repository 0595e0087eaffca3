"""Fixes from the twenty-fifth held-out batch (tests/realworld/README.md):

* ``gen period = (date2>=d(10nov2020))`` (heldout/opensafely-germdefence): ``d()`` is Stata's
  older name of the ``td()`` date literal and still works in current Stata (the Germ Defence
  trial's model.do ran in OpenSAFELY's Stata 16; Statalist code uses it throughout).
* ``local model xtlogit \\`var' i.arm $adj_vars`` then `` `model', or`` inside ``foreach var``
  (heldout/multinormal-eregqual): Stata rescans a macro's contents, so the escaped `` `var' ``
  takes the loop's value when `` `model' `` is used (delayed substitution; Michael Mitchell and
  Nick Cox on Statalist, 2010-09, "Macro escape inside a macro"); `` `macval()' `` does not.
* ``estimates store`` then ``matrix result = r(table)``: estimates.ado is not an r-class
  program and its Store is eclass, so r(table) of the estimation survives the store.
* ``mi extract 0, clear`` and ``mi xtset clusterid`` ([MI] mi extract, [MI] mi XXXset).
* ``svyset clusterid, ... weight(psweight)``: a stage-level sampling weight ([SVY] svyset,
  _svyset.ado's ``Weight`` stage characteristic) is refused by name, not as an unknown option.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


# ----------------------------------------------------------------------------- d() literal
def test_d_is_td(do):
    rc, out, s = do("display d(10nov2020)\ndisplay td(10nov2020)\nscalar a = d(1jan1960) + d(31dec1959)")
    assert rc == 0, out
    assert out.split() == ["22229", "22229"]
    assert s.scalars["a"] == -1


def test_d_in_generate_and_if(do):
    df = pd.DataFrame({"date": ["2020-11-09", "2020-11-10", "2021-01-04"]})
    rc, out, s = do('generate date2 = date(date, "YMD")\ngen period = (date2>=d(10nov2020))\n'
                    "count if date2 < d(1jan2021)", df)
    assert rc == 0, out
    assert s.data.df["period"].tolist() == [0, 1, 1]
    assert s.r["N"] == 2


def test_a_variable_named_d_still_works(do):
    rc, out, s = do("set obs 1\ngen d = 5\ngen e = d[1] + d\ndisplay d(2jan1960) + d")
    assert rc == 0, out
    assert s.data.df["e"].tolist() == [10.0]
    assert out.split()[-1] == "6"


def test_an_invalid_d_literal_is_r198(do):
    rc, out, _ = do("display d(31feb2020)")
    assert rc == 198 and "invalid date in d()" in out


# ----------------------------------------------------------------------------- delayed macro substitution
def test_escaped_macro_takes_its_value_when_used(do):
    text = ("local model display \\`var'\n"
            "foreach var in 5 6 {\n"
            "  `model'\n"
            "}\n"
            "local x = 1\n"
            'local y "\\`x\'"\n'
            "local x = 2\n"
            'display "`y\'"\n'
            'display "`macval(y)\'"\n')
    rc, out, s = do(text)
    assert rc == 0, out
    assert out.split() == ["5", "6", "2", "`x'"]


def test_global_contents_are_rescanned_and_a_self_reference_stops(do):
    text = ("global rhs \\$cov\n"
            "global cov weight\n"
            'display "$rhs"\n'
            'local a "\\`a\'"\n'
            'display "[`a\']"\n')
    rc, out, _ = do(text)
    assert rc == 0, out
    lines = out.splitlines()
    assert lines[0] == "weight"
    assert lines[1] == "[`a']"


# ----------------------------------------------------------------------------- estimates store keeps r(table)
@pytest.fixture(scope="module")
def xy():
    rng = np.random.default_rng(25)
    x = rng.normal(size=60)
    return pd.DataFrame({"x": x, "y": 1 + 0.5 * x + rng.normal(size=60)})


def test_r_table_survives_estimates_store(do, xy):
    rc, out, s = do("regress y x\nestimates store m1\nmatrix t = r(table)\n"
                    'scalar b = t["b", "x"]\nscalar se = t["se", "x"]', xy)
    assert rc == 0, out
    assert s.scalars["b"] == pytest.approx(s.e.matrices["b"].values[0][0], rel=1e-12)
    assert s.scalars["se"] == pytest.approx(np.sqrt(s.e.matrices["V"].values[0][0]), rel=1e-12)


def test_estimates_dir_still_leaves_its_own_r(do, xy):
    rc, out, s = do("regress y x\nestimates store m1\nestimates dir", xy)
    assert rc == 0, out
    assert "table" not in s.r  # est_expand (r-class) ran: the estimation's r() is gone


# ----------------------------------------------------------------------------- mi extract, mi xtset
@pytest.fixture(scope="module")
def mi_frame():
    rng = np.random.default_rng(251)
    n = 40
    x = rng.normal(size=n)
    x0 = np.where(rng.random(n) < 0.3, np.nan, x)
    imp = {f"x{m}": np.where(np.isnan(x0), x + rng.normal(0, 0.2, n), x0) for m in (1, 2, 3)}
    return pd.DataFrame({"id": np.repeat(np.arange(1, 11), 4), "t": np.tile(np.arange(1, 5), 10),
                         "y": 2 + x + rng.normal(size=n), "x0": x0, **imp})


def test_mi_extract_gives_the_mth_completed_data(do, mi_frame):
    rc, out, s = do("mi import wide, imputed(x0 = x1 x2 x3) drop\nmi extract 2, clear", mi_frame)
    assert rc == 0, out
    df = s.data.df
    assert np.allclose(df["x0"].to_numpy(), mi_frame["x2"].to_numpy())
    assert not any(c.startswith("_") for c in df.columns)
    assert not any(k.startswith("_mi_") for k in s.data.chars)
    rc, out, _ = do("mi describe", session=s)
    assert rc == 119


def test_mi_extract_0_is_the_original_data_and_clear_is_needed_for_changed_data(do, mi_frame):
    rc, out, s = do("mi import wide, imputed(x0 = x1 x2 x3) drop\nmi extract 0", mi_frame)
    assert rc == 4 and "data in memory would be lost" in out
    rc, out, s = do("mi extract 0, clear", session=s)
    assert rc == 0, out
    assert int(np.isnan(s.data.df["x0"]).sum()) == int(mi_frame["x0"].isna().sum())


@pytest.mark.parametrize("arg, code", [("4", 198), ("", 198), ("a", 198)])
def test_mi_extract_refuses_what_is_not_an_imputation(do, mi_frame, arg, code):
    rc, out, s = do(f"mi import wide, imputed(x0 = x1 x2 x3) drop\nmi extract {arg}, clear", mi_frame)
    assert rc == code
    assert s.data.chars.get("_mi_style") == "wide"  # the mi data stay in memory


def test_mi_extract_of_data_not_mi_set_and_esample(do, mi_frame):
    rc, _, _ = do("mi extract 0, clear", mi_frame)
    assert rc == 119
    rc, out, _ = do("mi import wide, imputed(x0 = x1 x2 x3) drop\nmi extract 1, clear esample(e)", mi_frame)
    assert rc == 198 and "esample()" in out


def test_mi_xtset_keeps_the_panel_setting_for_every_imputation(do, mi_frame):
    rc, out, s = do("mi import wide, imputed(x0 = x1 x2 x3) drop\nmi xtset id t", mi_frame)
    assert rc == 0, out
    assert "panel variable:  id" in out
    assert s.data.chars.get("_mi_style") == "wide"
    rc, out, s = do("mi extract 3, clear\nxtset", session=s)
    assert rc == 0, out
    assert "id" in out and "t," in out
    assert s.r["panelvar"] == "id" and s.r["timevar"] == "t"


def test_mi_xtset_needs_mi_data(do, mi_frame):
    rc, _, _ = do("mi xtset id", mi_frame)
    assert rc == 119


# ----------------------------------------------------------------------------- svyset weight()
def test_svyset_stage_weight_is_set(do):
    """Built in sv100 (tests/test_svyset_stage_weight100.py): the stage-level weight is stored."""
    df = pd.DataFrame({"c": [1, 1, 2, 2], "s": [1, 1, 1, 1], "w": [2.0, 2, 3, 3]})
    rc, out, s = do("svyset c, strata(s) weight(w) singleunit(scaled)", df)
    assert rc == 0 and "Weight 1: w" in out
    assert s.data.chars["_svy_weight1"] == "w" and s.data.chars["_svy_stages_wt"] == "1"
