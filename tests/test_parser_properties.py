"""Property tests: no input ever crashes the parser or the expression compiler."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from mlmcli.ast import Command
from mlmcli.errors import StataError
from mlmcli.expr import compile_expression
from mlmcli.parser import parse_command

WORDS = ["by", "bys", "bysort", "qui", "quietly", "n", "cap", "capture", "noisily", "gen", "su",
         "summarize", "list", "tab", "mixed", "display", "di", "regress", "if", "in", "x", "y",
         "_n", "sort", "rc0", "foo", "1", "1/10", "f/l", "-5", "fw", "pweight", "=", "==", ",", ":",
         "(", ")", "[", "]", '"', '"a b"', "`", "'", "||", "+", "-", "*", "^", "&", "|", "!", "~",
         ".", ".a", "%9.3f", "_b[x]", "e(N)", "///", "/*", "*/", "//", ";", "#", "$", "\\", "é", "\t"]

token_soup = st.lists(st.sampled_from(WORDS), max_size=14).map(" ".join)
any_text = st.text(max_size=60)


@settings(max_examples=400, deadline=None)
@given(st.one_of(token_soup, any_text))
def test_parse_command_returns_a_command_or_a_stata_error(text):
    try:
        cmd = parse_command(text)
    except StataError as err:
        assert err.rc in (132, 198, 199)
    else:
        assert isinstance(cmd, Command) and cmd.name


@settings(max_examples=400, deadline=None)
@given(st.one_of(token_soup, any_text))
def test_compile_expression_returns_a_node_or_a_stata_error(text):
    try:
        node = compile_expression(text)
    except StataError as err:
        assert err.rc in (132, 133, 198)
    else:
        assert callable(node)


# Balanced option arguments as token lists: words, strings holding brackets, and nested
# (...), [...] and weight brackets [aw= ...], [ fweight = ...] (Stata passes them through).
ARG_WORDS = ["scatter", "y", "x", "1", "=", "==", ",", ":", "if", "in", "+", "||", "_n", '"a ]"', '"(b"']
OPENERS = {"(": ")", "[": "]", "[aw=": "]", "[ fweight =": "]", "[pw =": "]"}
arg_words = st.lists(st.sampled_from(ARG_WORDS), max_size=5)


def _nested(inner):
    wrapped = st.tuples(st.sampled_from(sorted(OPENERS)), inner).map(lambda t: [t[0], *t[1], OPENERS[t[0]]])
    return st.lists(st.one_of(arg_words, wrapped), max_size=3).map(lambda parts: sum(parts, []))


balanced_arg = st.recursive(arg_words, _nested, max_leaves=12)


@settings(max_examples=300, deadline=None)
@given(balanced_arg)
def test_an_option_argument_with_balanced_brackets_passes_through_verbatim(tokens):
    arg = " ".join(tokens)
    cmd = parse_command(f"lowess y x [fw=f], addplot({arg}) nodraw")
    assert [(o.name, o.arg) for o in cmd.options] == [("addplot", arg), ("nodraw", None)]
    assert cmd.args == "y x" and cmd.weight is not None


@settings(max_examples=300, deadline=None)
@given(balanced_arg, st.data())
def test_an_option_argument_missing_one_bracket_is_r132(tokens, data):
    brackets = [i for i, t in enumerate(tokens) if t in OPENERS or t in (")", "]")]
    if not brackets:
        return
    drop = data.draw(st.sampled_from(brackets))
    arg = " ".join(t for i, t in enumerate(tokens) if i != drop)
    try:
        parse_command(f"lowess y x, addplot({arg}) nodraw")
    except StataError as err:
        assert (err.message, err.rc) == ("parentheses unbalanced", 132)
    else:
        raise AssertionError(f"accepted unbalanced {arg!r}")
