"""outreg's summary statistics (summstat() summdec() summtitles() noautosumm), bare merge/append,
and the refusals.  Expected rows follow outreg.ado 4.32's Mata SummStat(): default
summstat ``r2 \\ N`` (``N`` without e(r2)), decimals 0 for names starting N or df else 2,
summdec() read as a column and stretched by repeating its last element, titles
strproper() of the names unless summtitles(), titles and values joined side by side with the
shorter padded with blanks; a name the model lacks is missing, ".".  Numbers: OLS by numpy."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


def _data(n=50, seed=11):
    rng = np.random.default_rng(seed)
    x, z = rng.normal(size=n), rng.normal(size=n)
    return pd.DataFrame({"y": 0.5 + 1.5 * x - 0.7 * z + rng.normal(size=n), "x": x, "z": z,
                         "g": np.repeat(np.arange(10), n // 10)})


def _ols(df):
    X = np.column_stack([df.x, df.z, np.ones(len(df))])
    b, *_ = np.linalg.lstsq(X, df.y, rcond=None)
    resid = df.y - X @ b
    tss = ((df.y - df.y.mean()) ** 2).sum()
    r2 = 1 - resid @ resid / tss
    n, k = len(df), 3
    return {"r2": r2, "r2_a": 1 - (1 - r2) * (n - 1) / (n - k), "rmse": np.sqrt(resid @ resid / (n - k)), "N": n}


def _summary(table, k):
    """The last k rows: (title, cells)."""
    return list(zip(table.rtitles[-k:], table.body[-k:]))


def test_four_summtitles_without_summstat_title_the_default_r2_and_n(do):
    df = _data()
    rc, out, s = do('regress y x z, r\noutreg, ctitle("a",OLS 1) summtitle("SER"\\"R^2"\\"Adjusted R^2"\\"N") se',
                    df=df)
    assert rc == 0, out
    ols = _ols(df)
    t = s.settings["frmttable"]["current"]
    assert _summary(t, 4) == [("SER", (f"{ols['r2']:.2f}",)), ("R^2", (f"{ols['N']}",)),
                              ("Adjusted R^2", ("",)), ("N", ("",))]
    assert t.rtitles[:-4] == ("x", "", "z", "", "_cons", "")


def test_default_rows_are_r2_then_n_and_only_n_without_r2(do):
    df = _data()
    rc, out, s = do("regress y x z\noutreg", df=df)
    assert rc == 0, out
    assert _summary(s.settings["frmttable"]["current"], 2) == [("R2", (f"{_ols(df)['r2']:.2f}",)), ("N", ("50",))]
    df["w"] = (df.y > df.y.median()).astype(float)
    rc, out, s = do("logit w x\noutreg", df=df)
    assert rc == 0, out
    t = s.settings["frmttable"]["current"]
    assert "r2" not in s.e.scalars and t.rtitles[-1] == "N" and t.rtitles[-2] == "" and t.body[-1] == ("50",)


def test_summstat_summdec_and_missing_names(do):
    df = _data()
    ols = _ols(df)
    rc, out, s = do("regress y x z\noutreg, summstat(r2_a \\ N \\ rmse \\ N_foo) summdec(3 1) "
                    'summtitles("Adj R2" \\ "Obs")', df=df)
    assert rc == 0, out
    # summdec(3 1): 3 for the first row, the last (1) repeated for the rest; titles padded
    assert _summary(s.settings["frmttable"]["current"], 4) == [
        ("Adj R2", (f"{ols['r2_a']:.3f}",)), ("Obs", ("50.0",)), ("", (f"{ols['rmse']:.1f}",)), ("", (".",))]
    rc, out, s = do("regress y x z\noutreg, summstat(rmse \\ N_foo \\ df_r)", df=df)
    assert rc == 0, out
    assert _summary(s.settings["frmttable"]["current"], 3) == [
        ("Rmse", (f"{ols['rmse']:.2f}",)), ("N_Foo", (".",)), ("Df_R", ("47",))]


def test_summstat_columns_and_thousands(do):
    df = pd.concat([_data(seed=k) for k in range(30)], ignore_index=True)
    rc, out, s = do("regress y x z\noutreg, summstat(N, r2)", df=df)
    assert rc == 0, out
    # one row, two cells, each with its own default decimals; the title from the first column
    assert _summary(s.settings["frmttable"]["current"], 1) == [("N", ("1,500", f"{_ols(df)['r2']:.2f}"))]


def test_noautosumm_drops_summstat_too(do):
    rc, out, s = do("regress y x z\noutreg, summstat(N) noautosumm", df=_data())
    assert rc == 0, out
    assert s.settings["frmttable"]["current"].rtitles == ("x", "", "z", "", "_cons", "")


def test_bare_merge_warns_first_then_matches_summary_rows(do):
    df = _data()
    text = ('regress y x\noutreg, summtitle("SER"\\"R^2") se merge\n'
            'regress y x z\noutreg, summtitle("SER"\\"R^2") se merge')
    rc, out, s = do(text, df=df)
    assert rc == 0, out
    assert out.count("warning: no existing table found for merge or append") == 1
    t = s.settings["frmttable"]["current"]
    assert t.rtitles == ("x", "", "z", "", "_cons", "", "SER", "R^2")
    assert t.body[-1] == ("50", "50") and t.body[-2][1] == f"{_ols(df)['r2']:.2f}"
    assert t.notes == ()  # outreg writes its stars legend only when not merging


def test_merge_keeps_the_legend_of_the_table_it_joins(do):
    rc, out, s = do("regress y x\noutreg\nregress y x z\noutreg, merge", df=_data())
    assert rc == 0, out
    assert s.settings["frmttable"]["current"].notes == ("* p<0.05; ** p<0.01",)


@pytest.mark.parametrize("options, message, rc", [
    ("summdec(20)", "invalid numlist has elements outside of allowed range", 125),
    ("summdec(a)", "invalid numlist", 121),
    ("summpos(1)", "option summpos() not allowed", 198),
    ('summtitles("a", "b")', "several columns of row titles", 198),
])
def test_refusals(do, options, message, rc):
    code, out, s = do(f"regress y x z\noutreg, {options}", df=_data())
    assert code == rc and message in out, out
    assert s.settings.get("frmttable", {}).get("current") is None
