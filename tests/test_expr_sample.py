"""mark_sample and in_range_mask: Stata's marksample rules."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from mlmcli.ast import Command, InRange, Weight
from mlmcli.errors import StataError
from mlmcli.sample import in_range_mask, mark_sample, mark_weight

NAN = float("nan")


@pytest.fixture
def session(new_session):
    return new_session(pd.DataFrame({"x": [1.0, NAN, 3.0, 4.0, 5.0], "y": [1.0, 2.0, NAN, 4.0, 5.0],
                                     "s": ["a", "b", "", "d", "e"], "w": [1.0, 2.0, 1.0, NAN, 1.0]}),
                       types={"s": "str1"})


@pytest.mark.parametrize("rng,rows", [
    (InRange("2"), [1]), (InRange("1", "3"), [0, 1, 2]), (InRange("-2", "l"), [3, 4]),
    (InRange("f", "l"), [0, 1, 2, 3, 4]), (InRange("F", "2"), [0, 1]), (InRange("-1"), [4]),
])
def test_in_ranges(session, rng, rows):
    assert list(np.flatnonzero(in_range_mask(session, rng))) == rows


@pytest.mark.parametrize("rng", [InRange("0"), InRange("6"), InRange("3", "2"), InRange("1", "9"),
                                 InRange("-9", "l")])
def test_in_ranges_out_of_range(session, rng):
    with pytest.raises(StataError) as err:
        in_range_mask(session, rng)
    assert (err.value.message, err.value.rc) == ("Obs. nos. out of range", 198)


def test_if_includes_missing_as_true(session):
    assert list(mark_sample(session, Command("count", if_exp="x > 2"))) == [False, True, True, True, True]


def test_listwise_deletion_over_the_varlist(session):
    assert list(mark_sample(session, Command("summarize"), ["x", "y"])) == [True, False, False, True, True]
    assert list(mark_sample(session, Command("summarize"), "x y")) == [True, False, False, True, True]


def test_string_variables(session):
    assert list(mark_sample(session, Command("list"), ["s"], strok=True)) == [True, True, False, True, True]
    assert not mark_sample(session, Command("summarize"), ["s"]).any()


def test_everything_combined_with_the_by_group(session):
    session.by_mask = np.array([False, True, True, True, True])
    cmd = Command("summarize", if_exp="x < 5", in_range=InRange("2", "5"))
    assert list(mark_sample(session, cmd, ["y"])) == [False, False, False, True, False]


def test_string_if_is_a_type_mismatch(session):
    with pytest.raises(StataError) as err:
        mark_sample(session, Command("count", if_exp="s"))
    assert err.value.rc == 109


def test_weights_drop_missing(session):
    mask, w = mark_weight(session, Command("regress", weight=Weight("fw", "w")), np.ones(5, dtype=bool))
    assert list(mask) == [True, True, True, False, True] and w[1] == 2.0
    mask, w = mark_weight(session, Command("regress"), np.ones(5, dtype=bool))
    assert w is None and mask.all()
