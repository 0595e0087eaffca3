"""Cornwell and Rupert's wage panel as a CSV export names it (``cornwell&rupert.csv``: 595
men, 7 years): the PSID extract look-alike (``make_psid_extract``) with ``t`` as ``year``,
``exp2`` as ``expsq`` and without the year dummies."""
from lookalike import from_frame
from make_psid_extract import make as psid_extract


def make():
    base = psid_extract()
    df = base.df.drop(columns=[c for c in base.df.columns if c.startswith("tdum")])
    df = df.rename(columns={"t": "year", "exp2": "expsq"})
    types = {("year" if k == "t" else "expsq" if k == "exp2" else k): v for k, v in base.types.items()
             if not k.startswith("tdum")}
    return from_frame(df, types=types)
