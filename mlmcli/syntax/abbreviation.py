"""Stata's minimal-abbreviation rule and the name tables built on it.

A name declared with minimal abbreviation n accepts itself and every prefix of
itself at least n characters long: ``summarize`` with n = 2 accepts ``su``,
``sum`` … ``summarize``; n = None means the full name only.  The command
registry, subcommand tables (``estat``, ``estimates``, ``label``, ``graph``),
options (``OptionSpec``) and keyword choices (``covariance(un)``) all ask here.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Protocol, TypeVar


def abbreviates(typed: str, name: str, min_abbrev: int | None) -> bool:
    """Is ``typed`` ``name`` or a prefix of it at least ``min_abbrev`` long (None: the full name)?"""
    n = len(name) if min_abbrev is None else min_abbrev
    return len(typed) >= n and name.startswith(typed)


class Abbreviable(Protocol):
    name: str
    min_abbrev: int | None


E = TypeVar("E", bound=Abbreviable)


def resolve_abbreviation(typed: str, entries: Iterable[E]) -> E | None:
    """The entry ``typed`` names: an exact name first, else the first entry (in table
    order) that ``typed`` abbreviates; None when there is none."""
    entries = list(entries)
    for entry in entries:
        if entry.name == typed:
            return entry
    for entry in entries:
        if abbreviates(typed, entry.name, entry.min_abbrev):
            return entry
    return None


def resolve_choice(typed: str, choices: Iterable[tuple[str, int | None]]) -> str | None:
    """The full name of the ``(name, min_abbrev)`` choice ``typed`` names, or None."""
    found = resolve_abbreviation(typed, [Entry(n, k) for n, k in choices])
    return found.name if found else None


@dataclass(frozen=True)
class Entry:
    """One row of a name table: the full name, its minimal abbreviation and its target
    (a handler, a ``"module:function"`` text imported on first use, or None for a name
    Stata has that mlmcli does not implement)."""

    name: str
    min_abbrev: int | None
    target: Any = None

    def handler(self) -> Callable:
        if isinstance(self.target, str):
            module, func = self.target.split(":")
            return getattr(importlib.import_module(module), func)
        return self.target


class NameTable:
    """A table of subcommands (``estat``, ``estimates``, ``label``, ``graph``) read like the
    command registry: rows of (name, minimal abbreviation, target).

    ``unknown(word)`` builds the command's own error for a word that names no row;
    ``not_implemented(name)`` the error for a row without a target.
    """

    def __init__(self, rows: Iterable[tuple[str, int | None, Any]], *,
                 unknown: Callable[[str], Exception], not_implemented: Callable[[str], Exception]):
        self.entries = tuple(Entry(*row) for row in rows)
        self._unknown = unknown
        self._not_implemented = not_implemented

    def find(self, word: str, typed: str | None = None) -> Entry:
        """The row ``word`` names (raises the command's error, naming ``typed`` or ``word``,
        when none does)."""
        entry = resolve_abbreviation(word, self.entries)
        if entry is None:
            raise self._unknown(word if typed is None else typed)
        return entry

    def handler(self, word: str, typed: str | None = None) -> Callable:
        """The target of the row ``word`` names (raises when none, or not implemented)."""
        entry = self.find(word, typed)
        if entry.target is None:
            raise self._not_implemented(entry.name)
        return entry.handler()

    def names(self) -> tuple[str, ...]:
        return tuple(e.name for e in self.entries)
