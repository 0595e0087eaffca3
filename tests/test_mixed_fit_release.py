"""A stored ``mixed`` fit keeps no evaluation state: the kept forward pass is dropped and a
crossed design's Schur evaluator (its pair pattern, InstEval's ~16 MB) is dropped when the
estimates are in (``MixedModel.release_after_fit``); whatever evaluates the likelihood again
afterwards rebuilds it.  Every printed number, e() and predicted variable is the same as
with the evaluator kept, through predict, estat, replays, dfmethod(), estimates
store/restore and lrtest, after crossed and nested fits."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from mlmcli.mixed.likelihood import MixedModel

CROSSED = """\
mixed y x || _all: R.a || _all: R.b, reml dfmethod(kroger)
estimates store full
predict double fit1, fitted
predict double ra rb, reffects
predict double sa sb, reses
estat group
mixed, level(90) small
quietly mixed y x || _all: R.a, reml
estimates store small
lrtest full small
estimates restore full
predict double fit2, fitted
predict double xb, xb
ereturn list
matrix list e(V), format(%21.0g)
display %21.0g e(ll)
"""

NESTED = """\
mixed y x || a: x || s:
estimates store full
predict double fit1, fitted
predict double r1 r2 r3, reffects
predict double s1 s2 s3, reses
estat icc
estat group
mixed, level(90)
quietly mixed y x || a:
estimates store small
lrtest full small
estimates restore full
predict double fit2, fitted
ereturn list
matrix list e(V), format(%21.0g)
display %21.0g e(ll)
"""


def _frame(seed=5, n=500, na=30, nb=12):
    rng = np.random.default_rng(seed)
    a, b = rng.integers(0, na, n), rng.integers(0, nb, n)
    x = rng.normal(size=n)
    y = 1 + 0.3 * x + 0.7 * rng.normal(size=na)[a] + 0.5 * rng.normal(size=nb)[b] + rng.normal(size=n)
    s = a * 3 + rng.integers(0, 3, n)  # nested in a
    y = y + 0.4 * rng.normal(size=na * 3)[s]
    return pd.DataFrame({"y": y, "x": x, "a": a + 1.0, "b": b + 1.0, "s": s + 1.0})


def _run(new_session, run, text):
    session = new_session(_frame())
    printed, rc = run(session, text, echo=True)
    assert rc == 0, printed
    return session, printed


def _keep_evaluator(self):
    """The behaviour before: only the kept forward pass is forgotten."""
    self.forget_forward()


@pytest.mark.parametrize("text", [CROSSED, NESTED], ids=["crossed", "nested"])
def test_same_output_with_the_evaluator_dropped(new_session, run, monkeypatch, text):
    lean, lean_text = _run(new_session, run, text)
    with monkeypatch.context() as m:
        m.setattr(MixedModel, "release_after_fit", _keep_evaluator)
        kept, kept_text = _run(new_session, run, text)
    assert lean_text == kept_text
    assert "Kenward-Roger" in lean_text or text is NESTED
    assert "LR chi2(" in lean_text
    new = [v for v in lean.data.varnames if v not in ("y", "x", "a", "b", "s")]
    assert len(new) >= 6
    for v in new:  # bit for bit
        np.testing.assert_array_equal(lean.data.numeric(v), kept.data.numeric(v), err_msg=v)
    for name in ("b", "V"):
        np.testing.assert_array_equal(lean.e.matrices[name].values, kept.e.matrices[name].values)


def test_crossed_fit_keeps_no_pair_pattern(new_session, run):
    session, _ = _run(new_session, run, "quietly mixed y x || _all: R.a || _all: R.b\n")
    system = session.e.model.model.blocked
    assert system._schur is None and session.e.model.model._last_forward is None
    # a later evaluation builds the evaluator again and gives the fit's likelihood
    fit = session.e.model
    assert fit.model.deviance(fit.theta) == -2 * fit.loglik
    assert system._schur is not None


SLOPE = """\
mixed y x || a: x
predict double f, fitted
predict double r1 r2, reffects
predict double s1 s2, reses
predict double xb, xb
estat icc
mixed y x || a: x, noconstant reml
predict double f2, fitted
"""


def test_random_slope_design_shares_the_fixed_design(new_session, run, monkeypatch):
    """``y x || a: x``: the term's Z is the fixed design X itself (both [x, 1], bit for bit),
    and the fit, its output and predictions are those of a separate Z."""
    import mlmcli.commands.estimation.mixed_design as md

    from mlmcli.commands.estimation.mixed_syntax import parse_mixed

    session = new_session(_frame())
    spec = md.build(session, parse_mixed("y x || a: x")).spec
    assert spec.terms[0].Z is spec.X
    spec = md.build(session, parse_mixed("y x || a: x, noconstant")).spec
    assert spec.terms[0].Z is not spec.X and spec.terms[0].Z.shape == (500, 1)
    spec = md.build(session, parse_mixed("y x || a:")).spec  # Z = [1] against X = [x, 1]
    assert spec.terms[0].Z is not spec.X
    shared, shared_text = _run(new_session, run, SLOPE)
    with monkeypatch.context() as m:
        m.setattr(md, "share_fixed_design", lambda term, X: term)
        apart, apart_text = _run(new_session, run, SLOPE)
    assert shared_text == apart_text and "var(x)" in shared_text
    for v in ("f", "r1", "r2", "s1", "s2", "xb", "f2"):
        np.testing.assert_array_equal(shared.data.numeric(v), apart.data.numeric(v), err_msg=v)


def test_shared_design_only_for_the_same_bits():
    from mlmcli.commands.estimation.mixed_design import share_fixed_design
    from mlmcli.mixed.spec import RandomTerm

    X = np.column_stack([np.array([0.0, 1.5, 2.0]), np.ones(3)])
    Z = X.copy()
    term = RandomTerm("g", np.array([0, 0, 1]), Z, ("x", "_cons"), "independent", 2)
    assert share_fixed_design(term, X).Z is X
    Z[0, 0] = -0.0  # equal to 0.0, not the same bits
    assert share_fixed_design(term, X).Z is Z
