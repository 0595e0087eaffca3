"""``predict`` after ``heckprob`` (heckpr_p):

    predict [type] newvar [if] [in] [, pmargin p11 p10 p01 p00 psel pcond xb stdp xbsel stdpsel nooffset]

With x b, z g and rho = tanh(athrho): ``pmargin`` (the default, "(option pmargin assumed;
Pr(y=1))") Phi(x b); ``p11`` Phi2(x b, z g, rho), ``p10`` Phi2(x b, -z g, -rho), ``p01``
Phi2(-x b, z g, -rho), ``p00`` Phi2(-x b, -z g, rho); ``pcond`` p11/Phi(z g); ``psel`` Phi(z g);
``xb``, ``xbsel``, ``stdp``, ``stdpsel``; labels as heckpr_p's.  ``scores`` is refused.
"""
from __future__ import annotations

import numpy as np
from scipy import special

from mlmcli.commands.postestimation.predict import one_new_variable, rows_selected, store_prediction
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options

_STATS = ("pmargin", "p11", "p10", "p01", "p00", "psel", "pcond", "xb", "stdp", "xbsel", "stdpsel")
_OPTS = [OptionSpec("p11"), OptionSpec("p10"), OptionSpec("p01"), OptionSpec("p00"), OptionSpec("pmargin", 2),
         OptionSpec("psel", 2), OptionSpec("pcond", 2), OptionSpec("xb"), OptionSpec("stdp"),
         OptionSpec("xbsel", 3), OptionSpec("stdpsel", 5), OptionSpec("nooffset", 5), OptionSpec("scores", 2)]


def predict_heckprob(session, e, cmd) -> None:
    from mlmcli.glm.bivariate_normal import cdf

    opts = resolve_options(cmd.options, _OPTS)
    if "scores" in opts:
        raise StataError("option scores not supported by mlmcli after heckprob", 198)
    chosen = [s for s in _STATS if s in opts]
    if len(chosen) > 1:
        raise StataError("invalid syntax", 198)
    stat = chosen[0] if chosen else "pmargin"
    vtype, name = one_new_variable(session, cmd)
    rows = rows_selected(session, cmd)
    model, data = e.model, session.data
    offset = not opts.get("nooffset")
    dep = e.macros["depvar"].split()
    y, sel = dep[0], (dep[1] if len(dep) > 1 else "select")
    xb, zg = model.index(data, 1, offset), model.index(data, 2, offset)
    r = np.full(data.nobs, model.rho)
    ok = np.isfinite(xb) & np.isfinite(zg)
    x0, z0 = np.where(ok, xb, 0.0), np.where(ok, zg, 0.0)
    if stat == "pmargin":
        if not chosen:
            session.print(f"(option pmargin assumed; Pr({y}=1))")
        values, label = special.ndtr(xb), f"Pr({y}=1)"
    elif stat in ("p11", "p10", "p01", "p00", "pcond"):
        sx = -1.0 if stat in ("p01", "p00") else 1.0
        sz = -1.0 if stat in ("p10", "p00") else 1.0
        values = np.where(ok, cdf(sx * x0, sz * z0, sx * sz * r), np.nan)
        if stat == "pcond":
            values, label = values / special.ndtr(zg), f"Pr({y}=1|{sel}=1)"
        else:
            label = f"Pr({y}={int(sx > 0)},{sel}={int(sz > 0)})"
    elif stat == "psel":
        values, label = special.ndtr(zg), f"Pr({sel})"
    elif stat == "xb":
        values, label = xb, f"Linear prediction of {y}"
    elif stat == "xbsel":
        values, label = zg, f"Linear prediction of {sel}"
    elif stat == "stdp":
        values, label = model.index_se(data, 1), f"S.E. of prediction of {y}"
    else:
        values, label = model.index_se(data, 2), f"S.E. of prediction of {sel}"
    store_prediction(session, name, np.where(rows, values, np.nan), vtype, label)
