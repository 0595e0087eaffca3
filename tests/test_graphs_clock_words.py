"""clockposstyle's words: clockdir.class (1.0.4) lets ``top``, ``bottom``, ``left``, ``right``
and ``center`` (and their abbreviations) stand for 12, 6, 9, 3 and 0 o'clock, as public do-files
type ``legend(... position (bottom))``: drawn as the number, checked on the figure's layout."""
from __future__ import annotations

import numpy as np
import pytest

from graphs_helpers import drawn, make_session, run


@pytest.fixture(scope="module")
def s():
    return make_session()


def _legend_box(fig):
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    renderer = FigureCanvasAgg(fig).get_renderer()
    legends = [a for a in fig.findobj() if type(a).__name__ == "Legend"]
    assert legends
    return np.asarray(legends[0].get_window_extent(renderer).bounds)


@pytest.mark.parametrize("word, clock", [("bottom", 6), ("b", 6), ("top", 12), ("t", 12),
                                          ("left", 9), ("le", 9), ("right", 3), ("r", 3), ("center", 0)])
def test_legend_position_word_is_its_clock(s, word, clock):
    line = "twoway (scatter y x) (lfit y x), legend(order(1 \"a\" 2 \"b\") size (small) row(1) position ({}))"
    graph, fig = drawn(s, line.format(word))
    base, base_fig = drawn(s, line.format(clock))
    assert graph.legend_position == base.legend_position == clock
    np.testing.assert_allclose(_legend_box(fig), _legend_box(base_fig))


def test_title_and_mlabel_positions_take_the_words(s):
    graph, _ = drawn(s, "scatter y x, title(T, position(left)) mlabel(g) mlabposition(right)")
    base, _ = drawn(s, "scatter y x, title(T, position(9)) mlabel(g) mlabposition(3)")
    assert graph.panels[0].series[0].label_position == base.panels[0].series[0].label_position == 3


@pytest.mark.parametrize("word", ["13", "-1"])
def test_other_words_are_refused(s, word):
    out, rc = run(s, f"scatter y x, legend(position({word}))", stop_on_error=False)
    assert rc == 198 and "position()" in out


@pytest.mark.parametrize("word", ["middle", "mid", "up"])
def test_a_name_clockdir_lacks_gets_the_note_and_the_scheme_place(s, word):
    # the legend's place is a clockdir style (scheme entry ``clockdir legend_position``), as the
    # titles' position(): an unknown name is style.class's note, the scheme's place is drawn
    line = "twoway (scatter y x) (lfit y x), legend(order(1 \"a\" 2 \"b\") row(1){})"
    out, rc = run(s, line.format(f" position({word})"))
    assert rc == 0 and f"(note:  named style {word} not found in class clockdir, default attributes used)" in out
    graph, fig = drawn(s, line.format(f" position({word})"))
    base, base_fig = drawn(s, line.format(""))
    assert graph.legend_position == base.legend_position
    np.testing.assert_allclose(_legend_box(fig), _legend_box(base_fig))
