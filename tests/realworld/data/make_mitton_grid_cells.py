"""Look-alike of Mitton (2016)'s ``missingiso.dta -- 0.5-degree cells of each region (isocode, latitude, longitude), sorted by latitude longitude`` (see ``mitton_subnations.py``)."""
from mitton_subnations import grid_cells


def make():
    return grid_cells()
