"""sts list's cumhaz/na, enter, compare, at(#), saving() and sts generate's lb(na)/ub(na):
numbers against R (tests/survival_reference/sts_km.json from sts_km.R, sts_tests.json from
sts_tests.R: survfit's cumhaz and std.chaz, the interval H exp(-+z se/H)), the layouts as
sts.ado's List, Listat and Licompu print them."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from graphs_helpers import run, survival_reference_session

HERE = Path(__file__).parent / "survival_reference"
KM = json.loads((HERE / "sts_km.json").read_text())
NA = json.loads((HERE / "sts_tests.json").read_text())


@pytest.fixture()
def s():
    session = survival_reference_session("sts_km.csv", "stset t, failure(d)")
    run(session, 'label define gl 1 "low" 2 "mid" 3 "high"\nlabel values g gl')
    return session


def lines_of(session, text):
    out, rc = run(session, text)
    assert rc == 0, out
    return out.rstrip("\n").split("\n")


def fixed(value) -> str:
    return "." if value is None or value != value else f"{value:.4f}"


def step_at(ref: dict, key: str, times, before=np.nan):
    """R's table value in effect at each time (its rows: every event and censoring time)."""
    index = np.searchsorted(ref["time"], times, side="right") - 1
    values = np.array([np.nan if v is None else v for v in ref[key]], float)
    return np.where(index >= 0, values[np.maximum(index, 0)], before)


# ---------------------------------------------------------------- sts generate lb(na) ub(na)
def test_generate_nelson_aalen_bounds_by_group_against_r(s):
    run(s, "sts generate H = na se = se(na) lo = lb(na) hi = ub(na), by(g)")
    t, g = s.data.numeric("t"), s.data.numeric("g")
    for k, ref in enumerate(NA["na_groups"], start=1):
        sel = g == k
        np.testing.assert_allclose(s.data.numeric("H")[sel], step_at(ref, "cumhaz", t[sel]), rtol=1e-6)
        np.testing.assert_allclose(s.data.numeric("se")[sel], step_at(ref, "std_chaz", t[sel]), rtol=1e-6)
        np.testing.assert_allclose(s.data.numeric("lo")[sel], step_at(ref, "lower", t[sel]), rtol=1e-6)
        np.testing.assert_allclose(s.data.numeric("hi")[sel], step_at(ref, "upper", t[sel]), rtol=1e-6)


def test_generate_bounds_level_and_delayed_entry(s):
    run(s, "sts generate lo = lb(na) hi = ub(na), level(90)")
    t = s.data.numeric("t")
    ref = NA["na_plain90"]
    np.testing.assert_allclose(s.data.numeric("lo"), step_at(ref, "lower", t), rtol=1e-6)
    np.testing.assert_allclose(s.data.numeric("hi"), step_at(ref, "upper", t), rtol=1e-6)
    run(s, "stset t, failure(d) enter(time t0)")
    run(s, "sts generate lo2 = lb(na) hi2 = ub(na)")
    ref = NA["na_entry"]
    np.testing.assert_allclose(s.data.numeric("lo2"), step_at(ref, "lower", t), rtol=1e-6)
    np.testing.assert_allclose(s.data.numeric("hi2"), step_at(ref, "upper", t), rtol=1e-6)


def test_generate_bounds_missing_before_the_first_failure(s):
    # without the failures up to 6, the records censored at 5 and 6 come before any failure: H = 0
    run(s, "sts generate H = na lo = lb(na) hi = ub(na) if !(d == 1 & t <= 6)")
    t, d = s.data.numeric("t"), s.data.numeric("d")
    early = (t <= 6) & (d == 0)
    assert early.any() and (s.data.numeric("H")[early] == 0).all()
    assert np.isnan(s.data.numeric("lo")[early]).all() and np.isnan(s.data.numeric("hi")[early]).all()
    later = (t > 6)
    assert np.isfinite(s.data.numeric("lo")[later]).all()


# ---------------------------------------------------------------- sts list, cumhaz / na
def test_list_cumhaz_heading_and_rows_against_r(s):
    lines = lines_of(s, "sts list, cumhaz level(90) noshow")
    assert lines[:4] == ["",
                         "           Beg.          Net          Nelson-Aalen    Std.",
                         "  Time    Total   Fail   Lost           Cum. Haz.    Error     [90% Conf. Int.]",
                         "-" * 79]
    ref = NA["na_plain90"]
    body = lines[4:-1]
    assert len(body) == len(ref["time"])
    for line, t, n, h, se, lo, hi in zip(body, ref["time"], ref["n_risk"], ref["cumhaz"], ref["se"], ref["lower"],
                                          ref["upper"]):
        fields = line.split()
        assert [float(fields[0]), float(fields[1])] == [t, n]
        assert fields[4:] == [fixed(h), fixed(se), fixed(lo), fixed(hi)]
    na_out = lines_of(s, "sts list, na level(90) noshow")
    assert na_out == lines
    assert lines_of(s, "sts list, cumhaz level(99.9) noshow")[2].endswith("Error   [99.9% Conf. Int.]")


def test_list_cumhaz_at_times(s):
    lines = lines_of(s, "sts list, cumhaz at(5 10) noshow")
    assert lines[1:3] == ["              Beg.                    Nelson-Aalen    Std.",
                          "    Time     Total     Fail             Cum. Haz.    Error     [95% Conf. Int.]"]
    assert lines[-2].startswith("Note:  Nelson-Aalen function is calculated")
    ref = KM["plain"]
    row = lines[4].split()
    assert row[0] == "5" and row[3] == fixed(step_at(ref, "cumhaz", [5])[0])


# ---------------------------------------------------------------- sts list, enter
def test_list_enter_shows_entries_and_pure_censoring(s):
    run(s, "stset t, failure(d) enter(time t0)")
    lines = lines_of(s, "sts list, enter noshow")
    assert lines[1:3] == ["           Beg.                         Survivor      Std.",
                          "  Time    Total   Fail   Lost  Enter    Function     Error     [95% Conf. Int.]"]
    body = [line.split() for line in lines[4:-1]]
    t0, t, d = (s.data.numeric(v) for v in ("t0", "t", "d"))
    assert body[0] == ["0", "0", "0", "0", str(int((t0 == 0).sum())), "1.0000", ".", ".", "."]
    for fields in body[1:]:
        u = float(fields[0])
        assert int(fields[1]) == int(((t0 < u) & (t >= u)).sum())
        assert [int(x) for x in fields[2:5]] == [int(((t == u) & (d == 1)).sum()), int(((t == u) & (d == 0)).sum()),
                                                 int((t0 == u).sum())]
    ref = KM["entry"]
    rows = {float(f[0]): f for f in body[1:]}
    for u, sv in zip(ref["time"], ref["surv"]):
        assert rows[u][5] == fixed(sv)
    # without enter the entry-only times show a negative net loss and time 0 is not listed
    plain = [line.split() for line in lines_of(s, "sts list, noshow")[4:-1]]
    assert plain[0][0] != "0"
    entry_only = [f for f in plain if int(f[3]) < 0]
    assert entry_only and all(float(f[0]) in set(t0[t0 > 0]) for f in entry_only)


# ---------------------------------------------------------------- sts list, compare
def test_compare_default_grid_layout_and_values(s):
    lines = lines_of(s, "sts list, by(g) compare noshow")
    assert lines[:4] == ["", "                 -----Survivor Function------", "g                   low        mid"
                         "       high", "-" * 45]
    grid = list(range(1, 32, 3))  # Reat: int(1) by int((30 - 1) / 8) until past 30
    body = lines[4:-1]
    assert [int(line[4:12]) for line in body] == grid and body[0].startswith("time") and lines[-1] == "-" * 45
    for k, ref in enumerate(KM["groups"]):
        expected = step_at(ref, "surv", grid, before=1.0)
        expected[-1] = np.nan  # past the group's last time
        got = [line[12 + 11 * k:23 + 11 * k].strip() for line in body]
        assert got == [fixed(v) for v in expected]


def test_compare_failure_cumhaz_at_and_blocks_of_six(s):
    lines = lines_of(s, "sts list, by(g) compare at(2 4 8) failure noshow")
    assert lines[1] == "                 ------Failure Function------"
    assert [line[:12] for line in lines[4:7]] == ["time       2", "           4", "           8"]
    lines = lines_of(s, "sts list, by(g) compare cumhaz at(5) noshow")
    assert lines[1] == "                 ---Nelson-Aalen Cum. Haz.---"
    run(s, "gen s3 = mod(floor((id - 1) / 3), 3)")
    lines = lines_of(s, "sts list, by(g s3) compare at(5 10) noshow")
    blocks = [i for i, line in enumerate(lines) if line == ""]
    assert len(blocks) == 2  # nine groups: six, then three
    first, second = lines[1:blocks[1]], lines[blocks[1] + 1:]
    assert first[1].split() == ["g", "low", "low", "low", "mid", "mid", "mid"]
    assert first[2].split() == ["s3", "0", "1", "2", "0", "1", "2"] and first[3] == "-" * 78
    assert second[0] == "                 -----Survivor Function------" and second[3] == "-" * 45


# ---------------------------------------------------------------- at(#)
def test_at_number_is_a_grid_of_times(s):
    lines = lines_of(s, "sts list, at(6) noshow")
    assert [float(line.split()[0]) for line in lines[4:-3]] == [1, 8, 15, 22, 29, 36]
    assert lines[-4].split()[1:] == ["12", "0", ".", ".", ".", "."]  # past the last time


# ---------------------------------------------------------------- saving()
def test_saving_table_at_and_compare(s, tmp_path):
    path = tmp_path / "km"
    run(s, f'sts list, by(g) saving("{path}") noshow')
    saved = survival_reference_session("sts_km.csv", f'use "{path}.dta", clear')
    assert list(saved.data.varnames) == ["g", "time", "begin", "fail", "net_lost", "survivor", "std_err", "lb", "ub"]
    assert saved.data.var_labels["survivor"] == "Survivor Function"
    assert saved.data.var_labels["lb"] == "Lower Bound of 95% Conf. Int."
    low = saved.data.numeric("g") == 1
    np.testing.assert_allclose(saved.data.numeric("survivor")[low], KM["groups"][0]["surv"], rtol=1e-12)
    out, rc = run(s, f'sts list, saving("{path}") noshow', stop_on_error=False)
    assert rc == 602 and "already exists" in out and "Survivor" in out  # the table, then the error
    run(s, f'sts list, enter cumhaz saving("{path}", replace) noshow')
    saved = survival_reference_session("sts_km.csv", f'use "{path}.dta", clear')
    assert list(saved.data.varnames) == ["time", "begin", "fail", "lost", "enter", "cumhaz", "std_err", "lb", "ub"]
    assert saved.data.var_labels["cumhaz"] == "Nelson-Aalen Cum. Haz. Function"
    run(s, f'sts list, at(5 10) failure saving("{path}", replace) noshow')
    saved = survival_reference_session("sts_km.csv", f'use "{path}.dta", clear')
    assert list(saved.data.varnames) == ["time", "begin", "fail", "failure", "std_err", "lb", "ub"]
    assert saved.data.types["failure"] == "float"
    run(s, f'sts list, by(g) compare at(5 10) saving("{path}", replace) noshow')
    saved = survival_reference_session("sts_km.csv", f'use "{path}.dta", clear')
    assert list(saved.data.varnames) == ["time", "survivor_1", "survivor_2", "survivor_3"]
    assert saved.data.var_labels["survivor_2"] == "Survivor Function for  g=2"
    np.testing.assert_allclose(saved.data.numeric("survivor_1"), step_at(KM["groups"][0], "surv", [5, 10]),
                               rtol=1e-6)


def test_list_option_errors(s):
    for text, message in (("sts list, risktable(10)", "option risktable() not allowed"),
                          ("sts list, compare", "compare requires by() or strata()"),
                          ("sts list, cumhaz compare", "compare requires by()"),
                          ("sts list, failure cumhaz", "options failure and cumhaz may not be combined"),
                          ("sts list, cumhaz na", "options cumhaz and na may not be combined"),
                          ("sts list, at(2.5)", "at(2.5) invalid"),
                          ("sts list, saving(a, rep)", "option saving() misspecified")):
        out, code = run(s, text, stop_on_error=False)
        assert code == 198 and message in out, (text, out)
