"""``set trace on`` and its settings ([P] trace): the trace of ``program define``d programs in
the layout of Stata's logs (docs/set_trace.md), ``c(trace)`` & co., and ``vce(jackknife,
trace)`` (noisily's output with each replicate's command traced)."""
from __future__ import annotations

import numpy as np
import pytest

PROGRAMS = """
set linesize 60
program define greet
    args who
    local msg "hello `who'"
    display "`msg'"
end
program define outer
    args n
    forvalues i = 1/`n' {
        greet `i'
    }
    if `n' > 5 {
        display "big"
    }
    else {
        display "small"
    }
end
"""


def rule(indent: int, what: str, width: int = 60) -> str:
    """A begin/end line as Stata's logs draw it: as wide as the line size (the ivreghdfe log of
    docs/set_trace.md: 2 + 118 dashes + " begin sysuse ---" = 137 = the log's rule)."""
    tail = f" {what} ---"
    return " " * indent + "-" * (width - indent - len(tail)) + tail


def _trace(do, commands: str, settings: str = "set trace on"):
    rc, out, session = do(PROGRAMS + settings + "\n" + commands)
    assert rc == 0, out
    return out.splitlines(), session


def test_a_program_with_a_macro(do):
    lines, _ = _trace(do, "greet you")
    assert lines == [
        rule(2, "begin greet"),
        "  - args who",
        '  - local msg "hello `who\'"',
        '  = local msg "hello you"',
        '  - display "`msg\'"',
        '  = display "hello you"',
        "hello you",
        rule(2, "end greet")]


def test_a_nested_program_a_loop_and_an_if_else(do):
    lines, _ = _trace(do, "outer 2")
    inner = lambda i: [  # noqa: E731
        rule(4, "begin greet"),
        "    - args who",
        '    - local msg "hello `who\'"',
        f'    = local msg "hello {i}"',
        '    - display "`msg\'"',
        f'    = display "hello {i}"',
        f"hello {i}",
        rule(4, "end greet")]
    assert lines == [
        rule(2, "begin outer"),
        "  - args n",
        "  - forvalues i = 1/`n' {",
        "  = forvalues i = 1/2 {",
        "  - greet `i'",
        "  = greet 1",
        *inner(1),
        "  - }",
        "  - greet `i'",
        "  = greet 2",
        *inner(2),
        "  - }",
        "  - if `n' > 5 {",
        "  = if 2 > 5 {",
        '    display "big"',  # the branch passed over: its lines without "- "
        "    }",
        "  - else {",
        '  - display "small"',
        "small",
        "  - }",
        rule(2, "end outer")]


def test_tracedepth_stops_at_its_level(do):
    lines, _ = _trace(do, "outer 1", "set trace on\nset tracedepth 1")
    assert lines[:7] == [rule(2, "begin outer"), "  - args n",
                         "  - forvalues i = 1/`n' {", "  = forvalues i = 1/1 {", "  - greet `i'",
                         "  = greet 1", "hello 1"]  # greet (level 2) runs untraced
    assert not any("greet ---" in line for line in lines)


def test_the_other_settings(do):
    lines, _ = _trace(do, "greet me", "set trace on\nset traceexpand off\nset tracesep off\nset tracenumber on")
    assert lines == ["01  - args who", '01  - local msg "hello `who\'"', '01  - display "`msg\'"', "hello me"]
    lines, _ = _trace(do, "greet me", "set trace on\nset traceindent off\nset tracehilite \"msg\", word")
    assert lines[1:3] == ["- args who", '- local msg "hello `who\'"']  # text logs carry no bold
    assert lines[0].startswith("-----") and lines[0].endswith(" begin greet ---") and len(lines[0]) == 60


def test_c_values_and_refusals(do):
    rc, out, _ = do('set trace on\nset tracedepth 3\nset tracenumber on\nset tracehilite "reg"\n'
                    'display c(trace) " " c(tracedepth) " " c(traceexpand) " " c(tracesep) " " '
                    'c(traceindent) " " c(tracenumber) " " c(tracehilite)')
    assert rc == 0 and out.strip() == "on 3 on on on on reg"
    rc, out, _ = do('display c(trace) " " c(tracedepth) " " c(tracenumber)')
    assert out.strip() == "off 32000 off"
    assert do("set trace maybe")[0] == 198
    assert do("set tracedepth 0")[0] == 198
    assert do("set tracehilite x, bold")[0] == 198
    # [P] trace: set trace and set tracedepth have no permanently; the on/off looks do
    for line in ("set trace on, permanently", "set tracedepth 5, perm"):
        rc, out, _ = do(line)
        assert rc == 198 and "option perm" in out and "not allowed" in out
    rc, out, _ = do('set tracesep off, permanently\ndisplay c(tracesep)')
    assert rc == 0 and out.strip().endswith("off")


def test_off_by_default_and_under_quietly(do):
    rc, out, _ = do(PROGRAMS + "greet a")
    assert out.strip() == "hello a"
    lines, _ = _trace(do, "quietly greet b")
    assert lines[-2:] == ['  = display "hello b"', rule(2, "end greet")]


def test_set_trace_inside_a_program_lasts_until_it_ends(do):
    rc, out, _ = do("program define on\n set trace on\n display c(trace)\nend\non\ndisplay c(trace)")
    assert rc == 0 and out.split() == ["on", "off"]


def test_an_error_shows_before_the_end_line(do):
    rc, out, _ = do("set linesize 40\nprogram define bad\n summarize nosuch\nend\nset trace on\nbad")
    assert rc == 111
    assert out.splitlines() == [rule(2, "begin bad", 40), "  - summarize nosuch",
                                "variable nosuch not found", rule(2, "end bad", 40),
                                "r(111);"]


FIVE = 'quietly {\nset obs 5\ngenerate x = _n\ngenerate y = real(word("1 3 2 5 4", _n))\n}\n'


def test_regress_jackknife_trace_is_noisily_with_each_run_traced(do):
    rc, noisy, _ = do(FIVE + "regress y x, vce(jackknife, noisily)")
    rc2, traced, session = do(FIVE + "regress y x, vce(jackknife, trace)")
    assert rc == rc2 == 0
    lines = traced.splitlines()
    first = lines.index("jackknife: First call to regress with data as is:")
    assert lines[first:first + 4] == ["jackknife: First call to regress with data as is:", "",
                                      ". regress y x", "  - regress y x"]
    # every echoed run (the full sample's and the 5 replicates') is followed by its traced line
    echoes = [k for k, line in enumerate(lines) if line == ". regress y x"]
    assert len(echoes) == 6 and all(lines[k + 1] == "  - regress y x" for k in echoes)
    assert [line for line in lines if line != "  - regress y x"] == noisy.splitlines()
    # the jackknife's variance, (n-1)/n sum (b_(i) - mean b_(.))^2 over the 5 refits without one row
    x, y = np.arange(1.0, 6.0), np.array([1.0, 3, 2, 5, 4])
    X = np.column_stack([x, np.ones(5)])
    B = np.array([np.linalg.lstsq(X[np.arange(5) != i], y[np.arange(5) != i], rcond=None)[0] for i in range(5)])
    expected = np.sqrt(4 / 5 * ((B - B.mean(axis=0)) ** 2).sum(axis=0))
    assert np.sqrt(np.diag(np.asarray(session.e.matrices["V"].values))) == pytest.approx(expected, rel=1e-9)


def test_jackknife_trace_inside_a_traced_program_and_with_the_prefix(do):
    rc, out, _ = do(FIVE + "set linesize 60\nprogram define fit\n quietly regress y x, vce(jackknife, trace)\nend\n"
                    "set trace on\nfit")
    assert rc == 0
    lines = out.splitlines()
    assert lines[:2] == [rule(2, "begin fit"),
                         "  - quietly regress y x, vce(jackknife, trace)"]
    # quietly silences jackknife.ado's plain di's, not what it shows through noisily: each
    # regress's output, the loop's echoes and the trace (tests/test_jackknife_noisily_quietly.py)
    assert lines[2] == "    - regress y x" and lines[-1] == rule(2, "end fit")
    assert out.count("    - regress y x") == 6 and out.count(". regress y x") == 5
    assert "First call" not in out and "Jackknife replications" not in out
    rc, out, _ = do(FIVE + "jackknife, trace: regress y x")
    assert rc == 0 and out.count("  - regress y x") == 6
    rc, out, _ = do(FIVE + "regress y x, vce(jackknife, trace dots)")  # dots read, then not shown
    assert rc == 0 and "Jackknife replications (5)" in out and "...." not in out


def test_prefix_traces_every_command_with_its_own_vce(do):
    # bootstrap.ado has trace (noisily with trace on around each run); every command's vce() form
    # prints it (tests/test_replicate_noisily_commands.py), and since pf28 the prefix form too
    rc, out, _ = do(FIVE + "generate g = mod(_n, 2)\nbootstrap, reps(2) seed(1) trace: xtreg y x, i(g) fe")
    assert rc == 0 and out.count(". xtreg y x, i(g) fe\n  - xtreg y x, i(g) fe\n") == 3


def test_fit_plots_take_jackknife_trace(do):
    rc, out, _ = do(FIVE + "twoway lfitci y x, estopts(vce(jackknife, trace))")
    assert rc == 0, out


def test_while_capture_block_and_exit(do):
    rc, out, _ = do("set linesize 50\nprogram define w\n local i = 1\n while `i' <= 2 {\n  local ++i\n }\n"
                    " capture noisily {\n  display \"in\"\n }\n exit\n display \"not reached\"\nend\n"
                    "set trace on\nw")
    assert rc == 0
    assert out.splitlines() == [
        rule(2, "begin w", 50), "  - local i = 1",
        "  - while `i' <= 2 {", "  = while 1 <= 2 {", "  - local ++i", "  - }",
        "  - while `i' <= 2 {", "  = while 2 <= 2 {", "  - local ++i", "  - }",
        "  - while `i' <= 2 {", "  = while 3 <= 2 {",  # the test that ends the loop
        "  - capture noisily {", '  - display "in"', "in", "  - }",
        "  - exit", rule(2, "end w", 50)]


def test_a_do_file_a_program_runs_is_not_traced(do, tmp_path):
    sub = tmp_path / "sub.do"
    sub.write_text('display "in file"\nset trace off\n')
    rc, out, _ = do(f"set linesize 50\nprogram define p\n do {sub}\n display c(trace)\nend\nset trace on\np\n"
                    "display c(trace)")
    lines = out.splitlines()
    assert rc == 0 and lines[:2] == [rule(2, "begin p", 50), f"  - do {sub}"]
    assert "in file" in lines and not any(line.startswith("  - display \"in") for line in lines)
    # the do-file's set trace off lasted until it ended
    assert lines[-4:] == ["  - display c(trace)", "on", rule(2, "end p", 50), "on"]
