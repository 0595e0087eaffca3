"""``regress`` and ``mixed`` output against the skeleton of Stata 13's golden blocks.

The numbers differ (generated data), so each line is compared by its
structure: where the ``|``, ``+`` and ``=`` characters sit and which words it
holds.  Golden 07 (``bysort cntryid: regress pbw EDUCM2``) and the fixed-effects
table of golden 14 (``c.educgroupc##i.weurope``).
"""
from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest


GOLDEN = Path(__file__).resolve().parent / "golden"


def _golden(name: str) -> list[str]:
    lines = (GOLDEN / name).read_text().split("\n")
    if lines[0].startswith("// "):
        lines = lines[1:]
    return lines


def _skeleton(line: str) -> tuple:
    marks = tuple(i for i, ch in enumerate(line) if ch in "|+=")
    words = tuple(w for w in re.findall(r"[A-Za-z_>#.()%\[\]]+", line) if re.search(r"[A-Za-z]", w))
    return marks, words


@pytest.fixture
def printed_lines(new_session, run):
    """``printed_lines(df, text, linesize=110)``: the lines ``text`` (echoed) prints over ``df``."""
    def lines(df: pd.DataFrame, text: str, linesize: int = 110) -> list[str]:
        s = new_session(df)
        s.linesize = linesize
        return run(s, text, echo=True)[0].rstrip("\n").split("\n")
    return lines


def test_bysort_regress_matches_golden_07(printed_lines):
    rng = np.random.default_rng(7)
    n = 300
    df = pd.DataFrame({"cntryid": np.repeat([1.0, 2.0], n // 2), "EDUCM2": rng.normal(10, 3, n)})
    df["pbw"] = 0.8 - 0.08 * df["EDUCM2"] + rng.normal(0, 0.9, n)
    got = printed_lines(df, "bysort cntryid: regress pbw EDUCM2")
    want = _golden("07_regress-germany.txt")
    while want and not want[-1]:
        want.pop()  # the golden block: command, separator, Germany, the next separator
    got = got[:len(want)]
    assert [g.startswith("-> cntryid = ") for g in got] == [w.startswith("-> cntryid = ") for w in want]
    for g, w in zip(got, want):
        if w.startswith("-> cntryid"):
            continue
        assert _skeleton(g) == _skeleton(w), f"\n{g}\n{w}"
        assert len(g) == len(w), f"\n{g}\n{w}"  # every field is right-aligned to a fixed column


def test_factor_interaction_table_matches_golden_14(printed_lines):
    rng = np.random.default_rng(14)
    groups, per = 17, 40
    n = groups * per
    c = np.repeat(np.arange(1.0, groups + 1), per)
    df = pd.DataFrame({"cntryid": c, "weurope": (c <= 8).astype(float)})
    for v in ("malem", "EGP45", "EGP711", "EGP21", "EGP22", "EGP2325"):
        df[v] = rng.integers(0, 2, n).astype(float)
    df["agegrandc"] = rng.normal(0, 15, n)
    df["educgroupc"] = rng.normal(0, 3, n)
    u = rng.normal(0, 0.3, groups)[c.astype(int) - 1]
    df["pbw"] = 0.3 + u - 0.5 * df.weurope - 0.05 * df.weurope * df.educgroupc + rng.normal(0, 0.9, n)
    cmd = ("mixed pbw malem agegrandc EGP45 EGP711 EGP21 EGP22 EGP2325 c.educgroupc##i.weurope "
           "|| cntryid: educgroupc, cov(unstructured) nolog")
    got = printed_lines(df, cmd)
    want = _golden("14_cross-level-interaction.txt")

    def fe_table(lines):
        start = next(i for i, line in enumerate(lines) if line.startswith("                 pbw |"))
        end = next(i for i in range(start + 2, len(lines)) if set(lines[i]) == {"-"})
        return lines[start - 1:end + 1]

    g, w = fe_table(got), fe_table(want)
    assert len(g) == len(w)
    for a, b in zip(g, w):
        assert _skeleton(a) == _skeleton(b), f"\n{a}\n{b}"
