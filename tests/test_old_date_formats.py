"""``%d``: Stata 9's name of ``%td`` (REDCap's ``format v %dM_d,_CY``), read wherever a format is
read -- format, describe, list, display, string(), tostring, tsset/tsreport, tin(), graph axis
formats -- as ``%td`` with the same details (mlmcli/render/old_date_format.py)."""
from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from graphs_helpers import axes, drawn, figure, tick_texts

SHOW_UNITS = 'display "[`r(unit1)\'][`r(unit)\']"'  # tsset's r(unit1) and r(unit)
DAYS = [19000.0, 19040.0, 19080.0]  # 08jan2012, 17feb2012, 28mar2012


def _date(days: float) -> dt.date:
    return dt.date(1960, 1, 1) + dt.timedelta(days=int(days))


def _data():
    return pd.DataFrame({"d": DAYS, "y": [1.0, 2.0, 3.0]})


def test_format_keeps_the_typed_name_and_lists_the_dates(do):
    rc, out, s = do("format d %dM_d,_CY\ndescribe d\nlist d", df=_data())
    assert rc == 0, out
    assert s.data.format_of("d") == "%dM_d,_CY"
    assert any(line.split()[:3] == ["d", "float", "%dM_d,_CY"] for line in out.splitlines())
    # Stata 9's codes: M the month's name, _ a blank, d the day unpadded, C century, Y year
    for days in DAYS:
        day = _date(days)
        assert f"{day.strftime('%B')} {day.day}, {day.year}" in out


@pytest.mark.parametrize("old, new", [("%d", "%td"), ("%dD/N/Y", "%tdD/N/Y"), ("%dM_d,_CY", "%tdM_d,_CY"),
                                      ("%-d", "%-td"), ("%dCY-N-D", "%tdCY-N-D")])
def test_d_shows_what_td_shows(do, old, new):
    rc, out_old, _ = do(f"format d {old}\nlist d\ndisplay {old} 19000\ndisplay string(19000, \"{old}\")", df=_data())
    assert rc == 0, out_old
    rc, out_new, _ = do(f"format d {new}\nlist d\ndisplay {new} 19000\ndisplay string(19000, \"{new}\")", df=_data())
    assert out_old.replace(old, new) == out_new


def test_display_and_string_with_old_codes(do):
    rc, out, _ = do('display %dD_m_Y 19000\ndisplay %d 19000\ndisplay string(19000, "%dCYND")', df=_data())
    assert rc == 0, out
    assert out.splitlines() == ["08 Jan 12", "08jan2012", "20120108"]


def test_tostring_format_and_summarize(do):
    rc, out, s = do("tostring d, generate(ds) format(%dD/N/Y) force\nformat d %d\nsummarize d, format", df=_data())
    assert rc == 0, out
    assert list(s.data.df["ds"]) == [_date(v).strftime("%d/%m/%y") for v in DAYS]
    assert out.splitlines()[-1].split()[-2:] == ["08jan2012", "28mar2012"]


@pytest.mark.parametrize("text, rc", [("format d %dQ!", 120), ("format d %dk", 120), ("display %dk 1", 120)])
def test_details_neither_old_nor_new_are_invalid_format(do, text, rc):
    got, out, s = do(text, df=_data())
    assert got == rc and "invalid %format" in out
    assert s.data.format_of("d") != "%dQ!"


def test_a_string_variable_takes_no_d_format(do):
    rc, out, s = do('generate str3 s = "a"\nformat s %d', df=_data())
    assert rc == 120 and "invalid %format" in out and s.data.format_of("s") == "%9s"


def test_tsset_reads_d_as_daily(do):
    rc, out, _ = do("format d %dM_d,_CY\ntsset d\n" + SHOW_UNITS + "\ncount if tin(01feb2012, 31mar2012)",
                    df=_data())
    assert rc == 0, out
    lines = out.splitlines()
    assert lines[0].split(":", 1)[1].strip().startswith("d, January 8, 2012 to March 28, 2012")
    assert "delta:  1 day" in out
    # tsset.ado: unit1 is the format's third character, Period names it (M: no name)
    assert lines[-2:] == ["[M][]", "  2"]


@pytest.mark.parametrize("fmt, delta, unit1, unit", [("%d", "1 day", "", "generic"), ("%-d", "1 unit", "d", "daily"),
                                                     ("%-td", "1 unit", "t", "")])
def test_tsset_reads_the_format_as_tsset_ado_does(do, fmt, delta, unit1, unit):
    """tsset.ado: the unit is the format's 2nd character (d) or, after a t, its 3rd -- so a
    left-aligned %-d or %-td is generic; r(unit1) is the 3rd character and r(unit) Period's
    word for it ("generic" when there is none)."""
    rc, out, _ = do(f"format d {fmt}\ntsset d\n" + SHOW_UNITS, df=_data())
    assert rc == 0, out
    assert f"delta:  {delta}" in out and "08jan2012 to 28mar2012" in out
    assert out.splitlines()[-1] == f"[{unit1}][{unit}]"


def test_graph_axis_formats(run):
    from graphs_helpers import make_session

    s = make_session()
    run(s, "generate d = 19000 + 30 * _n")
    graph, fig = drawn(s, "twoway line y d, sort xlabel(19000 19500, format(%dM_d,_CY))")
    assert tick_texts(axes(fig)) == ["January 8, 2012", "May 22, 2013"]
    graph, fig = drawn(s, "twoway line y d, sort xlabel(19000 19500) xvarformat(%dD/N/Y)")
    assert tick_texts(axes(fig)) == ["08/01/12", "22/05/13"]
    run(s, "format d %d\ntsset d, daily")
    graph, fig = drawn(s, "tsline y, tlabel(01jan2012 01jan2013)")
    ax = axes(fig)
    np.testing.assert_allclose(ax.get_xticks(), [18993, 19359])  # 01jan2012, 01jan2013 as %td days
    assert tick_texts(ax) == ["01jan2012", "01jan2013"]
    graph, fig = drawn(s, "tsline y, tlabel(01jan2012 01jan2013, format(%dCY))")
    assert tick_texts(axes(fig)) == ["2012", "2013"]
