"""sts graph, risktable(): what sts_graph_util.class 1.1.3 (Stata 16's sts.ado 8.6.0 ado tree,
opensafely-core/cohort-extractor bin/ado/base/s/) does with an invalid order(), with several
title()s and with a group() that matches no row -- each in the order getRiskTableOpts parses them.

- order(): the last order() not empty is read by ``_parseOrderAndSaveMap``; a first token that
  is text, or a word that is no integer (``confirm integer number``), empties the map, and so do
  groups all outside 1..#groups (each left out with its texts): then ``(note: option order() is
  invalid, ignored)`` and the groups in turn -- keeping the texts read before the bad word
  (``.orderLabel[]`` is never cleared).  The note comes first, before the group() notes.
- title(): ``tableTitleOpts`` is replaced by the options of each title() typed with options
  (read for every risktable(), then again for those whose group() matches), so the last one
  wins whole, nothing merged; at() is kept apart (the last one typed) and checked after the
  rows: ``foo found where number or rowtitles expected`` r(198).  Only the options used reach the
  graph, so a bad value in a replaced title() is no error.
- group() matching no row: the class file reads nothing of that risktable() but order(),
  righttitles and title(): its numlist, format(), text options and unknown options are never
  checked; the graph is drawn.

The data (``small``, as tests/test_sts_risk_table_groups.py): group 1 at risk 6 at 0, 3 at 10;
group 2 at risk 3 at 0, 1 at 10.  Sizes: s2color's medsmall 8.5 pt, small 7.5, large 12."""
from __future__ import annotations

import pytest

from graphs_helpers import double_session, drawn, figure, run, subfigures
from mlmcli.graphs import style

ORDER_NOTE = "(note: option order() is invalid, ignored)"
GROUP_NOTE = "(note: option group({}) does not match any row, using defaults)"


@pytest.fixture()
def small():
    session = double_session({"t0": [0, 0, 0, 0, 0, 0, 0, 3, 0, 0], "t": [4, 2, 30, 9, 7, 7, 12, 15, 20, 5],
                              "d": [1, 1, 0, 0, 1, 0, 1, 1, 0, 1], "g": [1, 2, 1, 1, 2, 2, 1, 2, 1, 1]})
    run(session, "stset t, failure(d) enter(time t0)")
    return session


def texts(fig, prefix: str = "risktable") -> dict:
    return {t.get_gid(): t for holder in subfigures(fig) for t in holder.texts
            if (t.get_gid() or "").startswith(prefix)}


def rows(fig) -> list[tuple[str, list[str]]]:
    """[(row title, its numbers left to right)] top to bottom."""
    found = texts(fig)
    out = []
    r = 1
    while f"risktable-row{r}-title" in found:
        numbers = sorted((t.get_position()[0], t.get_text()) for gid, t in found.items()
                         if gid.startswith(f"risktable-row{r}-value"))
        out.append((found[f"risktable-row{r}-title"].get_text(), [text for _, text in numbers]))
        r += 1
    return out


def table_after(session, command: str):
    out, rc = run(session, command, stop_on_error=False)
    assert rc == 0, out
    return out, figure(session.graphs[-1])


# ---------------------------------------------------------------- order()
@pytest.mark.parametrize("typed", ["x", '"A" 2', "2 1.5", "2 x", "0 3 -1", "."])
def test_invalid_order_noted_and_the_groups_drawn_in_turn(small, typed):
    out, fig = table_after(small, f"sts graph, by(g) risktable(0 10, order({typed}))")
    assert out.count(ORDER_NOTE) == 1
    assert rows(fig) == [("g = 1", ["6", "3"]), ("g = 2", ["3", "1"])]


def test_valid_orders_no_note(small):
    # 1.0 is an integer (confirm integer number); 9 lies outside and its text goes with it
    out, fig = table_after(small, 'sts graph, by(g) risktable(0 10, order(9 "Z" 2 "B" 1.0))')
    assert "note" not in out
    assert rows(fig) == [("B", ["3", "1"]), ("g = 1", ["6", "3"])]


def test_invalid_order_keeps_the_texts_read_before_the_bad_word(small):
    # _parseOrderAndSaveMap empties .orderMap at "x" but not .orderLabel: row 1 keeps "A"
    out, fig = table_after(small, 'sts graph, by(g) risktable(0 10, order(2 "A" 1 x))')
    assert ORDER_NOTE in out
    assert rows(fig) == [("A", ["6", "3"]), ("g = 2", ["3", "1"])]


def test_last_order_not_empty_wins(small):
    out, fig = table_after(small, "sts graph, by(g) risktable(0 10, order(2)) risktable(, order())")
    assert "note" not in out and rows(fig) == [("g = 2", ["3", "1"])]
    out, fig = table_after(small, "sts graph, by(g) risktable(0 10, order(2)) risktable(, order(x))")
    assert ORDER_NOTE in out and len(rows(fig)) == 2


def test_order_note_before_group_notes_and_before_a_matched_groups_error(small):
    out, _ = table_after(small, "sts graph, by(g) risktable(, group(#5)) risktable(, order(x))")
    assert out.index(ORDER_NOTE) < out.index(GROUP_NOTE.format("#5"))
    # the order note is printed (getRiskTableOpts' start); the matched group's bad size only later
    out, rc = run(small, "sts graph, by(g) risktable(, order(x)) risktable(, group(#1) size(junk))",
                  stop_on_error=False)
    assert rc == 198 and out.index(ORDER_NOTE) < out.index("size(junk) invalid")


# ---------------------------------------------------------------- title()
def test_last_title_with_options_replaces_the_look(small):
    _, fig = table_after(small, "sts graph, by(g) risktable(, title(, size(large) color(red))) "
                                "risktable(, title(, size(small)))")
    title = texts(fig)["risktable-title"]
    # merged, the title would be red; replaced, it has the default colour
    assert title.get_fontsize() == pytest.approx(7.5) and title.get_color() == "#000000"


def test_title_without_options_keeps_the_look_and_sets_the_text(small):
    _, fig = table_after(small, 'sts graph, by(g) risktable(, title(, color(red))) risktable(, title("At risk"))')
    title = texts(fig)["risktable-title"]
    assert title.get_text() == "At risk" and title.get_color() == style.parse_color("red")


def test_title_at_kept_apart_from_the_replaced_look(small):
    _, fig = table_after(small, "sts graph, by(g) risktable(, title(, at(5) color(red))) "
                                "risktable(, title(, size(small)))")
    title = texts(fig)["risktable-title"]
    assert title.get_position()[0] == pytest.approx(5.0)  # data units: at(5)
    assert title.get_color() == "#000000" and title.get_fontsize() == pytest.approx(7.5)


def test_matched_groups_title_read_again_after_the_others(small):
    # loop 1: small, then red; loop 2 (group #2 matches): small again -- the last with options
    _, fig = table_after(small, "sts graph, by(g) risktable(, title(, size(small)) group(#2)) "
                                "risktable(, title(, color(red)))")
    title = texts(fig)["risktable-title"]
    assert title.get_fontsize() == pytest.approx(7.5) and title.get_color() == "#000000"
    # a group() matching no row: its title() is read in loop 1 only
    out, fig = table_after(small, "sts graph, by(g) risktable(, title(, size(small)) group(#9)) "
                                  "risktable(, title(, color(red)))")
    title = texts(fig)["risktable-title"]
    assert GROUP_NOTE.format("#9") in out
    assert title.get_fontsize() == pytest.approx(8.5) and title.get_color() == style.parse_color("red")


def test_replaced_title_options_are_not_checked(small):
    _, fig = table_after(small, "sts graph, by(g) risktable(, title(, size(junk) at(foo))) "
                                "risktable(, title(, size(small) at(0)))")
    assert texts(fig)["risktable-title"].get_fontsize() == pytest.approx(7.5)
    out, rc = run(small, "sts graph, by(g) risktable(, title(, at(foo)))", stop_on_error=False)
    assert rc == 198 and "foo found where number or rowtitles expected" in out
    out, rc = run(small, "sts graph, by(g) risktable(, title(, size(junk)))", stop_on_error=False)
    assert rc == 198 and "size(junk) invalid" in out


# ---------------------------------------------------------------- group() matching no row
def test_non_matching_groups_suboptions_never_read(small):
    out, fig = table_after(small, "sts graph, by(g) risktable(0 10) "
                                  "risktable(a b, group(#9) size(junk) format(bad) rowtitle(, color(nocolor)) bogus)")
    assert GROUP_NOTE.format("#9") in out
    assert rows(fig) == [("g = 1", ["6", "3"]), ("g = 2", ["3", "1"])]
    assert {t.get_fontsize() for t in texts(fig).values()} == {8.5}


def test_value_matching_no_level_silent_and_unread(small):
    out, fig = table_after(small, "sts graph, by(g) risktable(0 10) risktable(0 5, group(7) size(junk) bogus)")
    assert "note" not in out and rows(fig) == [("g = 1", ["6", "3"]), ("g = 2", ["3", "1"])]


def test_group_without_by_unread(small):
    out, fig = table_after(small, "sts graph, risktable(0 10) risktable(, group(#1) size(junk))")
    assert GROUP_NOTE.format("#1") in out and rows(fig)[0][1] == ["9", "4"]


def test_matching_groups_suboptions_checked(small):
    for typed, message in (("size(junk)", "size(junk) invalid"), ("bogus", "option bogus not allowed")):
        out, rc = run(small, f"sts graph, by(g) risktable(0 10, group(#2) {typed})", stop_on_error=False)
        assert rc == 198 and message in out, out
    # without group(), before the settings are printed (as before)
    out, rc = run(small, "sts graph, by(g) risktable(0 10, size(junk))", stop_on_error=False)
    assert rc == 198 and "_d:" not in out
