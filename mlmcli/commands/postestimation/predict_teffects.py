"""``predict`` after ``teffects ra|ipw`` (teffects_p: _teffects_ra_p.ado, _teffects_ipw_p.ado):

    after ra:  predict [type] {newvar|newvarlist} [if] [in] [, te cmean xb tlevel(#)]
    after ipw: predict [type] {newvar|newvarlist} [if] [in] [, ps xb tlevel(#)]

``te`` (ra's default, "(option te assumed; treatment effect)"): m_j(x) - m_c(x) per non-control
level j; ``cmean``: m_j(x), the outcome model's mean; ``xb``: its linear index.  ``ps`` (ipw's
default, "(option ps assumed; propensity score)"): the treatment model's probability of each
level; ``xb``: its index (0 for the control).  As many new variables as levels (te: non-control
levels; ipw's xb: non-control levels), or one: tlevel()'s level, else the lowest level of the
list.  Labels as the ado files write them.  ``scores`` is refused.
"""
from __future__ import annotations

import numpy as np

from mlmcli.commands.postestimation.predict import rows_selected, store_prediction
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options
from mlmcli.syntax.varlist import check_new_name, parse_new_varlist

_RA = [OptionSpec("te", 2), OptionSpec("cmean", 2), OptionSpec("xb", 2), OptionSpec("tlevel", 2, takes_arg=True),
       OptionSpec("scores", 2)]
_IPW = [OptionSpec("ps", 2), OptionSpec("xb", 2), OptionSpec("tlevel", 2, takes_arg=True),
        OptionSpec("scores", 2)]


def _text(session, tvar, v):
    return session.data.value_label_text(tvar, v) or str(int(v))


def predict_teffects(session, e, cmd) -> None:
    from mlmcli.treatment_effects import models

    m = e.model
    ra = m.sub == "ra"
    opts = resolve_options(cmd.options, _RA if ra else _IPW)
    if opts.get("scores"):
        raise StataError("option scores not supported by mlmcli after teffects", 198)
    stats = [s for s in (("te", "cmean", "xb") if ra else ("ps", "xb")) if opts.get(s)]
    if len(stats) > 1:
        msg = ("only one of te, cmean, xb, lnsigma or scores can be specified" if ra
               else "only one of lnsigma, ps, xb or scores can be specified")
        raise StataError(msg, 198)
    stat = stats[0] if stats else ("te" if ra else "ps")
    tvar, ctrl = m.tvar, m.levels[m.order[0]]
    listed = list(m.levels)
    if stat == "te" or (not ra and stat == "xb"):
        listed = [v for v in listed if v != ctrl]
    chosen = None
    if opts.get("tlevel") is not None:
        t = str(opts["tlevel"]).strip()
        try:
            chosen = float(t)
        except ValueError:
            match = [v for v in m.levels if session.data.value_label_text(tvar, v) == t]
            chosen = match[0] if match else None
        if chosen not in listed:
            if chosen == ctrl:
                raise StataError("tlevel() must be valid noncontrol treatment level", 198)
            raise StataError("tlevel() must be valid treatment level", 198)
    vtype, names, stub = parse_new_varlist(cmd.args)
    if stub is not None:
        names = [f"{stub}{i}" for i in range(1, len(listed) + 1)]
    if chosen is None and len(names) == len(listed):
        targets = listed
    elif len(names) == 1:
        targets = [chosen if chosen is not None else sorted(listed)[0]]
    else:
        raise StataError("too many variables specified" if len(names) > len(listed) else "too few variables specified",
                         103 if len(names) > len(listed) else 102)
    for nm in names:
        check_new_name(session.data, nm)
    if not stats:
        session.print("(option te assumed; treatment effect)" if ra else "(option ps assumed; propensity score)")
    rows = rows_selected(session, cmd)
    X = m.design_matrix(session.data)
    index = X @ m.coefs  # (n, groups) in code order
    code = {m.levels[j]: c for c, j in enumerate(m.order)}
    for nm, lev in zip(names, targets):
        c = code[lev]
        if ra:
            if stat == "xb":
                values, label = index[:, c], f"linear prediction, {tvar}={_text(session, tvar, lev)}"
            else:
                mean = models.outcome_mean(m.omodel, index)
                if stat == "cmean":
                    values, label = mean[:, c], f"mean prediction, {tvar}={_text(session, tvar, lev)}"
                else:
                    values = mean[:, c] - mean[:, 0]
                    label = f"treatment effect, {tvar}: {_text(session, tvar, lev)} vs {_text(session, tvar, ctrl)}"
        elif stat == "xb":
            values = np.zeros(session.data.nobs) if c == 0 else index[:, c - 1]
            values = np.where(np.isnan(index).any(axis=1), np.nan, values)
            label = f"Linear prediction, {tvar}={_text(session, tvar, lev)}"
        else:
            with np.errstate(invalid="ignore"):
                probs = models.level_probabilities(m.tmodel, index)
            values, label = probs[:, c], f"propensity score, {tvar}={_text(session, tvar, lev)}"
        store_prediction(session, nm, np.where(rows, values, np.nan), vtype, label)
