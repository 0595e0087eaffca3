"""What each command pays whatever it does (ov100), kept without changing an answer: the
variable names listed once per pandas column Index, ``nobs``/``varnames`` read without ending a
pending snapshot, the row-origin distinctness check without ``np.unique``, and the texts
parsed once (a command's head, display's expression ends).  Each cache is checked against a
change that must show: variables added, dropped, renamed, reordered and put back by a failing
command; macros and scalars changed between passes of the same line; a program redefined;
``set dp``."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from mlmcli.dataset import Dataset
from mlmcli.sorted_codes import all_distinct


@pytest.fixture
def session(new_session):
    return new_session(pd.DataFrame({"x": [1.0, 2.0, 3.0, 4.0], "y": [2.0, 1.0, 4.0, 3.0]}))


def test_varnames_follow_every_change_of_the_columns(session, run):
    data = session.data
    assert data.varnames == ["x", "y"]
    steps = [("gen z = x + y", ["x", "y", "z"]), ("rename z w", ["x", "y", "w"]),
             ("order w", ["w", "x", "y"]), ("drop x", ["w", "y"]), ("gen x = 1", ["w", "y", "x"]),
             ("clonevar v = y", ["w", "y", "x", "v"])]
    for line, names in steps:
        out, rc = run(session, line)
        assert rc == 0, out
        assert session.data.varnames == names, line
        assert session.data.expand_varlist("_all") == names, line
    # a failing command puts the data back: the names are those of the data put back
    out, rc = run(session, "gen u = 1\ngen u = 2")
    assert rc == 110
    assert session.data.varnames == ["w", "y", "x", "v", "u"]
    out, rc = run(session, "capture noisily rename u nosuch nosuch2\ndescribe, simple")
    assert out.split()[-5:] == ["w", "y", "x", "v", "u"]


def test_varnames_is_a_new_list_each_time():
    data = Dataset(pd.DataFrame({"a": [1.0], "b": [2.0]}))
    names = data.varnames
    names.append("zzz")
    names[0] = "q"
    assert data.varnames == ["a", "b"]
    data.df = pd.DataFrame({"c": [1.0]})  # a new frame: a new Index
    assert data.varnames == ["c"]
    data.df.columns = ["d"]  # assigning names in place: a new Index too
    assert data.varnames == ["d"]


def test_reading_names_and_rows_leaves_a_pending_snapshot_sharing_the_frame():
    data = Dataset(pd.DataFrame({"a": [1.0, 2.0], "b": [3.0, 4.0]}))
    clone = data.transaction_snapshot()
    frame = data.__dict__["_frame"]
    assert clone.__dict__["_frame"] is frame
    assert data.nobs == 2 and data.varnames == ["a", "b"] and data.has_variable("a")
    assert clone.__dict__["_frame"] is frame  # still shared: nothing was copied for the reads
    data.df["a"] = [9.0, 9.0]  # a writer reads df: the snapshot gets a frame of its own first
    assert clone.__dict__["_frame"] is not frame
    assert clone.df["a"].tolist() == [1.0, 2.0]
    data.release_snapshot(clone)


@pytest.mark.parametrize("values", [
    np.arange(0), np.arange(1), np.arange(10), np.arange(10)[::-1], np.array([3, 1, 2, 0]),
    np.array([0, 1, 1, 2]), np.array([2, 2]), np.array([5, 1, 5]), np.array([0, 1, 2, 3, 0]),
    np.array([-1, -1, 0]), np.random.default_rng(1).permutation(1000),
    np.random.default_rng(2).integers(0, 500, 400)])
def test_all_distinct_is_what_unique_says(values):
    values = values.astype(np.int64)
    assert all_distinct(values) == (len(np.unique(values)) == len(values))


def test_expanded_rows_still_start_a_new_lineage_for_esample(session, run):
    out, rc = run(session, "quietly expand 2\nquietly regress y x\ncount if e(sample)\nsort x\ncount if e(sample)")
    assert rc == 0, out
    assert out.split() == ["8", "8"]


def test_display_reads_each_pass_of_a_loop_afresh(session, run):
    out, rc = run(session, 'forvalues i = 1/3 {\n  display `i\' * 2 " " "`i\'" + "x"\n}')
    assert rc == 0, out
    assert out.splitlines() == ["2 1x", "4 2x", "6 3x"]
    out, rc = run(session, "scalar s = 1\ndisplay s + 1\nscalar s = 5\ndisplay s + 1\n"
                           "local e 2+2\ndisplay `e' \"a\"\nlocal e 3*3\ndisplay `e' \"a\"")
    assert rc == 0, out
    assert out.splitlines() == ["2", "6", "4a", "9a"]
    out, rc = run(session, 'display "x = " -2*3\ndisplay "x = " - 2')
    assert rc == 0 and out.splitlines() == ["x = -6", "x = -2"]


def test_set_dp_changes_the_next_display_of_the_same_text(session, run):
    out, rc = run(session, "display 1.5\nset dp comma\ndisplay 1.5\nset dp period\ndisplay 1.5")
    assert rc == 0, out
    assert out.splitlines() == ["1.5", "1,5", "1.5"]


def test_cmdline_and_prefixes_of_repeated_lines(session, run):
    out, rc = run(session, "quietly regress y x\ndisplay e(cmdline)\ncapture quietly regress  x y\n"
                           "display e(cmdline)\nquietly by x, sort: count\nquietly regress y x\ndisplay e(cmdline)")
    assert rc == 0, out
    assert out.splitlines() == ["regress y x", "regress x y", "regress y x"]


def test_a_redefined_program_runs_its_new_body(session, run):
    define = "capture program drop shout\nprogram shout\n  display \"{}\" `0'\nend\n"
    out, rc = run(session, define.format("one ") + "shout 1\nshout 1\n" + define.format("two ") + "shout 1")
    assert rc == 0, out
    assert out.splitlines() == ["one 1", "one 1", "two 1"]
    out, rc = run(session, "program drop shout\nshout 1")
    assert rc == 199


def test_an_openblas_loaded_later_is_still_found_and_set(tmp_path):
    """The maps are read again after an import: scipy's own OpenBLAS, loaded after numpy's,
    is found, and an engine sets its threads too."""
    import subprocess
    import sys
    from pathlib import Path

    if not sys.platform.startswith("linux"):
        pytest.skip("OpenBLAS libraries are found in /proc/self/maps")
    script = (
        "import numpy\n"
        "from mlmcli.mixed import blas_threads as b\n"
        "first = len(b._openblas_controls())\n"
        "again = len(b._openblas_controls())\n"
        "import scipy.linalg\n"
        "later = b._openblas_controls()\n"
        "maps = open('/proc/self/maps').read().split()\n"
        "loaded = len({t for t in maps if 'openblas' in t and '.so' in t})\n"
        "b.set_blas_processors(2)\n"
        "with b.engine_blas_threads():\n"
        "    inside = sorted(get() for get, _ in b._openblas_controls())\n"
        "print(first, again, len(later), loaded, *inside)\n")
    root = str(Path(__file__).resolve().parents[1])
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120,
                         env={**__import__("os").environ, "PYTHONPATH": root})
    assert out.returncode == 0, out.stderr
    first, again, later, loaded, *inside = map(int, out.stdout.split())
    assert first == again >= 1
    assert later == loaded >= first  # scipy's wheels bring an OpenBLAS of their own
    assert inside == [2] * later


def test_a_line_is_cleaned_by_the_comment_depth_it_starts_in(session, run):
    from mlmcli.preprocess import clean_line

    line = "display 1 */ display 2"
    assert clean_line(line, 0) == clean_line(line, 0) == ("display 1 */ display 2", 0, False)
    assert clean_line(line, 1) == ("  display 2", 0, False)
    long = "display " + "1+" * 300 + "1 // note"
    assert clean_line(long, 0) == (long[:-len("// note")], 0, False)
    text = "display 1 */ display 2\n/*\ndisplay 1 */ display 2\ndisplay 1 */ display 2"
    out, rc = run(session, text)
    assert rc == 198  # `*/` outside a comment: `display 1 */ display 2` is no expression
    out, rc = run(session, "/*\n" + text.split("\n", 1)[1].replace("/*\n", ""))
    assert rc == 198 and out.splitlines()[0] == "2"


def test_quietly_skips_only_the_layout(session, run):
    """Under quietly summarize and regress lay out no table; what they leave is the same."""
    def state(prefix):
        shown, rc = run(session, f"{prefix}summarize x y")
        listed, rc2 = run(session, "return list")
        shown2, rc3 = run(session, f"{prefix}regress y x")
        listed2, rc4 = run(session, "matrix list r(table)\nereturn list\nmatrix list e(V)\ndisplay e(cmdline)")
        assert rc == rc2 == rc3 == rc4 == 0, listed + listed2
        return shown + shown2, listed + listed2
    noisy, noisy_lists = state("")
    quiet, quiet_lists = state("quietly ")
    assert quiet == "" and "Variable |" in noisy and "Source |" in noisy
    assert quiet_lists == noisy_lists and "r(mean)" in quiet_lists and "e(df_r)" in quiet_lists
    # noisily inside quietly, capture noisily: the tables are shown
    for text in ("quietly {\n noisily summarize x\n noisily regress y x\n}", "capture noisily summarize x\n"
                 "capture noisily regress y x"):
        out, rc = run(session, text)
        assert rc == 0 and "Variable |" in out and "Source |" in out, out
    out, rc = run(session, "quietly regress y x, level(90)\nregress")  # the replay lays out the table
    assert rc == 0 and out == run(session, "regress y x")[0] and "Source |" in out, out


def test_a_tail_read_once_serves_every_command_and_prefix():
    from mlmcli import ast
    from mlmcli.parser import parse_arguments, parse_command, parse_tail

    a = parse_command("quietly summarize x if y > 1 [fw=y], detail")
    b = parse_command("summarize x if y > 1 [fw=y], detail")
    c = parse_arguments("x if y > 1 [fw=y], detail", "tabstat")
    assert a.prefixes == (ast.Prefix("quietly"),) and b.prefixes == ()
    assert a.text == "quietly summarize x if y > 1 [fw=y], detail" and b.text == "summarize x if y > 1 [fw=y], detail"
    assert c.name == "tabstat" and c.text == "x if y > 1 [fw=y], detail"
    for cmd in (a, b, c):
        assert (cmd.args, cmd.if_exp, cmd.weight, cmd.options) == ("x", "y > 1", ast.Weight("fw", "y"),
                                                                   (ast.Option("detail", None),))
    raw = ast.Command(name="estimates", args="table a b, se", text="estimates table a b, se")
    read = parse_tail(raw)
    assert (read.name, read.text, read.args, read.options) == ("estimates", raw.text, "table a b",
                                                               (ast.Option("se", None),))


def test_a_program_reads_new_arguments_on_every_call(session, run):
    define = ("capture program drop show\nprogram show\n  syntax varlist [if] [, Double]\n"
              "  display \"`varlist'|`if'|`double'\"\nend\n")
    out, rc = run(session, define + "show x\nshow x y if x > 1, double\nshow x\nshow y, d")
    assert rc == 0, out
    assert out.splitlines() == ["x||", "x y|if x > 1|double", "x||", "y||double"]
