"""The command AST: small frozen dataclasses produced by the parser.

A command line has Stata's general form

    [prefix :] command [args] [if exp] [in range] [weight] [, options]

Expressions stay as source text here; the expression engine parses them (with
its own cache) when a command evaluates them.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Option:
    """``name`` or ``name(arg)`` as typed; ``arg`` is the raw text inside the parentheses."""

    name: str
    arg: str | None = None


@dataclass(frozen=True)
class Weight:
    """``[kind = exp]``; kind as typed (``fw``, ``pweight``, ``aw``, ``iw``, ``weight``)."""

    kind: str
    exp: str


@dataclass(frozen=True)
class InRange:
    """``in first[/last]``; bounds as typed (``5``, ``-10``, ``f``, ``l``)."""

    first: str
    last: str | None = None


@dataclass(frozen=True)
class Prefix:
    """``by varlist[, sort]:``, ``bysort varlist:``, ``quietly:``, ``noisily:``, ``capture:``."""

    name: str  # canonical: by | quietly | noisily | capture
    varlist: tuple[str, ...] = ()
    sort: bool = False
    rc0: bool = False  # by ..., rc0
    sort_only: tuple[str, ...] = ()  # bysort a (b): b is sorted on, not grouped by


@dataclass(frozen=True)
class Command:
    """One parsed command.

    ``args`` is the text between the command word and the first ``if``/``in``/
    weight/option part (a varlist, ``newvar = exp``, ``using file`` …).  For
    commands registered as ``raw`` (``mixed``, ``display``, ``local`` …) the
    parser leaves everything after the command word in ``args`` untouched.
    """

    name: str
    args: str = ""
    if_exp: str | None = None
    in_range: InRange | None = None
    weight: Weight | None = None
    options: tuple[Option, ...] = ()
    prefixes: tuple[Prefix, ...] = ()
    text: str = ""
    has_comma: bool = False  # a comma was typed, even with no options after it

    def option_names(self) -> tuple[str, ...]:
        return tuple(o.name for o in self.options)


@dataclass(frozen=True)
class Script:
    """A sequence of commands as read from a .do file or standard input."""

    commands: tuple[Command, ...] = field(default_factory=tuple)
