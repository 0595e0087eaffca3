"""display writes SMCL ([P] display, "display and SMCL"; [P] smcl): directives in its strings
are laid out as a text log shows them, _column()/_skip() count the text shown, what SMCL does
not understand prints as typed, and file write / local : display keep the text as typed.

Expected texts follow the rules of [P] smcl (smcl.sthlp): {hline} draws the rest of the way
across the line, {col #} does nothing at or past the column, {center #:}/{rcenter #:} put the
odd blank right/left, {c #} is a Latin1 code 1-255, tabs stop every eight columns, {p # # # #}
indents first/other lines, brings in the right margin and sets the width, and a paragraph ends
at {p_end} or a blank line.
"""
from __future__ import annotations

import pytest

from mlmcli.help.smcl_text import render_smcl


def _shown(do, text: str) -> str:
    rc, out, _ = do("set linesize 60\n" + text)
    assert rc == 0, out
    return out


@pytest.mark.parametrize("command, expected", [
    ('display "{hline 5}"', "-----\n"),
    ('di "{hline}"', "-" * 60 + "\n"),
    ('di "ab{hline}"', "ab" + "-" * 58 + "\n"),  # the rest of the way across
    ('di "{.-}"', "-" * 60 + "\n"),
    ('di as text "{txt}a{res}b{err}c{inp}d{com}e{sf}{bf}{it}f{reset}"', "abcdef\n"),
    ('di "{bf:bold} {it:italic} {res:r} {ul:u} {hi:h} {cmd:c}"', "bold italic r u h c\n"),
    ('di "{c |}{c -}{c +}{c TT}{c BT}{c LT}{c RT}{c TLC}{c TRC}{c BLC}{c BRC}"', "|-+--||++++\n"),
    ('di "{c -(}x{c )-} {c S|} {char 65}{c 0x6a} {c e\'}{c a\'g}{c o:}{c n~}{c ss}"', "{x} $ Aj éàöñß\n"),
    ('di "{dup 3:ab}|{ralign 6:r}|{lalign 6:l}|{center 6:c}|{rcenter 6:c}|"',
     "ababab|     r|l     |  c   |   c  |\n"),
    ('di "{space 4}x{space}y"', "    x y\n"),
    ('di "abc{col 10}x{col 5}y"', "abc      xy\n"),  # {col} behind the column does nothing
    ('di "a{tab}b"', "a       b\n"),
    ('di "{help summarize:the help} {help regress} {manhelp summarize R}"', "the help regress [R] summarize\n"),
    ('di "{bf:{c |}} {ralign 5:{res:{c |}}}"', "|     |\n"),  # nested directives
    ('di "{var} {depvar:1} {ifin}"', "varname depvar1 [if] [in]\n"),
    ('di "{* a comment}x"', "x\n"),
])
def test_display_lays_out_smcl_directives(do, command, expected):
    assert _shown(do, command) == expected


@pytest.mark.parametrize("command, expected", [
    ('di "{foo} {x y} {1,2} {} {"', "{foo} {x y} {1,2} {} {\n"),
    ('di "{hline x} {col} {c zz} {c 300} {ralign:x}"', "{hline x} {col} {c zz} {c 300} {ralign:x}\n"),
    ('di "a } b"', "a } b\n"),
])
def test_display_prints_what_smcl_does_not_understand_as_typed(do, command, expected):
    assert _shown(do, command) == expected


def test_columns_count_the_text_shown_not_the_directives(do):
    out = _shown(do, 'di "{res}{bf:ab}" _col(10) "x" _skip(2) "{c |}" _col(20) "{hline 3}"\n'
                     'di %9.2f 3 "{c |}" _col(15) "z"')
    assert out == "ab       x  |      ---\n     3.00|    z\n"


def test_continue_and_the_smcl_line_join_carry_the_column(do):
    out = _shown(do, 'program smcl_join\n di "{txt}abc" _continue\n di _col(10) "x{...}"\n di "y"\n'
                     ' di "{hline 2}" _c\n di "{hline}"\nend\nsmcl_join')
    assert out == "abc      xy\n" + "-" * 60 + "\n"


def test_asis_shows_strings_as_typed_until_in_smcl(do):
    out = _shown(do, 'di asis "{hline 3}" in smcl "{hline 3}"\ndi _char(123) "hline 2}"')
    assert out == "{hline 3}---\n{hline 2}\n"


def test_paragraph_mode_fills_lines(do):
    words = "alpha beta gamma delta epsilon zeta eta theta iota kappa"
    out = _shown(do, f'di "{{p 0 4 0 30}}{words}{{p_end}}"\ndi "after"')
    assert out == "alpha beta gamma delta epsilon\n    zeta eta theta iota kappa\nafter\n"
    out = _shown(do, 'di "{pstd}one two{break}three{p_end}"')
    assert out == "    one two\n    three\n"
    # {p} ends at a blank line as well; the rest is line mode again
    assert render_smcl("{p 2 2 0}a b\n\nc {hline 2}", 40)[0] == "  a b\n\nc --"


def test_quietly_display_shows_nothing_and_moves_no_column(do):
    out = _shown(do, 'program smcl_quiet\n di "ab" _c\n quietly di "{hline 30}" _c\n di _col(5) "x"\nend\nsmcl_quiet')
    assert out == "ab  x\n"


def test_file_write_and_macro_display_keep_smcl_as_typed(do, tmp_path):
    path = tmp_path / "out.txt"
    out = _shown(do, f'file open h using "{path}", write text replace\n'
                     'file write h "{hline 3} {c |}" _n\nfile close h\n'
                     'local m : display "{hline 3}"\ndi length("`m\'")\ndi "[`m\']"')
    assert path.read_text() == "{hline 3} {c |}\n"
    assert out == "9\n[---]\n"


def test_text_log_holds_the_laid_out_text(do, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    rc, out, _ = do('set linesize 60\nlog using t.log, text\ndi "{txt}x{col 5}{c |}{hline 3}"\nlog close')
    assert rc == 0, out
    assert "x   |---\n" in (tmp_path / "t.log").read_text()
    assert "{" not in (tmp_path / "t.log").read_text()


def test_mata_printf_text_is_smcl_too(do):
    out = _shown(do, 'mata: printf("{txt}%s{col 10}{c |}{hline 3} %5.2f{res}\\n", "ab", 3)')
    assert out == "ab       |---  3.00\n"


def test_a_help_file_goes_through_the_same_reader():
    from mlmcli.help.smcl_text import smcl_to_text

    text = smcl_to_text("{smcl}\n{* *! version 1}{...}\n{p2colset 1 13 15 2}{...}\n"
                        "{p2col:{bf:[P] foo} {hline 2}}Do the foo thing{p_end}\n\n"
                        "{p 8 17 2}\n{cmdab:fo:o} {varlist} {ifin}\n\n"
                        "{synoptset 20 tabbed}{...}\n{synopthdr}\n{synoptline}\n{syntab:Main}\n"
                        "{synopt:{opt d:etail}}show details{p_end}\n{synoptline}\n", 60)
    assert text.split("\n") == [
        "[P] foo --  Do the foo thing", "", "        foo varlist [if] [in]", "",
        "    options               Description", "    " + "-" * 54, "    Main",
        "      detail              show details", "    " + "-" * 54]
