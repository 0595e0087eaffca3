"""The lecture GCSE look-alike (``make_gcse_lrt``) with the two columns of the MLwiN tutorial
data a learning file adds: pupil's sex ``girl`` (0/1) and the school's gender ``schgend``
(1 mixed, 2 boys, 3 girls; constant within school, girls' schools all girls)."""
import numpy as np

from lookalike import from_frame
from make_gcse_lrt import make as gcse_lrt


def make():
    base = gcse_lrt()
    df = base.df.copy()
    rng = np.random.default_rng(4059)
    schools = np.unique(df["school"])
    kind = dict(zip(schools, rng.choice([1, 2, 3], size=len(schools), p=[0.6, 0.2, 0.2])))
    schgend = df["school"].map(kind).to_numpy()
    girl = np.where(schgend == 3, 1, np.where(schgend == 2, 0, rng.random(len(df)) < 0.5)).astype(int)
    df["girl"] = girl
    df["schgend"] = schgend
    df["gcse"] = np.clip(df["gcse"] + 2 * girl, 0, 100)
    types = dict(base.types)
    types.update(girl="byte", schgend="byte")
    return from_frame(df, types=types)
