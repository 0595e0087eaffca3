"""xtdata (xtdata.ado): the fe, be and re transforms of the data in memory against numpy panel
means computed here; theta's note (balanced: one value; unbalanced: the min/5%/median/95%/max
line with Stata's percentile definition); the sample, types, value labels, sort order, data
label; and the refusals (ratio() required, r(4) without clear, constant already defined)."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


@pytest.fixture
def panels():
    rng = np.random.default_rng(4)
    rows = []
    for i in range(1, 9):
        for t in range(1, 2 + i % 4 + 1):
            rows.append((i, t, round(rng.normal(), 3), int(rng.integers(0, 5)), f"s{i}{t}"))
    df = pd.DataFrame(rows, columns=["id", "t", "y", "x", "s"])
    df.loc[3, "y"] = np.nan
    return df


def _kept(df):
    d = df[df.y.notna() & df.x.notna()].sort_values("id", kind="stable")
    return d, d.groupby("id")[["y", "x"]].transform("mean")


def test_fe(do, panels):
    rc, out, s = do("xtset id t\nxtdata y x, fe clear", panels)
    assert rc == 0, out
    d, m = _kept(panels)
    got = s.data.df
    assert list(got.columns) == ["id", "y", "x"]
    np.testing.assert_allclose(got.y, d.y - m.y + d.y.mean(), rtol=1e-12)
    np.testing.assert_allclose(got.x, d.x - m.x + d.x.mean(), rtol=1e-12)
    assert s.data.types["x"] == "double" and s.data.sortedby == ("id",)
    assert s.data.label == "xtdata, fe; " and s.data.changed


def test_be_one_row_per_panel(do, panels):
    rc, out, s = do("xtset id t\nxtdata y x, be clear", panels)
    assert rc == 0, out
    d, _ = _kept(panels)
    means = d.groupby("id")[["y", "x"]].mean()
    np.testing.assert_allclose(s.data.df.y, means.y, rtol=1e-12)
    np.testing.assert_allclose(s.data.df.x, means.x, rtol=1e-12)
    assert list(s.data.df.id) == list(means.index)


def test_re_unbalanced_theta_table(do, panels):
    rc, out, s = do("xtset id t\nxtdata y x, re ratio(0.8) clear", panels)
    assert rc == 0, out
    d, m = _kept(panels)
    T = d.groupby("id")["y"].transform("size").to_numpy()
    theta = 1 - 1 / np.sqrt(T * 0.64 + 1)
    np.testing.assert_allclose(s.data.df.y, d.y - theta * m.y, rtol=1e-12)
    np.testing.assert_allclose(s.data.df.constant, (1 - theta).astype(np.float32), rtol=1e-7)
    assert s.data.types["constant"] == "float"
    per_panel = np.sort(1 - 1 / np.sqrt(d.groupby("id").size().to_numpy() * 0.64 + 1))
    n = len(per_panel)  # Stata's percentiles: P = n p/100, x[floor(P)+1] or the mean at integers
    p5 = per_panel[int(np.floor(n * 0.05))]
    med = per_panel[n // 2] if n % 2 else (per_panel[n // 2 - 1] + per_panel[n // 2]) / 2
    p95 = per_panel[int(np.floor(n * 0.95))]
    lines = out.splitlines()
    at = lines.index("------------------- theta --------------------")
    assert lines[at + 1] == "  min      5%       median        95%      max"
    assert lines[at + 2] == (f"{per_panel[0]:6.4f}{p5:9.4f}{med:11.4f}{p95:11.4f}{per_panel[-1]:9.4f}")


def test_re_balanced_note_and_nodouble(do, panels):
    bal = panels[panels.t <= 2].copy()
    bal["y"] = bal["y"].fillna(0.5)
    rc, out, s = do("label define xl 1 one\nlabel values x xl\nxtset id t\nxtdata y x, ratio(2) clear nodouble", bal)
    assert rc == 0, out
    assert f"(theta={1 - 1 / np.sqrt(2 * 4 + 1):5.4f})" in out
    assert s.data.types["x"] == "float" and "x" not in s.data.value_label_of


@pytest.mark.parametrize("setup, line, message, rc", [
    ("", "xtdata y x, clear", "ratio() required", 198),
    ("", "xtdata y x, fe be clear", "invalid syntax", 198),
    ("", "xtdata y x, fe", "no; dataset in memory has changed since last saved", 4),
    ("gen constant = 1", "xtdata y x, ratio(1) clear", "variable constant already defined", 110),
    ("", "xtdata y x if id > 100, fe clear", "no observations", 2000),
])
def test_errors_leave_the_data(do, panels, setup, line, message, rc):
    got, out, s = do("xtset id t\n" + (setup + "\n" if setup else "") + line, panels)
    assert got == rc and message in out
    assert s.data.nobs == len(panels) and "s" in s.data.varnames


def test_panel_variable_required(do, panels):
    got, out, _ = do("xtdata y x, fe clear", panels)
    assert got == 459 and "panel variable not set" in out
