"""``stci``: confidence intervals for percentiles and means of survival time (stci.ado); the
numbers from ``mlmcli.survival.survival_times``, the table from ``render/st_tools``.

    stci [if] [in] [, by(varlist) median | p(#) | rmean | emean  ccorr dd(#) level(#) noshow]

graph (emean's plot of the extended survivor function) and tmax() are refused: mlm draws no
stci graph.
"""
from __future__ import annotations

import numpy as np

from mlmcli.commands.data.survival_settings import require_st
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options

SPECS = [OptionSpec("by", 2, takes_arg=True), OptionSpec("ccorr", 2), OptionSpec("emean", 1), OptionSpec("median", 1),
         OptionSpec("p", 1, takes_arg=True), OptionSpec("rmean", 1), OptionSpec("noshow", 6),
         OptionSpec("level", 1, takes_arg=True), OptionSpec("tmax", 1, takes_arg=True),
         OptionSpec("dd", 2, takes_arg=True), OptionSpec("graph", 1)]


def _subjects(ds, desc, rows) -> float:
    if desc.id:
        return float(len(np.unique(ds.numeric(desc.id)[rows])))
    return float(rows.sum())


def cmd_stci(session, cmd) -> None:
    from mlmcli.commands.data.common import mark, value_text
    from mlmcli.commands.survival.st_rates import dd_option, group_codes
    from mlmcli.render.st_tools import render_stci
    from mlmcli.render.survival import render_st_show
    from mlmcli.survival.survival_times import percentile, restricted_mean
    from mlmcli.syntax.options import confidence_level

    ds = session.data
    desc = require_st(ds)
    opts = resolve_options(cmd.options, SPECS)
    if ds.chars.get("st_wv"):
        raise StataError("weights not allowed", 101)
    dd = dd_option(opts)
    if dd != -100 and not 0 <= dd <= 8:
        raise StataError("option dd() must be between 0 and 8", 198)
    p = None
    if opts.get("p") is not None:
        try:
            p = float(str(opts["p"]).strip())
        except ValueError:
            raise StataError("option p() incorrectly specified", 198) from None
        if p != int(p) or not 0 < p < 100:
            raise StataError("p() invalid -- invalid numlist has elements outside of allowed range", 125)
    kinds = [k for k in ("emean", "median", "rmean") if opts.get(k)] + (["p"] if p is not None else [])
    if len(kinds) > 1:
        raise StataError("only one of options rmean, median, emean, or p() may be specified at a time", 198)
    kind = kinds[0] if kinds else "median"
    if kind == "p" and p == 50:
        kind = "median"
    if opts.get("ccorr") and kind != "rmean":
        raise StataError("option ccorr allowed only with option rmean", 198)
    if opts.get("graph"):
        if kind != "emean":
            raise StataError("option graph allowed only with option emean", 198)
        raise StataError("option graph not supported by mlmcli (stci draws no graph)", 198)
    if opts.get("tmax") is not None:
        raise StataError("option tmax() allowed only with option graph", 198)
    level = confidence_level(opts, getattr(session, "level", 95.0))
    by = ds.expand_varlist(str(opts["by"])) if opts.get("by") is not None else []
    rows = mark(session, cmd, by, strok=True) & (ds.numeric("_st") == 1)
    t0, t, d = (ds.numeric(v) for v in ("_t0", "_t", "_d"))

    def stats(sel):
        subjects = _subjects(ds, desc, sel)
        if kind in ("median", "p"):
            return percentile(t0[sel], t[sel], d[sel], subjects, 50.0 if kind == "median" else p, level)
        return restricted_mean(t0[sel], t[sel], d[sel], subjects, level, bool(opts.get("ccorr")), kind == "emean")

    groups = []
    if by:
        codes = group_codes(ds, by, rows)
        idx = np.flatnonzero(rows)
        for g in range(int(codes.max()) + 1 if codes.size else 0):
            sel = np.zeros(ds.nobs, bool)
            sel[idx[codes == g]] = True
            first = int(idx[codes == g][0])
            words = [str(ds.df[v].iloc[first]).strip()[:8] if ds.is_string(v)
                     else value_text(ds, v, float(ds.numeric(v)[first]))[:8] for v in by]
            groups.append((words, stats(sel)))
    total = stats(rows)
    if not opts.get("noshow") and ds.chars.get("st_show") != "noshow":
        session.print(render_st_show(desc))
    session.print(render_stci(kind, int(p) if p is not None else 50, by, groups, total, level=level, dd=dd))
    r = {"N_sub": total.subjects}
    if kind in ("median", "p"):
        r.update({f"p{int(p) if kind == 'p' else 50}": total.estimate, "se": total.std_error, "lb": total.lower,
                  "ub": total.upper})
    elif kind == "rmean":
        r.update({"rmean": total.estimate, "se": total.std_error, "lb": total.lower, "ub": total.upper})
    else:
        r["emean"] = total.estimate
    session.set_r(r)
