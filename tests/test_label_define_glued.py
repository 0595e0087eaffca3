"""``label define sex 1"Male" 2"Female"``: a value glued to its quoted label.  Stata's
tokenizer ends a word where a quote starts, so the form is common in public do-files
(the code index holds many, followed by ``label values``/``decode`` that use the labels);
mlm read ``1"Male"`` as one word and answered r(198)."""
from __future__ import annotations


def test_glued_values_and_labels(do):
    rc, out, s = do('label define a 1"x" 2"y z" 3 "w" 4 "abc"\nlabel define b 1"x"2"y"\n'
                    'label define c 1 `"say "hi""\' 2"b"\nlabel define d .a"refused" 0"no", modify')
    assert rc == 0, out
    assert s.data.value_labels["a"] == {1.0: "x", 2.0: "y z", 3.0: "w", 4.0: "abc"}
    assert s.data.value_labels["b"] == {1.0: "x", 2.0: "y"}
    assert s.data.value_labels["c"] == {1.0: 'say "hi"', 2.0: "b"}
    assert list(s.data.value_labels["d"].values()) == ["no", "refused"]


def test_glued_label_errors_stay_stata_errors(do):
    rc, out, _ = do('label define a 1"x" 2')
    assert rc == 198
    rc, out, _ = do('label define a 1.5"x"')
    assert rc == 198 and "may not label non-integers" in out
