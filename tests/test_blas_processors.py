"""``set processors #`` and c(processors): the BLAS threads mlm's engines use -- one unless the
user set OPENBLAS_NUM_THREADS / GOTO_NUM_THREADS / OMP_NUM_THREADS before mlm started, or
``set processors``.  Why one: bench/blas_threads.md."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from mlmcli.mixed.blas_threads import machine_processors

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# the CLI's own entry (argv from sys.argv, as `mlm` runs), then what OpenBLAS uses inside an engine
_REPORT = """
import sys
sys.argv = ["mlm", "-q", "-c", sys.argv[1]]
from mlmcli.cli import main
main()
import numpy, scipy.linalg
scipy.linalg.cho_factor(numpy.eye(3))
from mlmcli.mixed.blas_threads import _openblas_controls, engine_blas_threads
with engine_blas_threads():
    inside = {get() for get, _ in _openblas_controls()}
outside = {get() for get, _ in _openblas_controls()}
print("engine", *sorted(inside), "outside", *sorted(outside))
"""

_VARIABLES = ("OPENBLAS_NUM_THREADS", "GOTO_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


def _report(commands: str, **variables) -> list[str]:
    env = {k: v for k, v in os.environ.items() if k not in _VARIABLES}
    env.update(variables, PYTHONPATH=ROOT)
    out = subprocess.run([sys.executable, "-c", _REPORT, commands], capture_output=True, text=True,
                         env=env, timeout=120)
    assert out.returncode == 0, out.stderr
    return out.stdout.split()


def _linux_only():
    if not sys.platform.startswith("linux"):
        pytest.skip("OpenBLAS libraries are found in /proc/self/maps")


def test_one_thread_by_default():
    _linux_only()
    assert _report("display c(processors)") == ["1", "engine", "1", "outside", "1"]


def test_a_thread_count_the_user_set_is_honoured_in_the_engines_too():
    _linux_only()
    if machine_processors() < 2:
        pytest.skip("one processor")
    assert _report("display c(processors)", OMP_NUM_THREADS="2") == ["2", "engine", "2", "outside", "2"]
    # more than the machine has: capped (OpenBLAS itself starts at most one thread per core)
    n = str(machine_processors())
    assert _report("display c(processors)", OPENBLAS_NUM_THREADS="512")[:3] == [n, "engine", n]


def test_set_processors_changes_the_engines_threads_at_run_time():
    _linux_only()
    if machine_processors() < 2:
        pytest.skip("one processor")
    out = _report("display c(processors)\nset processors 2\ndisplay c(processors)")
    assert out == ["1", "2", "engine", "2", "outside", "2"]
    out = _report("set processors 1\ndisplay c(processors)", OPENBLAS_NUM_THREADS="2")
    assert out == ["1", "engine", "1", "outside", "1"]


def test_processor_counts_in_c(do):
    n = machine_processors()
    rc, out, _ = do('display c(processors_mach) " " c(processors_max) " " c(processors_lic)')
    assert rc == 0 and out == f"{n} {n} {n}\n"


@pytest.mark.parametrize("value, message", [
    ("0", "set processors: processors must be between 1 and {n}"),
    ("{n1}", "set processors: processors must be between 1 and {n}"),
    ("two", "invalid syntax"),
    ("", "invalid syntax"),
])
def test_bad_processor_counts_are_refused(do, value, message):
    n = machine_processors()
    rc, out, _ = do("set processors " + value.format(n1=n + 1))
    assert rc == 198 and out == message.format(n=n) + "\nr(198);\n"
