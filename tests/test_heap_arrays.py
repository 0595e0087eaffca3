"""``mlm`` keeps freed arrays of up to 32 MiB in glibc's heap rather than handing their
pages back to the kernel after each use (cli._heap_keeps_freed_arrays): a nested 25 x
25-point quadrature spent as long zero-filling fresh pages as computing.  Checked in a child
process (the setting is process-wide) through glibc's own accounting, mallinfo2's
``hblkhd`` (bytes in mmapped blocks): a 4 MB array is mmapped unless the setting is on."""
from __future__ import annotations

import ctypes
import os
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

_PROBE = """
import ctypes, sys
class Info(ctypes.Structure):
    _fields_ = [(n, ctypes.c_size_t) for n in ("arena", "ordblks", "smblks", "hblks", "hblkhd",
                "usmblks", "fsmblks", "uordblks", "fordblks", "keepcost")]
libc = ctypes.CDLL("libc.so.6")
libc.mallinfo2.restype = Info
if sys.argv[1] == "mlm":
    sys.argv = ["mlm", "-q", "-c", "display 1"]
    from mlmcli.cli import main
    main()
import numpy
before = libc.mallinfo2().hblkhd
block = numpy.ones(500_000)
print(libc.mallinfo2().hblkhd - before)
"""


def _glibc_has_mallinfo2() -> bool:
    try:
        return hasattr(ctypes.CDLL("libc.so.6"), "mallinfo2")
    except OSError:
        return False


pytestmark = pytest.mark.skipif(not _glibc_has_mallinfo2(), reason="needs glibc >= 2.33")


def _mmapped_bytes(mode: str, **variables) -> int:
    env = {k: v for k, v in os.environ.items()
           if k not in ("MALLOC_TRIM_THRESHOLD_", "MALLOC_MMAP_THRESHOLD_", "GLIBC_TUNABLES")}
    env.update(variables, PYTHONPATH=ROOT)
    out = subprocess.run([sys.executable, "-c", _PROBE, mode], capture_output=True, text=True,
                         env=env, timeout=120, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    return int(out.stdout.split()[-1])


def test_plain_python_maps_a_4mb_array():
    assert _mmapped_bytes("python") >= 4_000_000


def test_mlm_serves_it_from_the_heap():
    assert _mmapped_bytes("mlm") == 0


def test_a_users_malloc_setting_is_left_alone():
    assert _mmapped_bytes("mlm", MALLOC_MMAP_THRESHOLD_="131072") >= 4_000_000
