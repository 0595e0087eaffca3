"""The command parser: prefixes, command words, args, if/in/weight, options, errors."""
from __future__ import annotations

import pytest

from mlmcli.ast import InRange, Option, Weight
from mlmcli.errors import StataError
from mlmcli.parser import parse_command, split_prefixes, weight_kind


def test_plain_command_with_everything():
    c = parse_command("summarize y x if z>5 in 1/10 [fw=w], detail")
    assert c.name == "summarize"
    assert c.args == "y x"
    assert c.if_exp == "z>5"
    assert c.in_range == InRange("1", "10")
    assert c.weight == Weight("fw", "w")
    assert c.options == (Option("detail"),)
    assert c.has_comma


@pytest.mark.parametrize("typed,name", [
    ("g", "generate"), ("gen", "generate"), ("su", "summarize"), ("sum", "summarize"),
    ("tab", "tabulate"), ("di", "display"), ("reg", "regress"), ("est", "estimates"),
    ("d", "describe"), ("l", "list"), ("summarize", "summarize"), ("xtmixed", "xtmixed"),
])
def test_abbreviations_resolve_to_the_full_name(typed, name):
    assert parse_command(f"{typed} x").name == name


def test_unknown_command_is_r199():
    with pytest.raises(StataError) as err:
        parse_command("foo x y")
    assert err.value.rc == 199
    assert err.value.message == "unrecognized command:  foo"


def test_too_short_abbreviation_is_unknown():
    with pytest.raises(StataError) as err:
        parse_command("s x")  # summarize needs `su`, sort needs `sort`
    assert err.value.rc == 199


def test_prefixes_nest_in_order():
    c = parse_command("capture quietly by x: summarize y")
    assert [p.name for p in c.prefixes] == ["capture", "quietly", "by"]
    assert c.prefixes[2].varlist == ("x",)
    assert c.name == "summarize" and c.args == "y"


@pytest.mark.parametrize("typed,name", [
    ("qui", "quietly"), ("quietly", "quietly"), ("quietly:", "quietly"), ("n", "noisily"),
    ("noi", "noisily"), ("noisily", "noisily"), ("cap", "capture"), ("capture", "capture"),
    ("capt", "capture"),
])
def test_simple_prefix_forms(typed, name):
    c = parse_command(f"{typed} display 1")
    assert c.prefixes[0].name == name
    assert c.name == "display" and c.args == "1"


def test_bysort_and_by_sort_option():
    a = parse_command("bysort cntryid: regress pbw EDUCM2")
    assert a.prefixes[0].sort and a.prefixes[0].varlist == ("cntryid",)
    b = parse_command("bys a b: gen n = _n")
    assert b.prefixes[0].sort and b.prefixes[0].varlist == ("a", "b")
    c = parse_command("by a, sort: egen m = mean(x)")
    assert c.prefixes[0].sort and c.prefixes[0].varlist == ("a",)
    d = parse_command("by a: list")
    assert not d.prefixes[0].sort


def test_by_with_sort_only_variables_and_rc0():
    c = parse_command("by id (year), sort rc0: gen first = _n == 1")
    p = c.prefixes[0]
    assert p.varlist == ("id",) and p.sort_only == ("year",) and p.sort and p.rc0
    assert c.args == "first = _n == 1"


def test_variable_named_like_a_prefix_is_not_a_prefix():
    c = parse_command("list n in -5/l")
    assert c.prefixes == () and c.args == "n"
    assert c.in_range == InRange("-5", "l")
    assert parse_command("by n: list").prefixes[0].varlist == ("n",)


def test_options_with_spaces_before_parentheses():
    c = parse_command("tabstat lambda_j, statistics (mean sd) by (cntryid)")
    assert c.options == (Option("statistics", "mean sd"), Option("by", "cntryid"))


def test_option_arguments_keep_nested_parentheses_and_quotes():
    c = parse_command('regress y x, vce(cluster id) title("a (b), c") format(%9.2f) nocons')
    assert c.options == (Option("vce", "cluster id"), Option("title", '"a (b), c"'),
                         Option("format", "%9.2f"), Option("nocons"))


@pytest.mark.parametrize("arg", [
    "scatter y x [aw=w]", "scatter y x [ fweight = f ] if x > 1, mc(red)",
    "(scatter y x [pw=w]) (lfit y x [aw=w])", "scatter y x [aw=w] || scatter y z [fw=f[_n]]",
    'scatter y x [aw=w], title("[aw=w")', "scatter y x [aw=]",
])
def test_option_arguments_may_hold_weights_verbatim(arg):
    # Stata's option syntax passes the parenthesised text through, brackets and all.
    c = parse_command(f"lowess y x [fw=f], addplot({arg}) ms(o)")
    assert c.options == (Option("addplot", arg), Option("ms", "o"))
    assert c.weight == Weight("fw", "f")


def test_comma_inside_parentheses_and_strings_is_not_the_options_comma():
    c = parse_command('gen s = cond(x, "a,b", "c") if inlist(y, 1, 2)')
    assert c.args == 's = cond(x, "a,b", "c")'
    assert c.if_exp == "inlist(y, 1, 2)"
    assert not c.has_comma


def test_trailing_comma_without_options():
    c = parse_command("su x,")
    assert c.has_comma and c.options == ()


def test_subscripts_are_not_weights():
    c = parse_command("gen y = x[_n-1] if x[1] > 2")
    assert c.args == "y = x[_n-1]" and c.if_exp == "x[1] > 2" and c.weight is None


@pytest.mark.parametrize("typed,kind,exp,canonical", [
    ("[fw=x]", "fw", "x", "fweight"), ("[pweight = V342]", "pweight", "V342", "pweight"),
    ("[aw=1/n]", "aw", "1/n", "aweight"), ("[iweight=w]", "iweight", "w", "iweight"),
    ("[weight = w2]", "weight", "w2", "weight"),
])
def test_weights(typed, kind, exp, canonical):
    c = parse_command(f"regress y x {typed}, robust")
    assert c.weight == Weight(kind, exp)
    assert weight_kind(c.weight) == canonical
    assert c.options == (Option("robust"),)


@pytest.mark.parametrize("typed,first,last", [
    ("in 5", "5", None), ("in 1/10", "1", "10"), ("in -5/l", "-5", "l"), ("in f/l", "f", "l"),
    ("in 1 / 3", "1", "3"),
])
def test_in_ranges(typed, first, last):
    assert parse_command(f"list x {typed}").in_range == InRange(first, last)


def test_in_before_if_is_accepted():
    c = parse_command("list x in 1/5 if y > 2")
    assert c.in_range == InRange("1", "5") and c.if_exp == "y > 2"


def test_raw_commands_keep_their_whole_tail():
    c = parse_command("mixed pbw x if y>1 || cntryid: x, cov(un) || region:, reml")
    assert c.name == "mixed"
    assert c.args == "pbw x if y>1 || cntryid: x, cov(un) || region:, reml"
    assert c.if_exp is None and c.options == ()
    assert parse_command('di "a, b" 2+2').args == '"a, b" 2+2'
    assert parse_command('di"x"').args == '"x"'


def test_compound_quotes_are_strings():
    c = parse_command('gen s = `"say "hi", ok"\' if x')
    assert c.args == 'gen s = `"say "hi", ok"\''.split(" ", 1)[1]
    assert c.if_exp == "x"


@pytest.mark.parametrize("bad", [
    "by x", "list if", "list in a/b", "list in 1/2/3", "su x if y > 1 if z", "quietly", "su x [fw=]",
])
def test_invalid_syntax(bad):
    with pytest.raises(StataError) as err:
        parse_command(bad)
    assert (err.value.message, err.value.rc) == ("invalid syntax", 198)


@pytest.mark.parametrize("bad,message", [
    ("gen (", "parentheses unbalanced"), ("su x, by(", "parentheses unbalanced"),
    ("gen y = x)", "parentheses unbalanced"), ('gen s = "unclosed', "too few quotes"),
    ("lowess y x, addplot(scatter y x [aw=w)", "parentheses unbalanced"),
    ("lowess y x, addplot(scatter y x aw=w])", "parentheses unbalanced"),
    ("lowess y x, addplot(scatter y x [aw=w]", "parentheses unbalanced"),
    ('lowess y x, addplot(scatter y x [aw=w], title("a))', "too few quotes"),
])
def test_unbalanced_parentheses_and_quotes_are_r132(bad, message):
    with pytest.raises(StataError) as err:
        parse_command(bad)
    assert (err.value.message, err.value.rc) == (message, 132)


def test_option_typed_as_a_number_is_invalid():
    with pytest.raises(StataError) as err:
        parse_command("su x, 5")
    assert err.value.rc == 198


def test_split_prefixes_of_an_unknown_command():
    assert [p.name for p in split_prefixes("capture noisily foo x")] == ["capture", "noisily"]
    assert split_prefixes("foo") == ()


def test_text_is_kept():
    line = "bysort g: summarize x"
    assert parse_command(line).text == line


def test_by_varlists_with_wildcards_and_ranges():
    assert parse_command("by x*: list").prefixes[0].varlist == ("x*",)
    assert parse_command("by a-c, sort: list").prefixes[0].varlist == ("a-c",)
    assert parse_command("by a - c: list").prefixes[0].varlist == ("a", "-", "c")
    assert parse_command("bysort id (t*): list").prefixes[0].sort_only == ("t*",)
