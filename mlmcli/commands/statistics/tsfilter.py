"""``tsfilter hp [type] newvarlist|stub* = varlist [if] [in] [, smooth(#) trend(newvarlist|stub*)]``
([TS] tsfilter hp; tsfilter.ado 1.1.0 of the Stata 16 tree).  The numbers:
``mlmcli.time_series.hp_filter``.

tsfilter prints nothing; each panel is filtered separately; a sample with gaps is r(498) after
tsreport's "Number of gaps in sample" line.  Refused by name: the bk, bw and cf filters and
hp's gain() option.
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options

HELP = {"tsfilter": "tsfilter hp newvar = varname [if] [in] [, smooth(#) trend(newvar)] : Hodrick-Prescott filter"}


def _new_names(session, text: str, count: int, what: str) -> tuple[list[str], list[str]]:
    """(types, names) of a newvarlist or stub* for ``count`` variables (parseStub's messages)."""
    from mlmcli.syntax.varlist import check_new_name, parse_new_varlist

    vtype, names, stub = parse_new_varlist(text)
    if stub is not None:
        names = [f"{stub}{i}" for i in range(1, count + 1)]
    elif len(names) != count:
        raise StataError(f"number of variables in {what} must match the number in varlist", 198)
    for name in names:
        check_new_name(session.data, name)
    return [vtype or "float"] * count, names


def _series(session, words: list[str]) -> list[str]:
    from mlmcli.commands.estimation.common import operated_depvar

    names: list[str] = []
    for w in words:
        names += [operated_depvar(session.data, w)] if "." in w else session.data.expand_varlist(w)
    if len(set(names)) != len(names):
        raise StataError("duplicate names found in varlist", 198)
    return names


def _smooth(opts, unit: str) -> float:
    from mlmcli.time_series.hp_filter import default_smooth

    text = opts.get("smooth")
    if text is None:
        return default_smooth(unit)
    if len(str(text).replace(",", " ").split()) > 1:
        raise StataError("only one argument may be specified in smooth()", 198)
    try:
        value = float(str(text).strip())
    except ValueError:
        raise StataError("smooth() does not contain a number", 7) from None
    if value <= 0:
        raise StataError("smooth() must be greater than zero", 198)
    return value


def _unit(ds, tvar: str) -> str:
    from mlmcli.panel.time_settings import UNIT_PERIODS

    unit1 = ds.format_of(tvar)[2:3]
    return UNIT_PERIODS.get(unit1, "") if unit1 else "generic"


def cmd_tsfilter(session, cmd) -> None:
    from mlmcli.commands.data.common import mark, split_assignment
    from mlmcli.dataset import panel_setting, time_setting, time_structure
    from mlmcli.time_series.hp_filter import hp_trend

    words = cmd.args.split(None, 1)
    kind = words[0] if words else ""
    if kind not in ("bk", "bw", "cf", "hp"):
        raise StataError(f"filter {kind} invalid; valid values are bk, bw, cf, or hp", 198)
    if kind != "hp":
        raise StataError(f"tsfilter {kind} is not implemented in mlmcli (tsfilter hp is)", 199)
    if len(words) < 2 or "=" not in words[1]:
        raise StataError("invalid syntax, missing = sign", 198)
    if cmd.weight is not None:
        raise StataError("weights are not allowed with tsfilter", 198)
    opts = resolve_options(cmd.options, [OptionSpec("trend", 1, True), OptionSpec("smooth", 1, True),
                                         OptionSpec("gain", 1, True), OptionSpec("order", 2, True),
                                         OptionSpec("maxperiod", 3, True)])
    for name, message in (("maxperiod", "maxperiod() option is invalid with the Hodrick-Prescott filter"),
                          ("order", "order() is invalid with the Hodrick-Prescott filter")):
        if opts.get(name) is not None:
            raise StataError(message, 198)
    if opts.get("gain") is not None:
        raise StataError("option gain() of tsfilter hp is not implemented in mlmcli", 199)
    left, right = split_assignment(words[1])
    ds = session.data
    series = _series(session, right.split())
    types, names = _new_names(session, left, len(series), "namelist")
    trend_types, trend_names = ([], [])
    if opts.get("trend") is not None:
        trend_types, trend_names = _new_names(session, str(opts["trend"]), len(series), "trend()")
        if set(trend_names) & set(names):
            raise StataError("duplicate names exist between namelist and trend()", 198)
    tvar = time_setting(ds)
    if tvar is None:
        raise StataError("time variable not set, use tsset varname ...", 111)
    pvar = panel_setting(ds)
    panel, time, delta = time_structure(ds)
    panel = panel if panel is not None else np.zeros(ds.nobs)
    values = np.column_stack([ds.numeric(v) for v in series])
    touse = mark(session, cmd) & ~np.isnan(values).any(axis=1) & ~np.isnan(time)
    if not touse.any():
        raise StataError("no observations", 2000)
    if touse.sum() == 1:
        raise StataError("insufficient observations", 2001)
    smooth = _smooth(opts, _unit(ds, tvar))
    cycles = np.full((ds.nobs, len(series)), np.nan)
    groups = [np.flatnonzero(touse & (panel == p)) for p in np.unique(panel[touse])]
    for index, rows in enumerate(groups, 1):
        rows = rows[np.argsort(time[rows], kind="stable")]
        steps = np.rint(np.diff(time[rows]) / delta)
        if np.any(steps != 1):
            note = "   (gap count includes panel changes)" if pvar else ""
            session.print(f"\nNumber of gaps in sample:  {int(np.count_nonzero(steps != 1))}{note}")
            raise StataError("sample may not contain gaps", 498)
        if rows.size <= 2:
            if len(groups) > 1:
                session.print(f"note: insufficient observations for panel {index}")
                continue
            raise StataError("insufficient observations for the specified sample", 498)
        for j in range(len(series)):
            cycles[rows, j] = values[rows, j] - hp_trend(values[rows, j], smooth)
    _store(session, series, names, types, cycles, trend_names, trend_types, values, touse)
    r = {"smooth": smooth, "method": "Hodrick-Prescott", "unit": _unit(ds, tvar),
         "filterlist": " ".join(names), "varlist": " ".join(series)}
    if trend_names:
        r["trendlist"] = " ".join(trend_names)
    session.set_r({k: v for k, v in r.items() if v != ""})


def _store(session, series, names, types, cycles, trend_names, trend_types, values, touse) -> None:
    from mlmcli.commands.data.common import fit_storage

    ds = session.data
    for j, (v, name, vtype) in enumerate(zip(series, names, types)):
        ds.set_variable(name, fit_storage(cycles[:, j], vtype), vtype)
        ds.var_labels[name] = f"{v} cyclical component from hp filter"
    for j, (v, name, vtype) in enumerate(zip(series, trend_names, trend_types)):
        trend = np.where(np.isnan(cycles[:, j]), np.nan, values[:, j] - cycles[:, j])
        ds.set_variable(name, fit_storage(trend, vtype), vtype)
        ds.var_labels[name] = f"{v} trend component from hp filter"
    ds.changed = True
