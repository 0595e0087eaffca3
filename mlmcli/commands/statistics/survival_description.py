"""``stsum`` and ``stdescribe``: summaries of stset data (stsum.ado, stdescribe.ado); the
numbers from ``mlmcli.survival.settings``, the tables from ``render/survival``."""
from __future__ import annotations

import numpy as np

from mlmcli.commands.data.survival_settings import require_st
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options


def cmd_stsum(session, cmd) -> None:
    """``stsum [if] [in] [, noshow]``: time at risk, incidence rate, subjects and the survival
    time's quartiles (Kaplan-Meier), as stsum.ado; ``by()`` is refused."""
    from mlmcli.commands.data.common import mark
    from mlmcli.render.survival import render_st_show, render_stsum
    from mlmcli.survival.settings import kaplan_meier_at, survival_percentile

    ds = session.data
    desc = require_st(ds)
    opts = resolve_options(cmd.options, [OptionSpec("by", 2, takes_arg=True), OptionSpec("noshow", 6)])
    if opts.get("by") is not None:
        raise StataError("option by() not supported by mlmcli", 198)
    if cmd.args.strip():
        raise StataError("varlist not allowed", 101)
    rows = mark(session, cmd) & (ds.numeric("_st") == 1)
    t0, t, d = (ds.numeric(v)[rows] for v in ("_t0", "_t", "_d"))
    kind = ds.chars.get("st_wt", "")
    w = ds.numeric(ds.chars["st_wv"])[rows] if kind == "fweight" else np.ones(int(rows.sum()))
    risk = float((w * (t - t0)).sum())
    if desc.id:
        _, first = np.unique(ds.numeric(desc.id)[rows], return_index=True)
        subjects = float(w[first].sum())
    else:
        subjects = float(w.sum())
    rate = float((w * d).sum()) / risk if risk else float("nan")
    s = kaplan_meier_at(t0, t, d, w) if t.size else np.zeros(0)
    p25, p50, p75 = (survival_percentile(t, s, q) for q in (0.75, 0.5, 0.25))
    noshow = bool(opts.get("noshow")) or ds.chars.get("st_show") == "noshow"
    if not noshow:
        session.print(render_st_show(desc))
    session.print(render_stsum(risk, rate, subjects, p25, p50, p75))
    session.set_r({"risk": risk, "ir": rate, "N_sub": subjects, "p25": p25, "p50": p50, "p75": p75})


def cmd_stdescribe(session, cmd) -> None:
    """``stdescribe [if] [in] [, noshow]``: subjects, records, entry and exit times, gaps, time
    at risk and failures, in total and per subject (stdescribe.ado); ``weight`` is refused."""
    from mlmcli.commands.data.common import mark
    from mlmcli.render.survival import render_st_show, render_stdescribe
    from mlmcli.survival.settings import subject_description

    ds = session.data
    desc = require_st(ds)
    opts = resolve_options(cmd.options, [OptionSpec("noshow", 6), OptionSpec("weight", 1)])
    if opts.get("weight"):
        raise StataError("option weight not supported by mlmcli", 198)
    if cmd.args.strip():
        raise StataError("varlist not allowed", 101)
    rows = mark(session, cmd) & (ds.numeric("_st") == 1)
    ids = ds.numeric(desc.id)[rows] if desc.id else None
    s = subject_description(ids, *(ds.numeric(v)[rows] for v in ("_t0", "_t", "_d")))
    if not (opts.get("noshow") or ds.chars.get("st_show") == "noshow"):
        session.print(render_st_show(desc))
    session.print(render_stdescribe(s, weighted_data=bool(ds.chars.get("st_wv"))))
    r = {"N_sub": s["subjects"], "N_gap": s["subjects_with_gap"]}
    for key, stat in (("N", "records"), ("t0", "entry"), ("t1", "exit"), ("gap", "gap"), ("tr", "risk"),
                      ("f", "failures")):
        row = s[stat] if s[stat] is not None else (0.0,) + (float("nan"),) * 4
        total = {"N": "N_total", "gap": "gap", "tr": "tr", "f": "N_fail"}.get(key)
        if total:
            r[total] = row[0]
        for name, value in zip(("mean", "min", "med", "max"), row[1:]):
            r[f"{key}_{name}"] = value
    session.set_r(r)
