"""The three era files of the MIDCAB cohort (make_midcab_cohort.py) as the author's other
do-file left them: the cleaned cohort (missing comorbidities set to 0, ``female_n``,
``fupyears2`` = follow-up + 0.01), stset on ``fupyears2`` with failure ``died``, with age
groups ``age_group`` (1 <60, 2 60-69, 3 70+) and ``ageg`` (five bands), split by operation
year into eras 1 (to 2003), 2 (2004-2011) and 3 (2012 on)."""
import contextlib
import io

import numpy as np

from make_midcab_cohort import make as cohort


def era(k: int):
    from mlmcli.runner import Runner
    from mlmcli.session import Session

    ds = cohort()
    df = ds.df
    for name in ("diabetes", "hyperlipemia", "pre_dialysis", "prior_pci", "pre_mi", "pad"):
        df[name] = df[name].fillna(0)
    df["female_n"] = (df["female"] == "yes").astype(float)
    df["fupyears2"] = df["fupyear"] + 0.01
    age = df["age_at_surgery"].to_numpy()
    df["age_group"] = np.select([age < 60, age < 70], [1.0, 2.0], 3.0)
    df["ageg"] = np.digitize(age, [50, 60, 70, 80]).astype(float) + 1
    bounds = {1: (0, 2003), 2: (2004, 2011), 3: (2012, 9999)}[k]
    keep = (df["op_year"] >= bounds[0]) & (df["op_year"] <= bounds[1])
    session = Session(io.StringIO())
    session.data = ds
    runner = Runner(session)
    for name, vtype in (("female_n", "byte"), ("fupyears2", "float"), ("age_group", "byte"), ("ageg", "byte")):
        ds.types[name] = vtype
    with contextlib.redirect_stdout(io.StringIO()):
        runner.run_text(f"keep if {int(bounds[0])} <= op_year & op_year <= {int(bounds[1])}\n"
                        "stset fupyears2, fail(died)", echo=False)
    assert int(keep.sum()) == len(session.data.df)
    return session.data
