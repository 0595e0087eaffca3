"""The same fit gives the same bits in every process (docs/deterministic_output.md).

Each fit runs in fresh processes that differ the way separate ``mlm`` runs can: the BLAS
thread count (OPENBLAS_NUM_THREADS 1, 2, or unset so that mlm's own default applies), the
heap's layout before the fit (a kept block of a different size shifts the alignment of the
arrays the engine allocates later) and the hash seed.  e(b), e(V) and e(ll) must agree bit
for bit (``float.hex``) across the processes.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# runs in the child: look-alike data from a fixed seed, the fit, the estimates' bits as JSON
_CHILD = r"""
import io, json, sys
keep = bytearray(4096 + int(sys.argv[1]))  # heap layout: the later arrays' alignment moves
import numpy as np, pandas as pd
from mlmcli.dataset import Dataset
from mlmcli.runner import Runner
from mlmcli.session import Output, Session

rng = np.random.default_rng(11)
G, per = 24, 10
g = np.repeat(np.arange(G), per)
x = rng.normal(size=G * per)
eta = -0.3 + 0.8 * x + rng.normal(0.0, 1.2, G)[g] + rng.normal(0.0, 0.5, G)[g] * x
y = (eta + rng.logistic(size=eta.size) > 0).astype(float)
yc = eta + rng.normal(size=eta.size)
session = Session(out=Output(io.StringIO()))
session.data = Dataset(df=pd.DataFrame({"y": y, "yc": yc, "x": x, "c": g + 1.0}))
rc = Runner(session).run_text(sys.argv[2])
e = session.e
print(json.dumps({"rc": rc, "b": [float(v).hex() for v in e.matrices["b"].values.ravel()],
                  "V": [float(v).hex() for v in e.matrices["V"].values.ravel()],
                  "ll": float(e.scalars["ll"]).hex()}))
"""

# (OPENBLAS_NUM_THREADS or None for unset, heap shift in bytes, PYTHONHASHSEED)
_PROCESSES = [("1", 0, "0"), ("2", 16, "1"), (None, 48, "2")]


def _bits(command: str, threads: str | None, shift: int, hash_seed: str) -> dict:
    env = {k: v for k, v in os.environ.items()
           if k not in ("OPENBLAS_NUM_THREADS", "GOTO_NUM_THREADS", "OMP_NUM_THREADS")}
    env.update(PYTHONPATH=str(ROOT), PYTHONHASHSEED=hash_seed)
    if threads is not None:
        env["OPENBLAS_NUM_THREADS"] = threads
    done = subprocess.run([sys.executable, "-c", _CHILD, str(shift), command], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    out = json.loads(done.stdout.strip().splitlines()[-1])
    assert out["rc"] == 0
    return out


@pytest.mark.parametrize("command", [
    "quietly melogit y x || c: x, cov(un)",
    "quietly mixed yc x || c: x, cov(un) ml",
])
def test_same_bits_in_every_process(command):
    runs = [_bits(command, *p) for p in _PROCESSES]
    first = runs[0]
    assert len(first["b"]) >= 4 and len(first["V"]) == len(first["b"]) ** 2
    for other, process in zip(runs[1:], _PROCESSES[1:]):
        for key in ("b", "V", "ll"):
            assert other[key] == first[key], (command, key, process)
