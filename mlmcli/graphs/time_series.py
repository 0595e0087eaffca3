"""``twoway tsline`` and ``twoway tsrline`` ([TS] tsline): line plots against the time variable
``tsset``/``xtset`` recorded.

    tsline y1 [y2 ...] [if] [in] [, scatter options]    ->  line y1 [y2 ...] t
    tsrline y1 y2 [if] [in] [, rline options]           ->  rline y1 y2 t

As Stata's, marker and marker-label options are ignored (with a note saying so); the x axis
is labelled in the time variable's display format when it is a ``%t`` format, and the ``t*``
axis options (``tlabel()``, ``ttitle()`` ...) are the x axis'.  Without a panel variable the
points are joined in time order (``sort``); with one, in the data's order, which ``xtset``
left sorted by panel and time.
"""
from __future__ import annotations

from dataclasses import replace

from mlmcli.ast import Option
from mlmcli.errors import StataError
from mlmcli.graphs.syntax import PlotCall

TIME_PLOTS = {"tsline": "line", "tsrline": "rline"}


def _is_marker_option(name: str) -> bool:
    from mlmcli.graphs import plot_options as popt

    return any(spec.matches(name) for spec in popt.MARKER_SPECS + popt.JITTER_SPECS)


def time_variable(data) -> str:
    """The variable ``tsset``/``xtset`` set as the time variable; Stata's r(111) when none."""
    from mlmcli.dataset import time_setting

    name = time_setting(data)
    if name is None:
        raise StataError("time variable not set, use tsset varname ...", 111)
    return name


def as_line_plot(data, plot: PlotCall, notes: list[str]) -> PlotCall:
    """The ``line``/``rline`` plot a ``tsline``/``tsrline`` plot draws."""
    from mlmcli.dataset import panel_setting

    tvar = time_variable(data)
    kept, dropped = [], []
    for opt in plot.options:
        (dropped if _is_marker_option(opt.name) else kept).append(opt)
    if dropped:
        notes.append(f"(note: {plot.kind} ignores marker options: "
                     + " ".join(o.name + ("()" if o.arg is not None else "") for o in dropped) + ")")
    if panel_setting(data) is None and not any(o.name.lower() == "sort" for o in kept):
        kept.append(Option("sort", None))
    fmt = data.format_of(tvar)
    if fmt.startswith("%t") and not any(o.name.lower().startswith("xvarf") for o in kept):
        kept.append(Option("xvarformat", fmt))
    return replace(plot, kind=TIME_PLOTS[plot.kind], varlist=f"{plot.varlist} {tvar}", options=tuple(kept))
