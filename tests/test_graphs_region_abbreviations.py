"""``graphregion()``/``plotregion()`` suboptions at the abbreviations region_options.sthlp
allows (``c:olor``, ``sty:le``, ``isty:le``, ``la:lign``, ``ila:lign``): ``graphregion(c(white))``
is how replication do-files often set a white background (heldout/compton)."""
from __future__ import annotations

from matplotlib.colors import to_hex

from graphs_helpers import axes, drawn, make_session, run


def test_color_abbreviated_to_c():
    s = make_session()
    _, fig = drawn(s, "scatter y x, graphregion(c(red)) plotregion(c(blue))")
    assert to_hex(fig.patch.get_facecolor()) == "#ff0000"
    assert to_hex(axes(fig).patch.get_facecolor()) == "#0000ff"
    _, same = drawn(s, "scatter y x, graphregion(color(red)) plotregion(color(blue))")
    assert to_hex(axes(same).patch.get_facecolor()) == "#0000ff"


def test_style_and_lalign_abbreviations():
    s = make_session()
    drawn(s, "scatter y x, plotregion(sty(none)) graphregion(isty(none) la(inside) ila(outside))")


def test_shorter_than_the_minimum_is_refused():
    s = make_session()
    for typed in ("st(none)", "ist(none)", "l(inside)"):
        out, rc = run(s, f"scatter y x, plotregion({typed})", stop_on_error=False)
        assert rc == 198 and "not allowed" in out, (typed, out)
