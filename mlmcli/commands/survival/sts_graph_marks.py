"""The numbers and marks ``sts graph`` writes on its curves (Stata's sts.ado, Graph_wrk):

- ``lost`` (``lostopts()``): above each flat part of the curve, the number lost in it --
  censored minus entered, or with ``enter`` the number censored;
- ``enter``: also the number entering, beneath each flat part;
- ``atrisk`` (``atriskopts()``): beneath each flat part, the number at risk after the failure
  that begins it;
- ``censored(number)``: the number censored above each hash mark; ``censored(multiple)``: one
  hash mark per censored record, side by side.

The ado's way: st_ct's table per group (a row per time something happens); without ``enter``
or ``atrisk`` the net lost (censored - entered, after time 0) and rows with no failure and none
lost dropped; with ``atrisk`` a failure row's "entered" is the next row's number at risk.  Rows
are gathered into flat parts, each from a failure (or the group's first or last row) up to the
next, their counts summed; each count is a ``scatter`` label (``msymbol(none) mlabposition(0)
pstyle(p1)``) at the middle of its flat part, (max - min)/30 of the plotted function above
(lost) or below (entered, at risk) the curve.  Counts of 0 are not written."""
from __future__ import annotations

import numpy as np

from mlmcli.ast import Option
from mlmcli.commands.survival.sts_graph_parts import plot_call  # (one plot_call, shared with the curves)


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


def censor_number(km, values, k: int, tmin: float, tmax: float, cumhaz: bool, spread: float, censopts):
    """``censored(number)``: the count above each hash mark, at the mark's top (.02 above the
    curve, or the range/45 of the cumulative hazard) with ``mlabposition(12) mlabcolor(black)``."""
    at = (km.censored > 0) & (km.time >= tmin) & (km.time <= tmax)
    if not at.any():
        return {}, {}, []
    lift = spread / 45.0 if cumhaz else 0.02
    cols = {f"_cnx{k}": km.time[at], f"_cny{k}": values[at] + lift}
    strings = {f"_cnn{k}": [label_text(c) for c in km.censored[at]]}
    base = (Option("msymbol", "none"), Option("mlabel", f"_cnn{k}"), Option("mlabposition", "12"),
            Option("mlabcolor", "black"))
    return cols, strings, [plot_call("scatter", f"_cny{k} _cnx{k}", k, _without_mlabel(censopts), None, base)]


def multiple_marks(km, values, span: float, tmin: float, tmax: float):
    """``censored(multiple)``: (x, y) of one hash mark per censored record; the j-th of a time's
    marks (range of analysis time)/350 * j to the right of it while that stays within its flat
    part (before the next time the curve moves), else at the time itself."""
    at = np.flatnonzero((km.censored > 0) & (km.time >= tmin) & (km.time <= tmax))
    adjd = span / 350.0
    moves = np.flatnonzero(np.r_[np.diff(values) != 0, False])  # rows after which the curve changes
    xs, ys = [], []
    for i in at:
        later = moves[moves >= i]
        nextt = km.time[later[0] + 1] if later.size else np.inf
        for j in range(1, int(round(km.censored[i])) + 1):
            x = km.time[i] + adjd * j
            xs.append(x if x <= nextt else km.time[i])
            ys.append(values[i])
    return np.array(xs, float), np.array(ys, float)


def _without_mlabel(text):
    """censopts() without ``mlabel()``, which the manual does not allow there."""
    if not text:
        return text
    from mlmcli.errors import StataError
    from mlmcli.syntax.options import read_options

    if any(o.name.lower().startswith("mlabe") and o.name.lower() in ("mlabel", "mlabe") for o in read_options(text)):
        raise StataError("option mlabel() not allowed", 198)
    return text
