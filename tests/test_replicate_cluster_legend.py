"""``(Replications based on G clusters in v)`` over the table of every command whose
vce(bootstrap|jackknife) or bootstrap:/jackknife: prefix draws the clusters of cluster(v)
(_coef_table's legend, as bootstrap.ado's replay prints it: Stata 12's ``bootstrap, cluster(id):
xtmixed ...`` shows it right-aligned over the table; docs/bootstrap_options.md)."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LEGEND = "                                 (Replications based on 13 clusters in school)"
SETUP = (f"use {ROOT / 'samples/data/hsb.dta'}, clear\nkeep if school < 1500\ngen hi = mathach > 13\n"
         "gen cat = 1 + (mathach>8) + (mathach>16)\ngen cnt = round(abs(mathach)/3)\n")


def _table_lines(out: str) -> list[str]:
    return out.split("\n")


@pytest.mark.parametrize("fit", ["regress mathach ses", "logit hi ses", "logistic hi ses", "probit hi ses",
                                 "cloglog hi ses", "poisson cnt ses", "nbreg cnt ses", "ologit cat ses",
                                 "oprobit cat ses"])
@pytest.mark.parametrize("kind", ["bootstrap", "jackknife"])
def test_vce_and_prefix_print_the_clusters_over_the_table(new_session, run, fit, kind):
    reps = " reps(5) seed(1)" if kind == "bootstrap" else ""
    for line in (f"{fit}, vce({kind}, cluster(school) nodots{reps})",
                 f"{kind}, cluster(school) nodots{reps}: {fit}"):
        s = new_session()
        out, rc = run(s, SETUP + line, stop_on_error=False)
        assert rc == 0, out
        lines = _table_lines(out)
        at = lines.index(LEGEND)
        assert lines[at - 1] == "" and lines[at + 1] == "-" * 78  # between the header's blank and the table
        assert s.e.scalars["N_clust"] == 13 and s.e.macros["clustvar"] == "school"


def test_regress_bootstrap_replay_keeps_the_legend(new_session, run):
    s = new_session()
    out, rc = run(s, SETUP + "regress mathach ses, vce(bootstrap, cluster(sch) nodots reps(5) seed(1))")
    assert LEGEND in out.split("\n")
    again, _ = run(s, "regress")
    assert again.split("\n").count(LEGEND) == 1
    assert out.rstrip().endswith(again.strip())


def test_no_legend_without_cluster(new_session, run):
    out, rc = run(new_session(), SETUP + "logit hi ses, vce(bootstrap, nodots reps(5) seed(1))\n"
                  "regress mathach ses, vce(bootstrap, nodots reps(5) seed(1))")
    assert "Replications based on" not in out


@pytest.mark.parametrize("fit", ["tobit mathach ses, ll(0)", "mixed mathach ses || school:"])
def test_replayed_commands_under_the_prefix_print_it(new_session, run, fit):
    out, rc = run(new_session(), SETUP + f"bootstrap, cluster(school) nodots reps(5) seed(1): {fit}")
    lines = out.split("\n")
    at = lines.index(LEGEND)
    assert lines[at + 1] == "-" * 78 and lines.count(LEGEND) == 1
