"""coefplot's coeflabels(): ``coef="label"`` with the equals sign typed without spaces (the
held-out climate file's ``1._at="a"``) and the axis-label suboptions coefplot.ado hands to the
category axis (``angle(90)``, ``labsize()``): the drawn tick labels carry the texts and the
angle; the label-text suboptions (truncate(), wrap(), nobreak, interaction()) stay refused."""
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


@pytest.mark.parametrize("sub", ["wrap(5)", "truncate(3)", "nobreak", "interaction(x)"])
def test_label_text_suboptions_are_refused(s, sub):
    before = s.data.df.copy()
    out, rc = run(s, f'coefplot, drop(_cons) coeflabels(x1="First", {sub})', stop_on_error=True)
    assert rc == 198 and "coeflabels(): suboption" in out
    pd.testing.assert_frame_equal(s.data.df, before)
