"""Writes pins.json: ``sts_graph_st_ct.km_frame``'s columns for a few generated st data sets
(delayed entry, ids with several records, ties, frequency weights, two groups) under every mode
and statistic.  Run from the checkout's root; the committed file was written by the code before
km_frame's S, H and Vh came from ``survival.kaplan_meier``'s shared steps (commit b80ae349), so
tests/test_sts_graph_km_frame_shared.py holds the numbers the same after the change."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from mlmcli.commands.survival.sts_graph_st_ct import km_frame, last_records  # noqa: E402

MODES = {"plain": {}, "enter": {"enter": True}, "atrisk": {"atrisk": True}, "lost": {"lost": True},
         "atrisk_lost": {"atrisk": True, "lost": True}, "censored": {"censored": True}}
STATISTICS = ("survival", "failure", "cumhaz")


def data_sets():
    """name -> [(t0, t, d, w, last)] per group."""
    out = {}
    rng = np.random.default_rng(20261205)
    for name, (groups, n, entry, ids, weighted) in {
            "simple": (1, 12, False, False, False), "delayed": (2, 40, True, False, False),
            "ids": (2, 30, True, True, False), "weighted": (2, 35, True, False, True)}.items():
        sets = []
        for _ in range(groups):
            t = np.round(rng.exponential(5.0, n), 0) + 1.0  # ties
            t0 = np.where(rng.random(n) < 0.4, np.floor(t * rng.random(n)), 0.0) if entry else np.zeros(n)
            d = (rng.random(n) < 0.7).astype(float)
            w = rng.integers(1, 4, n).astype(float) if weighted else np.ones(n)
            id_ = rng.integers(0, n // 3, n).astype(float) if ids else None
            sets.append((t0, t, d, w, last_records(id_, t)))
        out[name] = sets
    return out


def pins() -> dict:
    out = {}
    for dname, groups in data_sets().items():
        for mname, flags in MODES.items():
            mode = {k: flags.get(k, False) for k in ("lost", "enter", "atrisk", "censored")}
            for stat in STATISTICS:
                for tmin, tmax in ((0.0, np.inf), (2.0, 9.0)) if mname == "plain" else ((0.0, np.inf),):
                    f = km_frame(groups, stat, mode, tmin, tmax)
                    key = f"{dname}/{mname}/{stat}/{tmin:g}-{tmax:g}"
                    out[key] = {k: [None if not np.isfinite(x) else float(x) for x in v] for k, v in f.items()}
    return out


def records() -> list[dict]:
    """The records of every data set, for km_reference.R."""
    rows = []
    for dname, groups in data_sets().items():
        for g, (t0, t, d, w, _) in enumerate(groups):
            rows += [{"set": dname, "g": g, "t0": a, "t": b, "d": c, "w": e} for a, b, c, e in zip(t0, t, d, w)]
    return rows


if __name__ == "__main__":
    here = Path(__file__).parent
    if "--records" in sys.argv:  # the R script's input
        import csv

        with open(here / "records.csv", "w", newline="") as fh:
            writer = csv.DictWriter(fh, ["set", "g", "t0", "t", "d", "w"])
            writer.writeheader()
            writer.writerows(records())
    else:
        (here / "pins.json").write_text(json.dumps(pins(), sort_keys=True) + "\n")
