"""Numbers lists: Stata's ``numlist`` and the ranges of ``forvalues``.

A numlist is numbers and ranges separated by spaces or commas:
``#`` ; ``#1/#2`` (#1 to #2 in steps of 1, or -1 when #2 < #1) ; ``#1(#d)#2``
(#1 to #2 in steps of #d, spaces allowed around the parentheses) or ``#1[#d]#2``, the
same ([U] 11.1.8 numlist: ``9[-2]1`` as ``9(-2)1``).
``forvalues`` takes one range: ``#1/#2`` (upwards only), ``#1(#d)#2``,
``#1 #2 to #3`` or ``#1 #2 : #3`` (steps of #2 - #1); a range running the
wrong way is empty there.  Lists longer than ``MAX_ITEMS`` are r(134).
"""
from __future__ import annotations

import math
import re
from typing import Callable, Iterator

from mlmcli.errors import StataError

MAX_ITEMS = 10_000_000

# ``a / b`` with blanks is one range, as ``a (d) b``: Stata's numlist reads ``1 / 5`` (mi_cmd_xeq.ado
# passes the text before the colon of ``mi xeq 1 / 5:`` to numlist, and public files use it)
_ITEM = re.compile(r"\S+?\s*\(\s*\S+?\s*\)\s*\S+|\S+?\s*\[\s*\S+?\s*\]\s*\S+|[^\s/]+\s*/\s*[^\s/]+|\S+")
_SLASH = re.compile(r"(\S+)\s*/\s*(\S+)")
_STEP = re.compile(r"(\S+?)\s*\(\s*(\S+?)\s*\)\s*(\S+)")
_BRACKET = re.compile(r"(\S+?)\s*\[\s*(\S+?)\s*\]\s*(\S+)")
_TO = re.compile(r"(\S+)\s+(\S+)\s*(?:to|:)\s*(\S+)")


def invalid_numlist() -> StataError:
    return StataError("invalid numlist", 121)


def _number(text: str, invalid: Callable[[], StataError]) -> float:
    try:
        v = float(text)
    except ValueError:
        raise invalid() from None
    if not math.isfinite(v):
        raise invalid()
    return v


def _steps(a: float, d: float, b: float, invalid: Callable[[], StataError], *, backwards_empty: bool) -> list[float]:
    """a, a + d, ... up to b (r(134) when too many)."""
    if d == 0:
        raise invalid()
    steps = (b - a) / d
    if not math.isfinite(steps) or steps + 1 > MAX_ITEMS:
        raise StataError("too many values", 134)
    if steps < 0 and not backwards_empty:
        raise invalid()
    count = math.floor(steps + 1e-9) + 1
    return [a + k * d for k in range(max(count, 0))]


def numlist(text: str, *, invalid: Callable[[], StataError] = invalid_numlist,
            missing_ok: bool | None = None) -> list[float]:
    """The numbers of a numlist; ``invalid()`` is the error for a malformed item.  ``a b to c``
    (or ``a b:c``) continues a, b in steps of b - a up to c.  A missing value (``.``, ``.a``)
    is ``invalid()`` unless ``missing_ok`` says: True keeps it, False is r(127)."""
    out: list[float] = []
    items = [part for item in _ITEM.findall(text.replace(",", " ")) for part in re.split(r"(:)", item) if part]
    k = 0
    while k < len(items):
        item = items[k]
        if item.lower() == "to" or item == ":":
            if len(out) < 2 or k + 1 >= len(items) or not all(math.isfinite(v) for v in out[-2:]):
                raise invalid()
            end, k = _number(items[k + 1], invalid), k + 1
            out.extend(_steps(out[-1], out[-1] - out[-2], end, invalid, backwards_empty=False)[1:])
        elif re.fullmatch(r"\.[a-z]?", item):
            if missing_ok is None:
                raise invalid()
            if not missing_ok:
                raise StataError("invalid numlist has missing values", 127)
            from mlmcli.missing import extended

            out.append(extended(item[1:]))
        elif m := _STEP.fullmatch(item) or _BRACKET.fullmatch(item):
            a, d, b = (_number(g, invalid) for g in m.groups())
            out.extend(_steps(a, d, b, invalid, backwards_empty=False))
        elif m := _SLASH.fullmatch(item):
            a, b = (_number(g, invalid) for g in m.groups())
            out.extend(_steps(a, 1.0 if b >= a else -1.0, b, invalid, backwards_empty=False))
        else:
            out.append(_number(item, invalid))
        if len(out) > MAX_ITEMS:
            raise StataError("too many values", 134)
        k += 1
    return out


def value_range(text: str, *, invalid: Callable[[], StataError] = invalid_numlist) -> Iterator[float]:
    """``forvalues``' range: ``a/b``, ``a(d)b``, ``a b to c`` or ``a b : c``."""
    s = text.strip()
    if m := _SLASH.fullmatch(s):
        a, b = (_number(g, invalid) for g in m.groups())
        d = 1.0
    elif m := _STEP.fullmatch(s):
        a, d, b = (_number(g, invalid) for g in m.groups())
    elif m := _TO.fullmatch(s):
        a, second, b = (_number(g, invalid) for g in m.groups())
        d = second - a
    else:
        raise invalid()
    if d == 0:
        raise invalid()
    steps = (b - a) / d
    if not math.isfinite(steps) or (steps >= 1 and a + d == a):  # 1(1e-300)2 would never move
        raise StataError("too many values", 134)
    # counted as the loop goes (forvalues i = 1/1e9 { ... continue, break }: Stata does not
    # expand the range first, so no numlist limit applies)
    return (a + k * d for k in range(max(math.floor(steps + 1e-9) + 1, 0)))


MAX_CONSTRAINT = 1999


def constraint_number(word: str) -> int:
    """A constraint number: an integer 1..1999."""
    try:
        value = float(word)
    except ValueError:
        raise StataError(f"{word} invalid constraint number", 198) from None
    if value != int(value) or not 1 <= value <= MAX_CONSTRAINT:
        raise StataError(f"constraint numbers must be between 1 and {MAX_CONSTRAINT}", 198)
    return int(value)
