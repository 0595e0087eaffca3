"""``svyset, clear``: svyset.ado's ``Clear`` and ``Get`` -- the ``_dta[_svy_*]`` settings
removed, nothing printed.  A public do-file clears the settings before its unweighted
``xtmixed`` models; declaring a design stays refused (mlm has no svy: estimation)."""
from __future__ import annotations


def test_clear_removes_survey_characteristics(do):
    rc, out, s = do("clear\nset obs 3\nchar _dta[_svy_su1] x\nchar _dta[note1] keep\nsvyset, clear")
    assert rc == 0, out
    assert not any(k.startswith("_svy_") for k in s.data.chars)
    assert s.data.chars.get("note1") == "keep"


def test_design_and_display_refused(do):
    rc, out, _ = do("clear\nset obs 3\ngen w = 1\nsvyset [pw=w]")
    assert rc == 199 and "only svyset, clear" in out
    rc, out, _ = do("clear\nsvyset")
    assert rc == 199
