"""``fit_mixed(spec)``: the one entry point for a linear mixed model.

i.i.d. residual errors (no ``spec.residuals``, or ``residuals(independent)`` without
by()) are fitted by ``fit.fit_mixed``; a residuals() structure by
``residual_fit.fit_structured``, which builds on ``fit`` (so ``fit`` cannot dispatch to
it without an import cycle).
"""
from __future__ import annotations

from typing import Callable

from .blas_threads import quiet_numerics, single_threaded_blas
from .fit import MixedFit, fit_mixed as fit_iid
from .heap_memory import release_free_heap
from .spec import MixedSpec


def fit_mixed(spec: MixedSpec, on_iteration: Callable[[int, float], None] | None = None) -> MixedFit:
    """Fit ``spec`` by ML or REML (``mlmcli.mixed`` documents the result).

    The fit's scratch arrays, freed, stay resident in the C heap's holes (``heap_memory``):
    they are returned when it ends, so that what the process does next (the display, other
    commands) does not add to them (a crossed fit on 73,421 rows: ~15 MB)."""
    if spec.residuals is None or spec.residuals.plain:
        fit = fit_iid(spec, on_iteration)
    else:
        from .residual_fit import fit_structured  # (imported only for a residuals() structure)

        with single_threaded_blas(), quiet_numerics():
            fit = fit_structured(spec, on_iteration)
    release_free_heap()
    return fit
