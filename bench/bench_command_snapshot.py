"""The cost of the runner's data transaction (each command's copy of the data to put back when
it fails) on loops of cheap commands over large data (docs/command_snapshot.md).

    python3 bench/bench_command_snapshot.py --write DIR [--rows 200000] [--cols 30] [--lines 5000]
    python3 bench/bench_command_snapshot.py --profile DIR/lines.do [--top 30]

``--write`` puts in DIR: ``data.dta`` (ROWS x COLS doubles x1..xCOLS, an id and a group g),
``lines.do`` (``use``, then LINES cheap data lines, round-robin: replace, generate/drop, label
variable, format, notes, summarize, count, a scalar, a local, sort) and ``loop.do``
(``use``, then a forvalues loop of replace/generate/drop).  Time whole processes with
farm-bench, the new tree against an old one:

    farm-bench -n 5 --vs "env PYTHONPATH=OLD python3 -m mlmcli -q DIR/lines.do" \\
        -- env PYTHONPATH=NEW python3 -m mlmcli -q DIR/lines.do

``--profile`` runs a do-file in this process under cProfile (CPU clock) and prints the
functions by cumulative and own time.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

LINE_KINDS = (
    "replace x{a} = x{a} + 1",
    "generate double t{k} = x{a} * 2",
    "drop t{k}",
    'label variable x{a} "column {a}, line {k}"',
    "format x{a} %9.3f",
    "replace x{a} = 0 if g == {g}",
    "count if x{a} > 0.5",
    "summarize x{a}, meanonly",
    "local m = r(mean)",
    "scalar s = {k}",
    "notes x{a}: line {k}",
    "sort g",
)


def write(directory: Path, rows: int, cols: int, lines: int) -> None:
    import numpy as np
    import pandas as pd

    from mlmcli.dataset import Dataset
    from mlmcli.dta import write_dta

    directory.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(100)
    frame = pd.DataFrame({f"x{j}": rng.uniform(size=rows) for j in range(1, cols + 1)})
    frame.insert(0, "id", np.arange(1, rows + 1, dtype=float))
    frame.insert(1, "g", np.floor(rng.uniform(size=rows) * 50))
    data = Dataset(df=frame, types={"id": "long", "g": "byte", **{f"x{j}": "double" for j in range(1, cols + 1)}})
    write_dta(data, directory / "data.dta")
    use = f'use "{directory / "data.dta"}", clear\n'
    body = []
    for k in range(lines):
        kind = LINE_KINDS[k % len(LINE_KINDS)]
        body.append(kind.format(a=k % cols + 1, k=k // len(LINE_KINDS), g=k % 50))
    (directory / "lines.do").write_text(use + "quietly {\n" + "\n".join(body) + "\n}\n")
    loop = ("forvalues i = 1/1000 {\n"
            "    quietly replace x1 = x2 * `i'\n"
            "    quietly generate double t = x3 + `i'\n"
            "    quietly replace t = 0 if g == 3\n"
            "    drop t\n"
            "}\n")
    (directory / "loop.do").write_text(use + loop)
    print(f"wrote {directory}/data.dta ({rows} x {cols + 2}), lines.do ({lines} lines), loop.do")


def profile(dofile: Path, top: int) -> None:
    import cProfile
    import io
    import pstats
    import time

    from mlmcli.runner import Runner
    from mlmcli.session import Output, Session

    session = Session(out=Output(io.StringIO()))
    prof = cProfile.Profile(time.process_time)
    t0 = time.process_time()
    prof.enable()
    rc = Runner(session).run_text(dofile.read_text(), echo=False)
    prof.disable()
    print(f"rc {rc}, {time.process_time() - t0:.2f} s CPU under the profiler")
    pstats.Stats(prof).sort_stats("cumulative").print_stats(top)
    pstats.Stats(prof).sort_stats("tottime").print_stats(top)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--write", type=Path)
    parser.add_argument("--profile", type=Path)
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--cols", type=int, default=30)
    parser.add_argument("--lines", type=int, default=5_000)
    parser.add_argument("--top", type=int, default=30)
    args = parser.parse_args()
    if args.write:
        write(args.write, args.rows, args.cols, args.lines)
    elif args.profile:
        profile(args.profile, args.top)
    else:
        parser.print_help()
        sys.exit(2)


if __name__ == "__main__":
    main()
