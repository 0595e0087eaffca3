"""sts graph's labels and censoring marks are the rows outfile() saves (cs47): one st_ct table
(sts_graph_st_ct) and one set of graph rows (sts_graph_outfile_rows.graph_rows) that the drawing
and outfile() both read.  Drawn with lost, enter, atrisk and censored(single|number|multiple),
without by(), with by() and with by() separate, the label and mark coordinates taken from the
matplotlib figure are compared with the outfile() rows of the same command.

And st_ct's last-record rule in the drawing: with ``censored()`` the ado asks st_ct for RCens
(``sum(w*(op==2)*lstid)``, lstid 1 on each id()'s last record only), so a subject's intermediate
records, which end without failing where its next record begins, get no censoring mark.

The data (stset t, id(id) failure(d); records (t[_n-1], t]):
  group 1: id 1 (0,3] (3,8] fails; id 2 (0,5] (5,10] censored; id 3 fails at 6; id 4 censored
  at 12; id 5 fails at 4.  S: 4 4/5, 6 3/5, 8 2/5.  Last records censored at 10 and 12;
  intermediate records end at 3 and 5.
  group 2: id 6 (0,2] (2,7] fails; id 7 censored at 9; id 8 (0,4] (4,6] censored; id 9 fails
  at 5; id 10 fails at 3.  S: 3 4/5, 5 3/5, 7 3/10.  Last records censored at 6 and 9;
  intermediate records end at 2 and 4."""
from __future__ import annotations

import numpy as np
import pytest

from graphs_helpers import axes, double_session, drawn, run

DATA = {"id": [1, 1, 2, 2, 3, 4, 5, 6, 6, 7, 8, 8, 9, 10], "t": [3, 8, 5, 10, 6, 12, 4, 2, 7, 9, 4, 6, 5, 3],
        "d": [0, 1, 0, 0, 1, 0, 1, 0, 1, 0, 0, 0, 1, 1], "g": [1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2]}
ST_TIMES = {1: [0, 3, 4, 5, 6, 8, 10, 12], 2: [0, 2, 3, 4, 5, 6, 7, 9], None: [0, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12]}
ADJD = 12 / 450  # the single marks' move: (max - min of _t)/450
# outfile() saves _t in stset's storage type (a float here: the moved marks' times rounded to
# float precision); the drawing keeps the double
FLOAT_T = 1e-6


@pytest.fixture()
def records():
    session = double_session(DATA)
    run(session, "stset t, id(id) failure(d)")
    return session


def draw_and_save(session, tmp_path, options):
    """(Figure, saved rows as {group: (_t, function)}) of one command: without the origin rows
    (appended last) for the labels; without every row at 0 (the origin rows are sorted among
    the others) for the censoring marks."""
    path = tmp_path / "rows.dta"
    graph, fig = drawn(session, f'sts graph, {options} outfile("{path}", replace)')
    run(session, f'preserve\nuse "{path}", clear')
    df = session.data.df
    run(session, "restore")
    stem = "failure" if "failure" in options else "survival"
    by = "by(" in options
    groups = [1, 2] if by else [None]
    if "censored" in options:
        df = df[df["_t"] != 0]
    else:
        df = df.iloc[: len(df) - len(groups)]  # the origin rows, one per group, appended last
    rows = {}
    for g in groups:
        part = df if g is None else df[df["g"] == g]
        rows[g] = (part["_t"].to_numpy(float), part[stem].to_numpy(float))
    return fig, rows


def panels(fig, options) -> dict:
    """{group: axes} of the separate graph; {None: the one axes} otherwise."""
    if "separate" in options:
        return {1: axes(fig, "panel1"), 2: axes(fig, "panel2")}
    return {None: axes(fig, "panel1")}


def drawn_labels(ax) -> list:
    return sorted((float(a.xy[0]), float(a.xy[1]), a.get_text()) for a in ax.get_children()
                  if (a.get_gid() or "").endswith("-labels"))


def drawn_spikes(ax) -> np.ndarray:
    found = [a for a in ax.get_children() if (a.get_gid() or "").endswith("-rspike")]
    segs = [s for coll in found for s in coll.get_segments()]
    return np.array(sorted((s[0][0], s[0][1], s[1][1]) for s in segs)).reshape(-1, 3)


def pooled(rows: dict, group):
    """The saved rows of a panel: its group's, or every group's for the one axes."""
    if group is not None or None in rows:
        return rows[group]
    return tuple(np.concatenate([rows[g][i] for g in sorted(rows)]) for i in (0, 1))


LABELLED = [("lost", (1,)), ("enter", (1, -1)), ("atrisk", (-1,)), ("lost atrisk", (1, -1)),
            ("lost failure", (1,)), ("atrisk failure", (-1,))]


@pytest.mark.parametrize("by", ["", "by(g)", "by(g) separate"])
@pytest.mark.parametrize("option,signs", LABELLED)
def test_labels_are_the_saved_midpoint_rows(records, tmp_path, by, option, signs):
    """Each label is a saved row whose function is missing (the ado's midpoint rows), at its _t,
    (max - min)/30 of the function above (lost) or below (entered, at risk) its flat part's
    function -- the saved row before it."""
    options = f"{by} {option}"
    fig, rows = draw_and_save(records, tmp_path, options)
    every = np.concatenate([s for _, s in rows.values()])
    every = every[np.isfinite(every)]
    eps = (every.max() - every.min()) / 30
    total = 0
    for group, ax in panels(fig, options).items():
        keys = sorted(rows) if group is None and None not in rows else [group]
        expected = []  # (x, the part's function) of every midpoint row
        for g in keys:
            t, s = rows[g]
            part = np.maximum.accumulate(np.where(np.isfinite(s), np.arange(s.size), 0))
            expected += [(t[i], s[part[i]]) for i in np.flatnonzero(~np.isfinite(s))]
        labels = drawn_labels(ax)
        assert len(labels) == len(expected) > 0, options
        unused = list(expected)
        for x, y, _ in labels:
            hit = [k for k, (t, s) in enumerate(unused)
                   if t == x and any(abs(s + sign * eps - y) < 1e-12 for sign in signs)]
            assert hit, (options, x, y, unused)
            unused.pop(hit[0])
        total += len(labels)
    assert total == sum(int((~np.isfinite(s)).sum()) for _, s in rows.values())


@pytest.mark.parametrize("by", ["", "by(g)", "by(g) separate"])
@pytest.mark.parametrize("how", ["single", "number", "multiple"])
@pytest.mark.parametrize("function", ["", "failure"])
def test_censoring_marks_are_the_saved_copies(records, tmp_path, by, how, function):
    """The saved rows (after time 0) are st_ct's rows (one per time) plus one copy per mark, at
    the mark's (moved) time and height; with ``number`` a second copy, its function missing, at
    each count label's time, the label .02 above the mark."""
    options = f"{by} censored({how}) {function}"
    fig, rows = draw_and_save(records, tmp_path, options)
    for group, ax in panels(fig, options).items():
        spikes = drawn_spikes(ax)
        assert spikes.size and np.allclose(spikes[:, 2] - spikes[:, 1], 0.02)
        t, s = pooled(rows, group)
        left = list(zip(t, s))
        if how == "number":
            counts = ~np.isfinite(s)
            np.testing.assert_allclose(np.sort(t[counts]), np.sort(spikes[:, 0]), rtol=0, atol=FLOAT_T)
            labels = drawn_labels(ax)
            np.testing.assert_allclose([(x, y) for x, y, _ in labels],
                                       sorted((x, top) for x, _, top in spikes), atol=1e-12)
            left = [row for row in left if np.isfinite(row[1])]
        for x, y, _ in spikes:  # each mark takes away one saved copy
            hit = [k for k, (tt, ss) in enumerate(left) if abs(tt - x) < FLOAT_T and abs(ss - y) < 1e-9]
            assert hit, (options, x, y)
            left.pop(hit[0])
        # what is left is st_ct's table: one row per time a record ends or begins
        times = sorted(tt for tt, _ in left)
        want = sorted(ST_TIMES[None]) if group is None and by == "" else \
            sorted(ST_TIMES[1] + ST_TIMES[2]) if group is None else ST_TIMES[group]
        np.testing.assert_array_equal(times, [w for w in want if w != 0])


def test_no_mark_at_a_subjects_intermediate_records(records):
    """Marks at the last records' censoring times only (10, 12; 6, 9), none at 3, 5 (group 1)
    or 2, 4 (group 2), where records end and the same subject's next record begins.  Moves:
    by sorted 1 - S and time the next row's time -- group 1's run S = 2/5 (the origin row, a
    copy of the last row, 8, 10, 12) is the last, so 10 and 12 move right; group 2's S = 3/5
    run (5, 6) is followed by S = 3/10's origin row at 0, so 6 stays; 9 moves.  With separate
    the origin rows' function is 1 (the ado's ``replace s = 1*per if _t==0``), so group 2's
    S = 3/5 run is followed by 7 and 6 moves too."""
    _, fig = drawn(records, "sts graph, by(g) censored(single)")
    np.testing.assert_allclose(drawn_spikes(axes(fig, "panel1"))[:, :2],
                               [(6, 0.6), (9 + ADJD, 0.3), (10 + ADJD, 0.4), (12 + ADJD, 0.4)], atol=1e-12)
    _, fig = drawn(records, "sts graph, by(g) separate censored(multiple)")
    adjd = 12 / 350  # the first mark of each time, moved one step while that stays before nextt
    np.testing.assert_allclose(drawn_spikes(axes(fig, "panel1"))[:, :2], [(10 + adjd, 0.4), (12 + adjd, 0.4)],
                               atol=1e-12)
    np.testing.assert_allclose(drawn_spikes(axes(fig, "panel2"))[:, :2], [(6 + adjd, 0.6), (9 + adjd, 0.3)],
                               atol=1e-12)
    _, fig = drawn(records, "sts graph, censored(number)")
    spikes = drawn_spikes(axes(fig, "panel1"))
    np.testing.assert_allclose(np.round(spikes[:, 0]), [6, 9, 10, 12])  # (moved or not: none at 2 3 4 5)
    assert [text for *_, text in drawn_labels(axes(fig, "panel1"))] == ["1", "1", "1", "1"]


def test_lost_and_enter_still_count_every_record(records):
    """Only censored() reads RCens: ``enter`` counts every record ending without failing as lost
    and every record beginning as entered (st_ct's Cens and Ent), so group 1's part [0, 4) has 1
    lost (3) and 1 entered besides the 5 at 0; ``lost`` alone nets them (censored - entered)."""
    _, fig = drawn(records, "sts graph if g == 1, enter")
    labels = drawn_labels(axes(fig, "panel1"))
    eps = (1 - 0.4) / 30
    assert (2.0, 1 + eps, "1") in labels and (2.0, 1 - eps, "6") in labels
    _, fig = drawn(records, "sts graph if g == 1, lost")
    assert [(x, text) for x, _, text in drawn_labels(axes(fig, "panel1"))] == [(10.0, "1"), (12.0, "1")]
