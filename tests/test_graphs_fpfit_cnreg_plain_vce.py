"""Plain ``cnreg ..., censored() vce(jackknife|bootstrap)`` (cnreg.ado's ``_vce_parserun``: the
prefix on the command, ``commands.estimation.vce_through_prefix``) and fpfit's cnreg band: the
band's stdp is the plain command's V at fracpoly's chosen powers (0.5, 3: the reference data of
tests/graphs_reference/fpfit_cnreg_replicates.json), the FP terms typed as variables.  Replicate
V is invariant to fracgen's centring (each replicate's MLE moves linearly with the terms)."""
from __future__ import annotations

import io
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy.stats import norm
from scipy.stats import t as student_t

from graphs_helpers import drawn, run
from mlmcli.dataset import Dataset
from mlmcli.session import Output, Session

REF = json.loads((Path(__file__).parent / "graphs_reference" / "fpfit_cnreg_replicates.json").read_text())


@pytest.fixture
def s():
    df = pd.DataFrame({k: REF[k] for k in ("y", "x", "c", "g")})
    session = Session(out=Output(io.StringIO()))
    session.data = Dataset(df=df, types={k: "double" for k in df})
    run(session, "generate double p1 = x^0.5")
    run(session, "generate double p2 = x^3")
    return session


def _plain_stdp(s, vce: str) -> tuple[np.ndarray, dict]:
    out, rc = run(s, f"cnreg y p1 p2, censored(c) vce({vce})")
    assert rc == 0, out
    V = s.e.matrices["V"].values[:3, :3]  # model:p1 p2 _cons (sigma:_cons last)
    at = np.asarray(REF["at"], float)
    D = np.column_stack([at ** 0.5, at ** 3, np.ones_like(at)])
    return np.sqrt(np.einsum("ij,jk,ik->i", D, V, D)), dict(s.e.scalars) | dict(s.e.macros) | {"out": out}


@pytest.mark.parametrize("vce, key", [("jackknife", "jackknife"), ("jackknife, mse", "jackknife_mse"),
                                      ("jackknife, cluster(g)", "jackknife_cluster")])
def test_jackknife_band_is_the_plain_commands_V_at_the_powers(s, vce, key):
    se, e = _plain_stdp(s, vce)
    assert e["vce"] == "jackknife" and e["cmdline"] == f"cnreg y p1 p2, censored(c) vce({vce})"
    assert e["df_r"] == REF[key]["df_r"]
    assert "Jackknife replications" in e["out"] and "Censored-normal regression" in e["out"]
    np.testing.assert_allclose(se, REF[key]["se"], rtol=1e-4, atol=1e-7)  # R's survreg refits
    graph, _ = drawn(s, f"twoway fpfitci y x, estcmd(cnreg) estopts(censored(c) vce({vce}))")
    band, _line = graph.panels[0].series
    q = student_t.ppf(0.975, e["df_r"])
    np.testing.assert_allclose((band.y2 - band.y) / (2 * q), se, rtol=1e-6, atol=1e-9)


def test_bootstrap_band_is_the_plain_commands_V_with_the_same_seed(s):
    se, e = _plain_stdp(s, "bootstrap, reps(40) seed(12)")
    assert e["vce"] == "bootstrap" and e["N_reps"] == 40 and e["cmd"] == "cnreg"
    assert "Bootstrap replications (40)" in e["out"] and "Normal-based" in e["out"]
    again, _ = _plain_stdp(s, "bootstrap, reps(40) seed(12)")
    np.testing.assert_allclose(se, again)  # seed(): reproducible
    graph, _ = drawn(s, "twoway fpfitci y x, estcmd(cnreg) estopts(censored(c) vce(bootstrap, reps(40) seed(12)))")
    band, _line = graph.panels[0].series
    drawn_se = (band.y2 - band.y) / (2 * norm.ppf(0.975))
    # the final fit's draws restart at seed(12) as the plain command's do: the same replicates
    np.testing.assert_allclose(drawn_se, se, rtol=1e-8)


def test_plain_errors(s):
    out, rc = run(s, "cnreg y p1, censored(c) vce(bootstrap, reps(3)) robust", stop_on_error=False)
    assert rc == 198 and "options vce() and robust may not be combined" in out
    out, rc = run(s, "cnreg y p1, censored(c) vce(jackknife, bogus)", stop_on_error=False)
    assert rc == 198 and "option bogus not allowed" in out


@pytest.mark.parametrize("typed, prefixed", [
    ("tobit y p1, ll(1) vce(jackknife)", "jackknife: tobit y p1, ll(1)"),
    ("intreg y y p1, vce(jackknife, mse)", "jackknife, mse: intreg y y p1")])
def test_tobit_and_intreg_vce_is_the_prefix(s, typed, prefixed):
    """tobit.ado and intreg.ado: _vce_parserun as cnreg's: e(V) that of the prefix typed."""
    out, rc = run(s, typed)
    assert rc == 0 and "Jackknife replications" in out, out
    V, cmdline = s.e.matrices["V"].values.copy(), s.e.macros["cmdline"]
    assert cmdline == typed
    out, rc = run(s, prefixed)
    assert rc == 0, out
    np.testing.assert_allclose(V, s.e.matrices["V"].values, rtol=1e-10)
