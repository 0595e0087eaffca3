"""labelbook ([D] labelbook): the description of each value label and the problems list,
in labelbook.ado's layout; facts checked against the label definitions directly."""
from __future__ import annotations

SETUP = """clear
set obs 3
gen sex = mod(_n,2)
gen q = _n
label define sexlbl 0 "female" 1 "male"
label define qlbl 1 "yes" 2 " no" 4 "1" 5 "a very long label indeed" 6 "a very long label also" .a "refused"
label define unused 1 ""
label values sex sexlbl
label values q qlbl
set linesize 80
"""

SEXLBL = """
-------------------------------------------------------------------------------
value label sexlbl 
-------------------------------------------------------------------------------

      values                                    labels
       range:  [0,1]                     string length:  [4,6]
           N:  2                 unique at full length:  yes
        gaps:  no                  unique at length 12:  yes
  missing .*:  0                           null string:  no
                               leading/trailing blanks:  no
                                    numeric -> numeric:  no
  definition
           0   female
           1   male

   variables:  sex

"""


def test_labelbook_one_label_layout(do):
    rc, out, s = do(SETUP + "labelbook sexlbl")
    assert rc == 0 and out.split("now 3\n", 1)[1] == SEXLBL


def test_labelbook_facts_follow_the_definitions(do):
    rc, out, s = do(SETUP + "labelbook qlbl")
    values = [1, 2, 4, 5, 6]  # mapped values: 6 - 1 + 1 slots for 5 values, so gaps
    assert max(values) - min(values) + 1 > len(values) and "        gaps:  yes" in out
    labels = ["yes", " no", "1", "a very long label indeed", "a very long label also", "refused"]
    assert f"string length:  [{min(map(len, labels))},{max(map(len, labels))}]" in out
    assert len({t[:12] for t in labels}) < len(labels) and "unique at length 12:  no" in out
    assert "  missing .*:  1" in out and "leading/trailing blanks:  yes" in out
    assert "numeric -> numeric:  yes" in out  # "1" reads as a number
    assert "           2    no\n" in out and "          .a   refused\n" in out
    assert s.r["names"] == "qlbl"


PROBLEMS = """
   Potential problems in dataset   [unnamed]

               potential problem   value labels
--------------------------------------------------
              numeric -> numeric   qlbl
           gaps in mapped values   qlbl
      leading or trailing blanks   qlbl
             numeric -> null str   unused
     duplicate lab. at length 12   qlbl
           not used by variables   unused
--------------------------------------------------
"""


def test_labelbook_problems_and_returns(do):
    rc, out, s = do(SETUP + "labelbook, problems")
    assert rc == 0 and out.split("now 3\n", 1)[1] == PROBLEMS
    assert s.r["names"] == "qlbl sexlbl unused" and s.r["notused"] == "unused" and s.r["null"] == "unused"
    assert s.r["nuniq_sh"] == "qlbl" and s.r["nuniq"] == ""
    rc, out, s = do(SETUP + "labelbook sexlbl, problems")
    assert out.endswith("\nno potential problems in dataset [unnamed]\n")
    rc, out, s = do(SETUP + "labelbook, problems length(30)")
    assert "duplicate lab." not in out


def test_labelbook_options_and_errors(do):
    rc, out, s = do(SETUP + "labelbook qlbl, alpha list(0)")
    assert "definition" not in out and "   variables:  q" in out
    rc, out, s = do(SETUP + "labelbook qlbl, alpha")
    body = out.split("  definition\n", 1)[1].splitlines()
    assert [ln[12:] for ln in body[:3]] == ["    no", "   1", "   a very long label also"]  # by label
    for line, rc_want, msg in (("labelbook nolab", 111, "value label nolab not found"),
                               ("labelbook, length(0)", 198, "length() should be in range [1,2045]"),
                               ("labelbook, list(-1)", 198, "list() should be positive"),
                               ("labelbook, list(2)", 198, "list() smaller"),
                               ("labelbook, bogus", 198, "option bogus not allowed")):
        rc, out, s = do(SETUP + line)
        assert rc == rc_want and msg in out, (line, out)
