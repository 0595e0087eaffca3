"""Graph options drawn beyond one x axis and two y axes: ``yaxis(3)`` ... ``yaxis(9)``,
``xaxis(2)`` ... with their own labels, titles, scales and lines; the axis titles' placement
and box (``position()``, ``width()``, ``height()``, ``bexpand``); ``text(, bexpand)``.
Each test draws the graph and reads the matplotlib objects."""
from __future__ import annotations

import pytest

from graphs_helpers import axes, drawn, make_session


@pytest.fixture()
def s():
    return make_session()


def _text_box(fig):
    ax = axes(fig)
    (text,) = [t for t in ax.texts if t.get_gid() == "text"]
    return ax, text, text.get_bbox_patch().get_window_extent()


# ------------------------------------------------------------------ text(, bexpand)
def test_text_bexpand_spans_the_plot_region(s):
    _, fig = drawn(s, 'scatter y x, text(3 5 "hi", box bexpand)')
    ax, text, box = _text_box(fig)
    plot = ax.get_window_extent()
    assert box.x0 == pytest.approx(plot.x0, abs=1) and box.x1 == pytest.approx(plot.x1, abs=1)
    assert box.height < 0.2 * plot.height  # one line high, around the text
    assert box.y0 <= text.get_window_extent().y0 and box.y1 >= text.get_window_extent().y1


def test_text_bexpand_vertical_and_height(s):
    _, fig = drawn(s, 'scatter y x, text(3 5 "hi", box bexpand orientation(vertical))')
    ax, _, box = _text_box(fig)
    plot = ax.get_window_extent()
    assert box.y0 == pytest.approx(plot.y0, abs=1) and box.y1 == pytest.approx(plot.y1, abs=1)
    assert box.width < 0.2 * plot.width
    _, fig = drawn(s, 'scatter y x, text(3 5 "hi", box bexpand height(20))')
    ax, _, box = _text_box(fig)
    assert box.height == pytest.approx(20 * 2.88 * fig.dpi / 72, rel=0.02)  # 20% of 4 inches
    assert box.width == pytest.approx(ax.get_window_extent().width, abs=1)
