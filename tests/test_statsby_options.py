"""``statsby``'s options (Stata's [D] statsby): the legend (default, ``verbose``,
``nolegend``), ``by(, missing)``, ``subsets``, ``total``, ``basepop()``, ``forcedrop``,
``noisily``, ``dots()``; each checked against the same statistics computed with pandas."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


@pytest.fixture
def frame():
    rng = np.random.default_rng(7)
    n = 60
    g = (np.arange(n) % 3 + 1).astype(float)
    g[0] = np.nan
    x = rng.normal(size=n)
    return pd.DataFrame({"g": g, "h": (np.arange(n) % 2).astype(float), "x": x,
                         "y": 1 + 2 * x + np.arange(n) % 3 + rng.normal(size=n)})


def _rows(session):
    return session.data.df


def test_legend_hides_coefficients_unless_verbose_and_nolegend_hides_all(do, frame):
    rc, out, _ = do("statsby _b, by(g) clear: regress y x", frame)
    assert rc == 0
    assert "command:  regress y x" in out and "by:  g" in out and "_b[x]" not in out
    rc, out, _ = do("statsby _b, by(g) clear verbose: regress y x", frame)
    assert "_b_x:  _b[x]" in out and "_b_cons:  _b[_cons]" in out
    rc, out, _ = do("statsby m=r(mean), by(g) clear nolegend: summarize y", frame)
    assert rc == 0 and "command:" not in out and "Statsby groups" in out


def test_groups_with_a_missing_by_value_are_left_out_unless_missing(do, frame):
    rc, _, s = do("statsby m=r(mean) n=r(N), by(g) clear: summarize y", frame)
    got = _rows(s)
    assert got["g"].tolist() == [1.0, 2.0, 3.0]
    expected = frame.dropna(subset=["g"]).groupby("g")["y"].mean().to_numpy()
    np.testing.assert_allclose(got["m"], expected.astype(np.float32), rtol=1e-7)
    rc, out, s = do("statsby n=r(N), by(g, missing) clear: summarize x", frame)
    got = _rows(s)
    assert got["g"].iloc[:3].tolist() == [1.0, 2.0, 3.0] and np.isnan(got["g"].iloc[3])
    assert got["n"].tolist() == [19, 20, 20, 1]


def test_subsets_and_total_add_the_margins_with_missing_by_values(do, frame):
    rc, out, s = do("statsby n=r(N) m=r(mean), by(g h) subsets clear: summarize x", frame)
    assert rc == 0
    got = _rows(s)
    assert len(got) == 3 * 2 + 3 + 2 + 1  # g x h, g alone, h alone, all
    complete = frame.dropna(subset=["g"])
    one = got[(got["g"] == 2) & got["h"].isna()]
    assert one["n"].item() == (complete["g"] == 2).sum()
    h1 = got[got["g"].isna() & (got["h"] == 1)]
    assert h1["m"].item() == pytest.approx(frame.loc[frame["h"] == 1, "x"].mean(), rel=1e-6)
    everything = got[got["g"].isna() & got["h"].isna()]
    assert everything["n"].item() == len(frame)
    assert out.count(".") >= 12
    rc, _, s = do("statsby n=r(N), by(g) total clear: summarize x", frame)
    got = _rows(s)
    assert got["g"].iloc[:3].tolist() == [1.0, 2.0, 3.0] and np.isnan(got["g"].iloc[3])
    assert got["n"].tolist() == [19, 20, 20, len(frame)]


def test_an_estimation_commands_sample_fixes_the_groups_an_r_class_one_does_not(do, frame):
    frame.loc[frame["g"] == 3, "x"] = np.nan
    rc, _, s = do("regress y x\nstatsby n=r(N), by(g) clear: summarize y", frame)
    assert _rows(s)["g"].tolist() == [1.0, 2.0, 3.0]  # the stale regress sample is not used
    rc, _, s = do("statsby _b, by(g) clear: regress y x", frame)
    assert _rows(s)["g"].tolist() == [1.0, 2.0]


def test_basepop_runs_the_first_pass_on_its_rows_only(do, frame):
    frame.loc[frame["g"] == 3, "x"] = np.nan
    # on the base population g==1 the sample has no g==3 rows; the groups still come from
    # all the data, and group 3 fails (no observations): a missing value and an x
    rc, out, s = do("statsby _b, by(g) basepop(g==1) clear: regress y x", frame)
    assert rc == 0
    got = _rows(s)
    assert got["g"].tolist() == [1.0, 2.0, 3.0] and np.isnan(got["_b_x"].iloc[2])
    assert "..x" in out


def test_forcedrop_gives_what_the_by_mask_gives(do, frame):
    _, _, plain = do("statsby _b, by(g) clear: regress y x", frame)
    rc, _, dropped = do("statsby _b, by(g) forcedrop clear: regress y x", frame)
    assert rc == 0
    pd.testing.assert_frame_equal(_rows(plain), _rows(dropped))
    assert dropped.data.nobs == 3


def test_noisily_shows_each_run_and_no_dots_dots_thins_them(do, frame):
    """noisily's layout is tests/test_statsby_noisily_trace.py's; dots(0) shows neither the dots
    nor _prefix_note's line (_get_dots_option gives nodots)."""
    rc, out, _ = do("statsby m=r(mean), by(g) clear noisily: summarize y", frame)
    assert out.count("Variable |") == 4 and out.count("running (summarize y) on group") == 3
    assert "Statsby groups\n\nrunning" in out and "----+--- 1" not in out
    rc, out, _ = do("statsby m=r(mean), by(g h) clear dots(2): summarize y", frame)
    assert out.rstrip().endswith("\n...")
    rc, out, _ = do("statsby m=r(mean), by(g) clear dots(0): summarize y", frame)
    assert "Statsby groups" not in out and "(running summarize" not in out


@pytest.mark.parametrize("options, message", [
    ("by(g, total)", "option total not allowed"),
    ("by(g) dots(x)", "dots() invalid"),
])
def test_refused_options(do, frame, options, message):
    rc, out, s = do(f"statsby m=r(mean), {options} clear: summarize y", frame)
    assert rc == 198 and message in out
    assert s.data.nobs == len(frame)


def test_without_an_expression_list_an_r_class_command_gives_its_r_scalars(do, frame):
    rc, out, s = do("statsby, by(h) clear: summarize y", frame)
    assert rc == 0
    got = _rows(s)
    assert list(got.columns) == ["h", "N", "sum_w", "mean", "Var", "sd", "min", "max", "sum"]
    assert got["N"].tolist() == [30, 30]
    rc, out, s = do("regress y x\nstatsby, by(h) clear: count", frame)
    assert rc == 0 and list(_rows(s).columns) == ["h", "N"]
