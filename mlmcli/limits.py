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
FORMAT_WIDTH = 2045             # the width (and digits) of a %fmt: Stata 13's widest, %2045s
MAX_OBS = 2_147_483_647         # observations

HELP = f"""\
Limits (help limits)

    what                          limit   beyond it
    -----------------------------------------------------------------------------
    macro length          {MACRO_LENGTH:>13,}   r(920): a local or global, and a command
                                          line after macro substitution
    nesting               {NESTING:>13,}   r(1000): {{ }} blocks, programs and
                                          do-files open at once
    format width          {FORMAT_WIDTH:>13,}   r(120): %2045s; digits too (%9.2045f)
    observations          {MAX_OBS:>13,}   r(909)
    memory                 what is free   r(909) "op. sys. refuses to provide memory":
                                          set obs, generate, ... check before they
                                          allocate; running out inside a command too
    regular expressions        RE2 time   regexm(), regexr() match in time linear in
                                          the text for every pattern (without the
                                          google-re2 package, patterns that could
                                          backtrack for ever are refused, r(198))
    -----------------------------------------------------------------------------
    A command that hits a limit stops with the error shown and changes nothing."""


def nesting_error() -> StataError:
    return StataError(f"system limit exceeded\n    more than {NESTING} nested {{ }} blocks, programs and "
                      "do-files; see help limits", 1000)


def too_complex_error() -> StataError:
    """Python's own recursion limit (an expression nested thousands deep, …)."""
    return StataError("system limit exceeded\n    the command is too deeply nested or too long to "
                      "evaluate; see help limits", 1000)


def macro_too_long(length: int) -> StataError:
    """A command line after macro substitution, or a macro's value, past MACRO_LENGTH
    (``length``: how far it had got when it crossed)."""
    return StataError("macro substitution results in line that is too long\n"
                      f"    The line resulting from substituting macros would be longer than the "
                      f"maximum of {MACRO_LENGTH:,} characters.", 920)


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
