"""Shared look-alike of Mitton (2016)'s subnational data (see the ``make_mitton_*`` generators):
30 countries (``countrycode`` str3, ``country`` name) with 4-12 regions each (``isocode``
like ``C07-03``, ``index`` 1..K), regional GDP per capita in local currency, a country file of
PPP factors, exchange rates and rule of law, a grid of 0.5-degree cells per region
(``latitude``/``longitude``, unique across the file), nine climate grids with twelve monthly
columns each over those cells plus some cells outside any region, and biome areas by region.
Tropical, wetter and hotter regions are poorer within their country, so the within-country
regressions have something to find.  Edit this module, then delete ``data/cache/mitton_*``
(registry.py hashes only the generator)."""
import numpy as np

from lookalike import LookAlike

N_COUNTRIES = 30
STUBS = {"pre": "pre", "rd": "rd", "tmp": "tmp", "dtr": "dtr", "reh": "reh", "sunp": "sunp",
         "frs": "frs", "wnd": "wind"}


def _design():
    rng = np.random.default_rng(3301)
    n_regions = rng.integers(4, 13, size=N_COUNTRIES)
    base_lat = rng.uniform(-35, 20, size=N_COUNTRIES)
    rule = rng.normal(0, 1, size=N_COUNTRIES)
    regions = []  # (country index, region number, isocode, index, centre latitude, cells)
    index = 0
    for c in range(N_COUNTRIES):
        for r in range(n_regions[c]):
            index += 1
            n_cells = int(rng.integers(3, 13))
            lat0 = round(base_lat[c] + 3.0 * r, 1)
            lon0 = -170.0 + 11.0 * c
            cells = [(round(lat0 + 0.5 * (k // 3), 2), round(lon0 + 0.5 * (k % 3), 2)) for k in range(n_cells)]
            regions.append((c, r + 1, f"C{c + 1:02d}-{r + 1:02d}", index, lat0 + 0.5, cells))
    return rng, n_regions, rule, regions


def _country_code(c):
    return f"C{c + 1:02d}"


def _cell_climate(lat, rng_cell):
    """Monthly climate of a cell: hotter and wetter near the equator."""
    tropic = np.exp(-(lat / 18.0) ** 2)
    months = np.arange(12)
    season = np.cos(2 * np.pi * (months - (0 if lat >= 0 else 6)) / 12)
    return {
        "pre": np.maximum(0, 40 + 160 * tropic + 30 * season * tropic + rng_cell.normal(0, 15, 12)),
        "rd": np.maximum(0, 5 + 12 * tropic + rng_cell.normal(0, 2, 12)),
        "tmp": 27 - 0.45 * abs(lat) + 8 * season * (1 - tropic) + rng_cell.normal(0, 1, 12),
        "dtr": 9 + 4 * (1 - tropic) + rng_cell.normal(0, 1, 12),
        "reh": np.clip(55 + 25 * tropic + rng_cell.normal(0, 5, 12), 5, 100),
        "sunp": np.clip(55 - 10 * tropic + rng_cell.normal(0, 6, 12), 5, 95),
        "frs": np.clip(np.maximum(0, (abs(lat) - 25) * 0.8 - 6 * season * np.sign(lat)) + rng_cell.normal(0, 1, 12), 0, 31),
        "wnd": np.maximum(0.3, 3 + rng_cell.normal(0, 0.6, 12)),
    }


def _cells():
    rng, _, _, regions = _design()
    rows = []
    for (c, _, iso, _, _, cells) in regions:
        for (lat, lon) in cells:
            rows.append((iso, lat, lon))
    # cells outside any region (sea, disputed areas): in the climate grids only
    extra = [(None, round(-60 + 0.5 * k, 2), 175.0) for k in range(25)]
    return rows, extra


def gdp_regions():
    rng, n_regions, rule, regions = _design()
    d = LookAlike(seed=3302)
    d.rows(len(regions))
    c = np.array([r[0] for r in regions])
    lat = np.array([r[4] for r in regions])
    tropic = np.exp(-(lat / 18.0) ** 2)
    country_level = rng.normal(8.5, 1.0, size=N_COUNTRIES)
    log_gdp_ppp = country_level[c] - 0.6 * tropic + d.normal(0, 0.35)
    ppp = np.exp(rng.normal(1.5, 1.2, size=N_COUNTRIES))
    currency = np.array([f"K{k:02d}" for k in range(1, N_COUNTRIES + 1)], dtype=object)
    gdpcur = currency[c].copy()
    gdpcur[np.isin(c, [3, 17])] = "PPP"
    gdpcur[np.isin(c, [8, 22])] = "EUR"
    gdppc = np.exp(log_gdp_ppp) * ppp[c]
    gdppc = np.where(gdpcur == "PPP", np.exp(log_gdp_ppp), gdppc)
    d.put("countrycode", np.array([_country_code(k) for k in c], dtype=object), "str3")
    d.put("country", np.array([f"Country {k + 1:02d}" for k in c], dtype=object), "str20")
    d.put("region", np.array([f"Region {r[1]:02d} of {r[0] + 1:02d}" for r in regions], dtype=object), "str24")
    d.put("isocode", np.array([r[2] for r in regions], dtype=object), "str6")
    d.put("index", np.array([r[3] for r in regions]), "int")
    d.put("population2005", np.round(np.exp(d.normal(13.5, 1.1))), "long")
    d.put("gdppc2005", np.round(gdppc, 2), "double")
    d.put("gdpcurrency", gdpcur, "str3")
    return d.dataset()


def country_level():
    rng, _, rule, _ = _design()
    _ = rng.normal(8.5, 1.0, size=N_COUNTRIES)
    ppp = np.exp(rng.normal(1.5, 1.2, size=N_COUNTRIES))
    d = LookAlike(seed=3303)
    d.rows(N_COUNTRIES)
    xrate = ppp * np.exp(d.normal(0.4, 0.2))
    d.put("countrycode", np.array([_country_code(k) for k in range(N_COUNTRIES)], dtype=object), "str3")
    d.put("pppfactor", np.round(ppp, 4), "double")
    d.put("xrate", np.round(xrate, 4), "double")
    d.put("officialcurrency2011", np.array([f"K{k:02d}" for k in range(1, N_COUNTRIES + 1)], dtype=object), "str3")
    d.put("gdppcppp_wb", np.round(np.exp(d.normal(8.7, 1.0)), 1), "double")
    d.put("ruleoflaw", np.round(rule, 3), "float")
    ds = d.dataset()
    ds.sortedby = ("countrycode",)
    return ds


def grid_cells():
    rows, _ = _cells()
    rows = sorted(rows, key=lambda t: (t[1], t[2]))
    d = LookAlike(seed=3304)
    d.rows(len(rows))
    d.put("isocode", np.array([r[0] for r in rows], dtype=object), "str6")
    d.put("latitude", np.array([r[1] for r in rows]), "double")
    d.put("longitude", np.array([r[2] for r in rows]), "double")
    ds = d.dataset()
    ds.sortedby = ("latitude", "longitude")
    return ds


def climate(name: str):
    rows, extra = _cells()
    allcells = sorted([(r[1], r[2]) for r in rows + extra])
    d = LookAlike(seed=3310 + list(STUBS).index(name) if name in STUBS else 3320)
    d.rows(len(allcells))
    d.put("latitude", np.array([a for a, _ in allcells]), "double")
    d.put("longitude", np.array([b for _, b in allcells]), "double")
    if name == "elv":
        lat = np.array([a for a, _ in allcells])
        d.put("elv", np.round(np.maximum(0, 400 + 20 * np.abs(lat) + d.normal(0, 250)), 0), "float")
    else:
        values = np.array([_cell_climate(lat, np.random.default_rng(int((lat + 90) * 1000 + lon * 7) % 2**31))[name]
                           for lat, lon in allcells])
        for m in range(12):
            d.put(f"{STUBS[name]}{m + 1}", np.round(values[:, m], 2), "float")
    ds = d.dataset()
    ds.sortedby = ("latitude", "longitude")
    return ds


def biomes():
    _, _, _, regions = _design()
    d = LookAlike(seed=3330)
    iso, fid, area = [], [], []
    for (c, _, code, _, lat, cells) in regions:
        tropic = np.exp(-(lat / 18.0) ** 2)
        for _k in range(int(d.rng.integers(1, 5))):
            iso.append(code)
            tropical = d.rng.random() < tropic
            fid.append(float(d.rng.integers(11, 15)) if tropical else float(d.rng.integers(1, 11)))
            area.append(round(float(d.rng.uniform(50, 5000)), 1))
    d.rows(len(iso))
    fid = d.with_missing(np.array(fid), 0.03)
    d.put("isocode", np.array(iso, dtype=object), "str6")
    d.put("fid_biomes", fid, "int")
    d.put("biome_area", np.array(area), "double")
    return d.dataset()
