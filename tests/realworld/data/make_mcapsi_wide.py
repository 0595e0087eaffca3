"""The MCAP summer institute's wide file for latent growth models: 956 of mcapsi_long's people
(those the look-alike keeps as answering every wave), ``hhidpn fem rce cesd_1-cesd_4
drinkd_1-drinkd_4``."""
import numpy as np

from lookalike import from_frame
from make_mcapsi_long import people


def make():
    long = people()
    wide = long.pivot(index="hhidpn", columns="k", values=["cesd", "drinkd"])
    wide.columns = [f"{name}_{k}" for name, k in wide.columns]
    first = long.groupby("hhidpn")[["fem", "rce"]].first()
    frame = first.join(wide).reset_index()
    keep = np.random.default_rng(956).choice(len(frame), 956, replace=False)
    frame = frame.iloc[np.sort(keep)].reset_index(drop=True)
    frame = frame[["hhidpn", "fem", "rce"] + [f"cesd_{k}" for k in range(1, 5)]
                  + [f"drinkd_{k}" for k in range(1, 5)]]
    return from_frame(frame, types={name: ("long" if name == "hhidpn" else "byte") for name in frame.columns})
