"""A time-series operated dependent variable (``regress D.y x``, ``poisson L.c x``): Stata's
tsrevar makes the series; the estimates equal those on a generated copy, the table's header
names the operated variable, and a factor-variable depvar stays r(198)."""
from __future__ import annotations

import pytest

DATA = """clear
set obs 60
set seed 4
generate id = ceil(_n/6)
generate t = mod(_n-1,6)+1
xtset id t
generate double y = sum(rnormal())
generate double x = rnormal()
generate c = rpoisson(3)
generate yb = x + rnormal() > 0
generate double dy = D.y
generate lc = L.c
generate lyb = L.yb
"""


@pytest.fixture
def session(new_session, run):
    session = new_session()
    out, rc = run(session, DATA)
    assert rc == 0, out
    return session


def _coefficient(run, session, line: str) -> float:
    out, rc = run(session, f"quietly {line}\ndisplay %20.15g _b[x]")
    assert rc == 0, out
    return float(out.strip().splitlines()[-1])


@pytest.mark.parametrize("operated, generated", [
    ("regress D.y x", "regress dy x"),
    ("regress D.y x, vce(cluster id)", "regress dy x, vce(cluster id)"),
    ("areg D.y x, absorb(id)", "areg dy x, absorb(id)"),
    ("xtreg D.y x, fe", "xtreg dy x, fe"),
    ("poisson L.c x", "poisson lc x"),
    ("nbreg L.c x", "nbreg lc x"),
    ("probit L.yb x", "probit lyb x"),
    ("glm D.y x", "glm dy x"),
    ("tobit D.y x, ll(-1)", "tobit dy x, ll(-1)"),
])
def test_operated_depvar_fits_as_its_generated_copy(session, run, operated, generated):
    assert _coefficient(run, session, operated) == pytest.approx(_coefficient(run, session, generated), rel=1e-12)


def test_the_table_names_the_operated_variable(session, run):
    out, rc = run(session, "regress D.y x")
    assert rc == 0, out
    assert any(line.strip().startswith("D.y |") for line in out.splitlines())
    out, rc = run(session, "display e(depvar)")
    assert out.strip().splitlines()[-1] == "D.y"


@pytest.mark.parametrize("line", ["regress i.yb x", "poisson L(1/2).c x", "glm c.y x", "tobit i.yb x, ll(0)"])
def test_a_factor_variable_depvar_is_refused(session, run, line):
    out, rc = run(session, line)
    assert rc == 198 and "depvar may not be a factor variable" in out
