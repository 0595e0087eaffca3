"""Look-alike of ``torque.csv`` of a youth bone-development study (see ``bone_youth.py``):
``id``, the raw ``sequence`` (dropped by the do-file) and ``new_sequence`` (the occasion's
sequence number, matching dm.csv), tibial speed of sound ``tibial_sos`` and its z-score
``tibial_z``, ``biodex_id`` and Biodex peak knee-extension torque ``pt60``, ``pt240`` and
isometric ``ptiso`` (N m; -9999 where the test was not done)."""
import numpy as np

from bone_youth import occasions
from lookalike import LookAlike


def make():
    d = LookAlike(seed=2304)
    rng, ids, seqs, sess = occasions(2303)
    d.rows(len(ids))
    person = ids - 1000
    n = person.max() + 1
    strength = rng.normal(0, 1, size=n)[person]
    pt60 = np.round(np.exp(4.3 + 0.3 * strength + d.normal(0, 0.1)), 1)
    pt240 = np.round(0.55 * pt60 * np.exp(d.normal(0, 0.08)), 1)
    ptiso = np.round(1.2 * pt60 * np.exp(d.normal(0, 0.08)), 1)
    ptiso[rng.random(len(ids)) < 0.05] = -9999
    tsos = 3700 + 0.6 * pt60 + rng.normal(0, 45, size=n)[person] + d.normal(0, 20)
    d.put("id", ids, "int")
    d.put("sequence", np.arange(1, len(ids) + 1), "int")
    d.put("new_sequence", seqs, "byte")
    d.put("tibial_sos", np.round(tsos, 1), "double")
    d.put("tibial_z", np.round((tsos - tsos.mean()) / tsos.std(), 2), "double")
    d.put("biodex_id", np.arange(5001, 5001 + len(ids)), "int")
    d.put("pt60", pt60, "double")
    d.put("pt240", pt240, "double")
    d.put("ptiso", ptiso, "double")
    return d.dataset()
