"""``pgmhaz8`` (SSC, Stephen P. Jenkins, version 2.1.1, September 2004): discrete-time (grouped
data) proportional hazards models on person-period data, without and with gamma frailty.  A
compatible implementation following the package's ado-file and help file:

    pgmhaz8 varlist [if] [in] [fw iw], id(idvar) dead(deadvar) seq(seqvar) [lnvar0(#) nocons
            nobeta0 level(#) eform nolog maximize_options]

As pgmhaz8.ado: the sample is if/in and the covariates' non-missing rows (deadvar must be 0 or 1
on every row); ``_rmcoll`` drops collinear covariates; "PGM hazard model without gamma frailty"
is ``glm deadvar varlist, family(binomial) link(cloglog) nolog`` (the Prentice-Gloeckler model,
the cloglog model; ``nobeta0`` runs it quietly); its coefficients and ln_varg = lnvar0() (default
-1) start ``ml model d0 pgmhaz8_ll (hazard: deadvar = varlist) (ln_varg:), waldtest(0)
search(off)`` -- the likelihood of ``mlmcli.survival.gamma_frailty_hazard``, one spell per id in
seq order.  e(): ml's (N, ll, k, k_eq, k_eq_model 0, b, V, ...) with cmd pgmhaz8, depvar, idvar,
seqvar, N_spell (the persons), ll_nofr (the glm's ln L), gammav = exp([ln_varg]_cons), se_gammav,
lltest = -2 (ll_nofr - ll) and lltest_p = chiprob(1, lltest)/2.  The display
(render/pgm_hazard.py) is ml display's with the Gamma var. row and the chibar2 line.  The command
typed alone replays (``results for pgmhaz8 not found`` r(301) after another command).  predict is
ml's (ml_p: xb, stdp, equation()).  technique() other than nr is refused.
"""
from __future__ import annotations

from dataclasses import replace

import numpy as np

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options

HELP = {"pgmhaz8": "pgmhaz8 varlist [if] [in] [fw iw], id(idvar) dead(deadvar) seq(seqvar) [options] : "
                   "discrete-time proportional hazards with gamma frailty (community command)"}
TITLE = "PGM hazard model with gamma frailty"
_DISPLAY = [OptionSpec("level", 1, takes_arg=True), OptionSpec("eform", 2)]


def _options():
    from mlmcli.commands.estimation.ml import MAXIMIZE_OPTIONS

    return _DISPLAY + [OptionSpec(*row) for row in (
        ("id", 1, True), ("dead", 1, True), ("seq", 1, True), ("lnvar0", 3, True), ("nocons", 6),
        ("nobeta0", 3), ("nolog", 3))] + [o for o in MAXIMIZE_OPTIONS if o.name not in ("log", "nolog")]


def cmd_pgmhaz8(session, cmd) -> None:
    if not cmd.args.strip() and cmd.weight is None and not cmd.if_exp and not cmd.in_range:
        return _replay(session, cmd)
    from mlmcli.commands.estimation.ml_binary_common import model_sample
    from mlmcli.syntax.options import confidence_level, number_option

    ds = session.data
    opts = resolve_options(cmd.options, _options())
    if "." in cmd.args or "#" in cmd.args:  # syntax varlist(numeric): no fv or ts operators
        raise StataError("factor-variable and time-series operators not allowed", 101)
    covariates = ds.expand_varlist(cmd.args)
    for name in covariates:
        if ds.is_string(name):
            raise StataError("string variables not allowed in varlist;\n" + f"{name} is a string variable", 109)
    id_var, dead, seq = (_variable(ds, opts, name, numeric=name != "id") for name in ("id", "dead", "seq"))
    touse, w, kind = model_sample(session, cmd, covariates, None)
    if kind not in (None, "fweight", "iweight"):
        raise StataError(f"{kind}s not allowed", 101)
    level = confidence_level(opts, getattr(session, "level", 95.0))
    technique = str(opts.get("technique") or "nr").strip().lower()
    if technique != "nr":
        raise StataError("option technique() not supported by mlmcli with pgmhaz8 (only technique(nr))", 198)
    if id_var is None:
        raise StataError("Variable identifying each person must\n be specified in id(idvar)", 198)
    if dead is None:
        raise StataError("Per-interval censoring indicator variable must\nbe specified in dead(deadvar):\n"
                         "see -pgmhaz8- help file", 198)
    d_all = ds.numeric(dead)
    if not np.all((d_all == 0) | (d_all == 1)):
        raise StataError("Per-interval censoring indicator variable must\nequal one or zero: see -pgmhaz8- help file",
                         198)
    if seq is None:
        raise StataError("Integer-valued variable identifying\nspell time interval be specified in seq(seqvar)", 198)
    lnvar0 = number_option(opts, "lnvar0", -1.0)
    nocons = bool(opts.get("nocons"))
    covariates, no_frailty = _cloglog(session, covariates, dead, touse, w, kind, nocons,
                                      f"level({level:g})" + (" eform" if opts.get("eform") else ""),
                                      quiet=bool(opts.get("nobeta0")))
    fit, data = _fit(session, opts, covariates, dead, id_var, seq, touse, w, nocons,
                            np.r_[no_frailty["b"], lnvar0])
    e = _post(session, cmd, covariates, dead, id_var, seq, touse, w, kind, nocons, fit, data, no_frailty["ll"])
    session.e = e
    _display(session, e, opts, log=None if opts.get("nolog") else fit.log, shown=fit.shown)
    from mlmcli.commands.estimation.convergence import finish

    finish(session, e, converged=fit.result.converged, at_limit=fit.result.limit_reached,
           iterate_typed=opts.get("iterate") is not None)


def _variable(ds, opts, name, *, numeric):
    text = opts.get(name)
    if text is None or not str(text).strip():
        return None
    names = ds.expand_varlist(str(text))
    if len(names) != 1:
        raise StataError("too many variables specified", 103)
    if numeric and ds.is_string(names[0]):
        raise StataError("string variables not allowed in varlist;\n" + f"{names[0]} is a string variable", 109)
    return names[0]


def _cloglog(session, covariates, dead, touse, w, kind, nocons, display: str, *, quiet):
    """``_rmcoll`` and the glm fit (the model without frailty) on the sample's rows: the kept
    covariates and {"b", "ll"}.  The data and e() in memory are the caller's afterwards."""
    from mlmcli.runner import Runner, current_runner

    original, saved_e, saved_r = session.data, session.e, session.r
    work = original.copy()
    rows = np.flatnonzero(touse)
    weight = ""
    if w is not None:
        work.set_variable("__pgm_w", w, "double")
        weight = f" [{kind[0]}w=__pgm_w]"
    work.take_rows(rows)
    cons = " nocons" if nocons else ""
    saved_quiet = session.out.quiet
    session.data = work
    try:
        runner = current_runner(session) or Runner(session)
        # pgmhaz8.ado runs under version 8.2, where _rmcoll leaves collinear variables out
        runner.execute(f"_rmcoll {' '.join(covariates)}{weight}, forcedrop{cons}")
        kept = str(session.r.get("varlist", "")).split()
        if not quiet:
            session.print("PGM hazard model without gamma frailty")
        session.out.quiet = saved_quiet + (1 if quiet else 0)
        runner.execute(f"glm {dead} {' '.join(kept)}{weight}, family(binomial) link(cloglog){cons} nolog {display}")
        b = np.asarray(session.e.matrices["b"].values, float).ravel()
        ll = float(session.e.scalars["ll"])
    finally:
        session.data, session.out.quiet, session.e, session.r = original, saved_quiet, saved_e, saved_r
    return kept, {"b": b, "ll": ll}


class _Fit:
    def __init__(self, result, log, shown, V):
        self.result, self.log, self.shown, self.V = result, log, shown, V


def _fit(session, opts, covariates, dead, id_var, seq, touse, w, nocons, start):
    from mlmcli.commands.estimation.limited_dependent import ml_settings
    from mlmcli.glm.newton import NOT_CONCAVE_STALL, inverse_information, maximize
    from mlmcli.render.ml_iteration_detail import display_trace, shown_details
    from mlmcli.results.ml_program import MLLog, MLSearchLine
    from mlmcli.survival.gamma_frailty_hazard import GammaFrailtyHazard, spell_data

    ds = session.data
    rows = np.flatnonzero(touse)
    person = _sort_key(ds.df[id_var].to_numpy()[rows])
    order = np.lexsort((rows, ds.numeric(seq)[rows], person))  # sort id seq (ties: data order)
    X = np.column_stack([ds.numeric(v)[rows] for v in covariates] + ([] if nocons else [np.ones(rows.size)]))
    weights = np.ones(rows.size) if w is None else w[rows]
    data = spell_data(X[order], person[order], ds.numeric(dead)[rows][order], weights[order])
    model = GammaFrailtyHazard(data)
    ll0 = model.loglik(start)
    if not np.isfinite(ll0):
        raise StataError("initial values not feasible", 1400)
    shown = shown_details(display_trace(opts))
    # a "(not concave)" plateau (a frailty variance or slope running off without a maximum) stops
    # after newton's NOT_CONCAVE_STALL iterations in a row, as mlm's other ml fits, not ml's 16,000
    result = maximize(model.loglik, model.grad_hess, np.asarray(start, float), record=bool(shown),
                      stall=NOT_CONCAVE_STALL, **ml_settings(session, opts))
    _, H = model.grad_hess(result.x)
    names = tuple(_names(covariates, nocons))
    log = MLLog((MLSearchLine("initial:", ll0),), tuple(result.steps), result.converged, False,
                tuple(result.details), names)
    return _Fit(result, log, shown, inverse_information(H)), data


def _sort_key(ids: np.ndarray) -> np.ndarray:
    """Codes that order ``ids`` as sort does (strings by their text; missing numbers last and
    equal, one group for by)."""
    values = ids.astype(float) if ids.dtype.kind in "fiub" else ids.astype(str)
    return np.unique(values, return_inverse=True)[1].ravel()


def _names(covariates, nocons) -> list[str]:
    return [f"hazard:{v}" for v in covariates] + ([] if nocons else ["hazard:_cons"]) + ["ln_varg:_cons"]


def _post(session, cmd, covariates, dead, id_var, seq, touse, w, kind, nocons, fit, data, ll_nofr):
    from mlmcli import distributions as stats
    from mlmcli.estimation.results import EstimationResults
    from mlmcli.postest.coefficient_rows import safe_rank  # 0 for a V with missing entries
    from mlmcli.results.matrix import Matrix

    names = tuple(_names(covariates, nocons))
    b, V, res = np.asarray(fit.result.x, float), np.asarray(fit.V, float), fit.result
    k = len(names)
    count = np.ones(int(touse.sum())) if kind != "fweight" else w[touse]
    ll = float(res.f)
    lltest = -2 * (ll_nofr - ll)
    scalars = {"N": float(count.sum()), "ll": ll, "k": float(k), "k_eq": 2.0, "k_eq_model": 0.0, "k_dv": 1.0,
               "df_m": float(k - 1 - (0 if nocons else 1)), "rank": float(safe_rank(V)),
               "ic": float(max(len(res.steps) - 1, 0)), "rc": 0.0 if res.converged else 430.0,
               "converged": float(res.converged), "N_spell": float(data.y.size), "ll_nofr": ll_nofr,
               "gammav": float(np.exp(b[-1])), "se_gammav": float(np.exp(b[-1]) * np.sqrt(max(V[-1, -1], 0.0))),
               "lltest": lltest, "lltest_p": 0.5 * float(stats.chi2.sf(lltest, 1))}
    macros = {"cmd": "pgmhaz8", "depvar": dead, "idvar": id_var, "seqvar": seq, "title": TITLE,
              "user": "pgmhaz8_ll", "ml_method": "d0", "opt": "moptimize", "technique": "nr", "which": "max",
              "crittype": "log likelihood", "vce": "oim", "predict": "ml_p", "properties": "b V",
              "cmdline": (cmd.text or f"pgmhaz8 {cmd.args}").strip()}
    if kind is not None:
        macros["wtype"] = kind
        macros["wexp"] = "= " + str(cmd.weight.exp).strip()
    matrices = {"b": Matrix(b[None, :], ("y1",), names), "V": Matrix(V, names, names)}
    e = EstimationResults(cmd="pgmhaz8", scalars=scalars, macros=macros, matrices=matrices, result=fit.log,
                          sample=touse.copy(), title=TITLE)
    e.stamp_sample(session.data)
    e.model = _equations_model(session, covariates, nocons, touse)
    return e


def _equations_model(session, covariates, nocons, touse):
    """ml's model object (predict's ml_p, margins): the hazard and ln_varg equations."""
    from mlmcli.commands.estimation.ml_fit import MLModel
    from mlmcli.commands.estimation.ml_problem import Equation
    from mlmcli.commands.postestimation.margins_ml import equation_designs

    equations = [Equation("hazard", [], list(covariates), constant=not nocons), Equation("ln_varg", [], [])]
    model = MLModel(equations)
    model.designs = equation_designs(session.data, equations, touse)
    return model


def _display(session, e, opts, *, log=None, shown=frozenset()) -> None:
    from mlmcli.commands.estimation.ml_fit import display_table
    from mlmcli.render.pgm_hazard import render_pgm_hazard
    from mlmcli.syntax.options import confidence_level

    level = confidence_level(opts, getattr(session, "level", 95.0))
    no_test = replace(e, scalars={**e.scalars, "chi2": float("nan"), "p": float("nan")})  # waldtest(0)
    table = display_table(session, no_test, {"level": level, **({"eform": True} if opts.get("eform") else {})})
    b = float(e.matrices["b"].values[0, -1])
    se_b = float(np.sqrt(max(e.matrices["V"].values[-1, -1], 0.0)))
    row = _gamma_row(b, se_b, level)
    session.print(render_pgm_hazard(table, row, e.scalars["lltest"], e.scalars["lltest_p"], log=log, shown=shown,
                                    linesize=getattr(session, "linesize", 80)))


def _gamma_row(b: float, se_b: float, level: float):
    """_diparm ln_varg, exp prob: exp(b), its delta-method SE exp(b) se_b, z and P of exp(b)/SE,
    the interval exp(b -/+ z se_b)."""
    from mlmcli import distributions as stats
    from mlmcli.mixed.inference import zcrit
    from mlmcli.results.mixed import CoefRow

    z = zcrit(level)
    with np.errstate(over="ignore", invalid="ignore"):  # a bound past the largest double: missing
        est = float(np.exp(b))
        se = est * se_b
        stat = est / se if se > 0 else float("nan")
        bounds = [float(np.exp(b + side * z * se_b)) for side in (-1, 1)]
    bounds = [v if np.isfinite(v) else float("nan") for v in bounds]
    return CoefRow("Gamma var.", est, se, stat, 2 * float(stats.norm.sf(abs(stat))), *bounds)


def _replay(session, cmd) -> None:
    e = session.e
    if e is None or e.cmd != "pgmhaz8":
        raise StataError("results for pgmhaz8 not found", 301)
    _display(session, e, resolve_options(cmd.options, _DISPLAY))
