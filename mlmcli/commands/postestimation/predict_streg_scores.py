"""``predict {stub*|newvarlist}, scores`` after streg (streg_p hands it to e(predict_sub), ml's
equation-level scores): each e(sample) record's d lnL_i / d xb_j for each equation j (_t, then
the ancillary ones), lnL_i the record's log likelihood d ln f(_t) + (1 - d) ln S(_t) - ln S(_t0)
(parametric_fit.record_loglik), its derivatives by fourth-order central differences in the
linear predictors (steps as the fit's).  Missing outside e(sample) and if/in.  Labels
``equation-level score for [_t] from weibull``, ``... for [ln_sig] from gamma`` (an
ancillary() equation with covariates), ``... for /ln_p from weibull`` (a constant-only one).
After an unshared frailty() the record's likelihood is the frailty-integrated one
(``parametric_frailty``: d (ln h + ln t) + ln M(d, H) - ln M(0, H0)) and its last score the one of
ln theta (``equation-level score for /ln_the from weibull``).  After shared() a group's
likelihood is not a sum over its records: a record's score of equation j is the derivative of
its group's log likelihood sum_i ln h_i + ln M(D_g, sum_i (H_i - H0_i)) in that record's own
predictor, d ln h_i/d xb_ij + (d ln M/d s) d (H_i - H0_i)/d xb_ij, so each equation's scores
still sum (times x) to the gradient; the /ln_the score, a group's, is put on the group's last
record in the data's order and 0 on its other records (a decision: Stata's ml score for this
group-level likelihood was not seen).
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError


def predict_streg_scores(session, e, cmd) -> None:
    from mlmcli.commands.postestimation.predict import rows_selected, store_prediction
    from mlmcli.syntax.varlist import equation_score_names

    model = e.model
    frailty = model.fit_info.get("frailty") if model.frailty else None
    bad = [o.name for o in cmd.options if not "scores".startswith(o.name) or len(o.name) < 2]
    if bad:
        raise StataError(f"option {bad[0]} not allowed", 198)
    eqnames = list(dict.fromkeys(c.split(":")[0] for c in e.matrices["b"].colnames))
    n_eq = len(model.designs) + (1 if frailty else 0)
    vtype, names = equation_score_names(session.data, cmd.args, n_eq)
    scores, sample = streg_equation_scores(session, e)
    keep = sample & rows_selected(session, cmd)
    for j, name in enumerate(names):
        store_prediction(session, name, np.where(keep, scores[j], np.nan), vtype, _label(e, model, eqnames, j))


def streg_equation_scores(session, e) -> tuple[list[np.ndarray], np.ndarray]:
    """(each equation's score on every row -- meaningful on e(sample) --, e(sample))."""
    from mlmcli.survival.parametric_fit import STEP, StregData, record_loglik

    model = e.model
    frailty = model.fit_info.get("frailty") if model.frailty else None
    ds = session.data
    sample = e.sample_mask(ds)
    if sample is None:
        raise StataError("estimation sample not found; data changed since estimation", 459)
    eqs, _ = model.equations(ds)
    # every e(sample) record (a shared() group's likelihood takes all of them); kept rows shown
    t = np.where(sample, ds.numeric("_t"), 1.0)
    t0 = np.where(sample, ds.numeric("_t0"), 0.0)
    d = np.where(sample, ds.numeric("_d"), 0.0)
    data = StregData(t0, t, d, np.ones(ds.nobs), [], model.dist.name, model.aft)
    steps = model.dist.record_steps(STEP, t, eqs, model.aft)  # the fit's steps (small scales: by record)

    if frailty and frailty["shared"]:
        return _shared_scores(model, eqs, data, steps, ds.numeric(frailty["shared"]), sample), sample

    def at(j, h):
        shifted = [eq + (h if k == j else 0.0) for k, eq in enumerate(eqs)]
        if not frailty:
            return record_loglik(shifted, data)
        return _frailty_record_loglik(model, shifted, model.theta[-1] + (h if j == len(eqs) else 0.0), data, d)

    scores = []
    for j in range(len(model.designs) + (1 if frailty else 0)):
        h = steps[j] if j < len(steps) else STEP  # ln_the: the fit's step
        scores.append((at(j, -2 * h) - 8 * at(j, -h) + 8 * at(j, h) - at(j, 2 * h)) / (12 * h))
    return scores, sample


def _label(e, model, eqnames, j: int) -> str:
    eq = eqnames[j]
    what = f"[{eq}]" if j == 0 or (j < len(model.designs) and model.designs[j] is not None) else f"/{eq}"
    return f"equation-level score for {what} from {e.macros.get('cmd', 'streg')}"


def _difference(f, x, h):
    """f'(x) by fourth-order central differences."""
    return (f(x - 2 * h) - 8 * f(x - h) + 8 * f(x + h) - f(x + 2 * h)) / (12 * h)


def _shared_scores(model, eqs, data, steps, group_values, sample) -> list[np.ndarray]:
    """Per-record scores of each equation, then the groups' /ln_the scores (module docstring),
    the groups made of their e(sample) records."""
    from mlmcli.survival.parametric_fit import STEP
    from mlmcli.survival.parametric_frailty import log_mixture, record_parts

    codes = np.full(len(sample), -1)
    codes[sample] = np.unique(group_values[sample], return_inverse=True)[1]
    G = int(codes.max()) + 1
    ok = codes >= 0
    ln_theta = float(model.theta[-1])
    lnh, H, H0 = record_parts(eqs, data)
    D = np.bincount(codes[ok], weights=(data.d[ok] > 0).astype(float), minlength=G)
    S = np.bincount(codes[ok], weights=(H - H0)[ok], minlength=G)

    def mixture(s, lt):
        return log_mixture(model.frailty, D, s, float(np.exp(max(lt, -20.0))))

    with np.errstate(all="ignore"):
        slope = _difference(lambda s: mixture(s, ln_theta), S, np.maximum(1e-6 * S, 1e-8))
        out = []
        for j in range(len(eqs)):
            def parts(shift, j=j):
                shifted = [eq + (shift if k == j else 0.0) for k, eq in enumerate(eqs)]
                p = record_parts(shifted, data)
                return np.stack([p[0], p[1] - p[2]])
            d_lnh, d_hh = _difference(parts, 0.0, steps[j])
            out.append(np.where(ok, d_lnh + slope[np.maximum(codes, 0)] * d_hh, np.nan))
        g_theta = _difference(lambda lt: mixture(S, lt), ln_theta, STEP)
    rows = np.flatnonzero(ok)
    last = len(rows) - 1 - np.unique(codes[rows][::-1], return_index=True)[1]  # each group's last record
    theta_scores = np.where(ok, 0.0, np.nan)
    theta_scores[rows[last]] = g_theta[codes[rows[last]]]
    return out + [theta_scores]


def _frailty_record_loglik(model, eqs, ln_theta: float, data, d) -> np.ndarray:
    """An unshared frailty record's log likelihood at its predictors ``eqs`` and ln theta
    (``parametric_frailty.group_loglik``'s unshared branch; ln theta at least -20, as there)."""
    from mlmcli.survival.parametric_frailty import log_mixture, record_parts

    theta = float(np.exp(max(ln_theta, -20.0)))
    lnh, H, H0 = record_parts(eqs, data)
    with np.errstate(all="ignore"):
        return (lnh + log_mixture(model.frailty, (d > 0).astype(float), H, theta)
                - log_mixture(model.frailty, np.zeros(len(d)), H0, theta))
