"""Replay a glmm fit's likelihood evaluations: the engine's per-evaluation cost, and whether a
change keeps every value to the bit.

usage: PYTHONPATH=CHECKOUT python3 bench/bench_glmm_replay95.py record FILE.do OUT.npz
           runs the do-file and keeps every ``GLMMModel.loglik`` point and value (a fit with
           one me/xtme model)
       PYTHONPATH=CHECKOUT python3 bench/bench_glmm_replay95.py replay FILE.do OUT.npz [N] [--cold]
           builds the same model (the run stops where the full model's maximisation starts),
           evaluates the first N recorded points in order from a fresh engine and prints the CPU
           per evaluation and how many values are bit-identical to the recording; ``--cold``
           also evaluates each point with no modes kept from the point before (the sensitivity
           of the values to the Newton search's warm start)

The recording is the sequence the optimiser asked for, so replaying it on another checkout
compares the engines alone, evaluation by evaluation (the optimiser is deterministic given the
values: identical values, identical fit and output).
"""
from __future__ import annotations

import contextlib
import io
import sys
import time

import numpy as np

from mlmcli import cli
from mlmcli.glmm import estimate, likelihood


class _Stop(Exception):
    pass


def record(do_file: str, out: str) -> None:
    points = []
    original = likelihood.GLMMModel.loglik

    def loglik(self, theta):
        v = original(self, theta)
        points.append((np.array(theta, float), v))
        return v

    likelihood.GLMMModel.loglik = loglik
    t = time.process_time()
    with contextlib.redirect_stdout(io.StringIO()):
        cli.main([do_file])
    print(f"{len(points)} evaluations, cpu {time.process_time() - t:.2f} s")
    np.savez(out, thetas=np.array([p[0] for p in points]), values=np.array([p[1] for p in points]))


def build_model(do_file: str):
    held = {}
    init = likelihood.GLMMModel.__init__

    def keep(self, *a, **k):
        init(self, *a, **k)
        held["model"] = self

    def stop(*a, **k):
        raise _Stop

    likelihood.GLMMModel.__init__ = keep
    estimate.maximize = stop
    with contextlib.redirect_stdout(io.StringIO()):
        try:
            cli.main([do_file])
        except _Stop:
            pass
    model = held["model"]
    model.engine.last_modes = None  # as the recording's engine started
    model.engine.cache.clear()
    return model


def replay(do_file: str, npz: str, n: int | None, cold: bool) -> None:
    model = build_model(do_file)
    data = np.load(npz)
    thetas, values = data["thetas"][:n], data["values"][:n]
    t = time.process_time()
    got = np.array([model.loglik(x) for x in thetas])
    dt = time.process_time() - t
    same = int(np.sum(got.view(np.int64) == values.view(np.int64)))
    print(f"replayed {len(got)}: cpu {dt:.2f} s ({1e3 * dt / len(got):.3f} ms per evaluation); "
          f"bit-identical {same}/{len(got)}; largest difference {np.max(np.abs(got - values)):.3g}")
    if cold:
        out = []
        for x in thetas:
            model.engine.last_modes = None
            out.append(model.loglik(x))
        out = np.array(out)
        same = int(np.sum(out.view(np.int64) == values.view(np.int64)))
        rel = np.abs(out - values) / np.abs(values)
        print(f"cold starts: bit-identical {same}/{len(out)}; largest relative difference {rel.max():.3g}")


def main(argv: list[str]) -> int:
    if len(argv) >= 3 and argv[0] == "record":
        record(argv[1], argv[2])
        return 0
    if len(argv) >= 3 and argv[0] == "replay":
        rest = [a for a in argv[3:] if a != "--cold"]
        replay(argv[1], argv[2], int(rest[0]) if rest else None, "--cold" in argv)
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
