"""Look-alike of a fish-level sea-lice monitoring file (``Sea lice data.dta``): juvenile
salmon caught in sampling events (``event_id``) by four monitoring programmes (``source``)
in nine sampling units along migration routes, 2006-2023 (no 2013-2015), March-July, with
species (``fish_spec`` 1-6), length class (1-3), counts of motile and non-motile lice and
their presence indicators."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=2023)
    years = [y for y in range(2006, 2024) if y not in (2013, 2014, 2015)]
    n_events = 900
    ev_year = d.rng.choice(years, size=n_events)
    ev_month = d.rng.choice([3, 4, 5, 6, 7], size=n_events, p=[0.1, 0.3, 0.3, 0.2, 0.1])
    ev_unit = d.rng.integers(1, 10, size=n_events)
    ev_source = np.where(ev_year <= 2012, d.rng.choice([1, 2, 4], size=n_events), d.rng.choice([2, 3, 4], size=n_events))
    sizes = d.rng.integers(3, 12, size=n_events)
    ev = np.repeat(np.arange(1, n_events + 1), sizes)
    d.rows(len(ev))
    d.put("event_id", ev, "int")
    d.put("year", ev_year[ev - 1], "int")
    d.put("month", ev_month[ev - 1], "byte")
    d.put("sampling_unit", ev_unit[ev - 1], "byte")
    d.put("source", ev_source[ev - 1], "byte")
    d.put("fish_spec", d.categorical([0.05, 0.4, 0.05, 0.05, 0.05, 0.4]), "byte")
    d.put("length_cat", d.categorical([0.3, 0.45, 0.25]), "byte")
    um = ev_unit[ev - 1] * 1000 + ev_year[ev - 1] % 100 * 10 + ev_month[ev - 1]
    log_mu = -0.8 + 0.3 * (d.columns["length_cat"] - 2) + d.effect(um, 0.6) + d.effect(ev, 0.7)
    lam = np.exp(log_mu) * d.rng.gamma(2.0, 0.5, size=d.n)
    mot = d.rng.poisson(lam)
    nmot = d.rng.poisson(np.exp(log_mu + 0.4) * d.rng.gamma(2.0, 0.5, size=d.n))
    d.put("sealice_mot", mot, "byte")
    d.put("sealice_nmot", nmot, "byte")
    d.put("sealicemot_bin", (mot > 0).astype(int), "byte")
    d.put("sealicenmot_bin", (nmot > 0).astype(int), "byte")
    return d.dataset()
