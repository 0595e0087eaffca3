"""Extended macro functions ([P] macro) beyond word/list/display: piece, copy, permname, dir,
adosubdir, sortedby, data label, constraint, environment, names of e()/r()/s() results,
all globals/scalars/matrices, strlen/ustrlen/udstrlen, and subinstr's count() and word."""
from __future__ import annotations

import pandas as pd
import pytest


def value(do, text: str, name: str = "x", df=None):
    rc, out, s = do(text, df=df)
    assert rc == 0, out
    return s.locals.get(name, "")


def test_piece_breaks_at_spaces(do):
    text = 'local x : piece {} 10 of "the quick brown fox jumps over"'
    assert value(do, text.format(1)) == "the quick"
    assert value(do, text.format(2)) == "brown fox"
    assert value(do, text.format(3)) == "jumps over"
    assert value(do, text.format(4)) == ""


def test_piece_cuts_a_long_word_unless_nobreak(do):
    assert value(do, 'local x : piece 2 3 of "abcdefg"') == "def"
    assert value(do, 'local x : piece 1 3 of "abcdefg", nobreak') == "abcdefg"
    assert value(do, 'local x : piece 2 3 of "abcdefg", nobreak') == ""


def test_piece_of_a_compound_quoted_string(do):
    assert value(do, 'local x : piece 1 20 of `"say "hi" now"\'') == 'say "hi" now'


def test_copy_local_and_global(do):
    assert value(do, 'local a `"a "b" c"\'\nlocal x : copy local a') == 'a "b" c'
    assert value(do, "global G hello\nlocal x : copy global G") == "hello"
    assert value(do, "local x : copy local nothing") == ""


@pytest.mark.parametrize("spec, expected", [("mpg", "mpg1"), ("other", "other"), ("2x", "_2x"),
                                            ("a-b", "a_b")])
def test_permname(do, spec, expected):
    df = pd.DataFrame({"mpg": [1.0], "mpg2": [2.0]})
    assert value(do, f"local x : permname {spec}", df=df) == expected


def test_permname_length_replaces_the_last_characters(do):
    df = pd.DataFrame({"abcdefgh": [1.0]})
    assert value(do, "local x : permname abcdefghij, length(8)", df=df) == "abcdefg1"


def test_permname_bad_option(do):
    rc, out, _ = do("local x : permname abc, bogus")
    assert rc == 198 and "option bogus not allowed" in out


def test_dir_lists_sorted_quoted_names(do, tmp_path):
    for name in ("b.do", "a.do", "c.txt"):
        (tmp_path / name).write_text("")
    (tmp_path / "sub").mkdir()
    assert value(do, f'local x : dir "{tmp_path}" files "*.do"') == '"a.do" "b.do"'
    assert value(do, f'local x : dir "{tmp_path}" files "*"') == '"a.do" "b.do" "c.txt"'
    assert value(do, f'local x : dir "{tmp_path}" dirs "*"') == '"sub"'
    assert value(do, f'local x : dir "{tmp_path}" other "*"') == ""
    assert value(do, f'local x : dir "{tmp_path}" files "*.DO", respectcase') == ""
    assert value(do, f'local x : dir "{tmp_path / "missing"}" files "*"') == ""


def test_dir_nofail_keeps_the_names_that_fit(do, tmp_path, monkeypatch):
    import mlmcli.limits

    for k in range(5):
        (tmp_path / f"file{k}.txt").write_text("")
    monkeypatch.setattr(mlmcli.limits, "MACRO_LENGTH", 25)
    rc, out, _ = do(f'local x : dir "{tmp_path}" files "*"')
    assert rc == 920, out
    assert value(do, f'local x : dir "{tmp_path}" files "*", nofail') == '"file0.txt" "file1.txt"'


def test_dir_rejects_an_unknown_kind(do, tmp_path):
    rc, _, _ = do(f'local x : dir "{tmp_path}" links "*"')
    assert rc == 198


@pytest.mark.parametrize("name, expected", [("mixed.ado", "m"), ("Xtreg.ado", "x"), ("_get.ado", "_")])
def test_adosubdir(do, name, expected):
    assert value(do, f'local x : adosubdir "{name}"') == expected


def test_sortedby_and_data_label(do):
    df = pd.DataFrame({"a": [2.0, 1.0], "b": [1.0, 2.0]})
    assert value(do, "local x : sortedby", df=df) == ""
    assert value(do, "sort b a\nlocal x : sortedby", df=df) == "b a"
    assert value(do, 'label data "My data"\nlocal x : data label', df=df) == "My data"


def test_constraint(do):
    text = "constraint 3 x = 0\nconstraint 1 y = z\n"
    assert value(do, text + "local x : constraint dir") == "1 3"
    assert value(do, text + "local x : constraint 3") == "x = 0"
    assert value(do, text + "local x : constraint 2") == ""


def test_environment(do, monkeypatch):
    monkeypatch.setenv("MLM_TEST_ENV", "here")
    assert value(do, "local x : environment MLM_TEST_ENV") == "here"
    assert value(do, "local x : env MLM_TEST_ENV") == "here"


def test_names_of_e_results(do):
    df = pd.DataFrame({"y": [1.0, 3.0, 2.0, 5.0, 4.0], "x": [1.0, 2.0, 3.0, 4.0, 5.0]})
    rc, out, s = do("quietly regress y x\nlocal s : e(scalars)\nlocal m : e(macros)\n"
                    "local x : e(matrices)\nlocal f : e(functions)", df=df)
    assert rc == 0, out
    assert s.locals["s"].split()[0] == "N" and "r2" in s.locals["s"].split()
    assert set(s.locals["m"].split()) >= {"cmd", "depvar"}
    assert s.locals["x"] == "b V"
    assert s.locals["f"] == "sample"


def test_names_of_r_and_s_results(do):
    text = ("return clear\nreturn scalar a = 1\nreturn local b hello\nmatrix M = (1,2)\n"
            "return matrix c = M\nsreturn local q x\n"
            "local s : r(scalars)\nlocal m : r(macros)\nlocal x : r(matrices)\nlocal t : s(macros)")
    rc, out, s = do(text)
    assert rc == 0, out
    assert (s.locals["s"], s.locals["m"], s.locals["x"], s.locals["t"]) == ("a", "b", "c", "q")
    rc, _, _ = do("local x : s(scalars)")
    assert rc == 198


def test_no_estimates_give_empty_names(do):
    assert value(do, "local x : e(scalars)") == ""


def test_all_globals_scalars_matrices(do):
    text = ('global G1 a\nglobal G2 b\nglobal H c\nscalar s1 = 1\nscalar s2 = "t"\n'
            "matrix A = (1)\n")
    assert value(do, text + 'local x : all globals "G*"').split() == ["G1", "G2"]
    assert value(do, text + "local x : all numeric scalars") == "s1"
    assert value(do, text + 'local x : all string scalars "s*"') == "s2"
    assert set(value(do, text + "local x : all scalars").split()) == {"s1", "s2"}
    assert value(do, text + 'local x : all matrices "A"') == "A"


def test_string_lengths(do):
    text = 'local w "h\u00e9llo \u4e2d"\n'
    assert value(do, text + "local x : strlen local w") == "10"   # bytes
    assert value(do, text + "local x : length local w") == "10"
    assert value(do, text + "local x : ustrlen local w") == "7"   # characters
    assert value(do, text + "local x : udstrlen local w") == "8"  # display columns
    assert value(do, "global g abc\nlocal x : strlen global g") == "3"


def test_subinstr_count_and_word(do):
    text = 'local t "a b a c aa"\n'
    rc, out, s = do(text + 'local x : subinstr local t "a" "z", all count(local k)')
    assert rc == 0, out
    assert (s.locals["x"], s.locals["k"]) == ("z b z c zz", "4")
    rc, out, s = do(text + 'local x : subinstr local t "a" "z", count(global K)')
    assert (s.locals["x"], s.globals["K"]) == ("z b a c aa", "1")
    assert value(do, text + 'local x : subinstr local t "a" "z", word all') == "z b z c aa"
    assert value(do, text + 'local x : subinstr local t "a" "z", word') == "z b a c aa"


def test_subinstr_refuses_an_unknown_option(do):
    rc, out, _ = do('local t "a"\nlocal x : subinstr local t "a" "b", everything')
    assert rc == 198 and "option everything not allowed" in out


def test_unknown_function_is_invalid_syntax(do):
    rc, out, s = do("local x keep\nlocal x : frobnicate")
    assert rc == 198 and "invalid syntax" in out
    assert s.locals["x"] == "keep"


LABELS = 'label define lab 1 "one" 2 "three" .a "missing a"\n'


@pytest.mark.parametrize("spec, expected", [("lab maxlength", "9"), ("lab 1", "one"), ("lab 5", "5"),
                                            ("lab 5, strict", ""), ("lab 2 3", "thr"),
                                            ("lab .a", "missing a"), ("nolab 2", "2")])
def test_label(do, spec, expected):
    assert value(do, LABELS + f"local x : label {spec}") == expected


def test_label_of_a_variable(do):
    df = pd.DataFrame({"v": [1.0, 2.0]})
    assert value(do, LABELS + "label values v lab\nlocal x : label (v) 2", df=df) == "three"


@pytest.mark.parametrize("spec", ["lab abc", "lab maxlength, strict"])
def test_label_bad_arguments_are_invalid_syntax(do, spec):
    rc, out, _ = do(LABELS + f"local x : label {spec}")
    assert rc == 198 and "invalid syntax" in out


def test_rowsof_and_colsof_of_e_matrices(do):
    df = pd.DataFrame({"y": [1.0, 3.0, 2.0, 5.0, 4.0], "x": [1.0, 2.0, 3.0, 4.0, 5.0]})
    rc, out, s = do("quietly regress y x\nlocal r : rowsof e(V)\nlocal c : colsof e(b)", df=df)
    assert rc == 0, out
    assert (s.locals["r"], s.locals["c"]) == ("2", "2")
