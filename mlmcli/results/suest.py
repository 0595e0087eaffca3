"""What ``suest`` shows: its header and the coefficient blocks of the combined models."""
from __future__ import annotations

from dataclasses import dataclass

from mlmcli.results.mixed import CoefRow


@dataclass(frozen=True)
class SuestResult:
    """``names``: the models as typed (``.`` for the active ones); ``blocks``: (equation,
    rows) in e(b)'s order; ``cluster``: (number of clusters, variable) with vce(cluster)."""

    names: tuple[str, ...]
    n_obs: int
    blocks: tuple[tuple[str | None, tuple[CoefRow, ...]], ...]
    level: float = 95.0
    cluster: tuple[int, str] | None = None
    coef_label: str = "Coef."
    eform: bool = False
