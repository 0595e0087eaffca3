"""Run every benchmark in bench/ in turn (what `make bench` calls).

Each benchmark prints its own figures; bench/README.md records them.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

BENCHMARKS = [
    ["startup.py"],
    ["handout_time.py"],
    ["bench_mixed.py"],
    ["bench_blas_threads.py", "--pairs"],
]


def main() -> int:
    status = 0
    for script, *args in BENCHMARKS:
        print(f"== {script} {' '.join(args)}".rstrip(), flush=True)
        status |= subprocess.run([sys.executable, str(HERE / script), *args]).returncode
    return status


if __name__ == "__main__":
    sys.exit(main())
