"""``predict`` after sureg and mvreg (reg3_p.ado with _pred_me, Stata 16 tree).

    predict [type] newvar [if] [in] [, equation(eqno[,eqno]) xb stdp residuals difference stddp]

equation() names an equation (``#2`` or its name; default the first).  xb (the default: "(option
xb assumed; fitted values)"), stdp sqrt(x V x'), residuals depvar - xb, difference xb_1 - xb_2
and stddp its standard error need the two equations of equation(#a,#b).  Variable labels of
residuals and difference are reg3_p's; xb's "Fitted values", stdp's "S.E. of prediction" and
stddp's "S.E. of difference" are _predict's for one equation (decided without a Stata log).
"""
from __future__ import annotations

import numpy as np

from mlmcli.commands.postestimation.predict import one_new_variable, rows_selected, store_prediction
from mlmcli.errors import StataError

_NAMES = (("xb", 2), ("stdp", 4), ("residuals", 1), ("difference", 3), ("stddp", 5))


def predict_reg3(session, e, cmd) -> None:
    from mlmcli.syntax.abbreviation import resolve_choice

    eq_text = None
    chosen = []
    for o in cmd.options:
        low = o.name
        if len(low) >= 1 and "equation".startswith(low) and o.arg is not None:
            eq_text = o.arg
            continue
        name = resolve_choice(low, _NAMES)
        if name is None or o.arg is not None:
            raise StataError(f"option {o.name} not allowed", 198)
        chosen.append(name)
    if len(set(chosen)) > 1:
        raise StataError("only one of xb, stdp, residuals, difference, stddp may be specified", 198)
    stat = chosen[0] if chosen else "xb"
    model = e.model
    parts = [p.strip() for p in (eq_text or "").split(",")] if eq_text else []
    if len(parts) > 2:
        raise StataError("invalid syntax", 198)
    k1 = model.equation_index(parts[0]) if parts else 0
    k2 = model.equation_index(parts[1]) if len(parts) == 2 else None
    if stat in ("difference", "stddp") and k2 is None:
        raise StataError(f"option {stat} must be specified with option equation()\n  You should specify 2 "
                         "equations using the syntax equation(#a,#b)", 198)
    vtype, name = one_new_variable(session, cmd)
    rows = rows_selected(session, cmd)
    b = e.matrices["b"].values.ravel()
    V = e.matrices["V"].values
    xb1, G1 = model.linear_prediction(session.data, k1, b, V)
    eq1 = model.eqnames[k1]
    if stat == "xb":
        values, label = xb1, "Fitted values"
    elif stat == "stdp":
        values, label = np.sqrt(np.einsum("ij,jk,ik->i", G1, V, G1)), "S.E. of prediction"
    elif stat == "residuals":
        values, label = session.data.numeric(model.depvars[k1]) - xb1, f"Residuals: {eq1}"
    else:
        xb2, G2 = model.linear_prediction(session.data, k2, b, V)
        D = G1 - G2
        if stat == "difference":
            values, label = xb1 - xb2, f"Fitted diff.: {eq1} - {model.eqnames[k2]}"
        else:
            values, label = np.sqrt(np.einsum("ij,jk,ik->i", D, V, D)), "S.E. of difference"
    if not chosen:
        session.print("(option xb assumed; fitted values)")
    store_prediction(session, name, np.where(rows, values, np.nan), vtype, label)
