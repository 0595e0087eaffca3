"""Listings of stored results: ``ereturn list`` (e()) and ``return list`` (r()), in
Stata's layouts (``mlmcli.render.listings``); ``matrix list`` is ``commands/program/matrix``."""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.syntax.abbreviation import abbreviates

HELP = {
    "ereturn": "ereturn list -- list e() results.",
    "return": "return list -- list r() results.",
}


def cmd_ereturn(session, cmd) -> None:
    """``ereturn list``: e() scalars, macros, matrices, functions."""
    words = cmd.args.split()
    if not words or not abbreviates(words[0], "list", 1):
        raise StataError("invalid syntax" if words else "subcommand required", 198)
    e = session.e
    if e is None:
        return
    from mlmcli.render.listings import render_results_list
    from mlmcli.results.postestimation import ResultsListing
    scalars = {k: v for k, v in e.scalars.items() if np.isscalar(v)}
    macros = dict(e.macros)
    macros.setdefault("cmd", e.cmd)
    mats = {k: v for k, v in e.matrices.items()}
    session.print(render_results_list(ResultsListing("e", _order_scalars(scalars), _order_macros(macros), mats,
                                                     ("sample",) if e.sample is not None else ())))


def _order_scalars(d: dict) -> dict:
    return dict(sorted(d.items(), key=lambda kv: (kv[0] not in ("N",), 0)))


def _order_macros(d: dict) -> dict:
    return dict(sorted(d.items(), key=lambda kv: (kv[0].startswith("_"), kv[0] not in ("cmd", "cmdline"))))


def cmd_return(session, cmd) -> None:
    """``return list``: r() of the last r-class command."""
    words = cmd.args.split()
    if not words or not abbreviates(words[0], "list", 1):
        raise StataError("invalid syntax", 198)
    from mlmcli.render.listings import render_results_list
    from mlmcli.results.matrix import Matrix
    from mlmcli.results.postestimation import ResultsListing
    scalars, macros, mats = {}, {}, {}
    for k, v in session.r.items():
        if isinstance(v, Matrix) or isinstance(v, np.ndarray):
            mats[k] = v
        elif isinstance(v, str):
            macros[k] = v
        else:
            scalars[k] = v
    text = render_results_list(ResultsListing("r", scalars, macros, mats))
    if text:
        session.print(text)
