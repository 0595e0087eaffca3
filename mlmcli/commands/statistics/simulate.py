"""``simulate exp_list, reps(#) [seed(#) saving(filename[, replace double every(#)]) double
nolegend nodots dots(#)]: command`` ([R] simulate, Stata's simulate.ado).

The command runs reps() times on whatever data the previous run left (the first run on the
data in memory, its output hidden); after each run the expressions of the exp_list (read as
bootstrap's and jackknife's: ``r(mean)``, ``name=(exp)``, unnamed ones ``_sim_#``) are
recorded, missing when the command or an expression fails (an ``x`` among the dots).  An error
in the first run stops simulate ("an error occurred when simulate executed cmd") with the data
as they were.  At the end the data in memory are replaced by the simulations: one observation
per run, one float (``double``: double) variable per expression, labelled with it (80
characters), ``_dta[command]`` the command and ``[expression]`` each expression, the data
labelled ``simulate: cmdname``; saving() also writes them to a file (checked before the runs).
An empty exp_list (simulate.ado's default: all of r() or _b), weights, if and in on the prefix,
noisily, trace and verbose are refused, not ignored.
"""
from __future__ import annotations

import os

import numpy as np

from mlmcli.errors import StataError

_OPTIONS = (("reps", 1, True), ("seed", 4, True), ("saving", 2, True), ("double", 4, False),
            ("nolegend", 3, False), ("nodots", 6, False), ("dots", 4, None))
_REFUSED = (("noisily", 3), ("trace", 2), ("verbose", 1))


def parse_prefix(text: str, kind: str, options=_OPTIONS, refused=_REFUSED):
    """(items, command, found options) of ``exp_list [, options]: command``."""
    from mlmcli.commands.estimation.replicate_explist import split_exp_list
    from mlmcli.parser import parse_arguments
    from mlmcli.syntax.options import OptionSpec, read_options
    from mlmcli.textscan import find_top

    colon = find_top(text, ":")
    if colon < 0 or not text[colon + 1:].strip():
        raise StataError("invalid syntax", 198)   # _on_colon_parse without a command
    head, command = text[:colon].strip(), text[colon + 1:].strip()
    typed = parse_arguments(head, kind)
    if typed.weight is not None or typed.if_exp is not None or typed.in_range is not None:
        raise StataError(f"{kind}: weights, if and in on the prefix not supported by mlmcli", 198)
    comma = find_top(head, ",")
    exp_text = (head[:comma] if comma >= 0 else head).strip()
    found: dict = {}
    specs = [OptionSpec(name, minimum, takes_arg=bool(arg)) for name, minimum, arg in options]
    for option in read_options(head[comma + 1:]) if comma >= 0 and head[comma + 1:].strip() else ():
        spec = next((s for s in specs if s.matches(option.name)), None)
        if spec is None:
            if any(OptionSpec(name, minimum).matches(option.name) for name, minimum in refused):
                raise StataError(f"{kind} option {option.name} not supported by mlmcli", 198)
            shown = f"{option.name}()" if option.arg is not None else option.name
            raise StataError(f"option {shown} not allowed", 198)
        found[spec.name] = option.arg if option.arg is not None else True
    return split_exp_list(exp_text, kind) if exp_text else [], command, found


def positive_reps(found: dict) -> int:
    try:
        reps = int(str(found.get("reps", "-1")).strip())
    except ValueError:
        reps = -1
    if reps < 1:
        raise StataError("reps() is required, and must be a positive integer", 198)
    return reps


def run_values(session, runner, items, command: str, first: bool = False) -> tuple[np.ndarray, bool]:
    """Run ``command`` quietly, then the values of the expressions (missing where one fails);
    whether all are there.  An error of the command propagates.  ``first``: the run on the data
    in memory, whose expressions _prefix_expand checks (``scalar v = exp``): one that fails
    stops the prefix with "error in expression: exp" (ExpressionError, after the command ran)."""
    from mlmcli.expr import evaluate_scalar

    saved = session.out.quiet
    session.out.quiet = saved + 1
    try:
        runner.execute(command)
    finally:
        session.out.quiet = saved
    values = []
    for _, exp in items:
        try:
            v = evaluate_scalar(session, exp)
            values.append(float("nan") if isinstance(v, str) else float(v))
        except StataError as err:
            if first:
                raise ExpressionError(f"{err.message}\nerror in expression: {exp}", err.rc) from None
            values.append(float("nan"))
    values = np.array(values, float)
    return values, bool(np.all(np.isfinite(values)))


class ExpressionError(StataError):
    """An expression of the exp_list failed after the first run (not the command's error)."""


def replicate_values(session, runner, items, command: str) -> tuple[np.ndarray, bool]:
    """run_values of a replicate: a failed run records missing values (an x among the dots)."""
    try:
        return run_values(session, runner, items, command)
    except StataError:
        return np.full(len(items), np.nan), False


def dots_text(marks: list, title: str, reps: int, every: int) -> str:
    """``Simulations (#)``, the ruler and the dots (bootstrap's layout of them)."""
    from mlmcli.render.panel_regression import bootstrap_dots

    body = bootstrap_dots(marks, "", reps, True, every=every).splitlines()[4:]
    return "\n".join([f"{title} ({reps})", "----+--- 1 ---+--- 2 ---+--- 3 ---+--- 4 ---+--- 5 "] + body)


def dots_every(found: dict) -> int:
    """0: no dots (nodots, dots(0)); else every how many runs a dot is shown."""
    if found.get("nodots"):
        return 0
    typed = found.get("dots")
    if typed in (None, True):
        return 1
    try:
        return max(int(str(typed).strip()), 0)
    except ValueError:
        raise StataError("dots() must be a nonnegative integer", 198) from None


def legend_text(command: str, items) -> str:
    return "\n".join([""] + [f"{name}:".rjust(14) + "  " + exp for name, exp in [("command", command)] + list(items)])


def results_dataset(items, B: np.ndarray, double: bool, label: str, chars: dict):
    import pandas as pd

    from mlmcli.dataset import Dataset

    names = [name for name, _ in items]
    columns = {name: (B[:, j] if double else B[:, j].astype(np.float32).astype(float)) for j, name in enumerate(names)}
    ds = Dataset(df=pd.DataFrame(columns), types={v: "double" if double else "float" for v in names},
                 formats={v: "%10.0g" if double else "%9.0g" for v in names},
                 var_labels={name: exp[:80] for name, exp in items}, label=label)
    ds.chars = dict(chars, **{f"{name}[expression]": exp for name, exp in items})
    ds.changed = True
    return ds


def output_settings(session, runner, found: dict) -> tuple[dict | None, bool, int]:
    """(saving(), double, dots_every) of simulate and permute, the file checked before any run;
    seed() set."""
    from mlmcli.syntax.replicate_vce import saving_option

    saving = None if found.get("saving") is None else saving_option(found["saving"])
    if saving is not None and not saving["replace"] and os.path.exists(saving["filename"]):
        raise StataError(f"file {saving['filename']} already exists", 602)
    double = bool(found.get("double")) or bool(saving and saving["double"])
    every = dots_every(found)
    if found.get("seed") is not None:
        runner.execute(f"set seed {str(found['seed']).strip()}")
    return saving, double, every


def cmd_simulate(session, cmd) -> None:
    from mlmcli.fileformats.dta_write import save_dta
    from mlmcli.runner import current_runner

    runner = current_runner(session)
    if runner is None:
        raise StataError("simulate: cannot run the command here", 198)
    items, command, found = parse_prefix(cmd.args or "", "simulate")
    cmdname = command.split(None, 1)[0].rstrip(",:")
    if cmdname in ("simul", "simulate", "sem"):
        raise StataError(f"{cmdname} is not supported by simulate", 199)
    if not items:
        raise StataError("simulate: an empty exp_list (all of r() or e(b)) not supported by mlmcli; "
                         "name the expressions", 198)
    reps = positive_reps(found)
    saving, double, every = output_settings(session, runner, found)
    original = session.data.copy()
    try:
        first, ok = run_values(session, runner, items, command, first=True)
    except ExpressionError:
        session.data = original
        raise
    except StataError as err:
        session.data = original
        # simulate.ado: the command's own message (capture noisily), then _prefix_run_error's
        raise StataError(f"{err.message}\nan error occurred when simulate executed {cmdname}", err.rc) from None
    if not found.get("nolegend"):
        session.print(legend_text(command, items))
    rows, marks = [first], [ok]
    for _ in range(reps - 1):
        values, ok = replicate_values(session, runner, items, command)
        rows.append(values)
        marks.append(ok)
    if every:
        session.print("\n" + dots_text(marks, "Simulations", reps, every))
    result = results_dataset(items, np.array(rows, float), double, f"simulate: {cmdname}", {"command": command})
    if saving is not None:
        save_dta(result, saving["filename"], replace=True)
    session.data = result
