"""What ``ml maximize`` and ``ml display`` report for a user's likelihood program: pure data
(built by commands/estimation/ml.py, laid out by render/ml_program.py)."""
from __future__ import annotations

from dataclasses import dataclass, field

from .glmm import IterationStep


@dataclass(frozen=True)
class MLSearchLine:
    label: str  # initial:, feasible:, alternative:, rescale:, rescale eq:
    loglik: float
    note: str = ""


@dataclass(frozen=True)
class MLLog:
    search: tuple[MLSearchLine, ...] = ()
    steps: tuple[IterationStep, ...] = ()
    converged: bool = True
    pseudo: bool = False
    details: tuple = ()  # IterationDetail per iteration (maximize's trace, gradient, ... options)
    names: tuple[str, ...] = ()  # the parameters' names, the details' columns


@dataclass(frozen=True)
class MLTable:
    """ml display's header and table: ``blocks`` (equation name or None, rows); ``depvar`` the
    name over the first column."""

    nobs: int
    loglik: float
    chi2: float
    df: int
    p: float
    blocks: tuple = field(default_factory=tuple)
    depvar: str = ""
    title: str = ""
    pseudo: bool = False
    vce_label: str | None = None
    cluster: tuple[int, str] | None = None
    level: float = 95.0
    coef_label: str = "Coef."
    eform: bool = False
    constraints: tuple[str, ...] = ()
    baselevels: bool = False  # the base rows shown (baselevels/allbaselevels, set showbaselevels)
    vsquish: bool = False
