"""``xtset`` and ``tsset``: the panel and time variables, kept as Stata keeps them, in the
dataset's characteristics ``_dta[_TSpanel]``, ``_dta[_TStvar]`` (and the older
``_dta[iis]``/``_dta[tis]``), so that a .dta file saved by Stata after ``xtset`` (or by
mlm) carries its settings.

    xtset panelvar [timevar] [, clear]      tsset [panelvar] timevar [, clear]
    xtset / tsset                           (report the settings)
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from mlmcli.dataset import PANEL_KEYS as _PANEL_KEYS, TIME_KEYS as _TIME_KEYS
from mlmcli.dataset import panel_setting, time_setting  # noqa: F401  (importers find them here too)
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options

_ALL_KEYS = _PANEL_KEYS + _TIME_KEYS + ("_TSdelta", "_TSitrvl")


def _clear(ds) -> None:
    for key in _ALL_KEYS:
        ds.chars.pop(key, None)


def _record(ds, panel: str | None, tvar: str | None) -> None:
    _clear(ds)
    if panel:
        ds.chars["_TSpanel"] = panel
        ds.chars["iis"] = panel
    if tvar:
        ds.chars["_TStvar"] = tvar
        ds.chars["tis"] = tvar
        ds.chars["_TSdelta"] = "+1.0000000000000X+000"
        ds.chars["_TSitrvl"] = "1"


def _numeric_names(ds, words) -> list[str]:
    names = [ds.resolve(w) for w in words]
    for n in names:
        if ds.is_string(n):
            raise StataError(f"string variables not allowed in varlist;\n{n} is a string variable", 109)
    return names


def _report_time(session, ds, panel: str | None, tvar: str, r: dict) -> None:
    from mlmcli.render.numfmt import format_number

    p = ds.numeric(panel) if panel else np.zeros(ds.nobs)
    t = ds.numeric(tvar)
    ok = ~np.isnan(p) & ~np.isnan(t)
    frame = pd.DataFrame({"p": p[ok], "t": t[ok]})
    if frame.duplicated().any():
        raise StataError("repeated time values within panel" if panel else "repeated time values in sample", 451)
    sets = frame.groupby("p")["t"].apply(lambda s: tuple(sorted(s)))
    if panel:
        sizes = sets.map(len)
        balance = ("strongly balanced" if sets.nunique() == 1 else
                   "weakly balanced" if sizes.nunique() == 1 else "unbalanced")
        session.print(f"       panel variable:  {panel} ({balance})")
        r["balanced"] = balance
    tmin, tmax = float(frame["t"].min()), float(frame["t"].max())
    gaps = any(any(b - a != 1 for a, b in zip(s, s[1:])) for s in sets)
    fmt = ds.format_of(tvar)
    fmt = fmt if fmt.startswith("%t") else "%9.0g"
    lo, hi = format_number(tmin, fmt).strip(), format_number(tmax, fmt).strip()
    session.print(f"        time variable:  {tvar}, {lo} to {hi}" + (", but with gaps" if gaps else ""))
    session.print("                delta:  1 unit")
    r.update(timevar=tvar, tmin=tmin, tmax=tmax, tdelta=1.0, gaps=float(gaps))


def _set(session, cmd, panel_first: bool) -> None:
    from mlmcli.commands.data.manage import sort_frame

    opts = resolve_options(cmd.options, [OptionSpec("clear")])
    ds = session.data
    if opts.get("clear"):
        _clear(ds)
        return
    words = cmd.args.split()
    if not words:
        panel, tvar = panel_setting(ds), time_setting(ds)
        if panel_first and panel is None:
            raise StataError("panel variable not set; use xtset varname ...", 459)
        if not panel_first and tvar is None:
            raise StataError("time variable not set, use tsset varname ...", 111)
        words = [w for w in (panel, tvar) if w]
    if len(words) > 2:
        raise StataError("too many variables specified", 103)
    names = _numeric_names(ds, words)
    if panel_first:
        panel, tvar = names[0], (names[1] if len(names) == 2 else None)
    else:
        panel, tvar = (names[0], names[1]) if len(names) == 2 else (None, names[0])
    r: dict = {}
    if panel:
        r["panelvar"] = panel
    if tvar:
        _report_time(session, ds, panel, tvar, r)
    else:
        p = ds.numeric(panel)
        sizes = pd.Series(p[~np.isnan(p)]).value_counts()
        balance = "balanced" if sizes.nunique() == 1 else "unbalanced"
        session.print(f"       panel variable:  {panel} ({balance})")
        r["balanced"] = balance
    keys = [v for v in (panel, tvar) if v]
    sort_frame(ds, keys)
    ds.sortedby = tuple(keys)
    _record(ds, panel, tvar)
    session.set_r(r)


def cmd_xtset(session, cmd) -> None:
    """``xtset panelvar [timevar] [, clear]``."""
    _set(session, cmd, panel_first=True)


def cmd_tsset(session, cmd) -> None:
    """``tsset [panelvar] timevar [, clear]``."""
    _set(session, cmd, panel_first=False)
