"""Start-up time of `mlm -c 'display 1'` (median of several runs), and what it imports.

Run: python bench/startup.py [runs]
"""
from __future__ import annotations

import statistics
import subprocess
import sys
import time


def once(cmd: list[str]) -> float:
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True)
    return time.perf_counter() - t0


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 9
    mlm = [sys.executable, "-m", "mlmcli", "-q", "-c", "display 1"]
    bare = [sys.executable, "-c", "pass"]
    once(mlm)  # warm the OS file cache (and the private grammar cache when the shipped tables are stale)
    t_mlm = statistics.median(once(mlm) for _ in range(runs))
    t_bare = statistics.median(once(bare) for _ in range(runs))
    probe = subprocess.run(
        [sys.executable, "-c",
         "import sys; from mlmcli.cli import main; main(['-q', '-c', 'display 1']); "
         "print(' '.join(m for m in ('pandas', 'scipy', 'lark', 'numpy', 'matplotlib') if m in sys.modules))"],
        capture_output=True, text=True, check=True)
    loaded = probe.stdout.split("\n", 1)[1].strip()
    print(f"mlm -c 'display 1': median {t_mlm * 1000:.0f} ms over {runs} runs "
          f"(bare python: {t_bare * 1000:.0f} ms; mlm's own share: {(t_mlm - t_bare) * 1000:.0f} ms)")
    print(f"heavy modules loaded: {loaded or 'none'}")


if __name__ == "__main__":
    main()
