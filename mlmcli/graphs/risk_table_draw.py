"""The at-risk table of ``sts graph, risktable`` (``Graph.risk_table``, written by
``mlmcli.commands.survival.sts_risk_table``), drawn in its own band of the frame beneath the plot
region's x axis and above the legend (frame.py places it at clock 6, ring 2.5).

Layout (Stata 13's as far as the manual shows it; uncertain details in docs/sts.md): the table's
title ("Number at risk") on the first line, left-justified at the plot region's left edge; then
one line per row: its title right-justified just left of the plot region (``righttitles``: left-
justified just right of it), and the number at risk centred under each time -- the x axis' major
labels within the axis' range, or the numlist typed -- in the tick labels' size and the scheme's
text colour.  ``failevents`` adds the failures in parentheses after each number."""
from __future__ import annotations

import numpy as np

from mlmcli.graphs import style

LINE = 1.25  # a line's height over the text size
GAP = 4.0  # points between the row titles and the plot region


def spec(graph) -> dict:
    return dict(graph.risk_table)


def _size(graph, look: dict) -> float:
    return (look.get("size") or 8.5) * graph.scale


def table_extent(graph) -> float:
    """The band's height in points."""
    table = spec(graph)
    look = dict(table["title_look"])
    h = len(table["title"]) * _size(graph, look) * LINE + look.get("topgap", 0.0) + look.get("bottomgap", 0.0)
    for row in table["rows"]:
        row = dict(row)
        rlook, tlook = dict(row["look"]), dict(row["title_look"])
        lines = max(len(row["title"]), 1)
        h += max(lines * _size(graph, tlook), _size(graph, rlook)) * LINE + rlook.get("topgap", 0.0) \
            + tlook.get("topgap", 0.0) + rlook.get("bottomgap", 0.0)
    return h + 6.0


def title_width(graph) -> float:
    """Points the widest row title needs (0.55 em a character, frame.py's estimate)."""
    widths = [0.0]
    for row in spec(graph).get("rows", ()):
        row = dict(row)
        size = _size(graph, dict(row["title_look"]))
        widths += [len(line) * 0.55 * size for line in row["title"]]
    return max(widths) + GAP


def counts(row: dict, times, fail: bool) -> list[str]:
    """The table's texts of one row at ``times``: the number at risk at each (the group's at
    risk at its first st time >= u, 0 after the last), with ``fail`` the failures from u to the
    next time in parentheses."""
    from mlmcli.render.numfmt import format_number

    time, at_risk, failed = (np.asarray(row[k], float) for k in ("time", "at_risk", "failed"))
    look = dict(row["look"])
    fmt = look.get("format") or "%9.0g"
    idx = np.searchsorted(time, np.asarray(times, float), side="left")
    n = np.where(idx < time.size, at_risk[np.minimum(idx, time.size - 1)], 0.0)
    out = []
    for j, (u, value) in enumerate(zip(times, n)):
        text = format_number(float(value), fmt).strip()
        if fail:
            upper = times[j + 1] if j + 1 < len(times) else np.inf
            d = failed[(time >= u) & (time < upper)].sum()
            text += f" ({format_number(float(d), fmt).strip()})"
        out.append(text)
    return out


def table_times(graph, ax) -> list[float]:
    table = spec(graph)
    lo, hi = sorted(ax.get_xlim())
    typed = table.get("times")
    values = list(typed) if typed is not None else [float(v) for v in ax.get_xticks()]
    eps = 1e-9 * max(1.0, hi - lo)
    return [v for v in values if lo - eps <= v <= hi + eps]


def draw_risk_table(host, graph, ax) -> None:
    """The table in ``host`` (its band), x positions from ``ax``'s data coordinates."""
    from matplotlib.transforms import ScaledTranslation, blended_transform_factory

    table = spec(graph)
    fig = host.figure
    band_h = table_extent(graph)
    fg = style.scheme(graph.scheme).foreground if hasattr(style.scheme(graph.scheme), "foreground") else "black"
    times = table_times(graph, ax)
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
    for line in table["title"]:
        y -= size * LINE / band_h
        if at == "rowtitles":
            x, trans, ha = (1.0, shifted(GAP), "left") if right else (0.0, shifted(-title_width(graph)), "left")
        elif isinstance(at, float):
            x, trans, ha = at, data_x, look.get("justification") or "left"
        else:
            x, trans, ha = 0.0, edge, look.get("justification") or "left"
        host.text(x, y + 0.2 * size / band_h, line, transform=trans, ha=ha, va="baseline", fontsize=size,
                  color=look.get("color") or fg, gid="risktable-title")
    y -= look.get("bottomgap", 0.0) / band_h
    for r, row in enumerate(table["rows"], start=1):
        row = dict(row)
        rlook, tlook = dict(row["look"]), dict(row["title_look"])
        nsize, tsize = _size(graph, rlook), _size(graph, tlook)
        lines = row["title"] or ("",)
        y -= (rlook.get("topgap", 0.0) + tlook.get("topgap", 0.0)) / band_h
        y -= max(len(lines) * tsize, nsize) * LINE / band_h
        base = y + 0.2 * nsize / band_h
        for j, (u, text) in enumerate(zip(times, counts(row, times, bool(table.get("fail")))), start=1):
            host.text(u, base, text, transform=data_x, ha=rlook.get("justification") or "center", va="baseline",
                      fontsize=nsize, color=rlook.get("color") or fg, gid=f"risktable-row{r}-value{j}")
        at = tlook.get("at")
        if isinstance(at, float):
            x, trans, ha = at, data_x, tlook.get("justification") or "right"
        elif right:
            x, trans, ha = 1.0, shifted(GAP), tlook.get("justification") or "left"
        else:
            ha = tlook.get("justification") or "right"
            width = title_width(graph)
            x, trans = 0.0, shifted(-GAP if ha == "right" else -width if ha == "left" else -width / 2)
        for i, line in enumerate(lines):
            host.text(x, base + (len(lines) - 1 - i) * tsize * LINE / band_h, line, transform=trans, ha=ha,
                      va="baseline", fontsize=tsize, color=tlook.get("color") or fg, gid=f"risktable-row{r}-title")
        y -= rlook.get("bottomgap", 0.0) / band_h
