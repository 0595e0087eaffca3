"""The fuzz runners' address-space cap (tests/fuzz_commands.memory_cap) counts from what the
process maps already: an absolute 4 GiB cap below a busy pytest worker's 4.3 GiB made every
allocation fail, and the worker died of a segmentation fault inside the interpreter (CI of
stop 60, then hung until its time ran out)."""
from __future__ import annotations

import mmap
import sys

import numpy as np
import pytest

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/proc and RLIMIT_AS")


def test_the_cap_leaves_room_above_a_large_address_space():
    import fuzz_commands as fc

    reserved = mmap.mmap(-1, 5 << 30)  # 5 GiB mapped, never touched: a worker's libraries and arenas
    try:
        assert fc.mapped_bytes() > 5 << 30
        with fc.memory_cap(1 << 30):
            block = np.ones(50_000_000)  # 400 MB: within the cap above what is mapped
            assert block.sum() == 50_000_000
            del block
            with pytest.raises(MemoryError):
                np.empty(300_000_000)  # 2.4 GB: beyond it
        np.empty(300_000_000)  # the old limit is back
    finally:
        reserved.close()


def test_mapped_bytes_reads_the_process_size():
    import fuzz_commands as fc

    before = fc.mapped_bytes()
    extra = mmap.mmap(-1, 1 << 30)
    try:
        assert fc.mapped_bytes() - before >= 1 << 30
    finally:
        extra.close()
