"""Whole `mlm` processes with one or more BLAS threads, alone and two at once.

    python3 bench/bench_blas_threads.py [--cases handout,hsb,crossed,regress] [--repeat K]
                                        [--threads default,1,2] [--pairs] [--json FILE]

Each case is a do-file run as `python -m mlmcli -q FILE` from a scratch folder.  A thread
setting is the environment the process starts with: ``default`` sets no thread variable
(mlm then runs BLAS on one thread), ``N`` sets OPENBLAS_NUM_THREADS=N, which mlm honours
everywhere, in its engines too (c(processors) = N).  The settings take turns (A B A B ...);
each figure is the median over K runs of the wall clock, the CPU seconds (user + system)
and the peak RSS of the child (``os.wait4``).  With ``--pairs`` each setting is also timed
as two identical processes started together (a shell loop with ``&``, make -j2): the pair's
wall clock (until both end) and CPU seconds (both).  The printed output of every setting is
compared with the default's (the numbers must not depend on the thread count at the printed
precision).

Cases (data made once in --datadir):
- handout: samples/handout.do (the handout replay: 14 `mixed` fits, OLS, statsby, graphs);
- hsb: samples/hsb.do (the reference fits of the hsb data, random intercepts and slopes);
- crossed: `mixed y x || _all: R.a || _all: R.b` on 100,000 rows, 4,000 x 1,000 crossed
  levels (a dense 1,000 x 1,000 Schur complement factored at every deviance evaluation);
- regress: `regress y x1-x8` and `regress ..., vce(robust)` on 1,000,000 generated rows.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)

from bench_whole import compile_package, make_crossed  # noqa: E402

THREAD_VARIABLES = ("OPENBLAS_NUM_THREADS", "GOTO_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")

REGRESS_DO = """\
clear
set obs 1000000
set seed 12345
forvalues j = 1/8 {
    generate double x`j' = rnormal()
}
generate double y = 1 + 0.5*x1 - 0.25*x2 + 0.1*x8 + rnormal()
regress y x1-x8
regress y x1-x8, vce(robust)
"""


def scratch_folders(datadir: str) -> list[str]:
    """Two folders to run in (one for each process of a pair: the do-files write files), each
    with ``samples`` linked to the project's (the sample do-files read samples/data/...)."""
    folders = []
    for k in range(2):
        folder = os.path.join(datadir, f"run{k}")
        os.makedirs(folder, exist_ok=True)
        link = os.path.join(folder, "samples")
        if not os.path.islink(link):
            os.symlink(os.path.join(ROOT, "samples"), link)
        folders.append(folder)
    return folders


def case_files(datadir: str) -> dict[str, str]:
    """case -> do-file."""
    crossed = os.path.join(datadir, "crossed.dta")
    if not os.path.exists(crossed):
        make_crossed(crossed, 100_000, 4_000, 1_000)
    files = {"crossed.do": f'use "{crossed}", clear\nmixed y x || _all: R.a || _all: R.b\n',
             "regress.do": REGRESS_DO}
    for name, text in files.items():
        with open(os.path.join(datadir, name), "w") as fh:
            fh.write(text)
    return {"handout": "samples/handout.do", "hsb": "samples/hsb.do",
            "crossed": os.path.join(datadir, "crossed.do"),
            "regress": os.path.join(datadir, "regress.do")}


def environment(setting: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in THREAD_VARIABLES}
    env["PYTHONPATH"] = ROOT
    if setting != "default":
        env["OPENBLAS_NUM_THREADS"] = setting
    return env


def start(dofile: str, cwd: str, setting: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "mlmcli", "-q", dofile], cwd=cwd,
                            env=environment(setting), stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)


def finish(p: subprocess.Popen) -> tuple[float, float, str]:
    """(CPU seconds, peak RSS MiB, output) of a started child."""
    out = p.stdout.read()
    _, status, usage = os.wait4(p.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{p.args} failed:\n{out[-2000:]}")
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024.0, out


def run_alone(dofile, folders, setting):
    t0 = time.perf_counter()
    cpu, rss, out = finish(start(dofile, folders[0], setting))
    return time.perf_counter() - t0, cpu, rss, out


def run_pair(dofile, folders, setting):
    t0 = time.perf_counter()
    procs = [start(dofile, folder, setting) for folder in folders]
    results = [finish(p) for p in procs]
    return time.perf_counter() - t0, sum(r[0] for r in results), max(r[1] for r in results), results[0][2]


def without_timings(out: str) -> str:
    """The output less the lines that hold times or dates (graph files, timers)."""
    return "\n".join(line for line in out.splitlines() if "time" not in line.lower())


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", default="handout,hsb,crossed,regress")
    ap.add_argument("--threads", default="default,2")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--pairs", action="store_true")
    ap.add_argument("--datadir", default="/tmp/mlm_bench_threads")
    ap.add_argument("--json", help="write the medians here")
    a = ap.parse_args(argv)
    os.makedirs(a.datadir, exist_ok=True)
    compile_package(f"{sys.executable} -m mlmcli")
    files = case_files(a.datadir)
    folders = scratch_folders(a.datadir)
    settings = a.threads.split(",")
    modes = [("alone", run_alone)] + ([("pair", run_pair)] if a.pairs else [])
    report = {"load_before": os.getloadavg(), "repeat": a.repeat, "rows": []}
    print(f"load average {os.getloadavg()[0]:.2f}; medians of {a.repeat}; wall / CPU s / peak MiB")
    for case in a.cases.split(","):
        dofile = files[case]
        for mode, run in modes:
            runs = {s: [] for s in settings}
            outputs = {}
            run(dofile, folders, settings[0])  # warm-up (caches, the grammar)
            for _ in range(a.repeat):
                for s in settings:
                    wall, cpu, rss, out = run(dofile, folders, s)
                    runs[s].append((wall, cpu, rss))
                    outputs[s] = without_timings(out)
            base = statistics.median(r[0] for r in runs[settings[0]])
            for s in settings:
                wall, cpu, rss = (statistics.median(r[i] for r in runs[s]) for i in range(3))
                same = outputs[s] == outputs[settings[0]]
                row = dict(case=case, mode=mode, threads=s, wall=round(wall, 3), cpu=round(cpu, 3),
                           peak_mib=round(rss, 1), wall_ratio=round(wall / base, 3),
                           walls=[round(r[0], 3) for r in runs[s]], output_same=same)
                report["rows"].append(row)
                print(f"{case:8} {mode:5} threads={s:7} {wall:7.2f} / {cpu:7.2f} / {rss:6.1f}"
                      f"  x{wall / base:.2f} of {settings[0]}  output {'same' if same else 'DIFFERS'}",
                      flush=True)
    report["load_after"] = os.getloadavg()
    if a.json:
        with open(a.json, "w") as fh:
            json.dump(report, fh, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
