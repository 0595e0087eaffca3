"""sts graph/list/generate with adjustfor()/strata(), hazard, separate, per(), gwood, cna and
ci with cumhaz: numbers against R (tests/survival_reference/sts_adjusted.R -> .json: coxph
ties="breslow" (+ strata) and survfit at x = 0 with stype = 1 (Kalbfleisch-Prentice); the
hazard as a hand kernel sum; the Nelson-Aalen log band), Stata's texts, and the drawn figure."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from graphs_helpers import (all_texts, axes, drawn, legend_texts, refused, run, segments,
                            survival_reference_session, tick_texts)

HERE = Path(__file__).parent / "survival_reference"
REF = json.loads((HERE / "sts_adjusted.json").read_text())
KM = json.loads((HERE / "sts_km.json").read_text())


@pytest.fixture()
def s():
    session = survival_reference_session("sts_km.csv", "stset t, failure(d)")
    run(session, 'label define gl 1 "low" 2 "mid" 3 "high"\nlabel values g gl\n'
                 "generate x = (mod(id*37, 11) - 5)/4\ngenerate z = mod(id, 3) == 0")
    return session


def with_origin(ref, key="surv"):
    return np.r_[0.0, ref["time"]], np.r_[1.0, ref[key]]


def error(s, text):
    out, rc = run(s, text, stop_on_error=False)
    # the message's first line, after the st settings sts graph prints before SmoothHazard's errors
    lines = [line for line in out.splitlines() if line.strip() and " _d:  " not in line and " _t:  " not in line]
    return lines[0] if lines else "", rc


# ---------------------------------------------------------------- adjustfor() / strata()
def test_graph_adjustfor_is_the_cox_baseline_at_zero(s):
    graph, fig = drawn(s, "sts graph, adjustfor(x)")
    (line,) = graph.panels[0].series
    xs, ys = with_origin(REF["adjust_x"])
    np.testing.assert_allclose(line.x, xs)
    np.testing.assert_allclose(line.y, ys, atol=1e-9)
    texts = all_texts(fig)
    assert "Survivor function\nadjusted for x" in texts
    assert tick_texts(axes(fig), "y") == ["0.00", "0.25", "0.50", "0.75", "1.00"]
    graph, _ = drawn(s, "sts graph, adjustfor(x z)")
    np.testing.assert_allclose(graph.panels[0].series[0].y, with_origin(REF["adjust_xz"])[1], atol=1e-9)


def test_graph_strata_one_fit_a_baseline_per_stratum(s):
    graph, fig = drawn(s, "sts graph, adjustfor(x) strata(g)")
    lines = graph.panels[0].series
    assert len(lines) == 3
    for line, ref in zip(lines, REF["adjust_strata"]):
        xs, ys = with_origin(ref)
        np.testing.assert_allclose(line.x, xs)
        np.testing.assert_allclose(line.y, ys, atol=1e-9)
    assert legend_texts(fig) == ["g = low", "g = mid", "g = high"]
    assert "Survivor functions\nadjusted for x" in all_texts(fig)
    _, fig = drawn(s, "sts graph, by(g)")  # Graph_wrk's plural with groups
    assert "Kaplan-Meier survival estimates" in all_texts(fig)


def test_graph_by_fits_each_group_and_failure(s):
    graph, fig = drawn(s, "sts graph, by(g) adjustfor(x) failure")
    for line, ref in zip(graph.panels[0].series, REF["adjust_by"]):
        np.testing.assert_allclose(line.y, 1 - with_origin(ref)[1], atol=1e-9)
    assert "Failure functions\nadjusted for x" in all_texts(fig)
    # by() fits differ from strata()'s common coefficient
    assert not np.allclose(REF["adjust_by"][0]["surv"][:3], REF["adjust_strata"][0]["surv"][:3])


def test_graph_adjustfor_with_delayed_entry(s):
    run(s, "stset t, failure(d) enter(time t0)")
    graph, _ = drawn(s, "sts graph, adjustfor(x) noorigin")
    line = graph.panels[0].series[0]
    np.testing.assert_allclose(line.x, REF["adjust_entry"]["time"])
    np.testing.assert_allclose(line.y, REF["adjust_entry"]["surv"], atol=1e-9)


LIST_HEAD = ["", " " * 15 + "Adjusted", "  Time    Survivor Function", "-" * 27]


def test_list_adjustfor_layout_and_numbers(s):
    out, rc = run(s, "sts list, adjustfor(x) noshow")
    assert rc == 0
    lines = out.splitlines()
    assert lines[:4] == LIST_HEAD
    ref = REF["adjust_x"]
    body = lines[4:4 + len(ref["time"])]
    for line, t, v in zip(body, ref["time"], ref["surv"]):
        assert line == f"{t:6g}     {v:11.4f}"
    assert lines[4 + len(ref["time"]):] == ["-" * 27, "Survivor function adjusted for x"]


def test_list_strata_headings_failure_and_at(s):
    out, rc = run(s, "sts list, adjustfor(x) strata(g) failure at(5 10 40) noshow")
    assert rc == 0
    lines = out.splitlines()
    assert lines[:4] == ["", " " * 18 + "Adjusted", "    Time     Failure Function", "-" * 29]
    assert lines[4] == "low "
    ref = REF["adjust_strata"][0]
    i = np.searchsorted(ref["time"], 5, side="right") - 1
    assert lines[5] == f"{5:8g}     {1 - ref['surv'][i]:11.4f}"
    assert lines[7] == f"{40:8g}               ."   # beyond the last time
    assert lines[-2:] == ["-" * 29, "Failure function adjusted for x"]


def test_generate_s_and_h_adjusted(s):
    run(s, "sts generate sa = s ha = h, adjustfor(x) by(g)")
    t, g = s.data.numeric("t"), s.data.numeric("g")
    sa, ha = s.data.numeric("sa"), s.data.numeric("ha")
    for k, ref in enumerate(REF["adjust_by"], start=1):
        at = g == k
        idx = np.searchsorted(ref["time"], t[at], side="right") - 1
        np.testing.assert_allclose(sa[at], np.asarray(ref["surv"])[idx], atol=1e-6)  # float storage
        # basehc: 1 - S(t)/S(t-) on failing records
        surv = np.r_[1.0, ref["surv"]]
        dead = at & (s.data.numeric("d") == 1)
        j = np.searchsorted(ref["time"], t[dead])
        np.testing.assert_allclose(ha[dead], 1 - surv[j + 1] / surv[j], atol=1e-6)
    assert np.isnan(ha[s.data.numeric("d") == 0]).all()
    assert s.data.var_labels["sa"] == "S(t+0), adjusted"
    assert s.data.types["sa"] == "double"  # DoAdjust with by(): gen double
    before = list(s.data.df.columns)
    assert error(s, "sts generate s2 = s n1 = n, adjustfor(x)") == ("cannot calculate n1=n with adjustfor()", 198)
    assert error(s, "sts generate s2 = s, strata(g)") == ("strata() requires adjustfor(); perhaps you mean by()", 198)
    assert list(s.data.df.columns) == before


@pytest.mark.parametrize("command, message", [
    ("sts graph, strata(g)", "strata() requires adjustfor(); perhaps you mean by()"),
    ("sts graph, by(g) strata(g) adjustfor(x)", "options by() and strata() may not be combined"),
    ("sts graph, separate", "option separate requires either by() or strata()"),
    ("sts graph, adjustfor(x) cumhaz", "options adjustfor() and cumhaz may not be combined"),
    ("sts graph, adjustfor(x) ci", "options adjustfor() and ci may not be combined"),
    ("sts graph, adjustfor(x) hazard ci", "options adjustfor() and ci may not be combined"),
    ("sts graph, adjustfor(x) gwood", "options adjustfor() and gwood may not be combined"),
    ("sts graph, hazard by(g id)",
     'may not specify hazard with more than one by/strata variable;'),
    ("sts graph, adjustfor(x) censored(single)",
     "options atrisk, censored, lost, and enter may not be combined with adjustfor()"),
    ("sts graph, failure hazard", "options failure and hazard may not be combined"),
    ("sts graph, hazard per(10)", "option hazard not allowed with per()"),
    ("sts graph, kernel(gaussian)", "option kernel() only allowed with hazard"),
    ("sts graph, noboundary", "option noboundary only allowed with hazard"),
    ("sts graph, cna", "option cna may not be used with the default survivor function"),
    ("sts graph, cumhaz gwood", "options cumhaz and gwood may not be combined"),
    ("sts graph, ci gwood", "options ci and gwood may not be combined"),
    ("sts graph, cumhaz per(10)", "options cumhaz and per() may not be combined"),
    ("sts graph, ci per(10)", "option ci not allowed with per()"),
    ("sts graph, hazard width(40)", "left and right boundary regions overlap;"),
    ("sts list, adjustfor(x) strata(g) by(g)", "options by() and strata() may not be combined"),
])
def test_errors_as_sts_ado(s, command, message):
    assert error(s, command) == (message, 198)
    assert len(s.graphs) == 0


# ---------------------------------------------------------------- hazard
def test_graph_hazard_kernel_sum_boundary_restricted(s):
    graph, fig = drawn(s, "sts graph, hazard width(4)")
    (line,) = graph.panels[0].series
    ref = REF["hazard"]
    np.testing.assert_allclose(line.x, ref["at"], atol=1e-12)
    np.testing.assert_allclose(line.y, ref["y"], atol=1e-12)
    (seg,) = segments(fig, "p1-s1-line")  # connect(l): straight lines through the points
    assert len(seg) == len(ref["at"])
    assert "Smoothed hazard estimate" in all_texts(fig) and legend_texts(fig) == []
    graph, _ = drawn(s, "sts graph, hazard width(4) noboundary")
    np.testing.assert_allclose(graph.panels[0].series[0].y, REF["hazard_noboundary"]["y"], atol=1e-12)
    assert len(graph.panels[0].series[0].x) == 101


def test_graph_hazard_ci_band(s):
    graph, fig = drawn(s, "sts graph, hazard width(4) ci")
    band, line = graph.panels[0].series
    ref = REF["hazard"]
    np.testing.assert_allclose(band.x, ref["at"], atol=1e-12)
    np.testing.assert_allclose(band.y, ref["lower"], atol=1e-12)
    np.testing.assert_allclose(band.y2, ref["upper"], atol=1e-12)
    assert legend_texts(fig) == ["95% CI", "Smoothed hazard function"]


def test_graph_hazard_by_common_grid(s):
    graph, fig = drawn(s, "sts graph, hazard by(g) width(6 6 6)")
    for line, ref in zip(graph.panels[0].series, REF["hazard_by"]):
        np.testing.assert_allclose(line.x, ref["at"], atol=1e-12)
        np.testing.assert_allclose(line.y, ref["y"], atol=1e-12)
    assert "Smoothed hazard estimates" in all_texts(fig)
    assert legend_texts(fig) == ["g = low", "g = mid", "g = high"]


def test_graph_hazard_default_width_and_kernels(s):
    from mlmcli.graphs.smoothers import silverman_bandwidth

    ref = REF["hazard"]  # width(4)'s contributions: the failure times, d/n
    graph, _ = drawn(s, "sts graph, hazard")
    line = graph.panels[0].series[0]
    times = np.unique(np.asarray(KM["plain"]["time"])[np.asarray(KM["plain"]["n_event"]) > 0])
    n = np.asarray(KM["plain"]["n_risk"])[np.asarray(KM["plain"]["n_event"]) > 0]
    dn = np.asarray(KM["plain"]["n_event"])[np.asarray(KM["plain"]["n_event"]) > 0] / n
    h = silverman_bandwidth(times, dn, "iweight")
    assert line.x.min() >= times.min() + h - 1e-9 and line.x.max() <= times.max() - h + 1e-9
    assert len(ref["at"]) > len(line.x)  # a wider default band: fewer points kept
    graph, _ = drawn(s, "sts graph, hazard kernel(gaussian) width(4) noboundary")
    z = (graph.panels[0].series[0].x[:, None] - times[None, :]) / 4
    np.testing.assert_allclose(graph.panels[0].series[0].y,
                               np.exp(-z * z / 2) / np.sqrt(2 * np.pi) @ dn / 4, atol=1e-12)
    graph, _ = drawn(s, "sts graph, hazard kernel(epan2)")  # boundary kernels: every point kept
    assert len(graph.panels[0].series[0].x) == 101


def test_graph_adjusted_hazard_smooths_basehc(s):
    graph, _ = drawn(s, "sts graph, hazard adjustfor(x) width(4) noboundary")
    ref = REF["adjust_x"]
    surv = np.r_[1.0, ref["surv"]]
    basehc = 1 - surv[1:] / surv[:-1]
    times = np.asarray(ref["time"])[basehc > 0]
    line = graph.panels[0].series[0]
    z = (line.x[:, None] - times[None, :]) / 4
    k = np.where(np.abs(z) < np.sqrt(5), 0.75 * (1 - z * z / 5) / np.sqrt(5), 0)
    np.testing.assert_allclose(line.y, k @ basehc[basehc > 0] / 4, atol=1e-9)


# ---------------------------------------------------------------- bands, per(), separate
def test_graph_cumhaz_ci_is_nelson_aalen_log_band(s):
    graph, fig = drawn(s, "sts graph, cumhaz ci")
    band, line = graph.panels[0].series
    ref = REF["na_ci"]
    # the band holds each failure time's bounds until the next table row (stairs)
    at = np.searchsorted(band.x, ref["time"], side="right") - 1
    np.testing.assert_allclose(band.y[at], ref["lower"], atol=1e-12)
    np.testing.assert_allclose(band.y2[at], ref["upper"], atol=1e-12)
    assert legend_texts(fig) == ["95% CI", "Cumulative hazard"]
    graph2, _ = drawn(s, "sts graph, cumhaz cna")
    np.testing.assert_allclose(graph2.panels[0].series[0].y, band.y)


def test_graph_gwood_is_ci(s):
    graph, _ = drawn(s, "sts graph, gwood")
    graph2, _ = drawn(s, "sts graph, ci")
    np.testing.assert_allclose(graph.panels[0].series[0].y, graph2.panels[0].series[0].y)


def test_graph_per_scales_the_function_and_labels(s):
    graph, fig = drawn(s, "sts graph, per(100)")
    line = graph.panels[0].series[0]
    np.testing.assert_allclose(line.y, 100 * np.r_[1.0, KM["plain"]["surv"]], atol=1e-9)
    assert tick_texts(axes(fig), "y") == ["0.00", "25.00", "50.00", "75.00", "100.00"]
    assert "Kaplan-Meier survival estimate per 100" in all_texts(fig)


def test_graph_separate_one_panel_per_group(s):
    graph, fig = drawn(s, "sts graph, by(g) separate")
    assert len(graph.panels) == 3
    for panel, ref in zip(graph.panels, KM["groups"]):
        (line,) = panel.series
        np.testing.assert_allclose(line.y, np.r_[1.0, ref["surv"]], atol=1e-12)
    texts = all_texts(fig)
    assert "Kaplan-Meier survival estimates" in texts and {"low", "mid", "high"} <= set(texts)
    assert legend_texts(fig) == []
    graph, fig = drawn(s, "sts graph, adjustfor(x) strata(g) separate")
    for panel, ref in zip(graph.panels, REF["adjust_strata"]):
        np.testing.assert_allclose(panel.series[0].y, with_origin(ref)[1], atol=1e-9)


def test_generate_strata_one_fit_and_outside_sample_missing(s):
    run(s, "sts generate ss = s if g != 3, adjustfor(x) strata(g)")
    t, g, ss = s.data.numeric("t"), s.data.numeric("g"), s.data.numeric("ss")
    assert np.isnan(ss[g == 3]).all()
    # two strata fitted together: not the three-strata reference, but each its own baseline
    assert not np.isnan(ss[g != 3]).any()
    run(s, "sts generate sa = s, adjustfor(x) strata(g)")
    for k, ref in enumerate(REF["adjust_strata"], start=1):
        at = g == k
        idx = np.searchsorted(ref["time"], t[at], side="right") - 1
        np.testing.assert_allclose(s.data.numeric("sa")[at], np.asarray(ref["surv"])[idx], atol=1e-6)


# ------------------------------------------- sts list, adjustfor() with compare, at(#), saving(), enter
def _in_effect(ref, u, failure=False, compare=False):
    """The stratum's adjusted value in effect at u as Listata (compare: Licompu) reads its rows."""
    times, surv = np.asarray(ref["time"]), np.asarray(ref["surv"])
    i = np.searchsorted(times, u, side="right") - 1
    if i < 0:
        return 1.0 if compare or not failure else 0.0
    if (compare and i == times.size - 1 and times[i] != u) or (not compare and u > times[-1]):
        return float("nan")
    return 1 - surv[i] if failure else surv[i]


def _fixed(v):
    return ("." if np.isnan(v) else f"{v:.4f}").rjust(11)


def test_list_adjusted_compare_licompu_blocks(s):
    out, rc = run(s, "sts list, adjustfor(x) strata(g) compare at(3 12 50) noshow")
    assert rc == 0, out
    lines = out.splitlines()
    title = "Adjusted Survivor Function"  # centred in dashes over 3 * 11 - 5 columns from column 18
    left = (28 - len(title)) // 2
    assert lines[1] == " " * 17 + "-" * left + title + "-" * (28 - len(title) - left)
    assert lines[2] == "g" + " " * 11 + "low".rjust(11) + "mid".rjust(11) + "high".rjust(11)
    assert lines[3] == "-" * 45
    for line, u, head in zip(lines[4:7], (3, 12, 50), ("time", "    ", "    ")):
        values = [_in_effect(ref, u, compare=True) for ref in REF["adjust_strata"]]
        assert line == head + f"{u:8g}" + "".join(_fixed(v) for v in values)
    assert lines[7:] == ["-" * 45, "Survivor function adjusted for x"]
    out, rc = run(s, "sts list, adjustfor(x) compare", stop_on_error=False)
    assert rc == 198 and "compare requires by() or strata()" in out


def test_list_adjusted_at_grid_is_reat_over_the_adjusted_rows(s):
    out, rc = run(s, "sts list, adjustfor(x) strata(g) at(5) noshow")
    assert rc == 0, out
    times = np.concatenate([ref["time"] for ref in REF["adjust_strata"]])
    tmin, tmax = times[times != 0].min(), times.max()
    dt = (tmax - tmin) / 3
    dt = float(int(dt)) if dt >= 1 else dt
    grid = [float(int(tmin))]
    while grid[-1] < tmax:
        grid.append(grid[-1] + dt)
    lines = out.splitlines()
    assert lines[4] == "low "
    body = lines[5:5 + len(grid)]
    assert body == [f"{u:8g}     " + _fixed(_in_effect(REF["adjust_strata"][0], u)) for u in grid]


def test_list_adjusted_saving_table_at_and_compare(s, tmp_path):
    from mlmcli.fileformats.dta_read import read_dta

    path = tmp_path / "adj.dta"
    out, rc = run(s, f'sts list, adjustfor(x) strata(g) noshow saving("{path}")')
    assert rc == 0, out
    ds = read_dta(str(path))[0]
    assert list(ds.df.columns) == ["g", "time", "survivor"]
    low = ds.df[ds.df["g"] == 1]
    np.testing.assert_allclose(low["time"], REF["adjust_strata"][0]["time"])
    np.testing.assert_allclose(low["survivor"], REF["adjust_strata"][0]["surv"], rtol=1e-9)
    assert ds.var_labels["survivor"] == "Adjusted Survivor Function" and ds.types["survivor"] == "double"
    out, rc = run(s, f'sts list, adjustfor(x) strata(g) failure at(5 10) noshow saving("{path}", replace)')
    ds = read_dta(str(path))[0]
    assert list(ds.df.columns) == ["g", "time", "failure"] and ds.types["failure"] == "float"
    assert ds.var_labels["failure"] == "Adjusted Failure Function"
    np.testing.assert_allclose(ds.df["failure"][:2], [_in_effect(REF["adjust_strata"][0], u, True) for u in (5, 10)],
                               rtol=1e-6)
    out, rc = run(s, f'sts list, adjustfor(x) strata(g) compare at(5 10) noshow saving("{path}", replace)')
    ds = read_dta(str(path))[0]
    assert list(ds.df.columns) == ["time", "survivor_1", "survivor_2", "survivor_3"]
    assert ds.var_labels["survivor_2"] == "Adjusted Survivor Function for  g=2"
    out, rc = run(s, f'sts list, adjustfor(x) noshow saving("{path}")', stop_on_error=False)
    assert rc == 602 and "Survivor function adjusted for x" in out  # the listing, then the file's error


def test_list_adjusted_enter_is_the_plain_adjusted_listing(s):
    """List's adjustfor() branch never reads enter (no Enter column, the same rows)."""
    plain, _ = run(s, "sts list, adjustfor(x) strata(g) noshow")
    entered, rc = run(s, "sts list, adjustfor(x) strata(g) enter noshow")
    assert rc == 0 and entered == plain
