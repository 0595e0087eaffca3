"""The MCAP summer institute's wide file for dynamic models: all 1,832 of mcapsi_long's people,
``hhidpn age_1-age_4 cesd_1-cesd_4 drinkd_1-drinkd_4``."""
from lookalike import from_frame
from make_mcapsi_long import people


def make():
    long = people()
    wide = long.pivot(index="hhidpn", columns="k", values=["age", "cesd", "drinkd"])
    wide.columns = [f"{name}_{k}" for name, k in wide.columns]
    frame = wide.reset_index()
    frame = frame[["hhidpn"] + [f"{v}_{k}" for v in ("age", "cesd", "drinkd") for k in range(1, 5)]]
    return from_frame(frame, types={name: ("long" if name == "hhidpn" else "byte") for name in frame.columns})
