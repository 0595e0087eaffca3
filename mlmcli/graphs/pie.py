"""``graph pie``: slices as ``wedge`` series of a ``Graph`` (one panel, or one per ``by()`` group).

Slice k of values v_1 ... v_K (the sums of the variables, or of one variable, or the counts, in
each ``over()`` group) takes the angle 360 v_k / sum v; the first starts at ``angle0`` degrees
(default 90: 12 o'clock) and the slices follow clockwise (``noclockwise``: counterclockwise).
Slices of zero or negative total are left out, as they have no angle, unless ``keep_zero``
(``by()``, ``allcategories``): then they stay as slices of no angle, drawn as nothing but keyed
in the legend, so that slice k is the same category in every pie.  A slice's colour is its
plot style's (p1, p2 ... as Stata's pie styles, restarting after ``pcycle()`` of them).

Sizes on the pie are Stata's relative sizes (percent of the graph's smaller side); the pie's
radius counts ``RADIUS_UNITS`` of them, the radius Stata's pie has in its 5.5 x 4 inch graph with
the legend under it (about 1.5 inches), so that ``explode``'s default 3.8 is a tenth of the
radius.  ``explode(size)`` moves a slice out along its middle angle by that size;
``plabel()`` labels sit at two thirds of the radius plus ``gap()`` on the middle angle;
``ptext(#a #r "text")`` places text at angle #a (degrees, counterclockwise from 3 o'clock, as
``angle0()``) and distance #r from the centre.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from mlmcli.graphs.look_options import UNIT_PT
from mlmcli.graphs.spec import Series, TextBox
from mlmcli.ols import depvar_scale

RADIUS = 1.0
RADIUS_UNITS = 38.0   # the pie's radius in relative-size units
EXPLODE_UNITS = 3.8   # explode without a size ([G-2] graph pie: relativesize = 3.8)


def radius_share(points: float) -> float:
    """A size in points as a share of the pie's radius."""
    return points / (RADIUS_UNITS * UNIT_PT)


@dataclass(frozen=True)
class SliceLabel:
    """``plabel(which what, format() gap() textbox_options)``: ``which`` 0 for ``_all``;
    ``what`` ``sum``, ``percent``, ``name`` or the text itself (``text`` True); ``gap``: a share
    of the radius further out."""

    which: int
    what: str
    text: bool = False
    format: str | None = None
    gap: float = 0.0
    size: float | None = None
    color: str | None = None
    box: tuple = ()  # textbox_options: TextBox fields (box, fill, line, pad, width ...) as pairs


def slice_angles(values: np.ndarray, angle0: float = 90.0, clockwise: bool = True
                 ) -> list[tuple[float, float]]:
    """(start, end) degrees, counterclockwise, of each slice in order."""
    total = float(np.sum(values))
    out = []
    at = angle0
    for v in values:
        sweep = 360.0 * float(v) / total
        if clockwise:
            out.append((at - sweep, at))
            at -= sweep
        else:
            out.append((at, at + sweep))
            at += sweep
    return out


def _label_text(label: SliceLabel, value: float, share: float, name: str) -> str:
    from mlmcli.render.numfmt import format_number

    if label.text:
        return label.what
    if label.what == "name":
        return name
    fmt = label.format or "%9.0g"
    if label.what == "percent":
        return format_number(100.0 * share, fmt).strip() + "%"
    return format_number(value, fmt).strip()


def pie_series(values: np.ndarray, names: list[str], *, angle0: float = 90.0, clockwise: bool = True,
               looks: dict[int, dict] | None = None, exploded: dict[int, float] | None = None,
               labels: list[SliceLabel] = (), line: dict | None = None, keep_zero: bool = False,
               cycle: int | None = None) -> tuple[list[Series], list[TextBox]]:
    """The wedges of the slices (``looks``/``exploded``: by 1-based slice number, their
    ``color`` and the distance out as a share of the radius) and the ``plabel()`` texts.
    Without ``keep_zero`` only the slices with positive values, numbered among themselves."""
    values = np.asarray(values, float)
    positive = [bool(np.isfinite(v) and v > 0) for v in values]
    keep = [k for k in range(len(values)) if keep_zero or positive[k]]
    top = depvar_scale(np.where(positive, values, 0.0))  # slices near 1e307: shares of values / 2^j (exact)
    shown = np.where(positive, values, 0.0)[keep] / top
    angles = slice_angles(shown, angle0, clockwise) if shown.sum() > 0 else [(angle0, angle0)] * len(keep)
    total = float(shown.sum())
    series, texts = [], []
    for j, (k, (start, end)) in enumerate(zip(keep, angles), start=1):
        middle = np.deg2rad((start + end) / 2)
        cx = cy = 0.0
        if positive[k] and j in (exploded or {}):
            cx, cy = exploded[j] * np.cos(middle), exploded[j] * np.sin(middle)
        fields = dict((looks or {}).get(j, {}))
        fields.update(line or {})
        style = (j - 1) % cycle + 1 if cycle else j
        series.append(Series("wedge", np.array([start, end]), np.array([cx, cy, RADIUS]), label=names[k],
                             style=style, **fields))
        if not positive[k]:
            continue
        for label in labels:
            if label.which not in (0, j):
                continue
            reach = RADIUS * (2.0 / 3.0 + label.gap)
            texts.append(TextBox(cx + reach * np.cos(middle), cy + reach * np.sin(middle),
                                 _label_text(label, float(values[k]), float(values[k]) / top / total, names[k]),
                                 size=label.size, color=label.color, **dict(label.box)))
    return series, texts


def polar_texts(boxes, unit_share: float) -> tuple[TextBox, ...]:
    """``ptext()``'s boxes, read as ``text()``'s with (y, x) = (angle, radius): placed at
    that angle (degrees, counterclockwise from 3 o'clock) and radius (``unit_share``: the
    share of the pie's radius one unit of it is)."""
    out = []
    for box in boxes:
        angle, reach = np.deg2rad(box.y), box.x * unit_share * RADIUS
        out.append(replace(box, x=float(reach * np.cos(angle)), y=float(reach * np.sin(angle))))
    return tuple(out)
