"""Look-alike of the household cover page of wave 1 (2011/12) of the Ethiopia LSMS-ISA
household panel: one row per household, 8 households in each of 40 enumeration areas
(``ea_id``, a 15-digit string: region, zone, woreda and the area's number), the string
``household_id`` (the EA's id and a 3-digit household number), ``rural``, the sampling
weight ``pw``, the location codes ``saq01``-``saq08`` (``saq01`` the region, value label
``SAQ01``) and interview details ``hh_saq09`` ... ``hh_saq13_c``.

``design()`` is shared by the wave-2 cover, the roster/education modules and the
community files, so that ids match across the files as in the real panel."""
import numpy as np

from lookalike import LookAlike

REGIONS = [1, 3, 4, 7, 14, 2, 5, 6, 12, 13, 15]
REGION_LABELS = {r: f"Region {r}" for r in [1, 2, 3, 4, 5, 6, 7, 12, 13, 14, 15]}
N_EA, HH_PER_EA, N_NEW_EA = 40, 8, 10


def ea_parts(seed: int = 3120):
    """(region, zone, woreda) of the 40 wave-1 EAs and of the 10 EAs new in wave 2."""
    rng = np.random.default_rng(seed)
    n = N_EA + N_NEW_EA
    region = np.asarray(REGIONS)[rng.integers(0, len(REGIONS), size=n)]
    zone = rng.integers(1, 6, size=n)
    woreda = rng.integers(1, 9, size=n)
    return region, zone, woreda


def old_ea_id(r, z, w, e):
    return f"{r:02d}{z:02d}{w:02d}1010{e:05d}"


def new_ea_id(r, z, w, e):
    return f"{r:02d}{z:02d}{w:02d}0888{e:05d}"


def design():
    """Wave-1 households: region, zone, woreda, EA number, household number; which of them are
    re-interviewed in wave 2 (about 85%)."""
    region, zone, woreda = ea_parts()
    rows = []
    rng = np.random.default_rng(3121)
    for e in range(N_EA):
        for h in range(1, HH_PER_EA + 1):
            rows.append((region[e], zone[e], woreda[e], e + 1, h, rng.random() < 0.85))
    return rows


def put_interview(d: LookAlike, middle: str, year: int) -> None:
    """Household size check, one wave-specific item and the interview date (day, month,
    Ethiopian-calendar year)."""
    d.put("hh_saq09", d.uniform_int(2, 9), "byte")
    d.put(middle, d.uniform_int(1, 3), "byte")
    d.put("hh_saq13_a", d.uniform_int(1, 28), "byte")
    d.put("hh_saq13_b", d.uniform_int(1, 12), "byte")
    d.put("hh_saq13_c", np.full(d.n, year), "int")


def make():
    d = LookAlike(seed=3122)
    rows = design()
    d.rows(len(rows))
    r = np.array([x[0] for x in rows])
    z = np.array([x[1] for x in rows])
    w = np.array([x[2] for x in rows])
    e = np.array([x[3] for x in rows])
    h = np.array([x[4] for x in rows])
    ea = [old_ea_id(*t) for t in zip(r, z, w, e)]
    d.put("household_id", [f"{a}{k:03d}" for a, k in zip(ea, h)], "str18")
    d.put("ea_id", ea, "str15")
    rural = np.where(np.isin(r, [14, 15]), 2, d.binary(0.8) + 1)
    d.put("rural", rural, "byte", value_labels={1: "Rural", 2: "Small town"}, label_name="RURAL")
    d.put("pw", np.round(d.group_constant(e, d.rng.gamma(4, 900, size=d.n)), 3), "double")
    d.put("saq01", r, "byte", value_labels=REGION_LABELS, label_name="SAQ01")
    d.put("saq02", z, "byte")
    d.put("saq03", w, "byte")
    d.put("saq04", d.group_constant(e, d.uniform_int(1, 30)), "int")
    d.put("saq05", d.group_constant(e, d.uniform_int(1, 20)), "int")
    d.put("saq06", d.group_constant(e, d.uniform_int(1, 15)), "int")
    d.put("saq07", e, "int")
    d.put("saq08", h, "int")
    put_interview(d, "hh_saq10", 2004)
    return d.dataset("Ethiopia LSMS-ISA wave 1 household cover look-alike")
