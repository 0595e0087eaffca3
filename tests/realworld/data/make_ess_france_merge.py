"""Look-alike of ``france_merge.dta`` of the Sides and Citrin replication: the French round-1
respondents with every ESS variable of the merged file (and their own ``hinctnt``), the rows the
do-file appends after dropping France's newer release."""
from lookalike import from_frame
from make_ess1and7_sides import TYPES, frame


def make():
    df = frame()
    df = df[(df["essround"] == 1) & (df["cntry"] == "FR")].reset_index(drop=True)
    types = dict(TYPES)
    for name in df.columns:
        if name not in types:
            types[name] = "byte"
    return from_frame(df, types=types)
