"""Look-alike of the Bangladesh household panel of the World Bank's impact-evaluation
handbook exercises (``hh_9198``, 1991/92 and 1998/99): 826 households ``nh`` (a five-digit
id built from thana, village and household number) observed in ``year`` 0 (1991) and 1
(1998); per-capita expenditure ``exptot`` (taka a year), land ``hhland`` (decimals), male and
female microcredit participation ``dmmfd``/``dfmfd`` (more of it in 1998), the head's sex,
age and schooling, village access ``vaccess``, irrigation ``pcirr``, village prices
``rice wheat milk oil egg`` and the sampling ``weight``; sorted by ``nh year``.  Expenditure carries a household
effect and a participation effect, so differences-in-differences have something to find."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=12301)
    n_hh = 826
    thana = np.repeat(np.arange(1, 30), 29)[:n_hh]  # 29 thanas of about 29 households
    vill = np.tile(np.repeat(np.arange(1, 4), 10), 30)[:n_hh]
    rng = d.rng
    hh = np.arange(n_hh)
    nh_id = thana * 1000 + vill * 100 + (hh % 10) + 1
    d.rows(2 * n_hh)
    nh = np.repeat(nh_id, 2)
    year = np.tile([0, 1], n_hh)
    thanaid = np.repeat(thana, 2)
    villid = np.repeat(vill, 2)
    progvill = (thanaid < 25).astype(int)
    d.put("nh", nh, "long")
    d.put("year", year, "byte", value_labels={0: "1991", 1: "1998"})
    d.put("thanaid", thanaid, "byte")
    d.put("villid", villid, "byte")
    sexhead = np.repeat((rng.random(n_hh) < 0.92).astype(int), 2)
    agehead = np.repeat(rng.integers(22, 75, n_hh), 2) + 7 * year
    educhead = np.repeat(np.minimum(rng.poisson(2.5, n_hh), 16), 2)
    hhland = np.round(np.repeat(rng.lognormal(3.5, 1.4, n_hh), 2) * (1 + 0.05 * year))
    ever_m = rng.random(n_hh) < 0.35
    ever_f = rng.random(n_hh) < 0.45
    dmmfd = (np.repeat(ever_m, 2) & ((year == 1) | np.repeat(rng.random(n_hh) < 0.6, 2)) & (progvill == 1)).astype(int)
    dfmfd = (np.repeat(ever_f, 2) & ((year == 1) | np.repeat(rng.random(n_hh) < 0.6, 2)) & (progvill == 1)).astype(int)
    village_key = thanaid * 10 + villid
    vaccess = d.group_constant(village_key, d.binary(0.7))
    pcirr = np.round(d.group_constant(village_key, rng.uniform(0, 1, d.n)), 3)
    prices = {"rice": 12, "wheat": 9, "milk": 14, "oil": 45, "egg": 2.5}
    u_hh = d.effect(nh, 0.35)
    lexp = (8.1 + 0.25 * year + 0.08 * dfmfd + 0.03 * dmmfd + 0.03 * educhead
            + 0.1 * np.log1p(hhland / 100) + u_hh + d.normal(0, 0.3))
    d.put("exptot", np.round(np.exp(lexp), 2), "float")
    d.put("hhland", hhland, "float")
    d.put("dmmfd", dmmfd, "byte")
    d.put("dfmfd", dfmfd, "byte")
    d.put("sexhead", sexhead, "byte")
    d.put("agehead", agehead, "byte")
    d.put("educhead", educhead, "byte")
    d.put("vaccess", vaccess, "byte")
    d.put("pcirr", pcirr, "float")
    for name, base in prices.items():
        d.put(name, np.round(d.group_constant(village_key * 10 + year, base * np.exp(d.normal(0, 0.1))), 2), "float")
    d.put("weight", np.repeat(np.round(rng.uniform(5, 60, n_hh), 3), 2), "float")
    ds = d.dataset("Bangladesh household panel 1991/1998 look-alike")
    from mlmcli.by_groups import sort_dataset

    sort_dataset(ds, ["nh", "year"])  # saved sorted, as the handbook's file is: the old merge needs it
    return ds
