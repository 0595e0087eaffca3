"""Look-alike of the replication file of a Journal of Human Rights article (survey respondents
in countries with country-level protest counts): country code ``ccode`` and name ``country``;
the binary items ``q6`` and ``q5`` and the four-category ``q3``; respondent items ``dd1``
(9 = missing code), ``dd2a``, ``dd5a`` and ``dd5`` (99 = missing code), ``dd6a``; country
covariates ``lpolity``, ``lciri_a``, ``lciri_s``, ``llnpop``, ``llngdp`` and the protest counts
over the past five years (``violprotgovtpast5``, ``nonvprotgovtpast5``, ``violprotpast5``,
``nonvprotpast5``, ``attackatallpast5``)."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=2013)
    ids = d.nested(("ccode", 18), (None, (40, 70)))
    c = ids["ccode"]
    d.columns["ccode"] = c * 10 + 400
    names = np.array([f"Country {k:02d}" for k in range(1, 19)], dtype=object)
    d.put("country", names[c - 1], "str10")
    cx = lambda v: d.group_constant(c, v)  # noqa: E731
    lpolity = cx(d.uniform_int(-6, 10))
    lciri_a = cx(d.uniform_int(0, 2))
    lciri_s = cx(d.uniform_int(0, 2))
    llnpop = np.round(cx(d.normal(16.5, 1.0)), 3)
    llngdp = np.round(cx(d.normal(7.5, 0.9)), 3)
    counts = {name: cx(d.rng.poisson(lam, d.n)) for name, lam in
              [("violprotgovtpast5", 4), ("nonvprotgovtpast5", 9), ("violprotpast5", 6),
               ("nonvprotpast5", 14), ("attackatallpast5", 3)]}
    dd1 = d.uniform_int(0, 3)
    dd1[d.rng.random(d.n) < 0.02] = 9
    dd2a = d.binary(0.5)
    age = d.uniform_int(18, 80)
    dd5 = age.copy()
    dd5[d.rng.random(d.n) < 0.02] = 99
    dd5a = np.minimum(age // 15, 5)
    dd5a[dd5 == 99] = 99
    dd6a = d.uniform_int(0, 6)
    u = d.effect(c, 0.6)
    eta6 = -0.3 + 0.08 * np.where(dd1 == 9, 1, dd1) + 0.15 * dd6a / 3 + 0.04 * lpolity \
        + 0.05 * np.log1p(counts["violprotgovtpast5"]) + u
    eta5 = 0.2 - 0.05 * lpolity + 0.1 * dd2a + 0.8 * u + d.normal(0, 0.2)
    d.put("q6", d.bernoulli_logit(eta6), "byte")
    d.put("q5", d.bernoulli_logit(eta5), "byte")
    d.put("q3", d.ordinal(-0.5 * eta6, [-1.0, 0.0, 1.2]), "byte")
    d.put("dd1", dd1, "byte")
    d.put("dd2a", dd2a, "byte")
    d.put("dd5a", dd5a, "byte")
    d.put("dd5", dd5, "byte")
    d.put("dd6a", dd6a, "byte")
    d.put("lpolity", lpolity, "byte")
    d.put("lciri_a", lciri_a, "byte")
    d.put("lciri_s", lciri_s, "byte")
    d.put("llnpop", llnpop, "float")
    d.put("llngdp", llngdp, "float")
    for name, values in counts.items():
        d.put(name, values, "int")
    return d.dataset()
