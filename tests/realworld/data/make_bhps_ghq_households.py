"""Look-alike of a summer-school BHPS extract (``bhps_ghq_extract1.dta``): adults ``pid`` in
households ``ohid`` with the GHQ score ``ghq`` (0-36), ``fem``, ``age`` and ``age2``
(centred), ``cohab``, ``emp_10hrs`` (works 10+ hours) and the household-level ``gdn`` (has a
garden); a few values missing, as the lab's ``rmiss`` count expects."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=1991)
    ids = d.nested(("ohid", 900), ("pid", (1, 4)))
    hh = ids["ohid"]
    d.columns["ohid"] = hh * 1000 + 7
    d.columns["pid"] = d.columns["pid"] * 100 + 1
    d.types["ohid"], d.types["pid"] = "long", "long"
    fem = d.binary(0.53)
    age = d.uniform_int(16, 85)
    cohab = d.group_constant(hh, d.binary(0.6))
    emp = np.where((age > 22) & (age < 65), d.binary(0.7), d.binary(0.1))
    gdn = d.group_constant(hh, d.binary(0.8))
    ghq = 11 + 1.2 * fem - 0.8 * emp - 0.4 * cohab - 0.3 * gdn + d.effect(hh, 1.5) + d.normal(0, 4.8)
    d.put("ghq", d.with_missing(np.clip(np.round(ghq), 0, 36), 0.03), "byte")
    d.put("fem", fem, "byte")
    d.put("age", (age - 40) / 10.0, "float")
    d.put("age2", ((age - 40) / 10.0) ** 2, "float")
    d.put("cohab", cohab, "byte")
    d.put("emp_10hrs", d.with_missing(emp, 0.02), "byte")
    d.put("gdn", d.with_missing(gdn, 0.01), "byte")
    return d.dataset()
