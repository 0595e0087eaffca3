"""``ml``: maximum likelihood with a user's evaluator program ([R] ml), docs/ml.md.

``ml model`` defines the problem (commands/estimation/ml_problem.py), ``ml init`` and ``ml
search`` set its starting values, ``ml maximize`` fits it (glm/program_maximizer.py, the
evaluator run by commands/estimation/ml_evaluator.py) and posts e(), ``ml display`` replays,
``ml clear``, ``ml query`` and ``ml trace`` manage the problem, ``ml graph`` draws the last
iterations, ``ml check`` runs Stata's first two tests.  ``ml plot``, ``ml report``, ``ml
count``, ``ml score`` and ``ml footnote`` are refused.
"""
from __future__ import annotations

import re

import numpy as np

from mlmcli.errors import StataError, invalid_syntax
from mlmcli.render.ml_iteration_detail import display_trace
from mlmcli.syntax.options import OptionSpec, resolve_options, split_options

MAXIMIZE_OPTIONS = [
    OptionSpec("technique", 4, takes_arg=True), OptionSpec("difficult", 4), OptionSpec("iterate", 4, takes_arg=True),
    OptionSpec("tolerance", 3, takes_arg=True), OptionSpec("ltolerance", 4, takes_arg=True),
    OptionSpec("nrtolerance", 5, takes_arg=True), OptionSpec("nonrtolerance", 7), OptionSpec("log", 3),
    OptionSpec("nolog", 5), OptionSpec("trace", 2), OptionSpec("gradient", 4), OptionSpec("hessian", 4),
    OptionSpec("showstep", 8), OptionSpec("showtolerance", 7),
]
DISPLAY_OPTIONS = [OptionSpec("level", 1, takes_arg=True), OptionSpec("eform", 5, takes_arg=True, arg_optional=True),
                   OptionSpec("title", 5, takes_arg=True), OptionSpec("baselevels", 4), OptionSpec("allbaselevels", 7),
                   OptionSpec("noomitted", 6), OptionSpec("noemptycells", 7), OptionSpec("vsquish", 7)]
MODEL_OPTIONS = MAXIMIZE_OPTIONS + [
    OptionSpec("vce", 3, takes_arg=True), OptionSpec("robust", 1), OptionSpec("cluster", 2, takes_arg=True),
    OptionSpec("constraints", 6, takes_arg=True), OptionSpec("title", 5, takes_arg=True),
    OptionSpec("maximize", 3), OptionSpec("missing", 4), OptionSpec("search", 3, takes_arg=True),
    OptionSpec("init", 4, takes_arg=True), OptionSpec("noclear", 7), OptionSpec("nooutput", 5),
    OptionSpec("level", 1, takes_arg=True), OptionSpec("nocnsnotes", 9), OptionSpec("collinear", 3),
    OptionSpec("svy", 3),
]


def cmd_ml(session, cmd) -> None:
    text = cmd.args.strip()
    if not text or text.startswith(","):  # ml typed alone: replay the last ml results (ml display)
        return _display(session, text)
    m = re.match(r"[A-Za-z]+", text)
    if not m:
        raise StataError("subcommand required" if not text else f"unrecognized command:  ml {text.split()[0]}", 198)
    word, rest = m.group(0).lower(), text[m.end():].strip()
    from mlmcli.commands.estimation import ml_tools
    from mlmcli.syntax.abbreviation import abbreviates

    table = [("model", 3, _model), ("clear", 5, _clear), ("query", 1, _query), ("search", 3, _search),
             ("init", 4, _init), ("maximize", 3, _maximize), ("display", 2, _display), ("trace", 5, _trace),
             ("graph", 2, _graph), ("check", 5, _check), ("plot", 2, ml_tools.plot),
             ("report", 3, ml_tools.report), ("count", 5, ml_tools.count), ("score", 2, ml_tools.score),
             ("footnote", 4, ml_tools.footnote)]
    for name, k, handler in table:
        if abbreviates(word, name, k):
            return handler(session, rest)
    raise StataError(f"unrecognized command:  ml {word}", 199)


def _problem(session):
    from mlmcli.commands.estimation.ml_problem import current_problem

    return current_problem(session)


# ----- ml model -----

def _model(session, rest: str) -> None:
    from mlmcli.commands.estimation.common import sandwich_vce, weighted_sample
    from mlmcli.commands.estimation.ml_problem import (METHODS, OTHER_METHODS, MLProblem, build_design,
                                                       parse_equation, split_equations)
    from mlmcli.parser import parse_arguments

    words = rest.split(None, 2)
    if len(words) < 3:
        raise invalid_syntax()
    method, program, tail = words[0].lower(), words[1], words[2]
    if method in OTHER_METHODS:
        raise StataError(f"method {method} is not implemented in mlm (methods lf, lf0, lf1, lf2, d0, d1 "
                         "and d2 are)", 198)
    if method not in METHODS:
        raise StataError(f"unknown method {method}", 198)
    if program.endswith("()"):
        raise StataError("Mata function evaluators are not implemented in mlm", 198)
    from mlmcli.commands import user_program

    if not user_program(session, program):  # in memory, or its ado-file on the path loaded now
        raise StataError(f"program {program} not found", 111)
    eq_texts, remainder = split_equations(tail)
    if not eq_texts:
        raise StataError("equation expected", 198)
    equations = [parse_equation(session, t, k + 1) for k, t in enumerate(eq_texts)]
    cmd = parse_arguments(remainder, "ml")
    if cmd.args.strip():
        raise invalid_syntax()
    opts = display_trace(resolve_options(cmd.options, MODEL_OPTIONS))
    if opts.get("svy"):
        _refuse_svy(session)
    if str(opts.get("search") or "on").strip().lower() not in ("on", "off", "quietly", "norescale"):
        raise StataError("option search() invalid", 198)
    allowed = ("fweight", "aweight", "iweight") + (("pweight",) if method not in ("d0", "d1", "d2") else ())
    variables = [v for eq in equations for v in eq.depvars + eq.xvars + ([eq.offset] if eq.offset else [])]
    if str(opts.get("vce", "")).strip() == "opg":  # sandwich_vce leaves opg to its callers
        vce, clustvar = "opg", None
    else:
        vce, clustvar = sandwich_vce(session.data, opts, "oim")
    if vce not in ("oim", "opg", "robust", "cluster"):
        raise StataError(f"vcetype '{vce}' not allowed", 198)
    sample, weights, kind = weighted_sample(session, cmd, [] if opts.get("missing") else variables + (
        [clustvar] if clustvar else []), allowed)
    if opts.get("missing") and clustvar:
        sample &= ~np.isnan(session.data.numeric(clustvar))
    if kind == "pweight" and vce == "opg":
        raise StataError("vce(opg) not allowed with pweights", 198)
    if kind == "pweight" and vce == "oim":
        vce = "robust"
    if vce != "oim" and method in ("d0", "d1", "d2"):
        raise StataError(f"option vce({vce}) is not allowed with method {method}: d-family evaluators give no "
                         "observation-level scores", 198)
    if not sample.any():
        raise StataError("no observations", 2000)
    settings = {"vce": vce, "clustvar": clustvar, **{k: v for k, v in opts.items() if k not in ("vce", "robust", "cluster")}}
    settings["negative_hessian"] = getattr(session, "version", 13.0) < 11  # ml's H before Stata 11: -H
    problem = MLProblem(method, program, equations, sample, weights, kind, settings)
    build_design(session, problem, collinear=bool(opts.get("collinear")))
    _check_technique(problem, settings.get("technique"))
    if opts.get("constraints"):
        from mlmcli.postest.ml_constraints import read_constraints

        note = None if opts.get("nocnsnotes") else session.print  # nocnsnotes: makecns' notes left out
        settings["constraint_set"] = read_constraints(session, problem.names, opts["constraints"], note=note)
    if opts.get("init"):
        problem.init = _init_values(session, problem, str(opts["init"]))
        problem.start_given = True
    session.ml_problem = problem
    if opts.get("maximize"):
        _maximize(session, "", typed_with_model=True)


def _refuse_details(settings: dict, schedule) -> None:
    """The iteration details are the Newton-Raphson optimiser's records: refused under
    bhhh, dfp and bfgs rather than left out of the log."""
    from mlmcli.render.ml_iteration_detail import shown_details

    shown = shown_details(settings)
    other = [t for t, _ in schedule if t != "nr"]
    if shown and other:
        name = "trace" if "trace_b" in shown else sorted(shown)[0]
        raise StataError(f"option {name} is not implemented in mlm with technique({other[0]}): the "
                         "iteration details are recorded under technique(nr) alone", 198)


def _refuse_svy(session) -> None:
    from mlmcli.survey.settings import is_set

    if not is_set(session.data.chars):
        raise StataError("data not set up for svy, use svyset", 119)
    raise StataError("option svy of ml model is not implemented in mlm (the svy prefix's linearized variance "
                     "is not available for ml evaluators)", 198)


def _check_technique(problem, typed) -> list:
    from mlmcli.conditional_techniques import technique_schedule

    schedule = technique_schedule(typed or "nr")
    if any(t == "bhhh" for t, _ in schedule) and problem.method in ("d0", "d1", "d2"):
        raise StataError(f"technique(bhhh) is not allowed with method {problem.method}", 198)
    return schedule


# ----- ml clear, ml query -----

def _clear(session, rest: str) -> None:
    if rest:
        raise invalid_syntax()
    session.ml_problem = None


def _query(session, rest: str) -> None:
    if rest:
        raise invalid_syntax()
    p = _problem(session)
    session.print(f"Method:            {p.method}")
    session.print(f"Program:           {p.program}")
    session.print(f"Dep. variables:    {' '.join(p.depvars)}")
    for k, eq in enumerate(p.equations, 1):
        rhs = " ".join(eq.column_names())
        session.print(f"{k} equation{'s' if k > 1 else ''}:".ljust(19) + f"/{eq.name}: {rhs}" if k == 1 else
                      " " * 19 + f"/{eq.name}: {rhs}")
    session.print(f"Observations:      {p.nobs}")
    b = p.init if p.init is not None else np.zeros(len(p.names))
    session.print("Current (initial) values:")
    for name, v in zip(p.names, b):
        session.print(f"    {name:<28} {v:.7g}")


# ----- ml trace -----

def _trace(session, rest: str) -> None:
    """``ml trace on|off``: the evaluator's calls run under ``set trace on`` (program_trace)."""
    word = rest.strip().lower()
    if word not in ("on", "off"):
        raise invalid_syntax()
    _problem(session).settings["trace"] = word == "on"


# ----- ml check -----

def _check(session, rest: str) -> None:
    """``ml check``: Stata's first two tests (the evaluator runs, leaves b alone, repeats its value)."""
    from mlmcli.commands.estimation.ml_fit import check

    if rest:
        raise invalid_syntax()
    session.print("\n".join(check(session, _problem(session))))


# ----- ml init -----

def _init(session, rest: str) -> None:
    p = _problem(session)
    p.init = _init_values(session, p, rest)
    p.start_given = True


def _init_values(session, p, text: str) -> np.ndarray:
    body, options, _ = split_options(text)
    opts = resolve_options(options, [OptionSpec("copy", 4), OptionSpec("skip", 4)])
    names = p.names
    b = p.init.copy() if p.init is not None else np.zeros(len(names))
    words = body.split()
    if not words:
        raise invalid_syntax()
    if opts.get("copy") and all(_is_number(w) for w in words):
        if len(words) != len(names):
            raise StataError("initial vector: wrong number of values", 503)
        return np.array([float(w) for w in words])
    if len(words) == 1 and "=" not in words[0] and not _is_number(words[0]):
        m = session.matrices.get(words[0])
        if m is None:
            raise StataError(f"matrix {words[0]} not found", 111)
        values = np.asarray(m.values, float).ravel()
        if opts.get("copy"):
            if values.size != len(names):
                raise StataError("initial vector: wrong number of values", 503)
            return values.copy()
        columns = [c if ":" in c else f"{p.equations[0].name}:{c}" for c in m.colnames]
        for col, v in zip(columns, values):
            if col in names:
                b[names.index(col)] = v
            elif not opts.get("skip"):
                raise StataError(f"initial vector: extra parameter {col} found; specify skip option", 480)
        return b
    pattern = r"(/?[\w:.#]+)\s*=\s*(\S+)"  # eq1:x, /lnsigma, eq1:2.g
    if re.sub(pattern, "", body).strip():  # something that is not name=# (ml init eq1:x 1)
        raise invalid_syntax()
    for item in re.findall(pattern, body):
        target, value = item
        if target.startswith("/"):
            target = f"{target[1:]}:_cons"
        elif ":" not in target:
            target = f"{p.equations[0].name}:{target}"
        eq_name, _, var = target.partition(":")
        if target not in names and f"{eq_name}:o.{var}" in names:
            target = f"{eq_name}:o.{var}"  # an omitted (collinear) coefficient: held at 0 by the fit
        if target not in names:
            raise StataError(f"{target} not found", 111)
        if not _is_number(value):
            raise invalid_syntax()
        b[names.index(target)] = float(value)
    return b


_NUMBER = re.compile(r"[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?")


def _is_number(word: str) -> bool:
    return _NUMBER.fullmatch(word) is not None


# ----- ml search -----

def _search(session, rest: str) -> None:
    from mlmcli.commands.estimation.ml_fit import run_search

    body, options, _ = split_options(rest)
    opts = resolve_options(options, [OptionSpec("nolog", 5), OptionSpec("log", 3), OptionSpec("repeat", 3, takes_arg=True),
                                      OptionSpec("restart", 7), OptionSpec("norescale", 9)])
    p = _problem(session)
    _refuse_random_search(opts)
    bounds = _search_bounds(p, body)
    result, lines = run_search(session, p, alternative=True, rescale=not opts.get("norescale"), bounds=bounds)
    if not opts.get("nolog"):
        session.print("\n" + lines)
    p.init, p.start_given = result.b, True


def _refuse_random_search(opts: dict) -> None:
    """repeat(#) and restart ask for ml search's random attempts, which mlm's search does not
    make (its steps are deterministic): repeat(0), no random attempt, is what it does."""
    from mlmcli.syntax.options import integer_option

    if opts.get("repeat") is not None:
        repeat = integer_option(opts, "repeat", 10)
        if repeat < 0:
            raise StataError("repeat() must be a nonnegative integer", 198)
        if repeat > 0:
            raise StataError(f"option repeat({repeat}) of ml search is not implemented in mlm: its search "
                             "makes no random attempts (repeat(0) is what it does)", 198)
    if opts.get("restart"):
        raise StataError("option restart of ml search is not implemented in mlm: its search makes no random "
                         "attempts", 198)


def _search_bounds(p, body: str) -> dict[int, tuple[float, float]]:
    """``[/]eqname[:] #lb #ub ...``: the range ml search tries the equation's constant over ->
    {position of the constant: (lb, ub)}."""
    words = body.replace(":", ": ").split()
    bounds: dict[int, tuple[float, float]] = {}
    names = [eq.name for eq in p.equations]
    layout = p.equation_layout()
    while words:
        if len(words) < 3 or not (_is_number(words[1]) and _is_number(words[2])):
            raise invalid_syntax()
        name = words[0].lstrip("/").rstrip(":")
        if name not in names:
            raise StataError(f"equation {name} not found", 303)
        lb, ub = float(words[1]), float(words[2])
        if lb >= ub:
            raise StataError(f"{words[1]} {words[2]}: lower bound must be less than upper bound", 198)
        constant = layout[names.index(name)][1]
        if constant is None:
            raise StataError(f"equation {name} has no constant: ml search's bounds are its constant's", 198)
        bounds[constant] = (lb, ub)
        words = words[3:]
    return bounds


# ----- ml maximize, ml display -----

def _maximize(session, rest: str, typed_with_model: bool = False) -> None:
    from mlmcli.commands.estimation.ml_fit import fit_and_post

    p = _problem(session)
    body, options, _ = split_options(rest)
    if body.strip():
        raise invalid_syntax()
    opts = display_trace(resolve_options(options, MAXIMIZE_OPTIONS + DISPLAY_OPTIONS + [
        OptionSpec("noclear", 7), OptionSpec("nooutput", 5)]))
    merged = {**p.settings, **opts}
    schedule = _check_technique(p, merged.get("technique"))
    _refuse_details(merged, schedule)
    if opts.get("level") is not None:  # ml_max's syntax (cilevel): a bad level() before the fit
        from mlmcli.syntax.options import confidence_level

        confidence_level(opts, 95.0)
    fit_and_post(session, p, merged, schedule)
    if not merged.get("noclear"):
        session.ml_problem = None
    if not merged.get("nooutput"):
        _show(session, merged, with_log=not merged.get("nolog"))


def _display(session, rest: str) -> None:
    body, options, _ = split_options(rest)
    if body.strip():
        raise invalid_syntax()
    opts = resolve_options(options, DISPLAY_OPTIONS)
    from mlmcli.estimation.active import active

    e = active(session)
    if "ml_method" not in e.macros:  # results ml posted (a program may have renamed e(cmd))
        raise StataError("last estimates not found", 301)
    _show(session, opts, with_log=False)


def _graph(session, rest: str) -> None:
    """``ml graph [#] [, saving(filename[, replace])]``: the log likelihood of the last ml maximize
    at each iteration (the last # iterations), connected, over the iteration number."""
    from mlmcli.ast import Command, Option
    from mlmcli.commands.graphs.built_twoway import draw_twoway
    from mlmcli.commands.graphs.ready_series import session_with_columns
    from mlmcli.estimation.active import active
    from mlmcli.graphs.syntax import PlotCall

    body, options, _ = split_options(rest)
    opts = resolve_options(options, [OptionSpec("saving", 3, takes_arg=True)])
    e = active(session)
    log = e.result if "ml_method" in e.macros else None
    if log is None or not getattr(log, "steps", None):
        raise StataError("ml graph needs the iterations of the last ml maximize", 301)
    steps = list(log.steps)
    if body.strip():
        if not body.strip().isdecimal() or int(body) < 1:
            raise invalid_syntax()
        steps = steps[-int(body):]
    columns = [("__ml_iter", np.array([s.iteration for s in steps], float), "Iteration number"),
               ("__ml_ll", np.array([s.loglik for s in steps], float), "ln L()")]
    scratch = session_with_columns(session, columns, formats={"__ml_iter": "%9.0g", "__ml_ll": "%9.0g"})
    graph_options = [Option("ytitle", '"ln L()"'), Option("xtitle", '"Iteration number"'),
                     Option("legend", "off")]
    if opts.get("saving"):
        graph_options.append(Option("saving", opts["saving"]))
    draw_twoway(session, scratch, Command("ml", rest, text=f"ml graph {rest}".strip()), [PlotCall("connected", "__ml_ll __ml_iter", None, None, ())],
                graph_options)


def _show(session, opts: dict, with_log: bool) -> None:
    from mlmcli.commands.estimation.ml_fit import display_table
    from mlmcli.estimation.active import active
    from mlmcli.render.ml_iteration_detail import shown_details
    from mlmcli.render.ml_program import render_ml_results

    e = active(session)
    table = display_table(session, e, opts)
    log = e.result if with_log else None
    session.print(render_ml_results(table, log, linesize=session.linesize, shown=shown_details(opts)))
    from mlmcli.estimation.coefficient_matrix import TableDisplay, post_coefficient_table

    post_coefficient_table(session, e, TableDisplay(table.level, bool(table.eform)))  # ml display's r(table)
