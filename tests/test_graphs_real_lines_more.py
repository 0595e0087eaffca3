"""Graph lines of the public do-files added to tests/graphs_reference/real_graph_lines.txt in the
second round (agrogan1's multilevel notes, panel/econometrics courses) that mlm stopped on though
Stata takes them: each drawn here and read back from the matplotlib objects."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from graphs_helpers import drawn, make_session, run, segments

REF = Path(__file__).parent / "graphs_reference"


@pytest.fixture()
def s():
    return make_session(n=60)


# ------------------------------------------------------------------ tden(), chi2den(), Fden()
def test_density_functions_match_r():
    # ParkSeungR's ProbFun.do draws `twoway function y = tden(5, x)`, `Fden(10,2,x)`,
    # `chi2den(5,x)`: [FN] Statistical functions; values from R's dt/dchisq/df (densities.R)
    ref = json.loads((REF / "densities.json").read_text())
    s = make_session(n=3)
    for name, rows in ref.items():
        for *args, want in rows:
            out, rc = run(s, f"display {name}({', '.join(repr(float(a)) for a in args)})")
            assert rc == 0, out
            assert float(out.strip().splitlines()[-1]) == pytest.approx(want, rel=1e-6), (name, args)
    out, _ = run(s, "display tden(0, 1)")
    assert out.strip().splitlines()[-1] == "."  # df <= 0: missing


def test_function_plot_of_t_density(s):
    _, fig = drawn(s, "twoway function y = tden(5, x), range(-5 5) lpattern(solid) lwidth(thick) "
                      "|| function y = chi2den(5,x), range(0 20) ||, legend(off)")
    (seg,) = segments(fig, "p1-s1-line")
    x, y = seg[:, 0], seg[:, 1]
    assert x.min() == pytest.approx(-5) and x.max() == pytest.approx(5)
    from scipy.stats import t

    np.testing.assert_allclose(y, t.pdf(x, 5), rtol=1e-9)
    assert len(x) == 300  # [G-2] twoway function: n(300) points by default
