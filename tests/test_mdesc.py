"""``mdesc`` (SSC, Medeiros & Blanchette; mdesc.ado 2.1): missing values per variable, or of
any/all/none of them.  Seen in heldout/anon-elsa-activity."""
from __future__ import annotations

SETUP = ('clear\nset obs 10\ngenerate x = _n\nreplace x = . in 1/3\ngenerate y = cond(_n > 8, ., _n)\n'
         'generate s = cond(_n == 2, "", "a")\ngenerate g = mod(_n, 2)\n')


def test_table_and_stored_results(new_session, run):
    s = new_session()
    out, rc = run(s, SETUP + "mdesc")
    assert rc == 0, out
    lines = out.splitlines()
    assert "    Variable    |     Missing          Total     Percent Missing" in lines
    assert "              x |           3             10          30.00" in lines
    assert "              s |           1             10          10.00" in lines
    assert lines.count("-" * 16 + "+" + "-" * 47) == 2
    assert s.r["miss_vars"] == "x y s" and s.r["notmiss_vars"] == "g"
    assert s.r["miss"] == 0 and s.r["total"] == 10


def test_any_all_none_and_if(new_session, run):
    s = new_session()
    out, _ = run(s, SETUP + "mdesc x y, any")
    assert "       any vars |           5          10          50.00" in out
    out, _ = run(s, "mdesc x y, none")
    assert "Not Missing" in out and "        no vars |           5" in out
    out, _ = run(s, "mdesc x, all")
    assert "since only 1 variable was specified, the all option will be ignored" in out
    out, _ = run(s, "mdesc x if g == 1, abbrev(20)")
    assert "                   x |           2              5          40.00" in out


def test_by_and_errors(new_session, run):
    s = new_session()
    out, rc = run(s, SETUP + "by g, sort: mdesc x")
    assert rc == 0 and "-> g = 0" in out and out.count("Percent Missing") == 2
    out, rc = run(s, "mdesc x y, any all", stop_on_error=False)
    assert rc == 198 and "specify only the any option" in out
