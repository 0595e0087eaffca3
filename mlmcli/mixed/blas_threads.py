"""The engines' BLAS thread count (``set processors``, c(processors)), and engines without
numerical warnings (``quiet_numerics``).

The engine's dense work is many mid-sized LAPACK calls (a ~1000 x 1000
Cholesky per deviance evaluation for crossed models); on a busy 2-core
machine OpenBLAS's worker threads slow these down by up to 10x, while one
thread costs at most the parallel speed-up (bench/blas_threads.md has the
figures).  So the engines run BLAS on one thread unless the user asked for
more: a thread count in OPENBLAS_NUM_THREADS, GOTO_NUM_THREADS or OMP_NUM_THREADS
when mlm started, or ``set processors #``.  Best effort: OpenBLAS libraries
already loaded into the process are found by name and their thread count
is set through ctypes; anything unexpected leaves BLAS untouched.
"""
from __future__ import annotations

import contextlib
import ctypes
import os
import sys

_SYMBOLS = (
    ("scipy_openblas_get_num_threads64_", "scipy_openblas_set_num_threads64_"),
    ("scipy_openblas_get_num_threads", "scipy_openblas_set_num_threads"),
    ("openblas_get_num_threads64_", "openblas_set_num_threads64_"),
    ("openblas_get_num_threads", "openblas_set_num_threads"),
)
_controls: dict[str, tuple | None] = {}  # library path -> (get, set) or None


_found: list = [None, []]  # [len(sys.modules) when the maps were last read, the paths found]


def _openblas_controls() -> list:
    """(get, set) thread-count functions of every OpenBLAS loaded now (a library loaded
    later, e.g. with scipy, is found on the next call).  The process's maps are read again
    only when a module was imported since: an OpenBLAS comes in with the extension module
    that links it (numpy's, scipy's), and the read costs ~1-5 ms, which every engine call
    (regress's collinearity check among them) paid."""
    if _found[0] != len(sys.modules):
        try:
            with open("/proc/self/maps") as fh:
                _found[1] = sorted({tok for tok in fh.read().split() if "openblas" in tok and ".so" in tok})
        except OSError:
            _found[1] = []
        _found[0] = len(sys.modules)
    paths = _found[1]
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


# the variables OpenBLAS reads for its thread count when it is loaded, in its order of precedence
BLAS_THREAD_VARIABLES = ("OPENBLAS_NUM_THREADS", "GOTO_NUM_THREADS", "OMP_NUM_THREADS")

_processors: int | None = None  # set processors #; None: from the environment at first use


def machine_processors() -> int:
    """c(processors_mach): the processors this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def _thread_count_from_environment() -> int:
    """The first thread variable set to a positive whole number, capped at the machine's
    processors; 1 when none is (mlm's command line sets OPENBLAS_NUM_THREADS=1 when the
    user set none, see ``cli``)."""
    for name in BLAS_THREAD_VARIABLES:
        text = os.environ.get(name, "").strip()
        if text.isdecimal() and int(text) > 0:
            return min(int(text), machine_processors())
    return 1


def blas_processors() -> int:
    """c(processors): the BLAS threads the engines use."""
    global _processors
    if _processors is None:
        _processors = _thread_count_from_environment()
    return _processors


def set_blas_processors(n: int) -> None:
    """``set processors n``: the engines use n BLAS threads from now on, and so does BLAS
    outside them (libraries loaded already are set now, those loaded later read the
    variable)."""
    global _processors
    _processors = n
    os.environ["OPENBLAS_NUM_THREADS"] = str(n)
    for _get, put in _openblas_controls():
        try:
            put(n)
        except Exception:  # noqa: BLE001 - best effort only
            continue


@contextlib.contextmanager
def engine_blas_threads():
    """Context in which loaded OpenBLAS libraries use c(processors) threads (1 by default)."""
    want = blas_processors()
    saved = []
    for get, put in _openblas_controls():
        try:
            n = int(get())
            if n != want:
                put(want)
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


single_threaded_blas = engine_blas_threads  # the name the engines import (one thread unless asked)


@contextlib.contextmanager
def quiet_numerics():
    """No floating-point or library warnings reach the user (boundary fits overflow
    exp() in CIs on purpose: the result is inf/NaN, printed as Stata does)."""
    import warnings

    import numpy as np

    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        yield
