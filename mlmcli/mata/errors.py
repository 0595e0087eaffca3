"""Mata's run-time errors: a code of the 3000s and Mata's wording, printed as Mata prints
them (the failing function, here the interactive statement ``<istmt>``, then code and text)."""
from __future__ import annotations

from mlmcli.errors import StataError

CONFORMABILITY = 3200
SUBSCRIPT = 3301
TYPE_MISMATCH = 3250
NOT_FOUND = 3499
SYNTAX = 3000


class MataError(StataError):
    """``<istmt>:  3499  x not found`` then ``r(3499);``."""

    def __init__(self, code: int, text: str):
        super().__init__(f"{'<istmt>':>24}:  {code}  {text}", code)


def conformability() -> MataError:
    return MataError(CONFORMABILITY, "conformability error")


def subscript_invalid() -> MataError:
    return MataError(SUBSCRIPT, "subscript invalid")


def type_mismatch(what: str = "") -> MataError:
    return MataError(TYPE_MISMATCH, f"type mismatch{': ' + what if what else ''}")


def not_found(name: str) -> MataError:
    return MataError(NOT_FOUND, f"{name} not found")
