"""``regress ..., nofvlabel`` ([R] estimation options, display options: "nofvlabel displays
factor-variable level values rather than attached value labels"): the coefficient table shows
``2``, ``3``, ``2 1`` where it shows ``two``, ``three``, ``two#yes`` by default; the estimates
are unchanged.  A public do-file adds it to ``regress ... , vce(cluster id) nofvlabel``;
mlm answered r(198)."""
from __future__ import annotations

import re

SETUP = """clear
set seed 3
set obs 200
gen g = mod(_n, 3) + 1
gen h = mod(_n, 2)
label define gl 1 "one" 2 "two" 3 "three"
label values g gl
label define hl 0 "no" 1 "yes"
label values h hl
gen y = g + h + rnormal()
"""


def _rows(out: str) -> dict[str, str]:
    rows = {}
    for line in out.splitlines():
        m = re.match(r"^\s*(\S.*?)\s+\|\s+(-?[.\d]+)\s", line)
        if m:
            rows[m.group(1)] = m.group(2)
    return rows


def test_levels_shown_as_values(do):
    rc, labelled, _ = do(SETUP + "regress y i.g##i.h, vce(robust)")
    rc2, values, s = do(SETUP + "regress y i.g##i.h, nofvlabel vce(robust)")
    assert rc == rc2 == 0, values
    a, b = _rows(labelled), _rows(values)
    assert a["two"] == b["2"] and a["three"] == b["3"]
    assert a["two#yes"] == b["2 1"] and a["three#yes"] == b["3 1"]  # labels joined by # (Stata 14+ logs)
    assert "two" not in values and "three" not in values
    assert s.e.macros["cmd"] == "regress"


def test_baselevels_and_e_unchanged(do):
    rc, out, s = do(SETUP + "regress y i.g, nofvlabel baselevels")
    assert rc == 0, out
    assert re.search(r"^\s+1  \|\s+0  \(base\)", out, re.M)
    rc2, out2, s2 = do(SETUP + "regress y i.g, baselevels")
    assert str(s.e.matrices["b"]) == str(s2.e.matrices["b"])
