"""Look-alike of ``psrm_prr_robust.dta``: a country-year panel of foreign direct investment,
property-rights and political-regime measures, 1970-2010.  70 countries (``ccode``,
Correlates-of-War-like codes) x 41 years, a few country-years missing; ``FDI_net_inflows``
(some negative) and its log ``ln_FDI_net_inflows``; the Fraser index of legal rights
``efw2legalrights`` observed every fifth year to 2000 and yearly after (as the index was
published), the judicial-independence score ``lji`` (0-1) every year; executive constraints
``xconst`` (1-7) and ``polity2`` (-10..10); GDP, growth, trade, resources, battle deaths
(``battlerela``, missing where none), regime durability, bilateral investment treaties, world
FDI, capital openness ``kaopen``, rural population, population, energy use; ``OECD``
membership.  The outcome has a country and a year random effect."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=3735)
    rng = d.rng
    n_c, years = 70, np.arange(1970, 2011)
    codes = np.sort(rng.choice(np.arange(2, 951), size=n_c, replace=False))
    c = np.repeat(np.arange(n_c), len(years))
    y = np.tile(years, n_c)
    keep = rng.random(len(c)) > 0.04
    c, y = c[keep], y[keep]
    d.rows(len(c))
    n = len(c)
    oecd = (rng.random(n_c) < 0.25).astype(int)
    xc_level = rng.integers(1, 8, size=n_c)
    xconst = np.clip(xc_level[c] + (rng.random(n) < 0.08) * rng.choice([-1, 1], size=n), 1, 7)
    polity = np.clip(np.round((xconst - 4) * 3 + rng.normal(0, 1.5, size=n)), -10, 10)
    lgdp_pc = rng.normal(8, 1.2, size=n_c)[c] + 0.015 * (y - 1970) + rng.normal(0, 0.1, size=n)
    lpop = rng.normal(16, 1.3, size=n_c)[c] + 0.015 * (y - 1970)
    legal = np.clip(rng.normal(5.5, 1.5, size=n_c)[c] + 0.5 * oecd[c] + rng.normal(0, 0.6, size=n), 0, 10)
    legal[(y < 2000) & (y % 5 != 0)] = np.nan
    lji = np.clip(0.15 * xconst - 0.1 + rng.normal(0, 0.1, size=n), 0.01, 0.99)
    growth = rng.normal(3.5, 4, size=n)
    trade = np.clip(rng.normal(70, 30, size=n_c)[c] + rng.normal(0, 8, size=n), 5, None)
    kaopen = np.clip(rng.normal(0, 1.4, size=n_c)[c] + 0.02 * (y - 1990) + rng.normal(0, 0.4, size=n), -1.9, 2.4)
    resource = np.clip(rng.gamma(1.5, 4, size=n_c)[c] + rng.normal(0, 1, size=n), 0.01, None)
    battle = np.where(rng.random(n) < 0.12, np.round(rng.lognormal(5, 1.5, size=n)), np.nan)
    durable = np.floor(np.clip(rng.integers(0, 40, size=n_c)[c] + (y - 1970) * 0.7, 0, None))
    bits = np.floor(np.clip((y - 1985) * rng.uniform(0.2, 2.5, size=n_c)[c], 0, None))
    u_c = rng.normal(0, 1.3, size=n_c)[c]
    u_y = rng.normal(0, 0.5, size=len(years))[y - 1970]
    lfdi = (18 + 0.9 * (lgdp_pc - 8) + 0.6 * (lpop - 16) + 0.1 * xconst + 0.8 * lji + 0.02 * growth
            + 0.004 * trade + 0.15 * kaopen + u_c + u_y + rng.normal(0, 1.1, size=n))
    fdi = np.exp(lfdi) / 1e6
    neg = rng.random(n) < 0.07
    fdi[neg] = -fdi[neg] * rng.uniform(0.05, 0.5, size=neg.sum())
    lfdi_out = np.where(fdi > 0, np.log(np.where(fdi > 0, fdi, 1) * 1e6), np.nan)
    columns = [  # (name, values, storage type) in the file's order
        ("ccode", codes[c], "int"),
        ("year", y, "int"),
        ("FDI_net_inflows", fdi, "double"),
        ("ln_FDI_net_inflows", lfdi_out, "float"),
        ("efw2legalrights", legal, "float"),
        ("lji", lji, "float"),
        ("xconst", xconst.astype(float), "double"),
        ("polity2", polity, "double"),
        ("GDPgrowth", growth, "double"),
        ("ln_GDP2005US", lgdp_pc + lpop, "float"),
        ("ln_GDP_pc2005USD", lgdp_pc, "float"),
        ("ln_pop", lpop, "float"),
        ("TradePctGDP", trade, "double"),
        ("kaopen", kaopen, "double"),
        ("ln_resource", np.log(resource), "float"),
        ("battlerela", battle, "double"),
        ("durable", durable, "int"),
        ("bit_count", bits, "int"),
        ("ln_World_FDI", np.log(2e10 * np.exp(0.08 * (years - 1970)))[y - 1970], "float"),
        ("ruralpopul", np.clip(rng.normal(50, 20, size=n_c)[c] - 0.3 * (y - 1970), 2, 98), "double"),
        ("ln_pec", rng.normal(6, 1.5, size=n_c)[c] + rng.normal(0, 0.1, size=n), "float"),
        ("OECD", oecd[c], "byte"),
    ]
    for name, values, vtype in columns:
        d.put(name, values, vtype)
    return d.dataset()
