"""Where the bars, boxes and dot lines of a category chart go, in what order, and how the
category axis labels them, and where their value axis ends (``reach_zero``).

Units: one bar (box, dot-line area) is 1 wide.  ``positions`` lays out up to three nested
levels: the ``per_group`` bars of a group (``step`` apart, centre to centre), the inner groups
(``gap`` between the last bar of one and the first of the next) and the outer groups (a further
``outer_gap``).  ``Over`` in the annotations is ``categorical.Over`` (not imported:
``categorical`` imports this module).
"""
from __future__ import annotations

import numpy as np


def nested_overs(overs: list) -> tuple:
    """(inner, outer, n_inner, n_outer) of at most two ``over()`` groups: the first is the
    innermost grouping, the second groups the groups; Stata's r(198) for a third."""
    from mlmcli.errors import StataError

    if len(overs) > 2:
        raise StataError("too many over() options; at most 2 allowed", 198)
    inner = overs[0] if overs else None
    outer = overs[1] if len(overs) >= 2 else None
    return inner, outer, len(inner.labels) if inner else 1, len(outer.labels) if outer else 1


def positions(n_outer: int, n_inner: int, per_group: int, gap: float, step: float = 1.0,
              outer_gap: float | None = None, present: np.ndarray | None = None) -> np.ndarray:
    """x positions: (outer, inner, k) -> position of bar k of group (outer, inner); ``step``:
    from one bar of a group to the next (1 + ``bargap()``/100); ``present``: (outer, inner)
    False for a group left out (``nofill``: its position NaN, no space kept)."""
    out = np.full((n_outer, n_inner, per_group), np.nan)
    pos = 0.0
    for o in range(n_outer):
        for i in range(n_inner):
            if present is not None and not present[o, i]:
                continue
            out[o, i, :] = pos + step * np.arange(per_group)
            pos += step * (per_group - 1) + 1 + gap
        pos += gap if outer_gap is None else outer_gap  # outer groups a little further apart
    return out


def present_groups(rows: np.ndarray, inner: Over | None, outer: Over | None, order: list[int],
                   nofill: bool) -> np.ndarray | None:
    """``nofill``: (outer, inner in ``order``) True where the two over() groups share rows."""
    if not nofill or inner is None or outer is None:
        return None
    return np.array([[bool((rows & outer.member(o) & inner.member(g)).any()) for g in order]
                     for o in range(len(outer.labels))])


def group_order(inner: Over | None, n_inner: int, key: np.ndarray | None) -> list[int]:
    """The inner groups' order: sorted by ``key`` (None: as they come), ``descending``,
    ``reverse``; the ``total`` group stays last."""
    if inner is None:
        return list(range(n_inner))
    groups = n_inner - 1 if inner.total else n_inner
    order = list(range(groups))
    if key is not None:
        order = sorted(order, key=lambda g: (np.isnan(key[g]), key[g]))
    if inner.descending:
        order = order[::-1]
    if inner.reverse:
        order = order[::-1]
    return order + ([groups] if inner.total else [])


def category_ticks(pos: np.ndarray, inner_labels: list[str] | None, outer: Over | None,
                   key: str) -> dict:
    """Panel fields for the category axis: a tick at each group's centre, labelled by the
    inner group, the outer group's label under its middle inner group."""
    if inner_labels is None:
        return {f"{key}ticks": (), f"{key}ticklabels": ()}
    n_outer, n_inner = pos.shape[0], pos.shape[1]
    labels, centers = [], []
    for o in range(n_outer):
        drawn = [i for i in range(n_inner) if np.isfinite(pos[o, i, 0])]  # nofill leaves some out
        for i in drawn:
            text = inner_labels[i]
            if outer is not None and i == drawn[(len(drawn) - 1) // 2]:
                text = f"{text}\n{outer.labels[o]}"
            labels.append(text)
            centers.append(float(pos[o, i].mean()))
    return {f"{key}ticks": tuple(centers), f"{key}ticklabels": tuple(labels)}


def yvar_ticks(pos: np.ndarray, yvar_labels: list[str] | None, inner_labels: list[str] | None,
               outer: Over | None, key: str) -> dict:
    """A tick at each bar (dot line) labelled by its yvar (``showyvars``, ``ascategory``; None:
    unlabelled, a dot chart's ``linegap()`` lines); the group's label (and the outer group's) on
    the lines under the group's middle bar."""
    labels, centers = [], []
    n_outer, n_inner, per_group = pos.shape
    for o in range(n_outer):
        drawn = [i for i in range(n_inner) if np.isfinite(pos[o, i, 0])]  # nofill leaves some out
        for i in drawn:
            for j in range(per_group):
                lines = [yvar_labels[j]] if yvar_labels is not None else []
                if j == (per_group - 1) // 2:
                    lines += [inner_labels[i]] if inner_labels else []
                    if outer is not None and i == drawn[(len(drawn) - 1) // 2]:
                        lines.append(outer.labels[o])
                labels.append("\n".join(lines))
                centers.append(float(pos[o, i, j]))
    return {f"{key}ticks": tuple(centers), f"{key}ticklabels": tuple(labels)}


def reach_zero(lo: float, hi: float, margin: tuple[float, float], data_range=None) -> tuple[float, float]:
    """A value axis that includes 0 (bargraph_g's ``include0``) for data all on one side of it,
    such as a dot chart's markers: the axis starts at 0 and the room at its far end is
    ``margin``'s fraction of the range from 0, as a bar chart's (whose bars reach 0): dot
    charts have the bar charts' plot region (bargraph_g.class: plotregion style
    ``[h]bargraph`` for both), so the two look alike.  ``data_range``: the data's (min, max);
    without it, read back from ``lo``/``hi`` (the data's range widened by ``margin``)."""
    below, above = margin
    if data_range is not None:
        raw_lo, raw_hi = data_range
    else:
        span = (hi - lo) / (1.0 + below + above)
        raw_lo, raw_hi = lo + below * span, hi - above * span
    if raw_lo <= 0.0 <= raw_hi:
        return lo, hi
    if raw_lo > 0.0:
        return 0.0, raw_hi * (1.0 + above)
    return raw_lo * (1.0 + below), 0.0
