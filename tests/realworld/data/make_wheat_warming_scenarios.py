"""Look-alike of ``WarmingScenarios.dta`` of the wheat cultivar study: one row of freezing and
temperature-bin exposures under the baseline (``S0``) and +1 to +3 degree scenarios
(``frS0`` ... ``BinExp30_infS3``)."""
import numpy as np

from lookalike import LookAlike

BINS = ["fr", "BinExp0_4", "BinExp5_9", "BinExp10_14", "BinExp15_19", "BinExp20_24", "BinExp25_29",
        "BinExp30_inf"]


def make():
    d = LookAlike(seed=2021)
    d.rows(1)
    base = [5.0, 300, 265, 230, 195, 160, 125, 8]
    for k, name in enumerate(BINS):
        for s in range(4):
            shift = (-0.8 * s if name == "fr" else (-10 * s if k < 5 else 12 * s))
            d.put(f"{name}S{s}", np.float32(base[k] + shift), "float")
    return d.dataset()
