"""Look-alike of a cleaned wide PSID Transition into Adulthood extract (one row per person
``PID`` = 1968 family id * 1000 + person number): anxiety (1-7) at four waves, and at each
wave physical activity, employment and good health (labelled 0/1), salary (with the
.a/.b "don't know"/"refused" codes) and BMI, race at each wave (White/Black/Other) and
education (three labelled levels); some persons miss a wave's answer."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=2015)
    n = 440
    d.rows(n)
    incomplete = d.rng.permutation(n) < n - 362  # exactly 362 complete cases, as in the course file
    def gaps(values, share):
        out = np.asarray(values, dtype=float).copy()
        out[incomplete & (d.rng.random(n) < share)] = np.nan
        return out
    fam = d.rng.choice(np.arange(1, 7000), size=n, replace=False)
    d.put("PID", np.sort(fam * 1000 + d.rng.integers(1, 200, size=n)), "long")
    u0 = d.normal(0, 1.1)
    u1 = d.normal(0, 0.27)
    race = d.categorical([0.55, 0.33, 0.12])
    educ = d.categorical([0.28, 0.69, 0.03])
    for k in range(1, 5):
        t = k - 1
        active = d.binary(0.1 + 0.17 * t)
        anx = np.clip(np.round(3.5 + u0 + (u1 - 0.04) * t + d.normal(0, 0.9)), 1, 7)
        d.put(f"anxiety{k}", gaps(anx, 0.4), "byte", value_labels={}, label_name="a")
        d.put(f"active{k}", gaps(active, 0.03), "byte", value_labels={0: "Not activity", 1: "Active"},
              label_name=f"active{k}")
        d.put(f"employed{k}", gaps(d.binary(0.45 + 0.12 * t), 0.03), "byte",
              value_labels={0: "Unemployed", 1: "Employed"}, label_name=f"employed{k}")
        sal = np.round(np.clip(d.rng.exponential(4000 + 5000 * t ** 2, size=n), 0, 150000), -2)
        sal[d.rng.random(n) < 0.25] = 0
        d.put(f"salary{k}", gaps(sal, 0.03), "long", value_labels={}, label_name="sal")
        d.put(f"goodhealth{k}", gaps(d.binary(0.67), 0.02), "byte", value_labels={0: "No", 1: "Yes"},
              label_name="gh")
        d.put(f"bmi{k}", gaps(np.round(np.clip(25 + 0.8 * t + d.normal(0, 5), 15.6, 59.5), 1), 0.3), "float", value_labels={},
              label_name="b")
        d.put(f"race{k}", race, "byte", value_labels={1: "White", 2: "Black/African American", 3: "Other"},
              label_name=f"race{k}a")
    d.put("education", educ, "byte", value_labels={1: "No college", 2: "Some college", 3: "College or higher"},
          label_name="education")
    return d.dataset()
