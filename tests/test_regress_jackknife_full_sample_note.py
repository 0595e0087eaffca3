"""regress ..., vce(jackknife): jackknife.ado prints _prefix_note's "(running regress on
estimation sample)" before its full-sample regress, so before every error found after that run
(reject()'s r(9), n()'s r(322), keep's names ...), and not with nodots (_prefix_note exits).  An
option regress does not take (``noh``: regress.sthlp's ``nohe:ader``) goes to regress inside the
prefix (_vce_parserun): its error follows the note, then _prefix_run_error's line.  The prefix's
own noheader is jackknife.ado's ``noHeader``: vce(jackknife, noh) is honoured."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


@pytest.fixture
def df():
    n = np.arange(1, 31)
    return pd.DataFrame({"x": (n * 7) % 11, "y": (n * 7) % 11 + (n * 5) % 7}).astype(float)


def test_reject_in_the_full_sample_follows_the_note(do, df):
    rc, out, _ = do("regress y x, vce(jackknife, reject(e(N) > 0))", df=df)
    assert rc == 9 and out.splitlines() == [
        "(running regress on estimation sample)",
        "jackknife rejected results from regress while using the entire dataset", "r(9);"]
    rc, out, _ = do("regress y x, vce(jackknife, reject(e(N) > 0) nodots)", df=df)
    assert rc == 9 and out.splitlines()[0].startswith("jackknife rejected results")


def test_an_option_regress_lacks_fails_inside_the_prefix(do, df):
    rc, out, _ = do("regress y x, vce(jackknife) noh", df=df)
    assert rc == 198 and out.splitlines() == [
        "(running regress on estimation sample)", "option noh not allowed",
        "an error occurred when jackknife executed regress", "r(198);"]
    rc, out, _ = do("regress y x, noh", df=df)
    assert rc == 198 and out.splitlines() == ["option noh not allowed", "r(198);"]


def test_the_prefixs_noheader_abbreviation(do, df):
    rc, out, _ = do("regress y x, vce(jackknife, noh nodots)", df=df)
    assert rc == 0 and "Number of obs" not in out and "Jackknife" in out
    rc, out, _ = do("regress y x, vce(jackknife, nodots)", df=df)
    assert rc == 0 and "Number of obs" in out
