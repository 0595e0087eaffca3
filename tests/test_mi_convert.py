"""mi convert wide|mlong|flong [, clear noupdate] ([MI] mi convert, mi_cmd_convert.ado 1.1.7):
the layouts Stata makes, their completed datasets unchanged, the refusals."""
import numpy as np
import pandas as pd
import pytest

SETUP = """
mi set wide
mi register imputed x
mi register passive p
mi register regular g
mi set M = 3
forvalues m = 1/3 {
    replace _`m'_x = 10 * `m' + id if missing(x)
    replace _`m'_p = _`m'_x * 2 if missing(x)
}
"""


def _data():
    rng = np.random.default_rng(7)
    n = 12
    x = rng.normal(size=n)
    x[[1, 4, 5, 10]] = np.nan
    # p, passive, is known in m = 0 where x is not (0): its imputations still differ there
    return pd.DataFrame({"id": np.arange(1.0, n + 1), "g": np.repeat([1.0, 2.0, 3.0], 4), "x": x,
                         "p": np.where(np.isnan(x), 0.0, x * 2),
                         "y": rng.normal(size=n)})


def _completed(df, style, m):
    """The m-th completed data written from each layout's definition ([MI] Styles)."""
    if style == "wide":
        out = df[["id", "g", "x", "p", "y"]].copy()
        if m:
            out["x"], out["p"] = df[f"_{m}_x"], df[f"_{m}_p"]
        return out.reset_index(drop=True)
    rows = df[(df._mi_m == m)] if style == "flong" or m == 0 else \
        pd.concat([df[(df._mi_m == 0) & (df._mi_miss == 0)], df[df._mi_m == m]]).sort_values("_mi_id")
    return rows[["id", "g", "x", "p", "y"]].reset_index(drop=True)


@pytest.fixture()
def wide_session(new_session, run):
    s = new_session(_data())
    out, rc = run(s, SETUP)
    assert rc == 0, out
    return s


@pytest.mark.parametrize("path", [("mlong", "flong", "wide"), ("flong", "mlong", "wide"), ("mlong", "wide"),
                                  ("flong", "wide")])
def test_conversions_keep_every_completed_dataset(wide_session, run, path):
    s = wide_session
    wide = s.data.df.copy()
    expected = [_completed(wide, "wide", m) for m in range(4)]
    for style in path:
        out, rc = run(s, f"mi convert {style}, clear")
        assert rc == 0 and out == "", out
        assert s.data.chars["_mi_style"] == style and s.data.chars["_mi_M"] == "3"
        for m in range(4):
            pd.testing.assert_frame_equal(_completed(s.data.df, style, m), expected[m], check_dtype=False)
    pd.testing.assert_frame_equal(s.data.df, wide, check_dtype=False)  # back to the same wide data
    assert s.data.chars["_mi_ivars"] == "x" and s.data.chars["_mi_pvars"] == "p" and s.data.chars["_mi_rvars"] == "g"


def test_the_long_layouts(wide_session, run):
    s = wide_session
    out, rc = run(s, "mi convert mlong, clear")
    df = s.data.df
    assert list(df.columns) == ["id", "g", "x", "p", "y", "_mi_miss", "_mi_m", "_mi_id"]
    incomplete = [2.0, 5.0, 6.0, 11.0]
    assert df._mi_m.tolist() == [0.0] * 12 + [1.0] * 4 + [2.0] * 4 + [3.0] * 4
    assert df._mi_id.tolist() == list(range(1, 13)) + incomplete * 3
    assert df._mi_miss[12:].isna().all() and df._mi_miss[:12].tolist() == [0, 1, 0, 0, 1, 1, 0, 0, 0, 0, 1, 0]
    assert df.x[df._mi_m == 2].tolist() == [20 + i for i in incomplete]
    assert s.data.types["_mi_id"] == "byte" and s.data.types["_mi_m"] == "int"
    assert s.data.sortedby == ("_mi_m", "_mi_id")
    out, rc = run(s, "mi convert flong, clear")
    df = s.data.df
    assert len(df) == 48 and df._mi_id.tolist() == list(range(1, 13)) * 4
    assert df._mi_m.tolist() == sorted(df._mi_m.tolist())


def test_mi_estimate_is_the_same_in_every_style(wide_session, run):
    s = wide_session
    tables = []
    for style in ("wide", "mlong", "flong", "wide"):
        out, rc = run(s, f"mi convert {style}, clear")
        assert rc == 0, out
        out, rc = run(s, "mi estimate: regress y x")
        assert rc == 0 and "Imputations     =          3" in out, out
        tables.append(out)
    assert tables[1] == tables[0] and tables[2] == tables[0] and tables[3] == tables[0]


def test_messages_and_refusals(wide_session, new_session, run):
    s = wide_session
    out, rc = run(s, "mi convert wide")
    assert rc == 0 and out.strip() == "(data already wide)"
    before = s.data.df.copy()
    for text, code, message in (("mi convert mlong", 4, "no; dataset in memory has changed since last saved"),
                                ("mi convert long, clear", 198, "long: invalid style"),
                                ("mi convert, clear", 198, "must specify dataset style"),
                                ("mi convert flongsep", 198, "nothing found where name expected"),
                                ("mi convert flongsep imp, clear", 198, "mi convert flongsep is not implemented"),
                                ("mi convert mlong, clear bogus", 198, "option bogus not allowed"),
                                ("mi convert mlong x, clear", 198, "invalid syntax")):
        out, rc = run(s, text)
        assert rc == code and message in out, (text, out)
        pd.testing.assert_frame_equal(s.data.df, before)
    out, rc = run(s, "mi convert ml, clear\nmi convert fl, replace clear")  # (the ado's syntax from mlong)
    assert rc == 0 and s.data.chars["_mi_style"] == "flong", out
    out, rc = run(s, "mi convert wide, clear replace")  # from flong: no options
    assert rc == 198 and "option replace not allowed" in out
    fresh = new_session(pd.DataFrame({"x": [1.0, np.nan]}))
    out, rc = run(fresh, "mi convert wide")
    assert rc == 119 and "no; data not mi set" in out


def test_saved_data_stay_unchanged_and_long_names(wide_session, new_session, run, tmp_path):
    s = wide_session
    path = tmp_path / "imp.dta"
    out, rc = run(s, f'save "{path}"\nmi convert mlong')
    assert rc == 0 and not s.data.changed, out  # c(changed) as before: no clear needed
    long_name = "a" * 29
    t = new_session(pd.DataFrame({long_name: [1.0, np.nan, 3.0]}))
    out, rc = run(t, f"mi set mlong\nmi register imputed {long_name}\nmi set M = 10\nmi convert wide, clear")
    assert rc == 198 and "long variable names detected" in out and "= 28 for M=10 imputations" in out
    assert t.data.chars["_mi_style"] == "mlong"
