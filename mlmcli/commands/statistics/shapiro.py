"""``swilk varlist [if] [in] [, generate(newvar) lnnormal noties]`` and ``sfrancia varlist [if]
[in] [, boxcox noties]``: numbers in ``mlmcli.shapiro_tests``, tables in ``mlmcli.render.shapiro``.

As the ado files do, the sample is if/in only: each variable uses its own non-missing values.
swilk shows a string variable as a row without a test (swilk.ado tests a missing copy of it);
sfrancia refuses one with r(109) (mlm's decision: sfrancia.ado ranks it with egen, which refuses
strings).  swilk's generate() keeps the coefficients of the last variable, as swilk.ado does.
"""
from __future__ import annotations

import numpy as np

from mlmcli.commands.data.common import mark
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options


def _variables(session, cmd) -> list[str]:
    if cmd.weight is not None:
        raise StataError("weights not allowed", 101)
    names = session.data.expand_varlist(cmd.args)
    if not names:
        raise StataError("varlist required", 100)
    return names


def _abbrev(name: str) -> str:
    from mlmcli.render.abbrev import abbrev
    return abbrev(name, 12)


def _returns(t) -> dict:
    return {"N": float(t.n), "W": t.w, "V": t.v, "z": t.z, "p": t.p}


def cmd_swilk(session, cmd) -> None:
    from mlmcli.render.shapiro import render_normality_w
    from mlmcli.shapiro_tests import swilk, swilk_coefficients
    from mlmcli.syntax.varlist import check_new_name

    opts = resolve_options(cmd.options, [OptionSpec("generate", 1, takes_arg=True),
                                         OptionSpec("lnnormal", 1), OptionSpec("noties", 3)])
    names = _variables(session, cmd)
    new = opts.get("generate")
    if new is not None:
        new = new.strip()
        check_new_name(session.data, new)
    ties, lnnormal = not opts.get("noties"), bool(opts.get("lnnormal"))
    rows = mark(session, cmd, [])
    results, coefficients = [], np.full(session.data.nobs, np.nan)
    for name in names:
        if session.data.is_string(name):
            x = np.full(int(rows.sum()), np.nan)
            keep = np.zeros(session.data.nobs, bool)
        else:
            keep = rows & ~np.isnan(session.data.numeric(name))
            x = session.data.numeric(name)[keep]
        t = swilk(x, ties, lnnormal)
        results.append((_abbrev(name), t))
        coefficients = np.full(session.data.nobs, np.nan)
        if t.n >= 3 and not (lnnormal and t.n < 5):
            coefficients[keep] = swilk_coefficients(x, ties)
    n_sample = int(rows.sum())
    note = (4, 2000, "") if n_sample < 4 or n_sample > 2000 else None
    session.print(render_normality_w("swilk_ln" if lnnormal else "swilk", results, note, session.linesize))
    if new is not None:
        session.data.set_variable(new, coefficients, vtype="float")
    session.set_r(_returns(results[-1][1]))


def cmd_sfrancia(session, cmd) -> None:
    from mlmcli.render.shapiro import render_normality_w
    from mlmcli.shapiro_tests import sfrancia

    opts = resolve_options(cmd.options, [OptionSpec("boxcox"), OptionSpec("noties", 3)])
    names = _variables(session, cmd)
    for name in names:
        if session.data.is_string(name):
            raise StataError("type mismatch", 109)
    boxcox = bool(opts.get("boxcox"))
    rows = mark(session, cmd, [])
    results = []
    for name in names:
        x = session.data.numeric(name)[rows]
        results.append((_abbrev(name), sfrancia(x, not opts.get("noties"), boxcox)))
    nmin, nmax, words = (5, 1000, "Box-Cox") if boxcox else (10, 5000, "log")
    last = results[-1][1]
    note = (nmin, nmax, words) if last.n < nmin or last.n > nmax else None
    session.print(render_normality_w("sfrancia", results, note, session.linesize))
    session.set_r(_returns(last))
