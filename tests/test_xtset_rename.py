"""xtset/tsset settings follow a renamed panel or time variable (docs/xtset_rename.md)."""
from __future__ import annotations


SETUP = ("clear\nset obs 12\ngenerate id = ceil(_n/4)\ngenerate t = mod(_n-1, 4) + 1\n"
         "generate y = _n + mod(_n * 7, 5)\nxtset id t\n")


def test_rename_moves_the_settings(new_session, run):
    s = new_session()
    out, rc = run(s, SETUP + "rename id pid\nrename t time\nxtset")
    assert rc == 0, out
    assert "       panel variable:  pid (strongly balanced)" in out
    assert "        time variable:  time, 1 to 4" in out
    chars = s.data.chars
    assert (chars["_TSpanel"], chars["iis"], chars["_TStvar"], chars["tis"]) == ("pid", "pid", "time", "time")
    out, rc = run(s, "xtreg y time")
    assert rc == 0 and "Group variable: pid" in out


def test_swapping_names_swaps_the_settings(new_session, run):
    s = new_session()
    out, rc = run(s, SETUP + "rename (id t) (t id)\nxtset")
    assert rc == 0, out
    assert s.data.chars["_TSpanel"] == "t" and s.data.chars["_TStvar"] == "id"


def test_char_rename_leaves_the_settings(new_session, run):
    s = new_session()
    out, rc = run(s, SETUP + "generate pid = id\nchar id[note1] hello\nchar rename id pid")
    assert rc == 0, out
    assert s.data.chars["_TSpanel"] == "id" and s.data.chars.get("pid[note1]") == "hello"
