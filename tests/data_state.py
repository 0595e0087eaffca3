"""What "the data are unchanged" means in tests: the frame (values, types, order) and every
piece of metadata, in memory; the bytes of a file on disk."""
from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd

_METADATA = ("var_labels", "value_label_of", "value_labels", "formats", "types", "sortedby", "label", "chars")


def snapshot(session) -> dict:
    """The dataset in memory, deep-copied."""
    data = session.data
    state = {name: repr(getattr(data, name)) for name in _METADATA}
    state["df"] = data.df.copy(deep=True)
    return state


def assert_unchanged(session, before: dict) -> None:
    after = snapshot(session)
    pd.testing.assert_frame_equal(after.pop("df"), before["df"], check_exact=True)
    assert after == {k: v for k, v in before.items() if k != "df"}


def file_digest(path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()
