"""Look-alike of ``hinc_merge.dta`` of the Sides and Citrin replication: the round-1 household
income decile ``hinctnt`` of ESS version 5_f1 for every respondent of the merged rounds 1 and 7
outside France, keyed by ``cntry`` (str2) and ``idno`` (round-1 rows only; the round-7 rows stay
unmatched as in the course file)."""
from lookalike import from_frame
from make_ess1and7_sides import frame


def make():
    df = frame()
    df = df[(df["essround"] == 1) & (df["cntry"] != "FR")][["cntry", "idno", "hinctnt"]].reset_index(drop=True)
    return from_frame(df, types={"cntry": "str2", "idno": "long", "hinctnt": "byte"})
