"""``merge 1:1|m:1|1:m|m:m``: adding variables from a using file, matched on key variables."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from mlmcli.commands.data.common import adopt_metadata, load_using, reject_weight, split_using, wider_type
from mlmcli.commands.data.merge_keys import key_codes, keys_unique, matched_rows, take_either, take_rows
from mlmcli.dataset import Dataset
from mlmcli.errors import StataError
from mlmcli.render.data_combine import render_merge_table
from mlmcli.results.data import MergeSummary
from mlmcli.syntax.abbreviation import resolve_choice
from mlmcli.syntax.options import OptionSpec, resolve_options, split_options

MERGE_LABELS = {1.0: "master only (1)", 2.0: "using only (2)", 3.0: "matched (3)",
                4.0: "missing updated (4)", 5.0: "nonmissing conflict (5)"}


MERGE_OPTIONS = [
    OptionSpec("keep", 4, takes_arg=True), OptionSpec("keepusing", 5, takes_arg=True),
    OptionSpec("generate", 3, takes_arg=True), OptionSpec("nogenerate", 5), OptionSpec("noreport", 5),
    OptionSpec("assert", 6, takes_arg=True), OptionSpec("nolabel", 5), OptionSpec("nonotes", 7),
    OptionSpec("sorted", 6), OptionSpec("update", 6), OptionSpec("replace", 7), OptionSpec("force"),
]
# what keep()/assert() name, in the order of _merge's codes 1-5: word, minimal
# abbreviation, the codes it stands for (matched includes the update results)
# merge.ado reads n for m ("1:n", "n:1", "n:n" are the same merges; public do-files write them)
MATCH_TYPES = {"1:1": "1:1", "1:m": "1:m", "m:1": "m:1", "m:m": "m:m", "1:n": "1:m", "n:1": "m:1", "n:n": "m:m"}
MERGE_RESULTS = (("master", 3, (1.0,)), ("using", 2, (2.0,)), ("match", 3, (3.0, 4.0, 5.0)),
                 ("match_update", 3, (4.0,)), ("match_conflict", 7, (5.0,)))


@dataclass(frozen=True)
class MergeSpec:
    """A parsed ``merge`` line."""

    kind: str  # 1:1 m:1 1:m m:m
    keys: list[str]
    file_text: str
    opts: dict
    genvar: str | None  # None: nogenerate

    @property
    def update(self) -> bool:
        return "update" in self.opts


# ----------------------------------------------------------------------------- merge
def cmd_merge(session, cmd) -> None:
    """``merge 1:1|m:1|1:m varlist using file [, keep() keepusing() generate() nogenerate noreport
    assert() update replace nolabel]``.

    Variables in both files keep the master's values; with ``update``, matched observations
    take the using value where the master's is missing (_merge 4) and count disagreements
    (_merge 5), which ``replace`` resolves in favour of the using data.  Steps: read the
    line, read and check the using data, match the observations, keep()/assert(), then
    replace the data in memory (untouched until then, whatever fails).
    """
    from mlmcli.commands.data.merge_old import NOTE, check_sorted, is_old_syntax, parse_old

    ds = session.data
    old = is_old_syntax(cmd.args)
    if old:  # merge varlist using file: merge.ado's note, then merge_10's match (merge_old.py)
        session.print(NOTE)
        kind, keys, file_text, opts, genvar, sort = parse_old(ds, cmd)
        m = MergeSpec(kind, keys, file_text, opts, genvar)
    else:
        m = _parse(ds, cmd)
    using = _using_data(ds, m)
    if old:
        check_sorted(ds, using, m.keys, sort)
    merged, code, shared = _match(ds, using, m)
    merged, code = _keep_and_assert(merged, code, m.opts)
    clashes = [] if "nolabel" in m.opts else [lab for lab in using.value_labels if lab in ds.value_labels]
    install_merged(ds, using, merged, code, shared, m)
    for lab in clashes:  # the master's definition is kept (a Stata log of merge ..., keepusing() nogen)
        session.print(f"(label {lab} already defined)")
    if "noreport" not in m.opts:
        counts = {int(c): int((code == c).sum()) for c in (1.0, 2.0, 3.0, 4.0, 5.0)}
        session.print(render_merge_table(MergeSummary(counts, m.genvar if m.genvar else False,
                                                      update=m.update)))


def _parse(ds, cmd) -> MergeSpec:
    body, options, _ = split_options(cmd.args)
    reject_weight(body)
    opts = resolve_options(options, MERGE_OPTIONS)
    if "replace" in opts and "update" not in opts:
        raise StataError("option replace requires option update", 198)
    parts = body.split(None, 1)
    if not parts or parts[0] not in MATCH_TYPES:
        raise StataError("invalid syntax", 198)
    kind = MATCH_TYPES[parts[0]]
    keys_text, file_text = split_using(parts[1] if len(parts) > 1 else "")
    if not file_text:
        raise StataError("using required", 100)
    if keys_text.strip() == "_n":  # [D] merge: merge 1:1 _n, observation i with observation i (no keys)
        if kind != "1:1":
            raise StataError(f"merge {parts[0]} _n not allowed; the sequential merge is merge 1:1 _n", 198)
        keys = []
    else:
        keys = ds.expand_varlist(keys_text)
    genvar = None if "nogenerate" in opts else (opts["generate"].strip() if "generate" in opts else "_merge")
    return MergeSpec(kind, keys, file_text, opts, genvar)


def _string_numeric_mismatch(ds, using: Dataset, m: MergeSpec) -> None:
    """A variable (not a key) string in one file and numeric in the other: r(106) ([D] merge),
    or with ``force`` the using file's values count as missing."""
    for c in using.varnames:
        if c in m.keys or c not in ds.df.columns or ds.is_string(c) == using.is_string(c):
            continue
        master_type, using_type = ds.types.get(c, "float"), using.types.get(c, "float")
        if "force" not in m.opts:
            missing = '""' if ds.is_string(c) else "numeric missing value"
            raise StataError(f"variable {c} is {master_type} in master but {using_type} in using data\n"
                             "    You could specify merge's force option to ignore this string/numeric mismatch.  "
                             f"The using variable would then be treated as if it contained {missing}.", 106)
        using.df[c] = "" if ds.is_string(c) else np.nan
        using.types[c] = master_type


def _using_data(ds, m: MergeSpec) -> Dataset:
    """The using file's data (``keepusing()`` variables only), its keys checked against the
    master's; the new _merge name and the keys' uniqueness checked on both sides."""
    return checked_using(ds, load_using(m.file_text), m)


def checked_using(ds, using: Dataset, m: MergeSpec) -> Dataset:
    """_using_data's checks and keepusing() on using data already read (mi merge's m's)."""
    for k in m.keys:
        if k not in using.df.columns:
            raise StataError(f"variable {k} not found", 111)
        if ds.is_string(k) != using.is_string(k):
            raise StataError(f"key variable {k} is {'str' if using.is_string(k) else 'numeric'} in using data", 106)
    keepusing = m.opts.get("keepusing")
    if isinstance(keepusing, str):
        wanted = using.expand_varlist(keepusing)
        using.df = using.df[[c for c in using.varnames if c in m.keys or c in wanted]]
    for side in (ds, using):  # _merge in either file (Stata: r(110) for the using file too)
        if m.genvar is not None and m.genvar in side.df.columns:
            raise StataError(f"variable {m.genvar} already defined", 110)
    for side, frame, unique in (("master", ds, m.kind[0] == "1"), ("using", using, m.kind[2] == "1")):
        if unique and m.keys and not keys_unique(frame.df, frame, m.keys):
            keys = m.keys
            what = f"variable {keys[0]} does" if len(keys) == 1 else f"variables {' '.join(keys)} do"
            raise StataError(f"{what} not uniquely identify observations in the {side} data", 459)
    _string_numeric_mismatch(ds, using, m)
    return using


def match(ds, using: Dataset, m: MergeSpec):
    """The matched frame, _merge's codes and the shared variables after keep()/assert()."""
    merged, code, shared = _match(ds, using, m)
    merged, code = _keep_and_assert(merged, code, m.opts)
    return merged, code, shared


def _match(ds, using: Dataset, m: MergeSpec) -> tuple[pd.DataFrame, np.ndarray, list[str]]:
    """The outer match of master and using observations on the keys (m:m: pairwise within a
    key), sorted by key then master/using order (merge_keys); the _merge code of each row; the
    variables both files have besides the keys (master values kept, using ones in
    ``__mlm_u_<name>``); the keys and those variables take the using values on using-only rows."""
    keys = m.keys
    left, right = ds.df, using.df
    shared = [c for c in right.columns if c in left.columns and c not in keys]
    if keys:
        left_codes, right_codes = key_codes([(left, ds), (right, using)], keys)
    else:  # merge 1:1 _n: the observation numbers are the key
        left_codes, right_codes = np.arange(len(left), dtype=np.int64), np.arange(len(right), dtype=np.int64)
    mrows, urows = matched_rows(left_codes, right_codes, sequential=m.kind == "m:m")
    columns = {}
    for c in left.columns:
        columns[c] = take_either(left[c], right[c], mrows, urows) if c in keys or c in shared \
            else take_rows(left[c], mrows)
    columns["__mlm_mrow"] = np.where(mrows >= 0, mrows, np.nan)
    for c in right.columns:
        if c not in keys:
            columns[f"__mlm_u_{c}" if c in shared else c] = take_rows(right[c], urows)
    columns["__mlm_urow"] = np.where(urows >= 0, urows, np.nan)
    merged = pd.DataFrame(columns)
    code = np.where(mrows < 0, 2.0, np.where(urows < 0, 1.0, 3.0))
    if m.update and shared:
        code = apply_update(merged, shared, code, "replace" in m.opts, ds)
    merged["__code"] = code
    return merged, code, shared


def take_using_values(merged: pd.DataFrame, only_u: np.ndarray, names: list[str], ds, using: Dataset) -> None:
    """Using-only rows take their key values (and shared variables) from the using data."""
    if not only_u.any():
        return
    urows = merged.loc[only_u, "__mlm_urow"].astype(int).to_numpy()
    for k in names:
        col = merged[k].astype(object) if ds.is_string(k) else merged[k]
        col = col.copy()
        col[only_u] = using.df[k].to_numpy()[urows]
        merged[k] = col


def _keep_and_assert(merged: pd.DataFrame, code: np.ndarray, opts: dict) -> tuple[pd.DataFrame, np.ndarray]:
    """Rows of the results ``keep()`` names; ``assert()`` refuses others (r(9))."""
    keep = opts.get("keep")
    if isinstance(keep, str):
        merged = merged[np.isin(code, list(_result_codes(keep)))]
        code = merged["__code"].to_numpy()
    assert_opt = opts.get("assert")
    if isinstance(assert_opt, str) and not np.isin(code, list(_result_codes(assert_opt))).all():
        raise StataError("merge:  after merge, not all observations matched as asserted", 9)
    return merged, code


def install_merged(ds, using: Dataset, merged: pd.DataFrame, code: np.ndarray, shared: list[str], m: MergeSpec) -> None:
    """The merged data replace the data in memory: master variables then the using file's
    new ones, their labels and formats (``nolabel``: not the value labels), types widened
    to hold both files' values, _merge labelled, sorted by the keys."""
    out_cols = ds.varnames + [c for c in using.varnames if c not in ds.df.columns]
    frame = merged[out_cols].reset_index(drop=True)
    for c in out_cols:
        if (c in ds.df.columns and ds.is_string(c)) or (c not in ds.df.columns and using.is_string(c)):
            frame[c] = frame[c].astype(object).where(frame[c].notna(), "")
        else:
            frame[c] = pd.to_numeric(frame[c], errors="coerce").astype(float)
    # e(sample) stays with the master rows (copied to each of a 1:m match's rows)
    ds.replace_rows(frame, merged["__mlm_mrow"].fillna(-1).to_numpy().astype(np.int64))
    adopt_metadata(ds, using, [c for c in using.varnames if c not in m.keys],
                   value_labels="nolabel" not in m.opts)
    if "nonotes" not in m.opts:
        from mlmcli.characteristics import DTA, adopt_notes

        adopt_notes(ds.chars, using.chars, [DTA] + [c for c in using.varnames if c in frame.columns])
    for k in m.keys + shared:
        if k in using.types and k in ds.types:
            ds.types[k] = wider_type(ds.types[k], using.types[k])
    if m.genvar is not None:
        ds.set_variable(m.genvar, code.astype(float), "byte")
        if not m.opts.get("_old_syntax"):  # merge_10's _merge is not labelled (merge.ado labels the new one)
            ds.value_labels.setdefault("_merge", dict(MERGE_LABELS))
            ds.value_label_of[m.genvar] = "_merge"
    ds.sortedby = tuple(m.keys)
    ds.changed = True


def apply_update(merged: pd.DataFrame, shared: list[str], code: np.ndarray, replace: bool,
                 ds: Dataset) -> np.ndarray:
    """merge's update/replace on matched rows; returns the _merge codes (3, 4 or 5)."""
    code = code.copy()
    matched = code == 3.0
    updated = np.zeros(code.size, dtype=bool)
    conflict = np.zeros(code.size, dtype=bool)
    for c in shared:
        m, u = merged[c], merged[f"__mlm_u_{c}"]
        if ds.is_string(c):
            m_text, u_text = m.fillna("").astype(str), u.fillna("").astype(str)
            miss_m, miss_u = (m_text == "").to_numpy(bool), (u_text == "").to_numpy(bool)
            differ = (m_text != u_text).to_numpy(bool)
        else:
            m_num, u_num = pd.to_numeric(m, errors="coerce"), pd.to_numeric(u, errors="coerce")
            miss_m, miss_u = m_num.isna().to_numpy(), u_num.isna().to_numpy()
            differ = m_num.to_numpy(float, na_value=np.nan) != u_num.to_numpy(float, na_value=np.nan)
        fill = matched & miss_m & ~miss_u
        differ = differ & matched & ~miss_m & ~miss_u
        take = fill | differ if replace else fill
        if take.any():
            merged[c] = m.astype(object).where(~take, u.astype(object)) if m.dtype != u.dtype else m.where(~take, u)
        updated |= fill
        conflict |= differ
    code[matched & updated] = 4.0
    code[matched & conflict] = 5.0
    return code


def _result_codes(text: str) -> set[float]:
    codes: set[float] = set()
    for tok in text.split():
        t = tok.lower()
        t = "match" if t == "matched" else t  # keep(matched): merge.ado takes it for match (much used)
        word = resolve_choice(t, [(name, k) for name, k, _ in MERGE_RESULTS])
        if t in ("1", "2", "3", "4", "5"):
            codes.update(MERGE_RESULTS[int(t) - 1][2])
        elif word is not None:
            codes.update(next(c for name, _, c in MERGE_RESULTS if name == word))
        else:
            raise StataError(f"{tok} invalid in keep()/assert()", 198)
    return codes
