"""``legend(style(zyx2))``: s2color's zyx2 legendstyle (the contour-line legend's: one column,
its gaps and key sizes) -- checked on the drawn legend."""
import pytest
from matplotlib.legend import Legend

from graphs_helpers import drawn, make_session, run


@pytest.fixture
def s():
    return make_session()


def _texts(fig):
    (legend,) = fig.findobj(Legend)
    fig.canvas.draw()
    return [(t.get_text(), t.get_window_extent()) for t in legend.get_texts()], legend


def test_zyx2_legend_is_one_column_with_its_key_sizes(s):
    """legendstyle zyx2 sets rows, cols, gaps and key sizes from the scheme's zyx2 entries
    (s2color: zyx2rows 0, zyx2cols 1, zyx2legend_key_xsize vhuge, ...): the keys stacked in one
    column, where the default legend puts two keys side by side."""
    _, fig = drawn(s, "twoway (scatter y x) (scatter z x)")
    texts, _ = _texts(fig)
    assert round(texts[0][1].y0) == round(texts[1][1].y0)  # the default: one row of two
    graph, fig = drawn(s, "twoway (scatter y x) (scatter z x), legend(style(zyx2))")
    texts, legend = _texts(fig)
    assert [t for t, _ in texts] == ["Outcome", "z"]
    assert texts[0][1].y0 > texts[1][1].y1 and round(texts[0][1].x0) == round(texts[1][1].x0)
    look = graph.legend_look
    from mlmcli.graphs.look_options import relative_size

    assert (look.symxsize, look.symysize, look.keygap) == (relative_size("vhuge", "symxsize"),
                                                           relative_size("medium", "symysize"),
                                                           relative_size("tiny", "keygap"))
    # the drawn legend's key width and gap: those sizes over its text size
    assert legend.handlelength * legend.prop.get_size() == pytest.approx(look.symxsize)
    assert legend.handletextpad * legend.prop.get_size() == pytest.approx(look.keygap)


def test_zyx2_typed_layout_wins_and_other_names_get_the_note(s):
    graph, fig = drawn(s, "twoway (scatter y x) (scatter z x), legend(style(zyx2) rows(1) symxsize(5))")
    texts, _ = _texts(fig)
    assert round(texts[0][1].y0) == round(texts[1][1].y0)
    from mlmcli.graphs.look_options import relative_size

    assert graph.legend_look.symxsize == relative_size("5", "symxsize")
    out, rc = run(s, "twoway (scatter y x) (scatter z x), legend(style(nosuch))")
    assert rc == 0 and "named style nosuch not found in class legendstyle" in out
    out, rc = run(s, "twoway (scatter y x) (scatter z x), legend(style(zyx2))")
    assert "not found" not in out
