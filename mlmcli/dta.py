"""Compatibility shim: the .dta code lives in :mod:`mlmcli.fileformats` now.

``read_dta(path)`` returns ``(Dataset, time stamp)``; ``write_dta(ds, path)`` replaces
``path`` (callers check ``replace`` themselves) and writes Stata 13's format, or
Stata 14's when the text needs Unicode.
"""
from __future__ import annotations

import os

from mlmcli.dataset import Dataset
from mlmcli.fileformats.dta_read import read_dta
from mlmcli.fileformats.dta_write import save_dta

__all__ = ["read_dta", "write_dta", "chmod_like_new_file"]


def write_dta(ds: Dataset, path: str) -> int:
    """Write ``ds`` to ``path`` safely (see ``fileformats.safe_write``); returns the release."""
    return save_dta(ds, path, replace=True)


def chmod_like_new_file(path: str) -> None:
    """mkstemp makes 0600 files; give a new file the usual umask-based mode."""
    mask = os.umask(0)
    os.umask(mask)
    os.chmod(path, 0o666 & ~mask)
