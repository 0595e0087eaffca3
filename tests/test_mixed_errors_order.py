"""Which error `mixed` reports first: like Stata, names are checked before the sample."""
from __future__ import annotations

def test_no_data_at_all_reports_the_missing_variable(mlm):
    assert mlm("-q", "-c", "clear; mixed y x || g:").stdout.endswith("variable y not found\nr(111);\n")


def test_variables_without_observations_report_no_observations(mlm):
    out = mlm("-q", "-c", "clear; set obs 3; gen y = .; gen x = .; gen g = .; mixed y x || g:").stdout
    assert out.endswith("no observations\nr(2000);\n")
