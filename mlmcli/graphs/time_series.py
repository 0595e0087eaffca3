"""``twoway tsline`` and ``twoway tsrline`` ([TS] tsline): line plots against the time variable
``tsset``/``xtset`` recorded.

    tsline y1 [y2 ...] [if] [in] [, scatter options]    ->  line y1 [y2 ...] t
    tsrline y1 y2 [if] [in] [, rline options]           ->  rline y1 y2 t

As Stata's, marker and marker-label options are ignored (with a note saying so); the x axis
is labelled in the time variable's display format when it is a ``%t`` format, and the ``t*``
axis options (``tlabel()``, ``tmlabel()``, ``ttick()``, ``tmtick()``, ``tline()``, ``ttext()``,
``tscale()``, ``ttitle()``) are the x axis', their dates typed in the time variable's format
(``tlabel(01jan2001 30jun2001)``, ``tline(2001m4)``: Mitchell's *A Visual Guide to Stata
Graphics*, as transcribed in zhangyiceee/stata_learn) and turned into its numbers.  Without a
panel variable the points are joined in time order (``sort``); with one, in the data's order,
which ``xtset`` left sorted by panel and time.
"""
from __future__ import annotations

import re
from dataclasses import replace

from mlmcli.ast import Option
from mlmcli.errors import StataError
from mlmcli.graphs.syntax import PlotCall
from mlmcli.render.old_date_format import date_unit, with_t

TIME_PLOTS = {"tsline": "line", "tsrline": "rline"}


def _is_marker_option(name: str) -> bool:
    from mlmcli.graphs import plot_options as popt

    return any(spec.matches(name) for spec in popt.MARKER_SPECS + popt.JITTER_SPECS)


def time_variable(data) -> str:
    """The variable ``tsset``/``xtset`` set as the time variable; Stata's r(111) when none."""
    from mlmcli.panel.time_settings import time_setting

    name = time_setting(data)
    if name is None:
        raise StataError("time variable not set, use tsset varname ...", 111)
    return name


def as_line_plot(data, plot: PlotCall, notes: list[str], date_value=None) -> PlotCall:
    """The ``line``/``rline`` plot a ``tsline``/``tsrline`` plot draws."""
    from mlmcli.panel.time_settings import panel_setting

    tvar = time_variable(data)
    kept, dropped = [], []
    for opt in time_axis_options(data, plot.options, date_value):  # the graph's, typed after the plot's
        (dropped if _is_marker_option(opt.name) else kept).append(opt)
    if dropped:
        notes.append(f"(note: {plot.kind} ignores marker options: "
                     + " ".join(o.name + ("()" if o.arg is not None else "") for o in dropped) + ")")
    if panel_setting(data) is None and not any(o.name == "sort" for o in kept):
        kept.append(Option("sort", None))
    fmt = data.format_of(tvar)
    if with_t(fmt).startswith("%t") and not any(o.name.startswith("xvarf") for o in kept):
        kept.append(Option("xvarformat", fmt))
    return replace(plot, kind=TIME_PLOTS[plot.kind], varlist=f"{plot.varlist} {tvar}", options=tuple(kept))


# t-option -> (x-option, minimal abbreviation of the t name, as the x name's)
T_OPTIONS = {"tlabel": ("xlabel", 3), "tmlabel": ("xmlabel", 4), "ttick": ("xtick", 4),
             "tmtick": ("xmtick", 5), "tline": ("xline", 3), "ttext": ("text", 2),
             "tscale": ("xscale", 3), "ttitle": ("xtitle", 3)}
_DATE_TOKEN = re.compile(r'"[^"]*"|(?<![\w.])(\d{1,2}[A-Za-z]{3}\d{2,4}|\d{1,4}[mqhwMQHW]\d{1,2})(?![\w.])')


def _dates_as_numbers(arg: str, kind: str, date_value) -> str:
    """``arg`` with each date outside quotes written as the number the time format ``kind``
    (``td``, ``tm`` ...) gives it (``date_value(kind, text)``, the expressions' date literals);
    other words kept."""
    def one(m):
        if m.group(1) is None:  # a quoted string
            return m.group(0)
        value = date_value(kind, m.group(1))
        return m.group(0) if value is None else repr(float(value)).removesuffix(".0")

    return _DATE_TOKEN.sub(one, arg)


def time_axis_options(data, options, date_value=None) -> tuple:
    """A tsline graph's options with its t-options (``tlabel()`` ...) made the x axis' ones,
    their dates turned into numbers of the time variable's ``%t`` format by ``date_value``
    (given by the command: dates are the expressions' business)."""
    from mlmcli.syntax.abbreviation import abbreviates

    fmt = data.format_of(time_variable(data))
    unit = date_unit(fmt)
    out = []
    for opt in options:
        hit = next((name for name, (_, k) in T_OPTIONS.items() if abbreviates(opt.name, name, k)), None)
        if hit is None:
            out.append(opt)
            continue
        arg = opt.arg
        if isinstance(arg, str) and unit is not None and date_value is not None and hit != "ttitle":
            arg = _dates_as_numbers(arg, "t" + unit, date_value)
        out.append(Option(T_OPTIONS[hit][0], arg))
    return tuple(out)
