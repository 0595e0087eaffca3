"""``xtrho``'s result: measures of intra-class manifest association (pure data)."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class AssociationAt:
    """The measures at one value of the linear predictor: ``where`` names it ("median",
    "25th percentile" ...); rows are (measure, estimate, lower, upper)."""

    where: str
    eta: float
    rows: tuple[tuple[str, float, float, float], ...]


@dataclass(frozen=True)
class ManifestAssociation:
    model: str           # "logit", "probit", "cloglog"
    level: float
    rho: float           # the latent-response intraclass correlation
    rho_ci: tuple[float, float]
    points: tuple[AssociationAt, ...]
