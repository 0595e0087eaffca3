"""``svyset, clear``: svyset.ado's ``Clear`` and ``Get`` -- the ``_dta[_svy_*]`` settings
removed, nothing printed.  A public do-file clears the settings before its unweighted
``xtmixed`` models.  Declaring a design: tests/test_survey.py."""
from __future__ import annotations


def test_clear_removes_survey_characteristics(do):
    rc, out, s = do("clear\nset obs 3\nchar _dta[_svy_su1] x\nchar _dta[note1] keep\nsvyset, clear")
    assert rc == 0, out
    assert not any(k.startswith("_svy_") for k in s.data.chars)
    assert s.data.chars.get("note1") == "keep"


def test_declare_then_replay_then_clear(do):
    rc, out, s = do("clear\nset obs 3\ngen w = 1\nsvyset [pw=w]")
    assert rc == 0 and "pweight: w" in out
    rc, out, _ = do("svyset, clear\nsvyset", session=s)
    assert rc == 0 and out.strip() == "no survey characteristics are set"
