"""``tsfilter hp|bk|bw|cf [type] newvarlist|stub* = varlist [if] [in] [, smooth(#) | minperiod(#)
maxperiod(#) smaorder(#) drift | maxperiod(#) order(#)] [trend(newvarlist|stub*)]`` ([TS] tsfilter hp, bk, bw, cf;
tsfilter.ado 1.1.0 of the Stata 16 tree).  The numbers: ``mlmcli.time_series.hp_filter``, ``.band_pass``.

tsfilter prints nothing; each panel is filtered separately; a sample with gaps is r(498) after
tsreport's "Number of gaps in sample" line.  bw: ``butterworth_cycle`` (Pollock 2000).  Refused by
name: the gain() option, stationary, and cf's smaorder() (its symmetric version).
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


_BK_DEFAULTS = {"yearly": (2, 8, 3), "monthly": (18, 96, 36), "weekly": (78, 416, 156),
                "daily": (548, 2920, 1095), "halfyearly": (3, 16, 6)}  # (minperiod, maxperiod, smaorder)


def _one_number(opts, name: str, many_rc: int = 198) -> float | None:
    """tsfilter.ado's checks of a one-number option (the ado's messages and codes)."""
    text = opts.get(name)
    if text is None:
        return None
    if len(str(text).replace(",", " ").split()) > 1:
        raise StataError(f"only one argument may be specified in {name}()", many_rc)
    try:
        return float(str(text).strip())
    except ValueError:
        raise StataError(f"{name}() does not contain a number", 7) from None


def _hp_setup(opts, unit: str):
    for name, message in (("maxperiod", "maxperiod() option is invalid with the Hodrick-Prescott filter"),
                          ("order", "order() is invalid with the Hodrick-Prescott filter")):
        if opts.get(name) is not None:
            raise StataError(message, 198)
    for name in ("minperiod", "smaorder", "stationary", "drift"):
        if opts.get(name) is not None:
            raise StataError(f"option {name}{'' if name in ('stationary', 'drift') else '()'} not allowed", 198)
    from mlmcli.time_series.hp_filter import hp_trend

    smooth = _smooth(opts, unit)
    return (lambda x: x - hp_trend(x, smooth)), 3, None, {"smooth": smooth, "method": "Hodrick-Prescott"}


def _bw_setup(opts, unit: str):
    """tsfilter.ado's ParseBwHp checks for bw, in its order and with its messages."""
    from mlmcli.time_series.hp_filter import BUTTERWORTH_MAXPERIOD, IllConditioned, butterworth_cycle

    if opts.get("smooth") is not None:
        raise StataError("smooth() option is invalid with the butterworth filter", 198)
    for name in ("minperiod", "smaorder", "stationary", "drift"):
        if opts.get(name) is not None:
            raise StataError(f"option {name}{'' if name in ('stationary', 'drift') else '()'} not allowed", 198)
    high = BUTTERWORTH_MAXPERIOD.get(unit, 32.0)
    if opts.get("maxperiod") is not None:
        high = _one_number(opts, "maxperiod", many_rc=200)
        if high <= 2:
            raise StataError("maxperiod() must be greater than 2", 198)
    order = 2
    if opts.get("order") is not None:
        value = _one_number(opts, "order", many_rc=200)
        if value != int(value):
            raise StataError("order() is not an integer", 198)
        if value < 1:
            raise StataError("order() must specify an integer greater than 0", 198)
        order = int(value)

    def cycle(x):
        try:
            return butterworth_cycle(x, high, order)
        except IllConditioned:
            raise StataError("large values for maxperiod() or order() have made the filter ill-conditioned",
                             498) from None

    r = {"maxperiod": float(high), "order": float(order), "method": "Butterworth"}
    return cycle, order + 1, "order of the filter is too large for the specified sample", r


def _periods(opts, unit: str, kind: str):
    """(minperiod, maxperiod, smaorder) of bk or cf: the unit's defaults, then the options."""
    for name in ("smooth", "order"):
        if opts.get(name) is not None:
            raise StataError(f"option {name}() not allowed", 198)
    if opts.get("stationary"):
        raise StataError(f"option stationary of tsfilter {kind} is not implemented in mlmcli", 199)
    low, high, order = _BK_DEFAULTS.get(unit, (6, 32, 12))
    low = _one_number(opts, "minperiod") if opts.get("minperiod") is not None else low
    high = _one_number(opts, "maxperiod") if opts.get("maxperiod") is not None else high
    if opts.get("smaorder") is not None:
        value = _one_number(opts, "smaorder")
        if value != int(value):
            raise StataError("smaorder() is not an integer", 198)
        if value < 1:
            raise StataError("smaorder() must be greater than 0", 198)
        order = int(value)
    if low < 2:
        raise StataError("minperiod() must be greater than or equal to 2", 198)
    if low >= high:
        raise StataError("minperiod() must be less than maxperiod()", 198)
    return low, high, order


def _cf_setup(opts, unit: str):
    from mlmcli.time_series.band_pass import cf_cycle

    if opts.get("smaorder") is not None:
        raise StataError("option smaorder() of tsfilter cf (the symmetric filter) is not implemented in mlmcli", 199)
    low, high, _ = _periods(opts, unit, "cf")
    drift = bool(opts.get("drift"))
    r = {"maxperiod": float(high), "minperiod": float(low), "stationary": "no", "symmetric": "no",
         "drift": "yes" if drift else "no", "method": "Christiano-Fitzgerald"}
    return (lambda x: cf_cycle(x, low, high, drift)), 2, "insufficient number of observations", r


def _bk_setup(opts, unit: str):
    from mlmcli.results.matrix import Matrix
    from mlmcli.time_series.band_pass import bk_cycle, bk_weights

    if opts.get("drift"):
        raise StataError("drift option is invalid with the Baxter-King filter", 198)
    low, high, order = _periods(opts, unit, "bk")
    weights = bk_weights(low, high, order)
    filt = Matrix(weights[:, None], tuple(f"b{i}" for i in range(order + 1)), ("Weight",))
    r = {"maxperiod": float(high), "minperiod": float(low), "smaorder": float(order), "stationary": "no",
         "method": "Baxter-King", "filter": filt}
    short = f"insufficient number of observations for symmetric, fixed-length filter with smaorder({order})"
    return (lambda x: bk_cycle(x, weights)), 2 * order + 1, short, r


def cmd_tsfilter(session, cmd) -> None:
    from mlmcli.commands.data.common import mark, split_assignment
    from mlmcli.panel.time_settings import panel_setting, time_setting, time_structure

    words = cmd.args.split(None, 1)
    kind = words[0] if words else ""
    if kind not in ("bk", "bw", "cf", "hp"):
        raise StataError(f"filter {kind} invalid; valid values are bk, bw, cf, or hp", 198)
    if len(words) < 2 or "=" not in words[1]:
        raise StataError("invalid syntax, missing = sign", 198)
    if cmd.weight is not None:
        raise StataError("weights are not allowed with tsfilter", 198)
    opts = resolve_options(cmd.options, [OptionSpec("trend", 1, True), OptionSpec("smooth", 1, True),
                                         OptionSpec("gain", 1, True), OptionSpec("order", 2, True),
                                         OptionSpec("maxperiod", 3, True), OptionSpec("minperiod", 3, True),
                                         OptionSpec("smaorder", 3, True), OptionSpec("stationary", 4),
                                         OptionSpec("drift", 1)])
    if opts.get("gain") is not None:
        raise StataError(f"option gain() of tsfilter {kind} is not implemented in mlmcli", 199)
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
    unit = _unit(ds, tvar)
    cycle_of, least, short, r = {"hp": _hp_setup, "bk": _bk_setup, "cf": _cf_setup,
                                       "bw": _bw_setup}[kind](opts, unit)
    short = short or "insufficient observations for the specified sample"
    cycles = np.full((ds.nobs, len(series)), np.nan)
    groups = [np.flatnonzero(touse & (panel == p)) for p in np.unique(panel[touse])]
    for index, rows in enumerate(groups, 1):
        rows = rows[np.argsort(time[rows], kind="stable")]
        steps = np.rint(np.diff(time[rows]) / delta)
        if np.any(steps != 1):
            note = "   (gap count includes panel changes)" if pvar else ""
            session.print(f"\nNumber of gaps in sample:  {int(np.count_nonzero(steps != 1))}{note}")
            raise StataError("sample may not contain gaps", 498)
        if rows.size < least:
            if len(groups) > 1:
                session.print(_panel_note(short, index, kind))
                continue
            raise StataError(short, 498 if kind in ("hp", "bw") else 198)  # the ados' codes
        for j in range(len(series)):
            cycles[rows, j] = cycle_of(values[rows, j])
    _store(session, series, names, types, cycles, trend_names, trend_types, values, touse, kind)
    r |= {"unit": unit, "filterlist": " ".join(names), "varlist": " ".join(series)}
    if trend_names:
        r["trendlist"] = " ".join(trend_names)
    session.set_r({k: v for k, v in r.items() if not (isinstance(v, str) and v == "")})


def _store(session, series, names, types, cycles, trend_names, trend_types, values, touse, kind) -> None:
    from mlmcli.commands.data.common import fit_storage

    ds = session.data
    for j, (v, name, vtype) in enumerate(zip(series, names, types)):
        ds.set_variable(name, fit_storage(cycles[:, j], vtype), vtype)
        ds.var_labels[name] = f"{v} cyclical component from {kind} filter"
    for j, (v, name, vtype) in enumerate(zip(series, trend_names, trend_types)):
        trend = np.where(np.isnan(cycles[:, j]), np.nan, values[:, j] - cycles[:, j])
        ds.set_variable(name, fit_storage(trend, vtype), vtype)
        ds.var_labels[name] = f"{v} trend component from {kind} filter"
    ds.changed = True


def _panel_note(message: str, index: int, kind: str) -> str:
    """The ado's note for a panel too short (by-group runs go on)."""
    if kind == "bk":
        return "note: " + message.replace(" for symmetric", f" in panel {index} for symmetric")
    if kind == "bw":
        return f"note: order of the filter is too large for panel {index}"
    return f"note: insufficient observations for panel {index}"
