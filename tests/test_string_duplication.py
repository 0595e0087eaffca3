"""String duplication ([U] 13.2.2): ``s*n`` and ``n*s`` repeat the string n times, in display,
scalars, local macros with =, and generate/replace row by row; string*string stays r(109).
The counts [U] leaves open follow Mata's ``*`` on a string and a real (help operators):
non-integers truncate toward zero, negative or missing counts give ""."""
from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings, strategies as st

from mlmcli.errors import StataError
from mlmcli.expr import evaluate, evaluate_scalar
from mlmcli.expr.string_duplication import MAX_STRING_BYTES, duplicate


@pytest.fixture
def session(new_session):
    return new_session(pd.DataFrame({"s": ["ab", "c", "", "xyz"], "n": [2.0, 0.0, 5.0, float("nan")]}))


def test_the_rosetta_code_session(do):
    rc, out, _ = do('scalar a = "ha"\nscalar b = a*5\ndisplay b', echo=True)
    assert rc == 0 and out.splitlines()[-1] == "hahahahaha"


@pytest.mark.parametrize("text, expected", [
    ('"ha"*5', "hahahahaha"), ('5*"ha"', "hahahahaha"), ('"ha"*0', ""), ('"ha"*1', "ha"),
    ('"ab"*2.9', "abab"), ('"ab"*-3', ""), ('"ab"*.', ""), ('"ab"*.a', ""), ('""*1e300', ""),
    ('"ab"*2 + "c"', "ababc"), ('"c" + 2*"ab"', "cabab"), ('("a" + "b")*2', "abab"),
    ('3*"a"*2', "aaaaaa"), ('"é"*3', "ééé"), ('"a"*(1+1)', "aa"),
])
def test_scalar_values(session, text, expected):
    assert evaluate_scalar(session, text) == expected


def test_numbers_still_multiply(session):
    assert evaluate_scalar(session, "2*3") == 6.0
    assert list(evaluate(session, "n*2")[:3]) == [4.0, 0.0, 10.0]


@pytest.mark.parametrize("text", ['"a"*"b"', "s*s", '"a"/2', '"a"^2', '2-"a"', '-"a"*2'])
def test_other_string_arithmetic_is_a_type_mismatch(session, text):
    with pytest.raises(StataError) as err:
        evaluate(session, text)
    assert err.value.rc == 109


def test_a_result_past_the_strl_limit_is_refused_before_it_is_built(session):
    with pytest.raises(StataError) as err:
        evaluate_scalar(session, '"ab"*1000000001')  # 2e9 + 2 bytes: past c(maxstrlvarlen)
    assert err.value.rc == 130
    with pytest.raises(StataError) as err:
        evaluate_scalar(session, '"é"*1.2e9')  # 1.2e9 characters but 2.4e9 bytes: bytes count
    assert err.value.rc == 130
    assert len(duplicate("é", MAX_STRING_BYTES // 2 // 1000)) == 1_000_000  # 2 bytes each: allowed


def test_row_by_row(session):
    assert list(evaluate(session, "s*n")) == ["abab", "", "", ""]
    assert list(evaluate(session, "n*s")) == ["abab", "", "", ""]
    assert list(evaluate(session, 's*2')) == ["abab", "cc", "", "xyzxyz"]
    assert list(evaluate(session, '"-"*n')) == ["--", "", "-----", ""]


def test_generate_replace_display_and_locals(do):
    text = "\n".join([
        "clear", "set obs 3", "gen n = _n", 'gen s = "ab"', "gen d = s*n", 'gen e = (n-1)*"xy"',
        "replace s = s*(n+1)", 'gen long_ = "x"*1000 + "y"*1100',
        'local m = "=-"*3', "display \"`m'\"", 'display "x"*3', 'display 3*"x"',
    ])
    rc, out, session = do(text)
    assert rc == 0, out
    df = session.data.df
    assert list(df["d"]) == ["ab", "abab", "ababab"]
    assert list(df["e"]) == ["", "xy", "xyxy"]
    assert list(df["s"]) == ["abab", "ababab", "abababab"]
    assert session.data.types["long_"] == "strL" and len(df["long_"][0]) == 2100
    assert session.locals["m"] == "=-=-=-"
    assert out.splitlines()[-3:] == ["=-=-=-", "xxx", "xxx"]


def test_a_string_result_into_a_numeric_variable_is_refused(do):
    rc, out, session = do("clear\nset obs 2\ngen m = 1\nreplace m = \"a\"*2")
    assert rc == 109 and list(session.data.df["m"]) == [1.0, 1.0]
    rc, out, _ = do('clear\nset obs 2\ngen double k = "a"*2')
    assert rc == 109


def test_lazy_data_take_the_in_memory_rule(do, tmp_path):
    path = tmp_path / "d.csv"
    path.write_text("n,s\n1,ab\n2,cd\n-1,ef\n")
    rc, out, session = do(f'import delimited using "{path}", lazy clear\ngen d = s*n\ngen e = 2*s')
    assert rc == 0, out
    session.data.materialise("test")
    assert list(session.data.df["d"]) == ["ab", "cdcd", ""]
    assert list(session.data.df["e"]) == ["abab", "cdcd", "efef"]


def test_help_operators_documents_the_rule(do):
    rc, out, _ = do("help operators")
    assert rc == 0 and "string duplication" in out and "[M-2] op_arith" in out and "r(130)" in out


@settings(max_examples=60, deadline=None)
@given(s=st.text(max_size=8), n=st.integers(min_value=0, max_value=50))
def test_length_is_length_times_count(s, n):
    assert len(duplicate(s, float(n))) == len(s) * n
    assert duplicate(s, float(n)) == s * n
