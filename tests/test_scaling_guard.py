"""tests/scaling.py, the speed guard that replaced wall-clock limits: it passes linear work and
fails quadratic work, both measured in this process's CPU time."""
from __future__ import annotations

import pytest

from scaling import assert_not_superlinear


def _loop(count: int) -> int:
    total = 0
    for k in range(count):
        total += k
    return total


def test_linear_work_passes_through_the_ratio():
    # 8 million steps: over the 0.1 s floor, so the ratio (about 4) decides
    assert_not_superlinear(lambda n: _loop(n), 2_000_000, factor=4, floor=0.1, what="linear")


def test_quadratic_work_fails():
    with pytest.raises(AssertionError, match="more than linear growth"):
        assert_not_superlinear(lambda n: _loop(n * n), 1000, factor=4, floor=0.1, what="quadratic")


def test_the_floor_keeps_noise_from_deciding():
    # a millisecond's work may measure 0 s at the small size: under the floor it passes
    assert_not_superlinear(lambda n: _loop(n), 1000, factor=4)
