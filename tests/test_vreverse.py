"""``vreverse`` (Nick Cox, SSC), written from its ado-file 1.2.0: the reversed values,
the carried labels (value labels or the numbers themselves), ``removenumlabel``/``mask()``,
``if``, metadata, and the ado's errors.  A public do-file reverses two Likert items with it
before summing a scale and fitting ``mixed`` on the scale."""
from __future__ import annotations

import numpy as np

SETUP = """clear
input rep q
1 1
2 4
3 3
4 .
5 2
end
label define ql 1 "1. bad" 2 "2. ok" 4 "4. great"
label values q ql
label variable q "quality"
format q %4.0f
char q[note] "from survey"
"""


def test_reversed_values_and_carried_labels(do):
    rc, out, s = do(SETUP + "vreverse q, gen(qr)")
    assert rc == 0, out
    np.testing.assert_array_equal(s.data.numeric("qr"), [4, 1, 2, np.nan, 3])  # 1 + 4 - q
    assert s.data.value_label_of["qr"] == "qr"
    assert s.data.value_labels["qr"] == {1.0: "4. great", 2.0: "3", 3.0: "2. ok", 4.0: "1. bad"}
    assert s.data.var_labels["qr"] == "quality"
    assert s.data.formats["qr"] == "%4.0f"
    assert s.data.chars["qr[note]"] == "from survey"
    assert s.data.types["qr"] == s.data.types["q"]
    assert "not labeled" not in out


def test_removenumlabel_and_mask(do):
    rc, out, s = do(SETUP + "vreverse q, gen(a) removenumlabel\nvreverse q, gen(b) removenumlabel mask(#.)")
    assert rc == 0, out
    assert s.data.value_labels["a"] == {1.0: "great", 2.0: "3", 3.0: "ok", 4.0: "bad"}
    assert s.data.value_labels["b"][1.0] == " great"


def test_if_unlabeled_and_valuelabelname(do):
    rc, out, s = do(SETUP + "vreverse rep if rep > 1, gen(rr) valuelabelname(rl)")
    assert rc == 0, out
    assert "note: rep not labeled" in out
    np.testing.assert_array_equal(s.data.numeric("rr"), [np.nan, 5, 4, 3, 2])
    assert s.data.value_labels["rl"] == {2.0: "5", 3.0: "4", 4.0: "3", 5.0: "2"}
    assert s.data.value_label_of["rr"] == "rl"


def test_errors_of_the_ado(do):
    for text, code, message in [("vreverse q, gen(rep)", 198, "generate() requires new variable name"),
                                ("vreverse q, gen(z) mask(#)", 198, "mask() option without removenumlabel option"),
                                ("vreverse q if rep > 9, gen(z)", 2000, "no observations"),
                                ("gen h = q/2\nvreverse h, gen(z)", 498, "non-integer values in h"),
                                ("vreverse q", 198, "")]:
        rc, out, s = do(SETUP + text)
        assert rc == code, (text, out)
        assert message in out
        assert "z" not in s.data.varnames


def test_ssc_install_says_built_in(do):
    rc, out, _ = do("ssc install vreverse, replace")
    assert rc == 0 and "vreverse is built into mlm" in out
