"""``merge 1:1|m:1|1:m|m:m``: adding variables from a using file, matched on key variables."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from mlmcli.commands.data.common import adopt_metadata, load_using, reject_weight, split_using, wider_type
from mlmcli.dataset import Dataset
from mlmcli.errors import StataError
from mlmcli.missing import order_key
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
        if unique and m.keys and _key_frame(frame.df, m.keys, frame).duplicated().any():
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
    key), sorted by key then master/using order; the _merge code of each row; the variables
    both files have besides the keys (master values kept, using ones in ``__mlm_u_<name>``)."""
    keys = m.keys
    left = ds.df.copy()
    right = using.df.copy()
    shared = [c for c in right.columns if c in left.columns and c not in keys]
    right = right.rename(columns={c: f"__mlm_u_{c}" for c in shared})
    left["__mlm_mrow"] = np.arange(len(left))
    right["__mlm_urow"] = np.arange(len(right))
    left = pd.concat([left, _key_frame(left, keys, ds).add_prefix("__mlm_k_")], axis=1)
    right = pd.concat([right, _key_frame(right, keys, using).add_prefix("__mlm_k_")], axis=1)
    kcols = [f"__mlm_k_{k}" for k in keys]
    if not keys:  # merge 1:1 _n: the observation numbers are the key
        left["__mlm_k__n"], right["__mlm_k__n"] = np.arange(len(left)), np.arange(len(right))
        kcols = ["__mlm_k__n"]
    if m.kind == "m:m":
        left, right = _pair_sequentially(left, right, kcols)
        kcols = kcols + ["__mlm_seq"]
    merged = left.merge(right.drop(columns=keys), on=kcols, how="outer", indicator="__mlm_side", sort=False)
    code = merged["__mlm_side"].map({"left_only": 1.0, "right_only": 2.0, "both": 3.0}).astype(float).to_numpy()
    merged = merged.drop(columns=["__mlm_side"])
    take_using_values(merged, code == 2.0, keys + shared, ds, using)
    if m.update and shared:
        code = apply_update(merged, shared, code, "replace" in m.opts, ds)
    merged["__code"] = code
    merged = merged.sort_values(kcols + ["__mlm_mrow", "__mlm_urow"], kind="mergesort", na_position="last")
    merged = merged.drop(columns=[c for c in ("__mlm_seq",) if c in merged.columns])
    return merged, merged["__code"].to_numpy(), shared


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


def _pair_sequentially(left: pd.DataFrame, right: pd.DataFrame, kcols: list[str]):
    """m:m: within a key, the i-th master observation meets the i-th using one; the shorter
    side's last observation is repeated to meet the rest of the longer side."""
    left = left.copy()
    right = right.copy()
    left["__mlm_seq"] = left.groupby(kcols, dropna=False).cumcount()
    right["__mlm_seq"] = right.groupby(kcols, dropna=False).cumcount()
    nl = left.groupby(kcols, dropna=False).size().rename("__mlm_nl")
    nr = right.groupby(kcols, dropna=False).size().rename("__mlm_nr")
    both = pd.concat([nl, nr], axis=1, join="inner")
    extra_left, extra_right = [], []
    for key, (n_l, n_r) in both.iterrows():
        key = key if isinstance(key, tuple) else (key,)
        short, n_short, n_long, sink = (left, n_l, n_r, extra_left) if n_l < n_r else (right, n_r, n_l, extra_right)
        if n_short == n_long:
            continue
        sel = np.ones(len(short), dtype=bool)
        for c, v in zip(kcols, key):
            sel &= (short[c] == v).to_numpy()
        last = short[sel & (short["__mlm_seq"] == n_short - 1).to_numpy()]
        reps = last.loc[last.index.repeat(int(n_long - n_short))].copy()
        reps["__mlm_seq"] = np.arange(int(n_short), int(n_long))
        sink.append(reps)
    if extra_left:
        left = pd.concat([left] + extra_left, ignore_index=True)
    if extra_right:
        right = pd.concat([right] + extra_right, ignore_index=True)
    return left, right


def apply_update(merged: pd.DataFrame, shared: list[str], code: np.ndarray, replace: bool,
                  ds: Dataset) -> np.ndarray:
    """merge's update/replace on matched rows; returns the _merge codes (3, 4 or 5)."""
    code = code.copy()
    matched = code == 3.0
    updated = np.zeros(code.size, dtype=bool)
    conflict = np.zeros(code.size, dtype=bool)
    for c in shared:
        m = merged[c].to_numpy(dtype=object)
        u = merged[f"__mlm_u_{c}"].to_numpy(dtype=object)
        if ds.is_string(c):
            miss_m = np.array([v is None or v == "" or v != v for v in m], dtype=bool)
            miss_u = np.array([v is None or v == "" or v != v for v in u], dtype=bool)
        else:
            miss_m = pd.isna(pd.to_numeric(pd.Series(m), errors="coerce")).to_numpy()
            miss_u = pd.isna(pd.to_numeric(pd.Series(u), errors="coerce")).to_numpy()
        fill = matched & miss_m & ~miss_u
        differ = matched & ~miss_m & ~miss_u & np.array([a != b for a, b in zip(m, u)], dtype=bool)
        m = m.copy()
        m[fill] = u[fill]
        if replace:
            m[differ] = u[differ]
        merged[c] = m
        updated |= fill
        conflict |= differ
    code[matched & updated] = 4.0
    code[matched & conflict] = 5.0
    return code


def _key_frame(df: pd.DataFrame, keys: list[str], ds: Dataset) -> pd.DataFrame:
    out = {}
    for k in keys:
        if ds.is_string(k):
            out[k] = df[k].astype(object).astype(str)
        else:
            # . < .a < ... < .z, each its own key value (pandas matches every NaN with every NaN)
            out[k] = order_key(pd.to_numeric(df[k], errors="coerce").to_numpy(dtype=float, na_value=np.nan))
    return pd.DataFrame(out, index=df.index)


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
