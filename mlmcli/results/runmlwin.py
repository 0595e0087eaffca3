"""runmlwin's output (Leckie and Charlton's SSC command; the layout of its ``runmlwin_display``):
pure data, built by ``mlmcli.commands.community.runmlwin`` and written by
``mlmcli.render.runmlwin``."""
from __future__ import annotations

from dataclasses import dataclass

from mlmcli.results.mixed import GroupSummary  # the group table's rows: runmlwin's has mixed's columns


@dataclass(frozen=True)
class RunmlwinRow:
    """A row of the fixed-part or random-part table (z and p: fixed part only)."""

    label: str
    estimate: float
    se: float
    lower: float
    upper: float
    z: float = float("nan")
    p: float = float("nan")


@dataclass(frozen=True)
class RunmlwinLevel:
    """The rows of one level of the random part (``Level 2: school``)."""

    heading: str
    rows: tuple[RunmlwinRow, ...]


@dataclass(frozen=True)
class RunmlwinResult:
    version: str  # the MLwiN version of the header ("" here: mlm runs no MLwiN)
    n_obs: int
    title: str  # Normal response model
    method: str  # IGLS or RIGLS
    groups: tuple[GroupSummary, ...]
    run_time: float
    iterations: float
    ll: float
    depvar: str
    fixed: tuple[RunmlwinRow, ...]
    random: tuple[RunmlwinLevel, ...]
    level: float = 95.0
    converged: bool = True
    groups_unavailable: bool = False  # nosort: runmlwin computes no group sizes
