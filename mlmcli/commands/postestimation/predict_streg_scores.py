"""``predict {stub*|newvarlist}, scores`` after streg (streg_p hands it to e(predict_sub), ml's
equation-level scores): each e(sample) record's d lnL_i / d xb_j for each equation j (_t, then
the ancillary ones), lnL_i the record's log likelihood d ln f(_t) + (1 - d) ln S(_t) - ln S(_t0)
(parametric_fit.record_loglik), its derivatives by fourth-order central differences in the
linear predictors (steps as the fit's).  Missing outside e(sample) and if/in.  Labels
``equation-level score for [_t] from weibull``, ``... for [ln_sig] from gamma`` (an
ancillary() equation with covariates), ``... for /ln_p from weibull`` (a constant-only one).
After an unshared frailty() the record's likelihood is the frailty-integrated one
(``parametric_frailty``: d (ln h + ln t) + ln M(d, H) - ln M(0, H0)) and its last score the one of
ln theta (``equation-level score for /ln_the from weibull``); after shared() refused (the group's
likelihood is not a sum over its records: r(198)).
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError


def predict_streg_scores(session, e, cmd) -> None:
    from mlmcli.commands.postestimation.predict import rows_selected, store_prediction
    from mlmcli.survival.parametric_fit import STEP, StregData, record_loglik
    from mlmcli.syntax.varlist import equation_score_names

    model = e.model
    frailty = model.fit_info.get("frailty") if model.frailty else None
    if frailty and frailty["shared"]:
        raise StataError("option scores after frailty() with shared() not supported by mlmcli", 198)
    bad = [o.name for o in cmd.options if not "scores".startswith(o.name.lower()) or len(o.name) < 2]
    if bad:
        raise StataError(f"option {bad[0]} not allowed", 198)
    eqnames = list(dict.fromkeys(c.split(":")[0] for c in e.matrices["b"].colnames))
    n_eq = len(model.designs) + (1 if frailty else 0)
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
    steps = model.dist.steps(STEP, t, len(model.designs))

    def at(j, h):
        shifted = [eq + (h if k == j else 0.0) for k, eq in enumerate(eqs)]
        if not frailty:
            return record_loglik(shifted, data)
        return _frailty_record_loglik(model, shifted, model.theta[-1] + (h if j == len(eqs) else 0.0), data, d)

    for j, name in enumerate(names):
        h = steps[j] if j < len(steps) else STEP  # ln_the: the fit's step
        g = (at(j, -2 * h) - 8 * at(j, -h) + 8 * at(j, h) - at(j, 2 * h)) / (12 * h)
        eq = eqnames[j]
        what = f"[{eq}]" if j == 0 or (j < len(model.designs) and model.designs[j] is not None) else f"/{eq}"
        store_prediction(session, name, np.where(keep, g, np.nan), vtype,
                         f"equation-level score for {what} from {e.macros.get('cmd', 'streg')}")


def _frailty_record_loglik(model, eqs, ln_theta: float, data, d) -> np.ndarray:
    """An unshared frailty record's log likelihood at its predictors ``eqs`` and ln theta
    (``parametric_frailty.group_loglik``'s unshared branch; ln theta at least -20, as there)."""
    from mlmcli.survival.parametric_frailty import log_mixture, record_parts

    theta = float(np.exp(max(ln_theta, -20.0)))
    lnh, H, H0 = record_parts(eqs, data)
    with np.errstate(all="ignore"):
        return (lnh + log_mixture(model.frailty, (d > 0).astype(float), H, theta)
                - log_mixture(model.frailty, np.zeros(len(d)), H0, theta))
