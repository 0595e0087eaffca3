"""``graph export filename [, replace as(fmt) name(gname) width(#) height(#) quality(#) ps_options
eps_options]``: a graph in memory written as PNG, TIFF, JPEG, GIF, SVG, PDF, EPS or PostScript
(``mlmcli.graphs.export.export``; a PostScript page as ``graph print`` places it)."""
from __future__ import annotations

import os

from mlmcli.ast import Command
from mlmcli.commands.graphs.current import body_words, find_graph, output_defaults, unquote
from mlmcli.errors import StataError
from mlmcli.graphs.spec import Graph
from mlmcli.syntax.options import OptionSpec, integer_option, resolve_options, split_options

EXPORT_OPTIONS = [
    OptionSpec("replace", None), OptionSpec("as", None, True), OptionSpec("name", None, True),
    # png_options.sthlp, tif_options.sthlp: {cmdab:wid:th:(#)}, {cmdab:hei:ght:(#)}
    OptionSpec("width", 3, True), OptionSpec("height", 3, True),
    # jpg_options (Stata's later [G-3] jpg_options; `as(jpg) quality(90)` as the Graph Editor writes it)
    OptionSpec("quality", None, True),
]
# [G-3] ps_options and eps_options (the page options of a PostScript file; an EPS is the
# graph's own box: of the page options it takes mag() and orientation()); [G-3] png_options,
# tif_options: width(), height()
PS_OPTIONS = ("tmargin", "lmargin", "logo", "cmyk", "mag", "fontface", "fontfacesans", "fontfaceserif",
              "fontfacemono", "fontfacesymbol", "fontdir", "orientation", "pagesize", "pageheight", "pagewidth")
EPS_OPTIONS = ("logo", "cmyk", "preview", "mag", "fontface", "fontfacesans", "fontfaceserif", "fontfacemono",
               "fontfacesymbol", "fontdir", "orientation")
# gif_options (Stata for Mac): width(), height(); jpg_options: width(), height(), quality()
PIXEL_FORMATS = ("png", "tif", "gif", "jpg")
JPEG_QUALITY = 90  # when quality() is not typed (uncertain: the manuals at hand do not give Stata's)


def _pixels(opts: dict, what: str) -> int | None:
    pixels = integer_option(opts, what, None)
    if pixels is not None and not 8 <= pixels <= 16000:
        raise StataError(f"{what}() out of range", 198)
    return pixels


def graph_export(session, rest: str) -> None:
    """``graph export filename [, replace as(fmt) name(gname) width(#) height(#) ps_options
    eps_options]``: width()/height() for PNG and TIFF; ``graph set eps|ps``'s defaults under the
    typed options; a PostScript file with page options
    (``tmargin()``, ``lmargin()``, ``mag()``, ``orientation()``, ``pagesize()`` ...) is the graph
    placed on that page as ``graph print`` places it; an EPS file's ``mag()`` and ``orientation()``
    scale and turn its own box (``graphs.eps_placement``); ``cmyk(on)`` and the font options
    (``print_graph.postscript_look``); EPS ``preview(on)``: a TIFF preview in a DOS EPS file
    (``graphs.eps_preview``); ``logo(off)`` is what mlm writes (``logo(on)`` refused)."""
    from mlmcli.commands.graphs.print_graph import postscript_look
    from mlmcli.graphs.export import FORMATS, export

    body, options, _ = split_options(rest)
    every = {o.name for o in EXPORT_OPTIONS} | set(PS_OPTIONS) | set(EPS_OPTIONS)
    opts = resolve_options(options, EXPORT_OPTIONS + [OptionSpec(name, None, True) for name in
                                                      sorted(every - {o.name for o in EXPORT_OPTIONS})])
    words = body_words(body)
    if len(words) != 1:
        raise StataError("invalid syntax", 198)
    filename = words[0]
    fmt = opts["as"].strip().lower() if isinstance(opts.get("as"), str) else None
    suffix = os.path.splitext(filename)[1].lstrip(".").lower()
    if fmt is None and not suffix:
        raise StataError("could not determine the format; specify a file suffix or option as()", 198)
    fmt = fmt or suffix
    if fmt not in FORMATS:  # a suffix no Stata writes (bmp ...): no translator
        raise StataError(f"translator Graph2{fmt} not found", 111)
    allowed = ({"ps": PS_OPTIONS, "eps": EPS_OPTIONS, "jpg": ("quality",)}.get(fmt, ())
               + (("width", "height") if fmt in PIXEL_FORMATS + ("svg",) else ()))
    if fmt in ("eps", "ps"):  # graph set eps|ps name value: the defaults, the typed options win
        opts = {**output_defaults(session, fmt), **opts}
    for name in opts:
        if name not in ("replace", "as", "name") and name not in allowed:
            raise StataError(f"option {name}() not allowed with {fmt} files", 198)
    page = page_options(opts, fmt)
    notes: list[str] = []
    look = postscript_look(opts, notes) if fmt in ("eps", "ps") else None
    # name("g1") as well as name(g1): public do-files quote it
    graph = find_graph(session, unquote(opts["name"]) if isinstance(opts.get("name"), str) else None)
    if os.path.exists(filename) and not opts.get("replace"):
        raise StataError(f"file {filename} already exists", 602)
    if page is not None:
        written = _export_page(graph, filename, page, look)
    elif fmt == "eps" and str(opts.get("preview", "off")).strip().lower() == "on":
        from mlmcli.graphs.eps_preview import export_with_preview

        written = export_with_preview(graph, filename, look, *eps_placement(opts))
    elif fmt == "eps" and eps_placement(opts) != (100.0, False):
        written = _export_placed_eps(graph, filename, look, *eps_placement(opts))
    elif fmt == "svg":
        written = export(graph, filename, fmt, svg_size=_svg_size(graph, opts))
    else:
        quality = integer_option(opts, "quality", JPEG_QUALITY, minimum=0, maximum=100,
                                 out_of_range="quality() out of range") if fmt == "jpg" else None
        written = export(graph, filename, fmt, _pixels(opts, "width"), _pixels(opts, "height"), look, quality=quality)
    for line in [f"(file {filename} written in {written} format)"] + notes:
        session.print(line)


def _svg_size(graph, opts: dict):
    """svg_options' width(#px|#in) and height(#px|#in) as the SVG's size attributes."""
    from mlmcli.graphs.draw import figure_size
    from mlmcli.graphs.svg_size import svg_length, svg_size

    w_in, h_in = figure_size(graph)
    return svg_size(svg_length(opts.get("width"), "width"), svg_length(opts.get("height"), "height"), h_in / w_in)


def page_options(opts: dict, fmt: str):
    """The page of a PostScript export's page options (None: the graph's own box); the
    ``on`` switches mlm does not write are refused (``print_graph.page_layout``)."""
    from mlmcli.commands.graphs.print_graph import page_layout

    if fmt == "eps":
        if str(opts.get("preview", "off")).strip().lower() not in ("on", "off"):
            raise StataError("option preview() incorrectly specified", 198)
        page_layout({k: v for k, v in opts.items() if k in EPS_OPTIONS and k != "preview"})
        return None
    if fmt != "ps":
        return None
    layout = page_layout({k: v for k, v in opts.items() if k in PS_OPTIONS})
    placed = {"tmargin", "lmargin", "mag", "orientation", "pagesize", "pageheight", "pagewidth"}
    return layout if placed & set(opts) else None


def eps_placement(opts: dict) -> tuple[float, bool]:
    """(magnification in percent, landscape) of an EPS export's ``mag()`` and ``orientation()``."""
    from mlmcli.commands.graphs.print_graph import page_layout

    layout = page_layout({k: v for k, v in opts.items() if k in ("mag", "orientation")})
    return layout.mag, layout.landscape


def _export_placed_eps(graph: Graph, filename: str, look, mag: float, landscape: bool) -> str:
    """An EPS file of ``graph`` scaled and turned (``graphs.eps_placement``)."""
    import tempfile

    from mlmcli.fileformats.safe_write import write_bytes_atomic
    from mlmcli.graphs.export import export
    from mlmcli.graphs.eps_placement import placed_eps

    with tempfile.TemporaryDirectory(prefix="mlm-export-") as folder:
        eps_path = os.path.join(folder, "graph.eps")
        export(graph, eps_path, "eps", postscript=look)
        with open(eps_path, encoding="latin-1") as handle:
            eps = placed_eps(handle.read(), mag, landscape)
    write_bytes_atomic(filename, eps.encode("latin-1"), replace=True)
    return "EPS"


def _export_page(graph: Graph, filename: str, layout, look) -> str:
    """A PostScript file of ``graph`` placed on the page ``layout`` (as ``graph print``)."""
    import tempfile

    from mlmcli.fileformats.safe_write import write_bytes_atomic
    from mlmcli.graphs.export import export
    from mlmcli.graphs.print_page import page_postscript

    with tempfile.TemporaryDirectory(prefix="mlm-export-") as folder:
        eps_path = os.path.join(folder, "graph.eps")
        export(graph, eps_path, "eps", postscript=look)
        with open(eps_path, encoding="latin-1") as handle:
            page = page_postscript(handle.read(), layout)
    write_bytes_atomic(filename, page.encode("latin-1"), replace=True)
    return "PS"


def graph_export_cmd(session, rest: str, cmd: Command) -> None:
    graph_export(session, rest)
