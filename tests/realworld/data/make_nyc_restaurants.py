"""Look-alike of a business-analytics project's ``cleaned_data.csv`` (New York restaurants:
inspection violations, review sentiment and Yelp attributes), as ``import delimited`` reads
it: an unnamed first column ``v1`` (the CAMIS id), ``overall_rating`` (1-5), ``sentiment_score``,
``violation_score`` and string attributes ``alcohol`` ("No", "Beer & Wine Only", "Full Bar"),
yes/no strings ``delivery has_tv outdoor_seating parking bike_parking takeout
takes_reservations wifi cater``, ``price_range`` ("Inexpensive", "Moderate", "Pricey",
"Above $61") and ``noise_level`` ("Quiet", "Average", "Loud", "Very Loud")."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=1104)
    d.rows(900)
    yn = np.array(["No", "Yes"], dtype=object)
    price = np.array(["Inexpensive", "Moderate", "Pricey", "Above $61"], dtype=object)[
        d.categorical([0.3, 0.5, 0.17, 0.03], [0, 1, 2, 3])]
    sentiment = np.round(d.rng.beta(5, 2, d.n), 4)
    violation = d.uniform_int(0, 60)
    pidx = {"Inexpensive": 0, "Moderate": 1, "Pricey": 2, "Above $61": 3}
    p_eff = np.array([0.0, 0.2, 0.4, 0.5])[[pidx[p] for p in price]]
    rating = d.ordinal(4 * sentiment - 0.02 * violation + p_eff, [0.2, 1.2, 2.4, 3.6])
    d.put("v1", np.arange(40000000, 40000000 + d.n * 37, 37), "long")
    d.put("overall_rating", rating, "byte")
    d.put("sentiment_score", sentiment, "float")
    d.put("violation_score", violation, "int")
    d.put("alcohol", np.array(["No", "Beer & Wine Only", "Full Bar"], dtype=object)[
        d.categorical([0.4, 0.25, 0.35], [0, 1, 2])], "str16")
    for name, p in [("delivery", 0.6), ("has_tv", 0.5), ("outdoor_seating", 0.4), ("parking", 0.2),
                    ("bike_parking", 0.7), ("takeout", 0.85), ("takes_reservations", 0.5), ("wifi", 0.45),
                    ("cater", 0.55)]:
        d.put(name, yn[d.binary(p)], "str3")
    d.put("price_range", price, "str11")
    d.put("noise_level", np.array(["Quiet", "Average", "Loud", "Very Loud"], dtype=object)[
        d.categorical([0.25, 0.5, 0.18, 0.07], [0, 1, 2, 3])], "str9")
    return d.dataset()
