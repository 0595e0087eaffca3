"""Look-alike of the household cover page of wave 2 (2013/14) of the Ethiopia LSMS-ISA panel:
the wave-1 households re-interviewed (``household_id`` their wave-1 id, ``household_id2``
the new id built on the new EA id ``ea_id2``) and 8 households in each of 10 EAs new in
wave 2 (``household_id`` and ``ea_id`` empty strings, as in the real file), with the cover
variables of wave 1 plus ``hh_saq12_a``."""
import numpy as np

from lookalike import LookAlike
from make_eth_lsms_cover_w1 import (HH_PER_EA, N_EA, N_NEW_EA, REGION_LABELS, design, ea_parts,
                                    new_ea_id, old_ea_id, put_interview)


def make():
    d = LookAlike(seed=3123)
    region, zone, woreda = ea_parts()
    hh1, hh2, ea1, ea2, reg, eas = [], [], [], [], [], []
    for r, z, w, e, h, kept in design():
        if kept:
            hh1.append(f"{old_ea_id(r, z, w, e)}{h:03d}")
            ea1.append(old_ea_id(r, z, w, e))
            ea2.append(new_ea_id(r, z, w, e))
            hh2.append(f"{new_ea_id(r, z, w, e)}{h:03d}")
            reg.append(r)
            eas.append(e)
    for k in range(N_NEW_EA):
        j = N_EA + k
        e = 201 + k
        for h in range(1, HH_PER_EA + 1):
            hh1.append("")
            ea1.append("")
            ea2.append(new_ea_id(region[j], zone[j], woreda[j], e))
            hh2.append(f"{new_ea_id(region[j], zone[j], woreda[j], e)}{h:03d}")
            reg.append(region[j])
            eas.append(e)
    d.rows(len(hh1))
    d.put("household_id", hh1, "str18")
    d.put("household_id2", hh2, "str18")
    d.put("ea_id", ea1, "str15")
    d.put("ea_id2", ea2, "str15")
    reg = np.asarray(reg)
    d.put("rural", np.where(np.isin(reg, [14, 15]), 3, d.categorical([0.7, 0.2, 0.1])), "byte",
          value_labels={1: "Rural", 2: "Small town", 3: "Large town"}, label_name="RURAL")
    d.put("pw2", np.round(d.group_constant(np.asarray(eas), d.rng.gamma(4, 800, size=d.n)), 3), "double")
    d.put("saq01", reg, "byte", value_labels=REGION_LABELS, label_name="SAQ01")
    for k, hi in ((2, 5), (3, 8), (4, 30), (5, 20), (6, 15), (7, 250), (8, 12)):
        d.put(f"saq0{k}", d.uniform_int(1, hi), "int")
    put_interview(d, "hh_saq12_a", 2006)
    return d.dataset("Ethiopia LSMS-ISA wave 2 household cover look-alike")
