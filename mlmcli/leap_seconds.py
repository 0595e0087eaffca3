"""%tC: milliseconds since 01jan1960 00:00:00 counting leap seconds (UTC), as opposed to %tc,
which ignores them ([D] datetime: Cofc(), cofC(), Cdhms(), Chms(), Cmdyhms(), dofC()).

A leap second is the 61st second (23:59:60) of the days in ``LEAP_DAYS``; in %tC it lies
between that day's 23:59:59 and the next day's 00:00:00, which is 1000 ms later in %tC than in
%tc for each leap second before it.
"""
from __future__ import annotations

from mlmcli.lazy_module import lazy_module

np = lazy_module("numpy", globals(), "np")

DAY_MS = 86_400_000.0

# (year, month, day) ending with a leap second: IERS Bulletin C, 1972-2016
LEAP_DAYS = ((1972, 6, 30), (1972, 12, 31), (1973, 12, 31), (1974, 12, 31), (1975, 12, 31), (1976, 12, 31),
             (1977, 12, 31), (1978, 12, 31), (1979, 12, 31), (1981, 6, 30), (1982, 6, 30), (1983, 6, 30),
             (1985, 6, 30), (1987, 12, 31), (1989, 12, 31), (1990, 12, 31), (1992, 6, 30), (1993, 6, 30),
             (1994, 6, 30), (1995, 12, 31), (1997, 6, 30), (1998, 12, 31), (2005, 12, 31), (2008, 12, 31),
             (2012, 6, 30), (2015, 6, 30), (2016, 12, 31))


def _leap_starts_tc():
    """The %tc instants at which each leap second begins (the next day's midnight in %tc)."""
    import datetime

    origin = datetime.date(1960, 1, 1)
    return np.array([((datetime.date(y, m, d) - origin).days + 1) * DAY_MS for y, m, d in LEAP_DAYS])


def tC_of_tc(c):
    """Cofc(): %tc -> %tC, adding a second for each leap second before c."""
    c = np.asarray(c, dtype=float)
    return c + 1000.0 * np.searchsorted(_leap_starts_tc(), c, side="right")


def tc_of_tC(big_c):
    """cofC(): %tC -> %tc; an instant inside a leap second maps to the second before it
    (23:59:60.5 -> 23:59:59.5)."""
    big_c = np.asarray(big_c, dtype=float)
    starts_tc = _leap_starts_tc() + 1000.0 * np.arange(len(LEAP_DAYS))  # each leap second's start in %tC
    begun = np.searchsorted(starts_tc, big_c, side="right")  # leap seconds begun by big_c
    return big_c - 1000.0 * begun


def leap_second_at(big_c) -> "np.ndarray":
    """Whether the %tC instant lies inside a leap second (23:59:60)."""
    big_c = np.asarray(big_c, dtype=float)
    starts = _leap_starts_tc() + 1000.0 * np.arange(len(LEAP_DAYS))
    k = np.searchsorted(starts, big_c, side="right") - 1
    inside = (k >= 0) & (big_c < starts[np.maximum(k, 0)] + 1000.0)
    return inside
