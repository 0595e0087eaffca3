"""Golden tests: mixed output rebuilt from the handout's numbers, compared character by character."""
from __future__ import annotations

import pytest

from mlmcli.render.mixed_display import LR_NOTE, render_mixed
from test_render_goldenlib import golden, parse_mixed

MIXED = ["01", "06", "08", "09", "11", "12", "13", "14", "16", "17", "18"]


def _diff(got: str, want: str) -> str:
    g, w = got.split("\n"), want.split("\n")
    for i, (a, b) in enumerate(zip(g, w)):
        if a != b:
            return f"line {i}:\n got: {a!r}\nwant: {b!r}"
    return f"length differs: got {len(g)} lines, want {len(w)}"


@pytest.mark.parametrize("name", MIXED)
def test_mixed_golden(name):
    _, want = golden(name)
    if name == "09":
        # the handout drops the note Stata 13 prints after a chi2(k) LR line (golden README)
        want += "\n\n" + LR_NOTE
    got = render_mixed(parse_mixed(name), linesize=110)
    assert got == want, _diff(got, want)


def test_fixed_table_narrow_linesize_splits_the_heading():
    """A term heading wider than 12 columns is split at its ``#`` (Stata 14+ logs show
    ``     foreign#|`` over ``          c. |`` over ``mpg_centered |``; docs/factor_labels.md)."""
    got = render_mixed(parse_mixed("14"), linesize=80)
    assert max(len(l) for l in got.split("\n")) == 78
    assert "\n     weurope#|\nc.educgroupc |\n" in got
