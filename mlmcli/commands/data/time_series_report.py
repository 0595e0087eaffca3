"""``tsreport [if] [in] [, panel]`` ([TS] tsreport, Stata 13's tsreport.ado 1.2.4,
TsrWork and DisplayIt): the first and last period, the observations and the number of
gaps of a ``tsset`` series, with r(start), r(end), r(N_obs), r(N_gaps), r(tsfmt),
r(timevar), r(panelvar).

A gap is an observation whose next period (t + delta, same panel) is not in the sample;
without ``panel`` each panel's end counts too ("Gap count includes panel changes").
Not implemented (refused): a varlist, ``detail``'s gap table, ``casewise``.  Stata 12's
``report``, ``report0`` and ``list`` are "option report not allowed" as in Stata 13; under
``version 12`` (or lower) tsreport is tsreport_12.ado 6.0.7: ``report``/``report0`` print
"Number of gaps in sample:  #" and set only r(N_gaps) (its ``list``/``detail`` table is
refused).
"""
from __future__ import annotations

import numpy as np

from mlmcli.commands.data.common import mark
from mlmcli.dataset import panel_setting, time_setting
from mlmcli.errors import StataError
from mlmcli.panel.time_settings import from_hex21
from mlmcli.syntax.options import OptionSpec, resolve_options

# widths fmtwidth() gives the %t formats (display width of their default form)
_DATE_WIDTHS = {"d": 9, "w": 7, "m": 7, "q": 6, "h": 6, "y": 4, "c": 18, "C": 18}


def _format_width(fmt: str) -> int:
    import re

    if fmt[1:2] == "t" and fmt[2:3] in _DATE_WIDTHS and len(fmt) == 3:
        return _DATE_WIDTHS[fmt[2]]
    m = re.match(r"%-?0?(\d+)", fmt)
    return int(m.group(1)) if m else 9


def cmd_tsreport(session, cmd) -> None:
    if getattr(session, "version", 13.0) < 13:
        _tsreport_12(session, cmd)
        return
    opts = resolve_options(cmd.options, [OptionSpec("detail", 1), OptionSpec("casewise", 1),
                                         OptionSpec("nopanel"), OptionSpec("panel", 1)])
    if opts.get("panel") and opts.get("nopanel"):
        raise StataError("cannot specify both panel and nopanel", 198)
    if cmd.args.strip():
        raise StataError("tsreport varlist is not implemented in mlm", 198)
    for name in ("detail", "casewise"):
        if opts.get(name):
            raise StataError(f"tsreport option {name} is not implemented in mlm", 198)
    ds = session.data
    tvar = time_setting(ds)
    if tvar is None:
        raise StataError("time variable not set, use tsset varname ...", 111)
    panel = panel_setting(ds)
    if opts.get("panel") and not panel:
        raise StataError("must specify panelvar; use tsset or xtset", 321)
    delta = from_hex21(ds.chars.get("_TSdelta"))
    t = ds.numeric(tvar)
    p = ds.numeric(panel) if panel else np.zeros(len(t))
    use = mark(session, cmd) & ~np.isnan(t) & ~np.isnan(p)
    start, end, gaps = _gaps(p, t, use, delta, bool(panel), bool(opts.get("panel")))
    n_obs = int(use.sum())
    fmt = ds.format_of(tvar)
    session.set_r({"end": end, "start": start, "N_obs": float(n_obs), "N_gaps": float(gaps),
                   "tsfmt": fmt, "timevar": tvar, **({"panelvar": panel} if panel else {})})
    _display(session, tvar, panel, fmt, start, end, n_obs, gaps, not opts.get("panel") and bool(panel))


def _gaps(p, t, use, delta: float, has_panel: bool, by_panel: bool) -> tuple[float, float, int]:
    """(start, end, gap count) as TsrWork counts them."""
    if not use.any():
        return np.nan, np.nan, 0
    tmin, tmax = float(t[use].min()), float(t[use].max())
    present = set(zip(p[use].tolist(), t[use].tolist()))
    rows = np.flatnonzero(use)
    order = rows[np.lexsort((t[rows], p[rows]))]
    ptop = float(p[use].max())
    gaps = 0
    for k, i in enumerate(order):
        if (p[i], t[i] + delta) in present:
            continue
        if has_panel and not by_panel:
            gaps += not (t[i] == tmax and p[i] == ptop)
            continue
        # TsrWork: the next observation exists (same panel with a panel) and t < tmax
        nxt = order[k + 1] if k + 1 < len(order) else None
        gaps += bool(nxt is not None and (not has_panel or p[nxt] == p[i]) and t[i] < tmax)
    return tmin, tmax, gaps


def _display(session, tvar, panel, fmt, start, end, n_obs, gaps, panel_changes: bool) -> None:
    from mlmcli.render.numfmt import format_number

    width = _format_width(fmt)
    digits = max(4, len(str(n_obs)) + 2)
    length = max(len(f"Time variable:    {tvar}"), len(f"Panel variable:   {panel}") if panel else 0,
                 len("Starting period = ") + width, len(f"Observations    = {n_obs}"))
    session.print("")
    if panel:
        session.print(f"Panel variable:   {panel}")
    session.print(f"Time variable:    {tvar}")
    session.print("-" * length)
    session.print("Starting period = " + format_number(start, fmt))
    session.print("Ending period   = " + format_number(end, fmt))
    if width > digits:
        session.print("Observations    = " + f"{n_obs:,}".rjust(width))
        session.print("Number of gaps  = " + f"{gaps:,}".rjust(width))
    else:
        session.print(f"Observations    = {n_obs}")
        session.print(f"Number of gaps  = {gaps}")
    if panel_changes:
        session.print("(Gap count includes panel changes)")


def _tsreport_12(session, cmd) -> None:
    """tsreport_12.ado: a gap is an in-sample observation whose lag is not in the sample,
    the first in-sample observation (of each panel with ``panel``) excepted."""
    opts = resolve_options(cmd.options, [OptionSpec("detail", 1), OptionSpec("list", 1),
                                         OptionSpec("panel", 1), OptionSpec("report", 1),
                                         OptionSpec("report0")])
    if opts.get("detail") or opts.get("list"):
        raise StataError("tsreport under version 12: the list of gaps is not implemented in mlm", 198)
    if cmd.args.strip():
        raise StataError("varlist not allowed", 101)
    ds = session.data
    tvar = time_setting(ds)
    if tvar is None:
        raise StataError("time variable not set, use tsset varname ...", 111)
    panel = panel_setting(ds)
    delta = from_hex21(ds.chars.get("_TSdelta"))
    t = ds.numeric(tvar)
    p = ds.numeric(panel) if panel else np.zeros(len(t))
    use = mark(session, cmd) & ~np.isnan(t)
    present = set(zip(p[use].tolist(), t[use].tolist()))
    rows = np.flatnonzero(use)
    order = rows[np.lexsort((t[rows], np.nan_to_num(p[rows], nan=np.inf)))]
    by_panel = bool(opts.get("panel") and panel)
    gaps, seen = 0, set()
    for i in order:
        key = p[i] if by_panel else 0
        first = key not in seen
        seen.add(key)
        gaps += (not first) and (p[i], t[i] - delta) not in present
    session.set_r({"N_gaps": float(gaps)})
    if (gaps and (opts.get("report") or opts.get("report0"))) or opts.get("report0"):
        note = "   (gap count includes panel changes)" if panel and not by_panel and gaps else ""
        session.print("")
        session.print(f"Number of gaps in sample:  {gaps}{note}")
