"""Fuzz: random expressions through `display`, `generate` and `if` never raise an internal error."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mlmcli.expr.functions import FUNCTIONS
from mlmcli.runner import Runner

ATOMS = ["x", "s", "g", "_n", "_N", ".", ".a", "0", "1", "-1", "2.5", "1e308", '""', '"ab c"', "_pi",
         "x[_n-1]", "x[0]", "s[2]", "_b[x]", "e(N)", "r(mean)", "c(N)", "_rc", "nothere"]
OPS = ["+", "-", "*", "/", "^", "==", "!=", "<", ">=", "&", "|"]


@st.composite
def expressions(draw, depth=0):
    if depth > 2 or draw(st.booleans()):
        return draw(st.sampled_from(ATOMS))
    kind = draw(st.sampled_from(["op", "fn", "not", "paren"]))
    if kind == "op":
        return f"{draw(expressions(depth + 1))} {draw(st.sampled_from(OPS))} {draw(expressions(depth + 1))}"
    if kind == "not":
        return f"!{draw(expressions(depth + 1))}"
    if kind == "paren":
        return f"({draw(expressions(depth + 1))})"
    name = draw(st.sampled_from(sorted(FUNCTIONS)))
    args = draw(st.lists(expressions(depth + 1), min_size=0, max_size=4))
    return f"{name}({', '.join(args)})"


@pytest.fixture(scope="module")
def session(new_session):
    """A new session over four rows of x, s, g for each call."""
    return lambda: new_session(pd.DataFrame({"x": [1.0, np.nan, -3.0, 0.0], "s": ["a", "", "b c", "d"],
                                             "g": [1.0, 1.0, 2.0, 2.0]}),
                               types={"x": "float", "s": "str3", "g": "byte"})


@settings(max_examples=300, deadline=None)
@given(expressions())
def test_random_expressions_give_results_or_stata_errors(session, expr):
    s = session()
    runner = Runner(s)
    for command in (f"display {expr}", f"generate double z = {expr}", f"count if {expr}",
                    f"by g: generate w = {expr}"):
        s.out.stream.seek(0)
        s.out.stream.truncate()
        runner.run_text(command, echo=False)
        out = s.out.stream.getvalue()
        assert "internal error" not in out, (command, out)
        for name in ("z", "w"):
            if name in s.data.df.columns:
                s.data.drop_variables([name])


RISKY = ['subinstr("aaa","a","b",1e308)', 'substr("abc",1e308,1e308)', 'substr("abc",-1e308,2)',
         'word("a b",1e308)', "char(-1)", "char(1e308)", "string(1e308)", "round(1e308, 1e-308)",
         "mod(1e308, 1e-308)", "normalden(1,2,0)", "invnormal(2)", "chi2tail(-1,1)", "comb(1e308,3)",
         "lnfactorial(1e308)", "x[1e308]", 'real("1e999")', 'regexm("a","(")', "2^1e308", "regexs(s)",
         "irecode(_N, x)", "recode(x, 1, g)", "runiform(1)", "ttail(., 1)", "lngamma(-1)"]


def test_risky_function_arguments_never_crash(session):
    s = session()
    runner = Runner(s)
    for expr in RISKY:
        s.out.stream.seek(0)
        s.out.stream.truncate()
        runner.run_text(f"display {expr}", echo=False)
        assert "internal error" not in s.out.stream.getvalue(), expr
