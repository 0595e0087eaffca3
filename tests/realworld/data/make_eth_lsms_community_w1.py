"""Look-alike of the community questionnaire's cover (section 1b) of wave 1 of the Ethiopia
LSMS-ISA panel: one row per enumeration area (``ea_id``, the 40 EAs of the household
files), ``rural`` and the location codes ``sa1q01``-``sa1q07`` (region ... EA number)."""
import numpy as np

from lookalike import LookAlike
from make_eth_lsms_cover_w1 import N_EA, REGION_LABELS, ea_parts, old_ea_id


def make():
    d = LookAlike(seed=3124)
    region, zone, woreda = ea_parts()
    d.rows(N_EA)
    e = np.arange(1, N_EA + 1)
    d.put("ea_id", [old_ea_id(region[k], zone[k], woreda[k], e[k]) for k in range(N_EA)], "str15")
    d.put("rural", np.where(np.isin(region[:N_EA], [14, 15]), 2, 1), "byte")
    d.put("sa1q01", region[:N_EA], "byte", value_labels=REGION_LABELS, label_name="SA1Q01")
    d.put("sa1q02", zone[:N_EA], "byte")
    d.put("sa1q03", woreda[:N_EA], "byte")
    d.put("sa1q04", d.uniform_int(1, 30), "int")
    d.put("sa1q05", d.uniform_int(1, 20), "int")
    d.put("sa1q06", d.uniform_int(1, 15), "int")
    d.put("sa1q07", e, "int")
    d.put("cs1q01", d.uniform_int(1, 2), "byte")
    return d.dataset("Ethiopia LSMS-ISA wave 1 community cover look-alike")
