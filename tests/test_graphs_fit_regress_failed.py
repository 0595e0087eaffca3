"""twoway lfit/qfit/lfitci/qfitci where regress fails: twoway__lfit_serset (1.0.4) runs
``capture regress``; on failure it prints ``(note:  regress could not fit model)`` and, for
r(2000) (no observations), draws nothing for that plot while the others are drawn; a graph
with no observation in any plot stays ``no observations`` r(2000)."""
from __future__ import annotations

import pytest

from graphs_helpers import make_session, run

NOTE = "(note:  regress could not fit model)"


@pytest.fixture
def s():
    return make_session()


def _kinds(s):
    return [series.kind for panel in s.graphs[-1].panels for series in panel.series]


@pytest.mark.parametrize("fit", ["lfit", "qfit", "lfitci", "qfitci", "lfit y x, estopts(vce(robust))"])
def test_empty_fit_is_the_note(s, fit):
    spec = fit if "," in fit else f"{fit} y x"
    spec = spec.replace("y x", "y x if x > 100", 1)
    out, rc = run(s, f"twoway (scatter y x) ({spec})")
    assert rc == 0, out
    assert out.splitlines().count(NOTE) == 1, out
    assert out.strip() == NOTE  # nothing else printed
    assert _kinds(s) == ["scatter"]  # the fit draws nothing


def test_a_fit_with_observations_prints_no_note(s):
    out, rc = run(s, "twoway (scatter y x) (lfit y x if x > 5)")
    assert rc == 0 and NOTE not in out, out
    assert _kinds(s) == ["scatter", "line"]


def test_no_observations_anywhere_is_r2000(s):
    out, rc = run(s, "twoway lfit y x if x > 100")
    assert rc == 2000 and "no observations" in out, out
