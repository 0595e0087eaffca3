"""The NSHAP-style panel look-alike (``make_nshap_loneliness``) as the authors' later scripts
find it: with ``age_dev_70``, age centred at 70 in decades (the file turns the vertex of the
quadratic back into years with ``* 10 + 70``)."""
import numpy as np

from lookalike import from_frame
from make_nshap_loneliness import make as nshap_loneliness


def make():
    base = nshap_loneliness()
    df = base.df.copy()
    df["age_dev_70"] = np.round((df["age"].to_numpy(dtype=float) - 70.0) / 10.0, 4)
    ds = from_frame(df, types={**base.types, "age_dev_70": "float"}, var_labels=base.var_labels)
    ds.value_labels, ds.value_label_of = base.value_labels, base.value_label_of
    return ds
