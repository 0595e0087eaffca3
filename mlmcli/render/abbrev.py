"""Stata's name abbreviation with ``~``.

``abbrev(name, n)`` is Stata's ``abbrev()`` function: names longer than n
keep their first n-2 characters, a ``~`` and the last character
(``abbrev("displacement", 8)`` = ``displa~t``).  Names containing a period
(factor-variable/time-series operators) are abbreviated to at least 8.

``abbrev_re(name, n)`` is what the handout shows for variable names inside
``var()``/``cov()`` of the random-effects table: first n-3 characters, ``~``,
the last two (``educgroupc`` -> ``educg~pc``).
"""
from __future__ import annotations


def abbrev(name: str, n: int) -> str:
    """Stata ``abbrev(name, n)``; n < 5 counts as 5 (8 when name has a period)."""
    if n is None:
        return name
    n = max(n, 8 if "." in name else 5)
    if len(name) <= n:
        return name
    return name[: n - 2] + "~" + name[-1]


def abbrev_re(name: str, n: int = 8) -> str:
    """Random-effects label abbreviation: ``name[:n-3] + "~" + name[-2:]``."""
    if len(name) <= n:
        return name
    n = max(n, 5)
    return name[: n - 3] + "~" + name[-2:]
