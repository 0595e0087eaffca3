"""Loops whose expanded expressions change every pass: the parse of an expression's number
shape (``mlmcli.expr.number_shapes``) is cached, each pass gets its own values, and an
expression that fails is never cached."""
from __future__ import annotations

import numpy as np
import pytest

from mlmcli.errors import StataError
from mlmcli.expr.compiler import complete_prefix_ends, parse_expression, parses
from mlmcli.expr.number_shapes import number_shape


@pytest.mark.parametrize("text,shape", [
    ("`i' < 20", "`i' < 11"),
    ("205 < 3000 & 7 >= 0", "111 < 1111 & 1 >= 1"),
    ("x12 + 2.5e-3*.75", "x12 + 1.1e-1*.11"),
    ("_b[2.foreign] + L2.y + 1.x", "_b[2.foreign] + L2.y + 1.x"),  # levels and lags stay
    ('"a 25" + string(4)', '"a 11" + string(1)'),
    ("%9.2f", "%9.2f"),
])
def test_number_shape_keeps_names_levels_and_length(text, shape):
    assert number_shape(text) == shape and len(number_shape(text)) == len(text)


@pytest.mark.parametrize("text", ["205 < 3000 & 7 >= 0", "x12 + 2.5e-3*.75", '"a 25" + string(4)',
                                  "cond(3 > 2, 40, 50) + x[2]", "(8)", "-9", "93", "r(N) + e(b)[1,2]",
                                  '"x 20 y" + "7"', "max(1, 22, 333) == 333"])
def test_tree_is_the_tree_of_the_text_itself(text):
    from mlmcli.expr.compiler import _lark

    assert parse_expression(text) == _lark().parse(text)


@pytest.mark.parametrize("text", ['2+2 "a"', '"deviance = " -2*e(ll)', "17 29", "3 + (4"])
def test_prefix_ends_are_the_texts_own(text):
    from mlmcli.expr.compiler import _prefix_scan

    assert complete_prefix_ends(text) == _prefix_scan.__wrapped__(text)[0]


def test_failed_parse_is_not_cached_and_names_the_text():
    parse_expression.cache_clear()
    for bad in ("3 +* 4", "(5 + 6"):
        with pytest.raises(StataError) as err:
            parse_expression(bad)
        assert err.value.rc in (132, 198)
    from mlmcli.expr.compiler import _parse_expression_text, _parse_shape

    assert _parse_expression_text.cache_info().currsize == 0 and _parse_shape.cache_info().currsize == 0
    assert parses("3 + 4") and parse_expression("3 + 4") is not None


def test_while_condition_text_changes_every_pass(do):
    rc, out, _ = do("local i = 0\nlocal s = 0\nwhile `i' < 150 {\nlocal i = `i' + 1\n"
                    "local s = `s' + `i'*`i'\n}\ndisplay `s'")
    assert rc == 0 and out.split()[-1] == str(int(np.sum(np.arange(1, 151) ** 2)))


def test_condition_whose_operator_changes_between_passes(do):
    # the relation itself comes from a macro: < on odd passes, > never true afterwards
    rc, out, _ = do('local i = 0\nlocal op "<"\nwhile `i\' `op\' 5 {\nlocal i = `i\' + 1\n'
                    'if `i\' == 3 local op ">"\ndisplay `i\'\n}\ndisplay "end `i\'"')
    assert rc == 0 and out.splitlines() == ["1", "2", "3", "end 3"]


def test_condition_that_errors_on_one_pass(do):
    rc, out, _ = do('local i = 0\nlocal tail ""\nwhile `i\' < 5 `tail\' {\nlocal i = `i\' + 1\n'
                    'if `i\' == 2 local tail "+"\ndisplay `i\'\n}')
    assert rc == 198 and out.splitlines()[:2] == ["1", "2"] and "invalid syntax" in out
    # the same loop text without the error runs through: nothing of the failure was kept
    rc, out, _ = do('local i = 0\nwhile `i\' < 5 {\nlocal i = `i\' + 1\n}\ndisplay `i\'')
    assert rc == 0 and out.split()[-1] == "5"


def test_nested_loops_with_break_and_continue(do):
    text = "\n".join([
        "local t = 0", "local i = 0",
        "while `i' < 30 {",
        "  local i = `i' + 1",
        "  if mod(`i', 2) == 0 continue",
        "  forvalues j = 1/`i' {",
        "    if `j' > 4 continue, break",
        "    local t = `t' + `i'*10 + `j'",
        "  }",
        "  foreach k of numlist 1 2 3 {",
        "    if `k' * `i' > 20 continue, break",
        "    local t = `t' + `k'",
        "  }",
        "  if `i' >= 25 continue, break",
        "}",
        "display `t' \" \" `i'"])
    rc, out, _ = do(text)
    t = 0
    i = 0
    while i < 30:
        i += 1
        if i % 2 == 0:
            continue
        t += sum(i * 10 + j for j in range(1, min(i, 4) + 1))
        t += sum(k for k in (1, 2, 3) if k * i <= 20 and all(m * i <= 20 for m in range(1, k)))
        if i >= 25:
            break
    assert rc == 0 and out.split()[-2:] == [str(t), str(i)]


def test_display_in_a_loop_shows_each_pass(do):
    rc, out, _ = do('forvalues i = 8/12 {\ndisplay "v`i\' " `i\'*3 " " %5.1f `i\'/4\n}')
    assert rc == 0 and out.splitlines() == [f"v{i} {i * 3} {i / 4:5.1f}" for i in range(8, 13)]


@pytest.mark.parametrize("line", [
    "local i = 5", "display`x'", "n display 3", "no", "byte x", "by g: summ x", "quietly1 foo", "qui: reg y x",
    "x=5", "generate    y = 1\n+2", "regress", "capture", "cap noi display 1", "bysort a (b): gen k=_n",
    "reg3 (y x)", "étude 5", "summ\tx", "local\u00a0i 3", "quietly display 3", "qui:display 2", "qui:",
    "n n display", "cap noi: reg y", "qui by g: summ", "quietly = 3", "qui : : x", "noisily\ttab x",
    "quietly\u00a0x", "q x", "no:no:n foo bar", "qui bysort a: x", "* note", "=5"])
def test_plain_command_head_is_what_the_grammar_reads(line):
    """A line with no by-prefix is split by a regex (a loop's `local i = `i' + 1` is new text
    every pass); it must agree with grammar/command.lark's `head`, errors included."""
    from lark.exceptions import LarkError

    from mlmcli import parser as P

    def by_grammar(text):
        head = P._lark().parse(text, start="head")
        pre, word, rest = [], "", ""
        for c in head.children:
            if hasattr(c, "data"):
                pre.append(P._prefix(c, text))
            elif c.type == "NAME":
                word = str(c)
            elif c.type == "REST":
                rest = str(c).strip()
        return tuple(pre), word, rest

    def outcome(split, text):
        try:
            return split(text)
        except LarkError:
            return "error"

    text = line.strip()
    assert outcome(P._split_head.__wrapped__, text) == outcome(by_grammar, text)


def test_random_expressions_parse_as_their_own_text():
    """Texts built from pieces with digits in every role: the shaped parse (numbers made 1,
    values put back) is the tree of the text itself, or both fail alike."""
    import random

    from mlmcli.expr.compiler import _lark, _literals_substituted, _parse_expression_text

    pieces = ["12", "0.5", ".25", "3e4", "1.5E-2", "x12", "y", '"a 7 b"', "_b[2.g]", "L2.y", "r(N)", "(", ")",
              "+", "-", "*", "/", "^", "<", ">=", "==", "&", "|", "!", ",", "max(", "x[", "]", "07", "9.", "_n"]
    rng = random.Random(20261207)
    for _ in range(1500):
        text = " ".join(rng.choice(pieces) for _ in range(rng.randint(1, 7)))
        from mlmcli.time_series_ops import rewrite_expression

        prepared = _literals_substituted(rewrite_expression(text))
        try:
            direct = _lark().parse(prepared)
        except Exception:
            direct = None
        try:
            ours = _parse_expression_text.__wrapped__(text)
        except StataError:
            ours = None
        assert ours == direct, text
