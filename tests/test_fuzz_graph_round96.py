"""Round 13b of the fuzz (tests/fuzz_graph_round96.py: graph commands with an option soup on the
fuzz's data shapes): the lines it found, run on the fuzz's own data with its checks (no internal
error, no hang, the data unchanged and no file written when the line fails, no file written over
without replace) and the rc each now gives; a test of each behaviour; and a bounded run of the
generator (``MLM_GRAPH_FUZZ_COUNT`` lines, 30 by default, the same ones every run, stopped after
``MLM_GRAPH_FUZZ_BUDGET`` seconds)."""
from __future__ import annotations

import io
import os
import warnings

import numpy as np
import pandas as pd
import pytest

import fuzz_graph_round96 as fg
from fuzz_command_lines import Case

COUNT = int(os.environ.get("MLM_GRAPH_FUZZ_COUNT", "30"))
BUDGET = float(os.environ.get("MLM_GRAPH_FUZZ_BUDGET", "8"))

# (shape, setup, line, rc) as the round-96 fuzz ran them (BASE's variables made first)
FOUND = [
    # graph export with a few pixels: FreeType refused text under one pixel per em (RuntimeError)
    ("full", ("twoway lfit y x1",), "graph export g96.tif, height(10)", 0),
    ("full", ("twoway lfit y x1",), "graph export g96.gph, as(png) height(10)", 0),
    # twoway function n(1e300): numpy's "Maximum allowed size exceeded" (ValueError)
    ("dates", (), "twoway function y = x, n(1e300), yline(0, nosuch) xscale(log range(-1 10))", 198),
    ("one", (), "quietly graph twoway (function y = exp(x), range(0 1000)) (function y = x, n(1e300)), name(g1, replace)", 198),
    # kdensity/histogram normal of values near 1e300: the variance's squares overflowed (numpy's warning)
    ("full", (), "capture kdensity huge, bwidth(1e300) ytick(., ) scale(-1)", 198),
    ("full", (), "kdensity huge, bwidth(1e300) xlabel(1 \"one\" 2 \"two\") xscale(alt)", 0),
    ("holes", (), "twoway (kdensity huge, msize(5pt)), ysize(1e300pt) by(b, legend(off))", 198),
    ("holes", (), "twoway (kdensity huge, msize(5pt)), by(b, legend(off))", 0),
    ("huge", (), "histogram y, normopts(lpattern(dash)) yscale(range(abc)) by(k, imargin(small))", 121),
    ("huge", (), "histogram y, normal by(k, imargin(small))", 0),
    # lpolyci of a constant y: the rule-of-thumb bandwidth is 0, the local fits divided by it
    ("full", (), 'twoway qfit pos dd || lpolyci zero x1, level(99.99), yscale(range(0 1e300)) title("{bf:")', 0),
    # fpfit of y near 1e300: regress's sums of squares in the FP search and rmse ** 2 overflowed
    ("full", (), "twoway line m tt || fpfit huge k, barwidth(-1), yscale(reverse log) xlabel(1/3, angle(45)) "
                 "ylabel(mdy(1,1,2000), grid) legend(pos(6))", 198),
    ("full", (), "twoway line m tt || fpfit huge k, barwidth(-1), yscale(reverse log) legend(pos(6))", 0),
    ("full", (), "twoway fpfit huge t2", 0),
    ("full", (), "twoway fpfitci huge t2", 0),
    ("huge", (), "twoway fpfitci y t2", 0),
    # graph bar percentages of a group summing to 0 (0/0) or past the double range (100 x overflowed)
    ("extmiss", (), "graph bar (p50) zero, over(f) percentages", 0),
    ("huge", (), "graph bar (sum) y x2, over(f) percentages", 0),
    # graph pie of sums past the double range (a missing slice, no slice) and shares of slices near 1e307
    ("huge", (), "graph pie y x2", 2000),
    ("huge", (), "graph pie y, over(f) plabel(_all percent)", 2000),
    ("huge", (), "graph pie y x1 in 1/2, plabel(_all percent)", 0),
    # graph bar over(, sort(1)) with an over() group that has no values: numpy's "Mean of empty slice"
    ("extmiss", (), "graph bar (sum) m y, bargap(1e300) over(f, sort(1) descending) over(z)", 0),
    # n(1e300) of twoway kdensity, lpoly, lfit: "Maximum allowed size exceeded" (ValueError)
    ("full", (), "capture noisily graph twoway rspike hi lo neg, mlcolor(red) || lfitci y x2 || kdensity y, "
                 "mfcolor(%50) barwidth(1e300) n(1e300), xscale(reverse) scheme() xscale(range(1e300 -1e300))", 198),
    ("full", (), "twoway lfit y x1, n(1e300)", 198),
    ("full", (), "twoway lpoly y x1, n(1e300)", 198),
    ("full", (), "twoway lfit y x1, n(0)", 0),  # fewer than 2 points: 2, as before
    # spagplot of y near 8.98e307: each id's mean of y overflowed (numpy warning)
    ("huge", (), "quietly spagplot y x1, id(s) yline(0(1)5)", 0),
    ("full", (), "spagplot y huge, id(g)", 0),
]


@pytest.mark.parametrize("shape,setup,line,rc", FOUND, ids=[f[2] for f in FOUND])
def test_round96_lines_run_as_stata_does(tmp_path, monkeypatch, shape, setup, line, rc):
    import fuzz_commands as fc

    monkeypatch.setattr(fc, "LIMIT", 20.0)
    fc.prepare_folder(str(tmp_path))
    with warnings.catch_warnings():  # as the fuzz ran: numpy's floating-point warnings are errors
        warnings.filterwarnings("error", category=RuntimeWarning, module="numpy")
        got, findings, printed = fg.run_case_watching_graph_files(Case("found", shape, fg.BASE + tuple(setup), line),
                                                                  str(tmp_path))
    assert not findings, findings[0].detail
    assert got == rc, printed


def test_round96_generator_lines_keep_their_promises(monkeypatch):
    import fuzz_commands as fc

    monkeypatch.setattr(fc, "LIMIT", 10.0)
    cases = fg.round96_cases(seed=7, count=COUNT)
    assert cases == fg.round96_cases(seed=7, count=COUNT)  # deterministic
    assert {c.command for c in cases} >= {"twoway", "categorical", "univariate", "postgraph"}
    report = io.StringIO()
    summary = fg.run_all(cases, budget=BUDGET, out=report)
    assert summary.lines >= min(len(cases), 10), "too few lines ran"
    assert not [f for f in summary.findings if not f.known], report.getvalue()[-6000:]


def test_the_file_checks_can_fail(tmp_path, monkeypatch):
    """A failing line that writes a file, and a line without replace that writes over old.png,
    are findings."""
    import fuzz_commands as fc
    from mlmcli.runner import Runner

    fc.prepare_folder(str(tmp_path))
    original = Runner.run_text

    def writes(self, text, *args, **kwargs):
        if text.startswith("fake"):
            with open("old.png" if "over" in text else "g96.png", "wb") as fh:
                fh.write(b"x")
            return 198 if "fail" in text else 0
        return original(self, text, *args, **kwargs)

    monkeypatch.setattr(Runner, "run_text", writes)
    for line, complaint in (("fake fail", "failing line"), ("fake over", "without replace")):
        _, findings, _ = fg.run_case_watching_graph_files(Case("t", "full", (), line), str(tmp_path))
        assert any(complaint in f.detail for f in findings), line


def test_a_png_of_a_few_pixels_has_the_size_asked_for(tmp_path, monkeypatch):
    from PIL import Image

    runner, session = _session(tmp_path, monkeypatch)
    for line in ("scatter y x1", "graph export tall.png, height(10)", "graph export wide.tif, width(8)",
                 "graph export both.png, width(9) height(12)", "graph export ref.png, height(100)"):
        assert runner.run_text(line, echo=False) == 0, session.out.stream.getvalue()
    ref = Image.open(tmp_path / "ref.png").size
    assert Image.open(tmp_path / "tall.png").size == (int(ref[0] / 10), 10)
    assert Image.open(tmp_path / "wide.tif").size[0] == 8
    assert Image.open(tmp_path / "both.png").size == (9, 12)


def test_twoway_function_refuses_more_points_than_stata_has_integers(tmp_path, monkeypatch):
    runner, session = _session(tmp_path, monkeypatch)
    for n in ("1e300", "2147483648", ".", "0"):
        assert runner.run_text(f"twoway function y = x, n({n})", echo=False) == 198, n
    assert "option n() incorrectly specified" in session.out.stream.getvalue()
    assert runner.run_text("twoway function y = x, n(2)", echo=False) == 0


def test_the_normal_curves_moments_are_summarizes_for_values_near_the_largest_double():
    from mlmcli.summary_statistics import normal_moments, weighted_moments

    rng = np.random.default_rng(96)
    x = rng.normal(size=30)
    mean, sd = normal_moments(x, None, x.size)
    assert mean == float(np.average(x)) and sd == float(np.std(x, ddof=1))  # the same bits as unscaled
    huge = x * 4e307
    mean, sd = normal_moments(huge, None, huge.size)
    moments = weighted_moments(huge, np.ones_like(huge), "fweight")
    assert mean == pytest.approx(moments["mean"], rel=1e-12) and sd == pytest.approx(moments["sd"], rel=1e-12)
    assert np.isnan(normal_moments(np.array([-8e307, 8e307, 8e307]), None, 3)[1])  # sd past the range: missing


def test_fpfit_of_y_near_1e300_is_the_fit_of_y_over_a_power_of_two():
    from mlmcli.fractional_polynomials import best_fp

    rng = np.random.default_rng(13)
    x = rng.uniform(0.5, 3, size=40)
    y = 2 + np.log(x) + rng.normal(scale=0.1, size=40)
    small = best_fp(y, x)
    big = best_fp(y * 2.0 ** 1000, x)
    assert big.powers == small.powers
    np.testing.assert_allclose(big.beta, small.beta * 2.0 ** 1000, rtol=1e-12)
    assert np.isnan(big.rss)  # past the double range: missing


def _session(folder, monkeypatch):
    from fuzz_command_data import fresh_session
    from mlmcli.runner import Runner

    monkeypatch.chdir(folder)
    session = fresh_session("full")
    return Runner(session), session


def test_pie_shares_of_slices_near_the_largest_double_are_the_shares_of_their_halves():
    from mlmcli.graphs.pie import SliceLabel, pie_series

    label = [SliceLabel(0, "percent")]
    small = pie_series(np.array([3.0, 1.0]), ["a", "b"], labels=label)
    big = pie_series(np.array([3.0, 1.0]) * 2.0 ** 1022, ["a", "b"], labels=label)  # their sum: past the range
    assert [t.text for t in big[1]] == [t.text for t in small[1]] == ["75%", "25%"]
    assert [tuple(s.x) for s in big[0]] == [tuple(s.x) for s in small[0]]


def test_spagplots_lines_of_y_near_the_largest_double_are_the_lines_of_its_halves():
    from mlmcli.commands.community.spagplot import id_line_fits

    rng = np.random.default_rng(5)
    x, groups = rng.normal(size=24), np.repeat([1.0, 2.0, 3.0], 8)
    y = 1 + x + rng.normal(size=24)
    np.testing.assert_array_equal(id_line_fits(y * 2.0 ** 1020, x, groups), id_line_fits(y, x, groups) * 2.0 ** 1020)
    np.testing.assert_array_equal(id_line_fits(y, x * 2.0 ** 1000, groups), id_line_fits(y, x, groups))
