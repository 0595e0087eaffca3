"""The preprocessor: comments, continuation, #delimit, blocks, macro expansion."""
from __future__ import annotations

from mlmcli.macro_expansion import expand_macros
from mlmcli.preprocess import block_depth, group_blocks, split_commands, split_semicolons


def texts(src: str) -> list[str]:
    return [c.text for c in split_commands(src)]


def test_star_comments_and_blank_lines_are_empty_commands_with_their_echo():
    items = split_commands("* a comment\n\n  * indented\ndisplay 1\n")
    assert [c.text for c in items] == ["", "", "", "display 1"]
    assert [c.echo for c in items] == [["* a comment"], [""], ["  * indented"], ["display 1"]]


def test_double_slash_comments_need_whitespace_before_them():
    assert texts("display 1 // note\n// whole line\nuse http://x.org/a.dta") == [
        "display 1", "", "use http://x.org/a.dta"]


def test_block_comments_span_lines_and_nest():
    items = split_commands("/* one\n /* nested */ still\n*/ display 1\ngen y = 1 /* x */ + 2")
    assert [c.text for c in items] == ["display 1", "gen y = 1   + 2"]
    assert items[0].echo == ["/* one", " /* nested */ still", "*/ display 1"]


def test_triple_slash_continues_the_command():
    items = split_commands("regress y x1 /// first\n   x2 ///\n   , robust\ndi 2")
    assert items[0].text == "regress y x1 x2 , robust"
    assert items[0].echo == ["regress y x1 /// first", "   x2 ///", "   , robust"]
    assert items[1].text == "di 2"


def test_star_comment_continued_with_triple_slash():
    assert texts("* comment ///\n still comment\ndi 1") == ["", "di 1"]


def test_strings_protect_comment_markers():
    assert texts('display "a // b /* c */ ///"\ndisplay `"x // y"\'') == [
        'display "a // b /* c */ ///"', 'display `"x // y"\'']


def test_delimit_semicolon_mode():
    items = split_commands("#delimit ;\nlist a\n  b; di 2; * star ;\n#delimit cr\ndi 3")
    assert [c.text for c in items] == ["", "list a b", "di 2", "", "", "di 3"]
    assert items[0].message == "delimiter now ;"
    assert items[4].message == "delimiter now cr"
    assert items[1].echo == ["list a", "  b; di 2; * star ;"]


def test_windows_line_endings():
    assert texts("di 1\r\ndi 2\r\n") == ["di 1", "di 2"]


def test_split_semicolons_for_dash_c():
    assert split_semicolons('di 1; di "a;b" ;di 3;') == 'di 1\ndi "a;b"\ndi 3'


def test_macro_expansion():
    loc = {"i": "1", "x1": "X", "empty": ""}
    glo = {"g": "G", "path": "/data"}
    assert expand_macros("di `x`i'' $g ${g}b `empty'|`undefined'|", loc, glo) == "di X G Gb ||"
    assert expand_macros('use "$path/file"', loc, glo) == 'use "/data/file"'
    assert expand_macros('di `"compound"\'', loc, glo) == 'di `"compound"\''
    assert expand_macros("di `=1+1'", loc, glo, lambda e: "2") == "di 2"
    assert expand_macros("cost $ 5", loc, glo) == "cost $ 5"


def test_macro_increment():
    loc = {"i": "4"}
    assert expand_macros("di `++i'", loc, {}) == "di 5" and loc["i"] == "5"
    assert expand_macros("di `i++'", loc, {}) == "di 5" and loc["i"] == "6"


def test_blocks_are_grouped_with_else_parts():
    items = group_blocks(split_commands("if 1 {\ndi 1\n}\nelse {\ndi 2\n}\ndi 3"))
    assert [c.text for c in items] == ["if 1", "di 3"]
    assert [c.text for c in items[0].body] == ["di 1"]
    assert items[0].orelse.text == "else" and [c.text for c in items[0].orelse.body] == ["di 2"]


def test_block_depth_for_the_repl():
    assert block_depth("forvalues i = 1/2 {") == 1
    assert block_depth("forvalues i = 1/2 {\nif 1 {\n}") == 1
    assert block_depth("if 1 {\n} else {") == 1
    assert block_depth("if 1 {\n}") == 0
    assert block_depth('di "{"') == 0


def test_expanded_values_are_scanned_again_and_backslash_escapes():
    # Stata rescans a macro's contents (delayed substitution, `local m reg y \`x''); a
    # self-reference stops after a bounded number of rescans instead of looping
    loc = {"tick": "`a'", "a": "no"}
    glo = {"self": "$self", "g": "G"}
    assert expand_macros("di `tick' $self", loc, glo) == "di no $self"
    assert expand_macros("di `macval(tick)'", loc, glo) == "di `a'"
    assert expand_macros(r"di \$g \`a'", loc, glo) == "di $g `a'"
    assert expand_macros("stray ` here", loc, glo) == "stray ` here"
