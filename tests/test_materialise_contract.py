"""Dataset.materialise and LazyDataset.materialise are one contract: the same signature
(``what``: the command needing the rows, for a refusal), so a caller need not know which it has."""
from __future__ import annotations

import inspect

import numpy as np

from mlmcli.dataset import Dataset
from mlmcli.lazydata.table import LazyDataset


def test_same_signature():
    assert inspect.signature(Dataset.materialise) == inspect.signature(LazyDataset.materialise)


def test_column_store_materialises_with_a_command_name():
    ds = Dataset()
    ds.set_columns({"x": np.arange(3.0)}, 3)
    assert ds.held_as_columns
    ds.materialise("list with by")
    assert not ds.held_as_columns and list(ds.df["x"]) == [0.0, 1.0, 2.0]
