"""Start-up time of `mlm -c 'display 1'` (median of several runs: wall clock, and CPU
seconds of the child, user + system, which a loaded machine inflates less), and what it imports.

Run: python bench/startup.py [runs]
"""
from __future__ import annotations

import resource
import statistics
import subprocess
import sys
import time


def once(cmd: list[str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the child)."""
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True)
    wall = time.perf_counter() - t0
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)


def medians(cmd: list[str], runs: int) -> tuple[float, float]:
    xs = [once(cmd) for _ in range(runs)]
    return statistics.median(x[0] for x in xs), statistics.median(x[1] for x in xs)


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 9
    mlm = [sys.executable, "-m", "mlmcli", "-q", "-c", "display 1"]
    bare = [sys.executable, "-c", "pass"]
    # byte-compile the package as an installed one is (PYTHONDONTWRITEBYTECODE may be set),
    # then warm the Lark grammar caches and the OS file cache
    where = subprocess.run([sys.executable, "-c", "import mlmcli, os; print(os.path.dirname(mlmcli.__file__))"],
                           capture_output=True, text=True, check=True).stdout.strip()
    subprocess.run([sys.executable, "-m", "compileall", "-q", where], check=True)
    once(mlm)
    t_mlm, c_mlm = medians(mlm, runs)
    t_bare, c_bare = medians(bare, runs)
    probe = subprocess.run(
        [sys.executable, "-c",
         "import sys; from mlmcli.cli import main; main(['-q', '-c', 'display 1']); "
         "print(' '.join(m for m in ('pandas', 'scipy', 'lark', 'numpy', 'matplotlib') if m in sys.modules))"],
        capture_output=True, text=True, check=True)
    loaded = probe.stdout.split("\n", 1)[1].strip()
    print(f"mlm -c 'display 1': median {t_mlm * 1000:.0f} ms over {runs} runs "
          f"(bare python: {t_bare * 1000:.0f} ms; mlm's own share: {(t_mlm - t_bare) * 1000:.0f} ms)")
    print(f"CPU (user + system): mlm {c_mlm * 1000:.0f} ms, bare python {c_bare * 1000:.0f} ms")
    print(f"heavy modules loaded: {loaded or 'none'}")


if __name__ == "__main__":
    main()
