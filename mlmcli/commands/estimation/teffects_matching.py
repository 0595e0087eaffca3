"""``teffects nnmatch`` and ``teffects psmatch`` ([TE]; _teffects_nnmatch.ado, _teffects_psmatch.ado):

    teffects nnmatch (ovar omvarlist) (tvar) [if] [in] [, ate atet nneighbor(#)
        metric(mahalanobis|ivariance|euclidean|matrix name) ematch(varlist) biasadj(varlist)
        vce(robust[, nn(#)]) dtolerance(#) control(#) tlevel(#) level(#) dmvariables]

The estimator and its Abadie-Imbens variance are ``mlmcli.treatment_effects.matching``'s.  A
binary treatment only (Stata's).  e(b) ``ATE:r1vs0.tvar`` (``ATET:``), e(k_nneighbor),
e(k_nnmin), e(k_nnmax), e(k_robust), e(metric), e(mvarlist), e(emvarlist), e(bavarlist),
e(vcetype) ``AI Robust``.  Refused (decisions: docs/teffects.md): weights, caliper(),
generate(), osample(), vce(iid), and predict, tebalance and teoverlap after nnmatch.
psmatch: ``cmd_psmatch`` below.
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.commands.estimation.common import display_formats, display_formats_with_notes, format_option_specs
from mlmcli.syntax.options import OptionSpec, confidence_level, integer_option, real_option, resolve_options
from mlmcli.sorted_codes import matrix_row_codes

_OPTIONS = [OptionSpec("ate", 3), OptionSpec("atet", 4), OptionSpec("nneighbor", 2, takes_arg=True),
            OptionSpec("metric", 1, takes_arg=True), OptionSpec("ematch", 1, takes_arg=True),
            OptionSpec("biasadj", 4, takes_arg=True), OptionSpec("vce", 3, takes_arg=True),
            OptionSpec("dtolerance", 4, takes_arg=True), OptionSpec("caliper", 3, takes_arg=True),
            OptionSpec("generate", 3, takes_arg=True), OptionSpec("osample", 2, takes_arg=True),
            OptionSpec("control", 3, takes_arg=True), OptionSpec("tlevel", 3, takes_arg=True),
            OptionSpec("level", 1, takes_arg=True), OptionSpec("dmvariables", 2), OptionSpec("nolog", 5),
            OptionSpec("coeflegend", 5), *format_option_specs()]
REPLAY_OPTIONS = [OptionSpec("level", 1, takes_arg=True), OptionSpec("dmvariables", 2), OptionSpec("coeflegend", 5),
                  *format_option_specs()]
_METRICS = {"mahalanobis": 4, "ivariance": 4, "euclidean": 4, "matrix": 3}


def _metric(text: str | None, session) -> tuple[str, np.ndarray | None, str]:
    if not text:
        return "mahalanobis", None, "mahalanobis"
    words = text.split()
    chosen = [name for name, k in _METRICS.items() if len(words[0]) >= k and name.startswith(words[0].lower())]
    if not chosen:
        raise StataError(f"metric({text}) is not allowed", 198)
    if chosen[0] != "matrix":
        return chosen[0], None, chosen[0]
    if len(words) != 2:
        raise StataError("metric(matrix) cannot specify more than one matrix" if len(words) > 2 else
                         "in option metric(matrix matname)", 198)
    mat = session.matrices.get(words[1])
    if mat is None:
        raise StataError(f"matrix {words[1]} does not exist", 111)
    values = np.asarray(mat.values, float)
    if not np.allclose(values, values.T):
        raise StataError(f"matrix {words[1]} is not symmetric", 505)
    return "matrix", values, f"matrix {words[1]}"


def _nn_option(vce: str | None, nmin: int) -> int:
    if not vce:
        return 2
    from mlmcli.syntax.options import suboptions

    body, subs = suboptions(vce)
    word = body.strip().lower()
    if word == "iid":
        raise StataError("option vce(iid) not supported by mlmcli with teffects nnmatch", 198)
    if not word or not "robust".startswith(word):
        raise StataError(f"vce({body.strip()}) is not allowed", 198)
    nn = 2
    for o in subs:
        if o.name != "nn":
            raise StataError(f"option {o.name}() not allowed", 198)
        try:
            nn = int(str(o.arg).strip())
        except ValueError:
            nn = -1
        if nn <= 1 or nn > nmin:
            raise StataError("invalid vce() specification; nn(#) must be an integer between 2 and the number of "
                             f"observations in the smallest group = {nmin}", 198)
    return nn


def _matching_start(cmd, text: str, specs, sub: str):
    """What nnmatch and psmatch read alike: their options (caliper(), generate(), osample() and
    weights refused), ate or atet, and the two equations' (variables, options)."""
    from mlmcli.commands.estimation.teffects_syntax import equation_parts, split_equations

    opts = resolve_options(cmd.options, specs)
    display_formats(opts)  # a cformat() & co. that is no numeric format: r(7) before the fit
    for refused in ("caliper", "generate", "osample"):
        if opts.get(refused) is not None:
            raise StataError(f"option {refused}() not supported by mlmcli with teffects {sub}", 198)
    if cmd.weight is not None:
        raise StataError(f"weights not supported by mlmcli with teffects {sub}", 101)
    if opts.get("ate") and opts.get("atet"):
        raise StataError("options ate and atet cannot both be specified", 184)
    eqs = split_equations(text)
    if len(eqs) != 2:
        raise StataError(f"teffects {sub} requires an outcome equation and a treatment equation, each in "
                         "parentheses", 198)
    return opts, equation_parts(eqs[0]), equation_parts(eqs[1])


def _two_level_sample(session, cmd, tvar: str, used: list[str], opts: dict, estimator: str):
    """The estimation sample, the treatment column, its two levels and the control level's index
    (the matching estimators take a binary treatment only)."""
    from mlmcli.commands.estimation.teffects_syntax import level_index
    from mlmcli.sample import mark_sample

    ds = session.data
    touse = np.asarray(mark_sample(session, cmd, used), dtype=bool)
    if not touse.any():
        raise StataError("no observations", 2000)
    t_all = ds.numeric(tvar)
    levels = sorted(float(v) for v in np.unique(t_all[touse]))
    if len(levels) != 2:
        raise StataError(f"treatment variable {tvar} must have exactly two levels with teffects {estimator}", 459)
    control = level_index(ds, tvar, opts["control"], levels, "control") if opts.get("control") else 0
    return touse, t_all, levels, control


def _neighbours(opts: dict, treated: np.ndarray) -> tuple[int, int, int, int]:
    """Group sizes, nneighbor() (checked against the smaller group) and vce(robust, nn())."""
    n1, n0 = int(treated.sum()), int((~treated).sum())
    nmin = min(n0, n1)
    m = integer_option(opts, "nneighbor", 1) if opts.get("nneighbor") else 1
    if m < 1 or m > nmin:
        raise StataError("nneighbor(#) must be an integer between 1 and the number of observations in the "
                         f"smallest group = {nmin}", 198)
    return n1, n0, m, _nn_option(opts.get("vce"), nmin)


def cmd_nnmatch(session, cmd, text: str) -> None:
    from mlmcli.commands.estimation.teffects_syntax import check_variables, level_index
    from mlmcli.factor_variables import build_design, parse_terms, term_variables
    from mlmcli.commands.estimation.limited_dependent import depvar_and_terms
    from mlmcli.treatment_effects.matching import match_effects, metric_transform

    ds = session.data
    opts, (o_vars, o_opts), (t_vars, t_opts) = _matching_start(cmd, text, _OPTIONS, "nnmatch")
    stat = "atet" if opts.get("atet") else "ate"
    if o_opts or t_opts:
        raise StataError(f"option {(o_opts or t_opts)[0]} not allowed", 198)
    depvar, o_terms = depvar_and_terms(ds, o_vars)
    tvar, t_terms = depvar_and_terms(ds, t_vars)
    if t_terms:
        raise StataError("too many variables specified in the treatment equation", 103)
    check_variables(ds, depvar, tvar, o_terms, [])
    e_terms = parse_terms(ds, opts["ematch"]) if opts.get("ematch") else []
    b_terms = parse_terms(ds, opts["biasadj"]) if opts.get("biasadj") else []
    if not o_terms and not e_terms:
        raise StataError("omvarlist or ematch(varlist) must be specified", 100)
    used = [depvar, tvar] + term_variables(o_terms) + term_variables(e_terms) + term_variables(b_terms)
    touse, t_all, levels, control = _two_level_sample(session, cmd, tvar, used, opts, "nnmatch")
    treated_level = levels[1 - control]
    if opts.get("tlevel") and levels[level_index(ds, tvar, opts["tlevel"], levels, "tlevel")] != treated_level:
        raise StataError("tlevel() may not be the control level", 198)
    treated = t_all[touse] == treated_level
    n1, n0, m, nn = _neighbours(opts, treated)
    dtol = real_option(opts, "dtolerance", 0.0) if opts.get("dtolerance") else float(np.sqrt(np.finfo(float).eps))
    if dtol <= 0:
        raise StataError("dtolerance(#) must be a real greater than zero", 198)
    metric, matrix, metric_text = _metric(opts.get("metric"), session)
    X = build_design(ds, o_terms, touse, constant=False).X if o_terms else np.zeros((int(touse.sum()), 0))
    if metric == "matrix" and matrix.shape != (X.shape[1], X.shape[1]):
        raise StataError(f"metric matrix must be {X.shape[1]} by {X.shape[1]} corresponding to the number of "
                         "variables in the outcome-model varlist", 503)
    Z = metric_transform(X, metric, matrix) if X.shape[1] else X
    cells = None
    if e_terms:
        E = build_design(ds, e_terms, touse, constant=False).X
        cells = matrix_row_codes(E)
    B = build_design(ds, b_terms, touse, constant=False).X if b_terms else None
    y = ds.numeric(depvar)[touse]
    try:
        fit = match_effects(y, treated, Z, m=m, stat=stat, cells=cells, B=B, nn=nn, dtol=dtol)
    except ValueError:
        raise StataError("no exact matches for some observations; use osample() in Stata to identify them", 459) \
            from None
    e = _post(session, cmd, stat, depvar, tvar, levels, control, fit, touse, m, nn, metric_text, n0, n1,
              o_terms, e_terms, b_terms)
    session.e = e
    e.result = display(session, e, opts)


def _post(session, cmd, stat, depvar, tvar, levels, control, fit, touse, m, nn, metric_text, n0, n1, o_terms,
          e_terms, b_terms):
    from mlmcli.estimation.results import EstimationResults
    from mlmcli.factor_variables import term_variables
    from mlmcli.results.matrix import Matrix

    c, t = levels[control], levels[1 - control]
    name = f"{stat.upper()}:r{t:g}vs{c:g}.{tvar}"
    macros = {"cmd": "teffects", "subcmd": "nnmatch", "cmdline": (cmd.text or f"teffects {cmd.args}").strip(),
              "depvar": depvar, "tvar": tvar, "stat": stat, "title": "Treatment-effects estimation",
              "tlevels": " ".join(f"{v:g}" for v in levels), "metric": metric_text, "vce": "robust",
              "vcetype": "AI Robust", "mvarlist": " ".join(term_variables(o_terms)),
              "bavarlist": " ".join(term_variables(b_terms)), "predict": "teffects_p", "estat_cmd": "teffects_estat",
              "marginsnotok": "_ALL", "properties": "b V"}
    if e_terms:
        macros["emvarlist"] = " ".join(term_variables(e_terms))
    scalars = {"N": float(touse.sum()), f"n{c:g}": float(n0), f"n{t:g}": float(n1), "treated": t, "control": c,
               "k_nneighbor": float(m), "k_nnmin": float(fit.n_min), "k_nnmax": float(fit.n_max),
               "k_robust": float(nn), "k_levels": 2.0}
    matrices = {"b": Matrix(np.array([[fit.tau]]), (depvar,), (name,)),
                "V": Matrix(np.array([[fit.var]]), (name,), (name,))}
    e = EstimationResults(cmd="teffects", scalars=scalars, macros=macros, matrices=matrices, sample=touse,
                          title="Treatment-effects estimation")
    e.stamp_sample(session.data)
    return e


def display(session, e, opts):
    """Print the results (at level()) and return what was printed, as data."""
    from mlmcli.commands.estimation.teffects_results import versus_texts
    from mlmcli.mixed.spec import CoefLabel
    from mlmcli.postest.coefficient_rows import rows_from_estimates
    from mlmcli.render.treatment_effects import render_matching
    from mlmcli.results.treatment_effects import EffectRow, MatchingResult

    level = confidence_level(opts, getattr(session, "level", 95.0))
    name = e.matrices["b"].colnames[0]
    (row,) = rows_from_estimates((CoefLabel(name.split(":", 1)[1]),), e.matrices["b"].values.ravel(),
                                 e.matrices["V"].values, level)
    texts = versus_texts(session, e.macros["tvar"], e.scalars["treated"], e.scalars["control"])
    if e.macros["subcmd"] == "psmatch":
        estimator, last = "propensity-score matching", f"Treatment model: {e.macros['tmodel']}"
    else:
        metric = e.macros["metric"]
        shown = metric.capitalize() if metric in ("mahalanobis", "euclidean") else metric
        estimator, last = "nearest-neighbor matching", f"Distance metric: {shown}"
    notes = []
    if opts.get("dmvariables") and e.macros["subcmd"] == "nnmatch":
        notes.append(f"Matching variables: {e.macros['mvarlist']}")
        if e.macros.get("bavarlist"):
            notes.append(f"Bias-adj variables: {e.macros['bavarlist']}")
        if e.macros.get("emvarlist"):
            notes.append(f"Exact-match variables: {e.macros['emvarlist']}")
    r = MatchingResult(depvar=e.macros["depvar"], nobs=e.scalars["N"], estimator=estimator,
                       requested=int(e.scalars["k_nneighbor"]), n_min=int(e.scalars["k_nnmin"]),
                       n_max=int(e.scalars["k_nnmax"]), last_label=last,
                       tvar=e.macros["tvar"], effect=(name.split(":")[0], EffectRow(texts, row)), level=level,
                       notes=tuple(notes))
    formats = display_formats_with_notes(session, opts)  # the options, else set cformat ...
    session.print(render_matching(r, formats, coeflegend=bool(opts.get("coeflegend"))))
    return r


_PS_OPTIONS = [OptionSpec("ate", 3), OptionSpec("atet", 4), OptionSpec("nneighbor", 2, takes_arg=True),
               OptionSpec("vce", 3, takes_arg=True), OptionSpec("caliper", 3, takes_arg=True),
               OptionSpec("generate", 3, takes_arg=True), OptionSpec("osample", 2, takes_arg=True),
               OptionSpec("pstolerance", 5, takes_arg=True), OptionSpec("control", 3, takes_arg=True),
               OptionSpec("tlevel", 3, takes_arg=True), OptionSpec("level", 1, takes_arg=True),
               OptionSpec("nolog", 5), OptionSpec("coeflegend", 5), *format_option_specs()]
PS_TIES = 1e-10  # propensity scores this close are tied: Stata's printed psmatch results need it


def _propensity(model: str, t01: np.ndarray, X: np.ndarray):
    """(p, the index's density f, e(V) of the logit/probit fit: the inverse observed information)."""
    from scipy import special

    from mlmcli.treatment_effects import models

    g = models.fit_glm(model, t01, X, np.ones(len(t01)))
    xb = X @ g
    if model == "logit":
        p = special.expit(xb)
        dens = info = p * (1 - p)
    else:
        p = special.ndtr(xb)
        dens = np.exp(-0.5 * xb * xb) / np.sqrt(2 * np.pi)
        q = 2 * t01 - 1
        lam = q * dens / special.ndtr(q * xb)
        info = lam * (lam + xb)
    return g, p, dens, np.linalg.inv(X.T @ (X * info[:, None]))


def cmd_psmatch(session, cmd, text: str) -> None:
    """``teffects psmatch (ovar) (tvar tmvarlist [, logit|probit noconstant]) [if] [in] [, ate
    nneighbor(#) vce(robust[, nn(#)]) pstolerance(#) control(#) tlevel(#) level(#)]``: matching
    on the estimated propensity score, Abadie and Imbens' (2016) SE (the ATE's; atet refused)."""
    from mlmcli.commands.estimation.limited_dependent import depvar_and_terms
    from mlmcli.commands.estimation.teffects_syntax import check_variables, level_index, model_options
    from mlmcli.factor_variables import build_design, term_variables
    from mlmcli.treatment_effects.matching import match_effects, propensity_correction

    ds = session.data
    opts, (o_vars, o_opts), (t_vars, t_opts) = _matching_start(cmd, text, _PS_OPTIONS, "psmatch")
    if opts.get("atet"):
        raise StataError("option atet not supported by mlmcli with teffects psmatch", 198)
    depvar, o_terms = depvar_and_terms(ds, o_vars)
    if o_terms or o_opts:
        raise StataError("outcome model may not have covariates or options with teffects psmatch", 198)
    tvar, t_terms = depvar_and_terms(ds, t_vars)
    tmodel, t_const = model_options(t_opts, ("logit", "probit"), "treatment")
    check_variables(ds, depvar, tvar, [], t_terms)
    if not t_terms:
        raise StataError("varlist for treatment model is missing; propensity scores cannot be estimated", 198)
    touse, t_all, levels, control = _two_level_sample(session, cmd, tvar, [depvar, tvar] + term_variables(t_terms),
                                                      opts, "psmatch")
    treated = t_all[touse] == levels[1 - control]
    n1, n0, m, nn = _neighbours(opts, treated)
    X = build_design(ds, t_terms, touse, constant=t_const).X
    g, p, dens, V_ps = _propensity(tmodel, treated.astype(float), X)
    tol = real_option(opts, "pstolerance", 1e-5) if opts.get("pstolerance") else 1e-5
    if np.any(p < tol) or np.any(p > 1 - tol):
        raise StataError("treatment overlap assumption has been violated; use the osample() option to identify "
                         "the observations", 459)
    y = ds.numeric(depvar)[touse]
    fit = match_effects(y, treated, p[:, None], m=m, stat="ate", nn=nn - 1, dtol=PS_TIES)
    fit.var -= propensity_correction(y, treated, p, X, dens, V_ps, nn, PS_TIES)
    e = _post(session, cmd, "ate", depvar, tvar, levels, control, fit, touse, m, nn, "", n0, n1, [], [], [])
    for key in ("metric", "mvarlist", "bavarlist"):
        e.macros.pop(key, None)
    e.macros.update({"subcmd": "psmatch", "tmodel": tmodel, "psvarlist": " ".join(term_variables(t_terms))})
    session.e = e
    e.result = display(session, e, opts)
