"""``kap rater1 rater2``: Cohen's kappa for two raters ([R] kappa).  Numbers in
``mlmcli.kappa_agreement``, the table in ``mlmcli.render.epitab``."""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options

KAP_OPTIONS = [OptionSpec("absolute", 1), OptionSpec("tab", 3), OptionSpec("wgt", 1, True)]


def cmd_kap(session, cmd) -> None:
    """``kap rater1 rater2 [if] [in] [fweight] [, wgt(I|w|w2) absolute]``: Cohen's kappa for
    two raters.  More than two raters, tab and kapwgt's user weights are not implemented
    (r(198); wgt() naming anything else is kap.ado's "kappawgt X not found" r(111))."""
    from mlmcli.commands.data.common import mark, weights
    from mlmcli.kappa_agreement import two_rater_kappa
    from mlmcli.render.epitab import render_kappa
    from mlmcli.syntax.varlist import counted_varlist

    opts = resolve_options(cmd.options, KAP_OPTIONS)
    ds = session.data
    names = counted_varlist(ds, cmd.args, 2)
    if len(names) > 2:
        raise StataError("kap with more than two raters is not available in mlm", 198)
    if opts.get("tab"):
        raise StataError("option tab not allowed", 198)
    scheme = str(opts.get("wgt") or "I").strip()
    if scheme not in ("I", "w", "w2"):
        raise StataError(f"kappawgt {scheme} not found", 111)
    for name in names:
        if ds.is_string(name):
            raise StataError("type mismatch", 109)
    rows = mark(session, cmd, names)
    rows, w, _ = weights(session, cmd, rows, ("fweight",), default="fweight")
    if rows.sum() < 2:
        raise StataError("insufficient observations", 2001)
    first, second = (ds.numeric(n)[rows] for n in names)
    absolute = bool(opts.get("absolute"))
    if absolute:
        both = np.concatenate([first, second])
        if np.any(both != np.floor(both)) or np.any(both < 1):
            raise StataError(f"{names[0]} and {names[1]} not integers 1, ..., K\n"
                             "this is required when option absolute is specified", 498)
    categories = np.unique(np.concatenate([first, second]))
    if (int(categories.max()) if absolute else categories.size) < 2:
        raise StataError("too few rating categories", 499)
    count = np.ones(first.size) if w is None else np.asarray(w, dtype=float)[rows]
    result = two_rater_kappa(first, second, count, scheme, absolute)
    session.print(render_kappa(result, scheme != "I"))
    session.set_r({"N": result.n, "prop_o": result.prop_o, "prop_e": result.prop_e, "kappa": result.kappa,
                   "z": result.z, "se": result.se})
