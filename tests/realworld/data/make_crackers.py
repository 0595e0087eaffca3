"""Look-alike of MLMUS3's ``crackers.dta`` (Jain, Vilcassim and Chintagunta's cracker
purchases): households ``id``, purchase occasions ``occ`` within household, one row per brand
``brand`` (1 Sunshine, 2 Keebler, 3 Nabisco, 4 private label) with the chosen brand
``choice`` = 1, the brand's ``price`` (dollars) and whether it was on ``display`` or in a
``feature`` ad.  Expanded form, as gllamm's ``expanded()`` and clogit use it."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=136)
    hh, occ = [], []
    for h in range(1, 61):
        n = int(d.rng.integers(6, 15))
        hh += [h] * n
        occ += list(range(1, n + 1))
    hh = np.repeat(np.array(hh), 4)
    occ = np.repeat(np.array(occ), 4)
    d.rows(len(hh))
    brand = np.tile(np.arange(1, 5), len(hh) // 4)
    price = np.round(np.array([1.1, 1.05, 1.1, 0.7])[brand - 1] + d.normal(0, 0.08), 2)
    display = d.binary(0.1)
    feature = d.binary(0.05)
    pref = np.array([0.2, 0.0, 1.3, 0.0])[brand - 1]
    hh_effect = d.rng.normal(0, 0.8, size=(61, 4))[hh, brand - 1]
    util = pref + hh_effect - 3.0 * price + 0.4 * display + 0.6 * feature + d.rng.gumbel(size=d.n)
    choice = np.zeros(d.n, dtype=int)
    for s in range(0, d.n, 4):
        choice[s + int(np.argmax(util[s:s + 4]))] = 1
    d.put("id", hh, "int")
    d.put("occ", occ, "int")
    d.put("brand", brand, "byte", value_labels={1: "Sunshine", 2: "Keebler", 3: "Nabisco", 4: "Private"})
    d.put("choice", choice, "byte")
    d.put("display", display, "byte")
    d.put("feature", feature, "byte")
    d.put("price", price, "float")
    return d.dataset()
