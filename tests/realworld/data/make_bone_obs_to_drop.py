"""Look-alike of ``msObsToDrop.dta`` of a youth bone-development study (see ``bone_youth.py``):
the ``id`` and ``sequence`` of 12 occasions the author excluded, with an ``index`` column."""
import numpy as np

from bone_youth import occasions
from lookalike import LookAlike


def make():
    d = LookAlike(seed=2305)
    rng, ids, seqs, sess = occasions(2303)
    pick = np.sort(rng.choice(len(ids), size=12, replace=False))
    d.rows(len(pick))
    d.put("index", pick, "int")
    d.put("id", ids[pick], "int")
    d.put("sequence", seqs[pick], "byte")
    return d.dataset()
