"""Snijders & Bosker's language-test data (2,287 Dutch pupils in 131 schools; the real file
from ../shared, grodri/snijders.dta) as the course sheet ``book_data`` of
``Multilevel_Analysis_Missing.xlsx`` names it: ``schoolID``, ``studentID``, ``langpost``,
``IQverb``, ``IQperf``, ``denomina``, ``homework``, ``mixedgra`` (and the other columns)."""
import pandas as pd

from lookalike import from_frame
from registry import shared_dir


def make():
    base = shared_dir()
    if base is None:
        raise FileNotFoundError("../shared/data is not available")
    d = pd.read_stata(base / "grodri" / "snijders.dta", convert_categoricals=False)
    d = d.rename(columns={"schoolnr": "schoolID", "pupilnr": "studentID", "iq_verb": "IQverb",
                          "iq_perf": "IQperf"})
    return from_frame(d)
