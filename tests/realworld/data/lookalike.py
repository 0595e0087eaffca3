"""Building blocks for look-alike datasets: the variable names, storage types, value
labels and plausible values of a public do-file's data, generated from a seed.

The real files fit multilevel models to data we cannot ship (survey extracts, course
files, textbook data behind a URL).  A generator ``make_<name>.py`` in this folder
describes one such dataset with the helpers below and returns a ``mlmcli`` Dataset;
``registry.build(name)`` writes it once to the cache folder as a .dta file.

Values come from simple hierarchical models (group random effects plus noise), so the
models the do-files fit have something to find: a random intercept has a variance to
estimate, a binary outcome has both values in every large group, a count is positive.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from mlmcli.dataset import Dataset


class LookAlike:
    """Columns under construction: one row per lowest-level unit."""

    def __init__(self, seed: int):
        self.rng = np.random.default_rng(seed)
        self.columns: dict[str, np.ndarray] = {}
        self.types: dict[str, str] = {}
        self.var_labels: dict[str, str] = {}
        self.value_label_of: dict[str, str] = {}
        self.value_labels: dict[str, dict[float, str]] = {}
        self.n = 0

    # ----- designs -----
    def nested(self, *levels: tuple[str | None, object]) -> dict[str, np.ndarray]:
        """Nested ids.  ``levels[0] = (name, count)``; each later ``(name, (lo, hi))`` gives the
        number of units per parent unit (uniform on lo..hi); a ``None`` name is the row level.
        Ids are 1..K numbered within the whole file (unique across parents)."""
        name0, count0 = levels[0]
        ids = {name0: np.arange(1, int(count0) + 1)}
        current = ids[name0]
        parents = {name0: current}
        for name, (lo, hi) in levels[1:]:
            sizes = self.rng.integers(lo, hi + 1, size=len(current))
            for key in parents:
                parents[key] = np.repeat(parents[key], sizes)
            current = np.arange(1, int(sizes.sum()) + 1)
            if name is not None:
                parents[name] = current
        self.n = len(current)
        for key, values in parents.items():
            self.put(key, values, "int" if values.max() < 32740 else "long")
        return parents

    def panel(self, idname: str, count: int, times: list, timename: str, *,
              dropout: float = 0.0) -> tuple[np.ndarray, np.ndarray]:
        """Long panel: ``count`` units each observed at ``times`` (optionally losing later waves)."""
        keep_upto = np.full(count, len(times))
        if dropout:
            keep_upto = np.maximum(2, len(times) - self.rng.binomial(len(times) - 2, dropout, size=count))
        ids = np.repeat(np.arange(1, count + 1), keep_upto)
        t = np.concatenate([np.asarray(times[:k]) for k in keep_upto])
        self.n = len(ids)
        self.put(idname, ids, "int" if count < 32740 else "long")
        self.put(timename, t, "int" if np.all(np.asarray(times) == np.round(times)) else "float")
        return ids, t

    def rows(self, n: int) -> None:
        """A flat file of ``n`` rows (no grouping)."""
        self.n = n

    # ----- random pieces -----
    def effect(self, ids: np.ndarray, sd: float) -> np.ndarray:
        """A normal random effect per value of ``ids``, expanded to the rows."""
        uniq, inverse = np.unique(ids, return_inverse=True)
        return self.rng.normal(0.0, sd, size=len(uniq))[inverse]

    def group_constant(self, ids: np.ndarray, values: np.ndarray) -> np.ndarray:
        """Make a row-level draw constant within groups (takes each group's first row)."""
        uniq, first, inverse = np.unique(ids, return_index=True, return_inverse=True)
        return np.asarray(values)[first][inverse]

    def normal(self, mean: float = 0.0, sd: float = 1.0) -> np.ndarray:
        return self.rng.normal(mean, sd, size=self.n)

    def uniform_int(self, lo: int, hi: int) -> np.ndarray:
        return self.rng.integers(lo, hi + 1, size=self.n)

    def binary(self, p) -> np.ndarray:
        return (self.rng.random(self.n) < np.broadcast_to(p, (self.n,))).astype(np.int8)

    def bernoulli_logit(self, eta) -> np.ndarray:
        return self.binary(1.0 / (1.0 + np.exp(-np.asarray(eta, dtype=float))))

    def categorical(self, probs: list[float], values: list | None = None) -> np.ndarray:
        values = list(range(1, len(probs) + 1)) if values is None else values
        p = np.asarray(probs, dtype=float)
        return np.asarray(values)[self.rng.choice(len(p), size=self.n, p=p / p.sum())]

    def ordinal(self, latent, cuts: list[float], values: list | None = None) -> np.ndarray:
        """An ordered outcome: logistic noise added to ``latent``, cut at ``cuts``."""
        z = np.asarray(latent, dtype=float) + self.rng.logistic(size=self.n)
        k = np.searchsorted(np.asarray(cuts, dtype=float), z)
        values = list(range(1, len(cuts) + 2)) if values is None else values
        return np.asarray(values)[k]

    def poisson(self, log_mu) -> np.ndarray:
        return self.rng.poisson(np.exp(np.asarray(log_mu, dtype=float)))

    def with_missing(self, values: np.ndarray, share: float) -> np.ndarray:
        out = np.asarray(values, dtype=float).copy()
        out[self.rng.random(len(out)) < share] = np.nan
        return out

    # ----- variables -----
    def put(self, name: str, values, vtype: str | None = None, label: str | None = None,
            value_labels: dict | None = None, label_name: str | None = None) -> np.ndarray:
        """Add a variable with its Stata storage type, variable label and value labels."""
        values = np.asarray(values)
        if values.ndim == 0:
            values = np.full(self.n, values)
        if vtype is None:
            vtype = _storage(values)
        self.columns[name] = values
        self.types[name] = vtype
        if label:
            self.var_labels[name] = label
        if value_labels:
            lname = label_name or name
            self.value_labels[lname] = {float(k): v for k, v in value_labels.items()}
            self.value_label_of[name] = lname
        return values

    def dataset(self, label: str = "") -> Dataset:
        frame = {}
        for name, values in self.columns.items():
            vtype = self.types[name]
            if vtype.startswith("str"):
                frame[name] = pd.Series(values, dtype=object)
            else:
                frame[name] = pd.Series(np.asarray(values, dtype=float))
        df = pd.DataFrame(frame)
        return Dataset(df=df, var_labels=dict(self.var_labels), value_label_of=dict(self.value_label_of),
                       value_labels={k: dict(v) for k, v in self.value_labels.items()},
                       types=dict(self.types), label=label)


def _storage(values: np.ndarray) -> str:
    """Stata's storage type for generated values (whole numbers get the smallest integer type)."""
    from mlmcli.storage_types import infer_storage_type

    series = pd.Series(values)
    if series.dtype.kind in "fb":
        finite = series.dropna()
        if series.dtype.kind == "b" or (len(finite) and (finite == finite.round()).all()):
            series = finite.astype("int64")  # missing values do not change the integer type
    return infer_storage_type(series)


def hsb_students() -> pd.DataFrame:
    """The real High School and Beyond student file with school variables (../shared)."""
    from registry import shared_dir  # noqa: F401 (generators that call this need ../shared)

    base = shared_dir()
    if base is None:
        raise FileNotFoundError("../shared/data is not available")
    return pd.read_csv(base / "stata" / "hsbmerged.csv", encoding="utf-8-sig")


def from_frame(frame: pd.DataFrame, types: dict[str, str] | None = None, var_labels: dict | None = None,
               value_labels: dict[str, dict] | None = None, label: str = "") -> Dataset:
    """A Dataset from a DataFrame of real data, with the given types and labels."""
    types = dict(types or {})
    for name in frame.columns:
        if name not in types:
            types[name] = _storage(frame[name].to_numpy())
    ds = Dataset(df=frame.reset_index(drop=True), var_labels=dict(var_labels or {}), types=types, label=label)
    for name, labels in (value_labels or {}).items():
        ds.value_labels[name] = {float(k): v for k, v in labels.items()}
        ds.value_label_of[name] = name
    return ds
