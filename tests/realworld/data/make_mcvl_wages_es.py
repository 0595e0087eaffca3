"""Look-alike of a Spanish labour-economics course's worker panel (``data-video3-p1.dta``,
MCVL-style): workers ``indiv`` by ``year`` 2010-2019 with gaps, province ``provc1`` (the course
keeps Alicante 3, Castellon 12, Valencia 46 and Murcia 30; others are dropped), ``trim``,
tenure and experience in months (``tenuremes``, ``explabmes``), age ``edad``, monthly real wage
``wager_mensual`` (a few missing), ``mujer``, ``inmigra``, children counts (``nhijos``,
``nhijopeq04``, ``nhijopeq59``, ``nhijopeq1015``), contract and sector indicators (``fijo``,
``fijodisc``, ``privada``), ``sector_actividad`` (1-8), firm size ``tamemp`` and ``nivel_educ``
(1-7)."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=346)
    ids, year = d.panel("indiv", 700, list(range(2010, 2020)), "year", dropout=0.35)
    prov = d.group_constant(ids, d.categorical([0.25, 0.1, 0.3, 0.15, 0.1, 0.1], [3, 12, 46, 30, 28, 8]))
    start = d.group_constant(ids, d.uniform_int(1955, 1995))
    edad = year - start
    entry = d.group_constant(ids, d.uniform_int(0, 60))
    explabmes = np.maximum(1, (edad - 18) * 12 - entry + d.uniform_int(0, 11))
    firmstart = d.group_constant(ids, d.uniform_int(2000, 2012))
    tenuremes = np.minimum(explabmes, np.maximum(1, (year - firmstart) * 12 + d.uniform_int(0, 11)))
    mujer = d.group_constant(ids, d.binary(0.46))
    inmigra = d.group_constant(ids, d.binary(0.12))
    educ = d.group_constant(ids, d.categorical([0.01, 0.04, 0.12, 0.3, 0.15, 0.15, 0.23], list(range(1, 8))))
    fijo = d.binary(0.7)
    person = d.effect(ids, 0.3)
    lw = 6.6 + 0.035 * explabmes / 12 - 0.0005 * (explabmes / 12) ** 2 + 0.01 * tenuremes / 12 \
        + 0.08 * (educ - 4) - 0.15 * mujer + 0.1 * fijo + person + d.normal(0, 0.2)
    wage = np.round(np.exp(lw), 2)
    wage[d.rng.random(d.n) < 0.02] = np.nan
    h04 = d.rng.binomial(1, 0.15, d.n)
    h59 = d.rng.binomial(1, 0.15, d.n)
    h1015 = d.rng.binomial(1, 0.18, d.n)
    d.put("provc1", prov, "byte")
    d.put("trim", d.uniform_int(1, 4), "byte")
    d.put("tenuremes", tenuremes, "int")
    d.put("explabmes", explabmes, "int")
    d.put("edad", edad, "byte")
    d.put("wager_mensual", wage, "float")
    d.put("mujer", mujer, "byte")
    d.put("inmigra", inmigra, "byte")
    d.put("nhijos", h04 + h59 + h1015 + d.rng.binomial(1, 0.2, d.n), "byte")
    d.put("nhijopeq04", h04, "byte")
    d.put("nhijopeq59", h59, "byte")
    d.put("nhijopeq1015", h1015, "byte")
    d.put("fijo", fijo, "byte")
    d.put("fijodisc", (fijo * d.binary(0.05)).astype(np.int8), "byte")
    d.put("privada", d.binary(0.8), "byte")
    d.put("sector_actividad", d.group_constant(ids, d.categorical([0.05, 0.15, 0.08, 0.25, 0.1, 0.12, 0.08, 0.17])),
          "byte")
    d.put("tamemp", d.group_constant(ids, d.categorical([0.3, 0.3, 0.2, 0.2])), "byte")
    d.put("nivel_educ", educ, "byte")
    return d.dataset()
