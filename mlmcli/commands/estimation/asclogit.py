"""Alternative-specific conditional logit, McFadden's choice model ([R] asclogit), on
``mlmcli.glm.choice_logit``:

    asclogit depvar [indepvars] [if] [in], case(varname) alternatives(varname) [casevars(varlist)
             basealternative(#|lbl|str) noconstant altwise level(#) nolog iterate(#) tolerance(#)
             ltolerance(#) nrtolerance(#) noheader display_options]

The data are long: one row per case and alternative, depvar 1 on the chosen one.  indepvars
(alternative-specific) share one coefficient, in the equation named by the alternatives
variable; each alternative but the base one has its own equation of the casevars and a
constant.  As asclogit.ado: the start is a logit of depvar on all those columns (its
coefficients without its constant; zeros if it fails), the log is ml's ``Iteration #:`` lines,
the model test a Wald test of every coefficient but the constants (ml's waldtest(k_eq)), e(b)
without the base alternative's (empty) equation, the table with ``(base alternative)``.
Data checks and notes: ``asclogit_data``.  predict: asclogit_p (pr, xb; ``predict_asclogit``);
estat alternatives (``estat mfx`` refused).  The command typed alone replays.

Refused by name: weights, vce() other than oim, robust, cluster(), offset(), constraints(),
from(), collinear, or, technique() (not landed).  The Stata 13 header's words ("Case variable",
"Alternative variable") are from the Stata 13 manual's example; its columns are the Stata 16
ado's (decided without a Stata 13 ado at hand).
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, confidence_level, resolve_options

HELP = {"asclogit": "asclogit depvar [indepvars] [if] [in], case(varname) alternatives(varname) "
                    "[casevars(varlist) basealternative() noconstant altwise] : alternative-specific conditional logit"}
_DISPLAY = [OptionSpec("level", 1, takes_arg=True), OptionSpec("noheader", 6), OptionSpec("or", 2)]
_REFUSED = ("vce", "robust", "cluster", "offset", "constraints", "from", "collinear", "or", "technique", "score")
_OPTIONS = [
    OptionSpec("case", 4, takes_arg=True), OptionSpec("alternatives", 3, takes_arg=True),
    OptionSpec("casevars", 5, takes_arg=True), OptionSpec("basealternative", 4, takes_arg=True),
    OptionSpec("noconstant", 6), OptionSpec("altwise", 7), OptionSpec("nolog", 5), OptionSpec("log", 3),
    OptionSpec("iterate", 4, takes_arg=True), OptionSpec("tolerance", 3, takes_arg=True),
    OptionSpec("ltolerance", 4, takes_arg=True), OptionSpec("nrtolerance", 5, takes_arg=True),
    OptionSpec("difficult", 4), OptionSpec("vce", 3, takes_arg=True), OptionSpec("robust", 1),
    OptionSpec("cluster", 2, takes_arg=True), OptionSpec("offset", 3, takes_arg=True),
    OptionSpec("constraints", 5, takes_arg=True), OptionSpec("from", 4, takes_arg=True),
    OptionSpec("collinear", 3), OptionSpec("technique", 4, takes_arg=True), OptionSpec("score", 2, takes_arg=True),
    *_DISPLAY[:2],
]


def cmd_asclogit(session, cmd) -> None:
    from mlmcli.commands.estimation.asclogit_data import prepare_design
    from mlmcli.commands.estimation.choice_common import refuse_unlanded
    from mlmcli.commands.estimation.common import display_option_specs, table_options_with_notes
    from mlmcli.commands.estimation.convergence import finish
    from mlmcli.commands.estimation.limited_dependent import depvar_and_terms, ml_settings
    from mlmcli.factor_variables import parse_terms
    from mlmcli.glm.choice_logit import ChoiceData, fit_choice_logit

    if not cmd.args.strip() and cmd.weight is None and not cmd.if_exp and not cmd.in_range:
        return replay_typed(session, cmd)
    ds = session.data
    opts = resolve_options(cmd.options, _OPTIONS + display_option_specs())
    if not str(opts.get("case") or "").strip():  # case() typed empty is not given (syntax's varname option)
        raise StataError("option case() required", 198)
    if not str(opts.get("alternatives") or "").strip():
        raise StataError("option alternatives() required", 198)
    refuse_unlanded(opts, cmd, "asclogit", _REFUSED)
    depvar, terms = depvar_and_terms(ds, cmd.args)
    if ds.is_string(depvar):
        raise StataError(f"string variables not allowed in varlist;\n{depvar} is a string variable", 109)
    case_var = ds.resolve(str(opts["case"]).strip())
    if ds.is_string(case_var):
        raise StataError(f"string variables not allowed in varlist;\n{case_var} is a string variable", 109)
    alt_var = ds.resolve(str(opts["alternatives"]).strip())
    cv_text = str(opts.get("casevars") or "").strip()
    cv_terms = parse_terms(ds, cv_text) if cv_text else []
    from mlmcli.factor_variables import term_variables

    for name in term_variables(terms) + term_variables(cv_terms):  # syntax's varlist(numeric)
        if ds.is_string(name):
            raise StataError(f"string variables not allowed in varlist;\n{name} is a string variable", 109)
    table = table_options_with_notes(session, opts)
    design = prepare_design(session, cmd, depvar, terms, cv_terms, case_var, alt_var,
                            altwise=bool(opts.get("altwise")), constant=not opts.get("noconstant"),
                            base_typed=opts.get("basealternative"), note=session.print)
    G = int(design.case.max()) + 1
    data = ChoiceData(design.X, design.chosen, design.case, np.zeros(len(design.case)), np.ones(G))
    ml = ml_settings(session, opts)
    start = _start(design, ml)
    fit = fit_choice_logit(data, start, **ml)
    level = confidence_level(opts, getattr(session, "level", 95.0))
    e = _post(session, cmd, depvar, case_var, alt_var, design, fit, level)
    if opts.get("altwise"):
        e.macros["marktype"] = "altwise"
    session.e = e
    _display(session, e, opts, log=not opts.get("nolog"), table=table)
    finish(session, e, converged=fit.converged, at_limit=fit.limit_reached,
           iterate_typed=opts.get("iterate") is not None)


def _start(design, ml) -> np.ndarray:
    """asclogit's initest: logit of depvar on the model's columns and a constant; its
    coefficients without the constant, zeros when it fails."""
    from mlmcli.glm.fractional_response import FractionalData, fit_fractional

    X = np.column_stack([design.X, np.ones(len(design.chosen))])
    k = design.X.shape[1]
    ybar = float(np.clip(design.chosen.mean(), 1e-10, 1 - 1e-10))
    b0 = np.zeros(k + 1)
    b0[-1] = np.log(ybar / (1 - ybar))
    try:
        with np.errstate(all="ignore"):
            logit = fit_fractional(FractionalData(design.chosen, X, np.zeros(len(X)), np.ones(len(X))), "logit", b0,
                                   **{**ml, "iterate": 100}, robust=False)
        theta = np.asarray(logit.theta[:k], float)
        return theta if np.all(np.isfinite(theta)) else np.zeros(k)
    except (StataError, np.linalg.LinAlgError, FloatingPointError, ValueError):
        return np.zeros(k)


def _post(session, cmd, depvar, case_var, alt_var, design, fit, level):
    from mlmcli.commands.estimation.ml_binary_common import attach, posted
    from mlmcli.estimation.results import EstimationResults
    from mlmcli.postest.coefficient_rows import safe_rank
    from mlmcli.results.glmm import IterationLog, IterationPhase
    from mlmcli.results.matrix import Matrix

    names, b_mat, V_mat = posted([(eq, labels) for eq, labels, _ in design.blocks if labels], fit.theta, fit.V)
    free = [i for i, n in enumerate(names) if n.split(":", 1)[1] != "_cons"]  # ml's waldtest: no constants
    b_full, V_full = b_mat.values[0], V_mat.values
    chi2, df_m = _wald(b_full, V_full, free)
    from mlmcli import distributions as stats

    G = int(design.case.max()) + 1
    sizes = np.bincount(design.case, minlength=G)
    k = len(design.alt_values)
    present = np.bincount(np.unique(design.case * k + design.alt_index) % k, minlength=k)
    selected = np.bincount(design.alt_index[design.chosen == 1], minlength=k)
    numeric_alts = not isinstance(design.alt_values[0], str)
    values = [float(v) if numeric_alts else float(i + 1) for i, v in enumerate(design.alt_values)]
    scalars = {"N": float(len(design.case)), "N_case": float(G), "k": float(len(names)),
               "k_eq": float(sum(1 for _, labels, _ in design.blocks if labels)), "df_m": float(df_m),
               "ll": fit.loglik, "chi2": chi2, "p": float(stats.chi2.sf(chi2, df_m)) if df_m else float("nan"),
               "k_alt": float(k), "alt_min": float(sizes.min()), "alt_avg": float(sizes.mean()),
               "alt_max": float(sizes.max()), "const": float(design.constant), "i_base": float(design.base + 1),
               "rank": float(safe_rank(fit.V)), "ic": float(max(len(fit.steps) - 1, 0)), "rc": 0.0,
               "converged": float(fit.converged)}
    scalars["k_eq_model"] = scalars["k_eq"]
    macros = {"cmd": "asclogit", "cmdline": (cmd.text or f"asclogit {cmd.args}").strip(), "depvar": depvar,
              "indvars": " ".join(lab.name for lab in design.as_design.labels),
              "casevars": " ".join(lab.name for lab in design.cv_design.labels) if design.cv_design else "",
              "case": case_var, "altvar": alt_var, "alteqs": " ".join(design.alt_labels),
              "title": "Alternative-specific conditional logit", "chi2type": "Wald", "vce": "oim",
              "opt": "moptimize", "which": "max", "ml_method": "d2", "user": "asclogit_lf", "technique": "nr",
              "crittype": "log likelihood", "properties": "b V", "estat_cmd": "asclogit_estat",
              "predict": "asclogit_p", "marginsnotok": "_ALL", "marktype": "casewise"}
    for i, lab in enumerate(design.alt_labels, start=1):
        macros[f"alt{i}"] = lab
    alt_names = tuple(design.alt_labels)
    stats_m = np.column_stack([values, present, selected, selected / G])
    matrices = {"b": b_mat, "V": V_mat,
                "stats": Matrix(stats_m, alt_names, ("Alternative", "Cases", "Frequency", "Percent")),
                "altvals": Matrix(np.array(values)[None, :], ("r1",), alt_names),
                "altfreq": Matrix(present[None, :].astype(float), ("r1",), alt_names)}
    sample = design.touse
    e = EstimationResults(cmd="asclogit", scalars=scalars, macros=macros, matrices=matrices, model=None,
                          sample=sample, title=macros["title"], design=design.as_design)
    model = ChoiceModel(design, names, depvar)
    log = IterationLog((IterationPhase("", tuple(fit.steps)),))
    return attach(session, e, model, fit, level, _result, log=log)


def _wald(b, V, idx):
    idx = [i for i in idx if V[i, i] > 0]
    if not idx:
        return float("nan"), 0
    sub = V[np.ix_(idx, idx)]
    bb = b[idx]
    return float(bb @ np.linalg.solve(sub, bb)), len(idx)


class ChoiceModel:
    """The fit as predict sees it: the blocks and variables of the design and e(b)."""

    def __init__(self, design, names, depvar):
        self.blocks = [(eq, tuple(labels), j) for eq, labels, j in design.blocks]
        self.alt_values = design.alt_values
        self.alt_labels = design.alt_labels
        self.base = design.base
        self.as_recipes = design.as_design.recipes
        self.cv_recipes = design.cv_design.recipes if design.cv_design is not None else ()
        self.as_labels = tuple(design.as_design.labels)
        self.cv_labels = tuple(design.cv_design.labels) if design.cv_design is not None else ()
        self.constant = design.constant
        self.names = tuple(names)
        self.depvar = depvar


def _result(e, level):
    from mlmcli.mixed.inference import fixed_rows
    from mlmcli.results.choice_model import ChoiceEquation, ChoiceModelResult

    m, s = e.model, e.scalars
    b, V = m.posted[0].values[0], m.posted[1].values
    equations, at = [], 0
    for eq, labels, j in m.blocks:
        n = len(labels)
        if j is not None and j == m.base:
            equations.append(ChoiceEquation(eq, (), base=True))
            continue
        keep = [at + i for i, lab in enumerate(labels) if not (lab.base or lab.omitted)]
        rows = fixed_rows(tuple(labels), b[keep], V[np.ix_(keep, keep)], level)
        equations.append(ChoiceEquation(eq, rows))
        at += n
    mac = e.macros
    return ChoiceModelResult(
        title=mac["title"], depvar=mac["depvar"], case_var=mac["case"], alt_var=mac["altvar"], nobs=int(s["N"]),
        n_cases=int(s["N_case"]), alt_min=s["alt_min"], alt_avg=s["alt_avg"], alt_max=s["alt_max"],
        chi2=s["chi2"], df_m=int(s["df_m"]), p=s["p"], loglik=s["ll"], level=level, equations=tuple(equations),
        converged=bool(s["converged"]), iteration_log=m.log)


def _display(session, e, opts, *, log: bool, table=None) -> None:
    from mlmcli.commands.estimation.ml_binary_common import show
    from mlmcli.render.choice_model import render_asclogit

    if opts.get("or") is not None:
        raise StataError("option or not supported by mlmcli with asclogit", 198)
    show(session, e, opts, _result, render_asclogit, log=log, noheader=bool(opts.get("noheader")), table=table)


def replay(session, e) -> None:
    _display(session, e, {}, log=False)


def replay_typed(session, cmd) -> None:
    from mlmcli.commands.estimation.choice_common import replay_typed as replay_command

    replay_command(session, cmd, "asclogit", _DISPLAY, _display)
