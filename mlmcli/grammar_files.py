"""Where the Lark grammars are read from.

They are edited in the checkout's top-level ``grammar/`` folder; a built wheel carries a
copy as ``mlmcli/_grammar/`` (``setup.py`` copies it at build time), because a wheel has
no top-level ``grammar/``. The checkout's folder wins so edits take effect at once.
"""
from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_CANDIDATES = (_PACKAGE.parent / "grammar", _PACKAGE / "_grammar")


def grammar_file(name: str) -> Path:
    """Path of grammar ``name`` (e.g. ``"command.lark"``): checkout first, then the packaged copy."""
    for folder in _CANDIDATES:
        path = folder / name
        if path.is_file():
            return path
    return _CANDIDATES[0] / name  # reading it raises a clear FileNotFoundError


def grammar_dir() -> Path:
    """The folder holding ``command.lark`` (for callers that join names themselves)."""
    return grammar_file("command.lark").parent
