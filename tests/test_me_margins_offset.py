"""margins after mepoisson with exposure() and after melogit with binomial trials, against R.

As Stata: the offset (ln of the exposure) enters the linear prediction of ``mu`` unless
``predict(nooffset)``; with binomial(n) trials ``mu`` is the expected count n g^-1(x b).
References: tests/reference_values/me_margins_reference.json (me_margins_reference.R: glmer
with the Laplace approximation, the delta method on its estimates and vcov)."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
REF = json.loads((ROOT / "tests" / "reference_values" / "me_margins_reference.json").read_text())["models"]
DATA = f'''use "{ROOT / "samples" / "data" / "hsb.dta"}", clear
gen cnt = floor(max(mathach, 0) / 3)
gen expo = exp(meanses)
gen n2 = 1 + mod(school, 3)
gen k = min(n2, max(0, floor(mathach / 8)))
'''


def _rows(out: str) -> list[tuple[float, float]]:
    """(margin, SE) of each row of every margins table in ``out``."""
    rows = []
    for ln in out.splitlines():
        m = re.match(r"^\s*\S[^|]*\|\s+(-?[0-9.]+(?:e[-+]\d+)?)\s+([0-9.]+(?:e[-+]\d+)?)\s+-?[0-9.]+\s+[0-9.]+", ln)
        if m:
            rows.append((float(m.group(1)), float(m.group(2))))
    return rows


def _margins(do, model: str, commands: list[str]):
    rc, out, session = do(DATA + model + " nolog")
    assert rc == 0, out[-2000:]
    results = []
    for c in commands:
        rc, out, _ = do(c, session=session)
        assert rc == 0, out
        results.append(_rows(out))
    return session, results


def _close(got, want, rel_margin=2e-5, rel_se=3e-3):
    """Margins to 2e-5; SEs to 0.3%: glmer's vcov comes from a finite-difference Hessian of
    its deviance (mlm's, Richardson-extrapolated, matches the shared references' SEs to the
    printed digit), so the delta-method SEs differ in the fourth digit."""
    assert got[0] == pytest.approx(want[0], rel=rel_margin)
    assert got[1] == pytest.approx(want[1], rel=rel_se)


def test_margins_after_mepoisson_with_exposure(do):
    ref = REF["poisson_exposure"]
    session, (avg, at, dydx, nooff, xb) = _margins(do, ref["stata"],
                                                  ["margins", "margins, at(ses=(0 1))", "margins, dydx(ses)",
                                                   "margins, predict(nooffset)", "margins, predict(xb nooffset)"])
    fit = session.e.model
    assert list(fit.beta) == pytest.approx(ref["b"], rel=1e-4)
    _close(avg[0], ref["margins"]["margins"])
    _close(at[0], ref["margins"]["at_ses_0"])
    _close(at[1], ref["margins"]["at_ses_1"])
    _close(dydx[0], ref["margins"]["dydx_ses"])
    _close(nooff[0], ref["margins"]["nooffset"])
    # the offset shifts the linear prediction: with it, mu is not exp(mean xb)
    assert avg[0][0] != pytest.approx(nooff[0][0], rel=1e-3)
    assert xb[0][0] == pytest.approx(float(fit.model.X.mean(axis=0) @ fit.beta), abs=1e-6)  # printed digits


def test_margins_after_melogit_with_binomial_trials(do):
    ref = REF["binomial_trials"]
    session, (avg, dydx) = _margins(do, ref["stata"], ["margins", "margins, dydx(ses)"])
    assert list(session.e.model.beta) == pytest.approx(ref["b"], rel=1e-4, abs=1e-6)
    _close(avg[0], ref["margins"]["margins"])
    _close(dydx[0], ref["margins"]["dydx_ses"], rel_margin=1e-4)
    # the expected count exceeds the probability: n2 is 1, 2 or 3
    rc, out, _ = do("margins, predict(pr)", session=session)
    assert rc == 0, out
    assert _rows(out)[0][0] < avg[0][0] / 1.5
