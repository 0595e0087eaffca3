"""``ranksum varname [if] [in], by(groupvar) [porder]``, ``signrank varname = exp [if] [in]`` and
``kwallis varname [if] [in], by(groupvar)``: numbers in ``mlmcli.rank_tests``, output in
``mlmcli.render.rank_tests``.

ranksum's first group is the smaller value of the by variable (a string one: the first in
alphabetical order, as ``encode`` numbers it); groups show their value label, or the value as a
macro would hold it.  kwallis lists only groups with observations and, as kwallis.ado does,
refuses to run when variables ``_RankSum`` or ``_Obs`` exist.  Stata 13 has no exact p-values,
so the exact/noexact options of later Statas are refused.
"""
from __future__ import annotations

import re

import numpy as np

from mlmcli.commands.data.common import mark, single_variable
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options


def _numeric_variable(session, text: str) -> str:
    if not text.strip():
        raise StataError("varlist required", 100)
    name = single_variable(session.data, text)
    if session.data.is_string(name):
        raise StataError("type mismatch", 109)
    return name


def _by_variable(session, opts) -> str:
    if not opts.get("by"):
        raise StataError("option by() required", 198)
    return single_variable(session.data, str(opts["by"]))


def _groups(session, by: str, rows) -> tuple[np.ndarray, list, list[str]]:
    """(group value of each sample row, the values in order, their display texts)."""
    from mlmcli.commands.data.common import value_text

    ds = session.data
    if ds.is_string(by):
        g = ds.df[by].to_numpy(dtype=object)[rows].astype(str)
        values = sorted(set(g.tolist()))
        return g, values, list(values)
    g = ds.numeric(by)[rows]
    values = sorted(set(g.tolist()))
    return g, values, [ds.value_label_text(by, v) or value_text(ds, by, v, labels=False, fmt="%18.0g") for v in values]


def _grouped_sample(session, cmd, more_options):
    """ranksum's and kwallis's ``varname [if] [in], by(groupvar)``: (options, varname, groupvar,
    sample rows, _groups' result)."""
    _no_weights(cmd)
    opts = resolve_options(cmd.options, [OptionSpec("by", 2, takes_arg=True)] + more_options)
    var = _numeric_variable(session, cmd.args)
    by = _by_variable(session, opts)
    rows = mark(session, cmd, [var, by], strok=True)
    if not rows.any():
        raise StataError("no observations", 2000)
    return opts, var, by, rows, _groups(session, by, rows)


def _no_weights(cmd) -> None:
    if cmd.weight is not None:
        raise StataError("weights not allowed", 101)


def cmd_ranksum(session, cmd) -> None:
    from mlmcli.rank_tests import ranksum
    from mlmcli.render.rank_tests import render_ranksum

    opts, var, by, rows, (g, values, labels) = _grouped_sample(session, cmd, [OptionSpec("porder")])
    if len(values) == 1:
        raise StataError("1 group found, 2 required", 499)
    if len(values) > 2:
        raise StataError("more than 2 groups found, only 2 allowed", 499)
    x = session.data.numeric(var)[rows]
    t = ranksum(x[g == values[0]], x[g == values[1]])
    session.print(render_ranksum(t, by, (labels[0], labels[1]), var, bool(opts.get("porder"))))
    n = t.n1 + t.n2
    r = {"N": float(n), "N_1": float(t.n1), "N_2": float(t.n2), "sum_obs": t.sum1,
         "sum_exp": t.n1 * (n + 1) / 2, "Var_a": t.variance, "z": t.z, "p": t.p, "p_l": t.p_lower,
         "p_u": t.p_upper}
    # a string by variable: the code encode gives its first value
    r["group1"] = 1.0 if session.data.is_string(by) else float(values[0])
    if opts.get("porder"):
        r["porder"] = t.porder
    session.set_r(r)


def cmd_signrank(session, cmd) -> None:
    from mlmcli.expr import evaluate
    from mlmcli.rank_tests import signrank
    from mlmcli.render.rank_tests import render_signrank

    _no_weights(cmd)
    resolve_options(cmd.options, [])
    m = re.fullmatch(r"\s*([^=\s]+)\s*=(?!=)\s*(.+?)\s*", cmd.args or "")
    if not m:
        if "=" not in (cmd.args or ""):
            raise StataError("= expected", 198) if (cmd.args or "").strip() else StataError("varlist required", 100)
        raise StataError("invalid syntax", 198)
    var = _numeric_variable(session, m.group(1))
    expression = m.group(2)
    rows = mark(session, cmd, [var])
    other = np.asarray(evaluate(session, expression, rows))
    if other.dtype.kind not in "fiub":  # signrank y = "text": a string expression
        raise StataError("type mismatch", 109)
    other = other.astype(float)
    d = session.data.numeric(var) - other
    keep = rows & ~np.isnan(d)
    if not keep.any():
        raise StataError("no observations", 2000)
    t = signrank(d[keep])
    session.print(render_signrank(t, var, expression))
    session.set_r({"N": float(t.n), "N_pos": float(t.n_pos), "N_neg": float(t.n_neg), "N_tie": float(t.n_zero),
                   "sum_pos": t.sum_pos, "sum_neg": t.sum_neg, "Var_a": t.variance, "z": t.z, "p": t.p,
                   "p_l": t.p_lower, "p_u": t.p_upper})


def cmd_kwallis(session, cmd) -> None:
    from mlmcli.rank_tests import kwallis
    from mlmcli.render.rank_tests import render_kwallis

    _, var, by, rows, (g, values, labels) = _grouped_sample(session, cmd, [])
    if len(values) < 2:
        raise StataError("at least two populations are required", 498)
    for reserved in ("_RankSum", "_Obs"):
        if reserved in session.data.varnames:
            raise StataError(f"variable {reserved} already defined", 110)
    t = kwallis(session.data.numeric(var)[rows], g, values)
    session.print(render_kwallis(t, by, labels, session.data.is_string(by)))
    session.set_r({"chi2": t.chi2, "df": float(t.df), "chi2_adj": t.chi2_adj})
