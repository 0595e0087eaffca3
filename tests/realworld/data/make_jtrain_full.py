"""Wooldridge's JTRAIN look-alike (``make_jtrain_panel``) with the firms' log sales ``lsales``
and log employment ``lemploy`` that example 14.3 adds."""
import numpy as np

from lookalike import from_frame
from make_jtrain_panel import make as jtrain_panel


def make():
    base = jtrain_panel()
    df = base.df.copy()
    rng = np.random.default_rng(1988)
    firm = df["fcode"].to_numpy()
    uniq, inverse = np.unique(firm, return_inverse=True)
    size = rng.normal(4.0, 1.0, len(uniq))[inverse]
    df["lemploy"] = np.round(size + rng.normal(0, 0.1, len(df)), 4)
    df["lsales"] = np.round(12 + size + rng.normal(0, 0.3, len(df)), 4)
    missing = rng.random(len(df)) < 0.05
    df.loc[missing, "lsales"] = np.nan
    return from_frame(df, types={**base.types, "lemploy": "float", "lsales": "float"})
