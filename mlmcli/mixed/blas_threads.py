"""Run the engines with single-threaded BLAS, and without numerical warnings (``quiet_numerics``).

The engine's dense work is many mid-sized LAPACK calls (a ~1000 x 1000
Cholesky per deviance evaluation for crossed models); on a busy 2-core
machine OpenBLAS's worker threads slow these down by up to 10x, while one
thread costs at most the parallel speed-up.  Best effort: OpenBLAS libraries
already loaded into the process are found by name and their thread count
is set through ctypes; anything unexpected leaves BLAS untouched.
"""
from __future__ import annotations

import contextlib
import ctypes

_SYMBOLS = (
    ("scipy_openblas_get_num_threads64_", "scipy_openblas_set_num_threads64_"),
    ("scipy_openblas_get_num_threads", "scipy_openblas_set_num_threads"),
    ("openblas_get_num_threads64_", "openblas_set_num_threads64_"),
    ("openblas_get_num_threads", "openblas_set_num_threads"),
)
_controls: dict[str, tuple | None] = {}  # library path -> (get, set) or None


def _openblas_controls() -> list:
    """(get, set) thread-count functions of every OpenBLAS loaded now (a library loaded
    later, e.g. with scipy, is found on the next call)."""
    try:
        with open("/proc/self/maps") as fh:
            paths = sorted({tok for tok in fh.read().split() if "openblas" in tok and ".so" in tok})
    except OSError:
        return []
    for path in paths:
        if path in _controls:
            continue
        _controls[path] = None
        try:
            lib = ctypes.CDLL(path)
        except OSError:
            continue
        for get, put in _SYMBOLS:
            if hasattr(lib, get) and hasattr(lib, put):
                _controls[path] = (getattr(lib, get), getattr(lib, put))
                break
    return [_controls[p] for p in paths if _controls[p] is not None]


@contextlib.contextmanager
def single_threaded_blas():
    """Context in which loaded OpenBLAS libraries use one thread."""
    saved = []
    for get, put in _openblas_controls():
        try:
            n = int(get())
            put(1)
            saved.append((put, n))
        except Exception:  # noqa: BLE001 - best effort only
            continue
    try:
        yield
    finally:
        for put, n in saved:
            try:
                put(n)
            except Exception:  # noqa: BLE001
                pass


@contextlib.contextmanager
def quiet_numerics():
    """No floating-point or library warnings reach the user (boundary fits overflow
    exp() in CIs on purpose: the result is inf/NaN, printed as Stata does)."""
    import warnings

    import numpy as np

    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        yield
