"""grc1leg (Wiggins): graph combine with the graphs' own legends off and one shared legend."""
from __future__ import annotations

import pytest

from graphs_helpers import figure, legend_texts, make_session, run


@pytest.fixture()
def s(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    session = make_session()
    for name, order in (("a", '1 "first" 2 "second"'), ("b", '2 "B-two" 1 "B-one"')):
        out, rc = run(session, f"twoway (scatter y x) (line z x, sort), legend(order({order})) name({name})")
        assert rc == 0, out
    return session


def test_one_legend_from_the_first_graph(s, tmp_path):
    out, rc = run(s, "grc1leg a b")
    assert rc == 0, out
    combined = s.graphs[-1]
    assert len(combined.parts) == 2 and all(p.legend == "off" for p in combined.parts)
    assert combined.legend_part == 1 and combined.legend_position == 6
    assert legend_texts(figure(combined)) == ["first", "second"]  # drawn once, from a
    out, rc = run(s, "graph export both.png")
    assert rc == 0 and (tmp_path / "both.png").read_bytes()[:4] == b"\x89PNG"


def test_legendfrom_position_ring_span_and_combine_options(s):
    out, rc = run(s, 'grc1leg a b, legendfrom(b) position(3) ring(0) span cols(1) title("T") name(c2)')
    assert rc == 0, out
    combined = s.graphs[-1]
    assert combined.name == "c2" and combined.cols == 1 and combined.title == "T"
    assert combined.legend_part == 2 and combined.legend_position == 3 and combined.legend_ring == 0
    assert combined.legend_look.span
    assert legend_texts(figure(combined)) == ["B-two", "B-one"]


def test_errors(s):
    out, rc = run(s, "grc1leg a b, legendfrom(zz)", stop_on_error=False)
    assert rc == 198 and "zz is not one of the graphs combined" in out
    out, rc = run(s, "grc1leg a b, position(13)", stop_on_error=False)
    assert rc == 198 and "option position() incorrectly specified" in out
    out, rc = run(s, "grc1leg a nothere", stop_on_error=False)
    assert rc == 198 and "nothere is not a memory graph" in out  # graph combine's, which grc1leg.ado calls
    out, rc = run(s, "grc1leg a b, bogus", stop_on_error=False)
    assert rc == 198 and "bogus" in out
    out, rc = run(s, "ssc install grc1leg")
    assert "grc1leg is built into mlm" in out
