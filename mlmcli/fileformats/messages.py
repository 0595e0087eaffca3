"""Stata's messages and return codes for file errors, in one place.

Every reader and writer in :mod:`mlmcli.fileformats` raises these
:class:`~mlmcli.errors.StataError` values and nothing else for a bad path or
a bad file, so a command can let them through unchanged.
"""
from __future__ import annotations

from mlmcli.errors import StataError
from mlmcli.errors import file_not_found as not_found  # noqa: F401  (r(601), one definition)


def already_exists(path: str) -> StataError:
    return StataError(f"file {path} already exists", 602)


def cannot_open(path: str) -> StataError:
    """r(603): the file or its folder cannot be opened (missing folder, no permission, a folder)."""
    return StataError(f"file {path} could not be opened", 603)


def read_only(path: str) -> StataError:
    return StataError(f"file {path} is read-only; cannot be modified or erased", 608)


def not_stata_format(path: str) -> StataError:
    return StataError(f"file {path} not Stata format", 610)


def too_modern(path: str) -> StataError:
    """A .dta release newer than this reader knows (Stata's words for a newer file)."""
    return StataError(f"file {path} from a more recent version of Stata", 610)


def corrupt_dta(path: str) -> StataError:
    """Stata 13's words for a truncated .dta (r(612))."""
    return StataError(".dta file corrupt\n    The file unexpectedly ended before it should have.", 612)


def cannot_load(path: str) -> StataError:
    """A spreadsheet or foreign file that is not what its name says, or is damaged."""
    return StataError(f"file {path} could not be loaded", 603)


def worksheet_not_found(sheet: str) -> StataError:
    return StataError(f"worksheet {sheet} not found", 601)


def missing_library(what: str, package: str, extra: str) -> StataError:
    """An optional reader is not installed: say how to install it (r(199), as for a command
    Stata does not have)."""
    return StataError(f"{what} needs the Python package {package}; install it with\n"
                      f"    pip install 'mlmcli[{extra}]'", 199)


def write_failed(path: str, detail: str) -> StataError:
    """r(693): an I/O error while writing (disk full, ...); the old file is left as it was."""
    return StataError(f"file {path} could not be saved: {detail}", 693)
