"""``%d``: Stata 9's name of the daily date format, read as ``%td`` wherever a format is read.

Stata 10 renamed the daily format ``%d`` to ``%td`` and kept the old name working
([D] datetime display formats; REDCap's exports still write ``format v %dM_d,_CY``, and Stata
16's own datasets keep ``%d`` in their describe listing, as beveridge.dta's ``month int %d``).
The format is stored as typed (``describe`` shows ``%dM_d,_CY``); what it shows is ``%td``'s
with the same details, which are read as ``%td``'s are: the codes of Stata 10 first, Stata 9's
one-letter codes (``M`` month name, ``d`` day, ``C`` century, ``Y`` year) when those fail
(``render/datetime_formats.py``; docs/dates.md).
"""
from __future__ import annotations

import re

_OLD_DAILY = re.compile(r"^(\s*%-?)d")


def with_t(fmt: str) -> str:
    """``%dM_d,_CY`` -> ``%tdM_d,_CY``, ``%-d`` -> ``%-td``; any other format unchanged."""
    return _OLD_DAILY.sub(r"\1td", fmt, count=1) if isinstance(fmt, str) else fmt


def date_unit(fmt) -> str | None:
    """The unit letter of a ``%t`` format (``%d``: Stata 9's ``%td``): c, C, d, w, m, q, h or y;
    None for any other format (``%tg`` and numbers)."""
    m = re.match(r"%-?t([cCdwmqhy])", with_t(fmt)) if isinstance(fmt, str) else None
    return m.group(1) if m else None
