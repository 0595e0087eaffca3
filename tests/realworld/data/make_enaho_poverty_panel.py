"""Look-alike of a household panel built from Peru's ENAHO (2018-2022): household ``idhogar``,
``year``, monetary poverty ``pobre2_`` (0/1), household income ``inghog2d_`` (soles), size
``totmieho_``, internet access ``internet_``, the head's ethnicity ``race_``, zone, marital
status ``ecivil_`` (1-6), labour-force status ``ocu500_`` (1-4), sector ``sec_ocu_`` (1-11,
missing when not working), limitation ``limitacion_``, informality ``ocupinf_`` (1/2),
department ``dpto_`` (1-25; 21 Puno) and ``hpan2022``, the flag of the pure 2020-2022 panel."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=2022)
    ids, year = d.panel("idhogar", 1200, [2018, 2019, 2020, 2021, 2022], "year", dropout=0.25)
    d.put("hpan2022", d.group_constant(ids, d.binary(0.5)), "byte")
    d.put("dpto_", d.group_constant(ids, d.uniform_int(1, 25)), "byte")
    d.put("race_", d.group_constant(ids, d.categorical([0.6, 0.1, 0.25, 0.05])), "byte")
    d.put("zone_", d.group_constant(ids, d.categorical([0.7, 0.3])), "byte")
    d.put("ecivil_", d.categorical([0.25, 0.35, 0.2, 0.1, 0.05, 0.05]), "byte")
    ocu = d.categorical([0.7, 0.05, 0.2, 0.05])
    d.put("ocu500_", ocu, "byte")
    d.put("sec_ocu_", np.where(ocu == 1, d.uniform_int(1, 11), np.nan), "byte")
    d.put("limitacion_", d.with_missing(d.categorical([0.1, 0.9]), 0.05), "byte")
    d.put("ocupinf_", d.categorical([0.7, 0.3]), "byte")
    size = np.clip(d.group_constant(ids, d.rng.poisson(3.2, d.n)) + 1 + d.rng.integers(-1, 2, d.n), 1, 18)
    d.put("totmieho_", size, "byte")
    net = d.binary(0.45)
    d.put("internet_", net, "byte")
    loginc = 9.6 + d.effect(ids, 0.7) + d.normal(0, 0.3) + 0.05 * size - 0.2 * (year == 2020)
    d.put("inghog2d_", np.round(np.exp(loginc), 2), "double")
    eta = 1.5 - 1.2 * (loginc - 9.6) + 0.25 * (size - 4) - 0.5 * net + d.effect(ids, 1.0)
    d.put("pobre2_", d.bernoulli_logit(eta), "byte")
    return d.dataset()
