"""predict's multiple-variable statistics after stcrreg ([ST] stcrreg postestimation):

    predict [type] {stub*|newvarlist} [if] [in], {scores|esr|dfbeta|schoenfeld} [partial]

From the fitted b on e(sample) (survival.subdistribution_hazard): scores the pseudolikelihood
scores u_i = eta_i + psi_i (the components of e(V), psi_i the estimated censoring
distribution's term), esr eta_i alone (the censoring distribution treated as known), dfbeta
u_i (-H)^-1 (the infinitesimal-jackknife change in b, H the pseudolikelihood's Hessian at b),
schoenfeld x_i - xbar(_t) on the failures of interest (xbar over the weighted subdistribution
risk set), missing elsewhere.  With an stset id() scores, esr and dfbeta are a subject's sums
on its last record unless partial (each record's own; only with these three); on several records
a subject or with delayed entry scores and dfbeta from each record's score
(subdistribution_grid: its part of eta and of the two estimated distributions' terms).  Refused
(not supported by mlmcli): esr and schoenfeld on several records a subject or with delayed entry,
tvc(), stset weights.  One new variable a coefficient; labels ``Score - x``, ``Efficient score - x``,
``DFBETA - x``, ``Schoenfeld - x`` (stcox_p's pattern; stcrreg_p's own wording not seen).
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError

LABELS = {"scores": "Score", "esr": "Efficient score", "dfbeta": "DFBETA", "schoenfeld": "Schoenfeld"}


def predict_stcrreg_residual(session, e, cmd, stat: str, partial: bool) -> None:
    from mlmcli.commands.postestimation.predict import rows_selected, store_prediction
    from mlmcli.commands.postestimation.predict_stcox import residual_names
    from mlmcli.estimation.rows import PredictionRows
    from mlmcli.survival.competing_risks import failure_types, parse_compete
    from mlmcli.survival.cox_residuals import subject_sums
    from mlmcli.survival.subdistribution_grid import GridSubdistribution, subject_records
    from mlmcli.survival.subdistribution_hazard import CompetingData, SubdistributionLikelihood

    if partial and stat == "schoenfeld":
        raise StataError("option partial not allowed", 198)
    ds = session.data
    if e.macros.get("texp") or ds.chars.get("st_wt"):
        raise StataError(f"option {stat} after stcrreg with tvc() or stset weights not supported by mlmcli", 198)
    sample = e.sample_mask(ds)
    if sample is None:
        raise StataError("estimation sample not found; data changed since estimation", 459)
    sid = ds.chars.get("st_id")
    t, t0 = ds.numeric("_t")[sample], ds.numeric("_t0")[sample]
    records = subject_records(ds.numeric(sid)[sample] if sid else None, t0, t)
    if records is not None and stat in ("esr", "schoenfeld"):
        raise StataError(f"option {stat} after stcrreg on several records a subject or delayed entry "
                         "not supported by mlmcli", 198)
    names, vtype = residual_names(session, e, cmd, "esr")
    crvar, values = parse_compete(ds, e.macros["compete"])
    last, first = records if records is not None else (None, None)
    status = failure_types(ds, crvar, values, sample, last)
    X = PredictionRows(session, e).fixed_design()[sample]
    offset_var = e.macros.get("offset1")
    offset = ds.numeric(offset_var)[sample] if offset_var else np.zeros(int(sample.sum()))
    data = CompetingData(t=t, status=status, X=X, offset=offset)
    # several records a subject or delayed entry: each record's score (subdistribution_grid)
    lik = (SubdistributionLikelihood(data) if records is None
           else GridSubdistribution(data, t0=t0, last=last, first=first))
    b = e.model.b
    if stat == "schoenfeld":
        values_ = lik.schoenfeld(b)
    else:
        values_ = lik.score_residuals(b) if records is not None else lik.score_residuals(b, stat != "esr")
        if stat == "dfbeta":
            _, _, H = lik.evaluate(b)
            values_ = values_ @ np.linalg.pinv(-H)
        if sid and not partial:  # a subject's sum on its last record (stcox_p's rule, the help's)
            values_ = subject_sums(ds, sample, values_)
    full = np.full((ds.nobs, values_.shape[1]), np.nan)
    full[sample] = values_
    full[~rows_selected(session, cmd)] = np.nan
    colnames = e.matrices["b"].colnames
    for j, name in enumerate(names):
        store_prediction(session, name, full[:, j], vtype, f"{LABELS[stat]} - {colnames[j].split(':')[-1]}")
