"""What fracpoly's later fits read after jackknife's ``keep idcluster(v)`` renumbered an existing
variable v (the ML estcmds and glm under ``graphs.fpfit_ml_prefixed.ml_prefixed``).

jackknife.ado (with keep) drops v and renames its cluster numbering -- 1..G in the clusters' sort
order over the fit's estimation sample, missing elsewhere -- to v, in the data, after the fit's
replicates ran.  frac_154 then runs its next fits on that data with the weight and the options
as typed, so each later fit reads the new v wherever it is named:

- y (the outcome), the offset() variable, exposure() (its log), glm's binomial denominator
  ``family(binomial v)``: the numbers themselves;
- the weight expression ``[fw|pw|iw = exp]`` (``v``, ``v*2``, ``v^2 + w`` ...): evaluated anew
  over the renumbered data (``hooks.evaluate_with``).  Where it is negative (r(402)) or, as
  fweights, not a whole number (r(401)) the later fit fails, as the command does; where it is
  missing or zero the command's marksample drops the row: the later fits' sample (and
  jackknife's clusters, ``_PrefixRun._renumber``) narrows to the other rows (``outcome["in"]``),
  and what is drawn is the final fit's e(sample) (``renumbered["sample"]``);
- x: frac_154's candidates build their terms from its own copy of the original x, so only
  fracpoly's final fracgen reads the new x (``graphs.fpfit_renumbered_x``); x may be the weight
  or the offset too, each read as above;
- glm's ``mu(v)``/``init(v)``: the starting values only (the fit's path).

twoway__fpfit_serset draws after fracpoly on the renumbered data (``renumbered``: the new y,
weights, offset, x, glm denominators over the plot's rows, missing outside the command's rows).
"""
from __future__ import annotations

import dataclasses

import numpy as np

from mlmcli.errors import StataError


def renumber_outcome(hooks, plot, ml, rows, data_rows, outcome: dict, renumbered: dict, command_holder: list,
                     denominator: str | None = None):
    """``PrefixedCommand.renumber`` (module docstring): ``outcome`` holds what ``estimate`` reads
    over the command's rows (y, w, offset, glm; ``failure``: why the later fits fail), ``rows``
    the command's among the plot's (None: all), ``data_rows`` the plot's rows in the data,
    ``denominator`` glm's ``family(binomial varname)`` variable."""
    weight = getattr(plot.call, "weight", None)
    weight_names = set() if weight is None else set(hooks.expression_variables(str(weight.exp)))
    offset_name = None if ml is None else (ml.offset or ml.exposure)
    if offset_name is not None:  # as typed, perhaps abbreviated (fpfit_plot._offset_values resolves it)
        offset_name = hooks.session.data.resolve(offset_name)
    n_plot = len(outcome["y_plot"])

    def over_plot(values):
        if rows is None:
            return np.asarray(values, float).copy()
        full = np.full(n_plot, np.nan)
        full[rows] = values
        return full

    def on_rows(values_plot):
        return values_plot if rows is None else values_plot[rows]

    def renumber(name, codes) -> bool:
        codes = np.asarray(codes)
        numbers = np.where(codes >= 0, codes + 1.0, np.nan)  # missing out of a narrowed fit's sample
        if name == plot.ys[0]:
            outcome["y"] = numbers
            renumbered["y"] = over_plot(numbers)
        if name == plot.x:  # fracgen's final terms (fpfit_renumbered_x) and the points drawn
            renumbered["x"] = over_plot(numbers)
        if name in weight_names:
            new_weights(hooks, plot, weight, name, over_plot(numbers), data_rows, on_rows, outcome, renumbered,
                         command_holder)
        if name == offset_name:
            values = np.log(numbers) if ml.exposure else numbers
            outcome["offset"] = values
            renumbered["offset"] = over_plot(values)
        if denominator is not None and denominator == name:
            _new_denominators(outcome["glm"], numbers, over_plot(numbers), outcome, renumbered)
        return True  # nothing else these commands fit reads a variable (mu()/init(): the path only)

    return renumber


def new_weights(hooks, plot, weight, name, v_plot, data_rows, on_rows, outcome, renumbered, command_holder):
    """The weight expression over the renumbered data (module docstring)."""
    from mlmcli.graphs.fpfit_models import FracpolyFailed

    v_data = np.full(hooks.nobs(), np.nan)
    v_data[data_rows] = v_plot
    w_plot = np.asarray(hooks.evaluate_with(str(weight.exp), name, v_data), float)[data_rows]
    w_c = on_rows(w_plot)
    finite = w_c[np.isfinite(w_c)]
    if np.any(finite < 0):  # the command's r(402) before its sample is marked
        outcome["failure"] = FracpolyFailed("negative weights encountered")
        return
    if plot.weight_kind == "fweight" and np.any(finite != np.floor(finite)):
        outcome["failure"] = FracpolyFailed("may not use noninteger frequency weights")  # r(401)
        return
    kept = np.isfinite(w_c) & (w_c != 0)  # marksample: a weight missing or 0 marks the row out
    outcome["in"] = None if kept.all() else kept
    if not kept.any():  # no observations: the later fits fail
        outcome["failure"] = FracpolyFailed("no observations")
        return
    w_c = np.where(kept, w_c, 0.0)  # out of every later fit and of each replicate's weights
    outcome["w"] = w_c
    renumbered["w"] = w_plot
    command_holder[0].weights = w_c


def _new_denominators(glm, numbers, m_plot, outcome, renumbered):
    """glm's ``family(binomial v)`` read anew: y above its denominator fails glm (r(499))."""
    from mlmcli.graphs.fpfit_models import FracpolyFailed

    outcome["glm"] = (dataclasses.replace(glm[0], m=numbers),) + tuple(glm[1:])
    renumbered["glm_m"] = m_plot
    if np.any(outcome["y"] > numbers):
        outcome["failure"] = FracpolyFailed("y > denominator")


def check_readable(outcome: dict) -> None:
    """What ``estimate`` checks before a later fit: mlm's refusal, or the command failing."""
    if outcome.get("refusal") is not None:
        raise outcome["refusal"]
    if outcome.get("failure") is not None:
        raise outcome["failure"]


def denominator_name(hooks, plot, glm) -> str | None:
    """glm's ``family(binomial varname)`` variable as typed in estopts(), or None."""
    from mlmcli.graphs.series_parts import last_option
    from mlmcli.syntax.options import read_options

    text = last_option(plot.options, "estopts")
    if glm is None or glm[0].m is None or not isinstance(text, str):
        return None
    for option in read_options(text):
        if "family".startswith(option.name) and option.arg:  # glm's f()
            words = option.arg.split()
            try:
                return hooks.session.data.resolve(words[-1]) if len(words) > 1 else None
            except StataError:  # a number: the same denominator in every fit
                return None
    return None


def drawn_after_renumbering(renumbered: dict, y, w, offset, glm, x, at):
    """What twoway__fpfit_serset draws from after fracpoly when keep idcluster() renumbered the
    data: (y, w, offset, glm, x, the distinct x drawn) -- the new values where ``renumbered``
    has them (glm's binomial denominators for dresid; x: the cluster or panel numbers, missing
    outside the command's rows, ``graphs.fpfit_renumbered_x``)."""
    y, w, offset = renumbered.get("y", y), renumbered.get("w", w), renumbered.get("offset", offset)
    if "glm_m" in renumbered:
        glm = (dataclasses.replace(glm[0], m=renumbered["glm_m"]),) + tuple(glm[1:])
    if "x" in renumbered:
        x = renumbered["x"]
        at = np.unique(x[np.isfinite(x)])
    return y, w, offset, glm, x, at

