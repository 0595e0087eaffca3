"""Listings of stored results: ``ereturn list`` (e()), ``return list`` (r()) and
``matrix list e(b)|e(V)|r(name)``, in Stata's layouts (``mlmcli.render.listings``)."""
from __future__ import annotations

import re

import numpy as np

from mlmcli.commands.postestimation.estimates import format_option
from mlmcli.errors import StataError
from mlmcli.syntax.abbreviation import abbreviates
from mlmcli.syntax.options import OptionSpec, resolve_options, split_options

HELP = {
    "ereturn": "ereturn list -- list e() results.",
    "return": "return list -- list r() results.",
    "matrix": "matrix list e(b) | e(V) | r(name) [, format(%fmt)]",
}

MATRIX_LIST_OPTIONS = [OptionSpec("format", 3, takes_arg=True), OptionSpec("noheader"), OptionSpec("nohalf"),
                       OptionSpec("nonames"), OptionSpec("noblank")]


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


# ====================================================================== matrix
def cmd_matrix(session, cmd) -> None:
    """``matrix list e(b)|e(V)|r(name)|name [, format(%fmt) noheader nonames]``."""
    body, options, _ = split_options(cmd.args.strip())
    words = body.split()
    if not words:
        raise StataError("invalid syntax", 198)
    sub = words[0]
    if abbreviates(sub, "list", 1):
        if len(words) != 2:
            raise StataError("invalid syntax", 198)
        opts = resolve_options(options, MATRIX_LIST_OPTIONS)
        return _matrix_list(session, words[1], format_option(opts.get("format")) or "%10.0g")
    if sub in ("dir",):
        return
    raise StataError(f"matrix {sub} is not implemented in mlmcli", 199)


def _matrix_list(session, ref: str, fmt: str) -> None:
    from mlmcli.render.listings import render_matrix_list
    from mlmcli.results.matrix import Matrix
    from mlmcli.results.postestimation import MatrixListing
    m = re.match(r"^([er])\((\w+)\)$", ref)
    if m:
        kind, name = m.groups()
        src = (session.e.matrices if session.e is not None else {}) if kind == "e" else \
            {k: v for k, v in session.r.items() if isinstance(v, Matrix)}
        mat = src.get(name)
    else:
        mat = getattr(session, "matrices", {}).get(ref) if hasattr(session, "matrices") else None
    if mat is None:
        raise StataError(f"matrix {ref} not found", 111)
    vals = np.atleast_2d(np.asarray(mat.values, float))
    symmetric = vals.shape[0] == vals.shape[1] and vals.shape[0] > 1 and np.allclose(vals, vals.T) \
        and tuple(mat.rownames) == tuple(mat.colnames)
    session.print(render_matrix_list(MatrixListing(ref, vals, tuple(mat.rownames), tuple(mat.colnames),
                                                   symmetric=symmetric, fmt=fmt)))
