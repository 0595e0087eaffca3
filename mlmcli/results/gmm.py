"""What ``gmm`` prints: pure data."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class GMMResult:
    """GMMout's header (parameters, moments, the initial and the GMM weight matrix: ``wmatrix``
    None after a one-step fit), the table's ``equations`` ((name or None, rows) blocks; the free
    parameters ``/b`` in the last block without a name), the HAC note and each equation's
    instruments.  ``steps``: the GMM criterion at each iteration of each step; ``n_by_equation``:
    nocommonesample's observations per equation (the header then shows ``*``); ``step_converged``:
    False for a step that stopped at iterate()."""

    nobs: float
    k: int
    n_moments: int
    winit: str
    wmatrix: str | None
    equations: tuple
    instruments: tuple  # (equation name, "x z _cons")
    level: float = 95.0
    vce_label: str | None = "Robust"
    cluster: tuple[int, str] | None = None
    hac_note: str | None = None
    steps: tuple[tuple[float, ...], ...] = ()
    step_converged: tuple[bool, ...] = ()
    exactly_identified: bool = False
    title: str = ""
    title2: str = ""
    n_by_equation: tuple = ()
