"""``randomtag`` (Robert Picard, ``ssc install randomtag``): tag a random sample of exactly
``count`` observations.  A compatible implementation written from the package's ado-file
(version 1.1.0, 07sep2014):

    randomtag [if] [in] , count(#) [generate(newvar)]

The new byte variable (default ``_randomtag``; it must be new) is 1 on the picked
observations and 0 elsewhere.  As the ado-file's Mata: one uniform draw per observation of
the sample; a cutoff starting at count/N and moved by 1.05 times the shortfall over N until
the draws below it bracket ``count``; the draws below the low cutoff are picked, and the
rest are the smallest draws between the cutoffs (ties broken by a second draw, then by
position).  ``count`` larger than the sample picks every observation.  The draws are mlm's
(``set seed`` makes them reproducible), not Stata's: the sample has Stata's distribution but
other members (mlmcli.expr.random_numbers).
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.sample import mark_sample
from mlmcli.syntax.options import OptionSpec, resolve_options
from mlmcli.syntax.varlist import is_name

HELP = {"randomtag": "randomtag [if] [in] , count(#) [generate(newvar)]"}

OPTIONS = [OptionSpec("count", 1, takes_arg=True), OptionSpec("generate", 1, takes_arg=True)]


def picks(u1: np.ndarray, count: int, second_draws) -> np.ndarray:
    """Which of the draws ``u1`` (one per sample observation) the ado-file's tag_it picks;
    ``second_draws(k)``: k more uniforms, drawn only when the cutoffs do not split at count."""
    nobs = len(u1)
    count = min(nobs, count)
    cutoff = count / nobs
    n = int((u1 < cutoff).sum())
    lowcut = highcut = cutoff
    nlow = n
    if n > count:
        highcut = cutoff
        while n > count:
            cutoff -= 1.05 * (n - count) / nobs
            n = int((u1 < cutoff).sum())
        lowcut, nlow = cutoff, n
    elif n < count:
        lowcut, nlow = cutoff, n
        while n < count:
            cutoff += 1.05 * (count - n) / nobs
            n = int((u1 < cutoff).sum())
        highcut = cutoff
    if n == count:
        return u1 < cutoff
    pick = u1 < lowcut
    isub = np.flatnonzero((u1 >= lowcut) & (u1 <= highcut))
    u2 = second_draws(len(isub))
    order = np.lexsort((isub, u2, u1[isub]))  # sort on u1, then u2, then the index
    pick[isub[order[:count - nlow]]] = True
    return pick


def cmd_randomtag(session, cmd) -> None:
    from mlmcli.expr.random_numbers import generator

    ds = session.data
    if cmd.args.strip():
        raise StataError("varlist not allowed", 101)
    opts = resolve_options(cmd.options, OPTIONS)
    if opts.get("count") is None:
        raise StataError("option count() required", 198)
    try:
        count = int(str(opts["count"]).strip())
    except ValueError:
        raise StataError("option count() incorrectly specified", 198) from None
    name = str(opts.get("generate") or "_randomtag").strip()
    if not is_name(name):
        raise StataError(f"{name} invalid name", 198)
    if name in ds.varnames:
        raise StataError(f"variable {name} already defined", 110)  # confirm new variable
    if ds.nobs == 0:
        raise StataError("no observations", 2000)
    if count <= 0:
        raise StataError("nonpositive values encountered", 411)  # the ado-file's `error 411`
    touse = mark_sample(session, cmd) if (cmd.if_exp or cmd.in_range) else np.ones(ds.nobs, dtype=bool)
    rows = np.flatnonzero(touse)
    if rows.size == 0:
        raise StataError("no observations", 2000)
    rng = generator(session)
    chosen = picks(rng.random(rows.size), count, lambda k: rng.random(k))
    tag = np.zeros(ds.nobs)
    tag[rows[chosen]] = 1
    ds.set_variable(name, tag, "byte")
