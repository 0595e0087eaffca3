"""Characteristics ([P] char): ``char define|list|rename``, `` `evar[name]' `` and
`` `:char evar[name]' `` in macro expansion, and their life with the data (rename, drop,
keep, preserve/restore, clear, .dta files)."""
from __future__ import annotations

import re

import pytest

from mlmcli.dataset import Dataset

SETUP = """set obs 3
gen mpg = _n
gen rep78 = 2*_n
char _dta[one] this is char named one of _dta
char define _dta[two] this is char named two of _dta
char mpg[one] "this is char named one of mpg"
char mpg[two] this is char named two of mpg
char rep78[one] this is char named one of rep78
"""


@pytest.fixture
def charred(new_session, run):
    s = new_session(Dataset())
    out, rc = run(s, SETUP)
    assert rc == 0, out
    return s


def test_char_list_layout_as_the_manual_shows_it(charred, run):
    """[P] char's example: two spaces, ``evar[name]:``, the text from column 31; the
    characteristic defined last first, ``_dta`` before the variables (in their order)."""
    out, rc = run(charred, "char list")
    assert rc == 0
    assert out.splitlines() == [
        "  _dta[two]:                  this is char named two of _dta",
        "  _dta[one]:                  this is char named one of _dta",
        "  mpg[two]:                   this is char named two of mpg",
        "  mpg[one]:                   this is char named one of mpg",
        "  rep78[one]:                 this is char named one of rep78",
    ]
    assert all(line.index("this") == 30 for line in out.splitlines())
    assert run(charred, "char list mpg[]")[0].splitlines() == [
        "  mpg[two]:                   this is char named two of mpg",
        "  mpg[one]:                   this is char named one of mpg"]
    assert run(charred, "char list _dta[one]")[0] == "  _dta[one]:                  this is char named one of _dta\n"
    assert run(charred, "char list mpg[nosuch]") == ("", 0)


def test_a_long_name_keeps_one_space_before_its_text(new_session, run):
    s = new_session(Dataset())
    run(s, "set obs 1\ngen a_rather_long_variable_name = 1\nchar a_rather_long_variable_name[label] x")
    assert run(s, "char list")[0] == "  a_rather_long_variable_name[label]: x\n"


def test_empty_text_deletes_and_macros_expand(charred, run):
    out, rc = run(charred, 'di "`mpg[one]'"'"' | `_dta[two]'"'"' | `nosuch[x]'"'"' | `mpg[none]'"'"'|"')
    assert (out, rc) == ("this is char named one of mpg | this is char named two of _dta |  | |\n", 0)
    out, _ = run(charred, "local names : char mpg[]\ndi \"`names'\"\ndi \"`:char _dta[one]'\"")
    assert out == "two one\nthis is char named one of _dta\n"
    run(charred, "char mpg[two]\nchar define _dta[one]")
    assert charred.data.chars == {"two": "this is char named two of _dta", "mpg[one]": "this is char named one of mpg",
                                  "rep78[one]": "this is char named one of rep78"}
    assert run(charred, "char mpg[nosuch]") == ("", 0)  # deleting what is not there is no error


def test_inline_extended_functions_expand(new_session, run):
    s = new_session(Dataset())
    assert run(s, 'di "`:word count a b c'"'"'"') == ("3\n", 0)


def test_errors_as_stata_gives_them(charred, run):
    assert run(charred, "char foo[bar] x") == ("variable foo not found\nr(111);\n", 111)
    assert run(charred, "char list foo[]") == ("variable foo not found\nr(111);\n", 111)
    assert run(charred, "char mpg[] x")[1] == 198
    assert run(charred, "char mpg x")[1] == 198
    assert run(charred, "char _dta[1x] y") == ("1x invalid name\nr(198);\n", 198)
    assert run(charred, "local x : char foo[bar]")[1] == 111


def test_characteristics_follow_rename_and_go_with_drop_and_keep(charred, run):
    run(charred, "rename mpg miles")
    assert run(charred, "char list miles[]")[0].splitlines()[1] == \
        "  miles[one]:                 this is char named one of mpg"
    assert not any(k.startswith("mpg[") for k in charred.data.chars)
    run(charred, "drop miles")
    assert not any(k.startswith("miles[") for k in charred.data.chars)
    run(charred, "gen z = 1\nchar z[a] b\nkeep rep78")
    assert set(charred.data.chars) == {"one", "two", "rep78[one]"}


def test_char_rename_moves_all_and_refuses_a_clash_without_replace(charred, run):
    out, rc = run(charred, "char rename mpg rep78")
    assert (out, rc) == ("rep78[one] already exists\nr(110);\n", 110)
    assert "mpg[one]" in charred.data.chars  # nothing moved
    assert run(charred, "char rename mpg rep78, replace") == ("", 0)
    assert charred.data.chars["rep78[one]"] == "this is char named one of mpg"
    assert charred.data.chars["rep78[two]"] == "this is char named two of mpg"
    assert not any(k.startswith("mpg[") for k in charred.data.chars)


def test_preserve_restore_keeps_and_clear_ends_them(charred, run):
    before = dict(charred.data.chars)
    run(charred, "preserve\nchar mpg[one]\nchar _dta[new] x\nrestore")
    assert charred.data.chars == before
    run(charred, "clear")
    assert charred.data.chars == {} and run(charred, "char list") == ("", 0)


def _dta_characteristics(raw: bytes) -> list[tuple[str, str, str]]:
    """The <characteristics> entries of a release-117 file, read by the format's own
    layout (``<ch>``, a 4-byte length, varname[33], charname[33], text\\0, ``</ch>``)."""
    section = raw[raw.index(b"<characteristics>"):raw.index(b"</characteristics>")]
    out = []
    for m in re.finditer(rb"<ch>", section):
        start = m.end()
        length = int.from_bytes(section[start:start + 4], "little")
        body = section[start + 4:start + 4 + length]
        name = lambda b: b.split(b"\0", 1)[0].decode("latin-1")  # noqa: E731
        out.append((name(body[:33]), name(body[33:66]), name(body[66:])))
    return out


def test_save_writes_them_and_use_reads_them_back(charred, run, tmp_path):
    path = tmp_path / "c.dta"
    assert run(charred, f'save "{path}"')[1] == 0
    raw = path.read_bytes()
    assert raw.startswith(b"<stata_dta><header><release>117</release>")
    entries = _dta_characteristics(raw)
    assert ("_dta", "one", "this is char named one of _dta") in entries
    assert ("mpg", "two", "this is char named two of mpg") in entries
    assert ("rep78", "one", "this is char named one of rep78") in entries
    listed = run(charred, "char list")[0]
    run(charred, f'clear\nuse "{path}"')
    assert run(charred, "char list")[0] == listed


# ----------------------------------------------------------------------------- notes
# [D] notes, kept as Stata's notes.ado (Stata 12's 2.0.9 and Stata 16's 2.0.14 agree on all
# that follows) keeps them: evar[note0] the number of the last note, evar[note#] the texts.
NOTES = """set obs 2
gen mpg = _n
gen weight = 3
notes: from Consumer Reports with permission
note mpg: check the reporting
notes mpg: second note on mpg
"""


@pytest.fixture
def noted(new_session, run):
    s = new_session(Dataset())
    out, rc = run(s, NOTES)
    assert (out, rc) == ("obs was 0, now 2\n", 0)
    return s


def test_notes_are_characteristics_char_list_shows(noted, run):
    assert noted.data.chars == {"note0": "1", "note1": "from Consumer Reports with permission",
                                "mpg[note0]": "2", "mpg[note1]": "check the reporting",
                                "mpg[note2]": "second note on mpg"}
    assert run(noted, "char list mpg[]")[0].splitlines() == [
        "  mpg[note2]:                 second note on mpg",
        "  mpg[note1]:                 check the reporting",
        "  mpg[note0]:                 2"]
    assert run(noted, 'di "`mpg[note1]\'"')[0] == "check the reporting\n"


def test_notes_list_layout(noted, run):
    """notelist_u: a blank line, ``evar:``, then ``{p 2 6}#. text{p_end}`` per note."""
    assert run(noted, "notes") == ("\n_dta:\n  1. from Consumer Reports with permission\n"
                                   "\nmpg:\n  1. check the reporting\n  2. second note on mpg\n", 0)
    assert run(noted, "notes list mpg in 2")[0] == "\nmpg:\n  2. second note on mpg\n"
    assert run(noted, "notes mpg _dta")[0] == ("\nmpg:\n  1. check the reporting\n  2. second note on mpg\n"
                                              "\n_dta:\n  1. from Consumer Reports with permission\n")
    assert run(noted, "notes weight") == ("", 0)


def test_a_long_note_wraps_under_its_text(noted, run):
    run(noted, "set linesize 40\nnotes weight: " + " ".join(["word"] * 12))
    out = run(noted, "notes weight")[0].splitlines()
    assert out[:3] == ["", "weight:", "  1. word word word word word word word"]
    assert out[3] == "      word word word word word"


def test_notes_search_replace_drop_renumber(noted, run):
    assert run(noted, "notes search second")[0] == "\nmpg:\n  2. second note on mpg\n"
    assert run(noted, "notes search nothere")[0] == "nothere: not found\n"
    assert run(noted, "notes replace mpg in 1 : replaced text")[0] == "  (note 1 for mpg replaced)\n"
    assert noted.data.chars["mpg[note1]"] == "replaced text"
    assert run(noted, "notes replace mpg in 7 : x")[0] == "  (no note replaced)\n"
    assert run(noted, "notes drop mpg in 1")[0] == "  (1 note dropped)\n"
    assert "mpg[note1]" not in noted.data.chars and noted.data.chars["mpg[note0]"] == "2"
    run(noted, "notes renumber mpg")
    assert noted.data.chars["mpg[note1]"] == "second note on mpg" and noted.data.chars["mpg[note0]"] == "1"
    assert "mpg[note2]" not in noted.data.chars
    assert run(noted, "notes drop _dta")[0] == "  (1 note dropped)\n"
    assert not any(k.startswith("note") for k in noted.data.chars)  # note0 goes with the last note


def test_notes_time_stamp_and_empty_text(noted, run):
    assert run(noted, "notes weight:") == ("  (no note added)\n", 0)
    run(noted, "notes weight: checked TS today")
    stamp = noted.data.chars["weight[note1]"]
    assert re.fullmatch(r"checked [ \d]\d [A-Z][a-z]{2} \d{4} \d\d:\d\d today", stamp), stamp


def test_notes_programmer_subcommands(noted, run):
    out, rc = run(noted, 'notes _count k : mpg\nnotes _fetch t : mpg 2\nnotes _dir d\ndi "`k\'|`t\'|`d\'"')
    assert (out, rc) == ("2|second note on mpg|_dta mpg\n", 0)


def test_notes_follow_rename_and_errors(noted, run):
    run(noted, "rename mpg miles")
    assert run(noted, "notes miles")[0] == "\nmiles:\n  1. check the reporting\n  2. second note on mpg\n"
    assert run(noted, "notes foo: x") == ("variable foo not found\nr(111);\n", 111)
    assert run(noted, "notes drop") == ("invalid syntax\nr(198);\n", 198)
    assert run(noted, "notes list miles in 3/1") == ("in 3/1:  invalid\nr(198);\n", 198)
    assert run(noted, "notes list miles in 0") == ("0:  invalid range element\nr(198);\n", 198)
    assert run(noted, "notes renumber") == ("nothing found where varname or _dta expected\nr(198);\n", 198)
    assert run(noted, "notes renumber foo") == ("foo found where varname or _dta expected\nr(111);\n", 111)
    assert run(noted, "notes search") == ("something required\nr(100);\n", 100)


def test_describe_flags_notes_as_stata_does(noted, run):
    """Stata's describe of a dataset with notes (a Stata log of Mitchell's survey7.dta,
    rowesamuel.github.io/.../labeling-data.html): ``(_dta has notes)`` on the size line, ``*``
    in column 45 before the label of a variable with notes, and a line closing the table."""
    run(noted, 'label variable mpg "Mileage (mpg)"\nlabel define mpglab 1 "one"\nlabel values mpg mpglab')
    lines = run(noted, "describe")[0].splitlines()
    assert lines[4] == " size:            16                          (_dta has notes)"
    row = next(line for line in lines if line.startswith("mpg"))
    assert row == "mpg             float   %9.0g      mpglab   * Mileage (mpg)" and row.index("*") == 44
    assert next(line for line in lines if line.startswith("weight")).rstrip() == "weight          float   %9.0g"
    assert " " * 44 + "* indicated variables have notes" in lines
    run(noted, "notes drop _dta mpg")
    out = run(noted, "describe")[0]
    assert "has notes" not in out and "*" not in out


def test_codebook_notes_keep_their_numbers(noted, run):
    run(noted, "notes mpg: third\nnotes drop mpg in 2")
    lines = run(noted, "codebook mpg, notes")[0].splitlines()
    assert lines[-2:] == ["                 notes:  1.  check the reporting",
                          "                         3.  third"]
