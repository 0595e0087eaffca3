"""``numlabel`` ([D] numlabel)."""
from __future__ import annotations

DATA = 'set obs 3\ngen g = _n - 1\nlabel define gl 0 "zero" 1 "one" -1 "minus"\nlabel define hl 5 "five"\nlabel values g gl\n'


def test_add_remove_mask_force(do):
    rc, out, s = do(DATA + "numlabel gl, add\nnumlabel, add")
    assert rc == 0, out
    assert s.data.value_labels["gl"] == {0: "0. zero", 1: "1. one", -1: "-1. minus"}
    assert s.data.value_labels["hl"] == {5: "5. five"}
    rc, out, s = do(DATA + "numlabel gl, add\nnumlabel gl, add force\nnumlabel gl hl, remove")
    assert s.data.value_labels["gl"][1] == "1. one" and s.data.value_labels["hl"][5] == "five"
    rc, out, s = do(DATA + 'numlabel gl, add mask("[#] ")\ntab g')
    assert s.data.value_labels["gl"][0] == "[0] zero" and "[1] one" in out


def test_errors(do):
    assert do(DATA + "numlabel gl")[0] == 198
    assert do(DATA + "numlabel gl, add remove")[0] == 198
    assert do(DATA + "numlabel nope, add")[0] == 111
    assert do(DATA + 'numlabel gl, add mask("x")')[0] == 198
    rc, out, s = do(DATA + "numlabel gl nope, add")
    assert rc == 111 and s.data.value_labels["gl"][0] == "zero"  # checked before any change


def test_all_is_every_value_label(do):
    """``numlabel _all, add``: numlabel.ado passes its label list to matalabel, where _all
    (as no list) is every value label; a common first line of public do-files (r(111) before)."""
    rc, out, s = do(DATA + "numlabel _all, add")
    assert rc == 0, out
    assert s.data.value_labels["gl"][1] == "1. one" and s.data.value_labels["hl"][5] == "5. five"
    rc, out, s = do(DATA + "numlabel _all, add\nnumlabel _all, remove")
    assert s.data.value_labels["gl"][1] == "one" and s.data.value_labels["hl"][5] == "five"
