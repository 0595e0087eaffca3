"""``grc1leg`` (Vince Wiggins's community command): ``graph combine`` with one legend.

    grc1leg name [name ...] [, legendfrom(name) position(clockpos) ring(#) span
        combine_options]

The graphs are combined as by ``graph combine`` (every option of it is accepted), each
drawn without its own legend, and the combined graph shows the legend of
``legendfrom()`` (default: the first graph) -- its keys, ``order()``/``label()`` texts
and look -- at clock ``position()`` (default 6: below) and ``ring()``; ``span`` centres it
on the whole graph rather than on the plot region of the combined graphs.
"""
from __future__ import annotations

from dataclasses import replace

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec

HELP = {"grc1leg": "grc1leg name name ... [, legendfrom(name) position() ring() span graph_combine_options] : "
                   "combined graphs sharing one legend (community command)"}

GRC1LEG_SPECS = [OptionSpec("legendfrom", 7, True), OptionSpec("position", 3, True), OptionSpec("ring", None, True),
                 OptionSpec("span", None)]


def cmd_grc1leg(session, cmd) -> None:
    from mlmcli.commands.graphs.manage import combined_graph, keep_combined
    from mlmcli.graphs import graph_options as gopt
    from mlmcli.syntax.options import split_options

    combined, opts, replace_it = combined_graph(session, cmd.args, cmd, GRC1LEG_SPECS)
    names = split_options(cmd.args)[0].split()
    source = opts.get("legendfrom")
    index = 1
    if source is not None:
        source = str(source).strip()
        if source not in names:
            raise StataError(f"legendfrom({source}): {source} is not one of the graphs combined", 198)
        index = names.index(source) + 1
    legend_from = combined.parts[index - 1]
    position = legend_from.legend_position
    if "position" in opts:
        position = _clock(opts["position"], "position")
    ring = legend_from.legend_ring
    if "ring" in opts:
        ring = int(gopt.number(opts["ring"], "ring"))
        if ring < 0:
            raise StataError("option ring() incorrectly specified", 198)
    look = legend_from.legend_look
    if opts.get("span"):
        look = replace(look, span=True)
    shown = legend_from.shows_legend()
    combined = replace(
        combined, parts=tuple(replace(p, legend="off") for p in combined.parts), legend_part=index,
        legend="on" if shown else "off", legend_order=legend_from.legend_order,
        legend_labels=legend_from.legend_labels, legend_cols=legend_from.legend_cols,
        legend_position=position, legend_ring=ring, legend_size=legend_from.legend_size,
        legend_title=legend_from.legend_title, legend_fill=legend_from.legend_fill,
        legend_edge=legend_from.legend_edge, legend_colfirst=legend_from.legend_colfirst, legend_look=look)
    keep_combined(session, combined, opts, replace_it)


def _clock(text, name: str) -> int:
    words = {"north": 12, "neast": 1, "east": 3, "seast": 5, "south": 6, "swest": 7, "west": 9, "nwest": 11,
             "center": 0, "c": 0, "n": 12, "ne": 1, "e": 3, "se": 5, "s": 6, "sw": 7, "w": 9, "nw": 11}
    value = str(text).strip().lower()
    if value in words:
        return words[value]
    try:
        clock = int(value)
    except ValueError:
        raise StataError(f"option {name}() incorrectly specified", 198) from None
    if not 0 <= clock <= 12:
        raise StataError(f"option {name}() incorrectly specified", 198)
    return clock
