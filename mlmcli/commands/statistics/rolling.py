"""``rolling [exp_list] [if] [in], window(#) [recursive rrecursive stepsize(#) saving(file[,
replace double]) clear nodots] : command`` ([TS] rolling; rolling.ado 1.4.4 of the Stata 16 tree).

Steps as rolling.ado: the command runs once on the data as they are (its error stops rolling);
the exp_list defaults to _b after an estimation command (all r() scalars after an r-class one,
as statsby); per panel, the windows start at the first period of the sample and step by
stepsize() until the window's end passes the last period (recursive: the start stays at the
first period; rrecursive: the end stays at the last); each window runs ``command if
inrange(timevar, start, end)`` quietly; a failed run posts missing values (dot ``x``), a missing
value ``e``.  The results ([panelvar] start end and one variable per expression, float unless
saving(, double)) replace the data (clear, or data unchanged) or go to saving(); e() and r() are
cleared at the end.  keep(varname[, start]) adds ``date`` (the variable at each window's last or
first observation); start(#)/end(#) bound the windows.  Refused by name: reject(), noisily,
trace, dots(), weights, date strings in start()/end(), and the (name: exp) groups of an exp_list.
"""
from __future__ import annotations

import os

import numpy as np

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options, suboptions

_OPTIONS = [OptionSpec("window", 1, True), OptionSpec("recursive", 1), OptionSpec("rrecursive", 2),
            OptionSpec("stepsize", 4, True), OptionSpec("saving", 2, True), OptionSpec("clear", 5),
            OptionSpec("nodots", 6), OptionSpec("start", 2, True), OptionSpec("end", 1, True),
            OptionSpec("keep", 1, True)]
_REFUSED = ("reject", "noisily", "trace", "dots")


def _parse(session, text: str):
    from mlmcli.commands.data.common import refuse_if_changed
    from mlmcli.parser import parse_arguments
    from mlmcli.textscan import find_top

    colon = find_top(text, ":")
    if colon < 0 or not text[colon + 1:].strip():
        raise StataError("invalid syntax", 198)
    head, command = text[:colon], text[colon + 1:].strip()
    typed = parse_arguments(head, "rolling")
    if typed.weight is not None:
        raise StataError("weights with rolling are not implemented in mlmcli", 199)
    for option in typed.options:
        for name in _REFUSED:
            if OptionSpec(name, 3).matches(option.name):
                raise StataError(f"option {name}{'()' if name not in ('noisily', 'trace') else ''} of rolling "
                                 "is not implemented in mlmcli", 199)
    opts = resolve_options(typed.options, _OPTIONS)
    if opts.get("window") is None:
        raise StataError("option window() required", 198)
    window = _positive_integer(opts["window"], "window")
    stepsize = 1 if opts.get("stepsize") is None else _integer(opts["stepsize"], "stepsize")
    if stepsize < 1:  # rolling.ado's forvalues cannot step by 0 (decided: Stata's wording unread)
        raise StataError("stepsize() must be a positive integer", 198)
    if opts.get("recursive") and opts.get("rrecursive"):
        raise StataError("recursive and rrecursive are mutually exclusive options", 198)
    if "(" in (typed.args or "") and ":" in (typed.args or ""):
        raise StataError("(name: exp) groups in rolling's exp_list are not implemented in mlmcli", 199)
    saving = None
    replace = double = False
    if opts.get("saving"):
        if opts.get("clear"):
            raise StataError("clear and saving() are mutually exclusive options", 198)
        body, sub = suboptions(str(opts["saving"]))
        saving = body.strip().strip('"')
        if not os.path.splitext(saving)[1]:
            saving += ".dta"
        names = {o.name for o in sub}
        if names - {"replace", "double"}:
            raise StataError(f"option {sorted(names - {'replace', 'double'})[0]} not allowed", 198)
        replace, double = "replace" in names, "double" in names
        if not replace and os.path.exists(saving):
            raise StataError(f"file {saving} already exists", 602)
    else:
        refuse_if_changed(session, bool(opts.get("clear")))
    return typed, command, window, stepsize, opts, saving, replace, double


def _integer(text, name: str) -> int:
    try:
        value = float(str(text).strip())
    except ValueError:
        raise StataError(f"option {name}() incorrectly specified", 198) from None
    if value != int(value):
        raise StataError(f"option {name}() incorrectly specified", 198)
    return int(value)


def _positive_integer(text, name: str) -> int:
    value = _integer(text, name)
    if value <= 0:
        raise StataError(f"{name}() invalid -- invalid numlist has elements outside of allowed range", 125)
    return value


def cmd_rolling(session, cmd) -> None:
    from mlmcli.commands import lookup
    from mlmcli.commands.data.statsby import exp_list_items as _exp_list, run_on_rows as _run_on
    from mlmcli.panel.time_settings import panel_setting, time_setting, time_structure
    from mlmcli.expr import evaluate_condition, evaluate_scalar
    from mlmcli.parser import parse_command

    typed, command, window, stepsize, opts, saving, replace, double = _parse(session, cmd.args)
    ds = session.data
    tvar = time_setting(ds)
    if tvar is None:
        raise StataError("time variable not set, use tsset varname ...", 111)
    pvar = panel_setting(ds)
    panel, time, delta = time_structure(ds)
    sub = parse_command(command)
    spec = lookup(sub.name)
    if spec.name in ("bootstrap", "jackknife", "statsby", "sem", "rolling") or spec.name.startswith("svy"):
        raise StataError(f"{spec.name} is not supported by rolling", 199)
    touse = np.ones(ds.nobs, bool)
    if typed.if_exp:
        touse &= np.asarray(evaluate_condition(session, typed.if_exp), bool)
    if typed.in_range is not None:
        from mlmcli.sample import in_range_mask

        touse &= np.asarray(in_range_mask(session, typed.in_range), bool)
    touse &= ~np.isnan(time)
    handler = spec.handler()
    if not opts.get("nodots"):
        session.print(f"(running {spec.name} on estimation sample)")
    e_before = session.e
    _run_on(session, lambda: handler(session, sub), touse if not touse.all() else None, forcedrop=False, noisily=False)
    estimation = session.e is not None and session.e is not e_before
    items, _ = _exp_list(typed.args or "", session.e)
    if not items and estimation:
        items, _ = _exp_list("_b", session.e)
    elif not items:
        items = [(n, f"r({n})") for n, v in session.r.items()
                 if isinstance(v, (int, float, np.floating)) and not isinstance(v, bool)]
        if not items:
            raise StataError("expression list required", 100)
    for _, exp in items:
        evaluate_scalar(session, exp)
    panel_values = panel if panel is not None else np.zeros(ds.nobs)
    start_at, end_at = _bound(opts, "start"), _bound(opts, "end")
    if start_at is not None and end_at is not None and start_at >= end_at:
        raise StataError("option start() cannot be " + ("greater than" if start_at > end_at else "equal to")
                         + " option end()", 198)
    keep = _keep(ds, opts.get("keep"))
    rows_out: list[tuple] = []
    for pid in np.unique(panel_values[touse & ~np.isnan(panel_values)]):
        in_panel = touse & (panel_values == pid)
        first = float(np.min(time[in_panel])) if start_at is None else start_at
        finish = float(np.max(time[in_panel])) if end_at is None else end_at
        reps = int(np.ceil(((finish - first) / delta + 1 - (window - 1)) / stepsize))
        marks = []
        start = first
        while start <= finish + 1e-9:
            end_ = start + (window - 1) * delta
            if end_ > finish + 1e-9:
                break
            lo = first if opts.get("recursive") else start
            hi = finish if opts.get("rrecursive") else end_
            mask = in_panel & (time >= lo - 1e-9) & (time <= hi + 1e-9)
            values, mark = _run_window(session, handler, sub, mask, items, _run_on, evaluate_scalar)
            marks.append(mark)
            rows_out.append((pid, lo, hi, values, _kept(ds, keep, mask)))
            start += stepsize * delta
        if not opts.get("nodots"):
            session.print(_dots_text(pvar, pid, reps, marks))
    new = _results(ds, pvar, tvar, items, rows_out, double, spec.name, keep)
    session.e = None
    session.set_r({})
    if saving:
        from mlmcli.dta import write_dta

        write_dta(new, saving)
        session.print(f"file {saving} saved")  # ModifyResultsDTA's save, replace
    else:
        new.changed = True
        session.data = new


def _bound(opts, name: str) -> float | None:
    """start(#) / end(#): a time value typed as an integer (a date string is not landed)."""
    text = opts.get(name)
    if text is None:
        return None
    try:
        value = float(str(text).strip())
    except ValueError:
        raise StataError(f"option {name}() with a date string is not implemented in mlmcli; type the "
                         "time value as a number", 199) from None
    if value != int(value):
        raise StataError(f"option {name}() incorrectly specified", 198)
    return value


def _keep(ds, text) -> tuple[str, bool] | None:
    """keep(varname[, start]): the variable and whether the window's first value is kept."""
    if text is None:
        return None
    name, _, rest = str(text).partition(",")
    name = name.strip()
    if name not in ds.varnames:
        raise StataError(f"keep() invalid:  {name} does not exist", 198)
    rest = rest.strip()
    if rest and rest != "start":
        raise StataError(f"{rest} invalid in keep()", 198)
    return name, rest == "start"


def _kept(ds, keep, mask):
    """The keep() variable at the window's last (start: first) observation in the sample."""
    if keep is None:
        return None
    rows = np.flatnonzero(mask)
    if not rows.size:
        return "" if ds.is_string(keep[0]) else float("nan")
    row = rows[0] if keep[1] else rows[-1]
    column = ds.df[keep[0]]
    return column.iloc[row] if ds.is_string(keep[0]) else float(ds.numeric(keep[0])[row])


def _run_window(session, handler, sub, mask, items, run_on, evaluate_scalar):
    """One window's values and its dot (``.``; ``x`` the command failed; ``e`` a value missing)."""
    values: list[float] = []
    original = session.data
    session.data = original.copy()  # rolling.ado's preserve/restore around each run

    def run_and_collect():
        handler(session, sub)
        for _, exp in items:
            try:
                values.append(float(evaluate_scalar(session, exp)))
            except StataError:
                values.append(float("nan"))

    try:
        run_on(session, run_and_collect, mask, forcedrop=False, noisily=False)
    except StataError:
        return [float("nan")] * len(items), "x"
    finally:
        session.data = original
    return values, ("e" if any(np.isnan(v) for v in values) else ".")


def _dots_text(pvar, pid, reps: int, marks: list[str]) -> str:
    lines = []
    if pvar:
        lines += ["", f"-> {pvar} = {pid:g}"]
    lines += ["", f"Rolling replications ({reps})", "----+--- 1 ---+--- 2 ---+--- 3 ---+--- 4 ---+--- 5 "]
    for i in range(0, len(marks), 50):
        chunk = marks[i:i + 50]
        lines.append("".join(chunk).ljust(50) + f"{i + len(chunk):6d}")
    return "\n".join(lines)


def _results(ds, pvar, tvar, items, rows_out, double: bool, cmdname: str, keep=None):
    """The results dataset: [panelvar] start end and the statistics (ModifyResultsDTA's labels,
    formats and data label)."""
    import pandas as pd

    from mlmcli.commands.data.common import fit_storage
    from mlmcli.dataset import Dataset

    new = Dataset()
    columns = {}
    if pvar:
        columns[pvar] = np.array([r[0] for r in rows_out], float)
    columns["start"] = np.array([r[1] for r in rows_out], float)
    columns["end"] = np.array([r[2] for r in rows_out], float)
    if keep is not None:  # postfile's "date" (str18 for a string keep()), compressed after
        if ds.is_string(keep[0]):
            columns["date"] = np.array([str(r[4])[:18] for r in rows_out], dtype=object)
        else:
            columns["date"] = fit_storage(np.array([r[4] for r in rows_out], float), "float")
    vtype = "double" if double else "float"
    for j, (name, _) in enumerate(items):
        values = np.array([r[3][j] for r in rows_out], float)
        columns[name] = values if double else fit_storage(values, "float")
    new.df = pd.DataFrame(columns)
    ttype = ds.types.get(tvar, "float")
    tfmt = ds.format_of(tvar)
    for v in ("start", "end"):
        new.types[v], new.formats[v] = ttype, tfmt
    if pvar:
        new.types[pvar] = ds.types.get(pvar, "float")
        new.formats[pvar] = ds.format_of(pvar)
        if pvar in ds.var_labels:
            new.var_labels[pvar] = ds.var_labels[pvar]
        lab = ds.value_label_of.get(pvar)
        if lab in ds.value_labels:
            new.value_label_of[pvar] = lab
            new.value_labels[lab] = dict(ds.value_labels[lab])
    if keep is not None:
        _date_metadata(ds, new, keep[0], columns["date"])
    for name, exp in items:
        new.types[name] = vtype
        new.formats[name] = "%10.0g" if double else "%9.0g"
        new.var_labels[name] = exp[:80]
    new.label = f"rolling: {cmdname}"
    return new


def _date_metadata(ds, new, source: str, values) -> None:
    """The kept variable's type after ModifyResultsDTA's compress, and its format."""
    from mlmcli.commands.data.common import smallest_type, string_format

    if ds.is_string(source):
        width = max([len(v) for v in values] + [1])
        new.types["date"] = f"str{width}"
        new.formats["date"] = string_format(f"str{width}")
        return
    finite = values[~np.isnan(values)]
    integral = finite.size == 0 or np.all(finite == np.round(finite))
    compressed = smallest_type(values, "byte") if integral else "float"
    new.types["date"] = "float" if compressed == "double" else compressed
    new.formats["date"] = ds.format_of(source)
