"""The expression engine against Stata's rules."""
from __future__ import annotations

import io
import math

import numpy as np
import pandas as pd
import pytest

from mlmcli.errors import StataError
from mlmcli.expr import evaluate, evaluate_condition, evaluate_scalar
from mlmcli.results.matrix import Matrix
from mlmcli.estimation.results import EstimationResults
from mlmcli.session import Output, Session

NAN = float("nan")


@pytest.fixture
def session(new_session):
    return new_session(pd.DataFrame({
        "x": [1.0, NAN, 3.0, 4.0],
        "g": [1, 1, 2, 2],
        "name": ["a", "b", "", "dd"],
        "income": [10.0, 20.0, 30.0, 40.0],
    }), types={"x": "float", "g": "byte", "name": "str2", "income": "float"})


def same(a, b):
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return a.shape == b.shape and bool(np.all((a == b) | (np.isnan(a) & np.isnan(b))))


@pytest.mark.parametrize("text,value", [
    ("-2^2", -4.0), ("2^3^2", 64.0), ("2^-1", 0.5), ("1+2*3", 7.0), ("(1+2)*3", 9.0),
    ("10/4/5", 0.5), ("7-2-1", 4.0), ("!0", 1.0), ("!5", 0.0), ("~0", 1.0), ("!0 == 1", 1.0),
    ("1 < 2 & 2 < 1", 0.0), ("1 | 0 & 0", 1.0), ("3 != 3", 0.0), ("3 ~= 4", 1.0),
    ("2 >= 2", 1.0), ("1e3", 1000.0), (".5", 0.5), ("_pi", math.pi),
])
def test_arithmetic_and_precedence(session, text, value):
    assert evaluate_scalar(session, text) == pytest.approx(value)


@pytest.mark.parametrize("text,value", [
    (". > 5", 1.0), (". > 1e300", 1.0), (". == .", 1.0), (". != .", 0.0), (". < 5", 0.0),
    (".a > 5", 1.0), ("5 < .", 1.0), ("!.", 0.0), (". & 1", 1.0), (". | 0", 1.0),
])
def test_missing_is_larger_than_every_number_and_true(session, text, value):
    assert evaluate_scalar(session, text) == value


@pytest.mark.parametrize("text", [". + 1", "1/0", "0/0", ". * 0", "ln(0)", "sqrt(-1)", "exp(1000)",
                                  "10^400", "-.", "mod(5, 0)", "log(-1)"])
def test_missing_results(session, text):
    assert math.isnan(evaluate_scalar(session, text))


def test_comparisons_over_a_column_with_missing(session):
    assert same(evaluate(session, "x > 2"), [0, 1, 1, 1])
    assert same(evaluate(session, "x == ."), [0, 1, 0, 0])
    assert same(evaluate(session, "x < ."), [1, 0, 1, 1])
    assert same(evaluate(session, "x + 1"), [2, NAN, 4, 5])
    assert list(evaluate_condition(session, "x > 2")) == [False, True, True, True]


def test_strings(session):
    assert list(evaluate(session, 'name + "z"')) == ["az", "bz", "z", "ddz"]
    assert same(evaluate(session, 'name == ""'), [0, 0, 1, 0])
    assert same(evaluate(session, 'name < "b"'), [1, 0, 1, 0])
    assert evaluate_scalar(session, '"a" + "b"') == "ab"
    assert evaluate_scalar(session, '`"say "hi""\'') == 'say "hi"'


@pytest.mark.parametrize("text", ['1 + "a"', '"a" == 1', '"a" * "b"', '"a" / 2', 'name * name', '-"a"', '!"a"', 'ln("a")',
                                  'substr(1, 1, 1)', 'name > 1', 'x + name'])
def test_type_mismatch(session, text):
    with pytest.raises(StataError) as err:
        evaluate(session, text)
    assert err.value.rc == 109


def test_observation_numbers_and_subscripts(session):
    assert same(evaluate(session, "_n"), [1, 2, 3, 4])
    assert same(evaluate(session, "_N"), [4, 4, 4, 4])
    assert same(evaluate(session, "x[_n-1]"), [NAN, 1, NAN, 3])
    assert same(evaluate(session, "x[_n+1]"), [NAN, 3, 4, NAN])
    assert same(evaluate(session, "income[1]"), [10, 10, 10, 10])
    assert same(evaluate(session, "income[_N]"), [40, 40, 40, 40])
    assert list(evaluate(session, "name[_n-1]")) == ["", "a", "b", ""]
    assert same(evaluate(session, "sum(x)"), [1, 1, 4, 8])


def test_by_groups(session):
    session.by_vars = ("g",)
    assert same(evaluate(session, "_n"), [1, 2, 1, 2])
    assert same(evaluate(session, "_N"), [2, 2, 2, 2])
    assert same(evaluate(session, "income[_n-1]"), [NAN, 10, NAN, 30])
    assert same(evaluate(session, "income[1]"), [10, 10, 30, 30])
    assert same(evaluate(session, "income[_N]"), [20, 20, 40, 40])
    assert same(evaluate(session, "sum(income)"), [10, 30, 30, 70])
    assert same(evaluate(session, "_n == 1"), [1, 0, 1, 0])


def test_scalar_mode_reads_observation_one(session):
    assert evaluate_scalar(session, "income") == 10.0
    assert evaluate_scalar(session, "income * 2 + _n") == 21.0
    assert evaluate_scalar(session, "name") == "a"
    assert evaluate_scalar(session, "_N") == 4.0
    assert evaluate_scalar(session, "income[3]") == 30.0


def test_variable_abbreviations(session):
    assert same(evaluate(session, "inc"), [10, 20, 30, 40])
    session.data.df["index"] = 1.0
    with pytest.raises(StataError) as err:
        evaluate(session, "i")
    assert err.value.rc == 111 and "ambiguous" in err.value.message


def test_unknown_name_and_function(session):
    with pytest.raises(StataError) as err:
        evaluate(session, "foo + 1")
    assert (err.value.message, err.value.rc) == ("foo not found", 111)
    with pytest.raises(StataError) as err:
        evaluate(session, "bar(1)")
    assert (err.value.message, err.value.rc) == ("unknown function bar()", 133)


@pytest.mark.parametrize("text", ["1 +", "x = 1", "", "ln(1, 2)", "2 ** 3", "x y"])
def test_invalid_syntax(session, text):
    with pytest.raises(StataError) as err:
        evaluate(session, text)
    assert (err.value.message, err.value.rc) == ("invalid syntax", 198)


@pytest.mark.parametrize("text,message", [("(1", "parentheses unbalanced"), ("1)", "parentheses unbalanced"),
                                          ("x[", "parentheses unbalanced"), ('"ab', "too few quotes")])
def test_unbalanced_is_r132(session, text, message):
    with pytest.raises(StataError) as err:
        evaluate(session, text)
    assert (err.value.message, err.value.rc) == (message, 132)


@pytest.mark.parametrize("text,value", [
    ("ln(exp(2))", 2.0), ("log10(1000)", 3.0), ("abs(-3)", 3.0), ("int(-2.7)", -2.0),
    ("trunc(2.7)", 2.0), ("floor(-2.5)", -3.0), ("ceil(2.1)", 3.0), ("round(2.5)", 3.0),
    ("round(-2.5)", -2.0), ("round(28, 5)", 30.0), ("round(1.2345, .01)", 1.23), ("round(7, 0)", 7.0),
    ("mod(-7, 3)", 2.0), ("mod(7, 3)", 1.0), ("min(3, ., 1)", 1.0), ("max(3, ., 1)", 3.0),
    ("missing(1, .)", 1.0), ("missing(1, 2)", 0.0), ('missing("")', 1.0), ("mi(.)", 1.0),
    ("inlist(2, 1, 2, 3)", 1.0), ("inlist(5, 1, 2)", 0.0), ('inlist("b", "a", "b")', 1.0),
    ("inrange(2, 1, 3)", 1.0), ("inrange(., 1, 3)", 0.0), ("inrange(5, 1, .)", 1.0),
    ("inrange(-5, ., 3)", 1.0), ("cond(1, 10, 20)", 10.0), ("cond(0, 10, 20)", 20.0),
    ("cond(., 10, 20)", 10.0), ("cond(., 10, 20, 30)", 30.0), ("logit(.5)", 0.0),
    ("invlogit(0)", 0.5), ("normal(0)", 0.5), ("invnormal(.975)", 1.959963984540054),
    ("normalden(0)", 0.3989422804014327), ("chi2tail(1, 3.841458820694124)", 0.05),
    ("ttail(10, 2.228138851986274)", 0.025), ("invttail(10, .025)", 2.228138851986274),
    ("Ftail(2, 10, 4.102821015130399)", 0.05), ("sqrt(16)", 4.0),
])
def test_numeric_functions(session, text, value):
    assert evaluate_scalar(session, text) == pytest.approx(value, rel=1e-9)


@pytest.mark.parametrize("text,value", [
    ('length("abc")', 3.0), ('strlen("")', 0.0), ('substr("hello", 2, 3)', "ell"),
    ('substr("hello", -3, .)', "llo"), ('substr("hello", 4, 10)', "lo"), ('strpos("abc", "c")', 3.0),
    ('strpos("abc", "z")', 0.0), ('upper("aB")', "AB"), ('lower("aB")', "ab"), ('trim("  a b ")', "a b"),
    ('ltrim("  a ")', "a "), ('rtrim(" a  ")', " a"), ('itrim("a   b")', "a b"),
    ('subinstr("a.b.c", ".", "-", .)', "a-b-c"), ('subinstr("a.b.c", ".", "-", 1)', "a-b.c"),
    ('word("a b c", 2)', "b"), ('word("a b c", -1)', "c"), ('word("a b", 5)', ""),
    ('wordcount("a  b c")', 3.0), ("string(3.5)", "3.5"), ("string(1/3)", ".3333333"),
    ('string(2, "%9.2f")', "2.00"), ("strofreal(42)", "42"), ('real("2.5")', 2.5),
    ('proper("hello world")', "Hello World"), ('strmatch("abc", "a*")', 1.0),
])
def test_string_functions(session, text, value):
    got = evaluate_scalar(session, text)
    assert got == (pytest.approx(value) if isinstance(value, float) else value)


def test_real_of_garbage_is_missing(session):
    assert math.isnan(evaluate_scalar(session, 'real("abc")'))


def test_string_functions_over_columns(session):
    assert same(evaluate(session, "length(name)"), [1, 1, 0, 2])
    assert list(evaluate(session, 'substr(name, 1, 1) + "!"')) == ["a!", "b!", "!", "d!"]
    assert list(evaluate(session, 'cond(x > 2, "big", "small")')) == ["small", "big", "big", "big"]


def test_running_sum_and_min_over_columns(session):
    assert same(evaluate(session, "max(x, 2)"), [2, 2, 3, 4])
    assert same(evaluate(session, "min(x, .)"), [1, NAN, 3, 4])
    assert same(evaluate(session, "sum(1)"), [1, 2, 3, 4])


def test_coefficients_and_stored_results(session):
    b = Matrix(np.array([[0.5, 0.1, -1.2]]), ("y1",), ("pbw:educ", "pbw:_cons", "lns1_1_1:_cons"))
    v = Matrix(np.diag([0.04, 0.01, 0.09]), b.colnames, b.colnames)
    session.e = EstimationResults(cmd="mixed", scalars={"N": 100.0, "ll": -5.5},
                                  macros={"depvar": "pbw"}, matrices={"b": b, "V": v},
                                  sample=np.array([True, False, True, True]))
    assert evaluate_scalar(session, "_b[educ]") == 0.5
    assert evaluate_scalar(session, "_b[_cons]") == 0.1
    assert evaluate_scalar(session, "_se[educ]") == pytest.approx(0.2)
    assert evaluate_scalar(session, "_b[lns1_1_1:_cons]") == -1.2
    assert evaluate_scalar(session, "[lns1_1_1]_b[_cons]") == -1.2
    assert evaluate_scalar(session, "[pbw]_se[_cons]") == pytest.approx(0.1)
    assert evaluate_scalar(session, "e(N)") == 100.0
    assert evaluate_scalar(session, "e(depvar)") == "pbw"
    assert math.isnan(evaluate_scalar(session, "e(nothing)"))
    assert same(evaluate(session, "e(sample)"), [1, 0, 1, 1])
    with pytest.raises(StataError) as err:
        evaluate_scalar(session, "_b[nothere]")
    assert (err.value.message, err.value.rc) == ("[nothere] not found", 111)
    with pytest.raises(StataError) as err:
        evaluate_scalar(session, "e(b)")
    assert err.value.rc == 509


def test_plain_coefficient_names(session):
    b = Matrix(np.array([[2.0, 3.0]]), ("y1",), ("educgroupc", "_cons"))
    session.e = EstimationResults(cmd="regress", matrices={"b": b})
    assert evaluate_scalar(session, "_b[educgroupc] + _b[_cons]") == 5.0


def test_no_estimates_is_r301(session):
    with pytest.raises(StataError) as err:
        evaluate_scalar(session, "_b[x]")
    assert err.value.rc == 301


def test_r_results_scalars_and_rc(session):
    session.r = {"mean": 2.5, "N": 4, "name": "abc"}
    session.scalars["s1"] = 7.0
    session.scalars["word"] = "hi"
    session.rc = 111
    assert evaluate_scalar(session, "r(mean) * r(N)") == 10.0
    assert evaluate_scalar(session, "r(name)") == "abc"
    assert math.isnan(evaluate_scalar(session, "r(missing)"))
    assert evaluate_scalar(session, "s1 + scalar(s1)") == 14.0
    assert evaluate_scalar(session, "word") == "hi"
    assert evaluate_scalar(session, "_rc") == 111.0
    assert evaluate_scalar(session, "c(N)") == 4.0


def test_variables_take_precedence_over_scalars(session):
    session.scalars["income"] = 99.0
    assert evaluate_scalar(session, "income") == 10.0
    assert evaluate_scalar(session, "scalar(income)") == 99.0


def test_random_numbers_follow_the_seed(session):
    session.seed = 42
    a = evaluate(session, "runiform()")
    session.seed = 43
    session.seed = 42
    session._rng = None
    b = evaluate(session, "runiform()")
    assert same(a, b) and np.all((a >= 0) & (a < 1))


def test_empty_dataset_scalar_expressions():
    s = Session(out=Output(io.StringIO()))
    assert evaluate_scalar(s, "2+2") == 4.0
    assert len(evaluate(s, "1")) == 0


@pytest.mark.parametrize("text,value", [
    ('regexm("abc123", "([a-z]+)([0-9]+)")', 1.0), ('regexm("abc", "[0-9]")', 0.0),
    ('regexr("a.b.c", "[.]", "-")', "a-b.c"), ("float(1.1) == 1.1", 0.0), ("float(0.5) == 0.5", 1.0),
    ("char(65)", "A"), ("recode(5, 2, 4, 6)", 6.0), ("recode(3, 2, 4, 6)", 4.0), ("irecode(5, 2, 4, 6)", 2.0),
    ("irecode(1, 2, 4)", 0.0), ("tanh(0)", 0.0),
])
def test_more_functions(session, text, value):
    assert evaluate_scalar(session, text) == value


def test_regexs_reads_the_last_match(session):
    evaluate_scalar(session, 'regexm("abc123", "([a-z]+)([0-9]+)")')
    assert evaluate_scalar(session, "regexs(2)") == "123"
    assert evaluate_scalar(session, "regexs(0)") == "abc123"
    assert math.isnan(evaluate_scalar(session, "recode(., 1, 2)"))


def test_running_sum_accumulates_over_evaluated_rows_only(session):
    rows = np.array([False, False, True, True])
    got = evaluate(session, "sum(income)", rows=rows)
    assert list(got[rows]) == [30.0, 70.0]


def test_factor_variable_coefficient_names(session):
    cols = ("pbw:educgroupc", "pbw:0b.weurope", "pbw:1.weurope", "pbw:0b.weurope#co.educgroupc",
            "pbw:1.weurope#c.educgroupc", "pbw:_cons", "lns1_1_1:_cons")
    session.e = EstimationResults(cmd="mixed", matrices={"b": Matrix(np.arange(7.0).reshape(1, 7), ("y1",), cols)})
    assert evaluate_scalar(session, "_b[0.weurope]") == 1.0
    assert evaluate_scalar(session, "_b[1.weurope#c.educgroupc]") == 4.0
    assert evaluate_scalar(session, "_b[c.educgroupc#1.weurope]") == 4.0
    assert evaluate_scalar(session, "_b[0.weurope#c.educgroupc]") == 3.0
    with pytest.raises(StataError):
        evaluate_scalar(session, "_b[2.weurope]")


def test_b_and_se_take_an_unambiguous_abbreviation_of_a_coefficient_name(do):
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(2)
    df = pd.DataFrame({"distance": rng.normal(size=30), "dropout": rng.normal(size=30)})
    df["y"] = 1 + df["distance"] + rng.normal(size=30)
    rc, out, s = do("regress y distance dropout\nscalar a = _b[dist]\nscalar b = _se[dist]", df)
    assert rc == 0
    assert s.scalars["a"] == s.e.matrices["b"].values[0, 0]
    rc, out, s = do("display _b[d]", session=s)  # distance or dropout: not found
    assert rc == 111 and "[d] not found" in out
    rc, out, s = do("set varabbrev off\ndisplay _b[dist]", session=s)
    assert rc == 111
