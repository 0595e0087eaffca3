"""Look-alike of Mitton (2016)'s ``Biome Data.dta -- biome areas (fid_biomes, biome_area) by isocode`` (see ``mitton_subnations.py``)."""
from mitton_subnations import biomes


def make():
    return biomes()
