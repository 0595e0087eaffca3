"""st_ct's table as sts.ado 8.6.0's Graph_wrk builds it (st_ct.ado 6.1.1), the one table that
``sts graph``'s labels, censoring marks and ``outfile()`` all read:

- per group a row at every time a record ends or begins, time 0 too when records enter there
  (Pop, the number at risk, 0 on that row): n at risk, d failures, c censored, e entering;
- with ``censored()`` the ado asks st_ct for RCens instead of Cens: c counts only a subject's
  last record (``lstid``: the last of its id() by _t), so a subject's intermediate records,
  which end where its next one begins, are no censoring;
- without enter/atrisk/censored(): c = c - e after time 0 and rows with no failure and none
  lost dropped; with atrisk a failure row's e is the next row's n (across groups, as the ado
  reads ``n[_n+1]``);
- AddSurv's s = prod(1 - d/n) (1 - s for the failure function, sum d/n for the cumulative
  hazard), Vh = d/n^2 -- ``survival.kaplan_meier``'s hazard_steps/product_limit, the numbers of
  sts list's table on these rows; then tmin()/tmax() drop rows.

What Graph_wrk does with these rows next (the labels' flat parts, the origin rows, the marks'
copies) is sts_graph_outfile_rows."""
from __future__ import annotations

import numpy as np

from mlmcli.survival.kaplan_meier import hazard_steps, product_limit


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


def group_records(session, group_list, weights):
    """(_t0, _t, _d, weight, last record of its id) per group."""
    from mlmcli.commands.data.survival_settings import require_st
    from mlmcli.commands.survival.sts import st_columns

    id_var = require_st(session.data).id
    out = []
    for _, _, mask in group_list:
        t0, t, d = st_columns(session, mask)
        w = np.ones(t.size) if weights is None else np.asarray(weights, float)[mask]
        ids = session.data.df[id_var].to_numpy()[mask] if id_var else None
        out.append((t0, t, d, w, last_records(ids, t)))
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
    h, f["Vh"] = hazard_steps(f["n"], f["d"])  # sts list's steps; the rows are the ado's
    s, aalen = np.empty_like(h), np.empty_like(h)
    for g in np.unique(f["g"]):
        on = f["g"] == g
        s[on], aalen[on] = product_limit(f["n"][on], f["d"][on]), np.cumsum(h[on])
    f["s"] = aalen if statistic == "cumhaz" else (1.0 - s) if statistic == "failure" else s
    return take(f, (f["_t"] >= tmin) & (f["_t"] <= tmax))


def take(f: dict, index) -> dict:
    return {k: v[index] for k, v in f.items()}


def ado_next_times(t, v) -> np.ndarray:
    """Graph_wrk's ``nextt`` of one group: the rows sorted by 1 - v and time, each row given the
    next row's time in that order (none, inf, after the last), and every row of a run of equal v
    its run's last row's.  For the survivor function: the time the curve next moves.  For the
    failure function and the cumulative hazard, which rise, the sort puts the later parts first,
    so a part's ``nextt`` is an earlier time and only the lowest part's marks can move right (the
    ado's own sort, kept)."""
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
