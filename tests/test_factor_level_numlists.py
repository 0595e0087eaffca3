"""Factor-variable levels given as a numlist, ``i(1962/2010).year`` / ``i(2 4).g`` /
``i(1(2)5).g`` ([U] 11.4.3.4), and a level as ``i2.g``: in a model's varlist and in
``testparm``; F statistics checked against restricted/unrestricted least squares in numpy."""
import numpy as np
import pandas as pd
import pytest
from scipy import stats


def _frame(n=240, seed=8):
    rng = np.random.default_rng(seed)
    year = 2000 + np.arange(n) % 6
    x = rng.normal(size=n)
    y = x + 0.15 * (year == 2003) - 0.2 * (year == 2005) + rng.normal(size=n)
    return pd.DataFrame({"y": y, "x": x, "year": year.astype(float)})


def _ols_rss(y, X):
    beta, *_ = np.linalg.lstsq(X, y, rcond=None)
    return float(np.sum((y - X @ beta) ** 2))


def _f_test(df, dropped):
    """F of the year dummies ``dropped`` = 0 in y ~ x + i.year."""
    years = sorted(df.year.unique())[1:]
    full = np.column_stack([np.ones(len(df)), df.x] + [(df.year == v).to_numpy(float) for v in years])
    kept = np.column_stack([np.ones(len(df)), df.x] + [(df.year == v).to_numpy(float) for v in years if v not in dropped])
    rss_u, rss_r = _ols_rss(df.y.to_numpy(), full), _ols_rss(df.y.to_numpy(), kept)
    q, dfr = len(dropped), len(df) - full.shape[1]
    f = (rss_r - rss_u) / q / (rss_u / dfr)
    return f, q, dfr, stats.f.sf(f, q, dfr)


@pytest.mark.parametrize("term, levels", [("i(2001/2005).year", [2001, 2002, 2003, 2004, 2005]),
                                          ("i(2002 2004).year", [2002, 2004]),
                                          ("i(2001(2)2005).year", [2001, 2003, 2005]),
                                          ("i2003.year i2005.year", [2003, 2005])])
def test_testparm_of_listed_levels(do, term, levels):
    df = _frame()
    rc, out, s = do(f"quietly regress y x i.year\ntestparm {term}", df=df)
    assert rc == 0, out
    f, q, dfr, p = _f_test(df, levels)
    assert s.r["df"] == q and s.r["df_r"] == dfr
    assert s.r["F"] == pytest.approx(f, rel=1e-8) and s.r["p"] == pytest.approx(p, rel=1e-6)
    for v in levels:
        assert f"{v}.year = 0" in out


def test_model_varlist_with_a_level_numlist(do):
    df = _frame()
    rc, out, s = do("regress y x i(2001/2003).year", df=df)
    assert rc == 0, out
    X = np.column_stack([df.x, (df.year == 2002), (df.year == 2003), np.ones(len(df))]).astype(float)
    beta, *_ = np.linalg.lstsq(X, df.y.to_numpy(), rcond=None)
    b = s.e.matrices["b"]
    got = dict(zip(b.colnames, b.values.ravel()))
    assert got["2002.year"] == pytest.approx(beta[1], rel=1e-8)
    assert got["2003.year"] == pytest.approx(beta[2], rel=1e-8)
    assert "2004.year" not in got and "2005.year" not in got


def test_a_bad_numlist_is_an_invalid_operator(do):
    rc, out, _ = do("quietly regress y x i.year\ntestparm i(2001/).year", df=_frame())
    assert rc == 198 and "invalid factor-variable operator" in out
