"""Look-alike of a product-innovation and plant-exit panel (``BaselineData.dta``): plants
``nui`` observed yearly (``year`` 1990-1998) from entry into the panel until they exit
(``firm_exit`` = 1 in the last row of a plant that closes) or the panel ends, plant age
``firm_age79`` (years, counting up), industry ``industry2_4`` (8 codes), ``region`` (1-5),
innovation indicators ``d_add_any_7``, ``d_inno_mul_7`` and their splits (``d_add_X_7`` ...
``d_add7_nforM``, some missing), ``add_sh50`` (0-2), plant and market covariates, a
``crisis_year`` dummy and a yearly ``surv6`` indicator.  The file is saved ``xtset nui year``
(the do-file fits ``xtcloglog ..., re`` without an ``xtset`` of its own).  The exit hazard has a plant
frailty and falls with size and innovation."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=1979)
    n_plants, years = 500, list(range(1990, 1999))
    g = np.random.default_rng(79)
    start = g.integers(0, 4, size=n_plants)
    frail = g.normal(0, 0.6, size=n_plants)
    size0 = g.normal(3.5, 1.0, size=n_plants)
    rows_id, rows_year, rows_exit = [], [], []
    for p in range(n_plants):
        for t in range(start[p], len(years)):
            eta = -3.0 + frail[p] - 0.3 * (size0[p] - 3.5)
            exit_now = g.random() < 1 - np.exp(-np.exp(eta))
            rows_id.append(p + 1)
            rows_year.append(years[t])
            rows_exit.append(int(exit_now))
            if exit_now:
                break
    ids = np.asarray(rows_id)
    d.rows(len(ids))
    d.put("nui", ids, "int")
    d.put("year", np.asarray(rows_year), "int")
    age0 = g.integers(1, 30, size=n_plants)
    d.put("firm_age79", age0[ids - 1] + np.asarray(rows_year) - 1990 - start[ids - 1] + 1, "byte")
    d.put("firm_exit", np.asarray(rows_exit), "byte")
    d.put("industry2_4", d.group_constant(ids, d.categorical([1] * 8, [15, 17, 18, 20, 24, 26, 28, 29])), "byte")
    d.put("region", d.group_constant(ids, d.uniform_int(1, 5)), "byte")
    add = d.binary(0.3)
    d.put("d_add_any_7", d.with_missing(add, 0.05), "float")
    d.put("d_inno_mul_7", d.with_missing(add * d.uniform_int(1, 3), 0.05), "float")
    x = d.binary(0.5)
    d.put("d_add_X_7", add * x, "byte")
    d.put("d_add_nX_7", add * (1 - x), "byte")
    mul = d.binary(0.4)
    d.put("d_add_any_7_mul", add * mul, "byte")
    d.put("d_add_any_7_sin", add * (1 - mul), "byte")
    form = d.binary(0.5)
    d.put("d_add7_forM", add * form, "byte")
    d.put("d_add7_nforM", add * (1 - form), "byte")
    d.put("add_sh50", np.where(add == 1, d.uniform_int(1, 2), 0), "byte")
    size = size0[ids - 1] + d.normal(0, 0.2)
    age = d.columns["firm_age79"].astype(float)
    sales = np.round(d.normal(0.05, 0.1), 4)
    multi = d.group_constant(ids, d.binary(0.15))
    d.put("av_sales1", sales, "float")
    d.put("firm_size", np.round(size, 4), "float")
    d.put("K_intensity", np.round(d.normal(3, 1), 4), "float")
    d.put("multi_plant", multi, "byte")
    d.put("firm_size2", np.round(size ** 2, 4), "float")
    ini = d.group_constant(ids, size)
    d.put("firm_size_ini", np.round(ini, 4), "float")
    d.put("firm_size_ini2", np.round(ini ** 2, 4), "float")
    d.put("av_sales1_age", np.round(sales * age, 4), "float")
    d.put("firm_size_age", np.round(size * age, 4), "float")
    d.put("multi_plant_age", multi * age, "float")
    d.put("d_sales_ind6", np.round(d.normal(0.03, 0.05), 4), "float")
    herf = np.abs(d.normal(0.1, 0.05))
    d.put("n_herf_6d", np.round(herf, 4), "float")
    d.put("n2_herf_6d", np.round(herf ** 2, 5), "float")
    d.put("inno_ind6", np.round(d.rng.uniform(0, 0.5, d.n), 4), "float")
    d.put("crisis_year", (np.asarray(rows_year) >= 1997).astype(int), "byte")
    d.put("surv6", d.bernoulli_logit(0.5 + 0.3 * add), "byte")
    ds = d.dataset()
    ds.chars.update({"_TSpanel": "nui", "_TStvar": "year"})  # saved xtset: the do-file runs xt commands without one
    return ds
