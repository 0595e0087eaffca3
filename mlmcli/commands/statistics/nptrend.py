"""``nptrend``: Cuzick's test for trend across ordered groups ([R] nptrend, Stata 13), as
nptrend.ado.

    nptrend varname [if] [in], by(groupvar) [nodetail nolabel score(scorevar)]

The groups are the values of groupvar in sorted order (a string groupvar: its sorted values,
scored 1, 2, ...); a group's score is groupvar's value or score()'s value (nptrend.ado takes
one observation's, undefined which when it varies within a group: mlm takes the group's last
observation in data order).  Output: the list of group, score, obs and sum of ranks (list's
clean layout, as nptrend.ado lists them), then z and Prob > |z|; r(N), r(T), r(z), r(p).
"""
from __future__ import annotations

import numpy as np

from mlmcli.commands.data.common import mark, single_variable, value_text
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options

OPTIONS = [OptionSpec("by", 2, True), OptionSpec("nodetail", 5), OptionSpec("nolabel", 3),
           OptionSpec("score", 1, True)]


def cmd_nptrend(session, cmd) -> None:
    from mlmcli.trend_test import cuzick

    if cmd.weight is not None:
        raise StataError("weights not allowed", 101)
    opts = resolve_options(cmd.options, OPTIONS)
    if opts.get("nodetail") and opts.get("nolabel"):
        raise StataError("options nodetail and nolabel may not be combined", 198)
    if not isinstance(opts.get("by"), str):
        raise StataError("option by() required", 198)
    ds = session.data
    y = single_variable(ds, cmd.args)
    if ds.is_string(y):
        raise StataError("type mismatch", 109)
    by_names = ds.expand_varlist(opts["by"])
    if len(by_names) != 1:
        raise StataError("too many variables specified" if by_names else "varlist required", 103 if by_names else 100)
    by = by_names[0]
    score_var = single_variable(ds, opts["score"]) if isinstance(opts.get("score"), str) else None
    if score_var is not None and ds.is_string(score_var):
        raise StataError("type mismatch", 109)
    rows = mark(session, cmd, [y, by] + ([score_var] if score_var else []), strok=True)
    if not rows.any():
        raise StataError("no observations", 2000)
    if ds.is_string(by):
        raw = ds.df[by].to_numpy(dtype=object)[rows]
        levels = sorted(set(raw))
        index = {v: i for i, v in enumerate(levels)}
        group = np.array([index[v] for v in raw])
        level_values = list(levels)
    else:
        raw = ds.numeric(by)[rows]
        levels = np.unique(raw)
        group = np.searchsorted(levels, raw)
        level_values = [float(v) for v in levels]
    if score_var is None:
        scores = np.arange(1.0, len(levels) + 1) if ds.is_string(by) else np.asarray(levels, float)
    else:
        s = ds.numeric(score_var)[rows]
        scores = np.array([s[group == g][-1] for g in range(len(levels))])
    result = cuzick(ds.numeric(y)[rows], group, scores)
    lines = []
    if not opts.get("nodetail"):
        from mlmcli.render.data_list import render_list
        from mlmcli.render.numfmt import format_number
        from mlmcli.results.data import ListColumn, ListTable

        labels = not opts.get("nolabel")
        by_cells = [v if isinstance(v, str) else value_text(ds, by, v, labels=labels, fmt="%10.0g")
                    for v in level_values]
        columns = (ListColumn(by, by_cells, min_width=10),
                   ListColumn("score", [format_number(v, "%10.0g").strip() for v in result.scores], min_width=10),
                   ListColumn("obs", [format_number(v, "%10.0g").strip() for v in result.counts], min_width=10),
                   ListColumn("sum of ranks", [format_number(v, "%12.0g").strip() for v in result.rank_sums],
                              min_width=12))
        lines.append(render_list(ListTable(columns, tuple(range(1, len(levels) + 1)), show_obs=False, clean=True,
                                           abbreviate=12)))
    from mlmcli.render.numfmt import format_number

    lines += ["", "          z  = " + format_number(result.z, "%5.2f"),
              "  Prob > |z| = " + format_number(result.p, "%5.3f")]
    session.print("\n".join(lines))
    session.set_r({"N": float(result.N), "T": result.T, "z": result.z, "p": result.p})
