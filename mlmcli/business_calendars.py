"""Stata's business calendars ([D] datetime business calendars): a ``%tb<calname>`` date counts
the days calendar ``calname`` keeps (0 is its first business day, ``bofd()``/``dofb()`` convert
to and from %td).

Stata 12 and later ship one calendar, ``simple.stbcal`` in ado/base/s -- the manual's example
(help bcal: ``bcal dir`` finds ``simple: ...\\ado\\base\\s\\simple.stbcal``; ``bcal describe
simple``: purpose "Example for manual", range 01nov2011 30nov2011 = %td 18932 18961 = %tbsimple
0 19, center 01nov2011) -- so ``format x %tbsimple`` works with no file of the user's.  Its days:
November 2011 without Saturdays, Sundays, 24nov2011 and 25nov2011 (the manual's crossed-out
calendar).  Other calendars are .stbcal files, which mlm does not read.
"""
from __future__ import annotations

import math

_FIRST_NOV_2011 = 18932  # %td of 01nov2011


def _simple() -> tuple[int, ...]:
    days = range(_FIRST_NOV_2011, _FIRST_NOV_2011 + 30)
    # %td 0 (01jan1960) was a Friday: dow = (td + 5) mod 7, 0 Sunday ... 6 Saturday
    return tuple(d for d in days if (d + 5) % 7 not in (0, 6) and d not in (_FIRST_NOV_2011 + 23, _FIRST_NOV_2011 + 24))


_CALENDARS = {"simple": _simple()}


def business_days(name: str) -> tuple[int, ...] | None:
    """The %td dates calendar ``name`` keeps, in order (None: not a calendar mlm has)."""
    return _CALENDARS.get(name)


def dofb(b: float, name: str) -> float:
    """%td of business date ``b`` (missing outside the calendar, or for a non-integer)."""
    days = _CALENDARS.get(name)
    if days is None or b is None or math.isnan(b) or b != math.floor(b) or not 0 <= b < len(days):
        return math.nan
    return float(days[int(b)])


def bofd(name: str, td: float) -> float:
    """Business date of %td ``td`` (missing when the calendar omits that day or lacks it)."""
    days = _CALENDARS.get(name)
    if days is None or td is None or math.isnan(td) or td != math.floor(td):
        return math.nan
    try:
        return float(days.index(int(td)))
    except ValueError:
        return math.nan
