"""Run one do-file K times, each in a fresh ``mlm`` process, and compare the last estimation's
e(b), e(V) and e(ll) bit for bit (docs/deterministic_output.md).

usage: python3 bench/repeat_fit_bits.py FILE.do [--repeat K] [--threads N|unset]
       [--shift] [--checkout DIR]

Each run is this script's ``--worker`` mode in a new process: the same start as ``mlm FILE.do``
(one BLAS thread unless the environment sets a count, glibc's heap settings), then the
do-file, then the estimates' bits (``float.hex``) as one JSON line.  ``--threads N`` sets
OPENBLAS_NUM_THREADS=N for the runs ("unset" removes it and the other thread variables,
so mlm's own default applies); ``--shift`` makes run i first allocate, and keep, a
16 * i-byte larger heap block, which moves the alignment of the arrays the fit allocates
later.  Printed: one line per distinct outcome with the runs that gave it, and the CPU
seconds (user + system) of the runs.
"""
from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import resource
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _worker(do_file: str, shift: int) -> int:
    keep = bytearray(4096 + 16 * shift) if shift else None  # noqa: F841 - kept alive on purpose
    from mlmcli import cli
    cli._blas_on_one_thread()
    cli._heap_keeps_freed_arrays()
    from mlmcli import session as session_module

    made = []
    original = session_module.Session

    class Recorded(original):
        def __init__(self, *a, **k):
            super().__init__(*a, **k)
            made.append(self)

    session_module.Session = Recorded
    printed = io.StringIO()
    real_stdout, sys.stdout = sys.stdout, printed
    try:
        rc = cli.main(["-q", do_file])
    finally:
        sys.stdout = real_stdout
    e = made[0].e
    out = {"rc": rc,
           "b": [float(v).hex() for v in e.matrices["b"].values.ravel()],
           "V": [float(v).hex() for v in e.matrices["V"].values.ravel()],
           "ll": float(e.scalars["ll"]).hex(),
           "printed": hashlib.sha256(printed.getvalue().encode()).hexdigest()[:12]}
    print(json.dumps(out))
    return 0


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("do_file")
    ap.add_argument("--repeat", type=int, default=12)
    ap.add_argument("--threads", default=None, help="OPENBLAS_NUM_THREADS for the runs, or 'unset'")
    ap.add_argument("--shift", action="store_true")
    ap.add_argument("--checkout", type=Path, default=ROOT)
    ap.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--shift-by", type=int, default=0, help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.worker:
        return _worker(a.do_file, a.shift_by)
    env = dict(os.environ, PYTHONPATH=str(a.checkout))
    if a.threads is not None:
        for name in ("OPENBLAS_NUM_THREADS", "GOTO_NUM_THREADS", "OMP_NUM_THREADS"):
            env.pop(name, None)
        if a.threads != "unset":
            env["OPENBLAS_NUM_THREADS"] = a.threads
    outcomes: dict[str, list[int]] = defaultdict(list)
    first: dict[str, dict] = {}
    cpu = []
    for i in range(a.repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        cmd = [sys.executable, __file__, a.do_file, "--worker", "--shift-by", str(i if a.shift else 0)]
        res = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
        line = res.stdout.strip().splitlines()[-1] if res.stdout.strip() else res.stderr[-500:]
        key = hashlib.sha256(line.encode()).hexdigest()[:12]
        outcomes[key].append(i)
        first.setdefault(key, json.loads(line) if line.startswith("{") else {"error": line})
        print(f"run {i:2d}: outcome {key}  cpu {cpu[-1]:.2f} s", flush=True)
    print(f"{len(outcomes)} distinct outcome(s); cpu median {sorted(cpu)[len(cpu) // 2]:.2f} s")
    for key, runs in outcomes.items():
        o = first[key]
        print(f"  {key}: runs {runs}  ll {o.get('ll')}  b[0] {o.get('b', ['-'])[0]}  printed {o.get('printed')}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
