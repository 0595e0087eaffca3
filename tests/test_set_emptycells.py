"""``set emptycells keep|drop [, permanently]`` ([R] set emptycells): with ``drop`` the cells of an
interaction that have no observation in the estimation sample leave e(b), e(V), r(table) and the
coefficient table ("Stata drops empty cells from the list of coefficients"); ``keep`` (the
default) has them as ``(empty)`` omitted coefficients.  The estimable coefficients are the same
either way; postestimation keeps working, and margins still finds a margin that rests on a
dropped cell not estimable."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


def _data(seed=7, n=300) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    idx = np.arange(n)
    df = pd.DataFrame({"id": idx // 10 + 1.0, "f": (idx % 3) + 1.0, "h": (idx // 3) % 2 * 1.0,
                       "x": rng.normal(size=n)})
    u = rng.normal(size=n // 10)[(idx // 10)]
    df["y"] = 1 + df.f + df.h + df.x + u + rng.normal(size=n)
    df["yb"] = (df.y + rng.normal(size=n) > 3.5).astype(float)
    return df[~((df.f == 2) & (df.h == 1))].reset_index(drop=True)  # the empty cell 2#1


EMPTY = "2o.f#1o.h"
FITS = {
    "regress": "regress y i.f#i.h x",
    "logit": "logit yb i.f#i.h x, nolog",
    "mixed": "mixed y i.f#i.h x || id:, nolog",
    "melogit": "melogit yb i.f#i.h x || id:, nolog",
    "xtreg_re": "xtset id\nxtreg y i.f#i.h x, re",
    "xtreg_fe": "xtset id\nxtreg y i.f#i.h x, fe",
}


def _fit(do, line, setting="keep"):
    rc, out, s = do(f"set emptycells {setting}\n{line}", df=_data())
    assert rc == 0, out
    b = s.e.matrices["b"]
    names = [n.rpartition(":")[2] if n.startswith(("y:", "yb:")) else n for n in b.colnames]  # the first equation
    return names, np.asarray(b.values, float).ravel(), np.asarray(s.e.matrices["V"].values, float), out


@pytest.mark.parametrize("name", FITS)
def test_drop_leaves_the_empty_cell_out_and_the_estimates_alone(do, name):
    kept_names, kept_b, kept_V, _ = _fit(do, FITS[name])
    names, b, V, _ = _fit(do, FITS[name], "drop")
    assert EMPTY in kept_names and EMPTY not in names
    assert names == [n for n in kept_names if n != EMPTY]  # one column fewer, the rest in order
    assert V.shape == (len(names), len(names))
    at = [kept_names.index(n) for n in names]
    np.testing.assert_allclose(b, kept_b[at], rtol=1e-6, atol=1e-8)
    np.testing.assert_allclose(V, kept_V[np.ix_(at, at)], rtol=1e-5, atol=1e-10)


def _columns(df):
    cells = [(1, 1), (2, 0), (3, 0), (3, 1)]
    X = np.column_stack([((df.f == a) & (df.h == c)).astype(float) for a, c in cells] + [df.x])
    return X, ["1.f#1.h", "2.f#0.h", "3.f#0.h", "3.f#1.h", "x"]


def test_regress_drop_matches_least_squares(do):
    df = _data()
    X, names = _columns(df)
    coef, *_ = np.linalg.lstsq(np.column_stack([X, np.ones(len(df))]), df.y.to_numpy(), rcond=None)
    got_names, b, _, _ = _fit(do, FITS["regress"], "drop")
    assert got_names == ["1b.f#0b.h"] + names + ["_cons"]
    np.testing.assert_allclose(b[1:], coef, rtol=1e-8)


def test_logit_drop_matches_statsmodels(do):
    sm = pytest.importorskip("statsmodels.api")
    df = _data()
    X, _ = _columns(df)
    ref = sm.Logit(df.yb.to_numpy(), np.column_stack([X, np.ones(len(df))])).fit(disp=0)
    _, b, V, _ = _fit(do, FITS["logit"], "drop")
    np.testing.assert_allclose(b[1:], ref.params, rtol=1e-5)
    np.testing.assert_allclose(np.sqrt(np.diag(V)[1:]), ref.bse, rtol=1e-4)


def test_xtreg_fe_drop_matches_the_within_regression(do):
    df = _data()
    X, _ = _columns(df)
    g = df.id.to_numpy()

    def within(a):
        a = pd.DataFrame(a)
        return (a - a.groupby(g).transform("mean")).to_numpy()

    coef, *_ = np.linalg.lstsq(within(X), within(df.y.to_numpy()).ravel(), rcond=None)
    _, b, _, _ = _fit(do, FITS["xtreg_fe"], "drop")
    np.testing.assert_allclose(b[1:6], coef, rtol=1e-8)


def _table(out):
    return out[out.index("Coef."):].splitlines()


@pytest.mark.parametrize("name", ["regress", "logit", "mixed", "xtreg_re"])
def test_the_table_loses_exactly_the_empty_row(do, name):
    kept = _table(_fit(do, FITS[name])[3])
    dropped = _table(_fit(do, FITS[name], "drop")[3])
    empty_rows = [ln for ln in kept if "(empty)" in ln]
    assert len(empty_rows) == 1 and empty_rows[0].split("|")[0].strip() == "2 1"
    assert dropped == [ln for ln in kept if "(empty)" not in ln]


def test_keep_restores_and_the_setting_is_c_emptycells(do):
    rc, out, s = do("set emptycells drop, permanently\ndisplay c(emptycells)\nregress y i.f#i.h x", df=_data())
    assert rc == 0 and out.splitlines()[0] == "drop" and "(empty)" not in out, out
    rc, out, s = do("set emptycell keep\ndisplay c(emptycells)\nregress y i.f#i.h x", session=s)
    assert rc == 0 and out.splitlines()[0] == "keep" and "(empty)" in out, out
    assert EMPTY in s.e.matrices["b"].colnames


@pytest.mark.parametrize("line", ["set emptycells maybe", "set emptycells drop keep", "set emptycells"])
def test_bad_values_are_refused_and_leave_the_setting(do, line):
    rc, out, s = do(line)
    assert rc == 198, out
    rc, out, _ = do('display c(emptycells)', session=s)
    assert out.strip() == "keep"


def test_an_option_other_than_permanently_is_refused(do):
    rc, out, _ = do("set emptycells drop, forever")
    assert rc == 198 and "option forever not allowed" in out


def test_r_table_has_the_columns_of_eb(do):
    rc, out, s = do("set emptycells drop\nregress y i.f#i.h x\nmatrix T = r(table)\n"
                    "display colsof(T) \" \" colsof(e(b))", df=_data())
    assert rc == 0 and out.strip().splitlines()[-1] == "7 7", out


POST = ("margins f#h\nmargins f\nmargins h, dydx(x)\ntest 3.f#1.h\nlincom 1.f#1.h - 3.f#1.h\n"
        "predict double xb\nsummarize xb\nestimates store m\nestimates table m, b(%9.4f) se(%9.4f)\n")


@pytest.mark.parametrize("name", ["regress", "logit", "mixed"])
def test_postestimation_gives_the_same_answers(do, name):
    """margins (the cell 2 1 and the margin of f=2 not estimable either way), test, lincom,
    predict: the same with drop as with keep; estimates table lists one row fewer."""
    rc, kept, _ = do(f"{FITS[name]}\n{POST}", df=_data(), echo=True)
    assert rc == 0, kept
    rc, dropped, s = do(f"set emptycells drop\n{FITS[name]}\n{POST}", df=_data(), echo=True)
    assert rc == 0, dropped

    def section(out, start, end):
        return out[out.index(start):out.index(end)]

    assert section(dropped, ". margins f#h", ". estimates table") == section(kept, ". margins f#h", ". estimates table")
    assert section(dropped, ". margins f#h", ". margins f\n").count("(not estimable)") == 1
    assert section(dropped, ". margins f\n", ". margins h").count("(not estimable)") == 1
    est_kept = section(kept, ". estimates table", "legend")
    est_dropped = section(dropped, ". estimates table", "legend")
    assert est_dropped != est_kept
    assert len(est_dropped.splitlines()) < len(est_kept.splitlines())


def test_margins_after_restore_keeps_the_fits_own_cells(do):
    """The dropped cells belong to the fit: restored under keep, its margins still knows them."""
    rc, out, s = do("set emptycells drop\nregress y i.f#i.h x\nestimates store d\nset emptycells keep\n"
                    "regress y x\nestimates restore d\nmargins f#h", df=_data())
    assert rc == 0 and out.count("(not estimable)") == 1, out


def test_factorial_and_continuous_interactions(do):
    """f##h: the empty cell of f#h leaves, the main effects stay; i.f#i.h#c.x: its empty cells
    (2 1 with x) leave too; the fit matches least squares on the remaining columns."""
    df = _data()
    kept_names, kept_b, _, _ = _fit(do, "regress y f##h c.x#i.f#i.h")
    names, b, _, _ = _fit(do, "regress y f##h c.x#i.f#i.h", "drop")
    gone = [n for n in kept_names if n not in names]
    assert gone == ["2o.f#1o.h", "2o.f#1o.h#co.x"], gone
    at = [kept_names.index(n) for n in names]
    np.testing.assert_allclose(b, kept_b[at], rtol=1e-8)
    cells = [(1, 0), (1, 1), (2, 0), (3, 0), (3, 1)]
    ind = [((df.f == a) & (df.h == c)).astype(float) for a, c in cells]
    X = np.column_stack(ind + [i * df.x for i in ind])
    coef, *_ = np.linalg.lstsq(X, df.y.to_numpy(), rcond=None)
    fitted = X @ coef
    rc, out, s = do("set emptycells drop\nregress y f##h c.x#i.f#i.h\npredict double p", df=df)
    np.testing.assert_allclose(s.data.numeric("p"), fitted, rtol=1e-8)


def test_esttab_after_drop(do):
    rc, kept, _ = do("regress y i.f#i.h x\nesttab", df=_data())
    rc, out, _ = do("set emptycells drop\nregress y i.f#i.h x\nesttab", df=_data())
    assert rc == 0 and "2.f # 1.h" in kept and "2.f # 1.h" not in out and "3.f # 1.h" in out, out


def test_rmcoll_expand_follows_the_setting(do):
    """_rmcoll, expand reads the same design layout: the empty cell is o.-marked under keep
    and absent under drop (mlm's reading; the manuals found do not show _rmcoll under drop)."""
    line = '_rmcoll i.f#i.h x, expand\ndisplay "`r(varlist)\'"'
    rc, kept, _ = do(line, df=_data())
    rc2, dropped, _ = do("set emptycells drop\n" + line, df=_data())
    assert rc == rc2 == 0
    assert "note: 2o.f#1o.h identifies no observations in the sample" in kept and "note" not in dropped
    kept, dropped = kept.splitlines()[-1].split(), dropped.splitlines()[-1].split()
    assert EMPTY in kept and dropped == [n for n in kept if n != EMPTY]
