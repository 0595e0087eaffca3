"""query ([R] query): the settings mlm keeps, by section, with the values set changes; the
sections mlm keeps nothing for are refused."""
from __future__ import annotations


def test_query_sections_follow_set(do):
    rc, out, s = do("set level 90\nset linesize 80\nset varabbrev off\nquery")
    assert rc == 0
    for line in ("    set level                90  percent", "    set linesize             80  characters",
                 "    set varabbrev            off", "    set maxiter              16000",
                 "    set tracedepth           32000", "    Output settings", "    Other settings"):
        assert line in out.splitlines(), line
    assert "-" * 79 in out.splitlines()
    rc, out, s = do("query trace")
    assert "Trace (programming debugging) settings" in out and "Output settings" not in out
    rc, out, s = do("q memory")
    assert "    set matsize              400" in out and "set trace" not in out


def test_query_refusals(do):
    rc, out, s = do("query graphics")
    assert rc == 198 and "keeps no graphics settings" in out
    rc, out, s = do("query bogus")
    assert rc == 198 and "invalid query" in out
