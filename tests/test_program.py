"""The runner and the programming commands, end to end through Runner.run_text."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from mlmcli.errors import ExitRequest
from mlmcli.runner import Runner


def groups_df():
    return pd.DataFrame({"g": [1.0, 1, 2, 2, 2], "x": [1.0, 2, 3, 4, 5]})


# ----- echo and errors -----

def test_echo_layout_like_a_stata_log(do):
    rc, out, _ = do("display 1\n* note\n\ndisplay 2 ///\n  + 3\ndisplay 4", echo=True)
    assert rc == 0
    assert out == (". display 1\n1\n\n. * note\n.\n. display 2 ///\n>   + 3\n5\n\n. display 4\n4\n")


def test_error_prints_message_and_rc_and_stops(do):
    rc, out, _ = do("display 1\nfoo\ndisplay 2", echo=True)
    assert rc == 199
    assert out == ". display 1\n1\n\n. foo\nunrecognized command:  foo\nr(199);\n"


def test_keep_going_when_not_stopping_on_error(new_session):
    s = new_session()
    r = Runner(s)
    rc = r.run_text("foo\ndisplay 2", echo=False, stop_on_error=False)
    assert rc == 199
    assert s.out.stream.getvalue().endswith("2\n")


def test_internal_error_is_one_line_without_traceback(do, monkeypatch):
    import mlmcli.commands.program.control as program

    def boom(session, cmd):
        raise ZeroDivisionError("division by zero")
    monkeypatch.setattr(program, "cmd_display", boom)
    rc, out, _ = do("display 1")
    assert rc == 9999
    assert out == ("internal error: ZeroDivisionError: division by zero\n"
                   "(run with --debug for the traceback)\nr(9999);\n")
    assert "Traceback" not in out


# ----- prefixes -----

def test_capture_sets_rc_and_hides_output(do):
    rc, out, s = do('capture foo\ndisplay _rc\ncapture display "x"\ndisplay _rc\ncapture summarize nothere\n'
                     "display _rc")
    assert rc == 0
    assert out == "199\n0\n111\n"


def test_capture_noisily_shows_the_error_message(do):
    rc, out, _ = do("capture noisily foo\ndisplay _rc")
    assert out == "unrecognized command:  foo\n199\n"


def test_capture_noisily_shows_an_internal_error_and_plain_capture_hides_it(do, monkeypatch):
    import mlmcli.commands.program.control as program

    def boom(session, cmd):
        raise ZeroDivisionError("division by zero")
    monkeypatch.setattr(program, "cmd_display", boom)
    rc, out, s = do("capture noisily display 1\ncapture display 1")
    assert rc == 0
    assert out == "internal error: ZeroDivisionError: division by zero\n"
    assert s.rc == 9999


def test_quietly_and_noisily(do):
    rc, out, _ = do('quietly display "a"\nqui: display "b"\nquietly noisily display "c"\nnoisily display "d"')
    assert out == "c\nd\n"


def test_error_under_quietly_is_still_printed(do):
    rc, out, _ = do("quietly foo")
    assert rc == 199 and "r(199);" in out


def test_by_loops_with_separators_and_masks(do):
    rc, out, _ = do("by g: count", df=groups_df(), types={"g": "float", "x": "float"})
    bar = "-" * 110
    assert rc == 0
    assert out == f"\n{bar}\n-> g = 1\n  2\n\n{bar}\n-> g = 2\n  3\n"


def test_by_header_uses_value_labels_and_several_variables(do):
    df = pd.DataFrame({"c": [1.0, 1, 2], "r": [7.0, 8, 8]})
    rc, out, _ = do("by c r: display 1", df=df, value_label_of={"c": "cl"},
                     value_labels={"cl": {1.0: "d", 2.0: "gb"}})
    assert "-> c = d, r = 7\n" in out and "-> c = d, r = 8\n" in out and "-> c = gb, r = 8\n" in out


def test_by_on_unsorted_data_is_r5_and_bysort_sorts(do):
    df = pd.DataFrame({"g": [2.0, 1, 2, 1], "x": [1.0, 2, 3, 4]})
    rc, out, _ = do("by g: count", df=df)
    assert (rc, out) == (5, "not sorted\nr(5);\n")
    rc, out, s = do("bysort g: count", df=df.copy())
    assert rc == 0 and list(s.data.df["g"]) == [1, 1, 2, 2]
    assert list(s.data.df["x"]) == [2, 4, 1, 3]  # stable
    assert s.data.sortedby == ("g",)


def test_by_sort_option_and_sort_only_variables(do):
    df = pd.DataFrame({"g": [1.0, 1, 2], "t": [2.0, 1, 1]})
    rc, out, s = do("by g (t), sort: count", df=df)
    assert rc == 0 and list(s.data.df["t"]) == [1, 2, 1]
    assert out.count("-> g =") == 2


def test_non_byable_command_under_by_is_r190(do):
    rc, out, _ = do("by g: sort x", df=groups_df())
    assert (rc, out) == (190, "sort may not be combined with by\nr(190);\n")


def test_by_native_commands_see_groups_without_a_loop(do):
    rc, out, s = do("by g: generate n = _n\nby g: generate N = _N", df=groups_df())
    assert rc == 0 and "->" not in out
    assert list(s.data.df["n"]) == [1, 2, 1, 2, 3]
    assert list(s.data.df["N"]) == [2, 2, 3, 3, 3]
    assert s.by_vars == () and s.by_mask is None


def test_by_stops_at_the_first_failing_group_unless_rc0(do):
    rc, out, _ = do("by g: assert x < 3", df=groups_df())
    assert rc == 9 and out.count("->") == 2
    rc, out, _ = do("by g, rc0: assert x < 3", df=groups_df())
    assert rc == 0 and "assertion is false" in out


def test_if_with_by_uses_group_observation_numbers(do):
    rc, out, _ = do("by g: count if _n == 1", df=groups_df())
    assert out.count("  1\n") == 2


# ----- macros -----

def test_locals_are_expanded_just_before_each_command(do):
    rc, out, _ = do("local i 1\nlocal v`i' = 40 + 2\ndisplay `v1' + 1\nlocal s \"a b\"\ndisplay \"`s'\"")
    assert out == "43\na b\n"


def test_nested_macro_names_and_globals(do):
    rc, out, _ = do("local k 2\nlocal x2 \"deep\"\ndisplay \"`x`k''\"\nglobal G hello\n"
                     "display \"$G ${G}x\"\nmacro drop G\ndisplay \"[$G]\"")
    assert out == "deep\nhello hellox\n[]\n"


def test_local_forms(new_session):
    s = new_session()
    r = Runner(s)
    r.run_text('local a = 1/4\nlocal b "quoted"\nlocal c plain text\nlocal ++n\nlocal ++n\n'
               'local d : display %5.2f 3.14159\nlocal w : word count a b c\nlocal e `"has "q""\'\n'
               'local c')
    assert s.locals == {"a": ".25", "b": "quoted", "n": "2", "d": " 3.14", "w": "3", "e": 'has "q"'}


def test_inline_expression_macro(do):
    rc, out, _ = do("display \"`=2+3'\"")
    assert out == "5\n"


def test_macro_list(do):
    rc, out, _ = do("global G 1\nlocal L two\nmacro list")
    assert out == "G:              1\n_L:             two\n"


# ----- display -----

@pytest.mark.parametrize("args,shown", [
    ("2+2", "4"), ("1/3", ".33333333"), ("_pi", "3.1415927"), ('"a" "b"', "ab"), ('"a" + "b"', "ab"),
    ("2+2 \"x\"", "4x"), ("%9.3f 2", "    2.000"), ("%9.3f _pi \" a\"", "    3.142 a"), (".", "."),
    ('"a" _col(5) "b"', "a   b"), ('"a" _skip(2) "b"', "a  b"), ('_dup(3) "-"', "---"),
    ('"a" _n "b"', "a\nb"), ('"a" _newline(2) "b"', "a\n\nb"), ("", ""), ("1e10", "1.000e+10"),
    ('as text "t" as result 5', "t5"), ("-2^2", "-4"), ('%-6s "ab" "|"', "ab    |"),
    ('"x = " 3*2', "x = 6"), ("(1+2)*3", "9"), ("1e-3", ".001"),
    # a string cannot be subtracted: the string, then the number ([P] display; public do-files
    # print deviances with `display "deviance = " -2*e(ll)`)
    ('"x = " -2*3', "x = -6"), ('"x = " -2*3 + 1 " y"', "x = -5 y"), ('"x = " -2*e(N)', "x = ."),
    # `,` is one blank between directives, `,,` none ([P] display)
    ("3/4, (1+2)/4", ".75 .75"), ("1,,2", "12"), ('"a",_col(4) "b"', "a  b"),
])
def test_display(do, args, shown):
    rc, out, _ = do(f"display {args}")
    assert rc == 0 and out == shown + "\n"


def test_display_continue_suppresses_newline(do):
    rc, out, _ = do('display "a" _continue\ndisplay "b"')
    assert out == "ab\n"


def test_display_errors(do):
    assert do("display nothere")[:2] == (111, "nothere not found\nr(111);\n")
    assert do("display 2+")[0] == 198
    assert do('display 1 + "a"')[0] == 109
    assert do('display +"a"')[0] == 109
    assert do("display 1,")[0] == 0
    assert do("display %9.2f")[0] == 198


def test_display_variable_means_observation_one(do):
    rc, out, _ = do("display x * 10", df=groups_df())
    assert out == "10\n"


# ----- scalars, set, assert -----

def test_scalars(do):
    rc, out, s = do('scalar a = 2\nscalar define b = a * 3\nscalar c = "txt"\ndisplay a + b\nscalar list a b\n'
                     "scalar drop a\ndisplay scalar(b)")
    assert rc == 0
    assert out == "8\n            a =          2\n            b =          6\n6\n"
    assert s.scalars == {"b": 6.0, "c": "txt"}


def test_set_obs_grows_the_data(do):
    rc, out, s = do("set obs 3\ngenerate x = _n\nset obs 5", echo=False)
    assert out == "obs was 0, now 3\nobs was 3, now 5\n"
    assert s.data.nobs == 5 and np.isnan(s.data.df["x"].iloc[4])
    rc, out, _ = do("set obs 2", df=groups_df())
    assert rc == 198


def test_set_settings(do):
    rc, out, s = do("set seed 42\nset linesize 80\nset more off\nset matsize 800\nset scheme s1mono")
    assert rc == 0 and out == "" and s.seed == 42 and s.linesize == 80
    assert do("set linesize 10")[0] == 198
    assert do("set nonsense 1")[0] == 198


def test_assert(do):
    df = groups_df()
    assert do("assert x > 0", df=df)[:2] == (0, "")
    rc, out, _ = do("assert x < 3", df=df)
    assert (rc, out) == (9, "3 contradictions in 5 observations\nassertion is false\nr(9);\n")
    rc, out, _ = do("assert x < 2 if g == 1", df=df)
    assert out.startswith("1 contradiction in 2 observations\n")
    assert do("assert x < 3, rc0", df=df)[0] == 0


def test_version_and_help(do):
    rc, out, _ = do("version 13\nversion 13: display 5\nhelp mixed")
    assert rc == 0 and out.startswith("5\nTitle\n") and "    mixed depvar fe_equation" in out


def test_exit_raises_exit_request(new_session):
    s = new_session()
    r = Runner(s)
    with pytest.raises(ExitRequest):
        r.run_text("exit")


# ----- do files -----

def test_nested_do_file_with_arguments_and_scoped_locals(new_session, tmp_path):
    sub = tmp_path / "sub.do"
    sub.write_text("display \"in sub `1' `2'\"\nlocal inner 1\n")
    s = new_session()
    r = Runner(s)
    rc = r.run_text(f"local outer keep\ndo \"{sub}\" a b\ndisplay \"[`inner'][`outer']\"", echo=True)
    out = s.out.stream.getvalue()
    assert rc == 0
    assert out == (f'. local outer keep\n\n. do "{sub}" a b\n\n. display "in sub `1\' `2\'"\nin sub a b\n\n'
                   ". local inner 1\n\n.\nend of do-file\n\n"
                   ". display \"[`inner'][`outer']\"\n[][keep]\n")


def test_run_is_silent_and_exit_leaves_only_the_file(do, tmp_path):
    sub = tmp_path / "sub.do"
    sub.write_text("global ran yes\nexit\nglobal after yes\n")
    rc, out, s = do(f"run {sub}\ndisplay \"$ran$after\"")
    assert rc == 0 and out == "yes\n"


def test_error_inside_a_do_file_stops_both(do, tmp_path):
    sub = tmp_path / "bad.do"
    sub.write_text("foo\n")
    rc, out, _ = do(f"do {sub}\ndisplay 2", echo=True)
    assert rc == 199
    assert out == (f". do {sub}\n\n. foo\nunrecognized command:  foo\nr(199);\n\nend of do-file\n\nr(199);\n")
    rc, out, _ = do(f"do {sub}\ndisplay 2", echo=False)
    assert (rc, out) == (199, "unrecognized command:  foo\nr(199);\nr(199);\n")


def test_missing_do_file(do):
    assert do("do /nonexistent/x.do")[:2] == (601, "file /nonexistent/x.do not found\nr(601);\n")


def test_log_using_and_close(do, tmp_path):
    path = tmp_path / "out.log"
    rc, out, _ = do(f"log using {path}\ndisplay 7\nlog close")
    assert rc == 0
    text = path.read_text()
    assert "7\n" in text and "log type:  text" in text
    rc, out, _ = do(f"log using {path}")
    assert rc == 602 and f"file {path} already exists" in out


def test_display_under_by_reads_the_groups_first_observation(do):
    rc, out, _ = do("by g: display x", df=groups_df())
    assert out.split("\n")[3] == "1" and out.split("\n")[7] == "3"


def test_in_range_under_by_is_r190(do):
    rc, out, _ = do("by g: list x in 1", df=groups_df())
    assert (rc, out) == (190, "in may not be combined with by\nr(190);\n")


def test_temporary_names_cd_pwd_and_include(do, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    inc = tmp_path / "inc.do"
    inc.write_text("local fromfile yes\n")
    rc, out, s = do(f'tempvar a b\ntempname n\ntempfile f\ncd "{tmp_path}"\npwd\ninclude inc.do\n'
                     'display "`fromfile\'"')
    assert rc == 0
    assert s.locals["a"] == "__000000" and s.locals["b"] == "__000001" and s.locals["n"] == "__000002"
    assert __import__("re").search(r"St\d+\.__[0-9A-F]{6}$", s.locals["f"])  # a fresh name in the temp folder
    assert out == f"{tmp_path}\n{tmp_path}\nyes\n"  # not echoing: neither is the included file
    assert do("cd /nonexistent/dir")[0] == 170


def test_nested_do_file_is_not_echoed_when_the_caller_is_quiet(do, tmp_path):
    sub = tmp_path / "sub.do"
    sub.write_text("display 5\n")
    rc, out, _ = do(f"do {sub}", echo=False)
    assert (rc, out) == (0, "5\n")


def test_drop_and_keep_under_by_work_on_the_whole_data_at_once(do):
    rc, out, s = do("by g: drop if _n > 1", df=groups_df())
    assert rc == 0 and "->" not in out
    assert list(s.data.df["x"]) == [1, 3]
    rc, out, s = do("by g: keep if _n == _N", df=groups_df())
    assert list(s.data.df["x"]) == [2, 5]


def test_macro_extended_functions(new_session):
    s = new_session()
    r = Runner(s)
    r.run_text('local a "x y x z"\nlocal b "y w"\nlocal u : list uniq a\nlocal d : list dups a\n'
               'local o : list sort a\nlocal n : list sizeof a\nlocal p : list posof "z" in a\n'
               'local un : list a | b\nlocal in : list a & b\nlocal mi : list a - b\n'
               'local sa : subinstr local a "x" "Q", all\nlocal s1 : subinstr local a "x" "Q"\n'
               'local len : length local a\nlocal wc : word count `a\'\nlocal w2 : word 2 of `a\'', echo=False)
    got = {k: s.locals[k] for k in ("u", "d", "o", "n", "p", "un", "in", "mi", "sa", "s1", "len", "wc", "w2")}
    assert got == {"u": "x y z", "d": "x", "o": "x x y z", "n": "4", "p": "4", "un": "x y x z w", "in": "y",
                   "mi": "x x z", "sa": "Q y Q z", "s1": "Q y x z", "len": "7", "wc": "4", "w2": "y"}


def test_macro_functions_on_variables_and_estimates(new_session):
    from mlmcli.results.matrix import Matrix
    from mlmcli.estimation.results import EstimationResults

    df = pd.DataFrame({"c": [1.0, 2.0]})
    s = new_session(df, var_labels={"c": "Country"}, value_label_of={"c": "cl"},
                    value_labels={"cl": {1.0: "d", 2.0: "gb"}}, types={"c": "byte"})
    r = Runner(s)
    s.e = EstimationResults(cmd="mixed", matrices={"b": Matrix(np.zeros((1, 2)), ("y1",),
                                                               ("pbw:_cons", "lns1_1_1:_cons"))})
    r.run_text("local vl : variable label c\nlocal lab : value label c\nlocal t : type c\n"
               "local txt : label (c) 2\nlocal txt2 : label cl 1\nlocal cn : colnames e(b)\n"
               "local ce : coleq e(b)\nlocal cf : colfullnames e(b)", echo=False)
    assert (s.locals["vl"], s.locals["lab"], s.locals["t"], s.locals["txt"], s.locals["txt2"]) == \
        ("Country", "cl", "byte", "gb", "d")
    assert s.locals["cn"] == "_cons _cons" and s.locals["ce"] == "pbw lns1_1_1"
    assert s.locals["cf"] == "pbw:_cons lns1_1_1:_cons"


def test_mkdir_creates_a_folder_and_refuses_an_existing_one(do, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    rc, out, _ = do('mkdir "new folder"')
    assert rc == 0 and (tmp_path / "new folder").is_dir()
    rc, out, _ = do('mkdir "new folder"')
    assert rc == 693 and out == "could not create directory new folder\nr(693);\n"


def test_help_shows_a_commands_own_text_with_its_formula(do):
    _, out, _ = do("help estat")
    assert "lambda_j = tau00 / (tau00 + sigma^2/n_j)" in out and "Raudenbush & Bryk" in out
    _, out, _ = do("help lrtest")
    assert "LR chi2 = -2 (ll_restricted - ll_unrestricted)" in out


def test_tempfile_names_differ_across_sessions_and_skip_existing_files(do, tmp_path, monkeypatch):
    import tempfile

    monkeypatch.setattr(tempfile, "gettempdir", lambda: str(tmp_path))
    _, _, first = do("tempfile a")
    taken = first.locals["a"]
    # a file already there under the next name is never handed out (it is someone's data)
    import os
    import re

    serial = int(re.search(r"__([0-9A-F]+)$", taken).group(1), 16)
    nxt = taken[: -6] + f"{serial + 1:06X}"
    open(nxt + ".dta", "w").close()
    _, _, second = do("tempfile b")
    assert second.locals["b"] not in (taken, nxt)
    assert os.path.exists(nxt + ".dta")


def test_mlm_refusals_are_told_apart_from_statas_errors():
    """A refusal inside twoway's fits must stop the command; Stata's own errors become the note."""
    from mlmcli.errors import StataError, is_mlm_refusal

    for message in ("option foo() not supported by mlmcli", "tsreport varlist is not implemented in mlm",
                    "weights are not available with xttobit in mlmcli"):
        assert is_mlm_refusal(StataError(message))
    for message in ("variable mlm not found", "invalid syntax", "option mlmcli() not allowed"):
        assert not is_mlm_refusal(StataError(message))
    assert not is_mlm_refusal(ValueError("not supported by mlmcli"))


def test_tempfile_names_skip_names_an_earlier_process_built_on(do, tmp_path, monkeypatch):
    """A reused process id meets the names an earlier mlm left behind: a folder made as
    "`t'_folder" (help mkdir's example) keeps its name from being handed out again, so
    ``mkdir "`t'_folder"`` does not fail with r(693)."""
    import os
    import re
    import tempfile

    monkeypatch.setattr(tempfile, "gettempdir", lambda: str(tmp_path))
    _, _, first = do("tempfile a")
    taken = first.locals["a"]
    serial = int(re.search(r"__([0-9A-F]+)$", taken).group(1), 16)
    nxt = taken[: -6] + f"{serial + 1:06X}"
    os.mkdir(nxt + "_folder")
    rc, out, second = do('tempfile b\nmkdir "`b\'_folder"')
    assert rc == 0, out
    assert second.locals["b"] not in (taken, nxt)


def test_rmdir_removes_an_empty_folder_and_refuses_the_rest(do, tmp_path):
    folder = tmp_path / "a b"
    rc, out, _ = do(f'mkdir "{folder}"\nrmdir "{folder}"')
    assert rc == 0, out
    assert not folder.exists()
    full = tmp_path / "full"
    full.mkdir()
    (full / "f.txt").write_text("x")
    for target in (full, tmp_path / "absent"):
        rc, out, _ = do(f'rmdir "{target}"')
        assert rc == 693 and f"could not remove directory {target}" in out, out
    assert (full / "f.txt").exists()
    rc, out, _ = do("rmdir")
    assert rc == 198 and "invalid syntax" in out
