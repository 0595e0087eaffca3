"""Resource caps: what a do-file may ask for before mlm refuses with a Stata error.

Each cap is Stata 13's (SE/MP) where Stata has one, so a do-file that runs in Stata is
not refused here; where Stata's limit is memory, mlm checks what the machine can give
before it allocates, so a huge request is ``r(909)`` rather than a crash.  ``help limits``
prints ``HELP``.
"""
from __future__ import annotations

from mlmcli.errors import StataError

MACRO_LENGTH = 1_081_511        # characters in a macro and in a command line after expansion
NESTING = 64                    # { } blocks, programs and do-files open at once
FORMAT_WIDTH = 244              # the width of a %fmt
MAX_OBS = 2_147_483_647         # observations
REGEX_INPUT = 1_000_000         # characters regexm()/regexr()/regexs() search (patterns: 1,000)
REGEX_PATTERN = 1_000

HELP = f"""\
Limits (help limits)

  macro length                    {MACRO_LENGTH:>13,} characters (a local or global, and a
                                                  command line after macro substitution;
                                                  beyond: r(920))
  nesting                         {NESTING:>13,} {{ }} blocks, programs and do-files
                                                  open at once (beyond: r(1000))
  display format width            {FORMAT_WIDTH:>13,} (%244.0g; wider: r(120))
  observations                    {MAX_OBS:>13,} (and no more than memory holds: r(909))
  memory                          what the machine has free: set obs, generate and the
                                  other commands that make data refuse a request that
                                  does not fit with r(909) "op. sys. refuses to provide
                                  memory", and leave the data as they were
  regular expressions             patterns up to {REGEX_PATTERN:,} characters, text up to {REGEX_INPUT:,};
                                  matched by an engine without backtracking (RE2 when
                                  installed), so no pattern takes exponential time

A command that hits a limit stops with the error shown and changes nothing."""


def nesting_error() -> StataError:
    return StataError(f"system limit exceeded\n    more than {NESTING} nested {{ }} blocks, programs and "
                      "do-files; see help limits", 1000)


def macro_too_long(length: int) -> StataError:
    return StataError("macro substitution results in line that is too long\n"
                      f"    The line resulting from substituting macros would be {length:,} characters "
                      f"long; the maximum is {MACRO_LENGTH:,}.", 920)


def memory_error() -> StataError:
    return StataError("op. sys. refuses to provide memory", 909)


def available_memory() -> int | None:
    """Bytes the machine can still give (MemAvailable on Linux; None when unknown)."""
    try:
        with open("/proc/meminfo", "rb") as fh:
            for line in fh:
                if line.startswith(b"MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    try:
        import os

        return os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (ValueError, OSError, AttributeError):
        return None


def require_memory(nbytes: float) -> None:
    """Refuse (r(909)) a request for ``nbytes`` that the machine cannot give (requests
    under 256 MB are not checked: reading the free memory costs more than they risk)."""
    if nbytes < 2 ** 28:
        return
    free = available_memory()
    if free is not None and nbytes > free:
        raise memory_error()
