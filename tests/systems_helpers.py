"""Shared by the tests of sureg, mvreg, reg3, manova and mvtest: the data of
tests/systems_reference (systems_data.csv, made once by a seeded generator) and the fit helpers."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).parent / "systems_reference"
DATA = pd.read_csv(HERE / "systems_data.csv").astype(float)


def reference(name: str) -> dict:
    """One of the R scripts' JSON outputs."""
    return json.loads((HERE / f"{name}.json").read_text())


def run_ok(do, text, data=DATA):
    """(printed, session) of ``text`` over a copy of ``data``, which must run without error."""
    rc, printed, s = do(text, data.copy())
    assert rc == 0, printed
    return printed, s


def check_b_V(s, ref, rtol=1e-8):
    """e(b) and e(V) against a reference's b and V."""
    np.testing.assert_allclose(s.e.matrices["b"].values.ravel(), ref["b"], rtol=rtol)
    np.testing.assert_allclose(s.e.matrices["V"].values, np.array(ref["V"]), rtol=rtol, atol=1e-14)


def check_error(do, text, rc, message, setup=""):
    """``text`` fails with Stata's message and return code and leaves the data as they were."""
    got, printed, s = do(setup + text, DATA.copy())
    assert got == rc and message in printed, printed
    assert list(s.data.df.columns) == list(DATA.columns)
