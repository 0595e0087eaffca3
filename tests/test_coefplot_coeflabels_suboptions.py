"""coefplot's coeflabels(): ``coef="label"`` with the equals sign typed without spaces (the
held-out climate file's ``1._at="a"``) and the axis-label suboptions coefplot.ado hands to the
category axis (``angle(90)``, ``labsize()``): the drawn tick labels carry the texts and the
angle; the label-text suboptions truncate(), wrap(), nobreak as truncwrap_label makes them."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from graphs_helpers import axes, figure, make_session, run, tick_texts


@pytest.fixture()
def s():
    rng = np.random.default_rng(4)
    session = make_session()
    session.data.df = pd.DataFrame({"y": rng.normal(size=80), "x1": rng.normal(size=80), "x2": rng.normal(size=80)})
    session.data.types.update({"y": "double", "x1": "double", "x2": "double"})
    out, rc = run(session, "quietly regress y x1 x2")
    assert rc == 0, out
    return session


def _drawn(s, line):
    out, rc = run(s, line)
    assert rc == 0, out
    return axes(figure(s.graphs[-1]))


def test_labels_typed_without_spaces_around_the_equals_sign(s):
    ax = _drawn(s, 'coefplot, drop(_cons) coeflabels(x1="First" x2="Second")')
    assert tick_texts(ax, "y") == ["First", "Second"]


def test_axis_label_suboptions_reach_the_category_axis(s):
    ax = _drawn(s, 'coefplot, drop(_cons) vertical coeflabels(x1="First" x2 = "Second", angle(90) labsize(small))')
    labels = [t for t in ax.get_xticklabels() if t.get_text()]
    assert [t.get_text() for t in labels] == ["First", "Second"]
    assert all(t.get_rotation() == 90 for t in labels)


def test_without_angle_the_category_labels_stay_horizontal(s):
    ax = _drawn(s, 'coefplot, drop(_cons) vertical coeflabels(x1="First")')
    assert all(t.get_rotation() == 0 for t in ax.get_xticklabels() if t.get_text())


def test_label_text_suboptions_wrap_truncate(s):
    """truncwrap_label: pieces of at most # characters at word boundaries (Stata's piece); a
    label wrapped into one piece gets an empty second line (the ado's workaround); a label
    typed as lines is left alone."""
    before = s.data.df.copy()
    ax = _drawn(s, 'coefplot, drop(_cons) coeflabels(x1="First label here" x2 = `""a b" "c""\', wrap(6))')
    assert [t.get_text() for t in ax.get_yticklabels() if t.get_text()] == ["First\nlabel\nhere", "a b\nc"]
    ax = _drawn(s, 'coefplot, drop(_cons) coeflabels(x1="First label", truncate(7))')
    assert [t.get_text() for t in ax.get_yticklabels() if t.get_text()][0] == "First"
    ax = _drawn(s, 'coefplot, drop(_cons) coeflabels(x1="Abcdefghij", truncate(4))')
    assert [t.get_text() for t in ax.get_yticklabels() if t.get_text()][0] == "Abcd"
    ax = _drawn(s, 'coefplot, drop(_cons) coeflabels(x1="Abcdefghij", truncate(4) nobreak)')
    assert [t.get_text() for t in ax.get_yticklabels() if t.get_text()][0] == "Abcdefghij"
    pd.testing.assert_frame_equal(s.data.df, before)
