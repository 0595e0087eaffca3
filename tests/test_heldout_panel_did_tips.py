"""heldout/anon-microeconometrics-ta/panel_did_tips.do after its eventstudyinteract block: the
two SSC commands mlm does not carry stop as Stata stops without them (r(199)), with a line saying
what they are."""
from __future__ import annotations

import pytest

from graphs_helpers import make_session, run


@pytest.mark.parametrize("line, who", [
    ("bacondecomp y h", "Goodman-Bacon, Goldring and Nichols"),
    ("twowayfeweights y g w h, type(feTR)", "de Chaisemartin, D'Haultfoeuille and Deeb")])
def test_did_decompositions_refused_by_name(line, who):
    out, rc = run(make_session(), line, stop_on_error=False)
    word = line.split()[0]
    assert rc == 199 and f"unrecognized command:  {word}" in out and who in out
