"""How much of a `make test` run's wall time is the scheduling: the finish time of two workers
replayed from a run's per-test times (--junitxml), for xdist's --dist loadfile in
tests/conftest.py's order and for a per-test scheduler (--dist load / worksteal, ideal: no
module fixture paid twice), against the perfect split (the tests' sum / workers).

    python3 bench/schedule_sim.py run.xml [--workers 2] [--collect 15]

--collect: seconds each worker spends collecting before its first test (added to every figure).
The replay follows xdist 3.8's loadscope scheduler: each worker starts with one file, takes
the next file in the queue when it has 2 or fewer of its tests left to run (so a worker can hold
a queued file while it runs a long test), files in the queue in conftest's order (the files of
tests/slowest_files.txt largest first, then by test count).
"""
from __future__ import annotations

import argparse
import heapq
import sys
from collections import OrderedDict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_times import cases  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def conftest_order(files: dict[str, list[float]]) -> list[str]:
    known = {}
    listing = ROOT / "tests" / "slowest_files.txt"
    for line in listing.read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            seconds, name = line.split()[:2]
            known[name] = float(seconds)
    return sorted(files, key=lambda path: (-known.get(path, 0.0), -len(files[path])))


def loadfile(files: dict[str, list[float]], order: list[str], workers: int) -> list[float]:
    """Each worker's finish time under loadscope's prefetch rule (pending <= 2 -> one more file)."""
    queue = list(order)
    # per worker: a list of pending test durations (in order) and its clock
    pending: list[list[float]] = [[] for _ in range(workers)]
    clock = [0.0] * workers
    for w in range(workers):
        if queue:
            pending[w].extend(files[queue.pop(0)])
    for w in range(workers):  # "at least two work units" (#277): prefetch at once if <= 2 pending
        if queue and len(pending[w]) <= 2:
            pending[w].extend(files[queue.pop(0)])
    events = [(0.0, w) for w in range(workers)]
    heapq.heapify(events)
    while events:
        now, w = heapq.heappop(events)
        clock[w] = now
        if not pending[w]:
            continue
        took = pending[w].pop(0)
        if queue and len(pending[w]) <= 2:
            pending[w].extend(files[queue.pop(0)])
        heapq.heappush(events, (now + took, w))
    return clock


def per_test(tests: list[float], workers: int) -> list[float]:
    """A per-test scheduler, ideal: every test to the first idle worker, longest first."""
    clock = [0.0] * workers
    heapq.heapify(clock)
    for took in sorted(tests, reverse=True):
        heapq.heappush(clock, heapq.heappop(clock) + took)
    return sorted(clock)


def main(argv=None) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("xml")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--collect", type=float, default=15.0)
    args = ap.parse_args(argv)
    files: dict[str, list[float]] = OrderedDict()
    for file, _fn, _test, seconds in cases(args.xml):
        files.setdefault(file, []).append(seconds)
    total = sum(map(sum, files.values()))
    c = args.collect
    print(f"{sum(map(len, files.values()))} tests in {len(files)} files, {total:.0f} s; "
          f"{args.workers} workers, {c:.0f} s of collection each")
    print(f"  perfect split           {c + total / args.workers:8.1f} s")
    finish = loadfile(files, conftest_order(files), args.workers)
    print(f"  loadfile, conftest order {c + max(finish):8.1f} s  (workers end at {', '.join(f'{c + t:.0f}' for t in finish)})")
    by_count = sorted(files, key=lambda path: -len(files[path]))
    finish = loadfile(files, by_count, args.workers)
    print(f"  loadfile, xdist's order  {c + max(finish):8.1f} s  (by test count)")
    finish = per_test([t for ts in files.values() for t in ts], args.workers)
    print(f"  per test (load, ideal)   {c + max(finish):8.1f} s")


if __name__ == "__main__":
    main()
