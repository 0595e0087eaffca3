"""A drawn ``Graph`` as a Jupyter display bundle.

PNG always (every front end shows it, also in an untrusted notebook); SVG beside
it when the file stays small (front ends that trust the notebook prefer it; a
scatter of thousands of points makes a large SVG, and then only the PNG goes).
The PNG is drawn at the graphs' export resolution and shown at the figure's size
in CSS pixels (96 per inch), so it is sharp on high-density screens.
"""
from __future__ import annotations

import base64
import io

SVG_LIMIT = 512 * 1024  # bytes; above it the bundle carries the PNG only
CSS_PIXELS_PER_INCH = 96


def graph_bundle(graph, svg: bool = True) -> tuple[dict, dict]:
    """(data, metadata) of a ``display_data`` message showing ``graph``."""
    from mlmcli.graphs import style
    from mlmcli.graphs.draw import figure_size, make_figure

    width_in, height_in = figure_size(graph)
    fig = make_figure(graph, (width_in, height_in))
    png = _save(fig, "png", style.DPI)
    size = {"width": round(width_in * CSS_PIXELS_PER_INCH), "height": round(height_in * CSS_PIXELS_PER_INCH)}
    data = {"image/png": base64.b64encode(png).decode("ascii"),
            "text/plain": f"<Graph {graph.name}>"}
    metadata = {"image/png": dict(size)}
    if svg:
        text = _save(fig, "svg", style.DPI)
        if len(text) <= SVG_LIMIT:
            data["image/svg+xml"] = text.decode("utf-8")
            metadata["image/svg+xml"] = dict(size)
    return data, metadata


def _save(fig, fmt: str, dpi: float) -> bytes:
    buffer = io.BytesIO()
    # no creation date in the SVG; its element ids stay random, so that several SVGs
    # inline in one page never share a clip-path id
    metadata = {"Date": None} if fmt == "svg" else None
    fig.savefig(buffer, format=fmt, dpi=dpi, facecolor=fig.get_facecolor(), metadata=metadata)
    return buffer.getvalue()
