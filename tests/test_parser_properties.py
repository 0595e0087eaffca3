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
