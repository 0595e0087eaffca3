"""``estat sd [, verbose post coeflegend]`` after meqrlogit and meqrpoisson (and xtmelogit,
xtmepoisson): Stata 16's ``_xtme_estat`` SD -- the command's own table again with
``stddev noheader nogroup nolrtest`` (``nofetable`` unless ``verbose``), then
``_gsem_ret_sd``'s r(b), r(V), r(table) and r(level) from the sd metric (``id:sd(_cons)``,
``id:corr(x,_cons)``: exp of the ln sd's, tanh of the atanh correlations, V by the delta
method, as ``estimation.variance_metric`` gives mixed's).  ``post`` puts that b and V in e()
(e(cmd) ``estat sd``, e(cmd2) the command) and shows the whole table; ``variance`` is
refused (r(198), only mixed and menl take it); ``coeflegend`` without ``post`` is SD's
``syntax [, NULLOP]`` on it (r(198))."""
from __future__ import annotations

import dataclasses

import numpy as np

from mlmcli.errors import StataError


def _kinds(names) -> list[str]:
    """fixed | sd | corr per column of the sd metric (``me_sd_metric.table_rows``' kinds)."""
    out = []
    for name in names:
        label = name.partition(":")[2]
        out.append("sd" if label.startswith("sd(") else "corr" if label.startswith("corr(") else "fixed")
    return out


def qr_estat_sd(session, e, opts: dict) -> None:
    from mlmcli.commands.estimation.meqr import display
    from mlmcli.estimation.variance_metric import posted_metric
    from mlmcli.postest.me_sd_metric import table_rows
    from mlmcli.results.matrix import Matrix

    if opts.get("variance"):
        raise StataError("option variance not allowed", 198)
    post = bool(opts.get("post"))
    if opts.get("coeflegend") and not post:
        raise StataError("option coeflegend not allowed", 198)
    if opts.get("coeflegend"):
        raise StataError("estat sd, post coeflegend after meqrlogit and meqrpoisson is not available in mlmcli", 198)
    verbose = post or bool(opts.get("verbose"))
    posted = posted_metric(e, residual=False)
    names = tuple(posted.matrices["b"].colnames)
    b = posted.matrices["b"].values.ravel()
    V = posted.matrices["V"].values
    kinds = _kinds(names)
    level = float(e.result.level)
    display(session, e, {"stddeviations": True, "noheader": True, "nogroup": True, "nolrtest": True,
                         "nofetable": not verbose})
    keep = list(range(len(names))) if verbose else [i for i, k in enumerate(kinds) if k != "fixed"]
    sub = tuple(names[i] for i in keep)
    T = table_rows(b, V, kinds, level)[:, keep]
    r = {"b": Matrix(b[None, keep], ("y1",), sub), "V": Matrix(V[np.ix_(keep, keep)], sub, sub),
         "table": Matrix(T, ("b", "se", "z", "pvalue", "ll", "ul", "df", "crit", "eform"), sub), "level": level}
    if post:
        macros = {"cmd": "estat sd", "cmd2": e.cmd, "properties": "b V", "depvar": e.macros.get("depvar", "")}
        session.e = dataclasses.replace(posted, cmd="estat sd", macros=macros,
                                        matrices={"b": posted.matrices["b"], "V": posted.matrices["V"]})
    session.set_r(r)
