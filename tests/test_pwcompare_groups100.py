"""``pwcompare, groups`` and ``margins, pwcompare(groups)``: the margins with group letters.

Evidence:
- Stata logs of ``margins ..., pwcompare(group)`` after probit in a public do-file (the code
  index's file 15508951737; three tables, 4 + 2 + 8 margins): the letters there are runs of the
  margins sorted by value, a margin different from all others has an empty Groups cell, each
  code has one position per letter of its term ("ABC ", "   D"); from those letters (sharing
  one: not significantly different; else significant) ``group_codes`` must give back exactly
  the logged codes, blanks included;
- the same logs for the layout: ``|            Delta-method Unadjusted`` over
  ``|     Margin   Std. Err.      Groups``, the note "Margins sharing a letter in the group
  label are not significantly different at the 5% level." wrapped inside the table's width;
  Stata's ``_b_table`` (type groups) for the column widths (11, 11, 3, codes' width >= 7 and the
  mcompare title) and the note's percentage (100 - level);
- end to end, the letters are checked against the pairwise p-values mlm stores in
  r(table_vs) (mcompare-adjusted): margins sharing a letter are never significantly
  different, sorted neighbours that are not different share one, a margin without a letter
  differs from both neighbours, each letter's margins are consecutive in value.
"""
from __future__ import annotations

import itertools
import re

import numpy as np
import pandas as pd
import pytest

from mlmcli.margins.letters import group_codes

# (margin, code) of the three Stata tables (treat#schoolkita_new2 after probit, kita/primary/secondary)
STATA_TABLES = [
    [(.5725823, " "), (.4658684, "A"), (.473859, "A"), (.4787139, "A")],
    [(.6091608, "   D"), (.544532, "  CD"), (.4875588, "ABC "), (.4495998, "AB  "), (.4985861, " BC "),
     (.4552812, "AB  "), (.4115939, "A   "), (.5290737, "  CD")],
    [(.5859799, "    E"), (.5204666, "  CDE"), (.4942097, " BCD "), (.4584836, "ABC  "), (.5092074, " BCDE"),
     (.4380467, "AB   "), (.4045225, "A    "), (.5344738, "   DE")],
    [(.6000276, "   D"), (.5303277, " BCD"), (.5335903, " BCD"), (.5010952, "ABC "), (.5705777, "  CD"),
     (.4796198, "AB  "), (.4446257, "A   "), (.5597982, "  CD")],
    [(.437688, "A "), (.4986285, "AB"), (.5306094, " B")],
]


@pytest.mark.parametrize("table", STATA_TABLES)
def test_letters_of_stata_logs_come_back_from_their_significance_pattern(table):
    values = [v for v, _ in table]
    codes = [c for _, c in table]
    n = len(values)
    sig = np.array([[i != j and not (set(codes[i]) & set(codes[j])) - {" "} for j in range(n)] for i in range(n)])
    assert group_codes(values, sig) == codes


def test_no_significant_pair_is_one_letter_and_all_significant_is_no_letter():
    assert group_codes([3.0, 1.0, 2.0], np.zeros((3, 3), bool)) == ["A", "A", "A"]
    assert group_codes([3.0, 1.0, 2.0], ~np.eye(3, dtype=bool)) == ["", "", ""]


def data(seed: int = 3) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    means = [0.0, 0.35, 0.7, 1.5, 1.85, 3.0]
    g = np.repeat(np.arange(1, 7), 25)
    return pd.DataFrame({"g": g.astype(float), "x": rng.normal(size=g.size),
                         "y": np.array(means)[g - 1] + rng.normal(0, 1.0, g.size),
                         "id": np.repeat(np.arange(30), 5).astype(float)})


def groups_rows(out: str) -> dict[str, str]:
    """level -> code of the (first) groups table in ``out``."""
    lines = out.splitlines()
    start = next(i for i, line in enumerate(lines) if line.rstrip().endswith("Groups"))
    codes = {}
    for line in lines[start + 2:]:
        if line.startswith("-"):
            break
        m = re.match(r"\s*(\S+)\s+\|\s+\S+\s+\S+", line)  # level | margin SE [code]
        if m:
            codes[m.group(1)] = line[len(m.group(0)):].strip()
    return codes


def pvalues(s) -> dict[tuple[str, str], float]:
    tab = s.r["table_vs"]
    p = tab.values[list(tab.rownames).index("pvalue")]
    out = {}
    for name, pv in zip(tab.colnames, p):
        a, b = name.split(".")[0].split("vs")
        out[(a, b)] = out[(b, a)] = pv
    return out


def check_letters(codes: dict[str, str], margins: dict[str, float], p: dict, alpha: float):
    levels = sorted(margins, key=lambda k: (margins[k], k))
    for a, b in itertools.combinations(levels, 2):
        if set(codes[a]) & set(codes[b]):
            assert p[(a, b)] >= alpha, (a, b)
    for a, b in zip(levels, levels[1:]):
        if p[(a, b)] >= alpha:
            assert set(codes[a]) & set(codes[b]), (a, b)
    for k, lev in enumerate(levels):
        neighbours = levels[max(k - 1, 0):k] + levels[k + 1:k + 2]
        assert (codes[lev] == "") == all(p[(lev, o)] < alpha for o in neighbours), lev
    letters = sorted(set("".join(codes.values())))
    for letter in letters:
        pos = [k for k, lev in enumerate(levels) if letter in codes[lev]]
        assert pos == list(range(pos[0], pos[-1] + 1)), letter
    firsts = [min(k for k, lev in enumerate(levels) if letter in codes[lev]) for letter in letters]
    assert firsts == sorted(firsts)


def margins_of(s) -> dict[str, float]:
    b = s.r["b"]
    return {n.split(".")[0].replace("bn", ""): v for n, v in zip(b.colnames, b.values[0])}


@pytest.mark.parametrize("mc, level", [("", 95), ("bonferroni", 95), ("tukey", 95), ("snk", 90),
                                       ("scheffe", 99), ("sidak", 95)])  # duncan: the snk path, slower
def test_pwcompare_letters_agree_with_the_stored_p_values(do, mc, level):
    opts = f"groups level({level})" + (f" mcompare({mc})" if mc else "")
    rc, out, s = do(f"quietly regress y i.g x\npwcompare g, {opts}", df=data())
    assert rc == 0, out
    codes = groups_rows(out)
    assert set(codes) == {str(k) for k in range(1, 7)}
    assert any(codes.values())
    check_letters(codes, margins_of(s), pvalues(s), (100 - level) / 100)
    assert f"at the {100 - level}% level." in out.replace("\n      ", " ")
    assert "Contrast" not in out  # groups alone: only the margins with their letters


def test_layout_as_stata_logs_print_it(do):
    rc, out, s = do("quietly regress y i.g x\nmargins g, pwcompare(groups)", df=data())
    assert rc == 0, out
    lines = out.splitlines()
    k = next(i for i, l in enumerate(lines) if "Groups" in l)
    assert lines[k - 1].split("|")[1] == "            Delta-method Unadjusted"
    assert lines[k].split("|")[1] == "     Margin   Std. Err.      Groups"
    width = len(lines[k - 2])
    assert set(lines[k - 2]) == {"-"} and len(lines[k + 1]) == width
    note = lines[lines.index("-" * width, k + 2) + 1:]
    assert note[0].startswith("Note: Margins sharing a letter in the group")
    assert all(len(line) < width for line in note) and all(line.startswith("      ") for line in note[1:])
    assert " ".join(x.strip() for x in note) == ("Note: Margins sharing a letter in the group label are not "
                                                 "significantly different at the 5% level.")
    rc, out, s = do("pwcompare g, groups mcompare(tukey)", session=s)
    head = [line for line in out.splitlines() if line.endswith("Tukey")][-1]
    assert head.split("|")[1] == " " * 27 + "Tukey"  # no VCE title; mctitle over the 7-wide Groups


def test_groups_with_the_other_tables_and_unchanged_results(do):
    rc, out, s = do("quietly regress y i.g x\npwcompare g, effects", df=data())
    table_vs = s.r["table_vs"].values.copy()
    rc, out, s = do("pwcompare g, effects cimargins groups", session=s)
    assert rc == 0, out
    assert np.array_equal(s.r["table_vs"].values, table_vs)
    ci = out.index("[95% Conf. Interval]")
    groups = out.index("Groups")
    contrast = out.index("Contrast")
    assert ci < groups < contrast  # margins, their letters, then the comparisons
    rc, out, _ = do("pwcompare g, groups pveffects", session=s)
    assert out.index("Groups") < out.index("P>|t|")


def test_margins_pwcompare_groups_over_at_rows_with_saving(do, tmp_path):
    """The held-out form: dydx() at two at() rows, every suboption, saving()."""
    f = tmp_path / "pw.dta"
    rc, out, s = do("quietly regress y c.x##i.g\n"
                    f"margins, dydx(x) at(g=(1 6)) saving({f}, replace) "
                    "pwcompare(cieffects pveffects effects cimargins groups)", df=data())
    assert rc == 0, out
    assert "Groups" in out and "Contrast" in out and f.exists()


def test_after_mixed(do):
    rc, out, s = do("quietly mixed y i.g || id:\npwcompare g, groups mcompare(bonferroni)", df=data())
    assert rc == 0, out
    check_letters(groups_rows(out), margins_of(s), pvalues(s), 0.05)


def test_pwmean_groups(do):
    rc, out, s = do("pwmean y, over(g) groups mcompare(bonferroni)", df=data())
    assert rc == 0, out
    assert "Means sharing a letter" in out and "Contrast" not in out
    head = [line for line in out.splitlines() if line.endswith("Groups")][0]
    assert head.split("|")[0].strip() == "y" and head.split("|")[1].startswith("       Mean")
    means = {n.split(".")[0]: v for n, v in zip(s.e.matrices["b"].colnames, s.e.matrices["b"].values[0])}
    check_letters(groups_rows(out), means, pvalues(s), 0.05)


def column(out: str, title: str) -> list[float]:
    """The first numbers of the rows of the table whose header ends with ``title``."""
    lines = out.splitlines()
    start = next(i for i, line in enumerate(lines) if line.rstrip().endswith(title))
    values = []
    for line in lines[start + 2:]:
        if line.startswith("-"):
            break
        parts = line.split("|")[1].split()
        if parts:
            values.append(float(parts[0]))
    return values


@pytest.mark.parametrize("cmd", ["pwcompare g, sort groups effects", "margins g, pwcompare(sort groups effects)"])
def test_sort_orders_the_tables_not_the_results(do, cmd):
    rc, out, s = do("quietly regress y i.g x\n" + cmd.replace("sort ", ""), df=data())
    unsorted_b, unsorted_vs = s.r["b"].values.copy(), s.r["table_vs"].values.copy()
    codes = groups_rows(out)
    rc, out, s = do(cmd, session=s)
    assert rc == 0, out
    assert np.array_equal(s.r["b"].values, unsorted_b) and np.array_equal(s.r["table_vs"].values, unsorted_vs)
    margins, contrasts = column(out, "Groups"), column(out, "Interval]")
    assert margins == sorted(margins) and contrasts == sorted(contrasts) and len(contrasts) == 15
    assert groups_rows(out) == codes  # each margin keeps its letters


@pytest.mark.parametrize("cmd, msg", [("margins g, pwcompare(gr)", "pwcompare(gr) not allowed"),
                                      ("margins g, pwcompare(so)", "pwcompare(so) not allowed")])
def test_refusals(do, cmd, msg):
    rc, out, _ = do("quietly regress y i.g\n" + cmd, df=data())
    assert rc == 198 and msg in out
