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


ECLASS = """program define myreg, eclass
  quietly regress y x
  tempname b V
  matrix `b' = e(b)
  matrix `V' = e(V)
  ereturn post `b' `V'
end"""


def _xy(n=30, seed=11):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=n)
    return pd.DataFrame({"x": x, "y": 1.0 + 0.5 * x + rng.normal(size=n)})


def test_bootstrap_b_runs_an_eclass_user_program(new_session, run, tmp_path):
    # was "myreg command not found" r(111): the _b form looked the command up in the registry
    df = _xy()
    s = new_session(df)
    saved = tmp_path / "reps.dta"
    out, rc = run(s, ECLASS + f'\nbootstrap, reps(40) seed(7) saving("{saved}"): myreg')
    assert rc == 0, out
    X = np.column_stack([df.x, np.ones(len(df))])
    ols = np.linalg.lstsq(X, df.y.to_numpy(), rcond=None)[0]
    assert np.allclose(s.e.matrices["b"].values[0], ols, atol=1e-10)
    # bootstrap.ado: V is the replicates' covariance; e(N) the rows resampled, e(cmd) bootstrap
    reps = pd.read_stata(saved)
    B = reps[["_bs_1", "_bs_2"]].to_numpy(float)
    assert np.allclose(s.e.matrices["V"].values, np.cov(B, rowvar=False, ddof=1), rtol=1e-9)
    assert s.e.scalars["N"] == 30 and s.e.scalars["N_reps"] == 40
    assert s.e.macros["cmd"] == "bootstrap" and s.e.macros["cmdname"] == "myreg"
    # _resample_warn: the program sets no e(sample); wrapped as Stata's features page shows it
    assert "Warning:  Because myreg is not an estimation command or does not set\n" \
           "          e(sample), bootstrap has no way to determine which observations are\n" in out
    assert "command:  myreg" in out


def test_bootstrap_nowarn_and_jackknife_b_of_a_user_program(new_session, run):
    df = _xy(n=12, seed=4)
    s = new_session(df)
    out, rc = run(s, ECLASS + "\nbootstrap _b, reps(5) seed(1) nowarn nodots: myreg")
    assert rc == 0 and "Warning" not in out, out
    out, rc = run(s, "jackknife, nodots: myreg")
    assert rc == 0 and "Warning" not in out, out  # jackknife.ado ignores s(diwarn)
    # the jackknife variance from first principles: leave-one-out OLS fits
    X = np.column_stack([df.x, np.ones(len(df))])
    y = df.y.to_numpy()
    loo = np.array([np.linalg.lstsq(np.delete(X, i, 0), np.delete(y, i), rcond=None)[0] for i in range(len(y))])
    n = len(y)
    V = (n - 1) / n * (loo - loo.mean(0)).T @ (loo - loo.mean(0))
    assert np.allclose(s.e.matrices["V"].values, V, rtol=1e-9)


def test_an_unknown_command_under_b_still_fails(new_session, run):
    s = new_session(pd.DataFrame({"x": [1.0, 2.0, 3.0]}))
    out, rc = run(s, "bootstrap, reps(2) nodots: nosuchprog", stop_on_error=False)
    assert rc == 111 and "nosuchprog command not found" in out, out


def test_a_program_that_sets_esample_resamples_those_rows_without_the_warning(new_session, run):
    df = _xy(n=30, seed=5)
    df.loc[:4, "y"] = np.nan
    s = new_session(df)
    program = ECLASS.replace("  matrix `V' = e(V)\n  ereturn post `b' `V'",
                             "  matrix `V' = e(V)\n  tempvar touse\n  gen byte `touse' = e(sample)\n"
                             "  ereturn post `b' `V', esample(`touse')")
    out, rc = run(s, program + "\nbootstrap, reps(10) seed(2) nodots: myreg")
    assert rc == 0, out
    assert "Warning" not in out and s.e.scalars["N"] == 25  # _prefix_check4esample: keep if e(sample)
