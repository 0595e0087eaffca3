"""The reference values of tests/fractional_reference (R scripts' ``tag what v1 v2 ...`` lines)
and the data they were computed from, for the fracreg/binreg/hetprob/betareg/scobit/grouped tests."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).parent / "fractional_reference"


def reference(stem: str) -> dict:
    """``{(tag, what): values}`` from ``<stem>.out``."""
    out: dict = {}
    for line in (HERE / f"{stem}.out").read_text().splitlines():
        tag, what, *values = line.split()
        out[(tag, what)] = np.array([float(v) for v in values])
    return out


def data(stem: str) -> pd.DataFrame:
    return pd.read_csv(HERE / f"{stem}.csv").astype(float)


def estimates(s, order):
    """e(b) and the standard errors of e(V) in R's ``order`` of the columns."""
    b = s.e.matrices["b"].values.ravel()[order]
    se = np.sqrt(np.diag(s.e.matrices["V"].values))[order]
    return b, se
