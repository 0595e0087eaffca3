"""CPU time of user programs run many times (docs/program_speed.md): an ml lf evaluator fit
([R] ml's probit, 80 rows), `simulate` of a small program, a forvalues loop of
generate/replace/summarize, and an ml d0 evaluator (tempvar/tempname every call).

Run: PYTHONPATH=. python bench/bench_program_speed.py [repeats] [--profile NAME]
Each run starts with the parse and compile caches empty, as a new process has them (the
grammar tables already loaded), so a line reparsed because its temporary names changed costs
what it costs in a user's first fit.  Prints, per workload, the best-of-repeats process CPU seconds and, for the ml fits, the number
of program calls (the evaluator's, simulate's) and the CPU per call.
"""
from __future__ import annotations

import io
import sys
import time

import numpy as np
import pandas as pd

from tests.ml_programs import NORMAL_D0, PROBIT_LF  # [R] ml's probit lf and normal d0 evaluators

SIMULATE = """
capture program drop onemean
program define onemean, rclass
    drop _all
    quietly set obs 30
    tempvar u
    generate `u' = rnormal()
    summarize `u'
    return scalar mean = r(mean)
end
set seed 12345
simulate m = r(mean), reps(200) nodots: onemean
"""
LOOP = """
forvalues i = 1/300 {
    quietly generate double t = x1 * `i'
    quietly replace t = t + x2 if y == 1
    quietly summarize t
    local s = r(mean)
    drop t
}
"""


def data() -> pd.DataFrame:
    rng = np.random.default_rng(8807)
    n = 80
    x1, x2 = rng.normal(size=n), rng.uniform(0, 3, size=n)
    return pd.DataFrame({"x1": x1, "x2": x2,
                         "y": (0.3 + 0.8 * x1 - 0.4 * x2 + rng.normal(size=n) > 0).astype(float),
                         "z": 1 + x1 + rng.normal(size=n)})


WORKLOADS = {
    "ml_lf": PROBIT_LF + "ml model lf myprobit (y = x1 x2), maximize nolog",
    "ml_d0": NORMAL_D0 + "ml model d0 mynormal_d0 (z = x1 x2) /lnsigma, maximize nolog",
    "simulate": SIMULATE,
    "loop": LOOP,
}


def run_once(name: str) -> tuple[float, int, str]:
    from mlmcli.dataset import Dataset
    from mlmcli.runner import Runner
    from mlmcli.session import Output, Session

    from mlmcli.expr.compiler import compile_expression, parse_expression
    from mlmcli.parser import parse_command

    for cache in (parse_command, parse_expression, compile_expression):  # a fit in a new process
        cache.cache_clear()
    session = Session(out=Output(io.StringIO()))
    session.data = Dataset(df=data())
    import mlmcli.program_calls as program_calls

    calls = 0
    real_call = program_calls.call_program

    def counted(*a, **k):  # the runner imports call_program from mlmcli.program_calls at each call
        nonlocal calls
        calls += 1
        return real_call(*a, **k)

    program_calls.call_program = counted
    try:
        t0 = time.process_time()
        rc = Runner(session).run_text(WORKLOADS[name], echo=False)
        cpu = time.process_time() - t0
    finally:
        program_calls.call_program = real_call
    if rc:
        raise SystemExit(f"{name}: rc {rc}\n{session.out.stream.getvalue()}")
    ll = session.e.scalars.get("ll") if name.startswith("ml") else None
    return cpu, calls, "" if ll is None else f"ll={ll:.10f}"


def main() -> None:
    args = sys.argv[1:]
    if "--profile" in args:
        import cProfile
        import pstats

        name = args[args.index("--profile") + 1]
        run_once(name)  # warm: imports, grammar
        prof = cProfile.Profile()
        prof.runcall(run_once, name)
        pstats.Stats(prof).sort_stats("cumulative").print_stats(45)
        pstats.Stats(prof).sort_stats("tottime").print_stats(25)
        return
    repeats = int(args[0]) if args else 3
    for name in WORKLOADS:
        run_once(name)  # warm: imports, grammar tables, first-use caches
        runs = [run_once(name) for _ in range(repeats)]
        cpu = min(r[0] for r in runs)
        calls, extra = runs[0][1], runs[0][2]
        per = f"  {1000 * cpu / calls:6.2f} ms/call ({calls} calls)" if calls else ""
        print(f"{name:9s} {cpu:7.3f} s CPU{per}  {extra}")


if __name__ == "__main__":
    main()
