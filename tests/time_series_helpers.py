"""What the time-series tests share: the committed series, the R reference values and a run of a
do-file text on the tsset series (tests/time_series_reference/)."""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

HERE = Path(__file__).parent / "time_series_reference"
SERIES = pd.read_csv(HERE / "series.csv").astype(float)


def reference(name: str) -> dict:
    """The values an R script of tests/time_series_reference/ wrote to ``name``.json."""
    return json.loads((HERE / f"{name}.json").read_text())


def run_tsset(do, text: str, tvar: str = "t", data=None):
    """(printed, session) of ``tsset tvar`` then ``text`` on the series (or ``data``); rc must be 0."""
    rc, printed, s = do(f"tsset {tvar}\n" + text, (SERIES if data is None else data).copy())
    assert rc == 0, printed
    return printed, s
