"""``predict`` after ``ml`` (ml_p): ``predict [type] newvar [if] [in] [, xb stdp
equation(eqno|eqname) nooffset]``.

xb (the default) is the linear predictor of the equation (the first unless equation(#k) or
equation(name)) in every observation where its covariates are not missing, out of sample too;
stdp its standard error from e(V); ``scores`` the equation-level scores ``ml score`` gives
(commands/estimation/ml_tools.py).  A program's own statistics need its own predict program
(refused here: ml_p offers only these).
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options

_OPTS = [OptionSpec("xb", 2), OptionSpec("stdp", 4), OptionSpec("equation", 2, takes_arg=True),
         OptionSpec("nooffset", 7), OptionSpec("scores", 5)]


def _equation(e, text) -> int:
    return e.model.equation_index(text)


def predict_ml(session, e, cmd) -> None:
    from mlmcli.commands.postestimation.predict import one_new_variable, rows_selected, store_prediction

    opts = resolve_options(cmd.options, _OPTS)
    if "scores" in opts:
        from mlmcli.commands.estimation.ml_tools import store_scores

        if "xb" in opts or "stdp" in opts:
            raise StataError("only one of xb, stdp or scores may be specified", 198)
        return store_scores(session, e, cmd.args, opts.get("equation"), rows_selected(session, cmd))
    if "xb" in opts and "stdp" in opts:
        raise StataError("only one of xb or stdp may be specified", 198)
    vtype, name = one_new_variable(session, cmd)
    j = _equation(e, opts.get("equation"))
    eq_name, xvars, constant, offset, exposure = e.model.equations[j]
    data = session.data
    design = (getattr(e.model, "factor_designs", None) or [None] * (j + 1))[j]
    if design is not None:  # factor variables: the estimable columns rebuilt on every row
        X = design.columns(data)
        names = [f"{eq_name}:{v}" for v in design.column_names]
    else:
        columns = [data.numeric(v) for v in xvars] + ([np.ones(data.nobs)] if constant else [])
        X = np.column_stack(columns)
        names = [f"{eq_name}:{v}" for v in xvars + (["_cons"] if constant else [])]
    colnames = list(e.matrices["b"].colnames)
    idx = [colnames.index(n) if n in colnames else colnames.index(n.replace(":", ":o.", 1)) for n in names]
    b = np.asarray(e.matrices["b"].values, float).ravel()[idx]
    with np.errstate(all="ignore"):
        if "stdp" in opts:
            V = np.asarray(e.matrices["V"].values, float)[np.ix_(idx, idx)]
            values = np.sqrt(np.einsum("ij,jk,ik->i", X, V, X))
            label = "S.E. of the prediction"
        else:
            values = X @ b
            if offset is not None and "nooffset" not in opts:
                off = data.numeric(offset)
                values = values + (np.log(off) if exposure else off)
            label = "Linear prediction"
    rows = rows_selected(session, cmd)
    values = np.where(rows & np.isfinite(values), values, np.nan)
    store_prediction(session, name, values, vtype, label)
