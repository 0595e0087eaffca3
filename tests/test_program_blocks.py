"""Loops and conditionals: foreach, forvalues, while, if/else, capture/quietly blocks, continue."""
from __future__ import annotations

import pandas as pd
import pytest

from mlmcli.syntax.numlist import numlist, value_range
from mlmcli.errors import StataError


def test_forvalues_echoes_the_block_once_with_numbered_lines(do):
    rc, out, _ = do("forvalues i = 1/3 {\n    display `i'\n}\ndisplay 9", echo=True)
    assert rc == 0
    assert out == (". forvalues i = 1/3 {\n  2.     display `i'\n  3. }\n1\n2\n3\n\n. display 9\n9\n")


@pytest.mark.parametrize("spec,values", [
    ("1/3", [1, 2, 3]), ("0(.25)1", [0, .25, .5, .75, 1]), ("10(-5)0", [10, 5, 0]),
    ("1 3 to 9", [1, 3, 5, 7, 9]), ("1 3 : 7", [1, 3, 5, 7]), ("3/1", []),
])
def test_ranges(spec, values):
    assert list(value_range(spec)) == pytest.approx(values)


def test_numlist():
    assert numlist("1/3 10 20(5)30") == [1, 2, 3, 10, 20, 25, 30]
    with pytest.raises(StataError):
        numlist("a/b")


def test_foreach_forms(do):
    df = pd.DataFrame({"inc1": [1.0], "inc2": [2.0], "age": [3.0]})
    rc, out, _ = do('local L "x y"\nglobal G p q\nforeach v in a "b c" {\ndi "[`v\']"\n}\n'
                     "foreach v of local L {\ndi \"`v'\"\n}\nforeach v of global G {\ndi \"`v'\"\n}\n"
                     "foreach v of varlist inc* {\ndi `v'\n}\nforeach n of numlist 2/3 {\ndi `n'*10\n}",
                     df=df)
    assert rc == 0
    assert out == "[a]\n[b c]\nx\ny\np\nq\n1\n2\n20\n30\n"


def test_foreach_of_newlist_confirms_the_names_are_new(do):
    # foreach ... of newlist checks each name as `confirm new variable` does, before the body runs
    df = pd.DataFrame({"x": [1.0]})
    rc, out, _ = do('foreach v of newlist y z {\ndi "`v\'"\n}', df=df)
    assert (rc, out) == (0, "y\nz\n")
    rc, out, _ = do('foreach v of newlist y x {\ndi "`v\'"\n}', df=df)
    assert rc == 110 and out == "variable x already defined\nr(110);\n"
    rc, out, _ = do('foreach v of newlist 1y {\ndi "`v\'"\n}', df=df)
    assert rc == 198 and out == "1y invalid name\nr(198);\n"


def test_nested_loops_and_if_else_chains(do):
    text = """forvalues i = 1/3 {
  foreach s in x y {
    if `i' == 1 {
      di "one`s'"
    }
    else if `i' == 2 {
      di "two`s'"
    }
    else {
      di "other`s'"
    }
  }
}"""
    rc, out, _ = do(text)
    assert rc == 0
    assert out == "onex\noney\ntwox\ntwoy\notherx\nothery\n"


def test_if_else_on_one_line_and_brace_else(do):
    rc, out, _ = do('if 1 > 2 di "no"\nelse di "yes"\nif 2 > 1 {\ndi "a"\n} else {\ndi "b"\n}')
    assert out == "yes\na\n"


def test_if_condition_uses_observation_one_and_missing_is_true(do):
    rc, out, _ = do('if x > 5 di "big"\nif . di "missing is true"', df=pd.DataFrame({"x": [10.0, 1.0]}))
    assert out == "big\nmissing is true\n"


def test_while_with_continue_and_break(do):
    rc, out, _ = do("local n 0\nwhile `n' < 5 {\nlocal ++n\nif `n' == 2 continue\nif `n' == 4 continue, break\n"
                     "di `n'\n}\ndi \"end `n'\"")
    assert out == "1\n3\nend 4\n"


def test_errors_inside_loops_stop_them(do):
    rc, out, _ = do("forvalues i = 1/3 {\ndi `i'\nif `i' == 2 foo\n}\ndi 99")
    assert rc == 199 and out == "1\n2\nunrecognized command:  foo\nr(199);\n"


def test_capture_block_sets_rc(do):
    rc, out, s = do('capture {\ndi "hidden"\nfoo\ndi "never"\n}\ndi _rc')
    assert (rc, out) == (0, "199\n")


def test_quietly_and_noisily_blocks(do):
    rc, out, _ = do('quietly {\ndi "a"\nnoisily di "b"\n}\nnoisily {\ndi "c"\n}')
    assert out == "b\nc\n"


def test_unclosed_block_and_stray_continue(do):
    assert do("forvalues i = 1/2 {\ndi 1")[:2] == (612, "unexpected end of file\nr(612);\n")
    assert do("continue")[0] == 198
    assert do('else di "x"')[0] == 199


def test_bad_loop_headers(do):
    assert do("forvalues i = a/b {\n}")[0] == 198
    assert do("foreach v within a b {\n}")[0] == 198
    assert do('if "a" {\n}')[0] == 109


def test_program_define_echo_and_call(do):
    text = 'program define hello\n  args who\n  di "hi `who\'"\nend\nhello world\nhello "big world"'
    rc, out, s = do(text, echo=True)
    assert rc == 0
    assert out == ('. program define hello\n  1.   args who\n  2.   di "hi `who\'"\n  3. end\n\n'
                   '. hello world\nhi world\n\n. hello "big world"\nhi big world\n')
    assert "hello" in s.programs


def test_program_locals_are_private_and_prefixes_apply(do):
    text = ('local keep outer\nprogram show\ndi "[`0\'][`keep\']"\nlocal keep inner\nend\n'
            'show a b\nquietly show c\ncapture noisily show d\ndi "`keep\'"')
    rc, out, _ = do(text)
    assert (rc, out) == (0, "[a b][]\n[d][]\nouter\n")


def test_program_errors_drop_and_redefinition(do):
    rc, out, s = do("program bad\nfoo\nend\nbad")
    assert rc == 199 and out == "unrecognized command:  foo\nr(199);\n"
    rc, out, _ = do("program p\nend\nprogram p\nend")
    assert (rc, out) == (110, "p already defined\nr(110);\n")
    rc, out, s = do("program p\nend\nprogram drop p\ncapture program drop p\ndi _rc\nprogram p\nend")
    assert rc == 0 and out == "111\n" and "p" in s.programs
    rc, out, s = do("program p\nend\nprogram q\nend\nprogram drop _all")
    assert s.programs == {}


def test_exit_inside_a_program_returns_to_the_caller(do):
    rc, out, _ = do('program p\ndi "a"\nexit\ndi "b"\nend\np\ndi "after"')
    assert (rc, out) == (0, "a\nafter\n")


def test_program_with_a_loop_and_continue(do):
    rc, out, _ = do("program p\nforvalues i = 1/4 {\nif `i' == 2 continue\ndi `i'\n}\nend\np")
    assert out == "1\n3\n4\n"


def test_input_creates_variables_and_numbers_the_data_lines(do):
    rc, out, s = do('input x str5 name\n1 "a b"\n. c\nend\ndisplay _N', echo=True)
    assert rc == 0
    assert out == (". input x str5 name\n\n             x       name\n  1. 1 \"a b\"\n  2. . c\n  3. end\n\n"
                   ". display _N\n2\n")
    assert list(s.data.df["name"]) == ["a b", "c"]
    assert s.data.df["x"].isna().tolist() == [False, True]
    assert s.data.types["name"] == "str5"


def test_input_appends_to_existing_variables_and_rejects_bad_numbers(do):
    rc, out, s = do("input x\n1\nend\ninput x\n2\n3\nend")
    assert rc == 0 and list(s.data.df["x"]) == [1, 2, 3]
    rc, out, _ = do("input x\nabc\nend")
    assert rc == 7 and "'abc' cannot be read as a number" in out
    assert do("input")[0] == 104


def test_levelsof_drives_a_loop(do):
    df = pd.DataFrame({"c": [3.0, 1.0, 3.0, float("nan"), 2.5], "s": ["b x", "a", "a", "", "c"]})
    rc, out, s = do("levelsof c, local(levels)\nforeach v of local levels {\ndi `v' * 2\n}\nlevelsof s\n"
                     "levelsof s, clean separate(,)\nlevelsof c if c > 2, missing", df=df)
    assert rc == 0
    assert out == "1 2.5 3\n2\n5\n6\n`\"a\"' `\"b x\"' `\"c\"'\na,`\"b x\"',c\n2.5 3 .\n"
    assert s.r["levels"] == "2.5 3 ."


def test_combined_prefix_blocks(do):
    rc, out, s = do('capture noisily {\ndi "shown"\nfoo\n}\ndi _rc\nquietly capture {\ndi "no"\n}')
    assert rc == 0 and out.startswith("shown\nunrecognized command:  foo\n") and out.endswith("199\n")


def test_confirm(do, tmp_path):
    df = pd.DataFrame({"x": [1.0], "s": ["a"]})
    f = tmp_path / "here.txt"
    f.write_text("x")
    script = (f"confirm variable x\nconfirm numeric variable x\nconfirm string variable s\nconfirm new variable z\n"
              f"confirm file {f}\nconfirm new file {tmp_path / 'none.txt'}\nconfirm number 1.5\n"
              f"confirm integer number 3\ncapture confirm variable nothere\ndi _rc\n"
              f"capture confirm numeric variable s\ndi _rc\ncapture confirm new variable x\ndi _rc\n"
              f"capture confirm file {tmp_path / 'none.txt'}\ndi _rc\ncapture confirm number abc\ndi _rc\n"
              f"capture confirm integer number 1.5\ndi _rc")
    rc, out, _ = do(script, df=df)
    assert (rc, out) == (0, "111\n7\n110\n601\n7\n7\n")


SHOW = ("program define show\n"
        "  syntax [varlist] [if] [in] [, DETail Level(integer 95) Title(string) *]\n"
        "  display `\"[`varlist'][`if'][`in'][`detail'][`level'][`title'][`options']\"'\n"
        "end\n")


def test_syntax_fills_locals_from_the_arguments(do):
    df = pd.DataFrame({"x": [1.0, 2.0], "y": [3.0, 4.0]})
    rc, out, _ = do(SHOW + 'show\nshow x if y > 3 in 1/2, det level(90) title("a b") other(3)', df=df)
    assert rc == 0
    assert out == '[x y][][][][95][][]\n[x][if y > 3][in 1/2][detail][90][a b][other(3)]\n'


def test_syntax_errors(do):
    df = pd.DataFrame({"x": [1.0], "y": [2.0], "s": ["a"]})
    req = "program define req\n  syntax varname(numeric), By(varname)\n  display \"`varlist' by `by'\"\nend\n"
    cases = [("show nothere", 111), ("show x, level(9.5)", 198), ("req x, by(y)", 0), ("req x y, by(y)", 103),
             ("req x", 198), ("req s, by(y)", 109), ("req x, by(y) other", 198)]
    for line, rc in cases:
        got, out, _ = do(SHOW + req + line, df=df)
        assert got == rc, (line, out)
    assert do(SHOW + req + "req x, by(y)", df=df)[1] == "x by y\n"
    nothing = "program define none\n  syntax\nend\n"
    assert do(nothing + "none x")[:2] == (101, "varlist not allowed\nr(101);\n")
    assert do(nothing + "none if 1")[0] == 101
