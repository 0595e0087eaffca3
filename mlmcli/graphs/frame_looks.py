"""The looks of a graph's frame, part of the spec (``spec.py`` re-exports them): where and how
each title element is drawn (``TitleLook``) and the legend's layout (``LegendLook``).  Pure
data; fields are only ever added, never renamed (``graph use`` files depend on them)."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TitleLook:
    """Where and how one title element is drawn (the textbox suboptions of ``title()``,
    ``subtitle()``, ``note()``, ``caption()``, ``xtitle()``/``ytitle()``, ``l1title()`` ...).

    ``element``: ``title``, ``subtitle``, ``note``, ``caption``, ``xtitle``, ``ytitle``,
    ``ytitle2`` (the second y axis) or a side title; ``position``: clock position (None:
    the element's own: title and subtitle 12, note and caption 7); ``ring``: 0 puts it
    inside the plot region, higher rings further out (None: title 7, subtitle 6, caption
    5, note 4); ``span``: centred on the whole graph, not the plot region;
    ``justification`` ``left``/``center``/``right`` and ``alignment``
    ``top``/``middle``/``bottom``/``baseline`` of the text; ``orientation`` (degrees, None:
    the element's own);
    ``box`` with ``fill``/``line`` colours, ``line_width`` and ``line_pattern``; ``margin``: (left, right,
    bottom, top) space around the text in points; ``linegap``: points between lines;
    ``width``/``height``: the box's size in points (the text inside it by ``justification``),
    ``bexpand``: the box as wide as the plot region (the graph with ``span``).
    """

    element: str
    position: int | None = None
    ring: int | None = None
    span: bool = False
    justification: str | None = None
    alignment: str | None = None
    orientation: float | None = None
    box: bool = False
    fill: str | None = None
    line: str | None = None
    line_width: float | None = None
    margin: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)
    linegap: float | None = None
    width: float | None = None
    height: float | None = None
    bexpand: bool = False
    line_pattern: str | None = None


@dataclass(frozen=True)
class LegendLook:
    """The legend's layout beyond its keys (``legend()`` suboptions), sizes in points.

    ``span``: centred on the whole graph (default: on the plot region); ``symxsize``/
    ``symysize``: key symbol width/height; ``keygap``: symbol to text; ``rowgap``/
    ``colgap``: between rows/columns; ``textwidth``: key texts wrapped to this width;
    ``margin``: inside the legend's box, ``bmargin``: around it (left, right, bottom,
    top); ``bexpand``: the box takes the whole width; ``justification``: of the key
    texts; ``box``: False draws no frame (``nobox``); ``textfirst``: text before symbol;
    ``holes``: key positions left empty; ``color``: of the key texts; ``subtitle``: under
    the legend's title; ``note``/``caption``: under its keys (smaller, the caption last);
    ``bplacement``: compass placement inside the plot region
    (``ring(0)``); ``all``: keys for every series, also those without one by default;
    ``stack``: each key's symbol above its text; ``symplacement``: the compass direction of
    the symbol inside its key's space (``symxsize`` x ``symysize``); ``at``: the cell of a
    ``by()`` trellis (numbered as ``holes()`` numbers them) the legend is drawn in.
    ``edge_width``/``edge_pattern``/``edge_align``: ``region(lwidth() lpattern() lalign())``,
    the frame's width (points), dash pattern and where its stroke lies on the box's edge.
    ``width``: ``legend(width())``, the box this wide (points; textbox_options).
    ``forcesize``: the keys' text takes ``textwidth()`` even when shorter (Stata otherwise
    fits the width to the text).
    """

    span: bool = False
    symxsize: float | None = None
    symysize: float | None = None
    keygap: float | None = None
    rowgap: float | None = None
    colgap: float | None = None
    textwidth: float | None = None
    margin: tuple[float, float, float, float] | None = None
    bmargin: tuple[float, float, float, float] | None = None
    bexpand: bool = False
    justification: str | None = None
    box: bool = True
    textfirst: bool = False
    holes: tuple[int, ...] = ()
    color: str | None = None
    subtitle: str = ""
    note: str = ""
    caption: str = ""
    bplacement: str | None = None
    all: bool = False
    stack: bool = False
    symplacement: str | None = None
    at: int | None = None
    edge_width: float | None = None
    edge_pattern: str | None = None
    edge_align: str | None = None
    forcesize: bool = False
    width: float | None = None  # legend(width()): the box's width in points (a textbox option)
