"""sts generate's n/d and sts list, saving()'s begin/fail/net_lost: st_ct builds them as
``gen double`` and runs ``compress`` on each, so their types are compress's (the shared
storage_types.compressed_type).  The command-level pins below hold for the rule sts used
before (its own copy) and for the shared one; the rule-level cases are where the two
differed (negative values read by absolute value, no values, non-whole values)."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from mlmcli.storage_types import compressed_type


def _session(new_session, run, nobs, weight):
    t = np.arange(1, nobs + 1, dtype=float)
    s = new_session(pd.DataFrame({"t": t, "d": (np.arange(nobs) % 3 != 2).astype(float),
                                  "w": np.full(nobs, float(weight))}))
    out, rc = run(s, "stset t [fw=w], failure(d)" if weight != 1 else "stset t, failure(d)")
    assert rc == 0, out
    return s


@pytest.mark.parametrize("nobs, weight, n_type, d_type", [
    (50, 1, "byte", "byte"),        # at most 50 at risk
    (150, 1, "int", "byte"),        # 150 at risk: past byte's 100
    (40, 1000, "long", "int"),      # 40,000 at risk: past int's 32,740; 1,000 failing at a time
])
def test_generate_counts_take_compress_types(new_session, run, nobs, weight, n_type, d_type):
    s = _session(new_session, run, nobs, weight)
    out, rc = run(s, "sts generate n = n dd = d")
    assert rc == 0, out
    n = s.data.df["n"].to_numpy()
    assert np.nanmax(n) == nobs * weight  # everyone at risk at the first time
    assert (s.data.types["n"], s.data.types["dd"]) == (n_type, d_type)


def test_list_saving_counts_take_compress_types(new_session, run, tmp_path):
    s = _session(new_session, run, 150, 1)
    path = tmp_path / "listed.dta"
    out, rc = run(s, f'sts list, saving("{path}") noshow')
    assert rc == 0, out
    out, rc = run(s, f'use "{path}", clear')
    assert rc == 0, out
    assert s.data.types["begin"] == "int" and s.data.types["fail"] == "byte"
    assert s.data.types["net_lost"] == "byte" and s.data.types["survivor"] == "double"
    assert s.data.df["begin"].max() == 150


def test_shared_rule_where_the_sts_copy_differed():
    """compress ([D] compress): byte is -127..100, int -32,767..32,740 (the range, not the
    absolute value); a double with no nonmissing values becomes byte; a double whose values
    float holds exactly becomes float, else stays double."""
    assert compressed_type(np.array([-120.0, 3.0])) == "byte"     # the sts copy: int (|-120| > 100)
    assert compressed_type(np.array([-32760.0])) == "int"         # the sts copy: long
    assert compressed_type(np.array([np.nan, np.nan])) == "byte"  # the sts copy: double
    assert compressed_type(np.zeros(0)) == "byte"
    assert compressed_type(np.array([0.5, 1.25])) == "float"      # the sts copy: double
    assert compressed_type(np.array([1 / 3])) == "double"
