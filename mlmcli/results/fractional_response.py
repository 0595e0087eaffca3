"""What ``fracreg`` prints: pure data."""
from __future__ import annotations

from dataclasses import dataclass

from .glmm import GLMResult
from .mixed import CoefRow


@dataclass(frozen=True)
class FractionalResult:
    """The single-equation ML header and table (``main``: a ``GLMResult`` titled ``Fractional
    probit regression`` ...) and, after het(), the ``lnsigma`` equation's rows."""

    main: GLMResult
    het_rows: tuple[CoefRow, ...] | None = None
