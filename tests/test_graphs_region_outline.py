"""graphregion(lcolor()) outlines the whole graph ([G-3] region_options: "overall outlining" of
by()'s region_options too): the outline is drawn on top of the bands the frame splits the
figure into (titles, a by() graph's "Graphs by ..." note), which are painted over the figure's
own patch.  Read back from the pixels Agg draws and from the SVG and PDF files written."""
from __future__ import annotations

import io

import numpy as np
import pytest

from graphs_helpers import drawn, make_session


@pytest.fixture()
def s():
    return make_session(n=60)


def _edge_pixels(fig) -> list[tuple[int, int, int]]:
    """The colours at the middle of each of the figure's four edges (1 pixel in)."""
    pixels = np.asarray(fig.canvas.buffer_rgba())[..., :3]
    h, w = pixels.shape[:2]
    return [tuple(int(v) for v in pixels[y, x]) for y, x in ((0, w // 2), (h - 1, w // 2), (h // 2, 0),
                                                               (h // 2, w - 1))]


def _red(rgb) -> bool:
    return rgb[0] > 200 and rgb[1] < 80 and rgb[2] < 80  # (anti-aliased where the edge is between pixels)


@pytest.mark.parametrize("command", [
    "scatter y x, graphregion(lcolor(red) lwidth(thick))",
    'scatter y x, title("T") note("N") graphregion(lcolor(red) lwidth(thick))',
    "scatter y x, by(g, graphregion(lcolor(red) lwidth(thick)))",
    'scatter y x, by(g, title("T") graphregion(lcolor(red) lwidth(thick)))',
])
def test_the_graph_regions_outline_is_drawn_around_the_figure(s, command):
    _, fig = drawn(s, command)
    assert all(_red(p) for p in _edge_pixels(fig)), _edge_pixels(fig)


def test_without_lcolor_no_red_edge_and_the_outline_is_in_svg_and_pdf_files(s):
    _, fig = drawn(s, "scatter y x, by(g)")
    assert not any(_red(p) for p in _edge_pixels(fig))
    _, fig = drawn(s, "scatter y x, by(g, graphregion(lcolor(red) lwidth(thick)))")
    svg = io.StringIO()
    fig.savefig(svg, format="svg")
    text = svg.getvalue()
    # stroked after (on top of) the sub-figures that cover the figure's patch
    assert "stroke: #ff0000" in text[text.rindex("subfigure_"):]
    pdf = io.BytesIO()
    fig.savefig(pdf, format="pdf")
    assert pdf.getvalue().startswith(b"%PDF")
