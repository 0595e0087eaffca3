"""``predict`` after ``stcox`` (stcox_p, [ST] stcox postestimation):

    predict [type] newvar [if] [in] [, hr xb stdp basechazard basehc basesurv mgale csnell
                                       deviance ldisplace lmax ccsnell cmgale partial nooffset]
    predict [type] {stub*|newvarlist} [if] [in], {scores|esr|schoenfeld|dfbeta} [partial]

hr (the default, "(option hr assumed; relative hazard)"), xb and stdp on every row, the offset
included unless nooffset, the main equation after tvc(); the others from the fitted b on
e(sample) (mlmcli.survival.cox_residuals), each stratum with its own baseline.  With an stset
id(), mgale, csnell, deviance, scores/esr and dfbeta are by default the subject's sums, on its
last record (``partial``: each record's own), as stcox_p computes them.  After tvc() only hr,
xb and stdp (stcox_p's error); Schoenfeld residuals not after exactm/exactp (stcox_p's error).
After exactm/exactp (stcox_p refits cox with exactm/exactp and mgale()): mgale, csnell and
deviance from Breslow's hazard increments at the exact b, basechazard their sum, basehc and
basesurv Kalbfleisch and Prentice's (the same formulas as after breslow); scores and dfbeta
after them, ldisplace and lmax are refused.  ccsnell and cmgale (stcox_p's deprecated names) are
csnell and mgale without partial (which they refuse).  ldisplace s V s' and lmax (the unit
eigenvector of S V S' over e(sample)) from the scores (a subject's sums on its last record unless
partial) and e(V), refused after a vce other than oim (stcox_p's r(459)); survival.cox_influence.  scaledsch: cox's scaledsch() at e(b) (stcox_p's
refit), b + d V r on failing records (survival.cox_residuals.scaled_schoenfeld).  After
shared() every residual is conditional on theta^ with each group's estimated log frailty in the
linear predictor (dfbeta: the scores times e(V), the b block of the inverse penalized
information); effects gives that log frailty (stcox_p's "effects only available with shared
frailty models" r(322) after other fits).
"""
from __future__ import annotations

import numpy as np

from mlmcli.commands.postestimation.predict import one_new_variable, rows_selected, store_prediction
from mlmcli.errors import StataError
from mlmcli.survival.cox_residuals import subject_sums
from mlmcli.syntax.abbreviation import resolve_choice

_STATS = (("xb", 2), ("index", 1), ("stdp", 4), ("hr", 2), ("csnell", 3), ("deviance", 3), ("ccsnell", 3),
          ("cmgale", 3), ("mgale", 2),
          ("basechazard", 5), ("basehc", 6), ("basesurv", 5), ("scores", 3), ("esr", 3), ("schoenfeld", 3),
          ("dfbeta", 3), ("scaledsch", 3), ("ldisplace", 2), ("lmax", 2), ("effects", 3))
_FLAGS = (("partial", 4), ("nooffset", 5))
_MANY = ("esr", "schoenfeld", "dfbeta", "scaledsch")
_CUMULATIVE = ("esr", "dfbeta", "mgale", "deviance", "csnell", "ldisplace", "lmax")
# stcox_p's labels; with an stset id() and partial "Partial " before the lower-cased label
_LABELS = {"basechazard": "Cumulative baseline hazard", "basehc": "Baseline hazard contribution",
           "basesurv": "Baseline survivor", "mgale": "Martingale residual", "csnell": "Cox-Snell residual",
           "deviance": "Deviance residual", "esr": "Efficient score", "dfbeta": "DFBETA",
           "schoenfeld": "Schoenfeld", "scaledsch": "Scaled Schoenfeld", "effects": "Shared log-frailty",
           "ldisplace": "Log-likelihood displacement", "lmax": "Lmax statistic"}
_TVC = ("this prediction is not allowed after estimation with tvc();\n"
        "see tvc note for an alternative to the tvc() option")


def _options(cmd) -> tuple[list[str], set[str]]:
    stats, flags = [], set()
    for option in cmd.options:
        word = option.name
        flag = resolve_choice(word, _FLAGS)
        name = None if flag else resolve_choice(word, _STATS)
        if (flag is None and name is None) or option.arg is not None:
            raise StataError(f"option {option.name}{'()' if option.arg is not None else ''} not allowed", 198)
        if flag:
            flags.add(flag)
        elif name not in stats:
            stats.append(name)
    return stats, flags


def predict_stcox(session, e, cmd) -> None:
    stats, flags = _options(cmd)
    if len(stats) > 1:
        raise StataError(f"only one of {' '.join(stats)} may be specified", 198)
    stat = {"scores": "esr", "index": "xb"}.get(stats[0], stats[0]) if stats else "hr"
    shared = e.macros.get("cmd") == "stcox_fr"
    if stat == "effects" and not shared:
        raise StataError("effects only available with shared frailty models", 322)
    if "partial" in flags and stat not in _CUMULATIVE:  # ccsnell and cmgale too (stcox_p)
        raise StataError("option partial not allowed", 198)
    # ccsnell, cmgale (deprecated): stcox_p's cumulative csnell and mgale, which the defaults are
    stat = {"ccsnell": "csnell", "cmgale": "mgale"}.get(stat, stat)
    if stat in ("ldisplace", "lmax") and e.macros.get("vce", "oim") != "oim":
        raise StataError("prediction not allowed with nonstandard vce", 459)
    tvc = bool(e.macros.get("texp"))
    if stat in ("xb", "stdp", "hr"):
        return _linear(session, e, cmd, stat, not stats, "nooffset" not in flags)
    if tvc:
        raise StataError(_TVC, 198)
    if "nooffset" in flags:
        raise StataError("option nooffset not allowed", 198)
    ties = e.macros.get("ties", "")
    if ties in ("partial", "marginal"):
        if stat in ("schoenfeld", "scaledsch"):
            raise StataError("Schoenfeld residuals not available after estimation with exactm or exactp", 322)
        if stat in ("esr", "dfbeta", "ldisplace", "lmax"):  # which score residuals cox computes for the exact likelihoods is not documented
            raise StataError(f"option {stat} after exactm or exactp not supported by mlmcli", 198)
    _residual(session, e, cmd, stat, "partial" in flags)


def _offset(session, e) -> np.ndarray:
    name = e.macros.get("offset")
    return session.data.numeric(name) if name else np.zeros(session.data.nobs)


def _linear(session, e, cmd, stat: str, assumed: bool, with_offset: bool) -> None:
    from mlmcli.estimation.rows import PredictionRows
    from mlmcli.postest.linear_prediction import linear_prediction, prediction_se

    vtype, name = one_new_variable(session, cmd)
    rows = rows_selected(session, cmd)
    X = PredictionRows(session, e).fixed_design()
    k = X.shape[1]  # after tvc() the main equation's columns only
    b, V = e.model.b[:k], e.model.V[:k, :k]
    if stat == "stdp":
        values, label = prediction_se(X, V), "S.E. of the linear prediction"
    else:
        values = linear_prediction(X, b) + (_offset(session, e) if with_offset else 0.0)
        values, label = (np.exp(values), "Relative hazard") if stat == "hr" else (values, "Linear prediction")
    if assumed:
        session.print("(option hr assumed; relative hazard)")
    store_prediction(session, name, np.where(rows, values, np.nan), vtype, label)


def _fit_data(session, e):
    """The CoxData of e(sample) (the fit's records, weights, offset and ties) and its strata."""
    from mlmcli.commands.estimation.stcox_setup import strata_codes
    from mlmcli.estimation.rows import PredictionRows
    from mlmcli.survival.cox import CoxData

    ds = session.data
    sample = e.sample_mask(ds)
    if sample is None:
        raise StataError("estimation sample not found; data changed since estimation", 459)
    X = PredictionRows(session, e).fixed_design()[sample]
    kind, wvar = ds.chars.get("st_wt", ""), ds.chars.get("st_wv", "")
    w = ds.numeric(wvar)[sample] if kind else np.ones(int(sample.sum()))
    data = CoxData(t0=ds.numeric("_t0")[sample], t=ds.numeric("_t")[sample], d=ds.numeric("_d")[sample], X=X,
                   w=w, ties=e.model.ties, offset=_offset(session, e)[sample] if e.macros.get("offset") else None)
    strata = e.macros.get("strata", "").split()
    return sample, data, strata_codes(ds, strata, sample) if strata else None


def _residual(session, e, cmd, stat: str, partial: bool) -> None:
    from mlmcli.survival.cox_residuals import cox_residuals

    sample, data, strata = _fit_data(session, e)
    names, vtype = residual_names(session, e, cmd, stat)
    rows = rows_selected(session, cmd)
    if e.macros.get("cmd") == "stcox_fr":
        frailty, with_frailty = _frailty_offset(session, e, sample, data)
        if stat == "effects":
            full = np.full(session.data.nobs, np.nan)
            full[sample] = frailty
            return store_prediction(session, names[0], np.where(rows, full, np.nan), vtype, _LABELS[stat])
        data = with_frailty
    res = cox_residuals(data, strata, e.model.b)
    return _finish_residual(session, e, cmd, stat, partial, sample, data, res, names, vtype, rows)


def cox_baseline(session, e, stat: str) -> tuple[np.ndarray, np.ndarray]:
    """(e(sample), basechazard|basehc|basesurv on its records): predict's baseline (after
    shared(): conditional on each group's estimated log frailty), for stcurve."""
    from mlmcli.survival.cox_residuals import cox_residuals

    sample, data, strata = _fit_data(session, e)
    if e.macros.get("cmd") == "stcox_fr":
        data = _frailty_offset(session, e, sample, data)[1]
    return sample, getattr(cox_residuals(data, strata, e.model.b), stat)


def _frailty_offset(session, e, sample, data):
    """(each e(sample) record's estimated log frailty, ``data`` with it added to the offset).
    [ST] stcox postestimation: after shared() the predictions are conditional on theta^, each
    group's estimated log frailty entering the linear predictor as an offset (as stcox_p's
    cox ..., gampen() theta() computes them); baseline: log frailty 0."""
    from dataclasses import replace

    from mlmcli.commands.estimation.common import group_codes

    frailty = e.model.frailties[group_codes(session.data, e.macros["shared"], sample)]
    return frailty, replace(data, offset=frailty if data.offset is None else data.offset + frailty)


def _finish_residual(session, e, cmd, stat, partial, sample, data, res, names, vtype, rows) -> None:
    by_id = bool(session.data.chars.get("st_id")) and not partial
    values = {"mgale": res.mgale, "csnell": res.mgale, "deviance": res.mgale, "basechazard": res.basechazard,
              "basehc": res.basehc, "basesurv": res.basesurv, "schoenfeld": res.schoenfeld,
              "esr": res.scores, "dfbeta": res.scores, "scaledsch": res.schoenfeld,
              "ldisplace": res.scores, "lmax": res.scores}[stat]
    if by_id and stat in _CUMULATIVE:
        values = subject_sums(session.data, sample, values)
    d = data.d if not by_id else subject_sums(session.data, sample, data.d)  # the subject's failure count
    if stat == "csnell":
        values = d - values
    elif stat == "deviance":
        with np.errstate(invalid="ignore", divide="ignore"):
            values = np.sign(values) * np.sqrt(-2 * (values + np.where(d != 0, d * np.log(d - values), 0.0)))
    elif stat == "dfbeta":
        values = values @ _estimable_block(e, e.matrices.get("V_modelbased", e.matrices["V"]).values)
    elif stat in ("ldisplace", "lmax"):  # from the scores and e(V) (cox_influence)
        from mlmcli.survival.cox_influence import likelihood_displacement, lmax

        V = _estimable_block(e, e.matrices["V"].values)
        values = likelihood_displacement(values, V) if stat == "ldisplace" else lmax(values, V)
    elif stat == "scaledsch":  # cox's scaledsch() at e(b) (stcox_p's refit): b + d V r, V model-based
        from mlmcli.survival.cox_residuals import scaled_schoenfeld

        V = _estimable_block(e, e.matrices.get("V_modelbased", e.matrices["V"]).values)
        values = scaled_schoenfeld(values, e.model.b, V, float(np.sum(data.w * data.d)))
    label = _LABELS[stat]
    if partial and session.data.chars.get("st_id") and stat in _CUMULATIVE:
        label = "Partial " + (label if stat in ("dfbeta", "lmax") else label[0].lower() + label[1:])
    full = np.full((session.data.nobs,) + values.shape[1:], np.nan)
    full[sample] = values
    full[~rows] = np.nan
    if stat not in _MANY:
        return store_prediction(session, names[0], full, vtype, label)
    full = _all_columns(e, full)  # base and omitted columns of e(b): zero residuals (cox's)
    colnames = e.matrices["b"].colnames
    for j, name in enumerate(names):
        store_prediction(session, name, full[:, j], vtype, f"{label} - {colnames[j]}")


def residual_names(session, e, cmd, stat: str) -> tuple[list[str], str | None]:
    from mlmcli.syntax.varlist import check_new_name, parse_new_varlist

    if stat not in _MANY:
        vtype, name = one_new_variable(session, cmd)
        return [name], vtype
    dim = len(e.matrices["b"].colnames)
    vtype, names, stub = parse_new_varlist(cmd.args)
    if stub is not None:
        names = [f"{stub}{j + 1}" for j in range(dim)]
    if len(names) < dim:
        raise StataError(f"you must specify {dim} new variables", 102)
    if len(names) > dim:
        raise StataError(f"you must specify {dim} new variables", 103)
    for name in names:
        check_new_name(session.data, name)
    return names, vtype


def phtest_inputs(session, e):
    """(e(sample), its CoxData, the Schoenfeld and the scaled Schoenfeld residuals on its
    records): what estat phtest predicts (after shared(): conditional on the frailties)."""
    from mlmcli.survival.cox_residuals import cox_residuals, scaled_schoenfeld

    sample, data, strata = _fit_data(session, e)
    if e.macros.get("cmd") == "stcox_fr":
        data = _frailty_offset(session, e, sample, data)[1]
    schoenfeld = cox_residuals(data, strata, e.model.b).schoenfeld
    V = _estimable_block(e, e.matrices.get("V_modelbased", e.matrices["V"]).values)
    scaled = scaled_schoenfeld(schoenfeld, e.model.b, V, float(np.sum(data.w * data.d)))
    return sample, data, _all_columns(e, schoenfeld), _all_columns(e, scaled)


def _estimable(e) -> np.ndarray:
    """The columns of e(b) the fit estimated (not base levels, not omitted)."""
    labels = getattr(e.model, "labels", None)
    k = len(e.model.b)
    if not labels:
        return np.arange(k)
    flags = [j for j, lab in enumerate(labels) if not (getattr(lab, "base", False) or getattr(lab, "omitted", False))]
    return np.asarray(flags if len(flags) == k else range(k), int)


def _estimable_block(e, V: np.ndarray) -> np.ndarray:
    """V over the estimated columns (V itself when it has no more)."""
    keep = _estimable(e)
    return V if V.shape[0] == len(keep) else V[np.ix_(keep, keep)]


def _all_columns(e, values: np.ndarray) -> np.ndarray:
    """Columns over the estimated coefficients spread over e(b)'s columns, zeros elsewhere (rows
    missing stay missing)."""
    width = len(e.matrices["b"].colnames)
    if values.shape[1] == width:
        return values
    out = np.where(np.isnan(values[:, :1]), np.nan, 0.0) * np.ones((1, width))
    out[:, _estimable(e)] = values
    return out


def concordance_inputs(session, e, cmd, every: bool):
    """(the rows estat concordance uses, e(sample), x'b with the offset and the design on every
    row): if/in, e(sample) unless ``every``, a nonmissing prediction, _st == 1."""
    from mlmcli.estimation.rows import PredictionRows

    ds = session.data
    sample = e.sample_mask(ds)
    if sample is None:
        raise StataError("estimation sample not found; data changed since estimation", 459)
    X = PredictionRows(session, e).fixed_design()
    k = X.shape[1]
    xb = X @ np.asarray(e.model.b[:k], float) + _offset(session, e)
    use = rows_selected(session, cmd) & np.isfinite(xb) & (ds.numeric("_st") == 1)
    if not every:
        use &= sample
    return use, np.asarray(sample, bool), xb, X
