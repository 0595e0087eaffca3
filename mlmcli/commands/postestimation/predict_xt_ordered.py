"""``predict`` after ``xtologit`` and ``xtoprobit``:

    predict [type] {stub*|newvar|newvarlist} [if] [in] [, {pr|pu0|xb|stdp} outcome(outcome) nooffset]

``pr`` (the default): Pr(depvar = outcome) integrated over u_i ~ N(0, sigma2_u) (the glmm
engine's ``marginal`` prediction); ``pu0``: the same with u_i = 0, F(kappa_k - xb) -
F(kappa_{k-1} - xb); without ``outcome()`` one new variable is the first outcome, K new
variables (or ``stub*``) all of them.  ``xb`` and ``stdp``: the linear prediction of the slopes
(no cutpoints) and its standard error.  The statistic list is [XT] xtologit postestimation's
(docs/xtologit.md: which of pr/pu0 Stata 13 itself offered is not verified)."""
from __future__ import annotations

import numpy as np

from mlmcli.commands.postestimation.predict import rows_selected, store_prediction
from mlmcli.commands.postestimation.predict_me import outcome_index, new_variable_names
from mlmcli.errors import StataError
from mlmcli.estimation.rows import PredictionRows
from mlmcli.syntax.options import OptionSpec, resolve_options
from mlmcli.syntax.varlist import check_new_name, parse_new_varlist

_SPECS = [OptionSpec("pr", 2), OptionSpec("pu0", 3), OptionSpec("xb", 2), OptionSpec("stdp", 4),
          OptionSpec("outcome", 3, takes_arg=True), OptionSpec("nooffset", 5)]


def predict_xt_ordered(session, e, cmd) -> None:
    opts = resolve_options(cmd.options, _SPECS)
    chosen = [s for s in ("pr", "pu0", "xb", "stdp") if opts.get(s)]
    if len(chosen) > 1:
        raise StataError("only one statistic may be specified", 198)
    stat = chosen[0] if chosen else "pr"
    if stat in ("xb", "stdp") and "outcome" in opts:
        raise StataError("option outcome() not allowed", 198)
    vtype, names, stub = parse_new_varlist(cmd.args)
    fit = e.model
    cats = list(fit.spec.fixed.categories)
    if stat in ("pr", "pu0") and "outcome" not in opts:
        k = len(cats)
        if stub is not None:
            names = new_variable_names(names, stub, k)
        if len(names) not in (1, k):
            raise StataError(f"you must specify 1 or {k} new variables", 102 if len(names) < k else 103)
        wanted = [1] if len(names) == 1 else list(range(1, k + 1))
    else:
        if stub is not None or len(names) != 1:
            raise StataError("too many variables specified" if len(names) > 1 else "invalid syntax",
                             103 if len(names) > 1 else 198)
        wanted = [outcome_index(e, str(opts["outcome"]))] if "outcome" in opts else []
    for name in names:
        check_new_name(session.data, name)
    if not chosen:
        session.print("(option pr assumed; predicted probabilities)")
    rows_wanted = rows_selected(session, cmd)
    rows = PredictionRows(session, e, None, nooffset=bool(opts.get("nooffset")))
    nooffset = bool(opts.get("nooffset"))
    depvar = e.macros["depvar"]
    if stat in ("xb", "stdp"):
        vals = np.asarray(fit.predict(stat, rows, nooffset=nooffset), float)
        label = "Linear prediction" if stat == "xb" else "S.E. of the linear prediction"
        return store_prediction(session, names[0], np.where(rows_wanted, vals, np.nan), vtype, label)
    kw = dict(marginal=True, points=None) if stat == "pr" else dict(fixedonly=True)
    for name, k in zip(names, wanted):
        vals = np.asarray(fit.predict("pr", rows, outcome=k, nooffset=nooffset, **kw), float)
        c = cats[k - 1]
        text = str(int(c)) if float(c).is_integer() else f"{c:g}"
        label = f"Pr({depvar}=={text})" + (" assuming u_i=0" if stat == "pu0" else "")
        store_prediction(session, name, np.where(rows_wanted, vals, np.nan), vtype, label)
