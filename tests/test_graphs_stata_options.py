"""Options Stata accepts that mlm once refused or read and ignored (found by
``tests/graphs_reference/option_sweep.py``): each is drawn, checked on the matplotlib figure."""
from __future__ import annotations

import numpy as np
import pytest
from matplotlib.colors import to_hex

from graphs_helpers import artists, axes, drawn, make_session, refused, run
from mlmcli.graphs import style


@pytest.fixture()
def s():
    return make_session()


# ------------------------------------------------------------------ minor ticks and tick counts
def in_view(ax, which, minor=False):
    lo, hi = sorted(ax.get_xlim() if which == "x" else ax.get_ylim())
    values = ax.get_xticks(minor=minor) if which == "x" else ax.get_yticks(minor=minor)
    return sorted(v for v in values if lo <= v <= hi)


def test_minor_ticks_between_major_ones(s):
    _, fig = drawn(s, "scatter y x, ymtick(##4)")
    ax = axes(fig)
    major = in_view(ax, "y")
    step = major[1] - major[0]
    minor = [v for v in in_view(ax, "y", True) if major[0] < v < major[1]]
    assert np.allclose(minor, major[0] + step * np.array([.25, .5, .75]))


def test_minor_labels_halfway(s):
    _, fig = drawn(s, "scatter y x, xmlabel(##2)")
    ax = axes(fig)
    major = in_view(ax, "x")
    labels = [float(t.get_text()) for t in ax.get_xticklabels(minor=True) if t.get_text()]
    assert major[0] + (major[1] - major[0]) / 2 in labels


def test_minor_ticks_about_k_and_xtick_count(s):
    _, fig = drawn(s, "scatter y x, xmtick(#20)")
    ax = axes(fig)
    assert len(in_view(ax, "x", True)) + len(in_view(ax, "x")) >= 10 and len(in_view(ax, "x", True)) >= 5
    _, fig = drawn(s, "scatter y x, xtick(#20)")
    ax = axes(fig)
    labelled = [t.get_text() for t in ax.get_xticklabels() if t.get_text()]
    assert len(in_view(ax, "x")) >= 10 and len(labelled) < 8


def test_double_hash_on_major_labels_is_an_error(s):
    out, rc = run(s, "scatter y x, ylabel(##2)", stop_on_error=False)
    assert rc == 198 and "ylabel() incorrectly specified" in out
