"""``predict`` after stcrreg (Stata's stcrreg_p).

    predict [type] newvar [if] [in] [, shr xb stdp basecif basecshazard nooffset]

``shr`` (the default: "(option shr assumed; predicted subhazard ratio)") is exp(x b), ``xb``
the linear prediction, ``stdp`` its standard error -- the offset included unless
``nooffset``, which these three alone take.  ``basecshazard`` (Breslow's baseline cumulative
subhazard at _t) and ``basecif`` (1 - exp(-basecshazard)) are made on the estimation sample
only.  scores, esr, dfbeta and schoenfeld: predict_stcrreg_residuals.  kmcensor is refused (not
supported by mlmcli); cif, ldisplace and lmax are not stcrreg predict options: not allowed.
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options

_STATS = (("shr", 3), ("xb", 2), ("stdp", 4), ("basecif", 7), ("basecshazard", 7))
_REFUSED = (("kmcensor", 3),)
_MANY = (("scores", 3), ("esr", 3), ("dfbeta", 3), ("schoenfeld", 3))
_LABELS = {"xb": "Linear prediction", "stdp": "S.E. of the prediction"}


def predict_stcrreg(session, e, cmd) -> None:
    from mlmcli.commands.postestimation.predict import one_new_variable, rows_selected, store_prediction
    from mlmcli.estimation.rows import PredictionRows

    specs = [OptionSpec(name, k) for name, k in _STATS + _REFUSED + _MANY] + [OptionSpec("nooffset", 5),
                                                                               OptionSpec("partial", 4)]
    opts = resolve_options(cmd.options, specs)
    for name, _ in _REFUSED:
        if opts.get(name):
            raise StataError(f"option {name} not supported by mlmcli", 198)
    stats = [name for name, _ in _STATS + _MANY if opts.get(name)]
    if len(stats) > 1:
        raise StataError("only one statistic may be specified", 198)
    if stats and stats[0] in dict(_MANY):
        if opts.get("nooffset"):
            raise StataError("option nooffset not allowed", 198)
        from mlmcli.commands.postestimation.predict_stcrreg_residuals import predict_stcrreg_residual

        return predict_stcrreg_residual(session, e, cmd, stats[0], bool(opts.get("partial")))
    if opts.get("partial"):
        raise StataError("option partial not allowed", 198)
    stat = stats[0] if stats else "shr"
    if opts.get("nooffset") and stat not in ("shr", "xb", "stdp"):
        raise StataError("option nooffset not allowed", 198)
    vtype, name = one_new_variable(session, cmd)
    if not stats:
        session.print(e.model.predict_default_note)
    values = e.model.predict(stat, PredictionRows(session, e), nooffset=bool(opts.get("nooffset")))
    rows = rows_selected(session, cmd)
    if stat in ("basecif", "basecshazard"):  # starred statistics: the estimation sample only
        in_sample = e.sample_mask(session.data)
        if in_sample is not None:
            rows = rows & np.asarray(in_sample, bool)
    own = {n: label for n, _, label in e.model.predict_options()}
    store_prediction(session, name, np.where(rows, values, np.nan), vtype, own.get(stat) or _LABELS[stat])
