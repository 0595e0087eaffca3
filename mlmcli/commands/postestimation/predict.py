"""``predict`` after any estimation command.

    predict [type] newvar [if] [in] [, xb stdp fitted residuals rstandard]
    predict [type] {stub*|newvarlist} [if] [in], {reffects|reses} [relevel(levelvar)]
    predict [type] {stub*|newvarlist} [if] [in], reffects reses(stub*|newvarlist) [relevel(levelvar)]

``reffects reses(...)`` makes the BLUPs and their standard errors in one call, as the
mixed postestimation help documents it ("reses(stub*|newvarlist) calculates standard
errors of the best linear unbiased predictions ... must be specified with reffects";
https://www.stata.com/help.cgi?mixed+postestimation) and as do-files use it (held-out
reml_ml_exercise.do); ``reses`` typed alone stays the statistic of its own.

The numbers are the fit object's (``fit.predict(statistic, rows)``, see
``mlmcli.estimation.interface``; the formulas are in ``mlmcli.ols`` and
``mlmcli.mixed.varcorr``): this command reads the syntax, makes the new variables
and keeps the values of the if/in rows.  ``reffects``/``reses`` after a multilevel
model are the engine's empirical Bayes predictions and their standard errors
(``fit.blups()``), one new variable per random effect in Stata's order; as Stata's
mixed predict (xtmixed_p.ado: MapBlups), the BLUPs of a group go to every
observation of that group, in or out of the estimation sample, rows matched to
groups by the level variables' values (``mlmcli.estimation.rows``), so sorting the
data after the fit is harmless.
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.estimation.active import active
from mlmcli.estimation.results import MULTILEVEL_COMMANDS
from mlmcli.estimation.rows import PredictionRows, row_groups
from mlmcli.syntax.options import OptionSpec, resolve_options
from mlmcli.syntax.varlist import check_new_name, parse_new_varlist

HELP = {
    "predict": (
        "predict [type] newvar [if] [in] [, xb stdp fitted residuals rstandard]; "
        "predict [type] {stub*|newvarlist} [if] [in], {reffects|reses} [relevel(levelvar)] -- "
        "empirical Bayes (BLUP) predictions of the random effects and their standard errors."),
}

_PREDICT_OPTS = [
    OptionSpec("xb", 2), OptionSpec("stdp", 4), OptionSpec("fitted", 3), OptionSpec("residuals", 3),
    OptionSpec("rstandard", 4), OptionSpec("reffects", 3),
    OptionSpec("reses", 5, takes_arg=True, arg_optional=True),
    OptionSpec("relevel", 5, takes_arg=True), OptionSpec("level", 3, takes_arg=True),
    OptionSpec("scores", 5),
]
_STATS = ("xb", "stdp", "fitted", "residuals", "rstandard", "reffects", "reses", "scores")
_LABELS = {
    "xb": "Linear prediction, fixed portion", "stdp": "S.E. of the linear prediction, fixed portion",
    "fitted": "Fitted values: xb + Zu", "residuals": "Residuals", "rstandard": "Standardized residuals",
}
# e(predict) -> the handler of a model family's own predict syntax ("module:function")
PREDICT_PROGRAMS = {"meglm_p": "mlmcli.commands.postestimation.predict_me:predict_me",
                    "metobit_p": "mlmcli.commands.postestimation.predict_me:predict_me",  # metobit, meintreg
                    "meintreg_p": "mlmcli.commands.postestimation.predict_me:predict_me",
                    "glim_p": "mlmcli.commands.postestimation.predict_glim:predict_glim"}
PREDICT_PROGRAMS.update(dict.fromkeys(("meqrlogit_p", "meqrpoisson_p", "xtmelogit_p", "xtmepoisson_p"),
                                      "mlmcli.commands.postestimation.predict_meqr:predict_qr"))
_ONE_STAT = ("only one of options xb, stdp, fitted, reffects, reses, scores, residuals, or "
             "rstandard should be specified")
# logit ... oprobit (the single-level GLM commands): pr, n, ir, outcome()
PREDICT_PROGRAMS.update(dict.fromkeys(
    ("logit_p", "logistic_p", "probit_p", "cloglog_p", "poisso_p", "nbreg_p", "ologit_p", "oprobit_p"),
    "mlmcli.commands.postestimation.predict_glm:predict_glm"))
PREDICT_PROGRAMS["mlogit_p"] = "mlmcli.commands.postestimation.predict_mlogit:predict_mlogit"
PREDICT_PROGRAMS["xtmlogit_p"] = "mlmcli.commands.postestimation.predict_xtmlogit:predict_xtmlogit"
PREDICT_PROGRAMS["mprobit_p"] = PREDICT_PROGRAMS["mlogit_p"]  # mlogit_p's syntax, the probit's probabilities
# tobit, intreg and cnreg: xb, stdp, stdf, pr(a,b), e(a,b), ystar(a,b)
PREDICT_PROGRAMS.update(dict.fromkeys(("tobit_p", "intreg_p", "cnreg_p", "xttobit_p", "truncr_p",
                                      "xtintreg_p"),
                                      "mlmcli.commands.postestimation.predict_censored:predict_censored"))
PREDICT_PROGRAMS["zip_p"] = "mlmcli.commands.postestimation.predict_zero_inflated:predict_zero_inflated"  # zip, zinb
PREDICT_PROGRAMS["heckma_p"] = "mlmcli.commands.postestimation.predict_heckman:predict_heckman"
PREDICT_PROGRAMS.update(dict.fromkeys(("tpoisson_p", "tnbreg_p", "ztp_p", "ztnb_p"),
                                      "mlmcli.commands.postestimation.predict_truncated_count:predict_truncated_count"))
PREDICT_PROGRAMS["heckpr_p"] = "mlmcli.commands.postestimation.predict_heckprob:predict_heckprob"
PREDICT_PROGRAMS["bipr_p"] = "mlmcli.commands.postestimation.predict_biprobit:predict_biprobit"
PREDICT_PROGRAMS["gnbreg_p"] = "mlmcli.commands.postestimation.predict_gnbreg:predict_gnbreg"
PREDICT_PROGRAMS.update(dict.fromkeys(("ivprobit_p", "ivtobit_p"),
                                      "mlmcli.commands.postestimation.predict_ivprobit:predict_ivprobit"))
PREDICT_PROGRAMS.update({p: f"mlmcli.commands.postestimation.predict_fractional:predict_{f}" for p, f in (  # fracreg & co.
    ("fracreg_p", "fractional"), ("hetpr_p", "hetprob"), ("betareg_p", "betareg"), ("glogit_p", "grouped"),
    ("gprobi_p", "grouped"), ("scob_p", "scobit"))})
PREDICT_PROGRAMS["stcrreg_p"] = "mlmcli.commands.postestimation.predict_stcrreg:predict_stcrreg"
PREDICT_PROGRAMS.update(dict.fromkeys(("xtpoisson_re_p", "xtcnt_p"),  # xtpoisson re, fe
                                      "mlmcli.commands.postestimation.predict_xt_count:predict_xt_poisson_re"))
PREDICT_PROGRAMS["clogit_p"] = "mlmcli.commands.postestimation.predict_clogit:predict_clogit"
PREDICT_PROGRAMS["asclogit_p"] = "mlmcli.commands.postestimation.predict_asclogit:predict_asclogit"
PREDICT_PROGRAMS["rologit_p"] = "mlmcli.commands.postestimation.predict_rologit:predict_rologit"
PREDICT_PROGRAMS["slogit_p"] = "mlmcli.commands.postestimation.predict_slogit:predict_slogit"
PREDICT_PROGRAMS["stcox_p"] = "mlmcli.commands.postestimation.predict_stcox:predict_stcox"
PREDICT_PROGRAMS["mestreg_p"] = "mlmcli.commands.postestimation.predict_mestreg:predict_mestreg"
PREDICT_PROGRAMS["gsem_p"] = "mlmcli.commands.postestimation.predict_gsem:predict_gsem"  # generalized gsem (me engine)
# gllamm's e(predict) is gllapred (community command: its own syntax)
PREDICT_PROGRAMS["streg_p"] = "mlmcli.commands.postestimation.predict_streg:predict_streg"
PREDICT_PROGRAMS.update(dict.fromkeys(("xtlogit_re_p", "xtprobit_re_p", "xtcloglog_re_p"),  # xtbin_p: xb, pu0, stdp
                                      "mlmcli.commands.postestimation.predict_xt_binary:predict_xt_binary"))
PREDICT_PROGRAMS.update(dict.fromkeys(("xtologit_p", "xtoprobit_p"),  # pr, pu0, xb, stdp, outcome()
                                      "mlmcli.commands.postestimation.predict_xt_ordered:predict_xt_ordered"))
PREDICT_PROGRAMS["xtgee_p"] = "mlmcli.commands.postestimation.predict_gee_scores:predict_xtgee"
PREDICT_PROGRAMS["areg_p"] = "mlmcli.commands.postestimation.predict_areg:predict_areg"
PREDICT_PROGRAMS["reghdfe_p"] = "mlmcli.commands.postestimation.predict_reghdfe:predict_reghdfe"
PREDICT_PROGRAMS["ppmlhdfe_p"] = "mlmcli.commands.postestimation.predict_ppmlhdfe:predict_ppmlhdfe"
PREDICT_PROGRAMS["rreg_p"] = "mlmcli.commands.postestimation.predict_rreg:predict_rreg"
PREDICT_PROGRAMS["reg3_p"] = PREDICT_PROGRAMS["manova_p"] = "mlmcli.commands.postestimation.predict_linear_systems:predict_reg3"
PREDICT_PROGRAMS["xtrar_p"] = "mlmcli.commands.postestimation.predict_xtregar:predict_xtregar"
PREDICT_PROGRAMS["xtivp_1"] = "mlmcli.commands.postestimation.predict_xtivreg:predict_xtivreg"  # xtivreg fe/re/be
PREDICT_PROGRAMS["xtdpd_p"] = "mlmcli.commands.postestimation.estat_dynamic_panel:predict_xtdpd"
PREDICT_PROGRAMS["newey_p"] = "mlmcli.commands.postestimation.predict_newey:predict_newey"
PREDICT_PROGRAMS["prais_p"] = "mlmcli.commands.postestimation.predict_prais:predict_prais"
PREDICT_PROGRAMS["arima_p"] = "mlmcli.commands.postestimation.predict_arima:predict_arima"
PREDICT_PROGRAMS["var_p"] = "mlmcli.commands.postestimation.predict_var:predict_var"
PREDICT_PROGRAMS["vec_p"] = "mlmcli.commands.postestimation.predict_vec:predict_vec"
PREDICT_PROGRAMS["svar_p"] = "mlmcli.commands.postestimation.predict_var:predict_svar"
PREDICT_PROGRAMS["gllapred"] = "mlmcli.commands.community.gllapred:predict_gllapred"
PREDICT_PROGRAMS["mca_p"] = "mlmcli.commands.statistics.mca:predict_mca"
PREDICT_PROGRAMS["pca_p"] = "mlmcli.commands.statistics.pca_postestimation:predict_pca"
PREDICT_PROGRAMS["factor_p"] = "mlmcli.commands.statistics.factor_postestimation:predict_factor"
PREDICT_PROGRAMS["ml_p"] = "mlmcli.commands.postestimation.predict_ml:predict_ml"
PREDICT_PROGRAMS["nl_p"] = "mlmcli.commands.postestimation.predict_nl:predict_nl"
PREDICT_PROGRAMS["gmm_p"] = "mlmcli.commands.postestimation.predict_gmm:predict_gmm"
PREDICT_PROGRAMS["ivpoisson_p"] = "mlmcli.commands.postestimation.predict_ivpoisson:predict_ivpoisson"
PREDICT_PROGRAMS["teffects_p"] = "mlmcli.commands.postestimation.predict_teffects:predict_teffects"
PREDICT_PROGRAMS["fron_p"] = PREDICT_PROGRAMS["xtfront_p"] = "mlmcli.commands.postestimation.predict_frontier:predict_frontier"


def cmd_predict(session, cmd) -> None:
    """``predict [type] newvar [if] [in] [, xb stdp fitted residuals rstandard]`` and
    ``predict [type] {stub*|newvarlist} [if] [in], {reffects|reses} [relevel(levelvar)]``."""
    e = active(session)
    if e.cmd in ("mean", "total", "ratio", "proportion"):  # their hidden e(predict): _no_predict.ado
        prefix = e.macros.get("prefix")
        raise StataError(f"predict is not allowed after {prefix + ':' + e.cmd if prefix else e.cmd}", 301)
    if e.reposted:  # a new e(b): xb and stdp follow it, the fit's statistics are refused
        from mlmcli.commands.postestimation.predict_reposted import reposted_prediction
        values, label, note = reposted_prediction(session, e, cmd)
        vtype, name = one_new_variable(session, cmd)
        if note:
            session.print(note)
        return store_prediction(session, name, np.where(rows_selected(session, cmd), values, np.nan), vtype, label)
    handler = PREDICT_PROGRAMS.get(e.macros.get("predict", ""))
    if e.cmd == "sem" and handler is None:  # Stata's sem posts e(predict) sem_p; mlm's e() does not list it
        handler = "mlmcli.commands.postestimation.predict_sem:predict_sem"
    if e.cmd in ("regress", "anova") and e.macros.get("predict") == "regres_p":  # anova.ado: regress's predict
        handler = "mlmcli.commands.postestimation.predict_regress:predict_regress"
    if handler is not None:  # a model with its own predict syntax (Stata's e(predict) program)
        import importlib
        module, _, function = handler.partition(":")
        return getattr(importlib.import_module(module), function)(session, e, cmd)
    predict_generic(session, e, cmd)


def predict_generic(session, e, cmd) -> None:
    """xb, stdp, fitted, residuals, rstandard, reffects/reses and the model's own statistics
    (the handlers of e(predict) programs hand their xb and stdp here)."""
    if e.model is None or not hasattr(e.model, "predict"):  # results without a fit (suest, svy: tabulate)
        raise StataError(f"predict after {e.cmd} is not implemented in mlmcli", 199)
    # statistics of the model's own (xtreg's u, e, ue, xbu): (name, min abbreviation, label)
    own = tuple(getattr(e.model, "predict_options", lambda: ())())
    own_names = {name for name, _, _ in own}
    # a model fitted with offset()/exposure() options takes predict's nooffset (asked of the class:
    # results read by estimates use answer any instance attribute with r(321))
    offsets = [OptionSpec("nooffset", 7)] if hasattr(type(e.model), "offset_var") else []
    opts = resolve_options(cmd.options, [o for o in _PREDICT_OPTS if o.name not in own_names]
                           + [OptionSpec(name, k) for name, k, _ in own] + offsets)
    se_names = opts.pop("reses") if isinstance(opts.get("reses"), str) else None
    if se_names is not None and "reffects" not in opts:
        raise StataError("option reses() requires option reffects", 198)
    stats = [s for s in _STATS + tuple(name for name, _, _ in own if name not in _STATS) if s in opts]
    if len(stats) > 1:
        raise StataError(_ONE_STAT, 198)
    vtype, names, stub = parse_new_varlist(cmd.args)
    stat = stats[0] if stats else getattr(e.model, "predict_default", "xb")
    relevel = opts.get("relevel", opts.get("level"))
    if relevel is not None and stat in ("xb", "stdp"):
        what = "default statistic xb" if not stats else f"statistic {stat}"
        raise StataError(f"option relevel() not allowed with {what}", 198)
    if stat == "scores":
        raise StataError("option scores not allowed", 198)
    multilevel = e.cmd in MULTILEVEL_COMMANDS
    if multilevel and relevel is not None:
        relevel = _level_var(session, e, relevel)
    rows = rows_selected(session, cmd)
    if stat in ("reffects", "reses"):
        if not multilevel:
            raise StataError(f"option {stat} not allowed", 198)
        if (stat == "reses" or se_names is not None) and e.macros.get("vcetype") == "Robust":
            raise StataError("option reses not available after robust variance estimation", 498)
        if se_names is None:
            return _predict_reffects(session, e, stat, vtype, names, stub, relevel, rows)
        se_type, se_list, se_stub = parse_new_varlist(se_names)
        if se_type is not None:
            raise StataError("option reses() invalid", 198)
        # both lists are checked before either is made: a failing command leaves the data as it was
        wanted = _reffect_columns(e, relevel)
        effect_names = _new_names(session, names, stub, len(wanted))
        se_names_made = _new_names(session, se_list, se_stub, len(wanted))
        if set(effect_names) & set(se_names_made):
            raise StataError(f"variable {sorted(set(effect_names) & set(se_names_made))[0]} already defined", 110)
        _predict_reffects(session, e, "reffects", vtype, effect_names, None, relevel, rows)
        return _predict_reffects(session, e, "reses", vtype, se_names_made, None, relevel, rows)
    one_new_name(session, names, stub)
    if not stats:
        session.print(getattr(e.model, "predict_default_note", "(option xb assumed)"))
    values = e.model.predict(stat, PredictionRows(session, e, relevel, nooffset=bool(opts.get("nooffset"))))
    values = np.where(rows, values, np.nan)
    own_labels = {name: label for name, _, label in own}
    label = own_labels.get(stat) or _LABELS[stat] + (f", level({relevel})" if relevel and stat in (
        "fitted", "residuals", "rstandard") else "")
    store_prediction(session, names[0], values, vtype, label)


def rows_selected(session, cmd) -> np.ndarray:
    """if/in of the predict command (all rows when neither is given)."""
    n = session.data.nobs
    if not cmd.if_exp and not cmd.in_range:
        return np.ones(n, bool)
    from mlmcli.sample import mark_sample
    return np.asarray(mark_sample(session, cmd, []), bool)


def one_new_variable(session, cmd) -> tuple[str | None, str]:
    """(storage type, name) of ``predict [type] newvar``: one new name, not yet defined."""
    vtype, names, stub = parse_new_varlist(cmd.args)
    return vtype, one_new_name(session, names, stub)


def one_new_name(session, names: list[str], stub: str | None) -> str:
    """The one new variable name of a parsed ``newvarlist`` (a stub or other than one name is
    Stata's error), checked not yet defined."""
    if stub is not None or len(names) != 1:
        raise StataError("too many variables specified" if len(names) > 1 else "invalid syntax",
                         103 if len(names) > 1 else 198)
    check_new_name(session.data, names[0])
    return names[0]


def _level_var(session, e, typed: str) -> str:
    """relevel(): a level variable of the model (Stata unabbreviates it first)."""
    name = typed.strip()
    ivars = e.macros.get("ivars", "").split()
    if name != "_all":
        if len(name.split()) > 1:
            raise StataError("invalid option relevel()", 198)
        name = session.data.resolve(name)
    if name not in ivars:
        raise StataError(f"{name} is not a level variable in this model", 198)
    return name


def store_prediction(session, name: str, values: np.ndarray, vtype: str | None, label: str,
                     report_missing: bool = True) -> None:
    """A new variable of predictions (float unless typed), its label, Stata's missing-values note
    (``report_missing`` False: the caller reports them, as mlogit_p does for its K variables)."""
    vt = vtype or "float"
    if vt == "float":
        from mlmcli.fileformats.storage import MAX_FLOAT

        values = np.where(np.abs(values) > MAX_FLOAT, np.nan, values)  # past the largest float: missing
        values = values.astype(np.float32).astype(float)
    session.data.set_variable(name, values, vtype=vt)
    session.data.var_labels[name] = label
    nmiss = int(np.isnan(values).sum())
    if nmiss and report_missing:
        session.print(f"({nmiss:,} missing value{'s' if nmiss != 1 else ''} generated)")


def _reffect_columns(e, relevel) -> list[tuple[int, int]]:
    """(term, column) of every random effect predicted (of the ``relevel`` level only, when given)."""
    terms = list(e.model.re_terms())
    chosen = [k for k, t in enumerate(terms)
              if relevel is None or (t.levelvar if not t.crossed_factor else "_all") == relevel]
    cols = [(k, j) for k in chosen for j in range(len(terms[k].names))]
    if not cols:
        raise StataError("random-effects equation(s) empty; BLUPs of random effects not available", 459)
    return cols


def _new_names(session, names, stub, count: int) -> list[str]:
    """``stub*`` or a new varlist of ``count`` names, each free in the data."""
    if stub is not None:
        names = [f"{stub}{i + 1}" for i in range(count)]
    if len(names) != count:
        few = len(names) < count
        raise StataError(f"{'too few' if few else 'too many'} variables specified\n"
                         f"you must specify {count} new variable(s)", 102 if few else 103)
    for name in names:
        check_new_name(session.data, name)
    return list(names)


def _predict_reffects(session, e, stat, vtype, names, stub, relevel, rows) -> None:
    """One new variable per random effect (of the ``relevel`` level only, when given)."""
    fit = e.model
    terms = list(fit.re_terms())
    cols = _reffect_columns(e, relevel)
    names = _new_names(session, names, stub, len(cols))
    groups = row_groups(session, e)
    preds = fit.blups()
    n = session.data.nobs
    for name, (k, j) in zip(names, cols):
        t = terms[k]
        src = preds[k].modes if stat == "reffects" else preds[k].se
        code = groups.codes[k]
        vals = np.full(n, np.nan)
        known = (code >= 0) & rows
        vals[known] = src[code[known], j]
        lv = "_all" if t.crossed_factor else t.levelvar
        what = "BLUP r.e." if stat == "reffects" else "BLUP r.e. std. errors"
        store_prediction(session, name, vals, vtype, f"{what} for {lv}: {t.names[j]}")
