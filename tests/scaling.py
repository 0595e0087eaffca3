"""Speed guards that a loaded CI machine cannot fail: how the CPU time grows with the input,
not a wall-clock limit.  Benchmarks live in bench/; a test only asks "is this still linear?".

``assert_not_superlinear(work, n, factor)`` times ``work(n)`` and ``work(factor * n)`` in this
process's CPU seconds (``time.process_time``: another process's load does not count) and fails
when the larger input costs more than ``factor ** 2 / 2`` times the smaller -- a quadratic
algorithm costs ``factor ** 2`` times, an exponential one far more -- unless the larger run is
under ``floor`` CPU seconds, which no regression the caller guards against stays under (the
floor keeps millisecond timings, all noise, from deciding)."""
from __future__ import annotations

import time
from typing import Callable


def cpu_seconds(work: Callable[[], object]) -> tuple[float, object]:
    """(CPU seconds of this process spent in ``work()``, what it returned)."""
    start = time.process_time()
    value = work()
    return time.process_time() - start, value


def assert_not_superlinear(work: Callable[[int], object], n: int, factor: int = 4, floor: float = 2.0,
                           what: str = "") -> tuple[object, object]:
    """Fail when ``work(factor * n)`` costs more than ``max(floor, factor ** 2 / 2 * cost(n))``
    CPU seconds; the smaller size is timed twice and the faster kept (the first run may warm
    caches).  Returns what the two sizes returned."""
    small, small_value = min(cpu_seconds(lambda: work(n)), cpu_seconds(lambda: work(n)), key=lambda t: t[0])
    large, large_value = cpu_seconds(lambda: work(factor * n))
    bound = max(floor, factor ** 2 / 2 * small)
    assert large <= bound, (f"{what or 'work'}: size {factor * n} took {large:.2f} s of CPU, size {n} "
                            f"{small:.2f} s: more than linear growth (bound {bound:.2f} s)")
    return small_value, large_value
