"""``predict {stub*|newvarlist}, scores`` after streg (streg_p hands it to e(predict_sub), ml's
equation-level scores): each e(sample) record's d lnL_i / d xb_j for each equation j (_t, then
the ancillary ones), lnL_i the record's log likelihood d ln f(_t) + (1 - d) ln S(_t) - ln S(_t0)
(parametric_fit.record_loglik), its derivatives by fourth-order central differences in the
linear predictors (steps as the fit's).  Missing outside e(sample) and if/in.  Labels
``equation-level score for [_t] from weibull``, ``... for [ln_sig] from gamma`` (an
ancillary() equation with covariates), ``... for /ln_p from weibull`` (a constant-only one).
After frailty() refused (the record's likelihood is not separable).
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError


def predict_streg_scores(session, e, cmd) -> None:
    from mlmcli.commands.postestimation.predict import rows_selected, store_prediction
    from mlmcli.survival.parametric_fit import STEP, StregData, record_loglik
    from mlmcli.syntax.varlist import equation_score_names

    model = e.model
    if model.frailty:
        raise StataError("option scores after frailty() not supported by mlmcli", 198)
    bad = [o.name for o in cmd.options if not "scores".startswith(o.name.lower()) or len(o.name) < 2]
    if bad:
        raise StataError(f"option {bad[0]} not allowed", 198)
    eqnames = list(dict.fromkeys(c.split(":")[0] for c in e.matrices["b"].colnames))
    n_eq = len(model.designs)
    vtype, names = equation_score_names(session.data, cmd.args, n_eq)
    ds = session.data
    sample = e.sample_mask(ds)
    if sample is None:
        raise StataError("estimation sample not found; data changed since estimation", 459)
    keep = sample & rows_selected(session, cmd)
    eqs, _ = model.equations(ds)
    t = np.where(keep, ds.numeric("_t"), 1.0)
    t0 = np.where(keep, ds.numeric("_t0"), 0.0)
    d = np.where(keep, ds.numeric("_d"), 0.0)
    data = StregData(t0, t, d, np.ones(ds.nobs), [], model.dist.name, model.aft)
    steps = model.dist.steps(STEP, t, n_eq)

    def at(j, h):
        return record_loglik([eq + (h if k == j else 0.0) for k, eq in enumerate(eqs)], data)

    for j, name in enumerate(names):
        h = steps[j]
        g = (at(j, -2 * h) - 8 * at(j, -h) + 8 * at(j, h) - at(j, 2 * h)) / (12 * h)
        eq = eqnames[j]
        what = f"[{eq}]" if j == 0 or model.designs[j] is not None else f"/{eq}"
        store_prediction(session, name, np.where(keep, g, np.nan), vtype,
                         f"equation-level score for {what} from {e.macros.get('cmd', 'streg')}")
