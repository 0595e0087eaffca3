"""vce(bootstrap, idcluster(k)) of the panel commands: _vce_parserun (1.3.6) appends
``cluster(tmp) idcluster(panelvar) idclustvar`` (``group(panelvar) idcluster(tmp)`` beside the
command's cluster()), so the typed idcluster() is bootstrap.ado's second one, which its syntax
passes to ``*`` and _get_diopts refuses: "option idcluster() not allowed" r(198).  The same for
stcox/streg with an st id; without one (and for regress, and the prefix) bootstrap's own
"idcluster() can only be specified with the cluster() option" r(198)."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
XT = (f"use {ROOT / 'samples/data/hsb.dta'}, clear\nkeep if school < 1500\ngen hi = mathach > 13\n"
      "xtset school\n")
ST = f"import delimited using {ROOT / 'tests/reference_values/st_replicates_subjects.csv'}, clear\n"
OPTS = "reps(5) seed(1) nodots idcluster(k)"
SECOND = "option idcluster() not allowed"
ALONE = "idcluster() can only be specified with the cluster() option"


@pytest.mark.parametrize("setup, line, message", [
    (XT, f"xtreg mathach ses, re vce(bootstrap, {OPTS})", SECOND),
    (XT, f"xtreg mathach ses, fe vce(bootstrap, {OPTS})", SECOND),
    (XT, f"xtreg mathach ses, fe cluster(school) vce(bootstrap, {OPTS})", SECOND),
    (XT, f"xtlogit hi ses, vce(bootstrap, {OPTS})", SECOND),
    (XT, f"xtlogit hi ses, pa vce(bootstrap, {OPTS})", SECOND),
    (XT, f"xtgee hi ses, vce(bootstrap, {OPTS})", SECOND),
    (XT, f"xtpoisson hi ses, re vce(bootstrap, {OPTS})", SECOND),
    (XT, f"regress mathach ses, vce(bootstrap, {OPTS})", ALONE),
    (XT, f"bootstrap, {OPTS}: xtreg mathach ses, fe", ALONE),
    (ST + "stset t1, id(pid) failure(died)\n", f"stcox x, vce(bootstrap, {OPTS})", SECOND),
    (ST + "stset t1, id(pid) failure(died)\n", f"streg x, dist(weibull) vce(bootstrap, {OPTS})", SECOND),
    (ST + "stset t1, failure(died)\n", f"stcox x, vce(bootstrap, {OPTS})", ALONE),
])
def test_typed_idcluster(new_session, run, setup, line, message):
    s = new_session()
    out, rc = run(s, setup + f"gen keep = 1\n{line}", stop_on_error=False)
    assert rc == 198 and out.rstrip().endswith(f"{message}\nr(198);"), out
    assert "k" not in s.data.df.columns  # nothing made: the error comes before the run
