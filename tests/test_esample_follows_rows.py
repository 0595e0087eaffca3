"""e(sample) follows its rows, as Stata's hidden e(sample) variable does: after ``sort``,
``gsort``, ``bysort``, ``keep``/``drop`` and ``append``, ``if e(sample)``, ``predict``
(``reffects``, ``fitted``), ``margins`` and ``estimates store`` see the same observations
as right after the fit (the bug: ``predict, reffects`` after ``sort`` on a fit with ``if``
was r(459))."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


def _panel() -> pd.DataFrame:
    rs = np.random.RandomState(5)
    rows = []
    for g in range(1, 13):
        u = rs.normal(0, 1.5)
        for t in range(1, 7):
            x = rs.normal()
            rows.append((g, t, x, 1.0 + 0.5 * x + 0.2 * t + u + rs.normal(0, 0.8)))
    df = pd.DataFrame(rows, columns=["g", "t", "x", "y"])
    df["rowid"] = np.arange(1, len(df) + 1, dtype=float)
    return df


DF = _panel()


def _by_rowid(s, names):
    d = s.data.df.sort_values("rowid")
    return {n: d[n].to_numpy() for n in names}


def _ok(res):
    rc, out, s = res
    assert rc == 0, out
    return out, s


FIT = "mixed y x t if t != 3 & g != 5 || g:, nolog\n"
PREDICT = "predict u0, reffects\npredict fit, fitted\npredict xb, xb\ngen ins = e(sample)\n"


@pytest.mark.parametrize("reorder", [
    "sort y",
    "gsort -x",
    "bysort t (x): gen k = _n",
    "sort x\nsort g t\nsort y",
])
def test_predict_after_reordering_matches_predict_before(do, reorder):
    _, before = _ok(do(FIT + PREDICT, DF.copy()))
    _, after = _ok(do(FIT + reorder + "\n" + PREDICT, DF.copy()))
    names = ["u0", "fit", "xb", "ins"]
    b, a = _by_rowid(before, names), _by_rowid(after, names)
    for n in names:
        np.testing.assert_allclose(a[n], b[n], rtol=1e-12, equal_nan=True, err_msg=n)
    assert b["ins"].sum() == before.e.scalars["N"]
    # the excluded rows (t == 3, g == 5) are not in e(sample), wherever they are now
    d = after.data.df
    assert not d.loc[(d.t == 3) | (d.g == 5), "ins"].any()


def test_margins_and_estimates_store_after_sort(do):
    out0, s0 = _ok(do(FIT + "margins", DF.copy()))
    margin0 = s0.r["b"].values.copy()
    out1, s1 = _ok(do(FIT + "sort y\nmargins", DF.copy()))
    np.testing.assert_allclose(s1.r["b"].values, margin0, rtol=1e-12)
    _ok(do("estimates store M\ncount if _est_M\nscalar a = r(N)\ncount if e(sample)", session=s1))
    assert s1.r["N"] == s1.scalars["a"] == s0.e.scalars["N"] == 55
    d = s1.data.df
    assert (d["_est_M"] == ((d.t != 3) & (d.g != 5))).all()


def test_keep_drop_and_append_keep_esample_on_its_rows(do):
    text = (FIT + "sort y\ndrop if g == 1\ncount if e(sample)\nscalar a = r(N)\n"
            "preserve\nkeep in 1/5\nrestore\n"
            "predict u0, reffects\npredict fit, fitted\n")
    _, s = _ok(do(text, DF.copy()))
    assert s.scalars["a"] == 55 - 5  # group 1 held 5 sample rows (t != 3)
    d = s.data.df
    # BLUPs by group unchanged by the drop (the fit's BLUPs, mapped by group)
    _, ref = _ok(do(FIT + PREDICT, DF.copy()))
    r = ref.data.df.drop_duplicates("g").set_index("g")["u0"]
    now = d.drop_duplicates("g").set_index("g")["u0"]
    for g in now.index:
        if g != 5:
            assert now[g] == pytest.approx(r[g], rel=1e-12)


def test_regress_esample_follows_sort(do):
    _, s = _ok(do("regress y x if t <= 2\nsort y\ngen ins = e(sample)\ncount if e(sample)", DF.copy()))
    d = s.data.df
    assert s.r["N"] == 24
    assert (d["ins"] == (d.t <= 2)).all()


def test_appended_rows_are_not_in_the_sample(do, tmp_path):
    extra = tmp_path / "extra.dta"
    _, s = _ok(do(f"keep in 1/4\nsave {extra}", DF.copy()))
    _, s = _ok(do(f"regress y x\nsort y\nappend using {extra}\ngen ins = e(sample)", DF.copy()))
    d = s.data.df
    assert d["ins"].iloc[:72].all() and not d["ins"].iloc[72:].any()


def test_data_replaced_otherwise_falls_back_to_the_checks(do):
    # reshape rebuilds the rows (a new row identity): groups are matched by their data
    _, s = _ok(do("mixed y x || g:, nolog\nkeep g t y x\nreshape wide y x, i(g) j(t)\n"
                  "reshape long y x, i(g) j(t)\nsort y\npredict u0, reffects", DF.copy()))
    _, ref = _ok(do("mixed y x || g:, nolog\npredict u0, reffects", DF.copy()))
    now = s.data.df.drop_duplicates("g").set_index("g")["u0"].sort_index()
    r = ref.data.df.drop_duplicates("g").set_index("g")["u0"].sort_index()
    np.testing.assert_allclose(now.to_numpy(), r.to_numpy(), rtol=1e-12)
    # a fit with if: the rows cannot be told from the others any more -> r(459), not a wrong answer
    rc, out, _ = do("mixed y x if t != 3 || g:, nolog\nkeep g t y x\nreshape wide y x, i(g) j(t)\n"
                    "reshape long y x, i(g) j(t)\nsort y\npredict u0, reffects", DF.copy())
    assert rc == 459 and "data used in estimation" in out


# ------------------------------------------------------------------ fits on lazy data
@pytest.fixture
def lazy_file(tmp_path):
    pytest.importorskip("duckdb")
    df = DF.copy()
    df.loc[[4, 17], "x"] = np.nan
    path = tmp_path / "panel.parquet"
    df.to_parquet(path)
    return str(path)


def test_lazy_fit_esample_equals_the_in_memory_fits(do, lazy_file):
    text = "mixed y x if t != 3 || g:, nolog\ngen ins = e(sample)\ncount if e(sample)"
    _, lazy = _ok(do(f"use {lazy_file}, lazy\n{text}"))
    _, mem = _ok(do(f"use {lazy_file}\n{text}"))
    assert lazy.e.sample_stamp is not None and lazy.r["N"] == mem.r["N"] == lazy.e.scalars["N"] == 58
    np.testing.assert_array_equal(_by_rowid(lazy, ["ins"])["ins"], _by_rowid(mem, ["ins"])["ins"])
    # the rows are in memory now: e(sample) follows them through preserve/keep/restore and sort
    _ok(do("preserve\nkeep if g <= 2\ncount if e(sample)\nscalar a = r(N)\nrestore\nsort y\n"
           "count if e(sample)", session=lazy))
    assert lazy.scalars["a"] == 9 and lazy.r["N"] == 58


def test_lazy_fit_esample_after_new_lazy_data_is_refused_not_zero(do, lazy_file):
    rc, out, _ = do(f"use {lazy_file}, lazy\nmixed y x if t != 3 || g:, nolog\nsort y\ncount if e(sample)")
    assert rc == 459 and "e(sample) of a fit on lazy data" in out


def test_merge_keeps_esample_on_the_master_rows(do, tmp_path):
    groups = tmp_path / "groups.dta"
    _ok(do(f"keep if t == 1\nkeep g\ngen w = g * 10\nsave {groups}", DF.copy()))
    _, s = _ok(do(f"mixed y x if t <= 2 || g:, nolog\nsort y\nmerge m:1 g using {groups}\n"
                  "gen ins = e(sample)\npredict u0, reffects", DF.copy()))
    d = s.data.df
    assert (d["ins"] == (d.t <= 2)).all() and d["u0"].notna().all()
    _, ref = _ok(do("mixed y x if t <= 2 || g:, nolog\npredict u0, reffects", DF.copy()))
    np.testing.assert_allclose(_by_rowid(s, ["u0"])["u0"], _by_rowid(ref, ["u0"])["u0"], rtol=1e-12)
