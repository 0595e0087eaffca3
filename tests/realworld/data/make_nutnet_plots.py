"""Look-alike of the Nutrient Network plot panel a causal-inference study's master do-file
loads and xtsets (plot ``plst_id`` by ``year``): 30 grassland sites (``site_code2``, encoded,
value-labelled) in 8 countries (``pais``) and 6 habitats (``tierra``), 6-10 plots per site
(``newplotid`` the same plots numbered again), 4-11 yearly surveys from 2007; ``styr_id`` the
site-by-year group; live biomass ``live_mass`` (g/m2, about 60 missing) and its log
``l_lmass``, species richness ``rich`` and logs ``l_rich``, ``l_simpson``, ``l_even``, the
block neighbours' richness ``l_nbrichblock``, ground PAR ``ground_par``, and 29 site-level
covariates (elevation, management, climate, soil) with some sites missing soil values."""
import numpy as np

from lookalike import LookAlike

COVARIATES = ["elevation", "managed", "burned", "grazed", "anthropogenic", "temp_var_v2", "min_temp_v2",
              "max_temp_v2", "temp_wet_q_v2", "temp_dry_q_v2", "temp_warm_q_v2", "temp_cold_q_v2", "pct_c2",
              "pct_n2", "ppm_p", "ppm_k", "ppm_ca", "ppm_mg", "ppm_s", "ppm_na", "ppm_zn", "ppm_mn", "ppm_fe",
              "ppm_cu", "ppm_b", "ph", "percentsand_2", "percentsilt_2", "percentclay_2"]


def make():
    d = LookAlike(seed=2019)
    rng = d.rng
    site, plot, year = [], [], []
    pid = 0
    for s in range(1, 31):
        nyears = int(rng.integers(4, 12))
        start = 2007 + int(rng.integers(0, 3))
        for _ in range(int(rng.integers(6, 11))):
            pid += 1
            for y in range(start, start + nyears):
                site.append(s)
                plot.append(pid)
                year.append(y)
    site, plot, year = map(np.array, (site, plot, year))
    d.rows(len(site))
    d.put("plst_id", plot, "int")
    d.put("year", year, "int")
    d.put("site_code2", site, "byte", value_labels={s: f"site{s}.xx" for s in range(1, 31)})
    d.put("newplotid", plot + 1000, "int")
    d.put("styr_id", site * 100 + (year - 2000), "int")
    d.put("pais", d.group_constant(site, d.categorical([6, 5, 4, 3, 3, 3, 3, 3])), "byte")
    d.put("tierra", d.group_constant(site, d.categorical([8, 6, 5, 4, 4, 3])), "byte")
    n_sites = 30
    no_soil = rng.choice(n_sites, 4, replace=False)  # four sites without soil samples
    for name in COVARIATES:
        if name in ("managed", "burned", "grazed", "anthropogenic"):
            vals = rng.integers(0, 2, size=n_sites).astype(float)
        else:
            vals = rng.normal(0, 1, size=n_sites) * 10 + 50
        if name.startswith(("ppm", "pct", "ph", "percent")):
            vals[no_soil] = np.nan
        d.put(name, np.round(vals[site - 1], 3), "float")
    u_site, u_plot = d.effect(site, 0.6), d.effect(plot, 0.25)
    rich = np.maximum(1, rng.poisson(np.exp(2.3 + 0.5 * u_site + u_plot)))
    d.put("rich", rich, "int")
    d.put("l_rich", np.log(rich), "float")
    even = np.clip(0.5 + 0.1 * d.normal(), 0.1, 0.99)
    d.put("l_even", np.round(np.log(even), 4), "float")
    d.put("l_simpson", np.round(np.log(rich * even), 4), "float")
    lmass = 5.5 + u_site + 0.5 * u_plot + d.effect(site * 100 + year, 0.3) - 0.1 * np.log(rich) + d.normal(0, 0.35)
    live = np.round(np.exp(lmass), 2)
    live[rng.choice(d.n, 60, replace=False)] = np.nan
    d.put("live_mass", live, "float")
    d.put("l_lmass", np.log(live), "float")
    d.put("ground_par", np.round(np.clip(d.normal(0.3, 0.15), 0.01, 1), 3), "float")
    d.put("l_nbrichblock", np.round(np.log(rich) * 0.6 + 0.4 * (2.3 + 0.5 * u_site) + d.normal(0, 0.2), 4), "float")
    ds = d.dataset()
    ds.chars.update({"_TSpanel": "plst_id", "iis": "plst_id", "_TStvar": "year", "tis": "year",
                     "_TSdelta": "+1.0000000000000X+000", "_TSitrvl": "1"})
    return ds
