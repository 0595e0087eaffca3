"""``predict`` after ``meqrlogit``/``meqrpoisson``/``xtmelogit``/``xtmepoisson`` (Stata's
``_xtme_p``):

    predict [type] newvar [if] [in] [, mu xb stdp pearson deviance anscombe fixedonly nooffset]
    predict [type] {stub*|newvarlist} [if] [in], {reffects|reses} [relevel(levelvar)]
    predict [type] {stub*|newvarlist} [if] [in], reffects reses(stub*|newvarlist) [relevel(levelvar)]

One statistic; ``mu`` (default: "(option mu assumed; predicted means)") is the mean with the
random effects at their posterior modes (Stata's QR commands predict with the modes, not
the means of the me commands), ``fixedonly`` leaves them out.  ``reffects`` are the
posterior modes of each random effect, ``reses`` their standard errors (one variable per
effect, Stata's order; ``relevel()`` -- ``level()`` after the xtme names -- keeps one level's).
Numbers: ``GLMMFit.predict(statistic, rows, kind="ebmodes", ...)`` and ``GLMMFit.blups("ebmodes")``.
"""
from __future__ import annotations

import numpy as np

from mlmcli.commands.postestimation.predict import store_prediction
from mlmcli.commands.postestimation.predict_me import new_variable_names
from mlmcli.errors import StataError
from mlmcli.estimation.rows import PredictionRows, row_groups
from mlmcli.syntax.options import OptionSpec, resolve_options
from mlmcli.syntax.varlist import check_new_name, parse_new_varlist

STATISTICS = ("mu", "xb", "stdp", "reffects", "reses", "pearson", "deviance", "anscombe")
LABELS = {"mu": "Predicted mean", "xb": "Linear prediction, fixed portion",
          "stdp": "s.e. of the linear prediction, fixed portion", "pearson": "Pearson residual",
          "deviance": "Deviance residual", "anscombe": "Anscombe residual"}


def _options(e) -> list[OptionSpec]:
    level = OptionSpec("level", 1, takes_arg=True) if e.cmd.startswith("xtme") else \
        OptionSpec("relevel", 5, takes_arg=True)
    return [OptionSpec("mu", 2), OptionSpec("xb", 2), OptionSpec("stdp", 4), OptionSpec("reffects", 3),
            OptionSpec("reses", 4, takes_arg=True, arg_optional=True),
            OptionSpec("pearson", 1), OptionSpec("deviance", 1), OptionSpec("anscombe", 1),
            OptionSpec("fixedonly", 5), OptionSpec("nooffset", 5), OptionSpec("scores", 2), level]


def _rows_selected(session, cmd) -> np.ndarray:
    if not cmd.if_exp and not cmd.in_range:
        return np.ones(session.data.nobs, bool)
    from mlmcli.sample import mark_sample
    return np.asarray(mark_sample(session, cmd, []), bool)


def predict_qr(session, e, cmd) -> None:
    opts = resolve_options(cmd.options, _options(e))
    if "scores" in opts:
        raise StataError("option scores not allowed", 198)
    reses = opts.get("reses")
    reses_stat = reses is True or (isinstance(reses, str) and not reses.strip())
    reses_names = reses if isinstance(reses, str) and reses.strip() else None
    stats = [s for s in STATISTICS if s in opts and not (s == "reses" and reses_names)]
    if len(stats) > 1:
        raise StataError("only one of mu, xb, stdp, reffects, reses, pearson, deviance, or anscombe "
                         "should be specified", 198)
    if reses_names and "reffects" not in opts:
        raise StataError("option reses() requires the reffects option", 198)
    stat = stats[0] if stats else "mu"
    if reses_stat:
        stat = "reses"
    level = opts.get("level", opts.get("relevel"))
    if level is not None and stat not in ("reffects", "reses"):
        raise StataError("level() not allowed", 198)
    if opts.get("nooffset") and stat in ("reffects", "reses"):
        raise StataError("option nooffset not allowed", 198)
    vtype, names, stub = parse_new_varlist(cmd.args)
    rows_wanted = _rows_selected(session, cmd)
    if stat in ("reffects", "reses"):
        return _effects(session, e, stat, vtype, names, stub, reses_names, level, rows_wanted)
    if stub is not None or len(names) != 1:
        raise StataError("too many variables specified" if len(names) > 1 else "invalid syntax",
                         103 if len(names) > 1 else 198)
    check_new_name(session.data, names[0])
    fixedonly = bool(opts.get("fixedonly"))
    values = e.model.predict(stat, PredictionRows(session, e), kind="ebmodes", fixedonly=fixedonly,
                             nooffset=bool(opts.get("nooffset")))
    values = np.where(rows_wanted, values, np.nan)
    label = LABELS[stat] + (", fixed portion only" if fixedonly and stat not in ("xb", "stdp") else "")
    store_prediction(session, names[0], values, vtype, label)
    if not stats:
        session.print("(option mu assumed; predicted means)")


def _effects(session, e, stat, vtype, names, stub, reses_names, level, rows_wanted) -> None:
    fit = e.model
    terms = list(fit.re_terms())
    if level is not None:
        level = level.strip()
        if len(level.split()) > 1:
            raise StataError("invalid level() specification", 198)
        if level != "_all":
            level = session.data.resolve(level)
        if level not in e.macros.get("ivars", "").split():
            raise StataError(f"{level} is not a level variable in this model", 198)
    chosen = [k for k, t in enumerate(terms)
              if level is None or (t.levelvar if not t.crossed_factor else "_all") == level]
    cols = [(k, j) for k in chosen for j in range(len(terms[k].names))]
    out_names = new_variable_names(names, stub, len(cols))
    se_names = None
    if reses_names:
        _, se_list, se_stub = parse_new_varlist(reses_names)
        se_names = new_variable_names(se_list, se_stub, len(cols))
    for name in out_names + (se_names or []):
        check_new_name(session.data, name)
    groups = row_groups(session, e)
    preds = fit.blups("ebmodes")
    targets = [(out_names, "modes" if stat == "reffects" else "se", "BLUP r.e." if stat == "reffects"
                else "BLUP r.e. std. errors")]
    if se_names:
        targets.append((se_names, "se", "BLUP r.e. std. errors"))
    for vnames, attr, what in targets:
        for name, (k, j) in zip(vnames, cols):
            t = terms[k]
            code = groups.codes[k]
            vals = np.full(session.data.nobs, np.nan)
            known = (code >= 0) & rows_wanted
            vals[known] = getattr(preds[k], attr)[code[known], j]
            lv = "_all" if t.crossed_factor else t.levelvar
            store_prediction(session, name, vals, vtype, f"{what} for {lv}: {t.names[j]}")
