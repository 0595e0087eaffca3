"""Look-alike of ``ri_example_dataset_Harmonia`` of the vaccination-coverage ICC study (the
demonstration routine-immunisation survey of the fictional country Harmonia): children aged
12-23 months in 120 survey clusters (``clusterid``) of 12 strata (``stratumid``), 45 clusters
urban (``urban_cluster`` 1) and the rest rural, survey weights ``psweight`` and
``got_crude_penta3_to_analyze`` (third dose of pentavalent vaccine by card or history: 0/1,
missing for a few children not eligible for the analysis).  Coverage varies by cluster (the
intracluster correlation the file estimates); a few rural clusters reach 100%."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=2531)
    rng = d.rng
    sizes = rng.integers(6, 16, size=120)
    cluster = np.repeat(np.arange(1, 121), sizes)
    d.rows(len(cluster))
    c = cluster - 1
    stratum = (np.arange(120) % 12) + 1
    urban = (rng.permutation(120) < 45).astype(int)
    logit = 1.0 + 0.5 * urban + rng.normal(0, 1.0, size=120)
    p = 1 / (1 + np.exp(-logit[c]))
    got = (rng.random(len(c)) < p).astype(float)
    got[rng.random(len(c)) < 0.03] = np.nan
    d.put("stratumid", stratum[c], "byte")
    d.put("clusterid", cluster, "int")
    d.put("urban_cluster", urban[c], "byte", value_labels={0: "Rural", 1: "Urban"}, label_name="urban")
    d.put("psweight", np.round(rng.uniform(80, 400, size=120)[c] * d.rng.uniform(0.9, 1.1, len(c)), 3), "double")
    d.put("got_crude_penta3_to_analyze", got, "byte")
    return d.dataset()
