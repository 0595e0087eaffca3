"""Look-alike of a KINMATRIX Europe analysis file: one row per anchor-kin dyad, respondents
(``anc_id``) in nine countries (``cntry`` 1-9, labelled UK DE PL IT SE DK NO FI NL), each
with 3-15 kin -- ``kin_cat_l`` (16 kin types) and ``kin_cat_m`` (10 coarser types), the
latent-class membership ``class`` (1-5) of the dyad, the relationship indicators ``tra cnt_
clo sup mon cnf`` (0/1), the anchor's ``anc_age``, ``edu`` (1-3), ``female`` (1 male, 2
female) and design weight ``dwe`` (missing for a few medium-educated anchors of the first six
countries, as the do-file's fill-in expects)."""
import numpy as np

from lookalike import LookAlike

COUNTRY_LABELS = {1: "UK", 2: "DE", 3: "PL", 4: "IT", 5: "SE", 6: "DK", 7: "NO", 8: "FI", 9: "NL"}
MEDIUM = [1, 2, 3, 3, 4, 4, 5, 6, 6, 7, 7, 8, 8, 9, 10, 10]  # kin_cat_l -> kin_cat_m


def make():
    d = LookAlike(seed=12715)
    rng = d.rng
    n_anchor = 900
    sizes = rng.integers(3, 16, n_anchor)
    anc = np.repeat(np.arange(1, n_anchor + 1), sizes)
    d.rows(len(anc))
    n = d.n

    def anchor(values):
        return np.asarray(values)[anc - 1]

    cntry = anchor(rng.integers(1, 10, n_anchor))
    edu = anchor(rng.choice([1, 2, 3], n_anchor, p=[0.25, 0.45, 0.3]))
    female = anchor(rng.integers(1, 3, n_anchor))
    age = anchor(np.clip(np.round(rng.normal(45, 13, n_anchor)), 18, 80))
    dwe = anchor(np.round(rng.uniform(0.4, 2.2, n_anchor), 4)).astype(float)
    gaps = anchor(rng.random(n_anchor) < 0.02) & (edu == 2) & (cntry <= 6)
    gaps &= ~((cntry == 2) & (female == 2)) & ~((cntry == 5) & (female == 1))
    dwe[gaps] = np.nan
    kin_l = rng.integers(1, 17, n)
    kin_m = np.asarray(MEDIUM)[kin_l - 1]
    closeness = -0.07 * (kin_l - 8) + anchor(rng.normal(0, 0.6, n_anchor)) + 0.05 * (cntry - 5) * (kin_l > 8)
    cls = d.ordinal(-closeness, [-1.4, -0.45, 0.45, 1.4])
    d.put("anc_id", anc, "int", "Anchor id")
    d.put("kin_cat_l", kin_l, "byte", "Kin type (large)")
    d.put("kin_cat_m", kin_m, "byte", "Kin type (medium)")
    d.put("class", cls, "byte", "Latent class")
    d.put("anc_age", age, "byte")
    d.put("edu", edu, "byte", "Education", value_labels={1: "low", 2: "medium", 3: "high"})
    d.put("cntry", cntry, "byte", "Country", value_labels=COUNTRY_LABELS)
    d.put("female", female, "byte", "Gender", value_labels={1: "male", 2: "female"})
    d.put("dwe", dwe, "double", "Design weight")
    for v, shift in [("tra", 0.0), ("cnt_", 0.5), ("clo", 0.2), ("sup", -0.3), ("mon", -0.8), ("cnf", -1.5)]:
        sign = -1.0 if v == "cnf" else 1.0
        d.put(v, d.bernoulli_logit(shift + sign * 0.9 * closeness), "byte", "relationship indicator")
    return d.dataset()
