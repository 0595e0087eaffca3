"""One command called once its prefixes are dealt with (``Runner.dispatch``): a user's
program, or the handler the registry names, inside its data transaction (a failing command
leaves the data as they were), with vce()'s synonyms read, a replay at c(level), the
session's settings in effect, and what vce(bootstrap)/vce(jackknife) and the estimation
commands' r(table) add after the handler ran.
"""
from __future__ import annotations

import importlib
from contextlib import nullcontext
from dataclasses import replace

from mlmcli import ast
from mlmcli.errors import StataError
from mlmcli.session import data_transaction

# commands that run other commands: a failure late in a do-file keeps what the earlier
# commands did; every other command is all-or-nothing (data_transaction)
_RUNS_COMMANDS = frozenset({"do", "run", "include", "frame", "frames"})
# commands that never change the data: no snapshot to put back (a program's every line paid
# one; they set macros, scalars, matrices or print).  The data commands among them only read
# the data (no option of theirs writes: tabulate's generate(), isid's sort, describe's
# replace are why those are not here); tests/test_read_only_commands_skip_the_snapshot.py
# runs each, failing and not, and checks the data are unchanged.
_LEAVES_DATA = frozenset({"args", "tempvar", "tempname", "tempfile", "local", "global", "scalar", "display",
                          "mlsum", "mlvecsum", "mlmatsum", "macro", "confirm", "error",
                          "count", "summarize", "list", "assert", "levelsof",
                          "test", "testparm", "lincom", "return", "sreturn"})

# commands Stata fails before evaluating anything (types, names, in ranges, storage types are
# compiled first): filewrite() and the random stream stay as they were when they fail
_COMPILES_FIRST = frozenset({"generate", "replace", "egen", "display"})


def call_command(runner, cmd: ast.Command) -> None:
    """Run one command whose prefixes are dealt with: a user's program, or the registered
    handler inside its data transaction, with the session's settings in effect."""
    from mlmcli.commands import lookup, user_program

    session = runner.session
    if cmd.name in session.programs or user_program(session, cmd.name):
        from mlmcli.program_calls import call_program

        call_program(runner, cmd.name, cmd.args)
        return
    spec = lookup(cmd.name)
    module_name, func = spec.target.split(":")
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name != module_name:
            raise
        module = None
    handler = getattr(module, func, None)
    if handler is None:  # registered but not implemented (yet)
        raise StataError(f"unrecognized command:  {cmd.name}", 199)
    if not spec.raw and cmd.options:  # vce(bs|jk ...), nodots: _vce_parserun's reading (syntax.vce_synonyms)
        from mlmcli.syntax.vce_synonyms import command_options

        typed, options = cmd.options, command_options(cmd.options)
        if options is not typed:
            _call_with_vce(runner, replace(cmd, options=options), typed)
            return
    from mlmcli.estimation.replay_level import at_replay_level, replayed_at_level

    if replayed_at_level(module_name):  # a replay shows c(level) unless level() is typed
        cmd = at_replay_level(session, cmd, spec.raw)
    from mlmcli.syntax.settings import session_in_effect

    if spec.name in _RUNS_COMMANDS:  # each command they run is a transaction of its own
        with session_in_effect(session):
            handler(session, cmd)
        return
    transaction = nullcontext() if spec.name in _LEAVES_DATA else data_transaction(session)
    held = nullcontext()
    if spec.name in _COMPILES_FIRST:
        from mlmcli.expr.side_effects import held_side_effects

        held = held_side_effects(session)
    with transaction, held, session_in_effect(session):
        before, session.bootstrap_pending = session.e, None
        r_before = session.r
        session.jackknife_pending = None
        outer, session.running_command = session.running_command, cmd
        progress = nullcontext()
        if module_name.startswith("mlmcli.commands.estimation."):  # its fits' live line (fit_progress)
            from mlmcli.fit_progress import command_progress

            progress = command_progress(session, cmd)
        try:
            with progress:
                handler(session, cmd)
        finally:
            session.running_command = outer
        if session.bootstrap_pending is not None:  # vce(bootstrap)'s e() and saving()
            from mlmcli.estimation.bootstrap_results import finish_bootstrap

            finish_bootstrap(session, before)
        if session.jackknife_pending is not None:  # vce(jackknife)'s missing replicates and note
            from mlmcli.estimation.replicate_missing import finish_jackknife

            finish_jackknife(session, before)
        if module_name.startswith("mlmcli.commands.estimation."):  # its table's r(table)
            from mlmcli.estimation.coefficient_matrix import post_after_command

            post_after_command(session, spec, cmd, module_name, before, r_before)


def _call_with_vce(runner, cmd: ast.Command, typed: tuple) -> None:
    """The command run with vce()'s synonym read (syntax.vce_synonyms); a refusal shows the
    vce() as typed."""
    from mlmcli.syntax.vce_synonyms import as_typed

    try:
        call_command(runner, cmd)  # its options read: no second rewrite
    except StataError as err:
        err.message = as_typed(err.message, typed, cmd.options)
        err.args = (err.message,)
        raise
