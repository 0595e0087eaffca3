"""``#delimit ;``, the ``by``/``bysort`` prefixes and ``capture``'s _rc, end to end."""
from __future__ import annotations

def test_delimit_semicolon_joins_lines_until_the_semicolon(four_obs, run):
    s = four_obs
    out, rc = run(s, '#delimit ;\ndisplay\n  "one"\n  + "two" ;\ndisplay 1+\n1;\n#delimit cr\ndisplay 3\n')
    assert rc == 0
    assert "onetwo\n" in out and "\n2\n" in out and out.rstrip().endswith("3")


def test_by_requires_sort_and_bysort_sorts(four_obs, run):
    s = four_obs
    run(s, "gsort -a")
    out, rc = run(s, "by a: gen n = _N")
    assert rc == 5 and out.startswith("not sorted\n") and "n" not in s.data.df.columns
    out, rc = run(s, "bysort z: gen k = _n")
    assert rc == 0 and s.data.numeric("k").tolist() == [1, 2, 3, 4]
    out, rc = run(s, "by z, sort: egen t = total(a)")
    assert rc == 0 and s.data.numeric("t").tolist() == [10, 10, 10, 10]


def test_capture_sets_rc_and_resets_it(four_obs, run):
    s = four_obs
    out, rc = run(s, "capture summarize nosuch\ndisplay _rc\ncapture summarize a\ndisplay _rc\n")
    assert rc == 0 and out.split() == ["111", "0"]
