"""Look-alike of an intensive-care study's working file of early ward assessments
(``working.dta``): one row per bedside assessment at 24 hospital sites ``icode`` ("S01" ...)
over a year, with the time of the visit ``v_timestamp`` (%tc), the study month and the visit
month, the early-warning risk level ``news_risk`` (1 low, 2 medium, 3 high), whether critical
care had no beds ``beds_none``, the visit was out of hours or at a weekend, and the site's
centred referral rate, hospital activity and critical-care beds (``*_c``) and outreach shift
pattern ``ccot_shift_pattern`` (1-4, 4 round the clock) -- what the do-file's own preflight
include would have made.  Visits per site-week are Poisson with a site intercept, so the
random-intercept count models find a site variance."""
import numpy as np

from lookalike import LookAlike

MS_PER_DAY = 86400000.0


def make():
    d = LookAlike(seed=2513)
    n_sites = 24
    site_u = d.rng.normal(0, 0.35, n_sites)
    pattern = d.rng.choice([1, 2, 3, 4], size=n_sites, p=[0.15, 0.3, 0.3, 0.25])
    referrals = d.rng.normal(0, 12, n_sites)
    overnight = d.rng.normal(0, 5, n_sites)
    emergx = d.rng.normal(0, 8, n_sites)
    beds = d.rng.normal(0, 6, n_sites)
    start = 18993.0  # 01jan2012 as a Stata date
    rows = []
    for s in range(n_sites):
        for week in range(52):
            rate = np.exp(1.3 + site_u[s] + 0.01 * referrals[s] - 0.15 * (pattern[s] == 1))
            for _ in range(d.rng.poisson(rate)):
                day = start + 7 * week + d.rng.integers(0, 7)
                rows.append((s, day, d.rng.uniform(0, MS_PER_DAY)))
    site = np.array([r[0] for r in rows])
    day = np.array([r[1] for r in rows])
    d.rows(len(rows))
    d.put("icode", np.array([f"S{s + 1:02d}" for s in site], dtype=object), "str3")
    stamp = np.round((day * MS_PER_DAY + np.array([r[2] for r in rows])) / 1000) * 1000
    d.put("v_timestamp", stamp, "double")
    month = ((day - start) // 30.5).astype(int) + 1
    d.put("studymonth", np.minimum(month, 12), "byte")
    d.put("visit_month", np.minimum(month, 12), "byte")
    d.put("news_risk", d.categorical([0.45, 0.3, 0.25]), "byte",
          value_labels={1: "Low", 2: "Medium", 3: "High"})
    d.put("beds_none", d.binary(0.15), "byte")
    d.put("out_of_hours", d.binary(0.35), "byte")
    d.put("weekend", ((day - start) % 7 >= 5).astype(int), "byte")
    d.put("referrals_permonth_c", np.round(referrals[site], 3), "float")
    d.put("ccot_shift_pattern", pattern[site], "byte",
          value_labels={1: "None", 2: "Less than 7 days", 3: "7 days", 4: "24/7"})
    d.put("hes_overnight_c", np.round(overnight[site], 3), "float")
    d.put("hes_emergx_c", np.round(emergx[site], 3), "float")
    d.put("cmp_beds_max_c", np.round(beds[site], 3), "float")
    ds = d.dataset()
    ds.formats["v_timestamp"] = "%tc"
    return ds
