"""The meta data declaration kept in the dataset's characteristics (``_dta[_meta_*]``, so it
goes with preserve/restore and save/use, as Stata keeps it), the system variables it creates
(``_meta_id``, ``_meta_studylabel``, ``_meta_es``, ``_meta_se``, ``_meta_cil``, ``_meta_ciu``
and, after meta esize, ``_meta_studysize``) and the studies the analyses use."""
from __future__ import annotations

import dataclasses
import json

import numpy as np

from mlmcli.errors import StataError
from mlmcli.results.meta import MetaSettings
from mlmcli.text_bytes import string_storage_type

_KEY = "_meta_settings"
SYSTEM_VARIABLES = ("_meta_id", "_meta_studylabel", "_meta_es", "_meta_se", "_meta_cil", "_meta_ciu",
                    "_meta_studysize")
NOT_DECLARED = StataError("data not meta set; use meta set or meta esize to declare as meta data", 119)


def save(ds, s: MetaSettings) -> None:
    ds.chars[_KEY] = json.dumps(dataclasses.asdict(s))
    ds.chars["_meta_marker"] = "_meta_ds_1"


def declared(ds) -> bool:
    return _KEY in ds.chars


def load(ds) -> MetaSettings:
    text = ds.chars.get(_KEY)
    if not text:
        raise NOT_DECLARED
    raw = json.loads(text)
    raw["summary_vars"] = tuple(raw.get("summary_vars", ()))
    raw["esize_options"] = tuple(tuple(p) for p in raw.get("esize_options", ()))
    raw["variables"] = tuple(raw.get("variables", ()))
    raw["typed_options"] = tuple(tuple(p) for p in raw.get("typed_options", ()))
    s = MetaSettings(**raw)
    missing = [v for v in ("_meta_es", "_meta_se") if not ds.has_variable(v)]
    if missing:
        raise StataError(f"variable {missing[0]} not found; meta data are not correctly declared", 459)
    return s


def clear(ds) -> None:
    for key in (_KEY, "_meta_marker"):
        ds.chars.pop(key, None)
    present = [v for v in SYSTEM_VARIABLES if ds.has_variable(v)]
    if present:
        ds.drop_variables(present)


def write_system_variables(ds, es, se, level: float, labels, size=None) -> None:
    """The system variables over all observations (es/se missing outside the declared sample)."""
    from mlmcli.distributions import norm

    es = np.asarray(es, float)
    se = np.asarray(se, float)
    z = float(norm.isf((100 - level) / 200))
    ds.set_variable("_meta_id", np.arange(1, len(es) + 1, dtype=float), "int")
    ds.set_variable("_meta_studylabel", np.asarray(labels, dtype=object),
                    string_storage_type([str(x) for x in labels]))
    ds.set_variable("_meta_es", es, "double")
    ds.set_variable("_meta_se", se, "double")
    ds.set_variable("_meta_cil", es - z * se, "double")
    ds.set_variable("_meta_ciu", es + z * se, "double")
    if size is not None:
        ds.set_variable("_meta_studysize", np.asarray(size, float), "double")
    ds.var_labels.update({"_meta_id": "Study ID", "_meta_studylabel": "Study label",
                          "_meta_es": "Effect size", "_meta_se": "Std. Err. for ES",
                          "_meta_cil": f"{level:g}% lower CI limit for ES",
                          "_meta_ciu": f"{level:g}% upper CI limit for ES"})
    if size is not None:
        ds.var_labels["_meta_studysize"] = "Sample size per study"


def study_labels(ds, var: str, n: int) -> list[str]:
    if not var:
        return [f"Study {i + 1}" for i in range(n)]
    if ds.is_string(var):
        return [str(x) for x in ds.df[var].tolist()]
    values = ds.numeric(var)
    out = []
    for x in values:
        text = ds.value_label_text(var, x) if not np.isnan(x) else None
        out.append(text if text is not None else ("." if np.isnan(x) else format(x, "g")))
    return out


@dataclasses.dataclass(frozen=True)
class Studies:
    """The studies an analysis uses: rows of the data, their effect sizes, standard errors and labels."""

    rows: np.ndarray
    es: np.ndarray
    se: np.ndarray
    labels: list[str]

    @property
    def K(self) -> int:
        return len(self.rows)


def studies(session, cmd=None, s: MetaSettings | None = None) -> Studies:
    """The declared studies with a nonmissing effect size and standard error, within if/in."""
    from mlmcli.sample import mark_sample

    ds = session.data
    mask = np.ones(ds.nobs, bool) if cmd is None else mark_sample(session, cmd)
    es = ds.numeric("_meta_es")
    se = ds.numeric("_meta_se")
    mask &= ~np.isnan(es) & ~np.isnan(se)
    rows = np.flatnonzero(mask)
    labels_all = ds.df["_meta_studylabel"].tolist() if ds.has_variable("_meta_studylabel") else \
        [f"Study {i + 1}" for i in range(ds.nobs)]
    labels = [str(labels_all[i]) for i in rows]
    return Studies(rows=rows, es=es[rows], se=se[rows], labels=labels)


def require_studies(st: Studies, minimum: int = 2, what: str = "") -> None:
    if st.K == 0:
        raise StataError("no observations", 2000)
    if st.K < minimum:
        raise StataError(f"insufficient observations{(' ' + what) if what else ''}", 2001)
