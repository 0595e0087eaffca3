"""The rows sts list shows, as sts.ado's List builds them from st_ct's collapsed data: a row at
every time where a record begins or ends (time 0 too), its number at risk (Beg. Total), failures,
censored and entering; without ``enter`` Lost is censored minus entered and rows with no failure
and no net loss are dropped.  The function (survivor, failure, Nelson-Aalen) with its standard
error and interval at each row; at() (Listat), compare (Licompu) and at(#)'s grid (Reat) read
these rows.  Numbers in, numbers out."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class ListingTable:
    time: np.ndarray
    at_risk: np.ndarray
    failed: np.ndarray
    lost: np.ndarray       # censored - entered (net), or censored with enter
    entered: np.ndarray
    value: np.ndarray      # S, 1 - S or H
    se: np.ndarray
    lower: np.ndarray
    upper: np.ndarray


def listing_table(t0, t, d, w, level: float, function: str, enter: bool) -> ListingTable:
    """One group's rows (module docstring); function: survival, failure or na."""
    from mlmcli.survival.kaplan_meier import kaplan_meier, nelson_aalen

    t0, t, d = (np.asarray(a, float) for a in (t0, t, d))
    w = np.ones_like(t) if w is None else np.asarray(w, float)
    km = kaplan_meier(t0, t, d, w, level)
    if function == "na":
        value, se, lower, upper = nelson_aalen(km, level)
        first = (0.0, 0.0, np.nan, np.nan)     # H = 0 and sqrt(0) at time 0
    elif function == "failure":
        value, se, lower, upper = 1.0 - km.survival, km.std_error, 1.0 - km.upper, 1.0 - km.lower
        first = (0.0, np.nan, np.nan, np.nan)
    else:
        value, se, lower, upper = km.survival, km.std_error, km.lower, km.upper
        first = (1.0, np.nan, np.nan, np.nan)
    columns = [km.time, km.at_risk, km.failed, km.censored, km.entered, value, se, lower, upper]
    at_zero = float(w[t0 == 0].sum())
    if at_zero:  # st_ct's row at time 0: nobody at risk yet, the records entering there
        columns = [np.r_[v, c] for v, c in zip((0.0, 0.0, 0.0, 0.0, at_zero, *first), columns)]
    time, n, f, cens, ent, value, se, lower, upper = columns
    lost = cens if enter else cens - ent
    keep = np.ones(time.size, bool) if enter else (f != 0) | (lost != 0)
    return ListingTable(*(c[keep] for c in (time, n, f, lost, ent, value, se, lower, upper)))


def grid(tables, count: int) -> list[float]:
    """at(#) (and compare's default at(10)): Reat's times from int(tmin) by (tmax - tmin)/(# - 2)
    (whole when at least 1) until past tmax, over every group's rows (tmin: the first nonzero time)."""
    times = np.concatenate([tab.time for tab in tables])
    tmin, tmax = float(times[times != 0].min()), float(times.max())
    steps = max(count - 2, 1)
    dt = (tmax - tmin) / steps
    if dt >= 1:
        dt = float(int(dt))
    v = float(int(tmin))
    out = []
    while v < tmax and dt > 0 and len(out) < 10000:
        out.append(v)
        v += dt
    out.append(v)
    return out


def at_rows(table: ListingTable, at, function: str) -> list[tuple]:
    """Listat's rows: the row in effect at each time (the last row at or before it): its Beg.
    Total, the failures since the previous at() time's row, its function; before every row 0, 0
    and 1 (0 for the failure function); after the last row its Beg. Total and missing values."""
    cumulative = np.cumsum(table.failed)
    out, last_fail = [], 0.0
    for u in at:
        i = int(np.searchsorted(table.time, u, side="right")) - 1
        if i < 0:
            out.append((u, 0.0, 0.0, None, 0.0 if function == "failure" else 1.0, np.nan, np.nan, np.nan))
            continue
        fail = float(cumulative[i] - last_fail)
        last_fail = float(cumulative[i])
        if i == table.time.size - 1 and u > table.time[i]:
            out.append((u, table.at_risk[i], fail, None, np.nan, np.nan, np.nan, np.nan))
        else:
            out.append((u, table.at_risk[i], fail, None, table.value[i], table.se[i], table.lower[i], table.upper[i]))
    return out


def compare_values(table: ListingTable, at) -> list[float]:
    """Licompu's value at each time: 1 before every row, missing after the last, else the row's."""
    out = []
    for u in at:
        i = int(np.searchsorted(table.time, u, side="right")) - 1
        if i < 0:
            out.append(1.0)
        elif i == table.time.size - 1 and table.time[i] != u:
            out.append(np.nan)
        else:
            out.append(float(table.value[i]))
    return out
