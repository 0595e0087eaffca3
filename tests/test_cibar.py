"""``cibar`` (community, SSC): bars of a variable's cell means with their confidence intervals,
laid out as cibar.ado 1.1.7 lays them out; checked against per-cell t intervals (scipy)."""
from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import numpy as np
import pandas as pd
import pytest
from scipy import stats

from mlmcli.dataset import Dataset
from mlmcli.errors import StataError
from mlmcli.session import Session
from tests.execute_lines import run


def experiment_session(drop_cell: bool = False) -> Session:
    rng = np.random.default_rng(116)
    n = 240
    a = rng.integers(1, 4, n).astype(float)  # 3 levels
    b = rng.integers(1, 3, n).astype(float)  # 2 levels
    c = rng.integers(0, 2, n).astype(float)  # 2 levels
    y = 0.4 + 0.05 * a - 0.03 * b + 0.02 * c + rng.normal(0, 0.1, n)
    y[rng.random(n) < 0.05] = np.nan
    if drop_cell:
        keep = ~((a == 2) & (b == 1))
        a, b, c, y = a[keep], b[keep], c[keep], y[keep]
    df = pd.DataFrame({"y": y, "a": a, "b": b, "c": c, "s": np.where(a == 1, "x", "z")})
    session = Session()
    session.data = Dataset(df=df, types={"y": "double", "a": "byte", "b": "byte", "c": "byte", "s": "str1"},
                           value_label_of={"b": "bl"}, value_labels={"bl": {1.0: "Under", 2.0: "Over"}})
    return session



def t_intervals(y, keys, level=95.0):
    """Per cell (sorted): mean, lower, upper with mean's over() variance (the cell's own s/sqrt(n)) and
    df = N - 1 over the whole sample."""
    ok = ~np.isnan(y)
    y, keys = y[ok], keys[ok]
    crit = stats.t.ppf(0.5 + level / 200, len(y) - 1)
    out = []
    for cell in np.unique(keys, axis=0):
        v = y[(keys == cell).all(axis=1)]
        m, se = v.mean(), v.std(ddof=1) / np.sqrt(len(v))
        out.append((m, m - crit * se, m + crit * se))
    return np.array(out)


def bars_and_caps(session):
    series = session.graphs[-1].panels[0].series
    return [s for s in series if s.kind == "bar"], [s for s in series if s.kind == "rcap"]


def test_means_and_intervals_match_t_intervals_and_data_are_left_alone():
    session = experiment_session()
    before = session.data.df.copy()
    run(session, "cibar y, over(a b) level(90)")
    ds = session.data
    expect = t_intervals(ds.numeric("y"), np.column_stack([ds.numeric("a"), ds.numeric("b")]), 90)
    for k, name in enumerate(("mean", "ll", "ul")):
        np.testing.assert_allclose(session.matrices[name].values[:, 0], expect[:, k], rtol=1e-10)
    pd.testing.assert_frame_equal(session.data.df, before)
    assert session.e.macros["cmd"] == "mean" and session.r == {}
    bars, (caps,) = bars_and_caps(session)
    assert len(bars) == 3  # one bar plot per level of the first grouping variable
    np.testing.assert_allclose(np.sort(caps.y), np.sort(expect[:, 1]), rtol=1e-10)


def test_two_grouping_variables_blocks_at_the_ado_positions():
    session = experiment_session()
    run(session, "cibar y, over(b a)")
    bars, (caps,) = bars_and_caps(session)
    # first variable b (2 levels) within blocks of a (3 levels): x = n_b + (2 + 0.67) (n_a - 1)
    assert len(bars) == 2
    np.testing.assert_allclose(bars[0].x, [1, 3.67, 6.34], rtol=1e-12)
    np.testing.assert_allclose(bars[1].x, [2, 4.67, 7.34], rtol=1e-12)
    graph = session.graphs[-1]
    assert graph.legend_order == ((1, "Under"), (2, "Over"))
    assert "xlabel(0 \" \" 1.5 \"1\" 4.17 \"2\" 6.84 \"3\" 8.34 \" \", noticks)" in graph.command
    assert 'ytitle("mean of y")' in graph.command


def test_one_grouping_variable_and_bargap_and_barcolor():
    session = experiment_session()
    run(session, "cibar y if c == 1, over(a) bargap(50) barcolor(red blue) baropts(lwidth(thin)) "
                 "graphopts(title(T))")
    bars, (caps,) = bars_and_caps(session)
    np.testing.assert_allclose([float(s.x[0]) for s in bars], [1.5, 3.0, 4.5])
    ds = session.data
    keep = ds.numeric("c") == 1
    expect = t_intervals(ds.numeric("y")[keep], ds.numeric("a")[keep][:, None])
    np.testing.assert_allclose([float(s.y[0]) for s in bars], expect[:, 0], rtol=1e-10)
    command = session.graphs[-1].command
    assert "color(red)" in command and "color(blue)" in command and "title(T)" in command
    assert "xlabel(.75 \" \" 5.25 \" \", noticks)" in command.replace("0.75", ".75")


def test_three_grouping_variables_and_an_empty_cell():
    session = experiment_session(drop_cell=True)
    run(session, "cibar y, over(c b a) barlabel(on)")
    bars, (caps,) = bars_and_caps(session)
    assert len(bars) == 2  # c's two levels
    ds = session.data
    keys = np.column_stack([ds.numeric(v) for v in ("c", "b", "a")])
    expect = t_intervals(ds.numeric("y"), keys)
    shown = np.sort(np.concatenate([s.y[~np.isnan(s.y)] for s in bars]))
    np.testing.assert_allclose(shown, np.sort(expect[:, 0]), rtol=1e-10)
    assert len(shown) == 10  # 12 combinations less the empty (a=2, b=1) pair of cells
    assert session.graphs[-1].command.count("text(") == 12


@pytest.mark.parametrize("line, rc", [
    ("cibar y", 198),                      # option over() required
    ("cibar y, over(s)", 109),             # the ado-file's drop if s == . on a string
    ("cibar y in 1/10, over(a)", 101),
    ("cibar y, over(a) bogus", 198),
    ("cibar y a, over(b)", 103),
    ("cibar s, over(a)", 109),
    ("cibar nosuch, over(a)", 111),
])
def test_errors_leave_the_data(line, rc):
    session = experiment_session()
    before = session.data.df.copy()
    with pytest.raises(StataError) as err:
        run(session, line)
    assert err.value.rc == rc
    pd.testing.assert_frame_equal(session.data.df, before)
