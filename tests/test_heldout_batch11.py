"""Fixes from the eleventh held-out batch (tests/realworld/README.md):

* ``tab cattot sx24hrs, r`` (heldout/petito): tabulate twoway's options abbreviate as its help
  file underlines them -- ``r:ow``, ``co:lumn``, ``ce:ll``, ``e:xact``, ``nof:req``, ``nol:abel``
  (tabulate_twoway.sthlp 1.3.22);
* ``set graph off`` (heldout/anon-soep-wealth-health): ``set g:raphics`` takes every
  abbreviation down to ``g``;
* ``bootstrap, cluster(eid) idcluster(newid) group(eid) reps(50): meqrlogit ...`` (heldout/petito):
  bootstrap's ``group()`` is renumbered in each replicate as _loop_bs.ado 1.2.0 does after
  bsample -- sorted by strata, idcluster and the group, then numbered by distinct combination,
  so each drawn copy of a cluster holds groups of its own;
* ``binslogit`` (binsreg package) and ``grc1leg2`` are refused by name (r(199) with a line
  saying what they are).
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


def _two_by_three():
    y = np.array([0, 0, 0, 1, 1, 0, 1, 0, 1, 1, 0, 0], float)
    x = np.array([1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3], float)
    return pd.DataFrame({"y": y, "x": x})


def _percent_rows(out: str) -> list[list[float]]:
    """The second line of each row block (the percentages) as numbers."""
    lines = out.splitlines()
    rows = []
    for i, line in enumerate(lines):
        if line.strip().startswith(("0 |", "1 |")) and i + 1 < len(lines):
            rows.append([float(v) for v in lines[i + 1].replace("|", " ").split()])
    return rows


@pytest.mark.parametrize("typed, axis", [("r", 1), ("ro", 1), ("co", 0), ("col", 0)])
def test_tabulate_row_and_column_abbreviations(new_session, run, typed, axis):
    df = _two_by_three()
    out, rc = run(new_session(df), f"tab y x, {typed}")
    assert rc == 0, out
    counts = pd.crosstab(df.y, df.x).to_numpy(float)
    share = counts / counts.sum(axis=axis, keepdims=True) * 100
    got = np.array([row[:3] for row in _percent_rows(out)])
    assert np.allclose(got, share, atol=0.006)


def test_tabulate_cell_and_exact_abbreviations(new_session, run):
    out, rc = run(new_session(_two_by_three()), "tab y x, ce e")
    assert rc == 0, out
    assert "cell percentage" in out and "Fisher's exact" in out


@pytest.mark.parametrize("typed", ["c", "ex"])
def test_tabulate_too_short_or_unknown_abbreviations_refused(new_session, run, typed):
    """``c`` abbreviates none of column (co), cell (ce) and chi2 (ch); ``ex`` is neither exact's
    e nor expected's exp -- it abbreviates exact (e:xact), so only ``c`` is refused."""
    out, rc = run(new_session(_two_by_three()), f"tab y x, {typed}")
    if typed == "c":
        assert rc == 198 and "option c not allowed" in out
    else:
        assert rc == 0 and "Fisher's exact" in out


@pytest.mark.parametrize("typed", ["graph", "gra", "graphic", "graphics"])
def test_set_graphics_abbreviations(new_session, run, typed):
    out, rc = run(new_session(), f"set {typed} off\nset {typed} on")
    assert rc == 0, out


def test_set_graphics_rejects_other_words(new_session, run):
    out, rc = run(new_session(), "set graphx off")
    assert rc != 0


def _clusters(n_clusters=12, size=3, seed=5):
    rng = np.random.default_rng(seed)
    eid = np.repeat(np.arange(1.0, n_clusters + 1), size)
    return pd.DataFrame({"eid": eid, "y": rng.normal(size=eid.size)})


def test_bootstrap_group_renumbers_each_drawn_copy(new_session, run):
    """tabulate's r(r) counts the distinct values of eid.  With group(eid) every drawn copy of a
    cluster is a group of its own, so each replicate has 12 (the observed value) and the
    bootstrap standard error is 0; without group() repeated draws share their eid and most
    replicates count fewer."""
    df = _clusters()
    s = new_session(df)
    out, rc = run(s, "bootstrap k=r(r), cluster(eid) idcluster(newid) group(eid) reps(20) seed(11) nodots: "
                     "tabulate eid\ndisplay _se[k]")
    assert rc == 0, out
    assert float(out.strip().splitlines()[-1]) == 0

    s2 = new_session(df)
    out2, rc2 = run(s2, "bootstrap k=r(r), cluster(eid) idcluster(newid) reps(20) seed(11) nodots: "
                        "tabulate eid\ndisplay _se[k]")
    assert rc2 == 0, out2
    assert float(out2.strip().splitlines()[-1]) > 0


def test_bootstrap_group_leaves_the_data_alone(new_session, run):
    df = _clusters()
    s = new_session(df)
    out, rc = run(s, "bootstrap _b, cluster(eid) idcluster(newid) group(eid) reps(3) seed(2) nodots: "
                     "regress y")
    assert rc == 0, out
    assert np.array_equal(s.data.df["eid"].to_numpy(float), df["eid"].to_numpy(float))
    assert "newid" in s.data.varnames


def test_renumber_groups_follows_loop_bs():
    """The replicate's data: sorted stably by idcluster then the group, the group numbered by
    distinct (idcluster, group) pair and moved to the end as a float."""
    from mlmcli.commands.estimation.replicate_explist import renumber_groups
    from mlmcli.dataset import Dataset

    ds = Dataset(df=pd.DataFrame({"g": [7.0, 3.0, 7.0, 3.0, 7.0], "cid": [2.0, 1.0, 1.0, 2.0, 2.0],
                                  "v": [1.0, 2.0, 3.0, 4.0, 5.0]}))
    renumber_groups(ds, {"group": "g", "idcluster": "cid", "strata": None})
    assert list(ds.varnames) == ["cid", "v", "g"]
    assert ds.types["g"] == "float"
    # sorted by (cid, g): (1,3) v2, (1,7) v3, (2,3) v4, (2,7) v1, (2,7) v5
    assert ds.df["v"].tolist() == [2.0, 3.0, 4.0, 1.0, 5.0]
    assert ds.df["g"].tolist() == [1.0, 2.0, 3.0, 4.0, 4.0]


def test_bootstrap_group_of_unknown_variable(new_session, run):
    out, rc = run(new_session(_clusters()), "bootstrap k=r(N), cluster(eid) idcluster(newid) group(nosuch) "
                                            "reps(2) nodots: summarize y")
    assert rc == 111


def test_binsreg_commands_and_grc1leg2_refused_by_name(new_session, run):
    """Stata 13's "unrecognized command" r(199) for each, and a second line naming the package."""
    cases = {"binslogit y x, ci(2 2) by(sex)": "binsreg", "binsreg y x": "binsreg",
             "grc1leg2 g1 g2, ycommon legendfrom(g2)": "grc1leg"}
    for line, words in cases.items():
        name = line.split()[0]
        out, rc = run(new_session(), line)
        said = out.splitlines()
        where = said.index(f"unrecognized command:  {name}")
        assert rc == 199 and said[where + 1].startswith(f"({name} is ") and words in said[where + 1], out


def test_bootstrap_group_needs_idcluster(new_session, run):
    out, rc = run(new_session(_clusters()), "bootstrap k=r(N), cluster(eid) group(eid) reps(2) nodots: summarize y")
    assert rc == 198 and "group() can only be specified with the idcluster() option" in out
