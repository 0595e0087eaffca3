"""``predict`` after ``teffects`` (teffects_p: _teffects_ra_p, _teffects_ipw_p, _teffects_ipwra_p):

    after ra:         predict [type] {newvar|newvarlist} [if] [in] [, te cmean xb tlevel(#)]
    after ipw:        predict [type] {newvar|newvarlist} [if] [in] [, ps xb tlevel(#)]
    after ipwra/aipw: predict [type] {newvar|newvarlist} [if] [in] [, te cmean ps xb psxb tlevel(#)]

``te`` (the default of ra, ipwra and aipw: "(option te assumed; treatment effect)"):
m_j(x) - m_c(x) per non-control level j; ``cmean``: m_j(x), the outcome model's mean; ``xb``: its
linear index.  ``ps`` (ipw's default, "(option ps assumed; propensity score)"): the treatment
model's probability of each level; after ipw ``xb`` (and ``psxb`` after ipwra/aipw) its index
(0 for the control).  As many new variables as the statistic has levels (te, the treatment
index: the non-control levels), or one: tlevel()'s level, else the first of the list (ra, ipw:
the lowest).  Labels as the ado files write them.  ``scores`` is refused.
"""
from __future__ import annotations

import numpy as np

from mlmcli.commands.postestimation.predict import rows_selected, store_prediction
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options
from mlmcli.syntax.varlist import check_new_name, parse_new_varlist

_STATS = {"ra": ("te", "cmean", "xb"), "ipw": ("ps", "xb"), "ipwra": ("te", "cmean", "ps", "xb", "psxb")}
_STATS["aipw"] = _STATS["ipwra"]
_ONLY_ONE = {"ra": "only one of te, cmean, xb, lnsigma or scores can be specified",
             "ipw": "only one of lnsigma, ps, xb or scores can be specified",
             "ipwra": "only one of te, lnsigma, cmean, ps, pslnsigma, psxb, xb, or scores can be specified"}
_ONLY_ONE["aipw"] = _ONLY_ONE["ipwra"]


def _text(session, tvar, v):
    return session.data.value_label_text(tvar, v) or str(int(v))


def _targets(session, m, opts, listed, cmd):
    """The new names and the level of each (tlevel()'s, or one per listed level)."""
    tvar, ctrl = m.tvar, m.levels[m.order[0]]
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
        targets = [chosen if chosen is not None else listed[0]]
    else:
        many = len(names) > len(listed)
        raise StataError("too many variables specified" if many else "too few variables specified",
                         103 if many else 102)
    for nm in names:
        check_new_name(session.data, nm)
    return vtype, names, targets


def predict_teffects(session, e, cmd) -> None:
    from mlmcli.treatment_effects import models

    m = e.model
    if m is None:  # nnmatch (and results read back without their models)
        raise StataError(f"predict after teffects {e.macros.get('subcmd', '')} is not implemented in mlmcli", 199)
    allowed = _STATS[m.sub]
    opts = resolve_options(cmd.options, [OptionSpec(s, 2) for s in allowed]
                           + [OptionSpec("tlevel", 2, takes_arg=True), OptionSpec("scores", 2)])
    if opts.get("scores"):
        raise StataError("option scores not supported by mlmcli after teffects", 198)
    stats = [s for s in allowed if opts.get(s)]
    if len(stats) > 1:
        raise StataError(_ONLY_ONE[m.sub], 198)
    stat = stats[0] if stats else allowed[0]
    if m.sub == "ipw" and stat == "xb":
        stat = "psxb"  # ipw's xb is the treatment model's index
    tvar, ctrl = m.tvar, m.levels[m.order[0]]
    listed = sorted(m.levels)
    if stat in ("te", "psxb"):
        listed = [v for v in listed if v != ctrl]
    vtype, names, targets = _targets(session, m, opts, listed, cmd)
    if not stats:
        session.print("(option ps assumed; propensity score)" if stat == "ps"
                      else "(option te assumed; treatment effect)")
    rows = rows_selected(session, cmd)
    data = session.data
    code = {m.levels[j]: c for c, j in enumerate(m.order)}
    for nm, lev in zip(names, targets):
        c, text = code[lev], _text(session, tvar, lev)
        if stat in ("te", "cmean", "xb"):
            index = m.outcome_index(data)
            mean = models.outcome_mean(m.omodel, index)
            if stat == "xb":
                values, label = index[:, c], f"linear prediction, {tvar}={text}"
            elif stat == "cmean":
                values, label = mean[:, c], f"mean prediction, {tvar}={text}"
            else:
                values = mean[:, c] - mean[:, 0]
                label = f"treatment effect, {tvar}: {text} vs {_text(session, tvar, ctrl)}"
        else:
            index = m.treatment_index(data)
            if stat == "psxb":
                values = np.zeros(data.nobs) if c == 0 else index[:, c - 1]
                values = np.where(np.isnan(index).any(axis=1), np.nan, values)
                label = (f"Linear prediction, {tvar}={text}" if m.sub == "ipw"
                         else f"propensity score, linear prediction, {tvar}={text}")
            else:
                with np.errstate(invalid="ignore"):
                    probs = models.level_probabilities(m.tmodel, index)
                values, label = probs[:, c], f"propensity score, {tvar}={text}"
        store_prediction(session, nm, np.where(rows, values, np.nan), vtype, label)
