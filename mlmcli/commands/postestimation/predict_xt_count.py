"""``predict`` after ``xtpoisson, re`` (e(predict) xtpoisson_re_p) and ``fe`` (xtcnt_p); Stata's xtcnt_p:

    predict [type] newvar [if] [in] [, xb stdp nu0 iru0 pr0(n) pr0(a,b) nooffset]

pr0(n) and pr0(a,b) are tpredict_p2's count probabilities of Poisson(exp(x b + offset)), the
random effect at 0 (``predict_count_probabilities``); xtcnt_p refuses pr() after a random-effects
model ("the pr() option in xtpoisson is only allowed for population-averaged models" r(198)) and
a pr0() beside another statistic (its ``error 198``), and pr0() after fe ("the pr0() option is allowed
only for random-effects models" r(198)).  After ``re normal`` (a GLMM fit) xtcnt_p's
nu0 (exp(xb + offset)), iru0 (exp(xb)) and nooffset are made here from the fit's x b and its
offset or exposure; everything else is the generic predict's.
"""
from __future__ import annotations

from mlmcli.errors import StataError, option_not_allowed


def predict_xt_poisson_re(session, e, cmd) -> None:
    """xtcnt_p after ``xtpoisson, re`` and ``fe`` (see the module docstring)."""
    from mlmcli.commands.postestimation.predict import predict_generic, rows_selected

    typed = {o.name: o for o in cmd.options}
    if "pr" in typed and typed["pr"].arg is not None:
        raise StataError("the pr() option in xtpoisson is only allowed for population-averaged models", 198)
    if "pr0" in typed and e.macros.get("model") != "re":  # xtpoisson, fe (e(predict) xtcnt_p)
        raise StataError("the pr0() option is allowed only for random-effects models", 198)
    probability = typed.get("pr0")
    if probability is None:
        if hasattr(e.model, "spec"):  # re normal: the GLMM fit
            return _normal_counts(session, e, cmd, predict_generic)
        return predict_generic(session, e, cmd)
    if probability.arg is None:
        raise StataError("option pr0 incorrectly specified", 198)
    nooffset = False
    for name, option in typed.items():
        if name == "pr0":
            continue
        if len(name) >= 5 and "nooffset".startswith(name):
            nooffset = True
        elif len(name) >= 4 and "stdp".startswith(name):  # _pred_se hands both to _predict
            raise option_not_allowed("pr0", probability.arg)
        elif name in ("xb", "nu0", "iru0"):
            raise StataError("invalid syntax", 198)
        else:
            raise option_not_allowed(option.name, option.arg)
    from mlmcli.commands.postestimation.predict_count_probabilities import predict_count_probability

    eta = normal_xb(session, e, nooffset) if hasattr(e.model, "spec") else None  # re normal: its own x b
    predict_count_probability(session, e, cmd, probability.arg, {"nooffset": nooffset}, rows_selected(session, cmd),
                              eta)


def _normal_counts(session, e, cmd, predict_generic) -> None:
    """xb, nu0, iru0 (and nooffset) after ``xtpoisson, re normal``; other statistics generic."""
    import numpy as np

    from mlmcli.commands.postestimation.predict import one_new_variable, rows_selected, store_prediction
    from mlmcli.syntax.abbreviation import resolve_choice

    names = [(o, resolve_choice(o.name, (("xb", 2), ("nu0", 3), ("iru0", 4), ("nooffset", 5))))
             for o in cmd.options]
    if not any(name in ("nu0", "iru0", "nooffset") for _, name in names):
        return predict_generic(session, e, cmd)
    for option, name in names:
        if name is None or option.arg is not None:
            raise option_not_allowed(option.name, option.arg)
    stats = [name for _, name in names if name != "nooffset"]
    if len(stats) > 1:
        raise StataError("invalid syntax", 198)
    stat = stats[0] if stats else "xb"
    nooffset = any(name == "nooffset" for _, name in names)
    vtype, name = one_new_variable(session, cmd)
    rows = rows_selected(session, cmd)
    xb = normal_xb(session, e, nooffset or stat == "iru0")
    if not stats:
        session.print("(option xb assumed; linear prediction)")
    label = {"xb": "Linear prediction", "nu0": "Predicted number of events (assuming u_i=0)",
             "iru0": "Predicted incidence rate (assuming u_i=0)"}[stat]
    values = xb if stat == "xb" else np.exp(xb)
    store_prediction(session, name, np.where(rows, values, np.nan), vtype, label)


def normal_xb(session, e, nooffset: bool):
    """x b of ``xtpoisson, re normal`` on every row, with its offset (or ln exposure) unless
    ``nooffset``."""
    import numpy as np

    from mlmcli.estimation.rows import PredictionRows
    from mlmcli.glmm.margins_hook import offset_variable

    xb = e.model.predict("xb", PredictionRows(session, e))  # the fit's: with the offset
    if nooffset and e.model.spec.fixed.offset_name:
        var, exposure = offset_variable(e.model)
        off = session.data.numeric(var)
        with np.errstate(divide="ignore", invalid="ignore"):
            xb = xb - (np.log(off) if exposure else off)
    return xb
