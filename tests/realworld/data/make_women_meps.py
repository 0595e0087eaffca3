"""Look-alike of a party-by-election file of women among members of the European Parliament
(``parties_cntries.dta``): country ``cntry`` (numeric) and its Central/Eastern flag ``CEE``,
party ``party``, election year (2004-2019), the share of women ``pct_women_party`` (0-1),
the party's MEPs ``total_mep``, its Chapel Hill positions (EU position, left-right, GAL-TAN),
ballot type (1 open, 2 closed, 3 STV), quota regime (1-3), zipping, GDP, Inglehart-Welzel
country values and the party's rollover rates of women and men.  The variable order keeps
every numeric variable the file demeans between ``pct_women_party`` and the generated
``l_gdp``."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=2019)
    n_cntry = 26
    parties_per = d.rng.integers(4, 10, size=n_cntry)
    p_cntry = np.repeat(np.arange(1, n_cntry + 1), parties_per)
    n_party = len(p_cntry)
    waves = d.rng.integers(2, 5, size=n_party)
    party = np.repeat(np.arange(1, n_party + 1), waves)
    year = np.concatenate([np.array([2019, 2014, 2009, 2004])[:w][::-1] for w in waves])
    cntry = p_cntry[party - 1]
    d.rows(len(party))
    cee = (cntry > 15).astype(int)
    d.put("cntry", cntry, "byte")
    d.put("CEE", cee, "byte")
    d.put("party", party, "int")
    d.put("election_year", year, "int")
    mep = np.maximum(1, d.rng.poisson(d.group_constant(party, d.rng.uniform(1.5, 15, d.n))))
    eup = np.clip(d.group_constant(party, d.rng.uniform(1, 7, d.n)) + d.normal(0, 0.3), 1, 7)
    lr = np.clip(d.group_constant(party, d.rng.uniform(0, 10, d.n)) + d.normal(0, 0.3), 0, 10)
    gt = np.clip(0.6 * lr + d.group_constant(party, d.rng.uniform(0, 4, d.n)) + d.normal(0, 0.3), 0, 10)
    share = 0.4 - 0.02 * (gt - 5) + 0.01 * (eup - 4) - 0.05 * cee + d.effect(party, 0.08) + d.normal(0, 0.12)
    share = np.clip(np.round(share * mep) / mep, 0, 1)
    d.put("pct_women_party", share, "float")
    d.put("total_mep", mep, "int")
    d.put("euposition", np.round(d.with_missing(eup, 0.03), 2), "float")
    d.put("leftrightscale", np.round(lr, 2), "float")
    d.put("galtanscale", np.round(gt, 2), "float")
    d.put("ballottype", d.group_constant(cntry, d.categorical([0.4, 0.5, 0.1])), "byte")
    d.put("quota", d.group_constant(cntry, d.categorical([0.2, 0.3, 0.5])), "byte")
    d.put("zipping", d.group_constant(cntry, d.binary(0.3)), "byte")
    d.put("gdp", np.round(np.exp(10 - 0.6 * cee + d.effect(cntry, 0.3) + 0.01 * (year - 2004)), 0), "float")
    d.put("trad_secular", np.round(d.group_constant(cntry * 10000 + year, d.normal(0.3, 0.5)), 3), "float")
    d.put("surv_selfexp", np.round(d.group_constant(cntry * 10000 + year, d.normal(0.5, 0.7)), 3), "float")
    d.put("rollover_female_rat", np.round(np.clip(d.normal(0.3, 0.2), 0, 1), 3), "float")
    d.put("rollover_male_rat", np.round(np.clip(d.normal(0.4, 0.2), 0, 1), 3), "float")
    return d.dataset()
