"""``graph matrix``: the scatterplot matrix as panels of a ``Graph``.

Cell (i, j) of an n x n matrix (row i from the top, column j from the left) plots variable i
(y) against variable j (x); the diagonal cell (i, i) holds variable i's label (its name when
it has none) in the middle.  Every cell is framed; the cells of column j share variable j's
x range and those of row i variable i's y range.  The axis labels sit on the matrix's outer
edges, alternating as Stata's: column j's at the bottom for even j, at the top for odd j;
row i's on the right for even i, on the left for odd i.  ``half``: the lower triangle only,
x labels under the bottom row (not the last column, a diagonal cell), y labels left of the
first column (not the first row).

The cells are ``Panel``s with ``limits`` (x low, x high, y low, y high) and ``label_sides``
(the sides, of ``"lrbt"``, where the panel shows its axis labels); ``frame_cell`` draws
those (``draw`` calls it for every panel that has ``label_sides``).
"""
from __future__ import annotations

from dataclasses import replace

import numpy as np

from mlmcli.graphs.style import GRID
from mlmcli.graphs.spec import Panel, Series, TextBox


def padded_range(values: np.ndarray, spec=None) -> tuple[float, float]:
    """The data's range widened by 5% each side (a constant: +-0.5, or +-half of it);
    ``spec`` (an ``Axis``): ``range()`` widens it, ``log`` pads by 5% of the logs (positive
    values only)."""
    finite = values[np.isfinite(values)]
    if spec is not None and spec.log:
        finite = finite[finite > 0]
    if spec is not None and spec.range is not None:
        finite = np.concatenate([finite, [v for v in spec.range if np.isfinite(v)]])
    if finite.size == 0:
        return (1.0, 10.0) if spec is not None and spec.log else (0.0, 1.0)
    lo, hi = float(finite.min()), float(finite.max())
    if spec is not None and spec.log:
        a, b = np.log10(lo), np.log10(hi)
        pad = 0.05 * (b - a) if b > a else 0.5
        return float(10 ** (a - pad)), float(10 ** (b + pad))
    pad = 0.05 * (hi - lo) if hi > lo else 0.5 * max(abs(lo), 1.0)
    return lo - pad, hi + pad


def variable_ticks(values: np.ndarray, about: int = 3, log: bool = False) -> tuple[float, ...]:
    """The default labels of a variable's axis: natscale's rule (natural_scale) with about
    ``about`` values over its data -- the matrix tickset's 3 -- those above 0 on a log scale."""
    from mlmcli.graphs.nice_numbers import natural_ticks

    finite = values[np.isfinite(values)]
    if log:
        finite = finite[finite > 0]
    lo, hi = (float(finite.min()), float(finite.max())) if finite.size else (0.0, 1.0)
    found = natural_ticks(lo, hi, about)
    return tuple(v for v in found if v > 0) if log else found


def reach_labels(limits: tuple[float, float], labels, log: bool = False) -> tuple[float, float]:
    """A cell's range reaching its default labels, as any automatic axis does
    (natural_scale.natural_reach): 5% of the data-and-labels range beyond a label outside."""
    lo, hi = limits
    if not labels or log:
        return lo, hi
    first, last = min(labels), max(labels)
    span = (hi - lo) / 1.1  # the data's range (padded_range's 5% each side taken off)
    whole = max(hi - 0.05 * span, last) - min(lo + 0.05 * span, first)
    if first < lo:
        lo = first - 0.05 * whole
    if last > hi:
        hi = last + 0.05 * whole
    return lo, hi


def label_sides(i: int, j: int, n: int, half: bool) -> str:
    """Where cell (i, j) shows axis labels (``l``, ``r``, ``b``, ``t``)."""
    sides = ""
    if half:
        if i == n - 1 and j < n - 1:
            sides += "b"
        if j == 0 and i > 0:
            sides += "l"
        return sides
    if j % 2 == 0 and i == n - 1:
        sides += "b"
    if j % 2 == 1 and i == 0:
        sides += "t"
    if i % 2 == 0 and j == n - 1:
        sides += "r"
    if i % 2 == 1 and j == 0:
        sides += "l"
    return sides


def matrix_panels(columns: list[np.ndarray], titles: list[str], *, half: bool = False,
                  marker_fields: dict | None = None, diagonal_look: dict | None = None,
                  ticks: tuple[bool, bool] = (True, True),
                  labels: list[tuple[str, ...] | None] | None = None, nticks: int = 3,
                  ranges: list[tuple[float, float]] | None = None,
                  y_ranges: list[tuple[float, float]] | None = None,
                  tick_sets: list[tuple[float, ...]] | None = None,
                  axis_fields: dict[tuple[str, int], dict] | None = None
                  ) -> tuple[list[Panel], tuple[int, ...]]:
    """(the panels in reading order, the 1-based holes of the grid): the cells of the matrix
    of ``columns`` (the variables' values over the sample), ``titles`` on the diagonal (in the
    ``TextBox`` fields ``diagonal_look``: diagonal()'s and diagopts()' textbox options);
    ``half`` leaves the upper triangle empty (holes).  ``marker_fields``: the scatter series'
    look; ``labels``: each point's marker label per ... (``mlabel()``), shared by every cell;
    ``ticks``: (x, y) False where the typed axis options label that axis instead; ``ranges``/
    ``y_ranges``/``tick_sets``: each variable's x and y axis range and default labels (None: from ``columns``; a
    ``by()`` graph gives the whole sample's); ``axis_fields``: ("x", j) or ("y", i) -> the
    Graph fields (``xaxis``, ``xticks`` ...) variable j's x axis (i's y axis) is drawn with,
    typed for that axis alone (its default labels then give way where they label it)."""
    n = len(columns)
    ranges = ranges or [padded_range(c) for c in columns]
    y_ranges = y_ranges or ranges
    tick_sets = tick_sets or [variable_ticks(c, nticks) for c in columns]
    own = axis_fields or {}
    panels: list[Panel] = []
    holes: list[int] = []
    for i in range(n):
        for j in range(n):
            if half and j > i:
                holes.append(i * n + j + 1)
                continue
            xlo, xhi = ranges[j]
            ylo, yhi = y_ranges[i]
            sides = label_sides(i, j, n, half)
            fields = {**own.get(("x", j), {}), **own.get(("y", i), {})}
            if ticks[0] and not _labels_typed(own.get(("x", j), {}), "x"):  # the default labels
                fields["xticks"] = tick_sets[j]
                xlo, xhi = reach_labels((xlo, xhi), tick_sets[j], _log(fields, "x"))
            if ticks[1] and not _labels_typed(own.get(("y", i), {}), "y"):
                fields["yticks"] = tick_sets[i]
                ylo, yhi = reach_labels((ylo, yhi), tick_sets[i], _log(fields, "y"))
            cell = dict(limits=(xlo, xhi, ylo, yhi), label_sides=sides, axis_fields=tuple(fields.items()))
            if i == j:
                box = TextBox((xlo + xhi) / 2, (ylo + yhi) / 2, titles[i], **(diagonal_look or {}))
                if fields.get("xaxis") is not None and fields["xaxis"].log:  # the middle of a log axis
                    box = replace(box, x=float(np.sqrt(xlo * xhi)))
                if fields.get("yaxis") is not None and fields["yaxis"].log:
                    box = replace(box, y=float(np.sqrt(ylo * yhi)))
                panels.append(Panel((), texts=(box,), **cell))
                continue
            series = Series("scatter", columns[j], columns[i], label=titles[i], style=1, legend=False,
                            labels=labels[0] if labels else None, **(marker_fields or {}))
            panels.append(Panel((series,), **cell))
    return panels, tuple(holes)


def _log(fields: dict, letter: str) -> bool:
    spec = fields.get(letter + "axis")
    return bool(spec is not None and spec.log)


def _labels_typed(fields: dict, letter: str) -> bool:
    """Whether an axis' own options place its labels (a rule or values)."""
    spec = fields.get(letter + "axis")
    return f"{letter}ticks" in fields or spec is not None and (
        spec.nticks is not None or spec.ticklabels is not None)


def frame_cell(ax, panel: Panel, graph, k: float) -> None:
    """A matrix cell: its own limits (reversed by ``xscale(reverse)``), a frame on all four
    sides, no grid, labels only on the sides ``label_sides`` names (ticks there too); y labels
    along the axis unless ``ylabel(, angle(#))`` says otherwise.  ``graph``: the Graph as this
    cell draws it (its own axes)."""
    angle = graph.yaxis.angle
    if panel.limits is not None:
        xlo, xhi, ylo, yhi = panel.limits
        ax.set_xlim((xhi, xlo) if graph.xaxis.reverse else (xlo, xhi))
        ax.set_ylim((yhi, ylo) if graph.yaxis.reverse else (ylo, yhi))
    for side in ("top", "right", "bottom", "left"):
        ax.spines[side].set_visible(True)
        ax.spines[side].set_linewidth(0.8 * k)
    ax.grid(False)
    if graph.xaxis.grid:  # xlabel(, grid): grid lines at this cell's labels
        ax.grid(True, axis="x", color=graph.xaxis.grid_color or GRID, linewidth=0.5 * k)
    if graph.yaxis.grid:
        ax.grid(True, axis="y", color=graph.yaxis.grid_color or GRID, linewidth=0.5 * k)
    for axis, spec in ((ax.xaxis, graph.xaxis), (ax.yaxis, graph.yaxis)):
        if spec.log:  # Stata labels a log axis at its usual values, in its usual format
            _plain_log_labels(axis, spec)
    sides = panel.label_sides or ""
    ax.xaxis.set_ticks_position("top" if "t" in sides else "bottom")
    ax.yaxis.set_ticks_position("right" if "r" in sides else "left")
    ax.tick_params(which="both", bottom="b" in sides, labelbottom="b" in sides, top="t" in sides,
                   labeltop="t" in sides, left="l" in sides, labelleft="l" in sides,
                   right="r" in sides, labelright="r" in sides)
    if "t" in sides:
        ax.xaxis.set_label_position("top")
    if "r" in sides:
        ax.yaxis.set_label_position("right")
    for label in ax.get_yticklabels(which="major"):
        label.set_rotation(90 if angle is None else angle)
        if angle is None:
            label.set_verticalalignment("center")


def _plain_log_labels(axis, spec) -> None:
    """A log axis' labels as the linear axis' (``stata_tick`` or ``format()``), its minor
    ticks unlabelled unless ``xmlabel()`` asked for them."""
    from matplotlib.ticker import FuncFormatter, NullFormatter

    from mlmcli.graphs.panel_axes import stata_tick

    if spec.format:
        from mlmcli.render.numfmt import format_number

        axis.set_major_formatter(FuncFormatter(lambda v, _p: format_number(v, spec.format).strip()))
    else:
        axis.set_major_formatter(FuncFormatter(lambda v, _p: stata_tick(v)))
    if not spec.minor_labels:
        axis.set_minor_formatter(NullFormatter())
