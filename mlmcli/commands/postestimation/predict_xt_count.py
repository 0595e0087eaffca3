"""``predict`` after ``xtpoisson, re`` (e(predict) xtpoisson_re_p; Stata's xtcnt_p):

    predict [type] newvar [if] [in] [, xb stdp nu0 iru0 pr0(n) pr0(a,b) nooffset]

pr0(n) and pr0(a,b) are tpredict_p2's count probabilities of Poisson(exp(x b + offset)), the
random effect at 0 (``predict_count_probabilities``); xtcnt_p refuses pr() after a random-effects
model ("the pr() option in xtpoisson is only allowed for population-averaged models" r(198)) and
a pr0() beside another statistic (its ``error 198``).  Everything else is the generic predict's.
"""
from __future__ import annotations

from mlmcli.errors import StataError, option_not_allowed


def predict_xt_poisson_re(session, e, cmd) -> None:
    from mlmcli.commands.postestimation.predict import predict_generic, rows_selected

    typed = {o.name.lower(): o for o in cmd.options}
    if "pr" in typed and typed["pr"].arg is not None:
        raise StataError("the pr() option in xtpoisson is only allowed for population-averaged models", 198)
    probability = typed.get("pr0")
    if probability is None:
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

    predict_count_probability(session, e, cmd, probability.arg, {"nooffset": nooffset}, rows_selected(session, cmd))
