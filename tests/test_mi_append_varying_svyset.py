"""mi append ([MI] mi append), mi varying ([MI] mi varying), mi svyset ([MI] mi XXXset) and a
digit loop name in foreach (``foreach 1 of local ...``), on data made here: each completed
dataset of the appended data checked against the two files' completed data concatenated."""
import numpy as np
import pandas as pd
import pytest

WIDE = """
mi set wide
mi register imputed x
mi set M = {M}
forvalues m = 1/{M} {{
    replace _`m'_x = {base} * `m' + id if missing(x)
}}
mi convert {style}, clear
"""


def _frame(ids, missing, seed):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=len(ids))
    x[missing] = np.nan
    return pd.DataFrame({"id": np.asarray(ids, float), "x": x, "w": rng.uniform(0.5, 2, size=len(ids)),
                         "g": np.asarray(ids, float) % 3})


def _expected(frame, M, base, m):
    """m-th completed data of a file made by WIDE (m beyond M: its m = 0)."""
    out = frame[["id", "x", "g"]].copy()
    if 0 < m <= M:
        out["x"] = np.where(out.x.isna(), base * m + out.id, out.x)
    return out


@pytest.fixture()
def using_file(tmp_path, new_session, run):
    s = new_session(_frame([101, 102, 103, 104, 105], [0, 3], 2))
    out, rc = run(s, WIDE.format(M=2, base=1000, style="mlong") + f'save "{tmp_path}/u.dta"')
    assert rc == 0, out
    return tmp_path / "u.dta"


@pytest.mark.parametrize("style", ["mlong", "flong", "wide"])
def test_mi_append_completed_data(new_session, run, using_file, style):
    master = _frame([1, 2, 3, 4, 5, 6], [1, 2, 5], 1)
    s = new_session(master)
    out, rc = run(s, WIDE.format(M=3, base=100, style=style) + f'mi append using "{using_file}", gen(src)')
    assert rc == 0, out
    from mlmcli.mi import styles

    ds = s.data
    assert styles.style(ds) == style and styles.n_imputations(ds) == 3
    assert styles.registered(ds, "ivars") == ["x"]
    using = _frame([101, 102, 103, 104, 105], [0, 3], 2)
    for m in range(4):
        got = styles.completed(ds, m).df[["id", "x", "g", "src"]].reset_index(drop=True)
        want = pd.concat([_expected(master, 3, 100, m), _expected(using, 2, 1000, m)], ignore_index=True)
        want["src"] = [0.0] * 6 + [1.0] * 5
        pd.testing.assert_frame_equal(got, want, check_dtype=False)
    assert s.r["N_master"] == 6 and s.r["N_using"] == 5 and s.r["M_master"] == 3 and s.r["M_using"] == 2


def test_mi_append_raises_M_and_needs_mi_data(new_session, run, using_file):
    s = new_session(_frame([1, 2, 3], [0], 3))
    out, rc = run(s, WIDE.format(M=1, base=10, style="flong") + f'mi append using "{using_file}"')
    assert rc == 0, out
    assert "(M increased from 1 to 2)" in out
    from mlmcli.mi import styles

    assert styles.n_imputations(s.data) == 2
    # the master had M = 1: its m = 2 is a copy of its m = 0 (x still missing)
    assert np.isnan(styles.completed(s.data, 2).df.x.iloc[0])
    plain = new_session(_frame([1, 2], [], 4))
    before = plain.data.df.copy()
    out, rc = run(plain, f'mi append using "{using_file}"', stop_on_error=False)
    assert rc == 119 and "not mi set" in out
    pd.testing.assert_frame_equal(plain.data.df, before)


def test_mi_varying_lists(new_session, run):
    frame = _frame([1, 2, 3, 4, 5, 6], [0, 1], 5)
    frame["never"] = np.where(np.arange(6) < 3, np.nan, 1.0)
    s = new_session(frame)
    text = WIDE.format(M=2, base=10, style="flong") + """
mi register imputed never
mi xeq: egen double mx = mean(x)
mi xeq: gen double sx = x * 2
mi xeq: gen double tag = cond(missing(x), ., 1)
mi varying
"""
    out, rc = run(s, text)
    assert rc == 0, out
    # never: registered imputed, never filled in -> imputed nonvarying; mx (a mean over all
    # rows) varies on the complete rows too -> varying; sx varies only on incomplete rows
    # and is missing there in m = 0 (x is), as tag is: super/varying
    assert s.r["ivars_nv"] == "never"
    assert s.r["uvars_v"] == "mx"
    assert s.r["uvars_s_s"] == "sx tag"
    assert s.r["uvars_s_v"] == ""
    assert "imputed nonvarying:  never" in out and "(none)" in out
    out, rc = run(s, "mi varying, unregistered")
    assert rc == 0 and "imputed nonvarying" not in out and "unregistered varying:  mx" in out


def test_mi_varying_super_varying_on_known_values(new_session, run):
    s = new_session(_frame([1, 2, 3, 4], [0], 6))
    out, rc = run(s, WIDE.format(M=2, base=10, style="flong") + "gen double k = 0")
    assert rc == 0, out
    # k differs in m = 1 on the incomplete observation 1, where its m = 0 value is known
    from mlmcli.commands.data.mi_varying import classify
    from mlmcli.mi import styles

    ds = s.data
    assert styles.incomplete_rows(ds)[0]
    ds.df["k"] = np.where((ds.df["_mi_m"] == 1) & (ds.df["id"] == 1), 7.0, 0.0)
    out, rc = run(s, "mi varying k")
    assert rc == 0 and s.r["uvars_s_v"] == "k" and s.r["uvars_v"] == "" and s.r["uvars_s_s"] == "", out
    assert classify(ds, ["x"])["ivars_nv"] == []


def test_mi_svyset_then_svy_mean(new_session, run):
    frame = _frame(list(range(1, 13)), [2, 7], 8)
    s = new_session(frame)
    out, rc = run(s, WIDE.format(M=3, base=1, style="mlong") + """
mi svyset g [pweight = w]
mi estimate: svy: mean x
""")
    assert rc == 0, out
    means = []
    for m in range(1, 4):
        x = np.where(frame.x.isna(), m + frame.id, frame.x)
        means.append(np.sum(frame.w * x) / np.sum(frame.w))
    b = np.asarray(s.e.matrices["b_mi"].values if hasattr(s.e.matrices["b_mi"], "values") else s.e.matrices["b_mi"])
    assert b.ravel()[0] == pytest.approx(np.mean(means), rel=1e-9)
    out, rc = run(s, "mi svyset")  # no arguments: the settings shown
    assert rc == 0 and "pweight: w" in out and "SU 1: g" in out, out
    out, rc = run(s, "mi extract 1, clear\nsvyset")  # the design is kept with every imputation
    assert rc == 0 and "pweight: w" in out and "SU 1: g" in out, out


def test_foreach_digit_loop_name(new_session, run):
    s = new_session(pd.DataFrame({"g": [1.0, 2.0, 3.0]}))
    out, rc = run(s, """
levelsof g, local(levs)
foreach 1 of local levs {
    local f`1' = `1' * 10
}
foreach 2 in a b {
    local s `s'`2'
}
display "`f1' `f2' `f3' `s'"
""")
    assert rc == 0, out
    assert "10 20 30 ab" in out
