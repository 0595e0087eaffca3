"""Where a pytest run's time went, from its --junitxml file: seconds per test file, per test
function (its parametrized cases summed) and per test.

    python3 bench/test_times.py run.xml [--top 40] [--files-only]

Under `make test` (--dist loadfile) a whole file runs on one worker, so a file's sum bounds the
wall time from below; the total over two workers (plus each worker's collection) is the rest.
"""
from __future__ import annotations

import argparse
import re
import xml.etree.ElementTree as ET
from collections import defaultdict


def cases(path: str):
    """(file, function, test id, seconds) of every test case in the junit file."""
    for case in ET.parse(path).getroot().iter("testcase"):
        classname = case.get("classname", "")
        name = case.get("name", "")
        parts = classname.split(".")
        file = "/".join(parts[: next((i for i, p in enumerate(parts) if p.startswith("test_")), len(parts) - 1) + 1]) + ".py"
        function = re.sub(r"\[.*\]$", "", name)
        yield file, f"{classname}::{function}", f"{classname}::{name}", float(case.get("time", 0) or 0)


def main(argv=None) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("xml")
    ap.add_argument("--top", type=int, default=40)
    args = ap.parse_args(argv)
    per_file: dict[str, float] = defaultdict(float)
    per_file_n: dict[str, int] = defaultdict(int)
    per_function: dict[str, float] = defaultdict(float)
    per_function_n: dict[str, int] = defaultdict(int)
    tests = []
    for file, function, test, seconds in cases(args.xml):
        per_file[file] += seconds
        per_file_n[file] += 1
        per_function[function] += seconds
        per_function_n[function] += 1
        tests.append((seconds, test))
    total = sum(per_file.values())
    print(f"{len(tests)} tests, {len(per_file)} files, {total:.0f} s of test time in all\n")
    print("== files")
    for file in sorted(per_file, key=per_file.get, reverse=True)[: args.top]:
        print(f"{per_file[file]:8.1f} {per_file_n[file]:5d}  {file}")
    print("\n== test functions (cases summed)")
    for fn in sorted(per_function, key=per_function.get, reverse=True)[: args.top]:
        print(f"{per_function[fn]:8.1f} {per_function_n[fn]:5d}  {fn}")
    print("\n== tests")
    for seconds, test in sorted(tests, reverse=True)[: args.top]:
        print(f"{seconds:8.1f}  {test}")
    bands = [(0, 0.1), (0.1, 0.5), (0.5, 2), (2, 10), (10, 1e9)]
    print("\n== bands")
    for lo, hi in bands:
        sel = [s for s, _ in tests if lo <= s < hi]
        print(f"{lo:>5}-{hi:<5} {len(sel):6d} tests {sum(sel):8.1f} s")


if __name__ == "__main__":
    main()
