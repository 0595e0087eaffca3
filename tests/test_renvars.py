"""renvars (community command; renvars.ado 2.2.1 and the later upper/lower): one transformation
of the names, or ``\\ newvarlist``; a failing renvars renames nothing."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from mlmcli.dataset import Dataset


def data() -> Dataset:
    ds = Dataset(df=pd.DataFrame({
        "va_math_": [1.0, 2.0], "va_urdu_": [3.0, 4.0], "se_math_": [0.1, 0.2], "id": [1.0, 2.0],
    }))
    ds.var_labels["va_math_"] = "math value added"
    return ds


@pytest.mark.parametrize("options, expected", [
    ("postdrop(1)", ["va_math", "va_urdu", "se_math", "i"]),
    ("predrop(3)", None),  # se_math_ -> math_, which va_math_ became: refused below
    ("prefix(z_)", ["z_va_math_", "z_va_urdu_", "z_se_math_", "z_id"]),
    ("postfix(1)", ["va_math_1", "va_urdu_1", "se_math_1", "id1"]),
    ("upper", ["VA_MATH_", "VA_URDU_", "SE_MATH_", "ID"]),
    ("subst(_ x)", ["vaxmathx", "vaxurdux", "sexmathx", "id"]),
    ("subst(math_)", ["va_", "va_urdu_", "se_", "id"]),
    ("presub(va_ v)", ["vmath_", "vurdu_", "se_math_", "id"]),
    ("postsub(_ 2)", ["va_math2", "va_urdu2", "se_math2", "id"]),
    ("trim(4)", ["va_m", "va_u", "se_m", "id"]),
])
def test_transformations_of_all_variables(new_session, run, options, expected):
    s = new_session(data())
    out, rc = run(s, f"renvars, {options}")
    if expected is None:
        assert rc == 110 and "variable math_ already defined" in out
        assert s.data.varnames == ["va_math_", "va_urdu_", "se_math_", "id"]  # nothing renamed
        return
    assert rc == 0, out
    assert s.data.varnames == expected
    assert s.data.var_labels[expected[0]] == "math value added"  # the label follows the variable


def test_wildcard_varlist_and_display(new_session, run):
    s = new_session(data())
    out, rc = run(s, "renvars va_*_, postdrop(1) display")
    assert rc == 0
    assert out.splitlines() == ["va_math_ -> va_math", "va_urdu_ -> va_urdu"]
    assert s.data.varnames == ["va_math", "va_urdu", "se_math_", "id"]
    np.testing.assert_array_equal(s.data.numeric("va_urdu"), [3.0, 4.0])


def test_new_varlist_form(new_session, run):
    s = new_session(data())
    assert run(s, "renvars va_math_ id \\ math school")[1] == 0
    assert s.data.varnames == ["math", "va_urdu_", "se_math_", "school"]


@pytest.mark.parametrize("command, rc, message", [
    ("renvars, upper lower", 198, "exactly one transformation option should be specified"),
    ("renvars id", 198, "exactly one transformation option should be specified"),
    ("renvars id \\ a b", 198, "same number of names"),
    ("renvars id \\ a, upper", 198, "exactly one transformation option should be specified"),
    ("renvars id, postdrop(2)", 198, "invalid name"),
    ("renvars id, prefix(1)", 198, "1id invalid name"),
    ("renvars va_math_ va_urdu_, trim(2)", 110, "variable va already defined"),
    ("renvars nosuch, upper", 111, "variable nosuch not found"),
    ("renvars id, bogus", 198, "option bogus not allowed"),
])
def test_errors_leave_the_names_as_they_were(new_session, run, command, rc, message):
    s = new_session(data())
    out, got = run(s, command)
    assert got == rc and message in out
    assert s.data.varnames == ["va_math_", "va_urdu_", "se_math_", "id"]


def test_a_new_name_may_be_one_an_earlier_variable_gave_up(new_session, run):
    """renvars renames in order: b -> c is allowed once c has been renamed to d first."""
    ds = Dataset(df=pd.DataFrame({"c": [1.0], "b": [2.0]}))
    s = new_session(ds)
    assert run(s, "renvars c b \\ d c")[1] == 0
    assert s.data.varnames == ["d", "c"] and s.data.numeric("c")[0] == 2.0
    out, rc = run(s, "renvars c d \\ d e")  # c -> d while d still exists
    assert rc == 110 and s.data.varnames == ["d", "c"]
