"""Probit model with sample selection ([R] heckprob), on ``glm.heckman_selection``'s
``ProbitSelectionLikelihood``:

    heckprob depvar indepvars [if] [in] [weight], select([depvar_s =] varlist [, noconstant offset(v)])
             [noconstant offset(v) vce(oim|robust|cluster v) level(#) nolog iterate(#) ... display_options]

heckman's syntax, sample and e() (``commands/estimation/heckman``), as heckprob.ado: the outcome
is 1 when depvar is not 0; "Fitting probit model:" (depvar on the selected observations) and
"Fitting selection model:" give e(ll_c), their sum ("Comparison:"); "Fitting starting values:"
is the ado's start (``glm.heckman_selection.probit_selection_start``: the outcome probit with the
Mills ratio added), B = 0 with its note when ln L is missing there; then "Fitting full model:".  The test of independent equations is LR against e(ll_c) (Wald on
athrho under a robust VCE).  Layout: heckman's (render/selection), titled "Probit model with
sample selection", no second title line, ``/athrho`` and ``rho``.  predict: heckpr_p
(``predict_heckman``).
"""
from __future__ import annotations

import numpy as np

from mlmcli.commands.estimation.common import table_options_with_notes
from mlmcli.errors import StataError

INFEASIBLE_NOTE = "note:  default initial values infeasible; starting from B=0"
HELP = {"heckprob": "heckprob depvar indepvars [if] [in] [weight], select([depvar_s =] varlist[, noconstant "
                    "offset(v)]) [noconstant offset(v) vce() level(#) nolog] : probit model with sample selection"}


def run(session, cmd) -> None:
    from mlmcli.commands.estimation.convergence import finish
    from mlmcli.commands.estimation.heckman import prepare, replayed
    from mlmcli.commands.estimation.heckman_results import probit_results, render_results
    from mlmcli.commands.estimation.limited_dependent import ml_settings
    from mlmcli.glm.heckman_selection import fit_probit_selection, probit, probit_selection_start
    from mlmcli.results.glmm import IterationPhase

    if replayed(session, cmd, "heckprob"):
        return
    prep = prepare(session, cmd, "heckprob")
    table = table_options_with_notes(session, prep.opts)
    for note in prep.design.notes + prep.select_design.notes:
        session.print(note)
    ml = ml_settings(session, prep.opts)
    d = prep.data
    s = d.selected
    if np.all(d.y[s] != 0) or np.all(d.y[s] == 0):  # heckprob.ado's probit of the outcome on the selected
        from mlmcli.glm.separation import NOT_VARY
        raise StataError(NOT_VARY, 2000)
    outcome = probit(d.X[s], d.y[s] != 0, d.offset[s], d.w[s], **ml)
    selection = probit(d.Z, s, d.offset_select, d.w, **ml)
    start = probit_selection_start(d, selection[0], **ml)
    fit = fit_probit_selection(d, start.theta, **ml, robust=prep.vce != "oim", cluster=prep.cluster,
                               frequency=prep.weight_kind == "fweight")
    phases = (IterationPhase("Fitting probit model:", tuple(outcome[3])),
              IterationPhase("Fitting selection model:", tuple(selection[3])),
              IterationPhase("Fitting starting values:", tuple(start.steps)),
              IterationPhase("Fitting full model:", tuple(fit.steps),
                             notes=(INFEASIBLE_NOTE,) if start.infeasible else ()))
    e = probit_results(session, cmd, prep, fit, outcome[2] + selection[2], phases)
    session.e = e
    session.print(render_results(e, log=not prep.opts.get("nolog"), options=table, linesize=session.linesize))
    finish(session, e, converged=fit.converged, at_limit=fit.limit_reached,
           iterate_typed=prep.opts.get("iterate") is not None)


def cmd_heckprob(session, cmd) -> None:
    run(session, cmd)
