"""``stbase, at(#)``: the st data as a cross-section at analysis time # (stbase.ado's BaseAt):
per subject (stset's id(); each record without it) the first entry time, the time on gaps, the
time at risk up to # and the failures up to #, and the first record's other variables; the data
are no longer st.

    stbase [if] [in], at(#) [gap(newvar) replace clear noshow nopreserve]

stbase without at() (the baseline form of multiple-record data) is in ``st_baseline_records``.
"""
from __future__ import annotations

import numpy as np

from mlmcli.commands.data.survival_settings import require_st
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options

SPECS = [OptionSpec("at", 2, takes_arg=True), OptionSpec("gap", 1, takes_arg=True), OptionSpec("clear", 5),
         OptionSpec("replace", 7), OptionSpec("nopreserve", 5), OptionSpec("noshow", 6)]


def _free_name(ds, option: str, candidates) -> str:
    """stbase.ado's MakeVar: the first candidate that is not a variable."""
    for name in candidates:
        if name and name not in ds.varnames:
            return name
    raise StataError(f"could not find variable name for {option}\n      tried:  {' '.join(c for c in candidates if c)}"
                     f"\n      specify {option} explicitly", 110)


def cmd_stbase(session, cmd) -> None:
    from mlmcli.commands import lookup
    from mlmcli.commands.survival.st_baseline_records import replace_values
    from mlmcli.commands.data.common import mark, refuse_if_changed
    from mlmcli.commands.data.survival_settings import clear_st
    from mlmcli.storage_types import compressed_type
    from mlmcli.parser import parse_command
    from mlmcli.render.survival import render_st_show
    from mlmcli.syntax.varlist import check_new_name

    ds = session.data
    desc = require_st(ds)
    opts = resolve_options(cmd.options, SPECS)
    refuse_if_changed(session, bool(opts.get("clear") or opts.get("replace")))
    if opts.get("at") is None:
        if opts.get("gap") is not None:
            raise StataError("gap() invalid without at()", 198)
        from mlmcli.commands.survival.st_baseline_records import stbase_records

        return stbase_records(session, cmd, ds, desc, not opts.get("noshow") and ds.chars.get("st_show") != "noshow")
    try:
        at = float(str(opts["at"]).strip())
    except ValueError:
        raise StataError("option at() incorrectly specified", 198) from None
    if at <= 0:
        raise StataError("at() <= 0 invalid", 198)
    gap = str(opts["gap"]).strip() if opts.get("gap") is not None else _free_name(ds, "gap()", ("gap", "gaptime"))
    check_new_name(ds, gap)
    rows = mark(session, cmd) & (ds.numeric("_st") == 1)
    t0, t, d = (ds.numeric(v).astype(float) for v in ("_t0", "_t", "_d"))
    rows &= ~(t0 >= at)
    d = np.where(t > at, 0.0, d)
    t = np.minimum(t, at)
    idx = np.flatnonzero(rows)
    idv = desc.id
    if idv:
        idx = idx[np.lexsort((t[idx], ds.df[idv].to_numpy()[idx]))]
        ids = ds.df[idv].to_numpy()[idx]
        first = np.r_[True, ids[1:] != ids[:-1]] if idx.size else np.zeros(0, bool)
        subject = np.cumsum(first) - 1
        gaps = np.where(first, 0.0, t0[idx] - np.r_[np.nan, t[idx][:-1]])
        total = lambda v: np.bincount(subject, weights=v)  # noqa: E731
        keep = idx[first]
        new_t, new_d, new_gap, new_t0 = total(t[idx] - t0[idx]), total(d[idx]), total(gaps), t0[keep]
    else:
        keep = idx
        new_t, new_d, new_gap, new_t0 = (t - t0)[idx], d[idx], np.zeros(len(idx)), t0[idx]
    work = ds.copy()
    work.take_rows(keep)
    c = ds.chars
    replace_values(work, "_t", new_t)
    replace_values(work, "_t0", new_t0)
    replace_values(work, "_d", new_d)
    work.set_variable(gap, np.asarray(new_gap, float), compressed_type(new_gap))
    work.var_labels[gap] = "time on gap"
    dropped = [v for v in dict.fromkeys([c.get("st_bt", ""), c.get("st_bt0", ""), c.get("st_bd", "")]) if v
               and v in work.varnames]
    if dropped:
        work.drop_variables(dropped)
    names = {"t": _free_name(work, " ", (c.get("st_bt", ""), "t", "time", "_t"))}
    names["t0"] = _free_name(work, " ", (c.get("st_bt0", ""), "t0", "time0", "_t0"))
    names["d"] = _free_name(work, " ", (c.get("st_bd", ""), "failure", "_d"))
    for key, old, label in (("t", "_t", "time at risk"), ("t0", "_t0", "first entry time"),
                            ("d", "_d", "number of failures")):
        if names[key] != old:  # renamed in place, as stbase.ado renames
            work.rename_variable(old, names[key])
        work.var_labels[names[key]] = label
    clear_st(work)
    censored_early = (work.numeric(names["t"]) < at) & (work.numeric(names["d"]) == 0)
    work.take_rows(~censored_early)
    work.changed = True
    if not opts.get("noshow") and ds.chars.get("st_show") != "noshow":
        session.print(render_st_show(desc))
    from mlmcli.commands.data.common import plain_number
    wv = ds.chars.get("st_wv", "")
    lines = ["", " " * 11 + f"data now cross-section at time {plain_number(at)}", "",
             "    Variable | description", "-" * 13 + "+" + "-" * 52]
    for var, text in ((idv, "subject identifier"), (names["t0"], "first entry time"), (gap, "time on gap"),
                      (names["t"], "time at risk"), (names["d"], f"number of failures during interval {names['t']}"),
                      (wv, "weight variable from original sample")):
        if var:
            lines.append(f"{var[:12]:>12} |  {text}")
    session.data = work
    session.print("\n".join(lines))
    lookup("summarize").handler()(session, parse_command(f"summarize {names['t0']} {gap} {names['t']} {names['d']}"))

