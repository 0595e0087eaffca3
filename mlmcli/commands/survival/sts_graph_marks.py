"""The numbers and marks ``sts graph`` writes on its curves (Stata's sts.ado, Graph_wrk):

- ``lost`` (``lostopts()``): above each flat part of the curve, the number lost in it --
  censored minus entered, or with ``enter`` the number censored;
- ``enter``: also the number entering, beneath each flat part;
- ``atrisk`` (``atriskopts()``): beneath each flat part, the number at risk after the failure
  that begins it;
- ``censored(number)``: the number censored above each hash mark; ``censored(multiple)``: one
  hash mark per censored record, side by side.

The ado's way: st_ct's table per group (a row per time something happens, time 0 included when
records enter there: ``st_rows``); without ``enter`` or ``atrisk`` the net lost (censored - entered, after time 0) and rows with no failure and none
lost dropped; with ``atrisk`` a failure row's "entered" is the next row's number at risk.  Rows
are gathered into flat parts, each from a failure (or the group's first or last row) up to the
next, their counts summed; each count is a ``scatter`` label (``msymbol(none) mlabposition(0)
pstyle(p1)``) at the middle of its flat part, (max - min)/30 of the plotted function above
(lost) or below (entered, at risk) the curve.  Counts of 0 are not written.  With ``enter`` or
``atrisk`` the row at 0 starts the first flat part, [0, first failure), whose label beneath is
the number entering at 0 (the number at risk at the start) plus the later entries in it."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mlmcli.ast import Option
from mlmcli.commands.survival.sts_graph_parts import plot_call  # (one plot_call, shared with the curves)


def st_rows(km, values: np.ndarray, start: float, tmin: float = -np.inf, tmax: float = np.inf):
    """(table, values) as Graph_wrk has st_ct's rows when it builds the labels and marks: when
    records enter at time 0, a first row there -- nobody at risk yet, no failure or loss, the
    records entering at 0 (the table's first number at risk) and the function before any failure
    (``start``: 1*per, 0 for the failure function and the cumulative hazard); then only the rows
    within tmin()/tmax() (the ado's ``drop if _t<tmin``, before its labels and marks).  The
    Kaplan-Meier table has no row at 0; Graph_wrk drops it only for ``lost`` alone (no failure,
    none lost), so with ``enter``, ``atrisk`` and ``censored()`` it starts the first flat part and
    counts in the labels' lift, the marks' time range and their order."""
    from dataclasses import fields, replace

    values = np.asarray(values, float)
    columns = [f.name for f in fields(km) if isinstance(getattr(km, f.name), np.ndarray)]
    if km.time.size and km.entry == 0:
        first = {name: np.full(1, np.nan) for name in columns}
        first.update(time=np.zeros(1), at_risk=np.zeros(1), failed=np.zeros(1), censored=np.zeros(1),
                     entered=km.at_risk[:1], survival=np.ones(1), greenwood=np.zeros(1))
        km = replace(km, **{name: np.r_[first[name], getattr(km, name)] for name in columns})
        values = np.r_[float(start), values]
    keep = (km.time >= tmin) & (km.time <= tmax)
    if keep.all():
        return km, values
    return replace(km, **{name: getattr(km, name)[keep] for name in columns}), values[keep]


def group_rows(km, mode: str, values: np.ndarray, tmin: float, tmax: float):
    """(time, failed, lost, entered, value) of a group's st_ct rows as the ado keeps them:
    ``mode`` is "net" (lost alone), "enter" or "atrisk"."""
    t, n, d = km.time, km.at_risk, km.failed
    cens, ent = km.censored.astype(float), km.entered.astype(float)
    if mode == "net":  # replace cens = cens - ent if _t; drop if _d==0 & cens==0; ent = 0
        cens = np.where(t != 0, cens - ent, cens)
        keep = (d != 0) | (cens != 0)
        t, n, d, cens, values = t[keep], n[keep], d[keep], cens[keep], values[keep]
        ent = np.zeros_like(cens)
    elif mode == "atrisk":  # replace ent = n[_n+1] if _d (the next row's number at risk)
        ent = np.where(d != 0, np.r_[n[1:], 0.0], ent)  # (the last row's: missing, summed as 0)
    keep = (t >= tmin) & (t <= tmax)
    return t[keep], d[keep], cens[keep], ent[keep], values[keep]


def flat_parts(t, d, lost, entered, values):
    """Each flat part of the curve (from a failure, or the first or last row, to the next):
    (its first time, the next part's time, value, lost summed, entered summed)."""
    if t.size == 0:
        return []
    starts = d != 0
    starts[0] = starts[-1] = True
    part = np.cumsum(starts) - 1
    first = np.flatnonzero(starts)
    lost_sum = np.bincount(part, weights=np.nan_to_num(lost))
    ent_sum = np.bincount(part, weights=np.nan_to_num(entered))
    times = t[first]
    nexts = np.r_[times[1:], times[-1]]
    return list(zip(times, nexts, values[first], lost_sum, ent_sum))


def label_text(value: float) -> str:
    """A count as ``mlabel()`` shows it (%9.0g)."""
    return f"{value:.0f}" if float(value).is_integer() else f"{value:.7g}"


def count_labels(kms, values_of, mode: str, lost: bool, entered: bool, tmin: float, tmax: float):
    """(columns, string columns, {kind: [(group, varlist, label variable)]}) of the lost and
    entered/at-risk labels of every group."""
    tables = [group_rows(km, mode, values_of(km), tmin, tmax) for km in kms]
    allv = np.concatenate([v for *_, v in tables]) if tables else np.array([])
    allv = allv[np.isfinite(allv)]
    eps = max((allv.max() - allv.min()) / 30.0, 0.0) if allv.size else 0.0
    columns, strings, plots = {}, {}, {}
    for k, table in enumerate(tables, start=1):
        for kind, on, sign, index in (("lost", lost, 1.0, 3), ("enter", entered, -1.0, 4)):
            if not on:
                continue
            rows = [(0.5 * (p[0] + p[1]), p[2] + sign * eps, p[index]) for p in flat_parts(*table)
                    if p[index] != 0]
            if not rows:
                continue
            x, y, count = (np.array(c, float) for c in zip(*rows))
            columns[f"_{kind}x{k}"], columns[f"_{kind}y{k}"] = x, y
            strings[f"_{kind}n{k}"] = [label_text(c) for c in count]
            plots.setdefault(kind, []).append((k, f"_{kind}y{k} _{kind}x{k}", f"_{kind}n{k}"))
    return columns, strings, plots


def label_plots(plots: dict, lostopts, atriskopts) -> list:
    """The scatters of the labels: lost ones first, then entered/at risk (the ado's order),
    each ``pstyle(p1)`` as the ado draws them, the typed ``lostopts()``/``atriskopts()`` last."""
    out = []
    for kind, typed in (("lost", lostopts), ("enter", atriskopts)):
        for _, varlist, label in plots.get(kind, []):
            base = (Option("msymbol", "none"), Option("mlabel", label), Option("mlabposition", "0"))
            out.append(plot_call("scatter", varlist, 1, typed, None, base))
    return out


@dataclass(frozen=True)
class CensorRows:
    """One group's rows as Graph_wrk has them when it places the censoring marks (within
    tmin()/tmax()): time, the plotted function, the number censored, the ado's ``nextt``."""

    time: np.ndarray
    value: np.ndarray
    censored: np.ndarray
    nextt: np.ndarray


def censor_rows(kms, tmin: float, tmax: float, origin):
    """([CensorRows per group], span): ``origin`` None (noorigin, the cumulative hazard), a number
    (the origin row's function without by()) or "last" (with by(): the ado's origin row is a copy
    of the group's last row); span = max - min of every group's times, the origin rows' 0 too
    (the ado's ``sum _t`` after adding them)."""
    out, every = [], []
    for km, values in kms:
        keep = (km.time >= tmin) & (km.time <= tmax)
        t, v, c = km.time[keep], values[keep], km.censored[keep]
        tt, vv = t, v
        if origin is not None and t.size:
            tt = np.r_[t, 0.0]
            vv = np.r_[v, v[-1] if origin == "last" else float(origin)]
        every.append(tt)
        out.append(CensorRows(t, v, c, ado_next_times(tt, vv)[:t.size]))
    times = np.concatenate(every) if every else np.array([])
    return out, float(times.max() - times.min()) if times.size else 0.0


def ado_next_times(t, v) -> np.ndarray:
    """Graph_wrk's ``nextt``: the rows sorted by 1 - v and time, each row given the next row's
    time in that order (none after the last), and every row of a run of equal v its run's last
    row's.  For the survivor function: the time the curve next moves.  For the failure function
    and the cumulative hazard, which rise, the sort puts the later parts first, so a part's
    ``nextt`` is an earlier time and only the lowest part's marks can move right (the ado's own
    sort, kept)."""
    t, v = np.asarray(t, float), np.asarray(v, float)
    if t.size == 0:
        return t
    order = np.lexsort((t, 1.0 - v))
    ts, ms = t[order], (1.0 - v)[order]
    following = np.r_[ts[1:], np.inf]
    run = np.r_[0, np.cumsum(ms[1:] != ms[:-1])]
    last = np.r_[np.flatnonzero(run[1:] != run[:-1]), ts.size - 1]
    out = np.empty_like(t)
    out[order] = following[last][run]
    return out


def single_marks(rows: CensorRows, span: float):
    """``censored(single|number)``: (x, y) of a hash mark at each time with a censored record,
    moved (range of analysis time)/450 to the right when that stays before ``nextt`` (the ado's
    ``replace _t = _t + adjd if ... _t + adjd < nextt``)."""
    at = rows.censored > 0
    t = rows.time[at]
    moved = t + span / 450.0
    return np.where(moved < rows.nextt[at], moved, t), rows.value[at]


def censor_number(rows: CensorRows, span: float, k: int, cumhaz: bool, spread: float, censopts):
    """``censored(number)``: the count above each hash mark, at the mark's top (.02 above the
    curve, or the range/45 of the cumulative hazard) with ``mlabposition(12) mlabcolor(black)``."""
    at = rows.censored > 0
    if not at.any():
        return {}, {}, []
    lift = spread / 45.0 if cumhaz else 0.02
    x, y = single_marks(rows, span)
    cols = {f"_cnx{k}": x, f"_cny{k}": y + lift}
    strings = {f"_cnn{k}": [label_text(c) for c in rows.censored[at]]}
    base = (Option("msymbol", "none"), Option("mlabel", f"_cnn{k}"), Option("mlabposition", "12"),
            Option("mlabcolor", "black"))
    return cols, strings, [plot_call("scatter", f"_cny{k} _cnx{k}", k, without_mlabel(censopts), None, base)]


def multiple_marks(rows: CensorRows, span: float):
    """``censored(multiple)``: (x, y) of one hash mark per censored record; the j-th of a time's
    marks (range of analysis time)/350 * j to the right of it while that stays at or before
    ``nextt``, else at the time itself."""
    adjd = span / 350.0
    xs, ys = [], []
    for i in np.flatnonzero(rows.censored > 0):
        for j in range(1, int(round(rows.censored[i])) + 1):
            x = rows.time[i] + adjd * j
            xs.append(x if x <= rows.nextt[i] else rows.time[i])
            ys.append(rows.value[i])
    return np.array(xs, float), np.array(ys, float)


# s2color's linestyle tick (the axes' ticks): black, thin
TICK_LOOK = (Option("lcolor", "black"), Option("lwidth", "thin"))


def tick_spikes(points, lift: float, censopts):
    """The censoring marks as Graph_wrk draws them: one ``rspike`` of every group's marks from
    the curve to ``lift`` above it (.02; the cumulative hazard's range/45), ``lstyle(tick)``,
    then ``censopts()``.  points: (x, y) per group.  (columns, [PlotCall]) -- none without marks."""
    from mlmcli.graphs.syntax import PlotCall
    from mlmcli.syntax.options import read_options

    x = np.concatenate([p[0] for p in points]) if points else np.array([])
    y = np.concatenate([p[1] for p in points]) if points else np.array([])
    if not x.size:
        return {}, []
    options = TICK_LOOK + (tuple(read_options(censopts)) if censopts else ())
    return {"_ctx": x, "_cty": y, "_ctu": y + lift}, [PlotCall("rspike", "_cty _ctu _ctx", None, None, options)]


def spike_lift(kms, cumhaz: bool) -> float:
    """.02 above the curve; for the cumulative hazard (max - min of its values)/45."""
    if not cumhaz:
        return 0.02
    every = np.concatenate([v for _, v in kms]) if kms else np.array([])
    every = every[np.isfinite(every)]
    return float(every.max() - every.min()) / 45.0 if every.size else 0.0


def without_mlabel(text):
    """censopts() without ``mlabel()``, which the manual does not allow there."""
    if not text:
        return text
    from mlmcli.errors import StataError
    from mlmcli.syntax.options import read_options

    if any(o.name.lower().startswith("mlabe") and o.name.lower() in ("mlabel", "mlabe") for o in read_options(text)):
        raise StataError("option mlabel() not allowed", 198)
    return text
