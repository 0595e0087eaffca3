"""What ``mfx`` prints: pure data for ``mlmcli.render.mfx``."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class MfxRow:
    name: str
    effect: float
    se: float | None       # None with nose
    x: float               # the value the effect is evaluated at
    discrete: bool         # the (*) of a 0/1 variable's discrete change


@dataclass(frozen=True)
class MfxResult:
    cmd: str               # "Marginal effects after <cmd>"
    title: str             # dy/dx, ey/ex, dy/ex, ey/dx
    marginal: bool         # dydx: "Marginal effects", else "Elasticities"
    label: str             # predict's label, Pr(foreign)
    predict: str           # the predict() options, "" for the default
    y: float
    rows: tuple[MfxRow, ...]
    level: float
