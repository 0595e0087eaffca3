"""bootstrap/jackknife with an exp_list run a program the user defined (``bootstrap
m=r(m), reps(5): myst``): the command after the colon need not be a registered command, it is
looked up when it runs (was "unrecognized command: myst" r(199) before the first replicate)."""
from __future__ import annotations

import numpy as np
import pandas as pd

PROGRAM = """program define myst, rclass
  quietly summarize x
  return scalar m = r(mean)
end"""


def test_bootstrap_and_jackknife_run_a_user_program(new_session, run):
    x = np.random.default_rng(3).normal(size=40)
    s = new_session(pd.DataFrame({"x": x}))
    out, rc = run(s, PROGRAM + "\nset seed 5\nbootstrap m=r(m), reps(20) nodots: myst")
    assert rc == 0, out
    assert s.e.scalars["N_reps"] == 20 and abs(s.e.matrices["b"].values[0, 0] - x.mean()) < 1e-12
    assert "command:  myst" in out
    out, rc = run(s, "jackknife m=r(m), nodots: myst")
    assert rc == 0, out
    # the jackknife SE of a mean is the usual sd/sqrt(n)
    se = float(np.sqrt(s.e.matrices["V"].values[0, 0]))
    assert abs(se - x.std(ddof=1) / np.sqrt(len(x))) < 1e-10


def test_an_unknown_command_still_fails(new_session, run):
    s = new_session(pd.DataFrame({"x": [1.0, 2.0, 3.0]}))
    out, rc = run(s, "bootstrap m=r(m), reps(2) nodots: nosuchprog", stop_on_error=False)
    assert rc == 199 and "unrecognized command" in out, out
