"""Stata-style errors: a message and a return code, printed as Stata prints them.

Every user error is raised as a StataError; the runner prints ``message`` then
``r(rc);``.  Anything else that escapes a command is an internal bug.
"""
from __future__ import annotations

import re


class StataError(Exception):
    """A user-facing error with Stata's return code (``r(rc);``)."""

    def __init__(self, message: str, rc: int = 198):
        super().__init__(message)
        self.message = message
        self.rc = rc

    def __str__(self) -> str:  # pragma: no cover - trivial
        return self.message


def insufficient_replicates(kind: str) -> StataError:
    """_bs_sum's and _jk_sum's Error2000 (too few usable replicates for ``kind``, bootstrap or
    jackknife, standard errors): two lines and r(2000)."""
    return StataError(f"insufficient observations to compute {kind} standard errors\n"
                      "no results will be saved", 2000)


_MLM_REFUSAL = re.compile(r"\b(?:by|in) mlm(?:cli)?\b")


def is_mlm_refusal(error: BaseException) -> bool:
    """Whether ``error`` is mlm's refusal of something Stata does ("not supported by mlmcli",
    "... is not implemented in mlm(cli)", "... not available ... in mlmcli"), not an error Stata
    itself gives: inside a capture that turns Stata's errors into a note (twoway's fits), a
    refusal must still stop the command."""
    return isinstance(error, StataError) and _MLM_REFUSAL.search(error.message) is not None


class ExitRequest(Exception):
    """Raised by ``exit`` to leave the interpreter (REPL or script)."""

    def __init__(self, rc: int = 0):
        super().__init__(rc)
        self.rc = rc


def invalid_syntax(detail: str = "") -> StataError:
    return StataError(detail or "invalid syntax", 198)


def variable_not_found(name: str, candidates=()) -> StataError:
    """r(111); with ``candidates`` (the variables there are) a "did you mean" line."""
    from mlmcli.suggest import hint

    return StataError(f"variable {name} not found" + hint(name, candidates), 111)


def ambiguous_abbreviation(name: str) -> StataError:
    return StataError(f"{name} ambiguous abbreviation", 111)


def unrecognized_command(name: str, commands=()) -> StataError:
    """r(199): a Stata command mlm lacks says so; a typo gets the closest of ``commands``
    (the registry's names, given by the caller)."""
    from mlmcli.suggest import (COMMUNITY_NOT_CARRIED, LATER_STATA_NOT_CARRIED, STATA_COMMANDS_NOT_IMPLEMENTED,
                                hint)

    for known in (COMMUNITY_NOT_CARRIED, LATER_STATA_NOT_CARRIED):
        if name in known and name not in commands:
            return StataError(f"unrecognized command:  {name}\n{known[name]}", 199)
    if name in STATA_COMMANDS_NOT_IMPLEMENTED and name not in commands:
        return StataError(f"{name} is a Stata command that mlm does not implement", 199)
    return StataError(f"unrecognized command:  {name}" + hint(name, commands), 199)


def type_mismatch() -> StataError:
    return StataError("type mismatch", 109)


def no_observations() -> StataError:
    return StataError("no observations", 2000)


def file_not_found(path: str) -> StataError:
    return StataError(f"file {path} not found", 601)


def not_sorted() -> StataError:
    return StataError("not sorted", 5)


def option_not_allowed(name: str, arg: str | None = None) -> StataError:
    """syntax's error for an option it does not take; one typed with an argument is named
    ``name()`` (a Stata log: ``gen n = sum(_n), by(g)`` -> "option by() not allowed")."""
    return StataError(not_allowed_text(name, arg), 198)


def not_allowed_text(name: str, arg: str | None = None) -> str:
    """The words of ``option_not_allowed`` (for messages with a lead such as ``estopts():``)."""
    return f"option {name}{'' if arg is None else '()'} not allowed"


def already_defined(name: str) -> StataError:
    return StataError(f"variable {name} already defined", 110)


def derivatives_missing() -> StataError:
    """ml's stop when the likelihood's derivatives are missing (past the double range), r(430)."""
    return StataError("could not calculate numerical derivatives -- discontinuous region with missing "
                      "values encountered", 430)
