"""Look-alike of ``currylee-JOP-data.dta`` (Curry and Lee's significant laws, 100th-114th
Congresses): one row per law with Congress ``cong`` (100-114), major policy topic ``major``
(Policy Agendas codes 1-21 less 11 and 22), an appropriations flag ``approps``, process
indexes in [0, 1] ``hcomm_index scomm_index allcomm_index hfloor_index sfloor_index
allfloor_index`` (unorthodox bill development / management, rising over Congresses), the
minority party's share supporting the law on initial and final House passage
``house1_percmin housef_percmin`` and 0/1 party-vote flags ``house1_pv50 house1_pv90
housef_pv50 housef_pv90`` (90% party votes rare before the 107th Congress), with crossed
Congress and topic effects."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=1203)
    d.rows(430)
    cong = d.uniform_int(100, 114)
    major = np.array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21])[d.uniform_int(0, 19)]
    trend = (cong - 100) / 14.0
    d.put("cong", cong, "int")
    d.put("major", major, "byte")
    d.put("approps", d.binary(0.15), "byte")
    u_cong, u_major = d.effect(cong, 0.5), d.effect(major, 0.4)
    for name, base in [("hcomm_index", 0.15), ("scomm_index", 0.2), ("allcomm_index", 0.17),
                       ("hfloor_index", 0.2), ("sfloor_index", 0.25), ("allfloor_index", 0.22)]:
        raw = base + 0.3 * trend + d.rng.beta(2, 5, d.n) * 0.5 - 0.1
        d.put(name, np.round(np.clip(raw, 0, 1), 4), "float")
    comm, floor = d.columns["hcomm_index"], d.columns["hfloor_index"]
    for stage, c, f in [("1", comm, floor), ("f", d.columns["allcomm_index"], d.columns["allfloor_index"])]:
        eta = 0.9 - 1.2 * c - 1.5 * f + u_cong + u_major
        percmin = 1.0 / (1.0 + np.exp(-(eta + d.normal(0, 0.8))))
        d.put(f"house{stage}_percmin", np.round(percmin, 4), "float")
        d.put(f"house{stage}_pv50", d.bernoulli_logit(-1.2 + 1.5 * c + 1.6 * f - u_cong - u_major), "byte")
        late = (cong > 106).astype(float)
        d.put(f"house{stage}_pv90", d.bernoulli_logit(-3.0 + 1.2 * c + 1.4 * f + 1.2 * late - u_cong)
              * (late + (1 - late) * d.binary(0.0)), "byte")
    return d.dataset()
