"""``counted_varlist``: Stata's ``syntax varlist(min= max=)`` count errors, shared by commands."""
import pandas as pd
import pytest

from mlmcli.dataset import Dataset
from mlmcli.errors import StataError
from mlmcli.syntax.varlist import counted_varlist


@pytest.fixture
def data():
    return Dataset(pd.DataFrame({"a": [1.0], "b": [2.0], "c": [3.0]}))


def test_names_within_the_counts(data):
    assert counted_varlist(data, "a-c", 2, 3) == ["a", "b", "c"]


@pytest.mark.parametrize("text, least, most, message, rc", [
    ("a-c", 2, 2, "too many variables specified", 103),
    ("a", 2, 3, "too few variables specified", 102),
    ("", 2, 2, "varlist required", 100),
])
def test_count_errors(data, text, least, most, message, rc):
    with pytest.raises(StataError) as err:
        counted_varlist(data, text, least, most)
    assert (str(err.value.args[0]), err.value.rc) == (message, rc)


def test_nothing_typed_counts_as_none_when_allowed(data):
    with pytest.raises(StataError, match="too few variables specified"):
        counted_varlist(data, "  ", 2, 2, empty_ok=True)
