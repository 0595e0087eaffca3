"""Look-alike of ``ALSPAC_derived.dta`` as the SMFQ-trajectory file reads it (wide, one row per
child): ``aln`` and ``qlet`` (the ALSPAC pregnancy id and the child's letter), ``flag_inclusion``
(0/1, mostly 1), autism diagnosis ``ASD`` and six binary autism traits ``bin_scdc``,
``bin_coherence``, ``bin_repbehaviour``, ``bin_sociability``, ``bin_afms``, ``bin_aPRS``, SMFQ
depression scores ``mfq_t1``-``mfq_t11`` (0-26 at ages 10, 12, 13, 16, 17, 18, 21, 22, 23, 25,
28: a rise in adolescence and a fall after, higher with the traits, a child intercept and age
and age-squared slopes; later waves missing more often) and the covariates ``male``,
``parity`` (0-2), ``matsoc`` (1-3), ``mat_degree``, ``finprob``, ``ant_anx`` and ``post_anx``
(anxiety scores), ``preg_EPDS_bin``, ``postpreg_EPDS_bin``, ``homeowner``, ``dwelltype`` (1-3)
and ``matage``."""
import numpy as np

from lookalike import LookAlike

AGES = (10, 12, 13, 16, 17, 18, 21, 22, 23, 25, 28)


def make():
    d = LookAlike(seed=2704)
    n = 250
    d.rows(n)
    d.put("aln", 30000 + np.sort(d.rng.choice(20000, n, replace=False)), "long")
    d.put("qlet", np.where(d.binary(0.02) == 1, "B", "A").astype(object), "str1")
    d.put("flag_inclusion", 1 - d.binary(0.08), "byte")
    asd = d.binary(0.1)
    d.put("ASD", asd, "byte")
    traits = {"ASD": asd}
    for name in ("bin_scdc", "bin_coherence", "bin_repbehaviour", "bin_sociability", "bin_afms", "bin_aPRS"):
        traits[name] = d.binary(0.12)
        d.put(name, traits[name], "byte")
    male = d.binary(0.48)
    u0, u1, u2 = d.normal(0, 2.0), d.normal(0, 0.25), d.normal(0, 0.02)
    trait_sum = sum(traits.values())
    present = np.ones(n, bool)
    for k, age in enumerate(AGES, start=1):
        if k > 1:
            present &= d.rng.random(n) > 0.08
        c = age - 18
        mfq = 5.5 + 0.5 * trait_sum - 1.2 * male + 0.25 * c - 0.03 * c ** 2 + 0.002 * c ** 3 \
            + u0 + u1 * c + u2 * c ** 2 + d.normal(0, 3.0)
        d.put(f"mfq_t{k}", np.where(present, np.clip(np.round(mfq), 0, 26), np.nan), "byte")
    d.put("male", male, "byte")
    d.put("parity", d.categorical([0.45, 0.35, 0.2], [0, 1, 2]), "byte")
    d.put("matsoc", d.categorical([0.4, 0.4, 0.2], [1, 2, 3]), "byte")
    d.put("mat_degree", d.binary(0.2), "byte")
    d.put("finprob", d.binary(0.3), "byte")
    d.put("ant_anx", d.uniform_int(0, 16), "byte")
    d.put("post_anx", d.uniform_int(0, 16), "byte")
    d.put("preg_EPDS_bin", d.binary(0.15), "byte")
    d.put("postpreg_EPDS_bin", d.binary(0.12), "byte")
    d.put("homeowner", d.binary(0.75), "byte")
    d.put("dwelltype", d.categorical([0.5, 0.35, 0.15], [1, 2, 3]), "byte")
    d.put("matage", np.round(d.normal(29, 4.5)), "byte")
    return d.dataset()
