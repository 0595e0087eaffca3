"""``xlabel("")`` (seen in tests/realworld/heldout/guarnerio: ``serrbar ..., xlab("")``): Stata's
_gs_parse_and_log_tickset.ado 1.0.9 clears the tickset and then adds nothing (NumTextList drops
everything after an empty first token), so it is no error and the axis keeps its default
ticks; mlm stopped with r(198) "invalid label specifier".  A quoted label with no value before it
stays r(198) (NumTextList's numlist check)."""
from __future__ import annotations

import pytest

from graphs_helpers import axes, drawn, make_session, run, tick_texts


@pytest.fixture()
def s():
    return make_session()


def test_empty_label_list_keeps_the_default_ticks(s):
    _, plain = drawn(s, "scatter y x")
    _, empty = drawn(s, 'scatter y x, xlabel("")')
    assert tick_texts(axes(empty)) == tick_texts(axes(plain))
    _, fig = drawn(s, 'serrbar y x x, scale(1.96) xlab("") ylabel(0(20)100)')
    assert fig is not None


def test_a_label_without_a_value_is_still_an_error(s):
    out, rc = run(s, 'scatter y x, xlabel("a" 2)', stop_on_error=False)
    assert rc == 198 and "invalid label specifier" in out
