"""What ``ivpoisson`` prints: pure data."""
from __future__ import annotations

from dataclasses import dataclass

from .mixed import CoefRow


@dataclass(frozen=True)
class IVPoissonResult:
    """GMMout's header (parameters, moments, the initial and the GMM weight matrix; ``wmatrix``
    None after a one-step fit), the table of ``rows`` and the Instrumented/Instruments footnote.
    ``steps``: the GMM criterion at each iteration of each step; ``exactly_identified``: the
    fit stopped after step 1 and says so; ``equations``: the control function's blocks (depvar's
    equation, each endogenous variable's first stage, ``c_<endog>``) in place of ``rows``."""

    depvar: str
    nobs: float
    k: int
    n_moments: int
    winit: str
    wmatrix: str | None
    rows: tuple[CoefRow, ...]
    instd: tuple[str, ...]
    insts: tuple[str, ...]
    level: float = 95.0
    robust: bool = True
    cluster: tuple[int, str] | None = None
    steps: tuple[tuple[float, ...], ...] = ()
    exactly_identified: bool = False
    irr: bool = False
    converged: bool = True
    equations: tuple = ()
