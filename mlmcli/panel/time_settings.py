"""What ``tsset``/``xtset`` compute about a time variable (tsset.ado 7.4.7, its Mata
helpers ``_TS_p_delta`` and ``_TS_p_delta2str``): the time unit of a display format, the
``delta()`` option read in that unit, its words ("1 unit", "3 days", "2 weeks"), Stata's
``%21x`` text of delta kept in ``_dta[_TSdelta]``, and the range, gaps and balance of the
data; and what a dataset's characteristics say tsset/xtset set (``panel_setting``,
``time_setting``, ``time_structure``: what the time-series operators need).  Pure
computation: the command (commands/data/panel_settings.py) prints.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

import numpy as np

from mlmcli.errors import StataError

# tsset's time-scale options and the format each sets (tsset.ado: "%t" + first letter)
PERIOD_FORMATS = {"daily": "%td", "weekly": "%tw", "monthly": "%tm", "quarterly": "%tq",
                  "halfyearly": "%th", "yearly": "%ty", "generic": "%tg", "clocktime": "%tc"}
UNIT_PERIODS = {"c": "clocktime", "C": "clocktime", "g": "generic", "d": "daily", "w": "weekly",
                "m": "monthly", "q": "quarterly", "h": "halfyearly", "y": "yearly"}
_UNIT_WORDS = {"g": "unit", "d": "day", "w": "week", "m": "month", "q": "quarter",
               "h": "halfyear", "y": "year", "b": "day"}
# delta()'s unit words (each also singular / short) and their case number in _TS_p_delta
_DELTA_WORDS = {"seconds": 1, "secs": 1, "second": 1, "sec": 1, "minutes": 2, "mins": 2,
                "minute": 2, "min": 2, "hours": 3, "hour": 3, "days": 4, "day": 4, "weeks": 5,
                "week": 5, "months": 6, "month": 6, "quarters": 7, "quarter": 7,
                "halfyears": 8, "halfyear": 8, "years": 9, "year": 9}
_CLOCK_MS = {1: 1000, 2: 60000, 3: 3600000, 4: 86400000, 5: 604800000}
_UNIT_CASE = {"w": 5, "m": 6, "q": 7, "h": 8, "y": 9}


def format_unit(fmt: str) -> str:
    """The time unit of a display format: ``%tq`` -> "q", ``%d...`` -> "d", else "g" -- tsset.ado's
    reading of the format's second and third characters, so ``%-td`` and ``%-d`` are generic."""
    if fmt[1:2] == "t" and len(fmt) > 2:
        return fmt[2]
    return "d" if fmt[1:2] == "d" else "g"


def parse_delta(text: str, unit: str, evaluate=float) -> float:
    """``delta()``'s argument in time units: ``2``, ``(7*24)``, ``1 week``, ``3 days``,
    ``1 hour + 30 minutes`` (for %tc).  ``evaluate`` reads a parenthesised expression."""
    tokens = [t for t in re.split(r"(\s+|\+|\(|\))", text) if t and not t.isspace()]
    if not tokens:
        return 1.0
    total, i = 0.0, 0
    while i < len(tokens):
        if tokens[i] == "+":
            i += 1
            continue
        if tokens[i] == "(":
            depth, j = 1, i + 1
            while j < len(tokens) and depth:
                depth += {"(": 1, ")": -1}.get(tokens[j], 0)
                j += 1
            value = evaluate("".join(tokens[i + 1:j - 1]))
            i = j
        else:
            try:
                value = float(tokens[i])
            except ValueError:
                raise StataError(f"invalid argument in delta(): {text}", 198) from None
            i += 1
        case = _DELTA_WORDS.get(tokens[i]) if i < len(tokens) else None
        if i < len(tokens) and tokens[i] not in ("+",) and case is None:
            raise StataError(f"invalid argument in delta(): {text}", 198)
        if case:
            value = _in_units(value, case, unit, text)
            i += 1
        if value is None or math.isnan(value):
            raise StataError(f"invalid argument in delta(): {text}", 198)
        total += value
    if math.isnan(total):
        raise StataError(f"delta({text}) evaluates to a missing value", 198)
    if abs(total) < 2.220446049250313e-16:
        raise StataError(f"delta({text}) evaluates to zero", 198)
    if total < 0:
        raise StataError(f"delta({text}) evaluates to a negative number", 198)
    if total != math.floor(total):
        raise StataError(f"delta({text}) evaluates to a noninteger value", 198)
    return total


def _in_units(value: float, case: int, unit: str, text: str) -> float:
    bad = StataError(f"option delta({text}) invalid for %t{unit} time variable", 198)
    if unit in "cC":
        if case not in _CLOCK_MS:
            raise bad
        return value * _CLOCK_MS[case]
    if unit == "d":
        if case not in (4, 5):
            raise bad
        return value * (7 if case == 5 else 1)
    if _UNIT_CASE.get(unit) != case:
        raise bad
    return value


def delta_words(delta: float, unit: str) -> str:
    """``_TS_p_delta2str``: "1 unit", "2 quarters", and for %tc weeks ... seconds."""
    s = "s" if delta > 1 else ""
    if unit in _UNIT_WORDS:
        return f"{_number(delta)} {_UNIT_WORDS[unit]}{s}"
    parts = []
    for ms, word in ((604800000, "week"), (86400000, "day"), (3600000, "hour"), (60000, "minute")):
        k = math.trunc(delta / ms)
        if k > 0:
            parts.append(f"{k} {word}{'s' if k > 1 else ''}")
            delta -= ms * k
    if delta / 1000 > 0:
        sec = delta / 1000
        parts.append(f"{_number(sec)} second{'s' if sec != 1 else ''}")
    return " ".join(parts)


def _number(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else repr(float(x))


def hex21(value: float) -> str:
    """Stata's ``%21x`` of a number: 1 -> "+1.0000000000000X+000", 7 -> "+1.c000000000000X+002"."""
    mantissa, _, exponent = float(value).hex().replace("0x", "").partition("p")
    sign = "-" if mantissa.startswith("-") else "+"
    mantissa = mantissa.lstrip("-")
    head, _, frac = mantissa.partition(".")
    return f"{sign}{head}.{frac.ljust(13, '0')}X{int(exponent):+04d}"


def from_hex21(text) -> float:
    """The number of a ``%21x`` text (or a plain number) kept in ``_dta[_TSdelta]``; 1 when
    unreadable."""
    s = str(text or "").strip()
    m = re.fullmatch(r"([+-]?)([0-9a-fA-F])\.([0-9a-fA-F]*)X([+-]\d+)", s)
    try:
        if m:
            return float.fromhex(f"{m[1]}0x{m[2]}.{m[3] or '0'}p{int(m[4])}")
        return float(s) if s else 1.0
    except ValueError:
        return 1.0


@dataclass(frozen=True)
class TimeLayout:
    """The range, gaps and balance of panel/time data as tsset's Query reports them."""
    tmin: float
    tmax: float
    gaps: int                   # observations whose step from the previous one is not delta
    balance: str | None         # "strongly balanced", "weakly balanced", "unbalanced"; None: no panel
    imin: float | None = None
    imax: float | None = None


def check_times(panel, time, delta: float, force: bool) -> None:
    """tsset's checks: integer times, no repeats within panel, no step shorter than delta."""
    t = np.asarray(time, float)
    ok_t = ~np.isnan(t)
    if np.any(t[ok_t] != np.floor(t[ok_t])):
        raise StataError("time variable must contain only integer values", 451)
    steps = _steps(panel, t)
    if steps.size and np.nanmin(steps) == 0:
        raise StataError("repeated time values within panel" if panel is not None
                         else "repeated time values in sample", 451)
    if not force and steps.size and np.nanmin(steps) < delta:
        raise StataError("time values with period less than delta() found", 451)


def _order(panel, t) -> np.ndarray:
    p = np.zeros(len(t)) if panel is None else np.asarray(panel, float)
    return np.lexsort((np.nan_to_num(t, nan=np.inf), np.nan_to_num(p, nan=np.inf)))


def _steps(panel, t) -> np.ndarray:
    """t[_n+1] - t within panel (rows in panel, time order; missing ends dropped)."""
    p = np.zeros(len(t)) if panel is None else np.asarray(panel, float)
    o = _order(panel, t)
    ps, ts = p[o], t[o]
    same = (ps[1:] == ps[:-1]) & ~np.isnan(ps[1:])
    d = (ts[1:] - ts[:-1])[same]
    return d[~np.isnan(d)]


def time_layout(panel, time, delta: float) -> TimeLayout:
    """tsset.ado's Query: r(tmin), r(tmax), the gap count and the panel balance."""
    t = np.asarray(time, float)
    o = _order(panel, t)
    ts = t[o]
    if panel is None:
        d = ts[1:] - ts[:-1]
        gaps = int(np.sum((d != delta) & ~np.isnan(ts[1:])))
        seen = ts[~np.isnan(ts)]
        return TimeLayout(float(seen[0]) if seen.size else math.nan,
                          float(seen[-1]) if seen.size else math.nan, gaps, None)
    p = np.asarray(panel, float)
    ps = p[o]
    d = ts[1:] - ts[:-1]
    gaps = int(np.sum((d != delta) & ~np.isnan(ts[1:]) & (ps[1:] == ps[:-1])))
    inpanel = ~np.isnan(p)
    tp = t[inpanel & ~np.isnan(t)]
    ids, counts = np.unique(p[inpanel], return_counts=True)
    balance = "unbalanced"
    if counts.size and np.all(counts == counts[0]) and not np.any(np.isnan(t[inpanel])):
        _, per_time = np.unique(tp, return_counts=True)
        balance = "strongly balanced" if np.all(per_time == ids.size) else "weakly balanced"
    return TimeLayout(float(tp.min()) if tp.size else math.nan, float(tp.max()) if tp.size else math.nan,
                      gaps, balance, float(ids.min()) if ids.size else None,
                      float(ids.max()) if ids.size else None)


def time_range_lines(name: str, t0s: str, t1s: str, gaps: int) -> list[str]:
    """The text after "time variable:  ", broken as tsset.ado breaks it (each line < 53)."""
    lines = [f"{name},"]

    def add(piece: str, sep: str = " ") -> None:
        if len(lines[-1]) + len(piece) < 53:
            lines[-1] = lines[-1] + sep + piece
        else:
            lines.append(piece)

    add(t0s)
    if len(lines[-1]) + 3 < 53:
        lines[-1] += " to"
    else:
        lines.append("to")
    add(t1s)
    if gaps:
        note = "but with a gap" if gaps == 1 else "but with gaps"
        if len(lines[-1]) + len(", " + note) < 53:
            lines[-1] += ", " + note
        else:
            lines.append(note)
    return lines


# the dataset characteristics xtset/tsset record (Stata's, then the older names)
PANEL_KEYS = ("_TSpanel", "iis", "xt_panelvar")
TIME_KEYS = ("_TStvar", "tis", "xt_timevar")


def _setting(ds, keys) -> str | None:
    for key in keys:
        name = ds.chars.get(key)
        if name and str(name).strip() in ds.varnames:
            return str(name).strip()
    return None


def panel_setting(ds) -> str | None:
    """The panel variable ``xtset``/``tsset`` recorded (or a Stata file carried), or None."""
    return _setting(ds, PANEL_KEYS)


def time_setting(ds) -> str | None:
    """The time variable ``xtset``/``tsset`` recorded (or a Stata file carried), or None."""
    return _setting(ds, TIME_KEYS)


def time_structure(ds) -> tuple[np.ndarray | None, np.ndarray, float]:
    """(panel values or None, time values, delta) of a ``tsset`` dataset, for the
    time-series operators (one period is delta time units); without a time variable
    Stata's r(111)."""
    tvar = time_setting(ds)
    if tvar is None:
        raise StataError("time variable not set, use tsset varname ...", 111)
    panel = panel_setting(ds)
    return (ds.numeric(panel) if panel else None), ds.numeric(tvar), from_hex21(ds.chars.get("_TSdelta"))
