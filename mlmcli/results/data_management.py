"""What the data-management commands report (``duplicates report``, ``codebook``, Stata 13's
``table``): pure data, filled by the commands, laid out by ``mlmcli.render.data_management``."""
from __future__ import annotations

from dataclasses import dataclass


# ----------------------------------------------------------------------------- duplicates
@dataclass(frozen=True)
class DuplicatesReport:
    """``duplicates report``: per number of copies, the observations and the surplus."""

    rows: tuple[tuple[int, int, int], ...]  # (copies, observations, surplus)
