"""Look-alike of ``workingdata.dta`` of a replication package on vocational education and
employment in the OECD Survey of Adult Skills (PIAAC), as its analysis do-file loads it: one row
per respondent aged 16-65 with a general or vocational upper-secondary or tertiary qualification
in 22 countries ``c`` (1-22, value label ``c`` with country names; a second label ``c_short`` of
ISO codes is defined but not attached), 90 respondents each; ``gender`` (0 men, 1 women),
``Age`` (years), ``age`` (Age - 40, in decades) and ``age2`` (age squared), ``vet`` (0/1,
vocational track, value label ``vet``), ``edulevel`` and parents' education ``edupar`` (1-3),
employment ``employed`` (0/1), the ten numeracy and literacy plausible values PVNUM1-PVNUM10 and
PVLIT1-PVLIT10 (mean about 270, sd 45; each respondent's ten values spread by about 15 around a
latent skill), the country-level standardized vocational enrolment ``zvoc`` and dual-system share
``zdual`` (0-0.6), and the sex-specific final weights ``wgt_m``/``wgt_f`` (rescaled within
country).  Employment rises with skill and falls in old age, the vocational advantage shrinking
with age, more so where vocational enrolment is high."""
import numpy as np

from lookalike import LookAlike

CODES = ["AUT", "BEL", "CAN", "CZE", "DNK", "EST", "FIN", "FRA", "DEU", "IRL", "ITA", "JPN", "KOR", "NLD",
         "NOR", "POL", "SVK", "ESP", "SWE", "GBR", "USA", "AUS"]


def make():
    d = LookAlike(seed=13204)
    ids = d.nested(("c", 22), (None, (90, 90)))
    c = ids["c"]
    rng = d.rng
    d.put("c", c, "byte", value_labels={i + 1: f"Country {code}" for i, code in enumerate(CODES)})
    d.value_labels["c_short"] = {float(i + 1): code for i, code in enumerate(CODES)}
    zvoc = d.group_constant(c, d.normal(0, 1))
    zdual = d.group_constant(c, np.round(np.clip(rng.uniform(-0.15, 0.6, d.n), 0, 0.6), 3))
    gender = d.binary(0.5)
    age_years = d.uniform_int(16, 65)
    age = (age_years - 40) / 10
    vet = d.bernoulli_logit(0.3 * zvoc)
    edulevel = d.categorical([0.25, 0.45, 0.3])
    edupar = d.categorical([0.3, 0.45, 0.25])
    skill = 270 + 12 * (edulevel - 2) + 8 * (edupar - 2) - 4 * age + rng.normal(0, 42, d.n)
    eta = (1.3 + 0.4 * (edulevel - 2) + 0.015 * (skill - 270) - 0.35 * age ** 2 + 0.25 * vet
           - 0.15 * vet * age - 0.1 * vet * age * zvoc - 0.4 * gender + d.effect(c, 0.3))
    d.put("gender", gender, "byte")
    d.put("Age", age_years, "byte")
    d.put("age", age, "float")
    d.put("age2", age ** 2, "float")
    d.put("vet", vet, "byte", value_labels={0: "general", 1: "vocational"})
    d.put("edulevel", edulevel, "byte")
    d.put("edupar", edupar, "byte")
    d.put("employed", d.bernoulli_logit(eta), "byte")
    for k in range(1, 11):
        d.put(f"PVNUM{k}", np.round(skill + rng.normal(0, 15, d.n), 4), "double")
    lit = skill + rng.normal(0, 20, d.n)
    for k in range(1, 11):
        d.put(f"PVLIT{k}", np.round(lit + rng.normal(0, 15, d.n), 4), "double")
    d.put("zvoc", zvoc, "float")
    d.put("zdual", zdual, "float")
    w = np.exp(d.normal(0, 0.4))
    for name, g in (("wgt_m", 0), ("wgt_f", 1)):
        mine = np.where(gender == g, w, np.nan)
        scale = np.ones(d.n)
        for k in np.unique(c):
            rows = (c == k) & (gender == g)
            scale[c == k] = rows.sum() / w[rows].sum()
        d.put(name, np.round(mine * scale, 6), "double")
    return d.dataset()
