"""``predict`` after ``xtlogit, re``, ``xtprobit, re`` (Stata's xtbin_p) and ``xtcloglog, re``
(xtcloglog_re_p, the same statistics):

    predict [type] newvar [if] [in] [, xb pu0 stdp nooffset]

pu0 is Pr(depvar=1 assuming u_i=0): invlogit(xb) after xtlogit, normal(xb) after xtprobit,
1 - exp(-exp(xb)) after xtcloglog,
labelled "Pr(depvar=1 assuming u_i=0)"; xb (the default, with xtbin_p's note "(option xb assumed;
linear prediction)", label "Linear prediction") and stdp (label "S.E. of prediction of depvar")
are the generic predict's numbers.
More than one statistic is xtbin_p's bare ``error 198``.

``pr`` is Stata 14's addition (xtbin_p 1.1.1 hands it to _xtcmd_p, which predicts gsem's
``marginal`` probability): Pr(depvar=1) integrated over u_i ~ N(0, sigma_u^2) by the
``e(n_quad)``-point Gauss-Hermite rule (``intpoints(#)`` another count), labelled
"Pr(depvar=1)".  Stata 13's xtbin_p did not have it; do-files written for later versions use it.
"""
from __future__ import annotations

import dataclasses

import numpy as np
from scipy import special

from mlmcli import ast
from mlmcli.commands.postestimation.predict import one_new_variable, predict_generic, rows_selected, store_prediction
from mlmcli.errors import StataError
from mlmcli.estimation.rows import PredictionRows
from mlmcli.syntax.options import OptionSpec, resolve_options

_SPECS = [OptionSpec("pr", 2), OptionSpec("pu0", 3), OptionSpec("xb", 2), OptionSpec("stdp", 4),
          OptionSpec("nooffset", 5), OptionSpec("intpoints", 4, takes_arg=True)]


def predict_xt_binary(session, e, cmd) -> None:
    opts = resolve_options(cmd.options, _SPECS)  # anything else: option ... not allowed r(198)
    chosen = [name for name in ("pr", "pu0", "xb", "stdp") if opts.get(name)]
    if len(chosen) > 1:
        raise StataError("invalid syntax", 198)
    depvar = e.macros["depvar"].split()[0]
    if chosen == ["pr"]:
        return _marginal_probability(session, e, cmd, opts, depvar)
    if "intpoints" in opts:  # xtbin_p passes intpoints() on to _xtcmd_p only
        raise StataError("option intpoints() not allowed", 198)
    if chosen != ["pu0"]:
        name = one_new_variable(session, cmd)[1]  # the new name is checked before the note
        if not chosen:  # xtbin_p's note, then its xb
            session.print("(option xb assumed; linear prediction)")
            cmd = dataclasses.replace(cmd, options=cmd.options + (ast.Option("xb", None),), has_comma=True)
        predict_generic(session, e, cmd)
        # xtbin_p's labels: _predict's for xb, its own for stdp
        session.data.var_labels[name] = "Linear prediction" if chosen != ["stdp"] else f"S.E. of prediction of {depvar}"
        return None
    vtype, name = one_new_variable(session, cmd)
    rows = rows_selected(session, cmd)
    xb = np.asarray(e.model.predict("xb", PredictionRows(session, e, None, nooffset=bool(opts.get("nooffset")))),
                    float)
    if e.cmd == "xtcloglog":  # xtcloglog_re_p: 1 - exp(-exp(xb))
        values = -np.expm1(-np.exp(xb))
    else:
        values = special.ndtr(xb) if e.cmd == "xtprobit" else special.expit(xb)
    store_prediction(session, name, np.where(rows, values, np.nan), vtype, f"Pr({depvar}=1 assuming u_i=0)")


def _marginal_probability(session, e, cmd, opts, depvar) -> None:
    """_xtcmd_p: the probability integrated over the random effect (gsem's marginal predict)."""
    points = None
    if "intpoints" in opts:
        text = str(opts["intpoints"]).strip()
        if not text.isdecimal() or int(text) < 1:
            raise StataError("intpoints() must be a positive integer", 198)
        points = int(text)
    vtype, name = one_new_variable(session, cmd)
    rows = rows_selected(session, cmd)
    values = np.asarray(e.model.predict("pr", PredictionRows(session, e, None, nooffset=bool(opts.get("nooffset"))),
                                        marginal=True, points=points), float)
    store_prediction(session, name, np.where(rows, values, np.nan), vtype, f"Pr({depvar}=1)")
