"""Stata's date and time display formats ([D] datetime display formats):
``%td``, ``%tc``/``%tC``, ``%tw``, ``%tm``, ``%tq``, ``%th``, ``%ty`` with optional detail
codes, e.g. ``%tdDD/NN/CCYY`` -> ``15/01/2000``, ``%tcHH:MM`` -> ``12:30``,
``%tmMonth_CCYY`` -> ``January 2000``.

Without details each unit prints Stata's default: ``15jan2000`` (``%tdDDmonCCYY``),
``15jan2000 12:30:15`` (``%tcDDmonCCYY_HH:MM:SS``), ``2000w3``, ``2000m1``, ``2000q1``,
``2000h1``, ``2000``.

Detail codes: CC/cc century, YY/yy two-digit year, JJJ/jjj day of year, Mon/Month/mon/month
month names, NN/nn month number, DD/dd day, DAYNAME/Day/Da/day/da weekday, h half, q quarter,
WW/ww week, HH/Hh/hH/hh hour (24 and 12 hours), MM/mm minute, SS/ss second, .s/.ss/.sss
fractions, am/a.m./AM/A.M. the half of the day; ``.`` ``,`` ``:`` ``-`` ``/`` ``'`` print
themselves, ``_`` a space, ``!c`` the character c, ``+`` nothing.  An upper-case code pads
with a zero, a lower-case one does not.
"""
from __future__ import annotations

import datetime as _dt
import math

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")
_DAYS = ("Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday")
_EPOCH = _dt.datetime(1960, 1, 1)
_PERIODS = {"w": 52, "m": 12, "q": 4, "h": 2}


def _parts(value: float, unit: str) -> dict:
    """Calendar parts of an elapsed date/time in ``unit``."""
    v = math.floor(value) if unit not in "cC" else value
    ms = 0.0
    if unit == "d":
        when = _EPOCH + _dt.timedelta(days=v)
    elif unit in "cC":
        whole = math.floor(v)
        leap = False
        if unit == "C":  # %tC counts leap seconds: back to %tc, 23:59:60 kept apart
            from mlmcli.leap_seconds import leap_second_at, tc_of_tC

            leap = bool(leap_second_at(whole))
            whole = math.floor(float(tc_of_tC(whole)))
        when = _EPOCH + _dt.timedelta(milliseconds=whole)
        ms = whole % 1000
        if leap:
            parts = _calendar(when, ms)
            parts["second"] += 1
            return parts
    elif unit == "y":
        when = _dt.datetime(int(v), 1, 1)
    else:
        per = _PERIODS[unit]
        year, k = divmod(int(v), per)
        year += 1960
        if unit == "w":
            when = _dt.datetime(year, 1, 1) + _dt.timedelta(days=7 * k)
        else:
            when = _dt.datetime(year, 1 + k * (12 // per), 1)
        parts = _calendar(when, ms)
        parts.update(year=year, week=k + 1 if unit == "w" else parts["week"],
                     quarter=k + 1 if unit == "q" else parts["quarter"],
                     half=k + 1 if unit == "h" else parts["half"])
        return parts
    return _calendar(when, ms)


def _calendar(when: _dt.datetime, ms: float) -> dict:
    doy = when.timetuple().tm_yday
    return {"year": when.year, "month": when.month, "day": when.day, "doy": doy,
            "dow": (when.weekday() + 1) % 7, "week": min((doy - 1) // 7 + 1, 52),
            "quarter": (when.month - 1) // 3 + 1, "half": 1 if when.month <= 6 else 2,
            "hour": when.hour, "minute": when.minute, "second": when.second, "ms": ms}


def _hour12(p: dict) -> int:
    h = p["hour"] % 12
    return 12 if h == 0 else h


# code -> function of the parts (longest codes first when matching)
_CODES = [
    ("DAYNAME", lambda p: _DAYS[p["dow"]]),
    ("Month", lambda p: _MONTHS[p["month"] - 1]), ("month", lambda p: _MONTHS[p["month"] - 1].lower()),
    ("A.M.", lambda p: "A.M." if p["hour"] < 12 else "P.M."),
    ("a.m.", lambda p: "a.m." if p["hour"] < 12 else "p.m."),
    ("JJJ", lambda p: f"{p['doy']:03d}"), ("jjj", lambda p: str(p["doy"])),
    ("Mon", lambda p: _MONTHS[p["month"] - 1][:3]), ("mon", lambda p: _MONTHS[p["month"] - 1][:3].lower()),
    ("Day", lambda p: _DAYS[p["dow"]][:3]), ("day", lambda p: _DAYS[p["dow"]][:3].lower()),
    (".sss", lambda p: f".{int(p['ms']):03d}"), (".ss", lambda p: f".{int(p['ms']) // 10:02d}"),
    (".s", lambda p: f".{int(p['ms']) // 100}"),
    ("CC", lambda p: f"{p['year'] // 100:02d}"), ("cc", lambda p: str(p["year"] // 100)),
    ("YY", lambda p: f"{p['year'] % 100:02d}"), ("yy", lambda p: str(p["year"] % 100)),
    ("NN", lambda p: f"{p['month']:02d}"), ("nn", lambda p: str(p["month"])),
    ("DD", lambda p: f"{p['day']:02d}"), ("dd", lambda p: str(p["day"])),
    ("Da", lambda p: _DAYS[p["dow"]][:2]), ("da", lambda p: _DAYS[p["dow"]][:2].lower()),
    ("WW", lambda p: f"{p['week']:02d}"), ("ww", lambda p: str(p["week"])),
    ("HH", lambda p: f"{p['hour']:02d}"), ("Hh", lambda p: f"{_hour12(p):02d}"),
    ("hH", lambda p: str(p["hour"])), ("hh", lambda p: str(_hour12(p))),
    ("MM", lambda p: f"{p['minute']:02d}"), ("mm", lambda p: str(p["minute"])),
    ("SS", lambda p: f"{p['second']:02d}"), ("ss", lambda p: str(p["second"])),
    ("AM", lambda p: "AM" if p["hour"] < 12 else "PM"), ("am", lambda p: "am" if p["hour"] < 12 else "pm"),
    ("h", lambda p: str(p["half"])), ("q", lambda p: str(p["quarter"])),
]
_LITERALS = {".": ".", ",": ",", ":": ":", "-": "-", "/": "/", "'": "'", "_": " ", "+": ""}

DEFAULT_DETAILS = {"d": "DDmonCCYY", "c": "DDmonCCYY_HH:MM:SS", "C": "DDmonCCYY_HH:MM:SS",
                   "w": "CCYY!www", "m": "CCYY!mnn", "q": "CCYY!qq", "h": "CCYY!hh", "y": "CCYY"}


# Stata 9's %d codes (one letter each; upper case pads with a zero), which %td still reads when
# the details are not the new codes: %tdmd in [TS] tsline's example 3, REDCap's %dM_d,_CY,
# usesas.ado's %tdY-N-D for SAS YYMMDD8. (docs/graph_real_lines.md, rf43)
_OLD_D_CODES = {
    "c": lambda p: str(p["year"] // 100), "C": lambda p: f"{p['year'] // 100:02d}",
    "y": lambda p: str(p["year"] % 100), "Y": lambda p: f"{p['year'] % 100:02d}",
    "m": lambda p: _MONTHS[p["month"] - 1][:3], "M": lambda p: _MONTHS[p["month"] - 1],
    "l": lambda p: _MONTHS[p["month"] - 1][:3].lower(), "L": lambda p: _MONTHS[p["month"] - 1].lower(),
    "n": lambda p: str(p["month"]), "N": lambda p: f"{p['month']:02d}",
    "d": lambda p: str(p["day"]), "D": lambda p: f"{p['day']:02d}",
    "j": lambda p: str(p["doy"]), "J": lambda p: f"{p['doy']:03d}",
    "h": lambda p: str(p["half"]), "q": lambda p: str(p["quarter"]),
    "w": lambda p: str(p["week"]), "W": lambda p: f"{p['week']:02d}",
}


def valid_details(details: str, unit: str = "") -> bool:
    """Whether every piece of a format's detail string is a code or a literal (``unit`` d:
    Stata 9's one-letter %d codes too)."""
    try:
        _pieces(details, unit)
    except ValueError:
        return False
    return True


def _pieces(details: str, unit: str = "") -> list:
    try:
        return _scan(details, _CODES)
    except ValueError:
        if unit != "d":
            raise
        return _scan(details, list(_OLD_D_CODES.items()))


def _scan(details: str, codes) -> list:
    out, i = [], 0
    while i < len(details):
        if details[i] == "!" and i + 1 < len(details):
            out.append(details[i + 1])
            i += 2
            continue
        for code, fn in codes:
            if details.startswith(code, i):
                out.append(fn)
                i += len(code)
                break
        else:
            ch = details[i]
            if ch not in _LITERALS:
                raise ValueError(f"invalid date format detail {details[i:]!r}")
            out.append(_LITERALS[ch])
            i += 1
    return out


def _default(parts: dict, unit: str) -> str:
    if unit in "dcC":
        text = f"{parts['day']:02d}{_MONTHS[parts['month'] - 1][:3].lower()}{parts['year']}"
        if unit in "cC":
            text += f" {parts['hour']:02d}:{parts['minute']:02d}:{parts['second']:02d}"
        return text
    if unit == "y":
        return str(parts["year"])
    k = {"w": parts["week"], "m": parts["month"], "q": parts["quarter"], "h": parts["half"]}[unit]
    return f"{parts['year']}{unit}{k}"


def format_datetime(value: float, unit: str, details: str = "") -> str:
    """``value`` (an elapsed date in ``unit``: d c C w m q h y) as the format prints it."""
    try:
        parts = _parts(float(value), unit)
    except (OverflowError, ValueError):
        return "."
    if not details:
        return _default(parts, unit)
    try:
        pieces = _pieces(details, unit)
    except ValueError:
        return _default(parts, unit)
    return "".join(p if isinstance(p, str) else p(parts) for p in pieces)
