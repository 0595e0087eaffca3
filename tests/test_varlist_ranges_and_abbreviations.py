"""Variable lists typed to commands: ranges follow the dataset's order, endpoints and names
take abbreviations (ambiguous ones are r(111)), wildcards, no match."""
from __future__ import annotations

def test_ranges_follow_dataset_order_not_names(four_obs, run):
    s = four_obs
    out, rc = run(s, "describe x1-x2, simple")
    assert rc == 0 and out.split() == ["x1", "z", "x2"]
    run(s, "order x2")
    out, rc = run(s, "describe x2 - x1, simple")          # spaces around the dash
    assert rc == 0 and out.split() == ["x2", "a", "x1"]
    out, rc = run(s, "drop a-x1")
    assert rc == 0 and list(s.data.df.columns) == ["x2", "z"]


def test_range_endpoints_take_abbreviations_and_unknown_ends_are_r111(four_obs, run):
    s = four_obs
    out, rc = run(s, "describe a-z, simple")
    assert rc == 0 and out.split() == ["a", "x1", "z"]
    out, rc = run(s, "summarize a-nosuch")
    assert rc == 111 and "variable nosuch not found" in out


def test_ambiguous_abbreviation_in_a_command_is_r111(four_obs, run):
    s = four_obs
    out, rc = run(s, "summarize x")
    assert rc == 111 and out.startswith("x ambiguous abbreviation\n") and out.rstrip().endswith("r(111);")
    out, rc = run(s, "summarize x2")                   # an exact name is never ambiguous
    assert rc == 0 and "x2 |" in out
    run(s, "drop x1")
    out, rc = run(s, "summarize x")                    # now unique: x2
    assert rc == 0 and "x2 |" in out


def test_wildcards_and_no_match(four_obs, run):
    s = four_obs
    out, rc = run(s, "describe x*, simple")
    assert rc == 0 and out.split() == ["x1", "x2"]
    out, rc = run(s, "describe ?, simple")
    assert rc == 0 and out.split() == ["a", "z"]
    out, rc = run(s, "describe q*")
    assert rc == 111 and "variable q* not found" in out
