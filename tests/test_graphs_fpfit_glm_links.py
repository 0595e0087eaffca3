"""twoway fpfitci ``estcmd(glm)`` with glm's odds-power and negative binomial links:
``estopts(family(binomial) link(opower -.5))`` and ``estopts(family(nbinomial .5)
link(nbinomial))`` -- the powers by glm's deviance, fracpred's x b and its stdp band against R
(``tests/graphs_reference/fpfit_glm_links.R``, ``fpfit_glm_links.json``: custom link-glm objects)."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from test_graphs_fpfit_estcmd import _band_matches, _session

REFERENCE = json.loads((Path(__file__).parent / "graphs_reference" / "fpfit_glm_links.json").read_text())


@pytest.mark.parametrize("y, options, key", [
    ("yb", "family(binomial) link(opower -.5)", "opower"),
    ("yn", "family(nbinomial .5) link(nbinomial)", "nbinomial"),
    ("yn", "fam(nb .5) link(nb) nolog", "nbinomial")])
def test_glm_link_fits_match_r(y, options, key):
    s = _session({k: REFERENCE[k] for k in ("x", "yb", "yn")})
    graph, fig, band, line = _band_matches(
        s, f"twoway fpfitci {y} x, estcmd(glm) estopts({options}) legend(on)", REFERENCE[key])
    lo, hi = fig.axes[0].get_ylim()
    assert lo <= band.y.min() and hi >= band.y2.max()


def test_nbinomial_ml_with_the_nbinomial_link_draws_at_each_candidates_k():
    """family(nbinomial ml): nbreg's alpha per candidate as k, the nbinomial link reading it: a
    curve unlike the one at k = 1, x b < 0 everywhere (the link's range)."""
    from graphs_helpers import drawn

    s = _session({k: REFERENCE[k] for k in ("x", "yb", "yn")})
    ml, _ = drawn(s, "twoway fpfit yn x, estcmd(glm) estopts(family(nbinomial ml) link(nbinomial))")
    one, _ = drawn(s, "twoway fpfit yn x, estcmd(glm) estopts(family(nbinomial 1) link(nbinomial))")
    line, line_one = ml.panels[0].series[0], one.panels[0].series[0]
    assert list(line.x) == REFERENCE["nbinomial"]["at"]
    assert (line.y < 0).all() and not np.allclose(line.y, line_one.y, rtol=1e-3)
