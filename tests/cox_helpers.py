"""What the stcox tests share: e(b), its standard errors and the log likelihoods against R's
reference values."""
from __future__ import annotations

import numpy as np
import pytest


def check_cox_fit(s, ref, rtol_b=1e-7, rtol_se=1e-6):
    """s.e's b, se, ll and ll_0 against ref's b, se, ll and ll0."""
    b = s.e.matrices["b"].values.ravel()
    se = np.sqrt(np.diag(s.e.matrices["V"].values))
    assert np.allclose(b, ref["b"], rtol=rtol_b, atol=1e-10)
    assert np.allclose(se, ref["se"], rtol=rtol_se)
    assert s.e.scalars["ll"] == pytest.approx(ref["ll"], rel=1e-10)
    assert s.e.scalars["ll_0"] == pytest.approx(ref["ll0"], rel=1e-10)
