"""sts graph, outfile() with the options whose data sts.ado 8.6.0 rebuilds before it saves them:
lost/enter/atrisk (the flat parts' rows and their midpoint rows, ``_t`` a float), censored()
(the censoring marks' copies), separate (the origin rows' per() twice), hazard (SmoothHazard's
101 float grid points, the variance at each) and adjustfor() (KeepDead's rows, Vh = 1).  The
Kaplan-Meier numbers by hand on ten records; adjustfor() and the hazard against R
(tests/survival_reference/sts_adjusted.R -> .json)."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from graphs_helpers import double_session, drawn, run, survival_reference_session

REF = json.loads((Path(__file__).parent / "survival_reference" / "sts_adjusted.json").read_text())
NAN = np.nan


@pytest.fixture()
def small():
    """Ten records, one entering late (t0 = 3): group 1 fails at 4, 5, 12 (censored 9, 20, 30),
    group 2 at 2, 7, 15 (censored 7; the 15 entered at 3)."""
    session = double_session({"t0": [0, 0, 0, 0, 0, 0, 0, 3, 0, 0], "t": [4, 2, 30, 9, 7, 7, 12, 15, 20, 5],
                              "d": [1, 1, 0, 0, 1, 0, 1, 1, 0, 1], "g": [1, 2, 1, 1, 2, 2, 1, 2, 1, 1]})
    run(session, "stset t, failure(d) enter(time t0)")
    return session


@pytest.fixture()
def s():
    session = survival_reference_session("sts_km.csv", "stset t, failure(d)")
    run(session, "generate x = (mod(id*37, 11) - 5)/4")
    return session


def saved(session, tmp_path, options):
    path = tmp_path / "out.dta"
    drawn(session, f'sts graph, {options} outfile("{path}", replace)')
    run(session, f'preserve\nuse "{path}", clear')
    data = session.data
    run(session, "restore")
    return data


# the whole sample's Kaplan-Meier rows: n at risk, d failures
S = np.cumprod(1 - np.array([1 / 9, 0, 1 / 9, 1 / 8, 1 / 7, 0, 1 / 4, 1 / 3, 0, 0]))  # 2 3 4 5 7 9 12 15 20 30
V = np.array([1 / 81, 0, 1 / 81, 1 / 64, 1 / 49, 0, 1 / 16, 1 / 9, 0, 0])


def column(data, name):
    return data.df[name].to_numpy(float)


# ---------------------------------------------------------------- lost, enter, atrisk
def test_lost_keeps_one_row_per_flat_part_and_a_midpoint_row_for_the_lost(small, tmp_path):
    data = saved(small, tmp_path, "lost")
    assert list(data.df.columns) == ["_t", "survival", "Vsurvival"]
    assert data.types["_t"] == "float"  # the ado's gen newt
    # flat parts from 2 (2, 3: net lost -1), 4, 5, 7 (7, 9: 2 lost), 12, 15 (15, 20), 30 (the last row)
    np.testing.assert_array_equal(column(data, "_t"), [2, 3, 4, 5, 7, 9.5, 12, 15, 22.5, 30, 30, 0])
    s = S[[0, 2, 3, 4, 6, 7, 9]]
    np.testing.assert_allclose(column(data, "survival"), [s[0], NAN, s[1], s[2], s[3], NAN, s[4], s[5], NAN, s[6],
                                                          NAN, 1.0], atol=1e-15)
    v = V[[0, 2, 3, 4, 6, 7, 9]]
    np.testing.assert_allclose(column(data, "Vsurvival"), [v[0], v[0], v[1], v[2], v[3], v[3], v[4], v[5], v[5],
                                                           v[6], v[6], 0.0], atol=1e-15)


def test_enter_keeps_time_zero_and_the_entered(small, tmp_path):
    data = saved(small, tmp_path, "by(g) enter")
    assert list(data.df.columns) == ["g", "_t", "survival", "Vsurvival"]
    # group 1: 0 (6 enter), 4, 5 (9 lost), 12 (20 lost), 30 (lost); group 2: 0 (3 enter), 2 (3 enters), 7 (lost), 15
    np.testing.assert_array_equal(column(data, "g"), [1] * 9 + [2] * 7 + [1, 2])
    np.testing.assert_array_equal(column(data, "_t"), [0, 2, 4, 5, 8.5, 12, 21, 30, 30,
                                                       0, 1, 2, 4.5, 7, 11, 15, 0, 0])
    g1 = np.cumprod([1, 5 / 6, 4 / 5, 2 / 3])  # at 0, 4, 5, 12
    g2 = np.cumprod([1, 2 / 3, 2 / 3, 0])  # at 0, 2, 7, 15
    np.testing.assert_allclose(column(data, "survival"),
                               [g1[0], NAN, g1[1], g1[2], NAN, g1[3], NAN, g1[3], NAN,
                                g2[0], NAN, g2[1], NAN, g2[2], NAN, g2[3], NAN, 0.0], atol=1e-15)
    # the origin rows: copies of each group's last row (group 1's: its lost row at 30)
    np.testing.assert_allclose(column(data, "Vsurvival")[-2:], [0.0, 1.0])


def test_atrisk_reads_the_next_rows_number_at_risk(small, tmp_path):
    data = saved(small, tmp_path, "atrisk")
    # every st_ct row stays (time 0, with 9 entering, too); a row at each part's midpoint
    np.testing.assert_array_equal(column(data, "_t"), [0, 1, 2, 3, 4, 4.5, 5, 6, 7, 9.5, 12, 13.5, 15, 22.5, 30, 0])
    s = S[[0, 2, 3, 4, 6, 7, 9]]
    np.testing.assert_allclose(column(data, "survival"),
                               [1, NAN, s[0], NAN, s[1], NAN, s[2], NAN, s[3], NAN, s[4], NAN, s[5], NAN, s[6], 1],
                               atol=1e-15)


# ---------------------------------------------------------------- censored()
def test_censored_single_copies_each_censored_row(small, tmp_path):
    data = saved(small, tmp_path, "censored(single)")
    adjd = 30 / 450  # the range of _t (the origin row's 0 too) / 450
    assert data.types["_t"] == "float"  # replace _t = _t + adjd promotes stset's byte
    t = [0, 0, 2, 3, 4, 5, 7 + adjd, 7, 9 + adjd, 9, 12, 15, 20 + adjd, 20, 30 + adjd, 30]
    np.testing.assert_allclose(column(data, "_t"), np.float32(t), rtol=0)
    np.testing.assert_allclose(column(data, "survival"),
                               [1, 1] + list(S[[0, 1, 2, 3, 4, 4, 5, 5, 6, 7, 8, 8, 9, 9]]), atol=1e-15)


def test_censored_number_adds_a_missing_copy_and_stops_at_the_next_step(small, tmp_path):
    data = saved(small, tmp_path, "by(g) censored(number)")
    adjd = 30 / 450
    # by(): the origin row (the group's last value) sorts with the rows of that value, so a mark
    # just before the last step finds _t = 0 next and stays (9 in group 1, 7 in group 2)
    t1 = [0, 0, 4, 5, 9, 9, 12, 20 + adjd, 20, 30 + adjd, 30]
    t2 = [0, 0, 2, 3, 7, 7, 15]
    np.testing.assert_allclose(column(data, "_t"), np.float32(t1 + t2 + [9, 20 + adjd, 30 + adjd, 7]), rtol=0)
    values = column(data, "survival")
    assert np.isnan(values[-4:]).all() and not np.isnan(values[:-4]).any()
    np.testing.assert_allclose(values[:2], [4 / 9, 1])  # origin (group's last value) before the real row at 0


def test_censored_multiple_sorts_by_the_function(small, tmp_path):
    data = saved(small, tmp_path, "censored(multiple)")
    adjd = 30 / 350
    np.testing.assert_allclose(column(data, "_t"), np.float32([15, 20, 20 + adjd, 30, 30 + adjd, 12, 7, 7 + adjd,
                                                               9, 9 + adjd, 5, 4, 2, 3, 0, 0]), rtol=0)
    assert (np.diff(column(data, "survival")) >= -1e-15).all()


# ---------------------------------------------------------------- separate
def test_separate_origin_rows_get_per_twice(small, tmp_path):
    data = saved(small, tmp_path, "by(g) separate per(10)")
    np.testing.assert_allclose(column(data, "survival")[-2:], [100, 100])  # 1*per, then times per
    np.testing.assert_allclose(column(data, "survival")[:2], [10 * 5 / 6, 10 * 5 / 6 * 4 / 5])
    data = saved(small, tmp_path, "by(g) separate failure")
    np.testing.assert_allclose(column(data, "failure")[-2:], [0, 0])
    data = saved(small, tmp_path, "by(g) separate tmin(3)")
    assert np.isnan(column(data, "survival")[-2:]).all()  # the plotted s itself: missing before tmin()


# ---------------------------------------------------------------- hazard
def test_hazard_saves_the_101_grid_points(s, tmp_path):
    data = saved(s, tmp_path, "hazard width(4)")
    assert list(data.df.columns) == ["_t", "hazard", "Vhazard"]
    assert (data.types["_t"], data.types["hazard"], data.types["Vhazard"]) == ("float", "double", "float")
    grid = np.float32(1 + np.arange(101) / 100 * 28)  # the failure times 1 ... 29
    np.testing.assert_array_equal(column(data, "_t"), grid)
    y, v = column(data, "hazard"), column(data, "Vhazard")
    ref = REF["hazard"]
    kept = ~np.isnan(y)  # the boundary regions [1, 5) and (25, 29] are missing
    assert kept.sum() == len(ref["at"]) and not np.isnan(v).any()
    np.testing.assert_allclose(y[kept], ref["y"], rtol=1e-6)
    z = 1.959963984540054
    sd = np.asarray(ref["y"]) * np.log(np.asarray(ref["upper"]) / np.asarray(ref["y"])) / z
    np.testing.assert_allclose(v[kept], np.float32(sd ** 2), rtol=1e-6)
    assert data.var_labels["hazard"] == "Smoothed hazard function"


def test_hazard_by_is_long_with_a_float_group(s, tmp_path):
    data = saved(s, tmp_path, "hazard by(g) width(6 6 6)")
    assert data.types["g"] == "float" and len(data.df) == 303
    g = column(data, "g")
    np.testing.assert_array_equal(g, np.repeat([1, 2, 3], 101))
    for k, ref in enumerate(REF["hazard_by"], start=1):
        y = column(data, "hazard")[g == k]
        np.testing.assert_allclose(y[~np.isnan(y)], ref["y"], rtol=1e-6)


# ---------------------------------------------------------------- adjustfor()
def test_adjustfor_saves_keepdeads_rows_and_vh_one(s, tmp_path):
    data = saved(s, tmp_path, "adjustfor(x)")
    ref = REF["adjust_x"]
    np.testing.assert_array_equal(column(data, "_t"), ref["time"] + [0])
    np.testing.assert_allclose(column(data, "survival"), np.float32(ref["surv"] + [1]), rtol=1e-6)
    np.testing.assert_array_equal(column(data, "Vsurvival"), 1.0)
    assert data.types["Vsurvival"] == "float"
    data = saved(s, tmp_path, "adjustfor(x) by(g) failure noorigin")
    assert data.types["failure"] == "double"  # DoAdjust's gen double with by()
    for k, ref in enumerate(REF["adjust_by"], start=1):
        on = column(data, "g") == k
        np.testing.assert_array_equal(column(data, "_t")[on], ref["time"])
        np.testing.assert_allclose(column(data, "failure")[on], 1 - np.asarray(ref["surv"]), atol=1e-8)


def test_outfile_never_overwrites_without_replace(small, tmp_path):
    path = tmp_path / "h.dta"
    path.write_bytes(b"mine")
    out, rc = run(small, f'sts graph, hazard width(5) outfile("{path}")', stop_on_error=False)
    assert rc == 602 and "already exists" in out and path.read_bytes() == b"mine"


def test_censored_counts_only_a_subjects_last_record(tmp_path):
    """st_ct's RCens: subject 1's first record ends at 5 without failing but goes on (5, 10]."""
    session = double_session({"id": [1, 1, 2, 3, 4], "t": [5, 10, 8, 3, 12], "d": [0, 1, 0, 1, 0]})
    run(session, "stset t, id(id) failure(d)")
    data = saved(session, tmp_path, "censored(single)")
    adjd = 12 / 450
    np.testing.assert_allclose(column(data, "_t"), np.float32([0, 0, 3, 5, 8 + adjd, 8, 10, 12 + adjd, 12]), rtol=0)
    np.testing.assert_allclose(column(data, "survival"), [1, 1, .75, .75, .75, .75, .375, .375, .375])
    np.testing.assert_allclose(column(data, "Vsurvival"), [0, 0, 1 / 16, 0, 0, 0, 1 / 4, 0, 0])
    data = saved(session, tmp_path, "")  # without censored(): 5 nets to none lost and goes
    np.testing.assert_array_equal(column(data, "_t"), [3, 8, 10, 12, 0])


def test_hazard_by_leaves_out_a_group_without_failures_and_numbers_width_over_the_rest(tmp_path):
    """SmoothHazard drops the rows with no hazard increment before numbering the groups: a by()
    group without failures has no curve (was an internal error, a minimum over no times), and
    width()'s first number is the first group *with* failures."""
    session = double_session({"t": list(range(1, 41)), "d": [1] * 19 + [0] * 21,
                              "g": [0] * 10 + [1] * 10 + [2] * 20})
    run(session, "stset t, failure(d)")
    graph, _ = drawn(session, "sts graph, hazard by(g) noboundary width(2 3)")
    first, second = graph.panels[0].series  # groups 0 and 1; group 2 has no failures
    assert first.x.min() >= 1 and first.x.max() <= 10 and second.x.min() >= 11 and second.x.max() <= 19
    wide, _ = drawn(session, "sts graph, hazard by(g) noboundary width(3 3)")
    assert not np.allclose(wide.panels[0].series[0].y, first.y)  # width()'s 1st number: group 0's
    assert np.allclose(wide.panels[0].series[1].y, second.y)
    data = saved(session, tmp_path, "hazard by(g) noboundary width(2 3)")
    assert sorted(set(column(data, "g"))) == [0.0, 1.0]
    out, rc = run(session, "sts graph, hazard by(g) width(2 3)")
    assert rc == 0, out
