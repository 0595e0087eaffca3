"""The at-risk table of ``sts graph, risktable`` (``Graph.risk_table``, written by
``mlmcli.commands.survival.sts_risk_table``), drawn in its own band of the frame beneath the plot
region's x axis and above the legend (frame.py places it at clock 6, ring 2.5).

Layout (Stata 13's as far as the manual shows it; uncertain details in docs/sts.md): the table's
title ("Number at risk") on the first line, left-justified at the plot region's left edge; then
one line per row: its title right-justified just left of the plot region (``righttitles``: left-
justified just right of it), and the number at risk centred under each time -- the x axis' major
labels within the axis' range, or the numlist typed (per row with ``group()``) -- in the tick
labels' size and the scheme's text colour.  ``failevents`` writes the failures between two times
in parentheses midway between them (sts_graph_util.class's ``getAxisRiskVals``, ``risk_labels``).

The axis-label options of ``risktable()`` (each row is an x axis of Stata's, sts_graph_util.class):
``angle()`` turns the numbers (and the row titles) -- the row grows by the turned text's height,
the text's end at the row's top as Stata sets turned x labels; ``alternate`` puts every other
number one line lower; ``nolabels`` leaves the row's numbers and title out (the row keeps its
gaps); ``grid`` draws lines at the row's times across the plot region (``glcolor()``,
``glwidth()``, ``glpattern()``, the outer ones left out as on any axis unless ``gmin``/``gmax``);
ticks show only with ``ticks`` (or a tickstyle that shows them) and a colour: the risk axes'
tickstyle has length 0 and a line of colour none, so ``ticks tlength(2) tlcolor(red)`` draws
them, from the row's top down (``tposition(inside)``: up; ``crossing``: both), the numbers moved
down by what points outside."""
from __future__ import annotations

import numpy as np

from mlmcli.graphs import style

LINE = 1.25  # a line's height over the text size
GAP = 4.0  # points between the row titles and the plot region


def spec(graph) -> dict:
    return dict(graph.risk_table)


def _size(graph, look: dict) -> float:
    return (look.get("size") or 8.5) * graph.scale


def _color(graph, look: dict, fg: str) -> str:
    """The text colour (a textstyle's "heading": the scheme's title colour)."""
    return style.text_color(look.get("color"), graph.scheme) or fg


def _shows(look: dict) -> bool:
    return look.get("labels", True) is not False


def _turned(look: dict) -> float:
    """The labels' angle in (-180, 180] (0: level)."""
    a = float(look.get("angle") or 0.0) % 360.0
    return a - 360.0 if a > 180.0 else a


def _tick_out(graph, look: dict) -> float:
    """Points the drawn ticks reach below the row's top (the numbers sit that much lower)."""
    if not _ticks_drawn(look):
        return 0.0
    length = float(look.get("tick_length") or 0.0) * graph.scale
    where = look.get("tick_position") or "outside"
    return 0.0 if where == "inside" else length / 2 if where == "crossing" else length


def _ticks_drawn(look: dict) -> bool:
    return bool(look.get("ticks")) and float(look.get("tick_length") or 0.0) > 0 and bool(look.get("tick_color"))


def _values_height(graph, row: dict) -> float:
    """Points the row's numbers take: a line of them, two with ``alternate``; turned, the height
    of the widest turned number (0.55 em a character) and a quarter line."""
    look = dict(row["look"])
    if not _shows(look):
        return _tick_out(graph, look)
    size = _size(graph, look)
    angle = _turned(look)
    if angle:
        top = float(np.max(np.asarray(row["at_risk"], float), initial=0.0))
        # the widest label: the largest number, or a failure count "(d)" no wider than it and two parentheses
        h = _turned_height(len(f"{top:.0f}") + (2 if row.get("fail") else 0), size, angle)
    else:
        h = size * LINE
    if look.get("alternate"):
        h += size * LINE
    return h + _tick_out(graph, look)


def _turned_height(chars: int, size: float, angle: float) -> float:
    """Points a text of ``chars`` characters turned by ``angle`` takes from top to bottom (and a
    quarter line)."""
    w, rad = chars * 0.62 * size, np.radians(angle)  # a little over frame.py's 0.55 em: turned texts must not touch
    return abs(w * np.sin(rad)) + abs(size * np.cos(rad)) + 0.25 * size


def _title_height(graph, row: dict) -> float:
    tlook = dict(row["title_look"])
    if not _shows(tlook):
        return 0.0
    size, angle = _size(graph, tlook), _turned(tlook)
    if angle:
        return max(_turned_height(len(line), size, angle) for line in row["title"] or ("",))
    return max(len(row["title"]), 1) * size * LINE


def _row_height(graph, row: dict) -> float:
    """The row's height: its numbers and its title are labels of one axis (the ado's), each
    ``topgap()`` (labgap) below the axis; ``bottomgap()`` (the axis' outergap) beneath."""
    rlook, tlook = dict(row["look"]), dict(row["title_look"])
    return max(_title_height(graph, row) + tlook.get("topgap", 0.0),
               _values_height(graph, row) + rlook.get("topgap", 0.0)) + rlook.get("bottomgap", 0.0)


def table_extent(graph) -> float:
    """The band's height in points."""
    table = spec(graph)
    look = dict(table["title_look"])
    lines = len(table["title"]) if _shows(look) else 0
    h = lines * _size(graph, look) * LINE + look.get("topgap", 0.0) + look.get("bottomgap", 0.0)
    for row in table["rows"]:
        h += _row_height(graph, dict(row))
    return h + 6.0


def title_width(graph) -> float:
    """Points the widest row title needs (0.55 em a character, frame.py's estimate)."""
    widths = [0.0]
    for row in spec(graph).get("rows", ()):
        row = dict(row)
        look = dict(row["title_look"])
        if not _shows(look):
            continue
        size, rad = _size(graph, look), np.radians(_turned(look))
        # turned, a title is as wide as its text's run across (0.62 em a character, as turned heights)
        em = 0.62 if rad else 0.55
        widths += [abs(len(line) * em * size * np.cos(rad)) + abs(size * np.sin(rad)) for line in row["title"]]
    return max(widths) + GAP


def risk_labels(row: dict, values) -> list[tuple[str, int, float, str]]:
    """The row's labels at the table times ``values`` as sts_graph_util.class's Mata
    ``getAxisRiskVals`` writes them: at each time u the number at risk at the group's first st time
    >= u (0 after the last); with ``fail`` (failevents) and no format, midway between each time and
    the one before, "(d)": the failures from the row found for the earlier time up to the row found
    for this one (failures at the group's last time count too once the search reaches it; before the
    first time none are shown).  A typed format is used for the numbers and leaves the failures out,
    as the Mata does.  -> [("value"|"fail", i, x, text)], i the 1-based index of the time."""
    from mlmcli.render.numfmt import format_number

    t, rnum, failnum = (np.asarray(row[k], float) for k in ("time", "at_risk", "failed"))
    fmt, fail = row.get("format"), bool(row.get("fail"))
    out: list = []
    summ, last = 0.0, 0  # 0-based: the row found for the time before
    n = t.size
    for i, v in enumerate(values):
        for j in range(n):  # the search starts at the first row for every time, as the Mata's
            if fail and j > last:
                summ += failnum[j - 1]
                if j == n - 1:
                    summ += failnum[j]
            if t[j] >= v or j >= n - 1:
                number = rnum[j] if t[j] >= v else 0.0
                if not fmt:
                    out.append(("value", i + 1, float(v), format_number(float(number), "%9.0g").strip()))
                    if fail and i > 0:
                        mid = (float(values[i - 1]) + float(v)) / 2
                        out.append(("fail", i + 1, mid, f"({format_number(float(summ), '%9.0g').strip()})"))
                else:
                    out.append(("value", i + 1, float(v), format_number(float(number), fmt).strip()))
                last, summ = j, 0.0
                break
    return out


def row_values(graph, ax, row: dict) -> list[float]:
    """The row's table times: its own numlist (the ado's per-group rule) or the table's, else the x
    axis' major labels within the axis' range."""
    typed = row.get("times")
    if typed is None:
        typed = spec(graph).get("times")
    if typed is not None:
        return [float(v) for v in typed]
    lo, hi = sorted(ax.get_xlim())
    eps = 1e-9 * max(1.0, hi - lo)
    return [float(v) for v in ax.get_xticks() if lo - eps <= v <= hi + eps]


def drawn_labels(graph, ax, row: dict) -> list[tuple[str, int, float, str]]:
    """``risk_labels`` at the row's times, those within the x axis' range."""
    lo, hi = sorted(ax.get_xlim())
    eps = 1e-9 * max(1.0, hi - lo)
    return [lab for lab in risk_labels(row, row_values(graph, ax, row)) if lo - eps <= lab[2] <= hi + eps]


def draw_risk_table(host, graph, ax) -> None:
    """The table in ``host`` (its band), x positions from ``ax``'s data coordinates."""
    from matplotlib.transforms import ScaledTranslation, blended_transform_factory

    table = spec(graph)
    fig = host.figure
    band_h = table_extent(graph)
    fg = style.scheme(graph.scheme).foreground if hasattr(style.scheme(graph.scheme), "foreground") else "black"
    right = bool(table.get("right"))
    data_x = blended_transform_factory(ax.transData, host.transSubfigure)
    edge = blended_transform_factory(ax.transAxes, host.transSubfigure)

    def shifted(points: float):
        return edge + ScaledTranslation(points / 72.0, 0.0, fig.dpi_scale_trans)

    y = 1.0 - 3.0 / band_h  # from the top, in fractions of the band
    look = dict(table["title_look"])
    size = _size(graph, look)
    y -= look.get("topgap", 0.0) / band_h
    at = look.get("at")
    for line in table["title"] if _shows(look) else ():
        y -= size * LINE / band_h
        if at == "rowtitles":
            x, trans, ha = (1.0, shifted(GAP), "left") if right else (0.0, shifted(-title_width(graph)), "left")
        elif isinstance(at, float):
            x, trans, ha = at, data_x, look.get("justification") or "left"
        else:
            x, trans, ha = 0.0, edge, look.get("justification") or "left"
        host.text(x, y + 0.2 * size / band_h, line, transform=trans, ha=ha, va="baseline", fontsize=size,
                  color=_color(graph, look, fg), gid="risktable-title", rotation=_turned(look),
                  rotation_mode="anchor")
    y -= look.get("bottomgap", 0.0) / band_h
    for r, row in enumerate(table["rows"], start=1):
        row = dict(row)
        rlook, tlook = dict(row["look"]), dict(row["title_look"])
        nsize, tsize = _size(graph, rlook), _size(graph, tlook)
        lines = row["title"] or ("",)
        top = y  # the row's axis: its ticks start here, its labels hang topgap() below them
        y -= (_row_height(graph, row) - rlook.get("bottomgap", 0.0)) / band_h
        base = y + 0.2 * nsize / band_h
        _values(host, graph, ax, rlook, r, drawn_labels(graph, ax, row), top, base, band_h, data_x, fg)
        if not _shows(tlook):
            y -= rlook.get("bottomgap", 0.0) / band_h
            continue
        at = tlook.get("at")
        if isinstance(at, float):
            x, trans, ha = at, data_x, tlook.get("justification") or "right"
        elif right:
            x, trans, ha = 1.0, shifted(GAP), tlook.get("justification") or "left"
        else:
            ha = tlook.get("justification") or "right"
            width = title_width(graph)
            x, trans = 0.0, shifted(-GAP if ha == "right" else -width if ha == "left" else -width / 2)
        angle = _turned(tlook)
        for i, line in enumerate(lines):
            if angle:  # turned as the numbers: its end at the row's top
                host.text(x, top - (tlook.get("topgap", 0.0) + 0.15 * tsize + i * tsize * LINE) / band_h, line,
                          transform=trans,
                          ha="center" if abs(angle) == 180 else "right" if angle > 0 else "left", va="center",
                          fontsize=tsize, color=_color(graph, tlook, fg), gid=f"risktable-row{r}-title",
                          rotation=angle, rotation_mode="anchor")
                continue
            host.text(x, base + (len(lines) - 1 - i) * tsize * LINE / band_h, line, transform=trans, ha=ha,
                      va="baseline", fontsize=tsize, color=_color(graph, tlook, fg), gid=f"risktable-row{r}-title")
        y -= rlook.get("bottomgap", 0.0) / band_h


def _gid(r: int, kind: str, part: str, i: int) -> str:
    """risktable-row{r}-value{i} / -fail{i} (the count before time i), -tick{i} / -failtick{i} ..."""
    return f"risktable-row{r}-{'' if kind == 'value' else 'fail'}{part}{i}"


def _values(host, graph, ax, look: dict, r: int, labels, top: float, base: float, band_h: float,
            data_x, fg) -> None:
    """One row's labels -- the numbers and failevents' counts, each a label of the row's axis
    (level at ``base``, or turned hanging from ``top``) --, their ticks and grid lines."""
    from matplotlib.lines import Line2D

    size = _size(graph, look)
    angle = _turned(look)
    drop = _tick_out(graph, look) / band_h
    labels = sorted(labels, key=lambda lab: lab[2])  # alternate goes by position along the axis
    for k, (kind, i, u, text) in enumerate(labels, start=1):
        part = "value" if kind == "value" else ""
        if _shows(look):
            lower = size * LINE / band_h if look.get("alternate") and k % 2 == 0 else 0.0  # turned: even ones a line down
            kwargs = dict(transform=data_x, fontsize=size, color=_color(graph, look, fg),
                          gid=_gid(r, kind, part, i))
            if angle:  # the text's end at the tick, as Stata turns x labels
                y0 = top - drop - (look.get("topgap", 0.0) + 0.15 * size) / band_h - lower
                ha = "center" if abs(angle) == 180 else "right" if angle > 0 else "left"
                host.text(u, y0, text, ha=ha, va="center" if abs(angle) != 180 else "top", rotation=angle,
                          rotation_mode="anchor", **kwargs)
            else:  # with alternate the odd labels on the upper of the row's two lines
                host.text(u, base + (size * LINE / band_h if look.get("alternate") and k % 2 == 1 else 0.0), text,
                          ha=look.get("justification") or "center", va="baseline", **kwargs)
        if _ticks_drawn(look):
            length = float(look["tick_length"]) * graph.scale / band_h
            where = look.get("tick_position") or "outside"
            lo, hi = (top, top + length) if where == "inside" else \
                (top - length / 2, top + length / 2) if where == "crossing" else (top - length, top)
            color = fg if look["tick_color"] == "foreground" else look["tick_color"]
            host.add_artist(Line2D([u, u], [lo, hi], transform=data_x, color=color,
                                   linewidth=(look.get("tick_width") or 0.8) * graph.scale,
                                   gid=_gid(r, kind, "tick", i)))
    if look.get("grid"):
        _grid(graph, ax, look, r, labels)


def _grid(graph, ax, look: dict, r: int, labels) -> None:
    """The row's grid lines across the plot region at its labels, the outer ones left out as Stata
    leaves out lines "too close to the axes" unless ``gmin``/``gmax`` (grid_ends)."""
    from mlmcli.graphs.axis_spec import Axis
    from mlmcli.graphs.grid_ends import data_extent, scale_end_grid

    if not labels:
        return
    extent = (data_extent(graph.panels[0], "x") if graph.panels else None) or tuple(sorted(ax.get_xlim()))
    axis = Axis(grid_min=look.get("grid_min"), grid_max=look.get("grid_max"))
    at = [lab[2] for lab in labels]
    for kind, i, u, _ in labels:
        if scale_end_grid(u, axis, extent, at):
            continue
        ax.axvline(u, color=look.get("grid_color") or style.scheme(graph.scheme).grid or style.GRID, zorder=0.5,
                   linewidth=(look.get("grid_width") or 0.8) * graph.scale,
                   linestyle=style.line_pattern(look.get("grid_pattern") or "solid") or "-",
                   gid=_gid(r, kind, "grid", i))
