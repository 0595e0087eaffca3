"""``tokenize``, ``gettoken``, ``macro shift`` and `` `*' `` ([P] tokenize, [P] gettoken, [P] macro),
and ``: word``/``: word count``, which read tokens by the same rule: text in double quotes is one
token ("A token is a word ... or text enclosed in double quotes"; a published ado notes that
``: word count ""`` is 1)."""
from __future__ import annotations

import pytest


@pytest.fixture
def session(new_session):
    return new_session()


def show(run, session, text: str) -> str:
    out, rc = run(session, text)
    assert rc == 0, out
    return out.strip()


@pytest.mark.parametrize("line, expected", [
    ("tokenize some words", "1=|some|, 2=|words|, 3=||"),
    ('tokenize "some more words"', "1=|some|, 2=|more|, 3=|words|"),
    ('tokenize `"some "more words""\'', "1=|some|, 2=|more words|, 3=||"),
    ('tokenize "a b,c d", parse(",")', "1=|a b|, 2=|,|, 3=|c d|"),
    ('tokenize "a b,c", parse(" ,")', "1=|a|, 2=|b|, 3=|,|"),
    ("tokenize", "1=||, 2=||, 3=||"),
])
def test_tokenize(session, run, line, expected):
    run(session, "tokenize x y z w")  # earlier positional macros beyond the tokens are cleared
    assert show(run, session, line + "\ndisplay \"1=|`1'|, 2=|`2'|, 3=|`3'|\"") == expected


@pytest.mark.parametrize("setup, line, expected", [
    ('local s "cat dog"', "gettoken left s : s", "|cat| | dog| ||"),
    ('local s "x1 x2, robust cluster(id)"', 'gettoken left s : s, parse(",")', "|x1 x2| |, robust cluster(id)| ||"),
    ('local s `"(a b) c"\'', "gettoken left s : s, match(p)", "|a b| | c| |(|"),
    ('local s `"(a b) c"\'', "gettoken left s : s", "|(a| | b) c| ||"),
    ('local s `"f(a b) c"\'', "gettoken left s : s, bind", "|f(a b)| | c| ||"),
    ('local s `""q r" z"\'', "gettoken left s : s", "|q r| | z| ||"),
    ('local s `""q r" z"\'', "gettoken left s : s, quotes qed(p)", '|"q r"| | z| |1|'),
    ('local s "   "', "gettoken left s : s", "|| || ||"),
])
def test_gettoken(session, run, setup, line, expected):
    out = show(run, session, f"local p\n{setup}\n{line}\ndisplay `\"|`left'| |`s'| |`p'|\"'")
    assert out == expected


def test_gettoken_global_and_positional_names(session, run):
    out = show(run, session, """global g "one two"\ngettoken (local) a (global) g : (global) g\ndisplay "|`a'|$g|" """)
    assert out == "|one| two|"
    out = show(run, session, """program define p\n gettoken first 0 : 0\n display "|`first'|`0'|`1'|"\nend\np a b c""")
    assert out == "|a| b c|a|"


def test_macro_shift_and_star(session, run):
    out = show(run, session, "program define p\n display \"[`*']\"\n macro shift\n display \"[`1'][`*']\"\n"
                             " mac shift 2\n display \"[`1'][`*']\"\nend\np a b c d")
    assert out.splitlines() == ["[a b c d]", "[b][b c d]", "[d][d]"]
    out = show(run, session, "program define qq\n while \"`1'\" != \"\" {\n  display \"`1'\"\n  macro shift\n }\nend\nqq x y")
    assert out.splitlines() == ["x", "y"]


def test_positional_local_can_be_defined(session, run):
    out = show(run, session, """program define p\n local 0 "x, detail"\n display "`0'"\nend\np""")
    assert out == "x, detail"


@pytest.mark.parametrize("spec, expected", [
    (': word count "a b" c', "2"),
    (': word count ""', "1"),
    (": word count a b c", "3"),
    (': word 1 of "a b" c', "a b"),
    (': word 2 of x "y z"', "y z"),
    (': word count `"x "y z""\'', "1"),
])
def test_word_functions_read_tokens(session, run, spec, expected):
    assert show(run, session, f"local w {spec}\ndisplay `\"[`w']\"'") == f"[{expected}]"


def test_outer_quotes_of_a_macro_definition_go(session, run):
    out = show(run, session, 'global years " "09" "10" "\nforeach y of global years {\n display "`y\'"\n}')
    assert out.splitlines() == ["09", "10"]
    assert show(run, session, 'local x "a" "b"\ndisplay `"[`x\']"\'') == '[a" "b]'


@pytest.mark.parametrize("line, rc", [
    ("gettoken a", 198), ("gettoken a b c : d", 198), ("macro shift x", 198), ("macro shift 0", 198),
    ('gettoken a : b, qed(1x)', 198), ("tokenize a, foo", 198),
])
def test_errors(session, run, line, rc):
    out, code = run(session, line, stop_on_error=False)
    assert code == rc, out
