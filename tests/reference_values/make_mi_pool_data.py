"""Writes mi_pool_data.csv: the data of tests/test_mi_estimate.py (_data(seed=7)): y, x, g,
an incomplete z and four imputations z1..z4, for mi_pool_mice.R."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from test_mi_estimate import _data  # noqa: E402

_data(seed=7).to_csv(Path(__file__).with_name("mi_pool_data.csv"), index=False, float_format="%.17g")
