"""How a graph's axes are scaled, labelled and placed, as pure data: ``Axis`` (``xscale()``,
``xlabel()``, ``xtick()`` ... of one axis) and ``MoreAxis`` (an axis beyond x 1 and y 1, 2:
``xaxis(2)``, ``yaxis(3)`` ...).  Part of the graph spec (``graphs.spec``): fields are only ever
added, with defaults, never renamed (``graph use`` files depend on them)."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Axis:
    """How one axis is scaled and labelled (``xscale()``/``xlabel()``/``xtick()``).

    ``log``: logarithmic scale; ``range``: values the axis must include
    (``range(# #)``, None: the data's); ``off``: axis not drawn; ``reverse``;
    ``ticklabels``: (value, text) pairs replacing the numbers (``xlabel(1 "a" 2 "b")``,
    ``valuelabel``); ``nticks``: about how many labels (``xlabel(#5)``); ``angle``
    (degrees) and ``labsize`` (points) of the labels; ``grid``: grid lines at the
    labels (None: the scheme's default: y grid yes, x grid no); ``minor``: minor tick
    positions; ``tight_low``: no margin below the data (histograms and bars start at
    the axis); ``include_zero``: the axis reaches 0 (bar charts); ``title_size``, ``format``
    (of the labels; ``var_format``: ``xvarformat()``, used when no ``format()``).
    Look of the labels (``label_color``, ``label_gap`` points from the axis), ticks
    (``tick_length``, ``tick_position`` outside/inside/crossing, ``tick_width``,
    ``tick_color``), grid lines (``grid_color``, ``grid_width``, ``grid_pattern``;
    ``grid_min``/``grid_max``: a line at a label where the axis' scale ends -- True with
    ``gmin``/``gmax``, else (None, ``nogmin``/``nogmax`` False) left out as Stata leaves out grid
    lines "too close to the axes or borders"; ``dots``: a dot chart's
    category lines as that many markers across the plot region, ``dot_look`` their (symbol,
    colour, size in points), from ``ndots()``/``dots()``; ``dot_rectangle``: the lines as
    rectangles, (height in points, fill, outline colour, outline width, outline pattern), from
    ``linetype(rectangle) rwidth() rectangles()``; ``dot_extent``: where the lines end, (through
    the plot region's margins, points further at the low end, at the high end), from
    ``[no]extendline lowextension() highextension()`` (empty: across the region); ``outer_gap``: a bar chart's
    category axis ends that many bar widths beyond the outer bars, ``outergap()``;
    ``alternate``: every other label set one line further from the axis; ``fill``: an axis
    that is ``off`` keeps its space, drawn invisible) and the axis line
    (``line`` False: not drawn, ``line_color``/``line_width``/``line_pattern``, ``extend``
    False: only over the labelled range); ``alt``: on the other side; ``title_gap``:
    points between labels and title; ``add``: typed ticks added to the default ones;
    ``rescale`` False: typed ticks do not widen the axis; ``minor_labels``: the minor ticks
    are labelled (``xmlabel()``); ``unlabelled``: ticks without labels (``xtick()``),
    ``unlabelled_nticks`` about that many of them (``xtick(#k)``); ``minor_rule``: minor ticks
    placed at draw time, ("between", k): k - 1 between major ticks (``xmtick(##k)``), ("about",
    k): about k over the axis (``xmtick(#k)``).
    """

    log: bool = False
    range: tuple[float, float] | None = None
    off: bool = False
    reverse: bool = False
    ticklabels: tuple[tuple[float, str], ...] | None = None
    nticks: int | None = None
    angle: float | None = None   # None: Stata's default (y labels along the axis)
    labsize: float | None = None
    grid: bool | None = None
    minor: tuple[float, ...] | None = None
    tight_low: bool = False
    include_zero: bool = False
    title_size: float | None = None
    format: str | None = None
    label_color: str | None = None
    label_gap: float | None = None
    tick_length: float | None = None
    tick_position: str | None = None
    tick_width: float | None = None
    tick_color: str | None = None
    grid_color: str | None = None
    grid_width: float | None = None
    grid_pattern: str | None = None
    dots: int | None = None
    dot_look: tuple = ()
    dot_rectangle: tuple = ()
    dot_extent: tuple = ()
    outer_gap: float | None = None
    alternate: bool = False
    fill: bool = False
    grid_min: bool | None = None
    grid_max: bool | None = None
    line: bool = True
    line_color: str | None = None
    line_width: float | None = None
    line_pattern: str | None = None
    extend: bool = True
    alt: bool = False
    title_gap: float | None = None
    add: bool = False
    rescale: bool = True
    var_format: str | None = None
    minor_labels: bool = False
    unlabelled: tuple[float, ...] | None = None
    minor_rule: tuple[str, int] | None = None
    unlabelled_nticks: int | None = None
    # xlabel(# "t", add custom labcolor() tlcolor() ...): (value, ((field, look), ...)) of each of
    # that option's ticks (axis_options.CUSTOM_LOOKS), later options' last
    custom_looks: tuple = ()
    minmax: bool = False  # xlabel(minmax): labels at the data's minimum and maximum
    # Stata's four tick sets each draw their own grid ([G-3] axis_label_options; the scheme's
    # draw_majornl_grid, draw_minor_grid ...): ``grid`` is xlabel()'s, ``tick_grid`` xtick()'s
    # (None: no grid), ``minor_grid`` xmlabel()'s/xmtick()'s; ``*_grid_look``: that set's
    # (("grid_color", c), ("grid_width", w), ("grid_pattern", p)) typed in its option
    tick_grid: bool | None = None
    tick_grid_look: tuple = ()
    minor_grid: bool | None = None
    minor_grid_look: tuple = ()
    # xmlabel()/xmtick()'s own look of the minor ticks and labels: ((field, value), ...) of
    # tick_length, tick_color, tick_width, tick_position, labsize, label_color, angle, format
    minor_looks: tuple = ()
    # labjustification()/labalignment(): the labels' lines justified (left, center, right) and
    # the labels placed in their row or column (top, middle, bottom, baseline); label_justify.py
    label_justification: str | None = None
    label_alignment: str | None = None


@dataclass(frozen=True)
class MoreAxis:
    """An axis beyond x axis 1 and y axes 1 and 2 (``xaxis(2)``, ``yaxis(3)`` ... up to 9):
    ``letter`` "x" or "y", its ``number``, its ``Axis`` options (``xlabel(, axis(2))`` ...),
    ``ticks`` from its labels' rule, ``title`` typed (None: the titles of its plots) and
    ``title_affix`` (``prefix``/``suffix``), ``outer_gap`` points beyond its title.  Stata draws
    y axes 1, 3, 5 ... on the left, 2, 4 ... on the right, x axes 1, 3 ... below, 2, 4 ...
    above, each further out than the ones before it there; ``alt`` moves one across."""

    letter: str
    number: int
    axis: Axis = Axis()
    ticks: tuple[float, ...] | None = None
    title: str | None = None
    title_affix: str | None = None
    default_title: str = ""
