"""Give the C heap's free pages back to the system (glibc's ``malloc_trim``).

numpy's arrays below glibc's mmap threshold live in the process heap, and that threshold
rises (up to 32 MiB) each time a larger mapped block is freed, so after reading a data set
nearly every array of a fit is a heap block.  A freed heap block stays resident until it is
reused, and only free memory at the very top of the heap is returned, beyond a trim
threshold that rises with it (up to 64 MiB).  Building a crossed design's pair pattern
frees ~60 MB of scratch arrays (D) in holes below the pattern it keeps: resident, counted in
the peak when the first Schur complement's dense array (a fresh 32 MB mapping) is added.
``malloc_trim(0)`` releases the free pages of every hole; later allocations fault them in
again as they reuse them (a few milliseconds for ~60 MB).  A no-op where the C library
has no ``malloc_trim`` (not glibc).
"""
from __future__ import annotations

import ctypes

_trim = None  # glibc's malloc_trim, False where there is none


def release_free_heap() -> None:
    """Return the free pages of the C heap to the system (module docstring)."""
    global _trim
    if _trim is None:
        try:
            _trim = ctypes.CDLL(None).malloc_trim
            _trim.argtypes, _trim.restype = [ctypes.c_size_t], ctypes.c_int
        except (OSError, AttributeError):
            _trim = False
    if _trim:
        _trim(0)


def mapped_zeros(shape: tuple[int, int]):
    """A zeroed float64 array in Fortran order in its own anonymous memory mapping,
    returned to the system when the array is freed."""
    import mmap

    import numpy as np

    n = int(np.prod(shape))
    if n == 0:
        return np.zeros(shape, order="F")
    buf = mmap.mmap(-1, n * 8)
    return np.frombuffer(buf, dtype=np.float64, count=n).reshape(shape, order="F")
