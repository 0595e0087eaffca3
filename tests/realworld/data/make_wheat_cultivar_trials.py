"""Look-alike of ``RegressionDataFinal.dta`` of a study of South African wheat cultivar trials
under heat: log yield ``ly`` of cultivar ``cu`` (numbered, with its name ``Cultivar`` and
``Release_Year``) at site ``si`` in ``year`` (1996-2017), precipitation ``prec``, freezing
exposure ``fr``, degree days in temperature bins ``BinExp0_4`` ... ``BinExp25_29`` and
``BinExp30_inf`` (the only variables named Bin*), and the province-year cluster ``ProYear``.
The hottest bin's slope varies by cultivar.  About 1,500 trial plots of 30 cultivars."""
import numpy as np

from lookalike import LookAlike

BINS = ["BinExp0_4", "BinExp5_9", "BinExp10_14", "BinExp15_19", "BinExp20_24", "BinExp25_29", "BinExp30_inf"]


def make():
    d = LookAlike(seed=2020)
    d.rows(1500)
    cu = d.uniform_int(1, 30)
    d.put("cu", cu, "byte")
    release = 1987 + np.arange(30) % 26
    d.put("Cultivar", np.array([f"CV{k:02d}" for k in range(1, 31)])[cu - 1], "str4")
    d.put("Release_Year", release[cu - 1], "int")
    si = d.uniform_int(1, 12)
    d.put("si", si, "byte")
    year = np.maximum(d.uniform_int(1996, 2017), release[cu - 1] + 1)
    d.put("year", np.minimum(year, 2017), "int")
    d.put("ProYear", (si % 4 + 1) * 100 + (np.minimum(year, 2017) - 1996), "int")
    d.put("prec", np.round(np.clip(d.normal(120, 50), 10, 400), 1).astype(np.float32), "float")
    d.put("fr", np.round(np.clip(d.normal(5, 3), 0, 20), 1).astype(np.float32), "float")
    exposures = {}
    for k, name in enumerate(BINS):
        exposures[name] = np.clip(d.normal(300 - 35 * k, 40), 0, None) if k < 6 else np.clip(d.normal(8, 5), 0, None)
        d.put(name, exposures[name].astype(np.float32), "float")
    slope = -0.01 + d.effect(cu, 0.004)
    ly = (3.5 + 0.0015 * d.columns["prec"] - 0.000003 * d.columns["prec"] ** 2 - 0.005 * d.columns["fr"]
          + 0.0002 * exposures["BinExp20_24"] + slope * exposures["BinExp30_inf"] + d.effect(si, 0.2)
          + d.effect(cu, 0.1) + d.normal(0, 0.25))
    d.put("ly", ly.astype(np.float32), "float")
    return d.dataset()
