"""parmest's erows() and gllamm's e(chol): the random effects' Cholesky factor as a resultsset
variable (er_k_j: column j of the k-th matrix, row i in observation i)."""
from __future__ import annotations

import numpy as np
import pytest

from mlmcli.errors import StataError
from tests.execute_lines import run
from tests.test_gllamm_robust_replay import poisson_sites


def test_chol_is_the_random_intercept_sd_and_erows_puts_its_rows_in_observations():
    session = poisson_sites()
    run(session, "generate cons = 1", "generate z = x", "eq ri: cons",
        "quietly gllamm y x, family(poisson) link(log) i(site) eqs(ri)")
    b = session.e.matrices["b"]
    sd = float(b.values[0][b.colnames.index("site1:cons")] if "site1:cons" in b.colnames else b.values[0][-1])
    chol = np.asarray(session.e.matrices["chol"].values, float)
    assert chol.shape == (1, 1) and chol[0, 0] == pytest.approx(abs(sd), rel=1e-12)
    run(session, "parmest, erows(chol V) norestore")
    ds = session.data
    er11 = ds.numeric("er_1_1")
    assert er11[0] == pytest.approx(chol[0, 0]) and np.isnan(er11[1:]).all()
    assert [n for n in ds.varnames if n.startswith("er_2_")] == ["er_2_1", "er_2_2", "er_2_3"]
    V = np.asarray(session.e.matrices["V"].values, float)
    np.testing.assert_allclose(np.column_stack([ds.numeric(f"er_2_{j}") for j in (1, 2, 3)]), V)


def test_a_matrix_e_lacks_is_an_error():
    session = poisson_sites()
    run(session, "quietly poisson y x")
    before = session.data.df.copy()
    with pytest.raises(StataError) as err:
        run(session, "parmest, erows(chol) norestore")
    assert err.value.rc == 111 and session.data.df.equals(before)
