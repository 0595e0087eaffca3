"""%tbsimple: Stata's shipped business calendar (simple.stbcal, the manual's example: November
2011 without weekends, 24nov2011 and 25nov2011), docs/business_calendars.md."""
from __future__ import annotations

import math

import pytest

from mlmcli.business_calendars import bofd, business_days, dofb

NOV1 = 18932  # %td of 01nov2011


def test_the_calendar_is_bcal_describes_it():
    """bcal describe simple (help bcal, Stata 12): range 01nov2011 30nov2011 = %td 18932 18961
    = %tbsimple 0 19."""
    days = business_days("simple")
    assert len(days) == 20 and days[0] == NOV1 and days[-1] == NOV1 + 29
    assert NOV1 + 23 not in days and NOV1 + 24 not in days  # 24nov2011, 25nov2011 crossed out
    assert all((d + 5) % 7 not in (0, 6) for d in days)  # no Saturday or Sunday
    # the manual: 18nov2011 + 1 = 21nov2011, 28nov2011 - 1 = 23nov2011
    assert dofb(bofd("simple", NOV1 + 17) + 1, "simple") == NOV1 + 20
    assert dofb(bofd("simple", NOV1 + 27) - 1, "simple") == NOV1 + 22
    assert math.isnan(bofd("simple", NOV1 + 11)) and math.isnan(dofb(20, "simple"))
    assert business_days("mine") is None


def test_format_list_display_and_functions(do):
    rc, out, s = do("clear\nset obs 21\ngen t = _n - 1\nformat t %tbsimple\nlist t in 8/10, noobs\n"
                    'gen d = dofb(t, "simple")\ngen b = bofd("simple", d)\n'
                    'display %tbsimple 8\ndisplay bofd("simple", mdy(11,24,2011))\n'
                    "format t %tbsimple:CCYY.NN.DD\nlist t in 1, noobs")
    assert rc == 0, out
    assert "| 10nov2011 |\n  | 11nov2011 |\n  | 14nov2011 |" in out  # the weekend skipped
    assert "\n11nov2011\n" in out and "\n.\n" in out
    assert "| 2011.11.01 |" in out
    d, b = s.data.numeric("d"), s.data.numeric("b")
    assert d[0] == NOV1 and d[19] == NOV1 + 29 and math.isnan(d[20])
    assert list(b[:20]) == list(range(20)) and math.isnan(b[20])


def test_time_series_on_business_days(do):
    """L. is the previous business day: 07nov2011's lag is 04nov2011's value (Friday)."""
    rc, out, s = do("clear\nset obs 20\ngen t = _n - 1\nformat t %tbsimple\ngen y = _n^2\ntsset t\n"
                    "gen ly = L.y")
    assert rc == 0, out
    assert "time variable:  t, 01nov2011 to 30nov2011" in out
    assert s.data.numeric("ly")[4] == 16.0  # t = 4 is 07nov2011, its lag 04nov2011 (y = 16)


@pytest.mark.parametrize("line", ["format t %tbmine", "display %tbmine 1"])
def test_another_calendar_is_an_invalid_format(do, line):
    rc, out, _ = do("clear\nset obs 1\ngen t = 1\n" + line)
    assert rc == 120 and "invalid %format" in out
