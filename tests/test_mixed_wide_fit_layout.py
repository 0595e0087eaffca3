"""A wide ``mixed`` fit run end to end (three levels, unstructured slopes, factor
interactions, long names) prints aligned tables no wider than Stata's for the linesize.

The renderer tests build the wide result by hand; this one goes through the interpreter.
"""
from __future__ import annotations

import pytest

from mlmcli.dataset import Dataset

SETUP = """\
set obs 600
set seed 12
gen school_identifier = ceil(_n/60)
gen classroom_identifier = ceil(_n/15)
gen socioeconomic_status_centered = rnormal()
gen female = mod(_n, 2)
gen program_type = mod(_n, 3) + 1
gen outcome = socioeconomic_status_centered*(1+female) + program_type + rnormal() + school_identifier/5
"""
MODEL = ("mixed outcome i.female##c.socioeconomic_status_centered ib2.program_type##i.female"
         " || school_identifier: socioeconomic_status_centered, cov(un)"
         " || classroom_identifier: socioeconomic_status_centered, cov(un) nolog")


def _tables(text: str) -> list[list[str]]:
    """Blocks of lines between dashed rules that contain a '|' column (the two tables)."""
    out, cur = [], None
    for line in text.split("\n"):
        if line.startswith("---") and "+" not in line:
            if cur is None:
                cur = []
            else:
                out.append(cur)
                cur = None
        elif cur is not None:
            cur.append(line)
    return [t for t in out if any("|" in l for l in t)]


@pytest.fixture(scope="module")
def printed(new_session, run):
    got = {}
    for linesize in (80, 110):
        got[linesize], rc = run(new_session(Dataset()), SETUP + f"set linesize {linesize}\n" + MODEL + "\n")
        assert rc == 0, got[linesize]
    return got


@pytest.mark.parametrize("linesize,fe_width", [(80, 78), (110, 98)])
def test_wide_fit_width_and_column_alignment(printed, linesize, fe_width):
    text = printed[linesize]
    assert max(len(l) for l in text.split("\n")) <= linesize - 2
    groups, fixed, random = _tables(text)
    assert "Group Variable" in "\n".join(groups) and "Coef." in fixed[0] and "Random-effects Parameters" in random[0]
    for table in (fixed, random):
        bar = table[0].index("|")
        body = [l for l in table if l.strip() and not l.startswith("-")]
        assert all(l[bar] == "|" and l.count("|") == 1 + 2 * l.count("P>|z|") for l in body), table
        assert all(len(l) <= len(table[0]) for l in body)
    assert len(fixed[0]) == fe_width and len(random[0]) == 78   # the RE table never widens
    assert "school_ide~r: Unstructured" in text and "cov(socio~ed,_cons)" in text
    for name in ("school_ide~r |", "classroom_~r |"):                # estat-group-style header rows
        assert name in text


def test_wide_fit_long_factor_labels(printed):
    narrow, wide = printed[80], printed[110]
    # a heading wider than the column goes one line per # part, then after c. (docs/factor_labels.md)
    assert "      female#|\n          c. |\nsocioecono~d |\n" in narrow and "socioecono~d |" in narrow
    assert "program_type#|\n      female |\n" in narrow
    assert "                          female#|\n c.socioeconomic_status_centered |\n" in wide
    assert "   socioeconomic_status_centered |" in wide
    assert "             program_type#female |\n" in wide
    for text in printed.values():                                  # interaction levels "3 1", base rows hidden
        assert "3 1  |" in text and "(base)" not in text
