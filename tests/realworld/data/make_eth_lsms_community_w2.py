"""Look-alike of the community questionnaire's cover (section 1b) of wave 2 of the Ethiopia
LSMS-ISA panel: the 40 wave-1 EAs (``ea_id`` the wave-1 id, ``ea_id2`` the new one), the 10
EAs new in wave 2 (``ea_id`` empty) and two EAs split off old ones whose rows repeat an old
``ea_id`` -- in the real file the two ``ea_id2`` values 010501088800105 and 130101088800303,
which the do-file blanks before appending."""
import numpy as np

from lookalike import LookAlike
from make_eth_lsms_cover_w1 import N_EA, N_NEW_EA, REGION_LABELS, ea_parts, new_ea_id, old_ea_id


def make():
    d = LookAlike(seed=3125)
    region, zone, woreda = ea_parts()
    ea1, ea2, reg = [], [], []
    for k in range(N_EA):
        ea1.append(old_ea_id(region[k], zone[k], woreda[k], k + 1))
        ea2.append(new_ea_id(region[k], zone[k], woreda[k], k + 1))
        reg.append(region[k])
    for k in range(N_NEW_EA):
        j = N_EA + k
        ea1.append("")
        ea2.append(new_ea_id(region[j], zone[j], woreda[j], 201 + k))
        reg.append(region[j])
    for k, special in ((3, "010501088800105"), (17, "130101088800303")):
        ea1.append(ea1[k])
        ea2.append(special)
        reg.append(int(special[:2]))
    d.rows(len(ea1))
    d.put("ea_id", ea1, "str15")
    d.put("ea_id2", ea2, "str15")
    reg = np.asarray(reg)
    d.put("sa1q01", reg, "byte", value_labels=REGION_LABELS, label_name="SA1Q01")
    d.put("sa1q02", [int(s[2:4]) for s in ea2], "byte")
    d.put("sa1q03", [int(s[4:6]) for s in ea2], "byte")
    d.put("sa1q04", d.uniform_int(1, 30), "int")
    d.put("sa1q05", d.uniform_int(1, 20), "int")
    d.put("sa1q06", d.uniform_int(1, 15), "int")
    d.put("sa1q07", [int(s[-5:]) for s in ea2], "int")
    d.put("cs1q01", d.uniform_int(1, 2), "byte")
    return d.dataset("Ethiopia LSMS-ISA wave 2 community cover look-alike")
