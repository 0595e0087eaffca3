"""``xtset`` and ``tsset``: the panel and time variables, kept as Stata keeps them, in the
dataset's characteristics ``_dta[_TSpanel]``, ``_dta[_TStvar]``, ``_dta[_TSdelta]`` (delta
as ``%21x`` text) and the older ``_dta[iis]``/``_dta[tis]``, so that a .dta file saved by
Stata after ``xtset`` (or by mlm) carries its settings.  Behaviour, messages and r() follow
tsset.ado 7.4.7 and xtset.ado 1.1.2.

    tsset [panelvar] timevar [, daily|weekly|monthly|quarterly|halfyearly|yearly|generic|
          clocktime  format(%fmt)  delta(#)  force  noquery  clear]
    xtset panelvar [timevar] [, tsset's options]          tsset / xtset   (replay)
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from mlmcli.panel.time_settings import PANEL_KEYS as _PANEL_KEYS, TIME_KEYS as _TIME_KEYS
from mlmcli.panel.time_settings import panel_setting, time_setting  # noqa: F401  (importers find them here too)
from mlmcli.errors import StataError
from mlmcli.panel import time_settings as ts
from mlmcli.syntax.options import OptionSpec, resolve_options

_ALL_KEYS = _PANEL_KEYS + _TIME_KEYS + ("_TSdelta", "_TSitrvl")
_PERIODS = list(ts.PERIOD_FORMATS)
_SPECS = ([OptionSpec("clear"), OptionSpec("format", 1, True), OptionSpec("delta", 3, True),
           OptionSpec("force"), OptionSpec("noquery"), OptionSpec("mi")]
          + [OptionSpec(p, 1) for p in _PERIODS])


def _clear(ds) -> None:
    for key in _ALL_KEYS:
        ds.chars.pop(key, None)


def _record(ds, panel: str | None, tvar: str | None, delta: float = 1.0) -> None:
    _clear(ds)
    if panel:
        ds.chars["_TSpanel"] = panel
        ds.chars["iis"] = panel
    if tvar:
        ds.chars["_TStvar"] = tvar
        ds.chars["tis"] = tvar
        ds.chars["_TSdelta"] = ts.hex21(delta)
        ds.chars["_TSitrvl"] = "1"


def recorded_delta(ds) -> float:
    """The delta ``tsset`` recorded (1 when none)."""
    return ts.from_hex21(ds.chars.get("_TSdelta"))


def _numeric_names(ds, words) -> list[str]:
    names = [ds.resolve(w) for w in words]
    for n in names:
        if ds.is_string(n):
            raise StataError(f"string variables not allowed in varlist;\n{n} is a string variable", 109)
    return names


def _refuse_business_calendar(fmt: str) -> None:
    """%tb formats name a business calendar (a .stbcal file that ``bcal`` reads and that
    defines which days exist); mlm has Stata's shipped ``simple`` only (``business_calendars``):
    a time variable in another is refused."""
    from mlmcli.render.numfmt import is_valid_format

    if fmt.replace("%-", "%", 1).startswith("%tb") and not is_valid_format(fmt):
        raise StataError(f"{fmt}: business calendars (%tb formats and their .stbcal files) "
                         "are not implemented in mlm", 198)


def _chosen_format(session, ds, tvar: str, opts: dict) -> tuple[str | None, str, bool]:
    """(format to apply or None, the period word typed or "", default %tc applied)."""
    from mlmcli.render.numfmt import is_valid_format

    periods = [p for p in _PERIODS if opts.get(p)]
    current = ds.format_of(tvar)
    _refuse_business_calendar(current)
    if opts.get("format"):
        if periods:
            raise StataError(f"may not specify both format() and {periods[0]}", 198)
        fmt = str(opts["format"]).strip()
        _refuse_business_calendar(fmt)
        if not is_valid_format(fmt):
            raise StataError(f"{fmt} invalid format", 120 if fmt.startswith("%") else 7)
        return fmt, "", False
    if len(periods) > 1:
        raise StataError("may only specify one time-scale from daily, weekly, monthly,\n"
                         "quarterly, halfyearly, yearly, and generic", 198)
    if not periods:
        return None, "", False
    fmt = ts.PERIOD_FORMATS[periods[0]]
    cur_unit, new_unit = ts.format_unit(current), ts.format_unit(fmt)
    if cur_unit != new_unit and cur_unit != "g":
        short = tvar if len(tvar) <= 13 else tvar[:11] + "~" + tvar[-1]
        session.print("")
        session.print(f"Variable {short} had been formatted {current} (a {ts.UNIT_PERIODS.get(cur_unit, 'generic')} "
                      f"period),\nand you asked for a {ts.UNIT_PERIODS.get(new_unit, 'generic')} period.  "
                      f"Are you sure that is\nwhat you want?  It has been done; {short} is now "
                      f"formatted {fmt}.")
        session.print("")
    elif cur_unit == new_unit:
        fmt = current  # keeps %tdCCYY-nn-dd and the like
    return fmt, periods[0], fmt == "%tc"


def _query(session, ds, panel, tvar, delta, shown_format: str, r: dict) -> None:
    """tsset.ado's Query: the report and its r() results."""
    from mlmcli.render.numfmt import format_number

    layout = ts.time_layout(ds.numeric(panel) if panel else None, ds.numeric(tvar), delta)
    if panel:
        session.print(f"       panel variable:  {panel} ({layout.balance})")
        r.update(balanced=layout.balance, imin=layout.imin, imax=layout.imax)
    t0s = format_number(layout.tmin, shown_format).strip()
    t1s = format_number(layout.tmax, shown_format).strip()
    short = tvar if len(tvar) <= 13 else tvar[:11] + "~" + tvar[-1]
    lines = ts.time_range_lines(short, t0s, t1s, layout.gaps)
    session.print("        time variable:  " + lines[0])
    for line in lines[1:]:
        session.print(" " * 24 + line)
    words = ts.delta_words(delta, ts.format_unit(shown_format))
    session.print("                delta:  " + words)
    r.update(gaps=float(layout.gaps > 0), tmin=layout.tmin, tmax=layout.tmax, tdelta=float(delta),
             tmins=t0s, tmaxs=t1s, tdeltas=words)


def _set_time(session, ds, panel: str | None, tvar: str, opts: dict) -> None:
    fmt, period, default_tc = _chosen_format(session, ds, tvar, opts)
    shown = fmt or ds.format_of(tvar)
    unit = ts.format_unit(shown)

    def evaluate(text: str) -> float:
        from mlmcli.expr import evaluate_number

        return evaluate_number(session, text)

    delta_text = opts.get("delta")
    delta = ts.parse_delta(str(delta_text), unit, evaluate) if delta_text not in (None, True) else 1.0
    p = ds.numeric(panel) if panel else None
    ts.check_times(p, ds.numeric(tvar), delta, bool(opts.get("force")))
    if fmt:
        ds.formats[tvar] = fmt
    _sort(ds, [v for v in (panel, tvar) if v])
    _record(ds, panel, tvar, delta)
    r: dict = {}
    if opts.get("noquery"):
        r["tdelta"] = float(delta)
    else:
        shown_fmt = "%tcDDmonCCYY_HH:MM:SS.sss" if default_tc else shown
        _query(session, ds, panel, tvar, delta, shown_fmt, r)
    final = ds.format_of(tvar)
    unit1 = final[2:3]
    r.update(tsfmt=final, unit1=unit1)
    # tsset.ado's Period: the word of ``unit1'' (the format's 3rd character), "generic" without one
    # (%d), none for another character (%dM_d,_CY's M, %-td's t; a digit of %9.0g)
    name = period or (ts.UNIT_PERIODS.get(unit1, "") if unit1 else "generic")
    if name:
        r["unit"] = name
    r["timevar"] = tvar
    if panel:
        r["panelvar"] = panel
    session.set_r(r)


def _sort(ds, keys) -> None:
    from mlmcli.commands.data.manage import sort_frame

    sort_frame(ds, keys)
    ds.sortedby = tuple(keys)


def _panel_only(session, ds, panel: str, options) -> None:
    """xtset.ado's PanelSet: ``xtset panelvar`` (and the replay of a panel-only setting)."""
    if options:
        raise StataError("options not allowed unless a time variable is specified", 101)
    p = ds.numeric(panel)
    sizes = pd.Series(p).value_counts(dropna=False)
    balance = "balanced" if sizes.nunique() == 1 else "unbalanced"
    _sort(ds, [panel])
    _record(ds, panel, None)
    session.print(f"       panel variable:  {panel} ({balance})")
    ok = p[~np.isnan(p)]
    session.set_r({"balanced": balance, "panelvar": panel,
                   "imin": float(ok.min()) if ok.size else np.nan,
                   "imax": float(ok.max()) if ok.size else np.nan})


def _set(session, cmd, panel_first: bool) -> None:
    for present, what in ((cmd.if_exp, "if"), (cmd.in_range, "in range"), (cmd.weight, "weights")):
        if present is not None:
            raise StataError(f"{what} not allowed", 101)
    opts = resolve_options(cmd.options, _SPECS)
    ds = session.data
    words = cmd.args.split()
    if opts.get("clear"):  # tsset.ado: syntax [, CLEAR MI]
        extra = [k for k in opts if k not in ("clear", "mi")]
        if extra:
            raise StataError(f"option {extra[0]} not allowed", 198)
        if words:
            raise StataError("varlist not allowed", 101)
        _clear(ds)
        session.set_r({})  # an rclass program that returns nothing
        return
    if opts.get("mi"):
        raise StataError("no; data not mi set", 119)
    if len(words) > 2:
        raise StataError("too many variables specified", 103)
    names = _numeric_names(ds, words)
    if not names:  # replay the settings
        panel, tvar = panel_setting(ds), time_setting(ds)
        if panel_first and tvar is None:
            if panel is None:
                raise StataError("panel variable not set; use xtset varname ...", 459)
            _panel_only(session, ds, panel, cmd.options)
            return
        if tvar is None:
            raise StataError("time variable not set, use tsset varname ...", 111)
        opts.setdefault("delta", f"({recorded_delta(ds):.17g})")
        _set_time(session, ds, panel, tvar, opts)
        return
    if panel_first and len(names) == 1:
        _panel_only(session, ds, names[0], cmd.options)
        return
    panel, tvar = (names[0], names[1]) if len(names) == 2 else (None, names[0])
    _set_time(session, ds, panel, tvar, opts)


def cmd_xtset(session, cmd) -> None:
    """``xtset panelvar [timevar] [, options]``."""
    _set(session, cmd, panel_first=True)


def cmd_tsset(session, cmd) -> None:
    """``tsset [panelvar] timevar [, options]``."""
    _set(session, cmd, panel_first=False)


def _old_setting(session, cmd, which: str) -> None:
    """``iis [varname] [, clear]`` / ``tis [varname] [, clear]``, the panel and time
    variables' names before Stata 10 (iis.ado/tis.ado 1.2.0): a name goes to ``_dta[iis]``
    (``_dta[tis]``) and xtset's own settings are cleared, so the xt commands read the old
    name (_xt.ado's GetPanelVar/GetTimeVar); no name shows it."""
    for present, what in ((cmd.if_exp, "if"), (cmd.in_range, "in range"), (cmd.weight, "weights")):
        if present is not None:
            raise StataError(f"{what} not allowed", 101)
    opts = resolve_options(cmd.options, [OptionSpec("clear", 5)])
    ds = session.data
    words = cmd.args.split()
    key, shown = ("iis", "i()") if which == "i" else ("tis", "t()")
    if len(words) > 1:
        raise StataError("too many variables specified", 103)
    if not words:
        if opts.get("clear"):
            ds.chars.pop(key, None)
            for dropped in (("_TSpanel",) if which == "i" else ("_TSpanel", "_TSdelta")):
                ds.chars.pop(dropped, None)
            return
        name = str(ds.chars.get(key, "")).strip()
        session.print(f"{shown} is {name}" if name else f"({shown} has not been defined)")
        return
    name = _numeric_names(ds, words)[0]
    if str(ds.chars.get(key, "")).strip() == name:
        return
    for dropped in ("_TStvar", "_TSpanel", "_TSdelta", "_TSitrvl"):
        ds.chars.pop(dropped, None)
    ds.chars[key] = name


def cmd_iis(session, cmd) -> None:
    """``iis [varname] [, clear]``."""
    _old_setting(session, cmd, "i")


def cmd_tis(session, cmd) -> None:
    """``tis [varname] [, clear]``."""
    _old_setting(session, cmd, "t")
