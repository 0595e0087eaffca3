"""Top-level text scanning: quotes, compound quotes, brackets; balance errors."""
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from mlmcli.textscan import (balance_error, find_top, has_unclosed_quote, matching_close, quote_end,
                             split_top)


def test_quote_end_plain_and_compound_nesting():
    assert quote_end('"ab" c', 0) == 4
    text = '`"a `"b"\' "c"\' d'
    assert text[:quote_end(text, 0)] == '`"a `"b"\' "c"\''
    assert quote_end('"open', 0) == -1 and quote_end('`"open"', 0) == -1


def test_split_top_skips_quotes_and_every_bracket_kind():
    text = 'a `"x "||" y"\' || b (c||d) [e||f] {g||h} || "i||j" z'
    assert split_top(text, "||") == ['a `"x "||" y"\' ', " b (c||d) [e||f] {g||h} ", ' "i||j" z']


def test_named_brackets_only():
    assert split_top("a(b;c);d", ";", brackets="") == ["a(b", "c)", "d"]
    assert find_top("x [fw=w], o", "[", brackets="(") == 2
    assert find_top("x [fw=w, o]", ",", brackets="(") == 7
    assert find_top("x [fw=w, o]", ",") == -1


def test_a_bracket_stands_at_the_depth_it_is_typed_at():
    text = "f(a, (b)) , c"
    assert matching_close(text, 1) == 8
    assert find_top(text, ",") == 10
    assert find_top(text, "(") == 1
    assert matching_close("(abc", 0) == -1
    assert matching_close('(")" x)', 0) == 6


def test_lenient_scanning():
    assert find_top("a ) , b", ",") == 4  # a stray closer does not nest
    assert split_top('a;"b;c', ";") == ["a", '"b;c']  # an unclosed quote runs to the end
    assert has_unclosed_quote('a "b') and not has_unclosed_quote('a "b" `"c"\'')


def test_balance_errors_are_r132():
    assert balance_error('(a "(" ) [b]') is None
    for text, message in (("(a", "parentheses unbalanced"), ("a)", "parentheses unbalanced"),
                          ('"a', "too few quotes"), ('`"a"', "too few quotes")):
        err = balance_error(text)
        assert (err.message, err.rc) == (message, 132)


@given(st.lists(st.sampled_from(["a", " ", ",", "x1", "(b,c)", '"d,e"', "[f,g]"]), max_size=12))
def test_split_then_join_gives_the_text_back(pieces):
    text = "".join(pieces)
    parts = split_top(text, ",")
    assert ",".join(parts) == text
    assert len(parts) == 1 + pieces.count(",")
