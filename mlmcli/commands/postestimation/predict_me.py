"""``predict`` after the me commands (Stata 13's ``meglm_p``):

    predict [type] {stub*|newvar} [if] [in] [, statistic means|modes|fixedonly nooffset outcome(#)]
    predict [type] newvar [if] [in], {mu|pr} marginal [intpoints(#) nooffset outcome(#)]
    (metobit/meintreg: eta, xb, stdp, pr(a,b), e(a,b), ystar(a,b) [marginal]; Stata 15's
    conditional(ebmeans|ebmodes|fixedonly) stands for means|modes|fixedonly)
    predict [type] {stub*|newvarlist} [if] [in], reffects [ebmeans|ebmodes] [reses(stub*|newvarlist)]
    predict [type] {stub*|newvarlist} [if] [in], {remeans|remodes} [reses(stub*|newvarlist)]

statistic: ``mu`` (default; the mean, Pr(y=1) for binary models, the count for count
models; ``pr`` for the probability of an ordinal ``outcome()``), ``pr``, ``eta``
(linear predictor with the random effects), ``xb`` (fixed portion), ``stdp``,
``pearson``, ``deviance``, ``anscombe`` residuals.  The random effects enter as their
posterior means (``means``, the default) or modes (``modes``); ``fixedonly`` sets them to
zero.  ``ebmeans``/``ebmodes`` go with ``reffects`` only (meglm_p 1.3.4: "option ebmeans
requires the reffects option", r(198); its 1.2.1 of 2016 took them alone as means/modes);
``reffects`` after a model without random effects is meglm_p's "random-effects equation(s)
empty; predictions of random effects not available", r(198).  ``reffects`` stores the empirical Bayes predictions of
each random effect, ``reses()`` their posterior standard deviations.  ``marginal`` (Stata
14+) gives the population-averaged mean, integrated over the random-effects distribution
(``varcorr.marginal_mean``).  ``remeans``/``remodes`` are Stata 13's names for
``reffects ebmeans``/``reffects ebmodes`` (meglm_p keeps them, undocumented, since 14).
The numbers are the fit's (``GLMMFit.predict(statistic, rows, ...)``, ``GLMMFit.blups(kind)``).

Notes, as meglm_p (1.3.4) prints them: ``(calculating posterior means|modes of random
effects)`` before reffects/remeans/remodes; ``(predictions based on fixed effects and posterior
means|modes of random effects)`` before mu, pr, eta and the residuals when the model has random
effects and neither fixedonly, xb nor stdp is asked for (nothing for those); after a
computation of posterior means, gsem_p's Mata prints ``(using # quadrature points)``
(e(n_quad), or ``intpoints(#)``: the posterior means' nodes per effect; Stata 13's log of
``predict ..., remeans reses()``).  mu, pr, eta and the residuals with posterior means go
through the same Mata routine (``_gsem_predict_latent``) as reffects in every gsem_p read
(1.3.2 of Stata 14, 1.4.5 of Stata 15/16; meglm_p's residuals call gsem_p without
``quietly``), so the line follows them too (docs/me_leftovers_round11.md).  ``iterate()``/``tolerance()`` of the posterior modes are
refused as not implemented, as is ``intpoints()`` for the means after ``intmethod(laplace)``.

Outside e(sample), as Stata 13's gsem_p (its ``_caller() < 14.2`` branch): the empirical Bayes
predictions come from the estimation rows only and fill every if/in row of the same group (a
row with a missing outcome, one an ``if`` left out); a group with no estimation row gets
missing reffects/mu/eta; xb and fixedonly are predicted on every row
(tests/test_me_predict_outside_sample.py).
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.commands.postestimation.predict import store_prediction
from mlmcli.estimation.rows import PredictionRows, row_groups
from mlmcli.syntax.options import OptionSpec, resolve_options
from mlmcli.syntax.varlist import check_new_name, parse_new_varlist

OPTIONS = [
    OptionSpec("mu", 2), OptionSpec("pr", 2), OptionSpec("eta", 3), OptionSpec("xb", 2), OptionSpec("stdp", 4),
    OptionSpec("pearson", 2), OptionSpec("deviance", 3), OptionSpec("anscombe", 3), OptionSpec("reffects", 3),
    OptionSpec("reses", 5, takes_arg=True), OptionSpec("means", 5), OptionSpec("modes", 5),
    OptionSpec("ebmeans", 7), OptionSpec("ebmodes", 7), OptionSpec("remeans", 7), OptionSpec("remodes", 7), OptionSpec("fixedonly", 5), OptionSpec("nooffset", 5),
    OptionSpec("outcome", 3, takes_arg=True), OptionSpec("scores", 5), OptionSpec("residuals", 3),
    OptionSpec("density", 3), OptionSpec("distribution", 4), OptionSpec("intpoints", 7, takes_arg=True),
    OptionSpec("iterate", 4, takes_arg=True), OptionSpec("tolerance", 3, takes_arg=True),
    OptionSpec("marginal", 8), OptionSpec("conditional", 4, takes_arg=True),
    OptionSpec("fitted", 3),  # meglm_p's undocumented synonym of eta (meglm_p.ado 1.3.4: FITted)
]
STATISTICS = ("mu", "pr", "eta", "xb", "stdp", "pearson", "deviance", "anscombe", "reffects")
LABELS = {"mu": "Predicted mean", "pr": "Predicted probability", "eta": "Linear predictor",
          "xb": "Linear prediction, fixed portion only", "stdp": "S.E. of the prediction of xb",
          "pearson": "Pearson residuals", "deviance": "Deviance residuals", "anscombe": "Anscombe residuals"}


def _rows_selected(session, cmd) -> np.ndarray:
    if not cmd.if_exp and not cmd.in_range:
        return np.ones(session.data.nobs, bool)
    from mlmcli.sample import mark_sample
    return np.asarray(mark_sample(session, cmd, []), bool)


def _kind(opts: dict) -> str:
    modes = bool(opts.get("modes") or opts.get("ebmodes"))
    if modes and (opts.get("means") or opts.get("ebmeans")):
        raise StataError("only one of means or modes is allowed", 198)
    return "ebmodes" if modes else "ebmeans"


def outcome_index(e, typed: str) -> int:
    """outcome(#k) or outcome(value) -> category number 1..K."""
    cats = list(e.model.spec.fixed.categories)
    t = typed.strip()
    try:
        if t.startswith("#"):
            k = int(t[1:])
            if 1 <= k <= len(cats):
                return k
        elif float(t) in cats:
            return cats.index(float(t)) + 1
    except ValueError:
        pass
    raise StataError(f"outcome({t}) not found", 303 if not t.startswith("#") else 198)


def _check_random_effect_words(e, opts: dict) -> None:
    """meglm_p (1.3.4): ``ebmeans``/``ebmodes`` are suboptions of ``reffects`` (Stata 14's
    ``reffects [ebmeans|ebmodes]``; ``remeans``/``remodes`` count as reffects), and the
    random effects of a model without any cannot be predicted (its e(k_r) check)."""
    asked = any(w in opts for w in ("reffects", "remeans", "remodes"))
    for word in ("ebmeans", "ebmodes"):
        if word in opts and not asked:
            raise StataError(f"option {word} requires the reffects option", 198)
    if asked and not e.model.spec.terms:
        raise StataError("random-effects equation(s) empty; predictions of random effects not available", 198)


CONDITIONAL = {"ebmeans": "means", "ebmodes": "modes", "fixedonly": "fixedonly"}


def _conditional(opts: dict) -> None:
    """Stata 15's ``conditional(ebmeans|ebmodes|fixedonly)``: the Stata 13 words means, modes,
    fixedonly (which the checks below then judge)."""
    if "conditional" not in opts:
        return
    word = str(opts.pop("conditional")).strip()
    if word not in CONDITIONAL:
        raise StataError("option conditional() incorrectly specified", 198)
    opts[CONDITIONAL[word]] = True


def _check_marginal(opts: dict, marginal: bool) -> None:
    """Stata 14's ``marginal``: with mu/pr only; not with reffects, reses, fixedonly, means/modes."""
    if not marginal:
        return
    for other in ("reffects", "remeans", "remodes", "reses", "fixedonly", "means", "modes", "ebmeans", "ebmodes",
                  "eta", "xb", "stdp", "pearson", "deviance", "anscombe"):
        if other in opts:
            raise StataError(f"option {other} not allowed with marginal", 198)


def _points(opts: dict) -> int | None:
    if "intpoints" not in opts:
        return None
    try:
        q = int(str(opts["intpoints"]).strip())
    except ValueError:
        q = 0
    if not 1 <= q <= 195:
        raise StataError("intpoints() must be an integer between 1 and 195", 198)
    return q


def _stata13_reffects(opts: dict) -> None:
    """Stata 13's ``remeans``/``remodes``: ``reffects`` with the posterior means/modes
    (meglm_p: ``means``/``modes``/``ebmeans``/``ebmodes`` are refused beside them)."""
    words = [w for w in ("remeans", "remodes") if w in opts]
    if not words:
        return
    if len(words) > 1 or any(s in opts for s in STATISTICS):
        raise StataError("only one statistic may be specified", 198)
    word = words[0]
    for typed, mm in (("means", "means"), ("ebmeans", "means"), ("modes", "modes"), ("ebmodes", "modes")):
        if typed in opts:
            raise StataError(f"option {mm} not allowed with {word}", 198)
    if opts.get("fixedonly"):  # gsem_p's opts_exclusive "fixedonly means modes marginal"
        raise StataError(f"only one of fixedonly or {word[2:]} is allowed", 198)
    opts["reffects"] = True
    opts["ebmeans" if word == "remeans" else "ebmodes"] = True


def _check_eb_controls(e, opts: dict, marginal: bool) -> None:
    """``iterate()``/``tolerance()`` of the posterior modes are not implemented; ``intpoints()``
    (nodes of the posterior means, or of ``marginal``) must be 2..195 (gsem_p: no 1) and, for
    the means, follow an adaptive-quadrature fit (after laplace the means are the modes)."""
    for name in ("iterate", "tolerance"):
        if name in opts:
            raise StataError(f"option {name}() is not implemented for the empirical Bayes predictions", 198)
    if "intpoints" not in opts:
        return
    if _points(opts) == 1:
        raise StataError("invalid intpoints() option;\nintpoints(1) is not allowed by predict", 198)
    if not marginal and _estimation_points(e) is None:
        raise StataError("option intpoints() is not implemented after intmethod(laplace)", 198)


def _estimation_points(e) -> int | None:
    """Quadrature points of the posterior means (None after laplace: the means are the modes)."""
    spec = e.model.spec
    return None if spec.method == "laplace" else int(spec.points)


def _print_notes(session, e, stat: str, kind: str, opts: dict, marginal: bool) -> None:
    """meglm_p's notes (see the module docstring); the quadrature note is gsem_p's."""
    which = "modes" if kind == "ebmodes" else "means"
    has_re = bool(e.model.spec.terms)
    if marginal:
        session.print("(predictions based on fixed effects integrated over the random-effects distribution)")
        return
    if stat == "reffects":
        session.print(f"(calculating posterior {which} of random effects)")
    elif opts.get("fixedonly") or stat in ("xb", "stdp") or not has_re:
        return
    else:
        session.print(f"(predictions based on fixed effects and posterior {which} of random effects)")
    points = _estimation_points(e) and (_points(opts) or _estimation_points(e))
    if which == "means" and points:
        session.print(f"(using {points} quadrature points)")


def predict_me(session, e, cmd) -> None:
    """``predict`` after melogit ... meglm (see the module docstring)."""
    if e.model.spec.fixed.censor is not None and _censored_statistic(session, e, cmd):
        return
    opts = resolve_options(cmd.options, OPTIONS)
    _conditional(opts)
    if opts.pop("fitted", None):
        opts["eta"] = True
    marginal = bool(opts.get("marginal"))
    eta_marginal = (e.model.spec.fixed.censor is not None and marginal
                    and not any(s in opts for s in STATISTICS if s != "eta"))
    if eta_marginal:  # metobit/meintreg's eta marginal (below)
        _check_marginal({k: v for k, v in opts.items() if k != "eta"}, True)
        opts.pop("marginal")
        marginal = False
    _check_random_effect_words(e, opts)
    _check_marginal(opts, marginal)
    for bad in ("scores", "residuals", "density", "distribution"):
        if bad in opts:
            raise StataError(f"option {bad}{'()' if opts[bad] is not True else ''} not allowed", 198)
    _check_eb_controls(e, opts, marginal)
    _stata13_reffects(opts)
    stats = [s for s in STATISTICS if s in opts]
    if len(stats) > 1:
        raise StataError("only one statistic may be specified", 198)
    ordinal = e.model.spec.fixed.family == "ordinal"
    stat = stats[0] if stats else "mu"
    if e.model.spec.fixed.censor is not None:  # metobit_p/meintreg_p: the linear predictor is the default
        for bad in ("mu", "pr", "pearson", "deviance", "anscombe"):
            if bad in opts:  # pr(a,b), e(a,b), ystar(a,b) go through _censored_statistic
                raise StataError(f"option {bad}{'()' if opts[bad] is not True else ''} not allowed", 198)
        if not stats:
            session.print("(option eta assumed)")
            stats, stat = ["eta"], "eta"
        if eta_marginal:  # help metobit postestimation's "predict ..., eta marginal": E_u(x b + z'u) = x b
            opts.pop("eta", None)
            opts["xb"], stats, stat = True, ["xb"], "xb"
    kind = _kind(opts)
    if opts.get("fixedonly") and (opts.get("modes") or opts.get("ebmodes") or opts.get("means")
                                  or opts.get("ebmeans")) and stat != "reffects":
        raise StataError("fixedonly may not be combined with means or modes", 198)
    vtype, names, stub = parse_new_varlist(cmd.args)
    rows_wanted = _rows_selected(session, cmd)
    if "reses" in opts and stat != "reffects":  # meglm_p: the default statistic is assumed first
        if not stats:
            stat = "pr" if ordinal else "mu"
            session.print(f"(option {stat} assumed)")
        raise StataError(f"option reses() not allowed with option {stat}", 198)
    if stat == "reffects":
        return _reffects(session, e, opts, kind, vtype, names, stub, rows_wanted)
    if ordinal and stat == "mu":
        stat = "pr"
    if stub is not None:  # stub*: one variable per outcome of an ordinal pr/mu, else one (stub1)
        k = len(e.model.spec.fixed.categories) if ordinal and stat == "pr" and "outcome" not in opts else 1
        names = [f"{stub}{i}" for i in range(1, k + 1)]
    if len(names) != 1 and not (ordinal and stat == "pr" and "outcome" not in opts):
        raise StataError("too many variables specified" if len(names) > 1 else "invalid syntax",
                         103 if len(names) > 1 else 198)
    for name in names:
        check_new_name(session.data, name)
    if not stats:
        session.print("(option mu assumed)" if not ordinal else "(option pr assumed)")
    _print_notes(session, e, stat, kind, opts, marginal)
    rows = PredictionRows(session, e)
    kw = dict(kind=kind, fixedonly=bool(opts.get("fixedonly")), nooffset=bool(opts.get("nooffset")),
              points=_points(opts))
    if marginal:
        kw.update(marginal=True)
    if ordinal and stat == "pr":
        if "outcome" in opts:
            wanted = [outcome_index(e, str(opts["outcome"]))]
        else:
            k = len(e.model.spec.fixed.categories)
            if len(names) not in (1, k):
                raise StataError(f"you must specify 1 or {k} new variables", 102 if len(names) < k else 103)
            wanted = [1] if len(names) == 1 else list(range(1, k + 1))
        cats = e.model.spec.fixed.categories
        for name, k in zip(names, wanted):
            vals = np.where(rows_wanted, e.model.predict("pr", rows, outcome=k, **kw), np.nan)
            c = cats[k - 1]
            text = str(int(c)) if float(c).is_integer() else f"{c:g}"
            store_prediction(session, name, vals, vtype, f"Predicted mean ({e.macros['depvar']}={text})")
        return
    if "outcome" in opts:
        raise StataError("option outcome() not allowed", 198)
    vals = np.where(rows_wanted, e.model.predict(stat, rows, **kw), np.nan)
    store_prediction(session, names[0], vals, vtype, LABELS[stat])


def _reffects(session, e, opts, kind, vtype, names, stub, rows_wanted) -> None:
    """``reffects`` (and ``reses()``): one variable per random effect, Stata's order."""
    if opts.get("fixedonly"):
        raise StataError("option fixedonly not allowed with reffects", 198)
    if e.macros.get("vcetype") == "Robust" and "reses" in opts:
        raise StataError("option reses() not available after robust variance estimation", 498)
    fit = e.model
    terms = list(fit.re_terms())
    cols = [(k, j) for k, t in enumerate(terms) for j in range(len(t.names))]
    names = new_variable_names(names, stub, len(cols))
    se_names = None
    if "reses" in opts:
        _, se_list, se_stub = parse_new_varlist(str(opts["reses"]))
        se_names = new_variable_names(se_list, se_stub, len(cols))
    for name in names + (se_names or []):
        check_new_name(session.data, name)
    _print_notes(session, e, "reffects", kind, opts, False)
    groups = row_groups(session, e)
    preds = fit.blups(kind, _points(opts))
    what = "modes" if kind == "ebmodes" else "means"
    for i, (k, j) in enumerate(cols):
        t = terms[k]
        code = groups.codes[k]
        known = (code >= 0) & rows_wanted
        lv = "_all" if t.crossed_factor else t.levelvar
        coef = t.names[j] if t.crossed_factor else f"{t.names[j]}[{lv}]"
        for out_names, src, lab in ((names, preds[k].modes, f"empirical Bayes' {what} for {coef}"),
                                    (se_names, preds[k].se, f"S.E. of empirical Bayes' {what} for {coef}")):
            if out_names is None:
                continue
            vals = np.full(session.data.nobs, np.nan)
            vals[known] = src[code[known], j]
            store_prediction(session, out_names[i], vals, vtype, lab)


def new_variable_names(names, stub, n: int) -> list[str]:
    """The n new variables of ``predict ..., reffects``: ``stub*`` or exactly n names
    (Stata's too few / too many r(102) / r(103))."""
    if stub is not None:
        return [f"{stub}{i + 1}" for i in range(n)]
    if len(names) != n:
        few = len(names) < n
        raise StataError(f"{'too few' if few else 'too many'} variables specified\n"
                         f"you must specify {n} new variable(s)", 102 if few else 103)
    return list(names)


CENSORED_STATISTICS = (("pr", 2), ("e", 1), ("ystar", 2))


def _censored_statistic(session, e, cmd) -> bool:
    """metobit_p/meintreg_p's pr(a,b), e(a,b) and ystar(a,b): tobit's statistics of the latent
    y* ~ N(eta, var(e.depvar)) at the linear predictor eta (with the empirical Bayes means or
    modes of the random effects, or fixedonly) or, with ``marginal``, integrated over the random
    effects' normal distribution (``varcorr.marginal_mean``: e(n_quad) or intpoints() nodes);
    False when none was typed."""
    from mlmcli.postest.regress_prediction import Prediction, bound_from_text, bound_values, parse_bounds
    from mlmcli.postest.regression_diagnostics import truncated_statistic
    from mlmcli.syntax.abbreviation import resolve_choice

    typed = [(resolve_choice(o.name, CENSORED_STATISTICS), o) for o in cmd.options if o.arg is not None]
    typed = [(name, o) for name, o in typed if name is not None]
    if not typed:
        return False
    if len(typed) > 1:
        raise StataError("only one statistic may be specified", 198)
    stat, option = typed[0]
    others = [o for o in cmd.options if o is not option]
    opts = resolve_options(others, OPTIONS)
    _conditional(opts)
    for bad in [k for k in opts if k in STATISTICS or k in ("reses", "outcome", "scores", "residuals",
                                                              "density", "distribution")]:
        raise StataError("only one statistic may be specified" if bad in STATISTICS else f"option {bad} not allowed",
                         198)
    marginal = bool(opts.get("marginal"))
    _check_marginal(opts, marginal)
    _check_eb_controls(e, opts, marginal)
    kind = _kind(opts)
    vtype, names, stub = parse_new_varlist(cmd.args)
    if stub is not None or len(names) != 1:
        raise StataError("too many variables specified" if len(names) > 1 else "invalid syntax",
                         103 if len(names) > 1 else 198)
    check_new_name(session.data, names[0])
    prediction = Prediction(stat, typed=parse_bounds(option.arg, stat))
    lo, hi = bound_values(prediction, lambda text: bound_from_text(session.data, text))
    _print_notes(session, e, "eta", kind, opts, marginal)
    rows = PredictionRows(session, e)
    sigma = float(np.exp(e.model.anc[0]))
    if marginal:  # the statistic integrated over the random effects' normal distribution
        from mlmcli.glmm.varcorr import marginal_mean

        xb = np.asarray(e.model.predict("xb", rows, nooffset=bool(opts.get("nooffset"))), float)
        values = marginal_mean(e.model, rows, xb, lambda eta: truncated_statistic(stat, eta, sigma, lo, hi),
                               _points(opts) or int(e.model.spec.points))
    else:
        eta = e.model.predict("eta", rows, kind=kind, fixedonly=bool(opts.get("fixedonly")),
                              nooffset=bool(opts.get("nooffset")), points=_points(opts))
        values = truncated_statistic(stat, np.asarray(eta, float), sigma, lo, hi)
    store_prediction(session, names[0], np.where(_rows_selected(session, cmd), values, np.nan), vtype,
                     prediction.label(e.model.spec.depvar))
    return True
