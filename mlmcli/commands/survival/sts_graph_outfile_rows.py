"""The rows of the graph's data for the Kaplan-Meier family (survival, failure, cumhaz):
sts.ado 8.6.0's Graph_wrk data step by step, as it stands when the ado draws its labels and
marks from it and when ``outfile()`` saves it (``graph_rows``: both read these rows, so the drawn
labels and marks are the saved rows).

- st_ct's table per group (sts_graph_st_ct: the row at time 0, the counts, with ``censored()``
  only a subject's last record censored; the net lost without enter/atrisk/censored(); atrisk's
  next n; AddSurv's s and Vh; tmin()/tmax());
- lost/enter/atrisk rebuild the rows (one row per flat part -- the failure row starting it, or
  the group's first or last row -- then a row at the midpoint to the next part's time, function
  missing, for a nonzero number lost and one for entered; ``_t`` a float there, the ado's
  ``gen newt``); ``part_s`` keeps each row's part's function (the labels' height), ``label``
  says which rows are the labels (1 lost, 2 entered);
- unless noorigin or cumhaz: a copy of each group's last row at ``_t`` = 0, its function 1 (0
  with failure) without by(); with ``separate`` every ``_t`` = 0 row gets per() (0), later
  multiplied by per() again;
- censored(): the ado's mark rows (``expw`` 2) -- single/numbered a copy of each row with
  censored records (moved range/450 right when that stays before the curve's next step),
  numbered one more copy with the function missing, multiple one copy per censored record
  (moved range/350 each) and the rows sorted by function and time;
- the function times per(); without by() (and with separate) missing before tmin().

The ado's sorts are not stable; ties (rows at equal times) keep their order here."""
from __future__ import annotations

import numpy as np

from mlmcli.commands.survival.sts_graph_st_ct import ado_next_times, take

FLOAT = np.float32


def rebuilt_for_labels(f: dict) -> dict:
    """lost/enter/atrisk: per flat part its first row, and midpoint rows for the lost and entered."""
    # (for the drawing: part_s the labels' height, their part's function; label 1 lost, 2 entered)
    f = {**f, "part_s": f["s"], "label": np.zeros_like(f["s"])}
    out = {k: [] for k in f}
    for g in np.unique(f["g"]):
        part = take(f, f["g"] == g)
        starts = part["d"] != 0
        starts[0] = starts[-1] = True  # (the ado sets _d = 1 on the group's first and last rows)
        block = np.cumsum(starts) - 1
        lost = np.bincount(block, weights=np.nan_to_num(part["cens"]))
        ent = np.bincount(block, weights=np.nan_to_num(part["ent"]))
        first = take(part, starts)
        t = first["_t"]
        tnext = np.r_[t[1:], t[-1]].astype(FLOAT).astype(float)  # gen tnext (a float)
        middle = ((t + tnext) / 2).astype(FLOAT).astype(float)
        for i in range(t.size):
            pieces = [(float(FLOAT(t[i])), first["s"][i], lost[i], 0.0)]  # (time, s, cens, ent)
            if lost[i] != 0:
                pieces.append((middle[i], np.nan, lost[i], 0.0))
            if ent[i] != 0:
                pieces.append((middle[i], np.nan, 0.0, ent[i]))
            for kind, (time, value, c, e) in enumerate(pieces):  # kind: 0 the part, 1 lost, 2 entered
                for k in out:
                    out[k].append({"_t": time, "s": value, "cens": c, "ent": e,
                                   "label": 2 if kind and e else kind}.get(k, first[k][i]))
    rows = {k: np.asarray(v, float) for k, v in out.items()}
    return take(rows, np.lexsort((rows["_t"], rows["g"])))  # sort sb _t


def with_origin(f: dict, by: bool, failure: bool, separate: bool, per: float) -> dict:
    """A copy of each group's last row at _t = 0 (flg 1); its function 1 (0) without by()."""
    last = np.flatnonzero(np.r_[f["g"][1:] != f["g"][:-1], True]) if f["g"].size else np.array([], int)
    origin = take(f, last)
    origin["_t"] = np.zeros(last.size)
    if not by:
        origin["s"] = np.full(last.size, 0.0 if failure else 1.0)
    f = {k: np.r_[f[k], origin[k]] for k in f}
    f["flg"] = np.r_[np.zeros(f["g"].size - last.size), np.ones(last.size)]
    if separate:  # the by() graph's y is s itself: every row at 0 gets 1*per (0)
        f["s"] = np.where(f["_t"] == 0, 0.0 if failure else per, f["s"])
    return f


def with_censor_marks(f: dict, kind: str) -> dict:
    """censored(single|number|multiple)'s extra rows (kind: single, number, multiple)."""
    f = dict(f)
    f.setdefault("flg", np.zeros(f["g"].size))
    mins = 1.0 - f["s"]
    f = take(f, np.lexsort((f["_t"], mins, f["g"])))  # sort sb mins _t
    f["nextt"] = np.empty_like(f["_t"])  # by sb mins (_t): nextt[_N] (inf: none)
    for g in np.unique(f["g"]):
        on = f["g"] == g
        f["nextt"][on] = ado_next_times(f["_t"][on], f["s"][on])
    span = float(f["_t"].max() - f["_t"].min()) if f["_t"].size else 0.0
    adjd = span / (350.0 if kind == "multiple" else 450.0)
    marked = (f["cens"] > 0) & np.isfinite(f["cens"]) & (f["flg"] != 1)
    copies = np.repeat(np.flatnonzero(marked), f["cens"][marked].astype(int) if kind == "multiple" else 1)
    f = {k: np.r_[v, v[copies]] for k, v in f.items()}
    f["expw"] = np.r_[np.full(f["g"].size - copies.size, np.inf), np.full(copies.size, 2.0)]
    f = take(f, np.lexsort((f["expw"], _missing_last(f["s"]), f["_t"], f["g"])))  # sort sb _t s expw
    new = np.r_[True, (f["g"][1:] != f["g"][:-1]) | (f["_t"][1:] != f["_t"][:-1])]
    position = np.arange(f["g"].size) - np.maximum.accumulate(np.where(new, np.arange(new.size), 0)) + 1
    before_next = lambda t: t <= f["nextt"]  # noqa: E731
    copy = f["expw"] == 2
    if kind == "multiple":
        moved = copy & before_next(f["_t"] + adjd * position)
        back = copy & ~moved & (f["_t"] - adjd * position >= f["_t"])  # (only when adjd is 0)
        f["_t"] = np.where(moved, f["_t"] + adjd * position, np.where(back, f["_t"] - adjd * position, f["_t"]))
        return take(f, np.lexsort((f["expw"], f["_t"], _missing_last(f["s"]))))  # sort s _t expw
    strict = f["_t"] + adjd < f["nextt"]
    f["_t"] = np.where(copy & (position == 1) & strict, f["_t"] + adjd, f["_t"])
    if kind == "number":  # a second copy of each, its function missing (the count's row)
        again = np.flatnonzero(copy)
        f = {k: np.r_[v, v[again]] for k, v in f.items()}
        f["s"][f["g"].size - again.size:] = np.nan
    return f


def _missing_last(values):
    return np.where(np.isnan(values), np.inf, values)


def graph_rows(session, choice, opts, drawn, by: bool, group_list, weights, tmin, tmax):
    """(the graph's rows, the storage types the ado's steps give them: {"_t": type}) of the
    Kaplan-Meier family: what Graph_wrk draws its labels and marks from and ``outfile()`` saves.
    No rows at all: None."""
    from mlmcli.commands.survival import sts_graph_st_ct as st_ct

    statistic, stored = choice.statistic, {}
    mode = {"lost": drawn.lost, "enter": drawn.enter, "atrisk": drawn.atrisk, "censored": bool(drawn.censored)}
    f = st_ct.km_frame(st_ct.group_records(session, group_list, weights), statistic, mode, tmin, tmax)
    if drawn.lost or drawn.atrisk:
        f = rebuilt_for_labels(f)
        stored["_t"] = "float"
    elif drawn.censored and session.data.types.get("_t") in ("byte", "int", "long"):
        # replace _t = _t + adjd promotes an integer _t: byte and int to a float, long to a double
        stored["_t"] = "double" if session.data.types["_t"] == "long" else "float"
    if not f["g"].size:
        return None, stored
    if not (opts.get("noorigin") or statistic == "cumhaz"):
        f = with_origin(f, by, statistic == "failure", choice.separate, choice.per)
    if drawn.censored:
        f = with_censor_marks(f, drawn.censored)
    return times_per(f, choice, by, tmin), stored


def times_per(f: dict, choice, by: bool, tmin) -> dict:
    """The function times per(); without by() (and with separate) missing before tmin() (the
    plotted y is s itself)."""
    f["s"] = f["s"] * choice.per
    if (choice.separate or not by) and np.isfinite(tmin):
        f["s"] = np.where(f["_t"] < tmin, np.nan, f["s"])
    return f
