"""``predict`` after ``biprobit`` (bipr_p):

    predict [type] newvar [if] [in] [, p11 p10 p01 p00 pmarg1 pmarg2 pcond1 pcond2 xb1 xb2 stdp1 stdp2 nooffset]

With x1 b1, x2 b2 and rho = tanh(athrho): ``p11`` (the default, "(option p11 assumed;
Pr(y1=1,y2=1))") Phi2(x1 b1, x2 b2, rho), ``p10`` Phi2(x1 b1, -x2 b2, -rho), ``p01``
Phi2(-x1 b1, x2 b2, -rho), ``p00`` Phi2(-x1 b1, -x2 b2, rho); ``pmarg1``/``pmarg2`` Phi(xj bj);
``pcond1`` p11/Phi(x2 b2), ``pcond2`` p11/Phi(x1 b1); ``xb1``, ``xb2``, ``stdp1``, ``stdp2``;
labels as bipr_p's.  ``scores``, ``d1()``/``d2()`` and the equation-wise ``xb``/``stdp`` of
_pred_se are refused by name.
"""
from __future__ import annotations

import numpy as np
from scipy import special

from mlmcli.commands.postestimation.predict import one_new_variable, rows_selected, store_prediction
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options

_STATS = ("p11", "p10", "p01", "p00", "pmarg1", "pmarg2", "pcond1", "pcond2", "xb1", "xb2", "stdp1", "stdp2")
_REFUSED = ("scores", "d1", "d2", "xb", "stdp", "equation")
_OPTS = [*(OptionSpec(s) for s in _STATS), OptionSpec("nooffset", 5), OptionSpec("scores", 2),
         OptionSpec("d1", takes_arg=True), OptionSpec("d2", takes_arg=True), OptionSpec("xb"), OptionSpec("stdp"),
         OptionSpec("equation", 2, takes_arg=True)]


def predict_biprobit(session, e, cmd) -> None:
    from mlmcli.glm.bivariate_normal import cdf

    opts = resolve_options(cmd.options, _OPTS)
    for name in _REFUSED:
        if name in opts:
            raise StataError(f"option {name} not supported by mlmcli after biprobit", 198)
    chosen = [s for s in _STATS if s in opts]
    if len(chosen) > 1:
        raise StataError("invalid syntax", 198)
    stat = chosen[0] if chosen else "p11"
    vtype, name = one_new_variable(session, cmd)
    rows = rows_selected(session, cmd)
    model, data = e.model, session.data
    offset = not opts.get("nooffset")
    y1, y2 = e.macros["depvar"].split()[:2]
    m1, m2 = model.index(data, 1, offset), model.index(data, 2, offset)
    ok = np.isfinite(m1) & np.isfinite(m2)
    a1, a2 = np.where(ok, m1, 0.0), np.where(ok, m2, 0.0)
    r = np.full(data.nobs, model.rho)
    if stat in ("p11", "p10", "p01", "p00", "pcond1", "pcond2"):
        if not chosen:
            session.print(f"(option p11 assumed; Pr({y1}=1,{y2}=1))")
        s1 = -1.0 if stat in ("p01", "p00") else 1.0
        s2 = -1.0 if stat in ("p10", "p00") else 1.0
        values = np.where(ok, cdf(s1 * a1, s2 * a2, s1 * s2 * r), np.nan)
        if stat == "pcond1":
            values, label = values / special.ndtr(m2), f"Pr({y1}=1|{y2}=1)"
        elif stat == "pcond2":
            values, label = values / special.ndtr(m1), f"Pr({y2}=1|{y1}=1)"
        else:
            label = f"Pr({y1}={int(s1 > 0)},{y2}={int(s2 > 0)})"
    elif stat in ("pmarg1", "pmarg2"):
        m, y = (m1, y1) if stat == "pmarg1" else (m2, y2)
        values, label = special.ndtr(m), f"Pr({y}=1)"
    elif stat in ("xb1", "xb2"):
        values, label = (m1, f"Linear prediction of {y1}") if stat == "xb1" else (m2, f"Linear prediction of {y2}")
    else:
        j = 1 if stat == "stdp1" else 2
        values, label = model.index_se(data, j), f"S.E. of prediction of {(y1, y2)[j - 1]}"
    store_prediction(session, name, np.where(rows, values, np.nan), vtype, label)
