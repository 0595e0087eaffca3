"""Look-alike of an NLSY97 person-year file of October activity (``y97_master``): ``ID`` and
``year`` for every person of ``make_nlsy97_master_panel`` 1997-2011 and further ids, the
October activity ``activityOct`` (1-6, labelled vlZ9065800) and a sample-type variable whose
value label vlR0000100 the master file also defines (merge says it is already defined)."""
import numpy as np

from lookalike import LookAlike
from make_nlsy97_master_panel import person_ids


def make():
    d = LookAlike(seed=9702)
    ids = person_ids(np.random.default_rng(97))
    extra = np.setdiff1d(np.arange(1, 9023), ids)[::9]
    every = np.sort(np.concatenate([ids, extra]))
    years = np.arange(1997, 2012)
    pid = np.repeat(every, years.size)
    year = np.tile(years, every.size)
    d.rows(pid.size)
    d.put("ID", pid, "int")
    d.put("year", year, "int")
    d.put("activityOct", d.categorical([0.2, 0.15, 0.15, 0.3, 0.05, 0.15]), "byte",
          value_labels={1: "School only", 2: "School and work", 3: "Work part time", 4: "Work full time",
                        5: "Military", 6: "Home or other"}, label_name="vlZ9065800")
    d.put("sample_type", d.binary(0.7), "byte", value_labels={0: "Oversample", 1: "Cross-section"},
          label_name="vlR0000100")
    return d.dataset()
