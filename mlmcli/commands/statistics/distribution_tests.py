"""``ksmirnov`` (Kolmogorov-Smirnov equality-of-distributions test) and ``median`` (the
nonparametric equality-of-medians test); numbers in ``mlmcli.classic_tests.distributions``.

    ksmirnov varname = exp [if] [in]
    ksmirnov varname [if] [in], by(groupvar) [exact]
    median varname [if] [in] [fweight], by(groupvar) [exact medianties(below|above|drop)]

ksmirnov is Stata 13's: the Corrected p-value column (ksmirnov.ado under version 13), no
``corrected`` option, and no note on ties (the note of later ado files).
"""
from __future__ import annotations

import re

import numpy as np

from mlmcli.commands.data.common import mark, single_variable
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options


def cmd_ksmirnov(session, cmd) -> None:
    from mlmcli.classic_tests.distributions import one_sample, two_sample
    from mlmcli.expr import evaluate
    from mlmcli.render.abbrev import abbrev
    from mlmcli.render.distribution_tests import render_ksmirnov
    from mlmcli.results.classic_tests import KolmogorovSmirnov

    if cmd.weight is not None:
        raise StataError("weights not allowed", 101)
    ds = session.data
    opts = resolve_options(cmd.options, [OptionSpec("by", 2, takes_arg=True), OptionSpec("onesamp", 1),
                                         OptionSpec("exact", 1)])
    m = re.fullmatch(r"\s*([^=\s]+)\s*=(?!=)\s*(.+?)\s*", cmd.args or "")
    x = single_variable(ds, m.group(1) if m else cmd.args)
    by = single_variable(ds, str(opts["by"])) if opts.get("by") else None
    rows = mark(session, cmd, [x] + ([by] if by else []), strok=True)
    if ds.is_string(x):
        raise StataError(f"{x} found where numeric variable expected", 7)  # confirm numeric variable
    cdf = np.asarray(evaluate(session, m.group(2), rows), dtype=float) if m else None
    if not rows.any():
        raise StataError("no observations", 2000)
    v = ds.numeric(x)[rows]
    if by:
        if m:
            raise StataError("invalid syntax", 198)
        g, levels, names = _two_groups(ds, by, rows)
        d1, d2, p1, p2, d, p, last = two_sample(v[g == levels[0]], v[g == levels[1]], bool(opts.get("exact")))
        title = ("Two-sample Kolmogorov-Smirnov test for equality of distribution functions",)
    else:
        if opts.get("exact") or m is None:
            raise StataError("invalid syntax", 198)
        f = cdf[rows]
        if np.isnan(f).any():
            raise StataError("=exp evaluate to missing in some or all observations\n"
                             f"=exp should evaluate to cumulative density evaluated at {x}", 450)
        d1, d2, p1, p2, d, p, last = one_sample(v, f)
        names = (abbrev(x, 12), "Cumulative")
        title = ("One-sample Kolmogorov-Smirnov test against theoretical distribution", " " * 11 + m.group(2))
    result = KolmogorovSmirnov(title, (names[0], names[1]), (d1, d2), (p1, p2), d, p, last, bool(opts.get("exact")))
    session.print(render_ksmirnov(result))
    r = {"group1": names[0], "group2": names[1], "D_1": d1, "D_2": d2, "p_1": p1, "p_2": p2, "D": d, "p": p}
    r["p_exact" if opts.get("exact") else "p_cor"] = last
    session.set_r(r)


def _two_groups(ds, by: str, rows):
    """The by variable's two values on the sample (``by takes on # values, not 2`` otherwise) and
    the names ksmirnov gives them: the value label or value, a string's value, 16 characters."""
    from mlmcli.commands.data.common import value_text

    if ds.is_string(by):
        g = ds.df[by].to_numpy(dtype=object)[rows].astype(str)
        levels = sorted(set(g.tolist()))
        names = [s[:16] for s in levels]
    else:
        g = ds.numeric(by)[rows]
        levels = sorted(set(g.tolist()))
        names = [(ds.value_label_text(by, u) or value_text(ds, by, u, labels=False, fmt="%18.0g"))[:16]
                 for u in levels]
    if len(levels) != 2:
        raise StataError(f"{by} takes on {len(levels)} values, not 2", 450)
    return g, levels, names
