"""Round 21 of the command fuzz (docs/command_fuzz.md; tests/fuzz_round21_lines.py): postestimation
after the me commands and gsem, mi with odd input, graphs on extreme or empty data, the file
commands with odd paths and read-only files, long and nested macros and loops.  Each test is a
line the fuzz or the hand-written hostile lines found, and the behaviour fixed."""
from __future__ import annotations

import math
import os
import stat
import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fuzz_command_data import run_line_checked as _run  # noqa: E402  (the suite's RuntimeWarning rule)


def _read_only(path: Path) -> None:
    path.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)


# ------------------------------------------------------------------ log/cmdlog on a read-only file
@pytest.mark.parametrize("line", ["log using ro.log, replace", "log using ro.log, append",
                                  "log using ro.log, replace text", "cmdlog using ro.log, replace",
                                  "cmdlog using ro.log, append"])
def test_log_refuses_a_read_only_file_and_leaves_it(tmp_path, monkeypatch, line):
    # found: log using ro.log, replace rewrote a file with no write bit (as root, who may open it)
    monkeypatch.chdir(tmp_path)
    target = tmp_path / "ro.log"
    target.write_text("the user's log\n")
    _read_only(target)
    try:
        rc, printed, session = _run(line)
        assert rc == 608, printed
        assert "file ro.log is read-only; cannot be modified or erased" in printed
        assert target.read_text() == "the user's log\n"
        rc, printed, _ = _run("log query")
        assert "no log file open" in printed or rc == 0
    finally:
        target.chmod(0o644)


def test_log_replace_and_append_of_a_writable_file_still_work(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "w.log").write_text("old\n")
    rc, printed, _ = _run('log using w.log, replace text\ndisplay "fresh"\nlog close\n'
                          'log using w.log, append text\ndisplay "more"\nlog close')
    assert rc == 0, printed
    text = (tmp_path / "w.log").read_text()
    assert "old" not in text and "fresh" in text and "more" in text


# ------------------------------------------------------------------ continue [, break]
@pytest.mark.parametrize("line, rc, message", [
    # found: any option after continue said `unrecognized command:  continue` r(199)
    ("continue, nosuch", 198, "option nosuch not allowed"),
    ("continue, break nosuch", 198, "option nosuch not allowed"),
    ("continue x", 198, "invalid syntax"),
])
def test_continue_refuses_what_its_syntax_does_not_take(line, rc, message):
    got, printed, _ = _run(f"* r21\nforvalues i = 1/3 {{\n{line}\n}}")
    assert got == rc, printed
    assert message in printed and "unrecognized command" not in printed


def test_continue_and_continue_break_still_steer_the_loop():
    rc, printed, _ = _run('* r21\nlocal s\nforvalues i = 1/5 {\nif `i\' == 2 continue\nif `i\' == 4 continue , break\n'
                          'local s `s\' `i\'\n}\ndisplay "[`s\']"\nforvalues i = 1/2 {\ncontinue,\n}')
    assert rc == 0, printed
    assert "[1 3]" in printed


# ------------------------------------------------------------------ estimates use of odd files
@pytest.mark.parametrize("content", [b"", b"PK\x03\x04garbage", b"\x93NUMPY"])
def test_estimates_use_of_an_empty_or_broken_file_is_r610(tmp_path, monkeypatch, content):
    # found: estimates use of an empty file: EOFError (r(9999))
    monkeypatch.chdir(tmp_path)
    (tmp_path / "e.ster").write_bytes(content)
    for line in ("estimates use e", "estimates describe using e"):
        rc, printed, _ = _run(line)
        assert rc == 610, printed
        assert "not mlm estimation results" in printed


# ------------------------------------------------------------------ histograms and axes at the double range's ends
@pytest.mark.parametrize("line", ["histogram y, width(1e-300)", "histogram y, width(1e-300) discrete",
                                  "twoway histogram y, width(1e-300)", "histogram y, width(1e-300) frequency"])
def test_histogram_whose_bin_count_overflows_has_one_bin(line):
    # found: histogram y, width(1e-300) on y ~ 1e150: math.ceil(inf), r(9999); twoway__histogram_gen's
    # ceil((max - min)/h) is missing there and max(1, .) is 1
    rc, printed, _ = _run(line, shape="magnitudes")
    assert rc == 0, printed


def test_histogram_bins_past_the_double_range_leave_out_what_cannot_be_placed():
    from mlmcli.graphs import smoothers

    x = np.array([-1e150, 0.0, 1e-301, 1e150])
    bins = smoothers.histogram_bins(x, width=1e-300, kind="frequency")
    assert bins.bins == 1
    # (x - min)/h is past the range for all but the minimum: only it is tabulated, as Stata's
    # floor(.) is missing and tabulate leaves missing out
    assert bins.counts.tolist() == [1.0] and bins.n == 4.0
    ordinary = smoothers.histogram_bins(np.array([0.0, 1.0, 2.0, 3.5]), width=1.0, kind="frequency")
    assert ordinary.bins == 4 and ordinary.counts.tolist() == [1.0, 1.0, 1.0, 1.0]


@pytest.mark.parametrize("setup", [("replace y = 1.7e308 in 1", "replace y = -1.7e308 in 2"),
                                   ("replace y = 0", "replace y = 5e-324 in 2")])
@pytest.mark.parametrize("line", ["graph matrix y x1", "scatter y x1\ngraph export big.png, replace",
                                  "histogram y", "twoway lfit y x1"])
def test_graphs_whose_axis_range_overflows_or_underflows_draw(tmp_path, monkeypatch, setup, line):
    # found: graph matrix y x1 with y at +-1.7e308 (max - min is inf), and graph export of any graph
    # so scaled: math.log10(inf) in natural_step, r(9999)
    monkeypatch.chdir(tmp_path)
    rc, printed, _ = _run("* r21\n" + line, setup)
    if line == "histogram y":
        # twoway__histogram_gen: (max - min)/bin is missing (0 for 5e-324), every bin number
        # too, and its tabulate of them fails: "too many bins" with tabulate's r(2000)
        assert rc == 2000 and "too many bins" in printed, printed
    else:
        assert rc == 0, printed


FINITE = st.floats(allow_nan=False, allow_infinity=False)


@settings(max_examples=150, deadline=None)
@given(lo=FINITE, hi=FINITE, n=st.integers(1, 12))
@example(lo=0.0, hi=5e-324, n=1)  # a subnormal step: 10 ** floor(log10) underflowed to 0 (found at the merge)
def test_natural_ticks_of_any_two_doubles_are_finite_and_span_the_data(lo, hi, n):
    from mlmcli.graphs.nice_numbers import natural_ticks

    ticks = natural_ticks(lo, hi, n)
    assert ticks and all(math.isfinite(t) for t in ticks)
    assert list(ticks) == sorted(ticks)
    a, b = min(lo, hi), max(lo, hi)
    if b > a:  # the labels reach to within a step of both ends
        step = ticks[1] - ticks[0] if len(ticks) > 1 else b - a
        assert ticks[0] <= a + step and ticks[-1] >= b - step


# ------------------------------------------------------------------ mi with odd input
_MI = "mi set mlong\nmi register imputed m x2"


@pytest.mark.parametrize("line, rc, message", [
    # mi_cmd_estimate.ado: M = 0 "no imputations" r(2000), M = 1 "insufficient imputations" r(2001)
    # (found: both "mi estimate: 0 imputations; at least 2 are needed" r(2001))
    ("mi estimate: regress m x1", 2000, "no imputations"),
    ("mi impute regress m = x1, add(1) rseed(1)\nmi estimate: regress m x1", 2001, "insufficient imputations"),
    # u_mi_impute_cmd__uvmethod_parse: with "=", all of the left is the imputation variable
    # (found: `m x1 = x2` imputed m with x1 and x2 as regressors)
    ("mi impute regress m x1 = x2, add(2)", 103, "too many imputation variables specified"),
    ("mi impute regress m* x2 = x1, add(2)", 103, "too many imputation variables specified"),
    ("mi impute regress = x1, add(2)", 100, "imputation (left-hand-side) variable required"),
])
def test_mi_refusals_are_the_ados(line, rc, message):
    got, printed, session = _run(f"{_MI}\n{line}")
    assert got == rc, printed
    assert message in printed


def test_mi_impute_regress_without_equals_reads_the_rest_as_regressors():
    # `m x1` and `m = x1` are the same model: the same seed gives the same imputations
    got = []
    for spec in ("m x1", "m = x1"):
        rc, printed, session = _run(f"{_MI}\nmi impute regress {spec}, add(2) rseed(3)")
        assert rc == 0, printed
        got.append(session.data.numeric("m").copy())
    assert np.array_equal(got[0], got[1], equal_nan=True)
    rc, printed, session = _run(f"{_MI}\nmi impute regress m x1 x2, add(2) rseed(3)")
    assert rc == 0 and not np.array_equal(session.data.numeric("m"), got[0], equal_nan=True), printed


# ------------------------------------------------------------------ postfile / file open on read-only files
@pytest.mark.parametrize("line, rc, message", [
    # found: postfile ... using ro, replace was accepted and failed only at postclose
    ("postfile ph a using ro, replace", 608, "file ro.dta is read-only; cannot be modified or erased"),
    ("postfile ph a using nosuchdir/x", 603, "file nosuchdir/x.dta could not be opened"),
    ("postfile ph a using ro", 602, "file ro.dta already exists"),
    # found: file open ..., write replace|append rewrote a file with no write bit (as root)
    ("file open fh using ro.dta, write replace", 608, "file ro.dta is read-only; cannot be modified or erased"),
    ("file open fh using ro.dta, write append", 608, "file ro.dta is read-only; cannot be modified or erased"),
    # found: graph export/save, saving(), putdocx save and tabout rewrote a file with no write bit
    ("scatter y x1\ngraph export ro.dta, as(png) replace", 608, "file ro.dta is read-only; cannot be modified or erased"),
    ("scatter y x1\ngraph save ro.dta, replace", 608, "file ro.dta is read-only; cannot be modified or erased"),
    ("scatter y x1, saving(ro.dta, replace)", 608, "file ro.dta is read-only; cannot be modified or erased"),
    ("putdocx begin\nputdocx paragraph\nputdocx text (\"a\")\nputdocx save ro.dta, replace", 608,
     "file ro.dta is read-only; cannot be modified or erased"),
    ("tabout f using ro.dta, replace", 608, "file ro.dta is read-only; cannot be modified or erased"),
    ("tabout f using ro.dta, append", 608, "file ro.dta is read-only; cannot be modified or erased"),
])
def test_writers_refuse_a_read_only_file_when_they_open_it(tmp_path, monkeypatch, line, rc, message):
    monkeypatch.chdir(tmp_path)
    target = tmp_path / "ro.dta"
    target.write_bytes(b"the user's file")
    _read_only(target)
    try:
        got, printed, session = _run("* r21\n" + line)
        assert got == rc, printed
        assert message in printed
        assert target.read_bytes() == b"the user's file"
        assert not session.postfiles and "fh" not in (getattr(session, "_file_handles", None) or {})
    finally:
        target.chmod(0o644)


def test_postfile_replace_of_a_writable_file_still_writes_at_postclose(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "p.dta").write_bytes(b"old")
    rc, printed, _ = _run("postfile ph a using p, replace\npost ph (7)\npostclose ph\nuse p, clear\nassert a == 7 & _N == 1")
    assert rc == 0, printed


# ------------------------------------------------------------------ a sample of the walk
def test_a_sample_of_the_round21_walk_finds_nothing():
    """The single-line families' lines, mutated (budgeted; the full walk is
    ``python3 tests/fuzz_round21_lines.py``)."""
    import fuzz_round16_programs as r16
    import fuzz_round21_lines as r21

    sample = r21.cases(21, 4, {"meposts", "mi", "graph"}, mutated_only=True)
    lines, found = r16.sample_findings(sample, float(os.environ.get("MLM_R21_FUZZ_BUDGET", "15")))
    assert lines > 0 and not found, found


# ------------------------------------------------------------------ graphs past the renderer's sizes
@pytest.mark.parametrize("option", ["msize(1e9)", "mlabel(s) mlabsize(1e9)", "scale(1e9)", "xsize(1e-9)"])
def test_graph_export_past_the_renderers_sizes_is_refused_and_writes_nothing(tmp_path, monkeypatch, option):
    # found: graph export g.png after scatter y x1, msize(1e9) (Agg's "Exceeded cell block limit"),
    # mlabsize(1e9) / scale(1e9) (FreeType's pixel size), xsize(1e-9) (an empty image): r(9999)
    monkeypatch.chdir(tmp_path)
    rc, printed, _ = _run(f"* r21\nscatter y x1, {option}\ngraph export g.png")
    assert rc == 198, printed
    assert "graph could not be drawn as PNG" in printed
    assert os.listdir(tmp_path) == []  # neither the file nor a temporary one


def test_graph_export_at_ordinary_sizes_still_writes(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    rc, printed, _ = _run("* r21\nscatter y x1, msize(5) mlabel(s) mlabsize(3) scale(1.2)\ngraph export g.png")
    assert rc == 0, printed
    assert (tmp_path / "g.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize("line", ["kdensity y\ngraph export g.png", "qnorm y\ngraph export g.png",
                                  "histogram y, kdensity\ngraph export g.png"])
def test_graphs_of_one_observation_export(tmp_path, monkeypatch, line):
    # found: on one observation a series of missing values only: np.nanmin's All-NaN RuntimeWarning
    # in panel_axes.data_min (r(9999) under the suite's rule)
    monkeypatch.chdir(tmp_path)
    rc, printed, _ = _run("* r21\n" + line, shape="one")
    assert "internal error" not in printed and rc in (0, 2000), printed


def test_histogram_whose_frequency_weights_are_all_zero_has_no_observations():
    # found: histogram y [fw=c] with c == 0 on every row: min() of an empty array, r(9999)
    rc, printed, session = _run("* r21\nreplace c = 0\nhistogram y [fw=c]")
    assert rc == 2000 and "no observations" in printed, printed
