"""Commands of the held-out do-files mlm does not carry, refused by name (tenth held-out batch):
Stata 13, which mlm follows, says ``unrecognized command:  name`` r(199) for each (they are SSC
packages, or Bayesian commands of Stata 15 and later); mlm keeps Stata's message and return code
and says on a second line what the command is, instead of guessing at a near name (xttest1 got
"did you mean xttest3?"; xttest1 and eventstudyinteract are carried since round 89:
tests/test_user_commands_round89.py)."""
from __future__ import annotations

import pytest


@pytest.mark.parametrize("line, name, words", [
    ("bayes, rseed(123) burnin(2000): melogit y x || id:", "bayes", "Stata 15 and later"),
    ("bayesstats summary", "bayesstats", "Stata 15 and later"),
    ("webdoc init index, replace", "webdoc", "SSC package"),
    ("grinter x, const02(z) inter(xz) equation(y)", "grinter", "SSC package"),
])
def test_refused_by_name(new_session, run, line, name, words):
    out, rc = run(new_session(), line)
    assert rc == 199
    lines = out.splitlines()
    at = lines.index(f"unrecognized command:  {name}")
    assert lines[at + 1].startswith(f"({name} is ") and words in lines[at + 1]


def test_xtreg_cre_is_refused_by_name(new_session, run):
    """heldout/anon-panel-textbook: ``xtreg lwage ..., cre`` (Stata 19's correlated random-effects
    option; Stata 13 says option cre not allowed, r(198))."""
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(1)
    s = new_session(pd.DataFrame({"id": np.repeat(np.arange(1.0, 11.0), 4), "x": rng.normal(size=40),
                                  "y": rng.normal(size=40)}))
    out, rc = run(s, "xtset id\nxtreg y x, cre")
    assert rc == 198 and "option cre not allowed" in out and "Stata 19" in out
