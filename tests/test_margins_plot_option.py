"""``margins ..., plot`` / ``plot(marginsplot options)``: margins and marginsplot in one step
(margins_plot.sthlp 1.0.1, undocumented).  Seen in heldout/cain, StataCorp's webinar do-file
(``quietly margins, at(homework=(0/7)) plot``)."""
from __future__ import annotations

SETUP = ("clear\nset obs 80\ngenerate x = mod(_n, 8)\ngenerate g = mod(_n, 2)\n"
         "generate y = 2 + 0.5 * x + g + mod(_n * 7, 5) / 4\nregress y x i.g\n")


def test_plot_draws_the_margins_graph(new_session, run):
    s = new_session()
    run(s, SETUP)
    out, rc = run(s, "quietly margins, at(x=(0/7)) plot")
    assert rc == 0, out
    assert out.strip() == ""  # quietly covers the marginsplot note too
    graph = s.graphs[-1]
    series = graph.panels[0].series
    assert any(len(getattr(ser, "x", ())) == 8 for ser in series)


def test_plot_with_marginsplot_options(new_session, run):
    s = new_session()
    out, rc = run(s, SETUP + 'margins g, plot(noci title("Two groups"))')
    assert rc == 0, out
    assert "Variables that uniquely identify margins: g" in out
    assert "Two groups" in repr(s.graphs[-1])
    out, rc = run(s, "margins g, plot(nosuchoption)", stop_on_error=False)
    assert rc == 198, out
