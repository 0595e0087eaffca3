"""The data and reference values of test_descriptive_estimation.py and test_ci.py
(descriptive_estimation_reference/: data.csv, reference.R's reference.json, published Stata
output)."""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

REF = Path(__file__).parent / "descriptive_estimation_reference"
VALUES = json.loads((REF / "reference.json").read_text())
STATA = json.loads((REF / "published_stata.json").read_text())


def frame() -> pd.DataFrame:
    """data.csv, every variable double."""
    return pd.read_csv(REF / "data.csv").astype(float)
