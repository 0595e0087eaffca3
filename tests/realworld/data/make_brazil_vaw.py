"""Look-alike of a Brazilian municipal survey on violence against women (the Cordova-Kras
file): respondents in municipalities ``cidade`` with intolerance of violence ``b4dr`` and
bystander-intervention attitude ``b11ar`` (1-5), knowing a victim, own experience, sex,
the municipality's women's police station ``deam`` (and its age ``num_years``), state VAW
law, regular police, femicide rate, log GDP per capita and population, attitude scales
(b4gr, q91cr, q91er, c1r, q89er), education level (0-3), perceived class, wealth, age
cohort (1-3), marital status (1-4), number of children and colour (1-4)."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=2016)
    ids = d.nested(("cidade", 40), (None, (25, 45)))["cidade"]
    female = d.binary(0.52)
    d.put("female", female, "byte", value_labels={0: "Male", 1: "Female"}, label_name="female")
    deam = d.group_constant(ids, d.binary(0.5))
    d.put("deam", deam, "byte", value_labels={0: "No", 1: "Yes"}, label_name="deam")
    d.put("num_years", np.where(deam == 1, d.group_constant(ids, d.uniform_int(1, 28)), 0), "byte")
    d.put("vaw_law", d.group_constant(ids, d.binary(0.4)), "byte")
    d.put("civilpolice", d.group_constant(ids, d.binary(0.6)), "byte")
    d.put("femiciderate", np.round(d.group_constant(ids, d.rng.gamma(2, 2.5, d.n)), 2), "float")
    d.put("Loggdp_2012", np.round(d.group_constant(ids, d.normal(9.8, 0.6)), 3), "float")
    d.put("Logpopsize", np.round(d.group_constant(ids, d.normal(11, 1.3)), 3), "float")
    for name in ("b4gr", "q91cr", "q91er", "c1r", "q89er"):
        d.put(name, np.round(np.clip(d.normal(50, 25), 0, 100), 1), "float")
    d.put("edlevel", d.categorical([0.1, 0.35, 0.4, 0.15], [0, 1, 2, 3]), "byte")
    d.put("classe", d.uniform_int(1, 5), "byte")
    d.put("q53r", d.uniform_int(0, 10), "byte")
    d.put("p2a", d.categorical([0.45, 0.3, 0.25]), "byte")
    d.put("marital_status", d.categorical([0.35, 0.45, 0.1, 0.1]), "byte")
    d.put("children", np.clip(d.rng.poisson(1.6, d.n), 0, 9), "byte")
    d.put("color", d.categorical([0.4, 0.1, 0.45, 0.05]), "byte")
    u = d.effect(ids, 0.4)
    latent = 0.3 * female + 0.2 * deam + 0.15 * deam * female - 0.01 * d.columns["b4gr"] + u
    d.put("b4dr", d.ordinal(latent + 1.5, [-1.5, -0.5, 0.5, 1.5]), "byte")
    d.put("b11ar", d.ordinal(latent + 1.0, [-1.5, -0.5, 0.5, 1.5]), "byte")
    d.put("knowvictim", d.bernoulli_logit(-0.5 + 0.3 * female + u), "byte")
    d.put("b9a", d.bernoulli_logit(-1.5 + 0.5 * female + u), "byte")
    return d.dataset()
