"""The rows ``sts graph, outfile()`` saves for the Kaplan-Meier family (survival, failure,
cumhaz): sts.ado 8.6.0's Graph_wrk data step by step, as it stands when the ado saves it.

- st_ct's table per group: a row at every time a record ends or begins (time 0 too), with n at
  risk, d failures, c censored and e entering (with ``censored()`` c counts only a subject's
  last record, st_ct's RCens); AddSurv's s = prod(1 - d/n), Vh = d/n^2, the sum d/n;
- without enter/atrisk/censored(): c = c - e after time 0 and rows with no failure and none lost
  dropped; with atrisk a failure row's e is the next row's n (across groups, as the ado reads
  ``n[_n+1]``);
- tmin()/tmax() drop rows; lost/enter/atrisk rebuild them (one row per flat part -- the
  failure row starting it, or the group's first or last row -- then a row at the midpoint to
  the next part's time, function missing, for a nonzero number lost and one for entered; ``_t``
  a float there, the ado's ``gen newt``);
- unless noorigin or cumhaz: a copy of each group's last row at ``_t`` = 0, its function 1 (0
  with failure) without by(); with ``separate`` every ``_t`` = 0 row gets per() (0), later
  multiplied by per() again;
- censored(): the ado's mark rows -- single/numbered a copy of each row with censored records
  (moved range/450 right when that stays before the curve's next step), numbered one more copy
  with the function missing, multiple one copy per censored record (moved range/350 each) and
  the rows sorted by function and time;
- the function times per(); without by() (and with separate) missing before tmin().

The ado's sorts are not stable; ties (rows at equal times) keep their order here."""
from __future__ import annotations

import numpy as np

FLOAT = np.float32


def st_counts(t0, t, d, w, last):
    """st_ct's rows of one group: (times, n, d, c, e, c of last records)."""
    times = np.unique(np.r_[t, t0])
    began = np.r_[0.0, np.cumsum(w[np.argsort(t0, kind="stable")])][np.searchsorted(np.sort(t0), times, "left")]
    ended = np.r_[0.0, np.cumsum(w[np.argsort(t, kind="stable")])][np.searchsorted(np.sort(t), times, "left")]
    at = np.searchsorted(times, t)
    fail = np.bincount(at, weights=w * (d != 0), minlength=times.size)
    cens = np.bincount(at, weights=w * (d == 0), minlength=times.size)
    real = np.bincount(at, weights=w * (d == 0) * last, minlength=times.size)
    ent = np.bincount(np.searchsorted(times, t0), weights=w, minlength=times.size)
    return times, began - ended, fail, cens, ent, real


def last_records(ids, t):
    """1 on each id's last record (st_ct's lstid), all 1 without id()."""
    if ids is None:
        return np.ones(len(t))
    out = np.zeros(len(t))
    order = np.lexsort((t, ids))
    ends = np.r_[ids[order][1:] != ids[order][:-1], True]
    out[order[ends]] = 1.0
    return out


def km_frame(groups_data, statistic: str, mode: dict, tmin, tmax) -> dict:
    """The rows up to the origin: ``groups_data`` [(t0, t, d, w, last)] per group; ``mode``
    lost/enter/atrisk/censored flags.  Columns g, _t, s, Vh, n, d, cens, ent."""
    cols = {k: [] for k in ("g", "_t", "n", "d", "cens", "ent")}
    for g, (t0, t, d, w, last) in enumerate(groups_data):
        times, n, fail, cens, ent, real = st_counts(t0, t, d, w, last)
        for k, v in (("g", np.full(times.size, g)), ("_t", times), ("n", n), ("d", fail),
                     ("cens", real if mode["censored"] else cens), ("ent", ent)):
            cols[k].append(v)
    f = {k: np.concatenate(v).astype(float) for k, v in cols.items()}
    enter_like = mode["enter"] or mode["censored"]  # (the ado sets enter for censored())
    if not enter_like and not mode["atrisk"]:
        f["cens"] = np.where(f["_t"] != 0, f["cens"] - f["ent"], f["cens"])
        f = take(f, (f["d"] != 0) | (f["cens"] != 0))
        f["ent"] = np.zeros_like(f["cens"])
    if mode["atrisk"]:
        f["ent"] = np.where(f["d"] != 0, np.r_[f["n"][1:], np.nan], f["ent"])
        if not mode["lost"]:
            f["cens"] = np.zeros_like(f["cens"])
    with np.errstate(divide="ignore", invalid="ignore"):
        h = np.where(f["n"] == 0, 0.0, f["d"] / f["n"])
        f["Vh"] = np.where(f["n"] == 0, 0.0, f["d"] / (f["n"] * f["n"]))
    s, aalen = np.empty_like(h), np.empty_like(h)
    for g in np.unique(f["g"]):
        on = f["g"] == g
        s[on], aalen[on] = np.cumprod(1.0 - h[on]), np.cumsum(h[on])
    f["s"] = aalen if statistic == "cumhaz" else (1.0 - s) if statistic == "failure" else s
    return take(f, (f["_t"] >= tmin) & (f["_t"] <= tmax))


def take(f: dict, index) -> dict:
    return {k: v[index] for k, v in f.items()}


def rebuilt_for_labels(f: dict) -> dict:
    """lost/enter/atrisk: per flat part its first row, and midpoint rows for the lost and entered."""
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
            pieces = [(float(FLOAT(t[i])), first["s"][i], lost[i], 0.0)]
            if lost[i] != 0:
                pieces.append((middle[i], np.nan, lost[i], 0.0))
            if ent[i] != 0:
                pieces.append((middle[i], np.nan, 0.0, ent[i]))
            for time, value, c, e in pieces:
                for k in f:
                    out[k].append({"_t": time, "s": value, "cens": c, "ent": e}.get(k, first[k][i]))
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
    mins = 1.0 - f["s"]
    same_g = np.r_[f["g"][1:] == f["g"][:-1], False]
    nextt = np.where(same_g, np.r_[f["_t"][1:], np.nan], np.nan)
    block_end = np.r_[(f["g"][1:] != f["g"][:-1]) | (mins[1:] != mins[:-1]), True]
    block = np.cumsum(np.r_[True, block_end[:-1]]) - 1
    f["nextt"] = nextt[np.flatnonzero(block_end)][block]  # by sb mins (_t): nextt[_N]
    span = float(f["_t"].max() - f["_t"].min()) if f["_t"].size else 0.0
    adjd = span / (350.0 if kind == "multiple" else 450.0)
    marked = (f["cens"] > 0) & np.isfinite(f["cens"]) & (f["flg"] != 1)
    copies = np.repeat(np.flatnonzero(marked), f["cens"][marked].astype(int) if kind == "multiple" else 1)
    f = {k: np.r_[v, v[copies]] for k, v in f.items()}
    f["expw"] = np.r_[np.full(f["g"].size - copies.size, np.inf), np.full(copies.size, 2.0)]
    f = take(f, np.lexsort((f["expw"], _missing_last(f["s"]), f["_t"], f["g"])))  # sort sb _t s expw
    new = np.r_[True, (f["g"][1:] != f["g"][:-1]) | (f["_t"][1:] != f["_t"][:-1])]
    position = np.arange(f["g"].size) - np.maximum.accumulate(np.where(new, np.arange(new.size), 0)) + 1
    before_next = lambda t: np.where(np.isnan(f["nextt"]), True, t <= f["nextt"])  # noqa: E731
    copy = f["expw"] == 2
    if kind == "multiple":
        moved = copy & before_next(f["_t"] + adjd * position)
        back = copy & ~moved & (f["_t"] - adjd * position >= f["_t"])  # (only when adjd is 0)
        f["_t"] = np.where(moved, f["_t"] + adjd * position, np.where(back, f["_t"] - adjd * position, f["_t"]))
        return take(f, np.lexsort((f["expw"], f["_t"], _missing_last(f["s"]))))  # sort s _t expw
    strict = np.where(np.isnan(f["nextt"]), True, f["_t"] + adjd < f["nextt"])
    f["_t"] = np.where(copy & (position == 1) & strict, f["_t"] + adjd, f["_t"])
    if kind == "number":  # a second copy of each, its function missing (the count's row)
        again = np.flatnonzero(copy)
        f = {k: np.r_[v, v[again]] for k, v in f.items()}
        f["s"][f["g"].size - again.size:] = np.nan
    return f


def _missing_last(values):
    return np.where(np.isnan(values), np.inf, values)
