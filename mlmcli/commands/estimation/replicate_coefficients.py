"""``bootstrap [_b] [, options]: cmd ...`` and ``jackknife [_b] [, options]: cmd ...`` for an
estimation command that has no replication vce() of its own in mlm (mixed, the me commands,
tobit, ...): bootstrap.ado's and jackknife.ado's default exp_list, ``(_b)``.

The command runs quietly on the data in memory (the observed e(b)); then on each replicate
(bootstrap: _N units drawn with replacement from the estimation sample, mlm's random-number
stream; jackknife: each unit left out in turn), each time collecting e(b) by column name
(a column a replicate lacks is missing there, and that replicate counts as failed, ``x``).
V is the replicates' covariance (replicate_explist.replicates_variance).  e() is the full
fit's with e(V) replaced (the model's own V kept as e(V_modelbased), as bootstrap.ado does),
e(vce) bootstrap|jackknife, e(vcetype) Bootstrap|Jackknife (``Bstrap *``/``Jknife *`` with
mse), e(N_reps), e(prefix), the Wald chi2 of the first equation's slopes recomputed with the
new V (_prefix_model_test), jackknife's e(df_r) = replicates - 1.  The display: the command's
own table when mlm can replay it with these SEs (replicate_display), else the
``_prefix_display`` table (render.replicate_table).

Checks, as _prefix_command and the prefixes do: an empty command "'' found where command
expected" r(198); by/bysort/mi "... may not be used in this context" r(199); capture, noisily,
quietly "(note: ignoring ...)"; a command Stata lacks "cmd command not found" r(111); a nested
bootstrap/jackknife/statsby "cmd is not supported by bootstrap" r(199); weights on the command
under bootstrap "weights not allowed" r(101); a command that leaves no e(b) "expression list
required" r(100).
"""
from __future__ import annotations

import dataclasses
import re

import numpy as np

from mlmcli.errors import StataError

# commands the prefixes run through their exp_list machinery, never _b (bootstrap.ado's exclude)
_NESTED = ("bootstrap", "jackknife", "statsby", "simulate", "permute")
_IGNORED_PREFIXES = ("capture", "noisily", "quietly")


class UserPrograms:
    """``word in UserPrograms(session)``: a program in memory or one an ado-file on the path
    defines (loaded then), as the runner finds a command's program."""

    def __init__(self, session):
        self.session = session

    def __contains__(self, word: str) -> bool:
        from mlmcli.commands import user_program

        return user_program(self.session, word)


def check_command(command: str, kind: str, programs=()) -> tuple[str, str]:
    """(the notes about capture/noisily/quietly, the command without them); Stata's errors for
    the rest.  ``programs``: the programs the user defined, which run as the runner runs them
    (a built-in command first)."""
    from mlmcli.commands import lookup
    from mlmcli.suggest import STATA_COMMANDS_NOT_IMPLEMENTED

    notes = []
    text = command.strip()
    while True:
        word = text.split(None, 1)[0].rstrip(":,") if text.split() else ""
        if not word:
            raise StataError("'' found where command expected", 198)
        low = word.lower()
        full = next((p for p in _IGNORED_PREFIXES if len(low) >= 3 and p.startswith(low)), None)
        if full is None:
            break
        notes.append(f"(note: ignoring {full})")
        text = text[len(word):].lstrip().lstrip(":").lstrip()
    if low in ("by", "bysort", "bys", "mi", "sw", "stepwise") or low.startswith("by") and low.endswith(":"):
        raise StataError(f"{low} may not be used in this context", 199)
    try:
        name = lookup(word).name
    except StataError:
        if word in programs:
            return "\n".join(notes), text
        if word in STATA_COMMANDS_NOT_IMPLEMENTED:
            raise
        raise StataError(f"{word} command not found", 111) from None
    if name == "xi":
        raise StataError(f"xi is allowed only as a prefix to {kind}", 199)
    if name in _NESTED:
        raise StataError(f"{name} is not supported by {kind}", 199)
    return "\n".join(notes), text


def replicate_coefficients(session, runner, command: str, settings: dict, kind: str) -> None:
    """Run ``command``, replicate its e(b), post e() and print the table."""
    from mlmcli.commands.estimation.replicate_explist import (estimation_sample, identify_units, lift_group_mask,
                                                              replicates_variance, resampling_units,
                                                              restore_group_mask, run_quietly)
    from mlmcli.commands.estimation.replicate_metric import ReplicatesInMetric, fitted_metric_of, with_fitted_metric
    from mlmcli.parser import parse_command
    from mlmcli.render.panel_regression import bootstrap_dots

    notes, command = check_command(command, kind, UserPrograms(session))
    if notes:
        session.print(notes)
    command = _prefix_level(command, kind, settings)
    parsed = _parsed_command(session, command)
    name = parsed.name
    _check_command_options(parsed, kind, name)
    if settings["dots"]:  # _prefix_note, before the full-sample run
        session.print(f"(running {name} on estimation sample)")
    original, before = session.data, session.e
    idcluster = settings.get("idcluster")
    if idcluster and not (kind == "bootstrap" and idcluster in original.varnames):
        original = original.copy()
        identify_units(original, idcluster, resampling_units(original, settings["cluster"]))
    from mlmcli.commands.estimation.replicate_prefix_noisily import prefix_printer

    printer = prefix_printer(session, settings, kind, command)  # noisily/trace: each run shown
    if printer is not None:
        printer.first_call(command)
    lifted = None  # statsby's or by's group mask while the replicates run
    try:
        try:
            full = run_quietly(session, runner, command, original.copy(), printer is not None)
        except StataError as err:  # _prefix_run_error: the command's message, then the prefix's
            raise StataError(f"{err.message}\nan error occurred when {kind} executed {name}", err.rc) from None
        if full is None or full is before or "b" not in full.matrices:
            raise StataError("expression list required", 100)
        names = tuple(full.matrices["b"].colnames)
        observed = np.asarray(full.matrices["b"].values, float)[0]
        if not np.all(np.isfinite(observed)):
            bad = names[int(np.flatnonzero(~np.isfinite(observed))[0])]
            raise StataError(f"'_b[{bad}]' evaluated to missing in full sample", 322)
        sample = estimation_sample(session, before, original.nobs)
        if sample is None and kind == "bootstrap" and not settings.get("nowarn"):
            from mlmcli.render.replicate_note import resample_warning  # _prefix_check4esample's diwarn

            session.print("\n".join(resample_warning(name, kind)))
        base, replicated = original, command
        if sample is not None:
            from mlmcli.commands.estimation.replicate_command_parts import without_if_in

            base = original.copy()
            base.take_rows(np.flatnonzero(sample))
            replicated = without_if_in(command)  # the rows are e(sample)'s already
        base, lifted = lift_group_mask(session, original, base, sample)
        units = resampling_units(base, settings.get("cluster"))
        if kind == "jackknife" and settings.get("cluster") and len(units) <= 2:
            raise StataError("jackknife requires more than 2 clusters", 459)
        jackknifed = None
        if kind == "bootstrap" and settings.get("bca"):  # bootstrap.ado's JKAccel, before the draws
            jackknifed = _replicates(session, runner, replicated, names, settings, "jackknife", base, units)
        weighting = _weighting(session, parsed, kind, base, units, settings)
        if printer is not None:
            printer.title(settings["reps"] if kind == "bootstrap" else len(units))
        in_metric = ReplicatesInMetric(fitted_metric_of(full.model))  # fitted on shifted columns
        if weighting is None:
            B, marks = _replicates(session, runner, replicated, names, settings, kind, base, units, printer=printer,
                                   in_metric=in_metric)
        else:
            from mlmcli.commands.estimation.replicate_weighted import weighted_command, weighted_datasets

            B, marks = _replicates(session, runner, weighted_command(replicated, weighting[0]), names, settings,
                                   kind, base, units, weighted_datasets(base, units, weighting[0], weighting[1]),
                                   printer, in_metric)
    finally:
        session.data = original
        restore_group_mask(session, lifted)
    if settings["dots"] and jackknifed is not None:
        session.print("\n".join(bootstrap_dots(jackknifed[1], name, len(jackknifed[0]), True,
                                               title="Jackknife").split("\n")[1:]))
    if settings["dots"]:
        session.print("\n".join(bootstrap_dots(marks, name, len(B), True, title=kind.capitalize()).split("\n")[1:]))
    V, good, summary = replicates_variance(B, observed, kind, settings, units, weighting)
    if settings.get("saving") is not None:
        from mlmcli.commands.estimation.replicate_explist import save_replicates

        save_replicates(settings["saving"], [(_saved_name(kind, j), f"_b[{n}]") for j, n in enumerate(names)], B,
                        kind, command)
    session.e = post_replicates(full, V, kind, settings, len(good), len(units) if settings.get("cluster") else None,
                                base.nobs, name)
    B_metric = in_metric.in_metric(B) if in_metric.metric is not None else None
    if B_metric is not None:  # the replicates' V in the fit's own metric too: margins' delta method there
        V_metric = replicates_variance(B_metric, in_metric.observed(), kind, settings, units, weighting)[0]
        session.e = dataclasses.replace(session.e, model=with_fitted_metric(full.model,
                                                                            in_metric.with_variance(V_metric)))
    session.e.macros["command"] = command  # bootstrap.ado, jackknife.ado: e(command), the replay's legend
    if summary is not None:
        session.e.scalars["df_r"] = float(summary.df_r)
    if kind == "bootstrap":  # _bs_sum's e(b_bs), e(se), e(ci_*) ... for estat bootstrap
        session.e = _with_bootstrap_summary(session.e, B, observed, names, settings, jackknifed)
    from mlmcli.commands.estimation.replicate_display import show_replicates
    from mlmcli.commands.estimation.replicate_results import with_replicate_result

    session.e = with_title(with_replicate_result(session.e, kind), settings.get("title"))
    missing = int(len(B) - len(good))  # _bs_sum's/_jk_sum's N_misreps and e(missing)
    session.e.scalars["N_misreps"] = float(missing)
    if missing:
        session.e.macros["missing"] = "missing"
    if settings.get("notable") and settings.get("noheader"):
        return
    show_replicates(session, session.e, command, kind, settings)
    if not settings.get("notable"):  # _prefix_display's _prefix_footnote
        from mlmcli.render.replicate_note import note_of_results

        for line in note_of_results(session.e.scalars, session.e.macros):
            session.print(line)


def _parsed_command(session, command: str):
    """The command parsed; a program the user defined (not a registered command) as the
    runner dispatches it: its name and the text after it."""
    from mlmcli import ast
    from mlmcli.commands import user_program
    from mlmcli.parser import parse_command, split_head

    try:
        return parse_command(command)
    except StataError as err:
        head = split_head(command) if err.rc == 199 else None
        if head is None or not user_program(session, head[1]):
            raise
        return ast.Command(name=head[1], args=head[2], prefixes=head[0], text=command)


def _with_bootstrap_summary(e, B, observed, names, settings, jackknifed):
    """e() with the bootstrap's summary (mlmcli.replication.summary): the intervals, and with
    bca the acceleration from the leave-one-unit-out replicates (JKAccel)."""
    from mlmcli.replication.ereturn import bootstrap_matrices
    from mlmcli.replication.summary import acceleration, bootstrap_summary

    accel = None if jackknifed is None else acceleration(jackknifed[0], observed)
    stats = bootstrap_summary(B, observed, level=e.scalars.get("level", 95.0), mse=bool(settings["mse"]),
                              ties=bool(settings.get("ties")), accel=accel)
    matrices = {**e.matrices, **bootstrap_matrices(stats, names)}
    macros = dict(e.macros)
    if settings.get("ties"):
        macros["ties"] = "ties"
    scalars = {**e.scalars, "N_misreps": float(stats.n_misreps)}
    return dataclasses.replace(e, matrices=matrices, macros=macros, scalars=scalars)


def with_title(e, title):
    """bootstrap.ado/jackknife.ado post title() as e(title), which the command's replayed header
    shows (_xtmixed_display's DiHeader, the me commands', tobit's and intreg's first line)."""
    if not title:
        return e
    if e.result is not None and dataclasses.is_dataclass(e.result) and any(
            f.name == "title" for f in dataclasses.fields(e.result)):
        e = dataclasses.replace(e, result=dataclasses.replace(e.result, title=title))
    if getattr(e, "title", None) is not None:
        e = dataclasses.replace(e, title=title)
    return e


def _prefix_level(command: str, kind: str, settings: dict) -> str:
    """The command without level(), which becomes the prefix's (_prefix_command: a different
    level() on the prefix "option level() of kind conflicts with option level() of cmd" r(198))."""
    from mlmcli.commands.estimation.replicate_prefix_noisily import command_level
    from mlmcli.syntax.options import confidence_level

    stripped, typed = command_level(command)
    if typed is None:
        return command
    level = confidence_level({"level": typed}, 95.0)
    if settings.get("level") is not None and settings["level"] != level:
        from mlmcli.commands import lookup

        raise StataError(f"option level() of {kind} conflicts with option level() of {lookup(command.split()[0]).name}",
                         198)
    settings["level"] = level
    return stripped


def _saved_name(kind: str, j: int) -> str:
    return f"{'_bs_' if kind == 'bootstrap' else '_jk_'}{j + 1}"


_RAW_WEIGHT = re.compile(r"\[\s*(?:fw|fwe|fwei|fweig|fweigh|fweight|pw|pwe|pwei|pweig|pweigh|pweight|aw|awe|awei|"
                         r"aweig|aweigh|aweight|iw|iwe|iwei|iweig|iweigh|iweight)\s*=", re.IGNORECASE)


def _check_command_options(parsed, kind: str, name: str) -> None:
    """The command's weights: bootstrap.ado refuses them; jackknife.ado takes fweights,
    pweights and iweights (replicate_weighted.py), not aweights (without force).  Its
    vce()/robust/cluster() run as typed (the prefix keeps only e(b); cluster() became the
    prefix's in replicate_prefix._with_command_parts)."""
    if parsed.weight is not None or (parsed.args and _RAW_WEIGHT.search(parsed.args)):
        if kind == "bootstrap":  # bootstrap.ado: weights fail its syntax [, NONOPTION]
            raise StataError("weights not allowed", 101)
        from mlmcli.commands.estimation.replicate_weighted import command_weight

        if command_weight(parsed)[0] == "aweight":  # jackknife.ado: syntax [fw] without force
            raise StataError("aweights not allowed", 101)


def _weighting(session, parsed, kind: str, base, units, settings):
    """(weight type, each base row's weight) for jackknife with weights on the command, else None."""
    if kind != "jackknife":
        return None
    from mlmcli.commands.estimation.replicate_weighted import command_weight, unit_weights

    wkind, exp = command_weight(parsed)
    if wkind is None:
        return None
    return wkind, unit_weights(session, base, units, wkind, exp, settings.get("cluster"))


def _replicates(session, runner, command, names, settings, kind, base, units, datasets=None, printer=None,
                in_metric=None):
    """(one row of e(b) per replicate, by ``names``; each replicate's dot: True, ``e`` when the
    command ran but left a column missing or lacked it, False (``x``) when it failed);
    ``datasets``: the replicates' data when not replicate_datasets' (weighted jackknife);
    ``printer``: noisily's (replicate_prefix_noisily), each run shown; ``in_metric``
    (``replicate_metric.ReplicatesInMetric``) records each replicate in a fitted metric."""
    from mlmcli.commands.estimation.replicate_explist import is_true, replicate_datasets, run_quietly
    from mlmcli.expr import evaluate_scalar

    reps = settings["reps"] if kind == "bootstrap" else len(units)
    rows, marks = [], []
    for data in datasets if datasets is not None else replicate_datasets(session, settings, kind, base, units):
        values = np.full(len(names), np.nan)
        before = session.e
        ran = False
        if printer is not None:
            printer.replicate(command)
        try:
            e = run_quietly(session, runner, command, data, printer is not None)
            if e is not None and e is not before and "b" in e.matrices:
                got = dict(zip(e.matrices["b"].colnames, np.asarray(e.matrices["b"].values, float)[0]))
                values = np.array([got.get(n, np.nan) for n in names], float)
                ran = True
                if in_metric is not None and np.all(np.isfinite(values)):
                    from mlmcli.commands.estimation.replicate_metric import fitted_metric_of

                    own = tuple(e.matrices["b"].colnames) == tuple(names)
                    in_metric.record(values, fitted_metric_of(e.model) if own else None)
                if printer is not None and any(n not in got for n in names):  # _check_omit: o.x
                    printer.collinear()
            if settings.get("reject") and is_true(evaluate_scalar(session, settings["reject"])):
                values = np.full(len(names), np.nan)
                if printer is not None:
                    printer.rejected()
        except StataError as err:
            if printer is not None:
                printer.failed(err)
        ok = bool(np.all(np.isfinite(values)))
        marks.append(True if ok else "e" if ran and not settings.get("reject") else False)  # e: a value missing
        rows.append(values)
    return np.array(rows, float).reshape(reps, len(names)), marks


def post_replicates(full, V: np.ndarray, kind: str, settings: dict, reps: int, n_clusters, n_obs: int,
                    name: str = ""):
    """The full fit's e() with the replicate V (bootstrap.ado's _e2r / ereturn repost / _r2e)."""
    from mlmcli.results.matrix import Matrix

    b = full.matrices["b"]
    names = tuple(b.colnames)
    matrices = dict(full.matrices)
    if "V" in full.matrices:
        matrices["V_modelbased"] = full.matrices["V"]
    matrices["V"] = Matrix(V, names, names)
    scalars = {k: v for k, v in full.scalars.items() if k not in ("F", "chi2", "df_r", "df_m", "p")}  # _e2r xsca
    macros = dict(full.macros)
    macros.update(vce=kind, vcetype="Bootstrap" if kind == "bootstrap" else "Jackknife", prefix=kind,
                  cmdname=full.macros.get("cmd", full.cmd) or name)
    if not full.macros.get("cmd", full.cmd):  # a program's ``ereturn post``: bootstrap.ado's e(cmd) then
        macros["cmd"] = kind
    scalars.setdefault("N", float(n_obs))  # the prefixes post obs(): the rows resampled
    if settings.get("mse"):
        macros.update(vcetype="Bstrap *" if kind == "bootstrap" else "Jknife *", mse="mse")
    scalars.update(N_reps=float(reps), k_exp=0.0, k_eexp=float(len(names)), k_extra=0.0,
                   level=float(settings.get("level") or scalars.get("level", 95.0)))
    if kind == "jackknife":
        scalars["df_r"] = float((n_clusters or reps) - 1)
    if n_clusters is not None:
        scalars["N_clust"] = float(n_clusters)
        macros["clustvar"] = settings["cluster"]
    if settings.get("strata"):
        scalars["N_strata"] = float(settings["N_strata"])
        macros["strata"] = settings["strata"]
    if settings.get("title"):
        macros["title"] = settings["title"]
    k_eq_model = full.scalars.get("k_eq_model", 1.0)
    chi2, df = model_test(names, np.asarray(b.values, float)[0], V,
                          int(k_eq_model) if np.isfinite(k_eq_model) else 1)
    if df and ("chi2" in full.scalars or "F" in full.scalars):
        from mlmcli.distributions import chi2 as chi2_dist

        scalars.update(chi2=chi2, df_m=float(df), p=float(chi2_dist.sf(chi2, df)))
        macros["chi2type"] = "Wald"
    return dataclasses.replace(full, scalars=scalars, macros=macros, matrices=matrices)


def model_test(names, b: np.ndarray, V: np.ndarray, k_eq_model: int = 1) -> tuple[float, int]:
    """_prefix_model_test: the Wald chi2 that the coefficients other than _cons (and base/omitted
    ones) of equations 1 .. e(k_eq_model) are zero, with the replicate V (biprobit, mlogit,
    mprobit and asclogit test more than the first equation)."""
    tested = set(list(dict.fromkeys(n.rpartition(":")[0] for n in names))[:k_eq_model])
    idx = []
    for j, n in enumerate(names):
        eq, _, col = n.rpartition(":")
        if eq not in tested or col == "_cons" or V[j, j] <= 0:
            continue
        idx.append(j)
    if not idx:
        return float("nan"), 0
    from mlmcli.postest.prefix_model_test import replicate_wald
    return replicate_wald(b[idx], V[np.ix_(idx, idx)])
