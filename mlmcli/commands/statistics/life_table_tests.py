"""``ltable ..., by(g) test``: ltable.ado's two tests of homogeneity across the groups, printed
after the tables -- the likelihood-ratio chi2 of equal exponential hazards (over the records the
table used, after tvid() and missing deadvar) and ``logrank t d [fw] if touse, by(g)`` (all the
records of the if/in sample: logrank's own rules, survival times must be positive).  Without
by(), test prints nothing, as in ltable.ado.
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError


def print_tests(session, by: str, timevar: str, table_rows, t, d, w, logrank_rows) -> None:
    """The two tests: ``table_rows`` are the rows the life tables used, ``logrank_rows`` the
    if/in sample with the time, deadvar and weight present."""
    from mlmcli.commands.survival.sts_test import group_texts
    from mlmcli.render.abbrev import abbrev
    from mlmcli.render.life_tables import render_homogeneity_lr, render_logrank
    from mlmcli.survival.life_tables import homogeneity_lr
    from mlmcli.survival.rank_tests import rank_test

    codes, _ = group_texts(session, [by], table_rows)
    session.print(render_homogeneity_lr(by, *homogeneity_lr(t[table_rows], d[table_rows], w[table_rows], codes)))
    tl, dl, wl = t[logrank_rows], d[logrank_rows], w[logrank_rows]
    if np.any(tl <= 0):
        raise StataError(f"survival time {timevar} <= 0", 498)
    if not np.any(dl != 0):
        raise StataError("no test possible because there are no failures", 2000)
    codes, labels = group_texts(session, [by], logrank_rows)
    result = rank_test(codes, np.zeros(tl.size), tl, (dl != 0).astype(float), wl, "logrank")
    session.print(render_logrank(abbrev(by, 12), labels, result))
    session.set_r({"df": float(result.df), "chi2": result.chi2})
