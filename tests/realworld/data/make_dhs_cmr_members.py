"""Look-alike of a thesis's analysis file of the 2011 Cameroon DHS household members (``EDS CMR
2011 INDIV MEN P1.dta``): household keys ``hv001`` ``hv002`` ``hvidx``, years of schooling
``edu``, decennial cohort ``cohortes_dec`` (0-6) and age group ``gpeage``, sex (``sex`` 1/2,
``femme``), the wealth index ``ICNV_abs`` (0-4) and its groupings (``ICNV_abs3``, ``richesse``,
``wealth3cat1``, ``PauvresMoyens``, ``PlusRiches``), residence (``milres``, ``milre_gpe1``),
regions (``region_merged2``, ``region_merged3``, ``septentrional``, ``metropoles``), the
locality type ``newgse3`` (region x residence x wealth), women's and men's occupation and
religion codes (``v717`` ``mv717`` ``v130`` ``mv130``), parity, household size and marital
status with their recodes and dummies -- and, as the author's saved file had them (the do-file
drops them before remaking them), variables of earlier runs: ``ssp1``-``ssp4``,
``ssp_malefem``, ``religion_male*``, ``religion_malefem``, ``pariteaR*``, ``age1naiss``,
``taille_menR``, ``statutmatR*``, ``estd`` ... ``resid_std``, ``moy_u1`` ``moy_u0``,
``u0_sex`` ``u1_sex``.  About 2,400 people."""
import numpy as np

from lookalike import LookAlike


def build():
    d = LookAlike(seed=2011)
    ids = d.nested(("hv001", 120), ("hv002", (3, 5)), (None, (3, 7)))
    n = d.n
    hv001, hv002 = ids["hv001"], ids["hv002"]
    hvidx = np.ones(n, dtype=int)
    for i in range(1, n):
        hvidx[i] = hvidx[i - 1] + 1 if hv002[i] == hv002[i - 1] else 1
    d.put("hvidx", hvidx, "byte")
    region3 = d.group_constant(hv001, d.categorical([0.2, 0.2, 0.25, 0.2, 0.15]))
    milres = d.group_constant(hv001, d.categorical([0.45, 0.55]))
    icnv = np.clip(np.round(2 + 0.9 * (milres == 1) + d.effect(hv002, 1.0) + d.normal(0, 0.4)), 0, 4).astype(int)
    sex = d.categorical([0.49, 0.51])
    cohort = d.categorical([0.1, 0.13, 0.17, 0.2, 0.2, 0.12, 0.08], list(range(0, 7)))
    d.put("sex", sex, "byte", value_labels={1: "male", 2: "female"})
    d.put("femme", (sex == 2).astype(int), "byte")
    d.put("cohortes_dec", cohort, "byte")
    d.put("gpeage", np.clip(7 - cohort, 1, 7), "byte")
    d.put("ICNV_abs", icnv, "byte")
    d.put("ICNV_abs3", (icnv >= 3).astype(int), "byte")
    d.put("richesse", np.where(icnv <= 1, 1, np.where(icnv <= 2, 2, 3)), "byte")
    d.put("wealth3cat1", np.where(icnv <= 1, 1, np.where(icnv <= 2, 2, 3)), "byte")
    d.put("PauvresMoyens", (icnv == 2).astype(int), "byte")
    d.put("PlusRiches", (icnv >= 3).astype(int), "byte")
    d.put("milres", milres, "byte", value_labels={1: "urban", 2: "rural"})
    d.put("milre_gpe1", (milres == 1).astype(int), "byte")
    d.put("region_merged3", region3, "byte")
    region2 = np.where(region3 <= 2, 1, np.where(region3 <= 4, 2, 3))
    d.put("region_merged2", region2, "byte")
    d.put("septentrional", (region2 == 1).astype(int), "byte")
    d.put("metropoles", (region2 == 3).astype(int), "byte")
    _, newgse = np.unique(region3 * 100 + milres * 10 + icnv, return_inverse=True)
    d.put("newgse3", newgse + 1, "byte")
    u0 = d.effect(newgse, 1.2)
    u1 = d.effect(newgse, 0.25)
    edu = 3.5 + (0.5 + u1) * cohort + 1.0 * icnv - 0.6 * (sex == 2) + u0 + d.normal(0, 2.5)
    d.put("edu", np.clip(np.round(edu), 0, 18), "byte")
    woman = sex == 2
    occ = d.categorical([0.3, 0.05, 0.05, 0.05, 0.3, 0.1, 0.05, 0.05, 0.03, 0.02], list(range(0, 10)))
    d.put("v717", np.where(woman, occ, np.nan), "byte")
    d.put("mv717", np.where(~woman, occ, np.nan), "byte")
    rel = d.categorical([0.38, 0.26, 0.2, 0.04, 0.07, 0.04, 0.01], [1, 2, 3, 4, 5, 7, 96])
    d.put("v130", np.where(woman, rel, np.nan), "byte")
    d.put("mv130", np.where(~woman, rel, np.nan), "byte")
    for k in range(1, 5):  # an earlier run's women's occupation dummies
        d.put(f"ssp{k}", np.where(woman, (np.isin(occ, {1: [0, 4], 2: [8, 3, 5, 9, 6], 3: [2, 7], 4: [1]}[k])).astype(int), np.nan), "byte")
    d.put("ssp_malefem", d.categorical([0.4, 0.3, 0.2, 0.1]), "byte")
    d.put("religion_male1", np.where(~woman, np.isin(rel, [1, 2, 5, 96]).astype(int), np.nan), "byte")
    d.put("religion_male2", np.where(~woman, np.isin(rel, [3, 4, 7]).astype(int), np.nan), "byte")
    d.put("religion_male", np.where(~woman, rel, np.nan), "byte")
    d.put("religion_malefem", rel, "byte")
    paritea = np.where(woman & (cohort <= 4), np.minimum(d.poisson(np.full(n, 1.2)), 15), np.nan)
    d.put("paritea", paritea, "byte")
    parR = np.where(np.isnan(paritea), 3, np.where(paritea == 0, 0, np.where(paritea <= 4, 1, 2)))
    d.put("pariteaR", parR, "byte")
    d.put("pariteaR1", (parR == 1).astype(int), "byte")
    d.put("pariteaR3", (parR == 3).astype(int), "byte")
    d.put("age1naiss", d.categorical([0.1, 0.4, 0.4, 0.1], [0, 1, 2, 3]), "byte")
    size = np.clip(d.poisson(np.full(n, 1.8)) + 1, 1, 43)
    d.put("taille_men", size, "byte")
    d.put("taille_menR", (size <= 7).astype(int), "byte")
    stat = d.categorical([0.45, 0.45, 0.05, 0.05], [0, 1, 3, 4])
    d.put("statutmat", stat, "byte")
    statR = np.select([stat == 0, stat == 1, stat == 4], [1, 0, 2], 3)
    d.put("statutmatR", statR, "byte")
    d.put("statutmatR1", (statR == 1).astype(int), "byte")
    d.put("statutmatR3", (statR == 3).astype(int), "byte")
    for name in ("estd", "estdrank", "estduniform", "estdnscore", "resid", "resid_std",
                 "moy_u1", "moy_u0", "u0_sex", "u1_sex"):
        d.put(name, d.normal(0, 1).astype(np.float32), "float")
    return d


def make():
    return build().dataset()
