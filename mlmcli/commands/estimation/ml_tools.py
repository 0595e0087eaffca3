"""``ml plot``, ``ml report``, ``ml count``, ``ml score`` and ``ml footnote`` ([R] ml; the other
subcommands are commands/estimation/ml.py).

- ``ml plot [eqname:]name [# [# [#]]] [, saving(filename[, replace])]``: ln L over one
  parameter, the others at their current values -- one #: current +- # (default 1); two: from
  #1 to #2; a third: the number of points (default 21).  A better value found becomes the
  parameter's starting value (``reset ...`` lines), as after ``ml init``.
- ``ml report``: the current values, ln L, its gradient and negative Hessian (the derivatives
  ``ml maximize`` would use).
- ``ml count [clear|on|off]``: the number of calls to the evaluator since ``ml count on``.
- ``ml score newvarlist|stub* [if] [in] [, equation(eqname)]``: after ml (lf and lf-family
  methods), each equation's score d lnL_j / d theta_k at e(b) on e(sample) -- the evaluator's
  own (lf1, lf2), else central differences in theta (lf, lf0: an offset shift).
- ``ml footnote``: ``Warning: convergence not achieved`` when the last ml fit did not converge.
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError, invalid_syntax
from mlmcli.syntax.options import OptionSpec, resolve_options, split_options


def _problem(session):
    from mlmcli.commands.estimation.ml_problem import current_problem

    return current_problem(session)


def _start(p) -> np.ndarray:
    return p.init.copy() if p.init is not None else np.zeros(len(p.names))


# ----- ml count -----

def count(session, rest: str) -> None:
    p = _problem(session)
    word = rest.strip().lower()
    if word not in ("", "on", "off", "clear"):
        raise invalid_syntax()
    counter = p.settings.get("count")
    if word == "on":
        p.settings["count"] = counter or [0]
    elif word == "off":
        p.settings.pop("count", None)
    elif word == "clear":
        if counter is not None:
            counter[0] = 0
    elif counter is None:
        session.print("(ml count is off; type ml count on)")
    else:
        session.print(f"Number of calls to {p.program}: {counter[0]}")


# ----- ml footnote -----

def footnote(session, rest: str) -> None:
    from mlmcli.estimation.active import active

    if rest.strip():
        raise invalid_syntax()
    e = active(session)
    if "ml_method" not in e.macros:
        raise StataError("last estimates not found", 301)
    if float(e.scalars.get("converged", 1.0)) == 0.0:
        session.print("Warning: convergence not achieved")


# ----- ml report -----

def report(session, rest: str) -> None:
    from mlmcli.commands.estimation.ml_evaluator import Evaluator
    from mlmcli.commands.estimation.ml_fit import likelihood
    from mlmcli.render.listings import render_matrix_list
    from mlmcli.render.numfmt import format_number
    from mlmcli.results.postestimation import MatrixListing

    if rest.strip():
        raise invalid_syntax()
    p = _problem(session)
    b = _start(p)
    with Evaluator(session, p) as ev:
        value, derivatives = likelihood(ev, p)
        ll = value(b)
        if not np.isfinite(ll):
            raise StataError("log likelihood cannot be evaluated at the current values", 1400)
        _, g, H, _ = derivatives(b)
    names = tuple(p.names)
    width = session.linesize
    out = ["", "Current coefficient vector:",
           render_matrix_list(MatrixListing("b0", b[None, :], ("r1",), names, header=False, linesize=width)),
           "", f"Value of log likelihood function = {format_number(ll, '%10.0g').strip()}",
           "", f"Gradient vector (length = {format_number(float(np.linalg.norm(g)), '%9.0g').strip()}):",
           render_matrix_list(MatrixListing("g", np.asarray(g)[None, :], ("r1",), names, header=False,
                                            linesize=width)),
           "", "Negative Hessian matrix:",
           render_matrix_list(MatrixListing("negH", -np.asarray(H), names, names, symmetric=True, header=False,
                                            linesize=width))]
    session.print("\n".join(out))


# ----- ml plot -----

def _parameter_index(p, text: str) -> int:
    name = text.strip()
    if name.startswith("/"):
        name = f"{name[1:]}:_cons"
    elif ":" not in name:
        name = f"{p.equations[0].name}:{name}"
    if name not in p.names:
        raise StataError(f"{text.strip()} not found", 111)
    return p.names.index(name)


def plot(session, rest: str) -> None:
    from mlmcli.commands.estimation.ml_evaluator import Evaluator
    from mlmcli.commands.estimation.ml_fit import likelihood
    from mlmcli.render.numfmt import format_number

    body, options, _ = split_options(rest)
    opts = resolve_options(options, [OptionSpec("saving", 3, takes_arg=True)])
    words = body.split()
    if not 1 <= len(words) <= 4:
        raise invalid_syntax()
    p = _problem(session)
    k = _parameter_index(p, words[0])
    try:
        numbers = [float(w) for w in words[1:]]
    except ValueError:
        raise invalid_syntax() from None
    b = _start(p)
    lo, hi = (b[k] - abs(numbers[0]), b[k] + abs(numbers[0])) if len(numbers) == 1 else (
        (numbers[0], numbers[1]) if len(numbers) >= 2 else (b[k] - 1.0, b[k] + 1.0))
    points = 21 if len(numbers) < 3 else int(numbers[2])
    if points < 2 or not lo < hi:
        raise StataError("invalid range or number of points", 198)
    grid = np.linspace(lo, hi, points)
    with Evaluator(session, p) as ev:
        value, _ = likelihood(ev, p)
        ll0 = value(b)
        lls = []
        for x in grid:
            trial = b.copy()
            trial[k] = x
            lls.append(value(trial))
    lls = np.array(lls, float)
    _draw(session, p.names[k], grid, np.where(np.isfinite(lls), lls, np.nan), opts.get("saving"), rest)
    best = int(np.nanargmax(np.where(np.isfinite(lls), lls, -np.inf))) if np.isfinite(lls).any() else None
    if best is None or not lls[best] > (ll0 if np.isfinite(ll0) else -np.inf):
        session.print(f"(keeping {p.names[k]} = {format_number(b[k], '%9.0g').strip()})")
        return
    session.print(f"reset {p.names[k]} = {format_number(grid[best], '%9.0g').strip()}  "
                  f"(was {format_number(b[k], '%9.0g').strip()})")
    was = format_number(ll0, "%10.0g").strip() if np.isfinite(ll0) else "-<inf>"
    session.print(f"log likelihood = {format_number(lls[best], '%10.0g').strip()}  (was {was})")
    b[k] = grid[best]
    p.init, p.start_given = b, True


def _draw(session, label: str, x: np.ndarray, y: np.ndarray, saving, rest: str) -> None:
    from mlmcli.ast import Command, Option
    from mlmcli.commands.graphs.built_twoway import draw_twoway
    from mlmcli.commands.graphs.ready_series import session_with_columns
    from mlmcli.graphs.syntax import PlotCall

    columns = [("__ml_par", x, label), ("__ml_ll", y, "ln L()")]
    scratch = session_with_columns(session, columns, formats={"__ml_par": "%9.0g", "__ml_ll": "%9.0g"})
    options = [Option("ytitle", '"ln L()"'), Option("xtitle", f'"{label}"'), Option("legend", "off")]
    if saving:
        options.append(Option("saving", saving))
    draw_twoway(session, scratch, Command("ml", rest, text=f"ml plot {rest}".strip()),
                [PlotCall("line", "__ml_ll __ml_par", None, None, ())], options)


# ----- ml score -----

def equation_scores(session, p, b: np.ndarray) -> np.ndarray:
    """N x K (sample rows): d lnL_j / d theta_k at ``b``."""
    from mlmcli.commands.estimation.ml_evaluator import Evaluator
    from mlmcli.glm.numeric_derivatives import FIRST_STEP, difference_steps, linear_form_derivatives

    if p.method in ("d0", "d1", "d2"):
        raise StataError(f"ml score is not available after method {p.method}: d-family evaluators give no "
                         "observation-level scores", 198)
    with Evaluator(session, p) as ev:
        if p.method == "lf":
            return linear_form_derivatives(ev.linear_form, p.thetas(b))[1]
        if p.method in ("lf1", "lf2"):
            return ev.observations(b, 1)[1]
        scores = np.empty((int(np.count_nonzero(p.sample)), len(p.equations)))
        for j in range(len(p.equations)):  # lf0: theta_j shifted through its offset
            offset = p.offsets[j].copy()
            h = difference_steps(p.linear_predictor(b, j), FIRST_STEP)
            try:
                p.offsets[j] = offset + h
                up = ev.observations(b)
                p.offsets[j] = offset - h
                down = ev.observations(b)
            finally:
                p.offsets[j] = offset
            scores[:, j] = (up - down) / (2 * h)
        return scores


def fitted_problem(session, e):
    p = getattr(getattr(e, "model", None), "problem", None)
    if p is None or "ml_method" not in e.macros:
        raise StataError("last estimates not found", 301)
    if p.sample.size != session.data.nobs:
        raise StataError("data have changed since estimation", 459)
    if p.program not in session.programs:
        raise StataError(f"program {p.program} not found", 111)
    return p


def store_scores(session, e, args: str, equation, rows: np.ndarray) -> None:
    """The new score variables ``args`` names (one per equation, or equation()'s)."""
    from mlmcli.commands.postestimation.predict import store_prediction
    from mlmcli.commands.postestimation.score_equation import score_targets

    p = fitted_problem(session, e)
    eqs = [eq.name for eq in p.equations]
    vtype, targets = score_targets(session.data, args, eqs, equation=equation)
    b = np.asarray(e.matrices["b"].values, float).ravel()
    S = equation_scores(session, p, b)
    for name, j in targets:
        values = np.full(session.data.nobs, np.nan)
        values[p.sample] = S[:, j]
        values[~rows] = np.nan
        # ml_score.ado's labels (one equation: no name), as glm's and nbreg's scores (docs/predict_glm_statistics.md)
        label = "equation-level score from ml" if len(eqs) == 1 else f"equation-level score for [{eqs[j]}] from ml"
        store_prediction(session, name, values, vtype or "double", label)


def score(session, rest: str) -> None:
    from mlmcli.estimation.active import active
    from mlmcli.parser import parse_arguments
    from mlmcli.sample import mark_sample

    cmd = parse_arguments(rest, "ml")
    opts = resolve_options(cmd.options, [OptionSpec("equation", 2, takes_arg=True)])
    if not cmd.args.strip():
        raise StataError("varlist required", 100)
    rows = np.asarray(mark_sample(session, cmd, []), bool) if (cmd.if_exp or cmd.in_range) else \
        np.ones(session.data.nobs, bool)
    store_scores(session, active(session), cmd.args, opts.get("equation"), rows)
