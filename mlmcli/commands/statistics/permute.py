"""``permute permvar exp_list, reps(#) [seed(#) strata(varlist) left right saving() double
level(#) eps(#) noheader nolegend notable title() nodots dots(#)]: command`` ([R] permute,
Stata's permute.ado).

The command runs once on the data (output hidden; an expression missing there is "'exp'
evaluated to missing in full sample" r(322)); after an estimation command only its e(sample)
rows are kept, after another one the rows of its if/in, and the command then runs without
if/in, as permute.ado does.  Each of reps() permutations shuffles permvar (within strata())
with mlm's random-number stream (so not Stata's draws), runs the command quietly and records
the expressions (missing when it fails: an x among the dots).  p-values: mlmcli.permutation_test.
The data are restored afterwards; saving() writes the permutations (one observation each).
noisily, trace, verbose, nodrop, force, reject() and nowarn are refused, not ignored.
"""
from __future__ import annotations

import numpy as np

from mlmcli.commands.statistics.simulate import (ExpressionError, dots_text, output_settings, parse_prefix,
                                                 replicate_values, results_dataset, run_values)
from mlmcli.errors import StataError

_OPTIONS = (("reps", 1, True), ("seed", 4, True), ("saving", 2, True), ("double", 4, False),
            ("strata", 3, True), ("left", 2, False), ("right", 2, False), ("level", 1, True),
            ("eps", 3, True), ("noheader", 3, False), ("nolegend", 3, False), ("notable", 7, False),
            ("title", 2, True), ("nodots", 6, False), ("dots", 4, None))
_REFUSED = (("noisily", 3), ("trace", 2), ("verbose", 1), ("nodrop", 5), ("force", 5), ("reject", 6),
            ("nowarn", 6))


def _reps(found: dict) -> int:
    try:
        reps = int(str(found.get("reps", "100")).strip())
    except ValueError:
        raise StataError("option reps() incorrectly specified", 198) from None
    if reps < 1:
        raise StataError("reps() must be a positive integer", 198)
    return reps


def _permuted(values: np.ndarray, strata: np.ndarray | None, rng) -> np.ndarray:
    out = values.copy()
    groups = [np.arange(values.size)] if strata is None else \
        [np.flatnonzero(strata == s) for s in np.unique(strata)]
    for rows in groups:
        out[rows] = values[rows[rng.permutation(rows.size)]]
    return out


def cmd_permute(session, cmd) -> None:
    from mlmcli.commands.estimation.replicate_command_parts import if_in_rows, without_if_in
    from mlmcli.commands.estimation.replicate_explist import estimation_sample
    from mlmcli.expr.random_numbers import generator
    from mlmcli.fileformats.dta_write import save_dta
    from mlmcli.permutation_test import permutation_result
    from mlmcli.runner import current_runner
    from mlmcli.syntax.options import confidence_level

    runner = current_runner(session)
    if runner is None:
        raise StataError("permute: cannot run the command here", 198)
    text = (cmd.args or "").strip()
    word = text.replace(",", " ").replace(":", " ").split()[0] if text.split() else ""
    if not word:
        raise StataError("varlist required", 100)
    permvar = session.data.resolve(word)
    items, command, found = parse_prefix(text[len(word):], "permute", _OPTIONS, _REFUSED)
    if not items:
        raise StataError("expression list required", 100)
    cmdname = command.split(None, 1)[0].rstrip(",:")
    if cmdname in ("permute", "statsby") or cmdname.startswith("svy"):
        raise StataError(f"{cmdname} is not supported by permute", 199)
    reps = _reps(found)
    if found.get("left") and found.get("right"):
        raise StataError("only one of left or right can be specified", 198)
    event = "left" if found.get("left") else "right" if found.get("right") else "both"
    level = confidence_level({"level": found["level"]}, 95.0) if found.get("level") else \
        float(getattr(session, "level", 95.0))
    eps = float(str(found.get("eps", "1e-7")).strip())
    if eps < 0:
        raise StataError("eps() must be greater than or equal to zero", 198)
    strata = None if found.get("strata") is None else session.data.expand_varlist(str(found["strata"]))
    if strata and permvar in strata:
        raise StataError("permutation variable may not be specified in strata() option", 198)
    saving, double, every = output_settings(session, runner, found)
    original, before = session.data, session.e
    try:
        try:
            observed, _ = run_values(session, runner, items, command, first=True)
        except ExpressionError:
            raise
        except StataError as err:
            raise StataError(f"{err.message}\nan error occurred when permute executed {cmdname}", err.rc) from None
        for (_, exp), value in zip(items, observed):
            if not np.isfinite(value):
                raise StataError(f"'{exp}' evaluated to missing in full sample", 322)
        sample = estimation_sample(session, before, original.nobs)
        session.data = original
        rows = sample if sample is not None else if_in_rows(session, command)
        base, replicated = original, command
        if rows is not None:
            base = original.copy()
            base.take_rows(np.flatnonzero(rows))
            replicated = without_if_in(command)
        codes = None
        if strata:
            keys = base.df[strata].astype(str).agg("\x1f".join, axis=1)
            codes = np.unique(keys.to_numpy(), return_inverse=True)[1]
        rng = generator(session)
        values = base.df[permvar].to_numpy()
        B, marks = [], []
        for _ in range(reps):
            data = base.copy()
            data.df[permvar] = _permuted(values, codes, rng)
            session.data = data
            row, ok = replicate_values(session, runner, items, replicated)
            B.append(row)
            marks.append(ok)
    finally:
        session.data = original
    B = np.array(B, float).reshape(reps, len(items))
    results = [permutation_result(float(observed[j]), B[:, j], event, level, eps) for j in range(len(items))]
    if every:
        session.print("\n" + dots_text(marks, "Permutation replications", reps, every))
    if saving is not None:
        chars = {"permvar": permvar, "command": replicated, "N": str(base.nobs), "pm_version": "2"}
        saved = results_dataset(items, B, double, f"permute {permvar} : {cmdname}", chars)
        for (name, _), value in zip(items, observed):
            saved.chars[f"{name}[permute]"] = f"{value:.17g}"
        save_dta(saved, saving["filename"], replace=True)
    from mlmcli.permutation_test import EVENTS
    from mlmcli.render.permute import render_permute

    session.e = None  # permute.ado's ClearE: no permutation's e() is left behind

    session.print(render_permute(items, results, replicated, permvar, base.nobs, level,
                                 None if codes is None else int(codes.max()) + 1, EVENTS[event], found,
                                 bool(np.isnan(B).any())))
    _returns(session, items, results, permvar, event, replicated, base.nobs, level, reps, found)


def _returns(session, items, results, permvar, event, command, nobs, level, reps, found) -> None:
    from mlmcli.permutation_test import EVENTS
    from mlmcli.results.matrix import Matrix

    names = tuple(name for name, _ in items)

    def row(key):
        return Matrix(np.array([[getattr(t, key) for t in results]], float), ("y1",), names)

    r = {"N": float(nobs), "level": level, "k_exp": float(len(items)), "k_eexp": 0.0, "N_reps": float(reps),
         "b": row("observed"), "c": row("c"), "reps": row("n"), "p": row("p"), "se": row("se"),
         "ci": Matrix(np.array([[t.lower for t in results], [t.upper for t in results]], float), ("ll", "ul"), names),
         "permvar": permvar, "event": EVENTS[event], "command": command, "cmd": "permute",
         "title": str(found.get("title") or "Monte Carlo permutation results").strip().strip('"')}
    if event != "both":
        r[event] = event
    for k, (_, exp) in enumerate(items, 1):
        r[f"exp{k}"] = exp
    session.set_r(r)
