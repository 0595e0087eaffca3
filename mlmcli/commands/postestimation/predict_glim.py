"""``predict`` after ``glm`` (Stata's ``glim_p``).

    predict [type] newvar [if] [in] [, mu xb eta stdp response pearson deviance working score nooffset]

``mu`` (the default, with the note ``(option mu assumed; predicted mean depvar)``) is
m h(x b + offset); ``xb``/``eta`` the linear prediction; ``stdp`` its standard error;
``response`` y - mu; ``pearson`` (y - mu)/sqrt(V(mu)); ``deviance`` sign(y - mu) sqrt(d(y, mu));
``working`` (y - mu) d eta/d mu; ``score`` d lnL/d eta (at scale 1).  Refused: ``anscombe``,
``cooksd``, ``hat``, ``likelihood`` and the ``adjusted``/``standardized``/``studentized``/
``modified`` residual options (r(198)).
"""
from __future__ import annotations

import numpy as np

from mlmcli.commands.postestimation.predict import store_prediction
from mlmcli.errors import StataError
from mlmcli.estimation.rows import PredictionRows
from mlmcli.syntax.options import OptionSpec, resolve_options
from mlmcli.syntax.varlist import check_new_name, parse_new_varlist

_STATS = ("mu", "xb", "eta", "stdp", "response", "pearson", "deviance", "working", "score")
_REFUSED = ("anscombe", "cooksd", "hat", "likelihood", "adjusted", "standardized", "studentized", "modified")
_OPTS = ([OptionSpec("mu", 2), OptionSpec("xb", 2), OptionSpec("eta", 3), OptionSpec("stdp", 4),
          OptionSpec("response", 1), OptionSpec("pearson", 1), OptionSpec("deviance", 1),
          OptionSpec("working", 1), OptionSpec("score", 3), OptionSpec("nooffset", 7)]
         + [OptionSpec(name, 1) for name in _REFUSED])
LABELS = {"xb": "Linear prediction", "stdp": "S.E. of the linear prediction", "response": "Response residual",
          "pearson": "Pearson residual", "deviance": "Deviance residual", "working": "Working residual",
          "score": "Score"}


def predict_glim(session, e, cmd) -> None:
    fit = e.model
    opts = resolve_options(cmd.options, _OPTS)
    for name in _REFUSED:
        if opts.get(name):
            raise StataError(f"option {name} is not implemented in mlmcli for predict after glm", 198)
    stats = [s for s in _STATS if opts.get(s)]
    if len(stats) > 1:
        raise StataError("only one statistic may be specified", 198)
    stat = stats[0] if stats else "mu"
    stat = "xb" if stat == "eta" else stat
    vtype, names, stub = parse_new_varlist(cmd.args)
    if stub is not None or len(names) != 1:
        raise StataError("too many variables specified" if len(names) > 1 else "invalid syntax",
                         103 if len(names) > 1 else 198)
    check_new_name(session.data, names[0])
    rows = np.ones(session.data.nobs, bool)
    if cmd.if_exp or cmd.in_range:
        from mlmcli.sample import mark_sample
        rows = np.asarray(mark_sample(session, cmd, []), bool)
    prows = PredictionRows(session, e)
    X = prows.fixed_design()
    n = session.data.nobs
    offset = np.zeros(n)
    if fit.offset_name and not opts.get("nooffset"):
        name = fit.offset_name
        offset = np.log(prows.variable(name[3:-1])) if name.startswith("ln(") else prows.variable(name)
    label_m = fit.family.m_label
    if fit.family.name == "binomial" and fit.family.m is not None:
        try:
            m = np.full(n, float(label_m))
        except ValueError:
            m = prows.variable(label_m)
    else:
        m = np.ones(n)
    y = prows.depvar()
    if not stats:
        session.print(f"(option mu assumed; predicted mean {fit.depvar})")
    values = fit.predict(stat, X, offset, y, m)
    label = f"Predicted mean {fit.depvar}" if stat == "mu" else LABELS[stat]
    store_prediction(session, names[0], np.where(rows, values, np.nan), vtype, label)
