"""pytest plugin: which commands a test file runs more than once on the same data -- the
fits a module-scoped fixture could share.

    PYTHONPATH=.:bench python3 -m pytest -p repeated_commands -p no:cacheprovider -q \
        -o addopts="" tests/test_x.py tests/test_y.py
    python3 bench/repeated_commands.py /tmp/repeated_commands.jsonl [--min 0.3]

Every top-level command (mlmcli.runner.Runner.execute, not the commands inside programs or
loops) is logged with its test, its seconds and a fingerprint of the data in memory (names,
observations and column sums) to $REPEATED_COMMANDS_LOG (/tmp/repeated_commands.jsonl).
The report lists, per file, the commands run more than once on the same data and the seconds
the repeats took.
"""
from __future__ import annotations

import json
import os
import re
import sys
import time
from collections import defaultdict

LOG = os.environ.get("REPEATED_COMMANDS_LOG", "/tmp/repeated_commands.jsonl")
_current = {"test": ""}
_depth = [0]


def _fingerprint(session) -> str:
    import numpy as np

    data = getattr(session, "data", None)
    df = getattr(data, "df", None)
    if df is None:
        return "-"
    parts = [str(len(df)), ",".join(map(str, df.columns))]
    for column in df.columns:
        values = df[column].to_numpy()
        if values.dtype.kind in "fiub":
            parts.append(repr(float(np.nansum(values.astype(float)))))
        else:
            parts.append(str(hash(tuple(map(str, values[:50])))))
    return str(hash("|".join(parts)))


def pytest_configure(config):
    from mlmcli.runner import Runner

    original = Runner.execute
    out = open(LOG, "a")

    def execute(self, text):
        _depth[0] += 1
        try:
            if _depth[0] > 1:
                return original(self, text)
            key = _fingerprint(self.session)
            start = time.perf_counter()
            try:
                return original(self, text)
            finally:
                took = time.perf_counter() - start
                if took > 0.05:
                    text_key = re.sub(r"/tmp/\S*/", "TMP/", text.strip())  # tmp_path differs per test
                    out.write(json.dumps({"test": _current["test"], "text": text_key, "data": key,
                                          "seconds": round(took, 3)}) + "\n")
                    out.flush()
        finally:
            _depth[0] -= 1

    Runner.execute = execute


def pytest_runtest_setup(item):
    _current["test"] = item.nodeid


def report(path: str, minimum: float) -> None:
    by_file: dict[str, dict[tuple, list]] = defaultdict(lambda: defaultdict(list))
    for line in open(path):
        row = json.loads(line)
        file = row["test"].split("::")[0]
        by_file[file][(row["text"], row["data"])].append((row["seconds"], row["test"]))
    totals = []
    for file, keys in by_file.items():
        repeats = [(sum(s for s, _ in runs[1:]), text, runs) for (text, _), runs in keys.items() if len(runs) > 1]
        totals.append((sum(r[0] for r in repeats), file, sorted(repeats, reverse=True)))
    for total, file, repeats in sorted(totals, reverse=True):
        if total < minimum:
            continue
        print(f"\n{total:7.1f} s repeated  {file}")
        for seconds, text, runs in repeats[:8]:
            if seconds >= minimum / 4:
                tests = sorted({t.split("::", 1)[1][:50] for _, t in runs})
                print(f"   {seconds:6.1f} s  x{len(runs)}  {text[:90]!r}  in {len(tests)} tests: {', '.join(tests)[:150]}")


if __name__ == "__main__":
    import argparse

    ap = argparse.ArgumentParser()
    ap.add_argument("log", nargs="?", default=LOG)
    ap.add_argument("--min", type=float, default=0.3)
    args = ap.parse_args()
    report(args.log, args.min)
