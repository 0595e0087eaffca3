"""``graph pie``: slices as ``wedge`` series of a one-panel ``Graph``.

Slice k of values v_1 ... v_K (the sums of the variables, or of one variable, or the counts, in
each ``over()`` group) takes the angle 360 v_k / sum v; the first starts at ``angle0`` degrees
(default 90: 12 o'clock) and the slices follow clockwise (``noclockwise``: counterclockwise).
Slices of zero or negative total are left out, as they have no angle.  A slice's colour is its
plot style's (p1, p2 ... as Stata's pie styles); ``explode`` moves it out along its middle
angle by a tenth of the radius.  ``plabel()`` labels sit at two thirds of the radius (plus
``gap()``, in percent of the radius) on the middle angle.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mlmcli.graphs.spec import Series, TextBox

RADIUS = 1.0
EXPLODE = 0.1


@dataclass(frozen=True)
class SliceLabel:
    """``plabel(which what, format() gap() size() color())``: ``which`` 0 for ``_all``;
    ``what`` ``sum``, ``percent``, ``name`` or the text itself (``text`` True)."""

    which: int
    what: str
    text: bool = False
    format: str | None = None
    gap: float = 0.0
    size: float | None = None
    color: str | None = None


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
               looks: dict[int, dict] | None = None, exploded: set[int] = frozenset(),
               labels: list[SliceLabel] = (), line: dict | None = None
               ) -> tuple[list[Series], list[TextBox]]:
    """The wedges of the slices with positive values (``looks``/``exploded``: by 1-based slice
    number among those typed; their ``color``) and the ``plabel()`` texts."""
    values = np.asarray(values, float)
    keep = [k for k, v in enumerate(values) if np.isfinite(v) and v > 0]
    shown = values[keep]
    angles = slice_angles(shown, angle0, clockwise)
    total = float(shown.sum())
    series, texts = [], []
    for j, (k, (start, end)) in enumerate(zip(keep, angles), start=1):
        middle = np.deg2rad((start + end) / 2)
        cx = cy = 0.0
        if j in exploded:
            cx, cy = EXPLODE * np.cos(middle), EXPLODE * np.sin(middle)
        fields = dict((looks or {}).get(j, {}))
        fields.update(line or {})
        series.append(Series("wedge", np.array([start, end]), np.array([cx, cy, RADIUS]), label=names[k],
                             style=j, **fields))
        for label in labels:
            if label.which not in (0, j):
                continue
            reach = RADIUS * (2.0 / 3.0 + label.gap / 100.0)
            texts.append(TextBox(cx + reach * np.cos(middle), cy + reach * np.sin(middle),
                                 _label_text(label, float(values[k]), float(values[k]) / total, names[k]),
                                 size=label.size, color=label.color))
    return series, texts
