"""The dataset in memory: a pandas DataFrame plus Stata's metadata.

Numeric missing values (``.``) are NaN.  Variable order is the DataFrame's
column order.

Column store: a reader may hand the rows over as numpy columns (``set_columns``: name ->
float64 or object array, or a function giving a numeric variable's float64 values, e.g.
decoding a .dta file's stored integers on each call; in variable order) instead of a
DataFrame.  ``df`` then builds the DataFrame on first access (once; from then on the frame
is the data), while ``nobs``, ``varnames``, ``is_string`` and ``numeric`` read the columns
without it.  So ``use x.dta`` followed by commands that read numeric variables only through
those methods (``mixed``'s sample and design) never imports pandas, which with pyarrow costs
~80 MiB of memory and ~0.5 s; any other command touches ``df`` and works on the frame as
always.

Metadata is kept beside the frame, keyed by variable name:

- ``var_labels``: variable -> label text
- ``value_label_of``: variable -> name of its value-label set
- ``value_labels``: label-set name -> {value: text}
- ``formats``: variable -> display format (``%9.0g``, ``%8.3f``, ``%10s``)
- ``types``: variable -> storage type (``byte int long float double strN strL``); a text
  column entering without a string type (a DataFrame from outside, an assigned frame) gets
  one derived from its values (``derive_storage_types``); numeric ones default to ``float``
- ``sortedby``: the variables the data are known to be sorted by
- ``changed``: data differ from what was last used/saved (``use`` then refuses
  without ``clear``)

Row identity: Stata keeps e(sample) as a hidden variable, so it follows the rows through
``sort``, ``keep`` and ``drop``.  Here each row carries its position in an origin frame
(``row_origin``, under the token ``row_lineage``); ``take_rows`` (sort, keep, drop),
``append_rows``, ``replace_rows`` (merge) and ``replace_columns`` carry it along, and any other assignment of ``df``
starts a new lineage, so a fit's stamp (``row_identity()`` at fit time) then no longer
matches and postestimation falls back to its checks on the data.
"""
from __future__ import annotations

import copy as _copy
import sys
from dataclasses import dataclass, field

import numpy as np

from mlmcli.characteristics import drop_for, rename_in, rename_in_settings
from mlmcli.errors import StataError
from mlmcli.lazy_module import lazy_module
from mlmcli.panel.time_settings import PANEL_KEYS, TIME_KEYS, time_structure
from mlmcli.sorted_codes import all_distinct
from mlmcli.storage_types import derive_storage_types, infer_storage_type
from mlmcli.syntax.varlist import NAME_RE, RESERVED_NAMES
from mlmcli.varlist_resolution import expand_varlist, resolve_name

pd = lazy_module("pandas", globals(), "pd")  # imported when a DataFrame is first needed


@dataclass
class Dataset:
    df: pd.DataFrame = None  # the rows; the property below (None: no rows and no variables)
    var_labels: dict[str, str] = field(default_factory=dict)
    value_label_of: dict[str, str] = field(default_factory=dict)
    value_labels: dict[str, dict[float, str]] = field(default_factory=dict)
    formats: dict[str, str] = field(default_factory=dict)
    types: dict[str, str] = field(default_factory=dict)
    sortedby: tuple[str, ...] = ()
    changed: bool = False
    filename: str | None = None
    label: str = ""
    timestamp: str = ""  # the .dta file's time stamp ("01 Dec 2026 21:40") when read from one
    chars: dict[str, str] = field(default_factory=dict)  # characteristics, e.g. xtset's panelvar/timevar
    varabbrev: bool = True  # `set varabbrev off`: names must be typed in full
    row_origin: np.ndarray | None = field(default=None, repr=False, compare=False)
    row_lineage: object = field(default=None, repr=False, compare=False)

    def __setattr__(self, name, value):
        if name == "df":  # new rows unless the caller restores the identity (take_rows, ...)
            object.__setattr__(self, "row_origin", None)
        object.__setattr__(self, name, value)

    def __post_init__(self):
        # __init__ assigns ``df`` before ``types`` exists: derive the frame's types now
        derive_storage_types(self, self.__dict__.get("_frame"))

    # ----- row identity (see the module docstring) -----
    def row_identity(self) -> tuple[object, np.ndarray]:
        """(lineage token, origin position of every current row); starts a lineage if none."""
        if self.row_origin is None or len(self.row_origin) != self.nobs:
            object.__setattr__(self, "row_lineage", object())
            object.__setattr__(self, "row_origin", np.arange(self.nobs, dtype=np.int64))
        return self.row_lineage, self.row_origin

    def distinct_row_identity(self) -> tuple[object, np.ndarray]:
        """``row_identity`` with one identity per row: rows that share one (the copies
        ``expand`` or a 1:m ``merge`` made) cannot be told apart later, so a fit on them
        starts a new lineage."""
        token, origin = self.row_identity()
        if len(origin) > 1 and not all_distinct(origin):
            object.__setattr__(self, "row_lineage", object())
            object.__setattr__(self, "row_origin", np.arange(self.nobs, dtype=np.int64))
            token, origin = self.row_lineage, self.row_origin
        return token, origin

    def take_rows(self, rows) -> None:
        """Keep and reorder rows: ``rows`` is a boolean mask or integer positions."""
        _, origin = self.row_identity()
        rows = np.asarray(rows)
        frame = self.df[rows] if rows.dtype == bool else self.df.iloc[rows]
        self.df = frame.reset_index(drop=True)
        object.__setattr__(self, "row_origin", origin[rows])

    def append_rows(self, frame: pd.DataFrame) -> None:
        """``frame`` is the current rows followed by new ones."""
        n = self.nobs
        self.replace_rows(frame, np.concatenate([np.arange(n), np.full(max(len(frame) - n, 0), -1)]))

    def replace_rows(self, frame: pd.DataFrame, source) -> None:
        """New rows, row i copied from current row ``source[i]`` (-1: a new row), as merge makes."""
        _, origin = self.row_identity()
        source = np.asarray(source, np.int64)
        start = int(origin.max()) + 1 if len(origin) else 0
        new = np.where(source >= 0, origin[np.maximum(source, 0)] if len(origin) else -1,
                       start + np.arange(len(source)))
        self.df = frame
        if len(new) == len(frame):
            object.__setattr__(self, "row_origin", new.astype(np.int64))

    def replace_columns(self, frame: pd.DataFrame) -> None:
        """The same rows with other columns (order, drop, rename)."""
        origin = self.row_origin
        self.df = frame
        if origin is not None and len(origin) == len(frame):
            object.__setattr__(self, "row_origin", origin)

    # ----- the rows: a DataFrame, or numpy columns until one is needed -----
    def set_columns(self, columns: dict, nobs: int) -> None:
        """New rows held as numpy columns (float64 with NaN for missing, or object arrays of
        str with "" for missing) or functions giving a numeric column's float64 values, in
        variable order; a new lineage, as assigning ``df``."""
        for values in columns.values():
            if isinstance(values, np.ndarray):
                values.flags.writeable = False  # shared with snapshots and callers of numeric()
        object.__setattr__(self, "row_origin", None)
        self.__dict__["_frame"] = None
        self.__dict__["_column_store"] = (dict(columns), int(nobs))

    def materialise(self, what: str = "this command") -> None:
        """Hold the rows as a DataFrame in memory (nothing to do when they are).  One contract
        with ``LazyDataset.materialise``: ``what`` names the command needing the rows, for the
        refusal (r(909)) of data that cannot be loaded; a column store always can be (its
        columns are in memory already), so here it is only read by the lazy override."""
        store = self.__dict__.get("_column_store")
        if self.__dict__.get("_frame") is not None or store is None:
            return
        columns, nobs = store
        if columns:
            frame = pd.DataFrame({n: pd.Series(v if isinstance(v, np.ndarray) else v(), copy=True)
                                  for n, v in columns.items()}, columns=list(columns))
            frame.index = pd.RangeIndex(nobs)
        else:
            frame = pd.DataFrame() if nobs == 0 else pd.DataFrame(index=pd.RangeIndex(nobs))
        self.__dict__["_frame"] = frame  # the same rows: row_origin stays
        self.__dict__["_column_store"] = None

    @property
    def held_as_columns(self) -> bool:
        """Whether the rows are still in the column store (no DataFrame built yet)."""
        return self._stored_columns() is not None

    def _stored_columns(self) -> dict | None:
        """The column store when the rows are held there (no DataFrame yet), else None."""
        store = self.__dict__.get("_column_store")
        return store[0] if store is not None and self.__dict__.get("_frame") is None else None

    # ----- shape -----
    @property
    def nobs(self) -> int:
        frame = self._frame_in_memory()
        if frame is not None:  # read without ``df``: reading does not end a pending snapshot
            return len(frame)
        if self._stored_columns() is not None:
            return self.__dict__["_column_store"][1]
        return len(self.df)

    @property
    def varnames(self) -> list[str]:
        columns = self._stored_columns()
        if columns is not None:
            return list(columns)
        frame = self._frame_in_memory()
        index = frame.columns if frame is not None else self.df.columns
        # pandas' column Index is immutable (adding, dropping or renaming a column makes a
        # new one): its names are listed once per Index, not once per command
        cached = self.__dict__.get("_varnames_of")
        if cached is None or cached[0] is not index:
            # tolist(): iterating pandas' Arrow-backed column index name by name is ~15x slower
            cached = self.__dict__["_varnames_of"] = (index, index.tolist())
        return list(cached[1])

    def _frame_in_memory(self):
        """The DataFrame held now, for reading only (None for a subclass or no frame yet)."""
        return self.__dict__.get("_frame") if type(self) is Dataset else None

    def has_variable(self, name: str) -> bool:
        """Whether ``name`` is a variable's full name (no abbreviation)."""
        frame = self.__dict__.get("_frame")
        if frame is not None and type(self) is Dataset:
            return name in frame.columns  # hashed; varnames builds the list
        return name in self.varnames

    def is_empty(self) -> bool:
        return self.nobs == 0 and not self.varnames

    def copy(self) -> "Dataset":
        return Dataset(
            df=self.df.copy(),
            var_labels=dict(self.var_labels),
            value_label_of=dict(self.value_label_of),
            value_labels={k: dict(v) for k, v in self.value_labels.items()},
            formats=dict(self.formats),
            types=dict(self.types),
            sortedby=self.sortedby,
            changed=self.changed,
            filename=self.filename,
            label=self.label,
            timestamp=self.timestamp,
            chars=dict(self.chars),
            varabbrev=self.varabbrev,
            row_origin=None if self.row_origin is None else self.row_origin.copy(),
            row_lineage=self.row_lineage,
        )

    def snapshot(self, share_frame: bool = False) -> "Dataset":
        """A copy to put back when a command fails (the runner's transaction): metadata
        copied, the frame shared under pandas' copy-on-write (pandas 3, or pandas 2 with
        the option set; copied otherwise).  Works for every subclass without loading lazy
        rows: a lazy dataset's DuckDB relation is immutable and stays shared.
        ``share_frame``: the very frame object, for ``transaction_snapshot`` only."""
        clone = _copy.copy(self)
        clone.__dict__.pop("_pending_snapshots", None)
        for key, value in vars(self).items():
            if key in _FLAT_METADATA:  # name -> text: one C-level copy (notes make chars long)
                clone.__dict__[key] = value.copy()
            elif isinstance(value, dict):
                clone.__dict__[key] = {k: dict(v) if isinstance(v, dict) else v for k, v in value.items()}
            elif "pandas" in sys.modules and isinstance(value, pd.DataFrame) and not share_frame:
                clone.__dict__[key] = value.copy(deep=not _copy_on_write())  # (no frame before pandas)
            elif isinstance(value, tuple) and key == "_column_store":  # read-only columns: shared
                clone.__dict__[key] = (dict(value[0]), value[1])
        return clone

    def transaction_snapshot(self) -> "Dataset":
        """``snapshot()`` whose frame is copied (shallow, ~2 us a pandas block) only when the
        command first reads ``df``: until then the frame object is unchanged, as every change
        to it goes through ``df`` (readers such as ``numeric``/``resolve`` use the frame held
        here, read-only), so a command that changes only metadata (label, notes, char) or
        fails before reading ``df`` copies no frame.  End it with ``release_snapshot``."""
        if type(self) is not Dataset or self.__dict__.get("_frame") is None or not _copy_on_write():
            return self.snapshot()
        clone = self.snapshot(share_frame=True)
        self.__dict__.setdefault("_pending_snapshots", []).append(clone)
        return clone

    def release_snapshot(self, clone: "Dataset", restoring: bool = False) -> None:
        """The transaction is over: ``clone`` is dropped, or (``restoring``) about to be put
        back, then with a frame object of its own if it still shares this dataset's."""
        pending = self.__dict__.get("_pending_snapshots") or []
        if any(p is clone for p in pending):
            pending[:] = [p for p in pending if p is not clone]
            frame = clone.__dict__.get("_frame")
            if restoring and frame is not None and frame is self.__dict__.get("_frame"):
                clone.__dict__["_frame"] = frame.copy(deep=False)

    # ----- variables -----
    def is_string(self, name: str) -> bool:
        if "." in name:  # L.x: numeric when x is
            return self.is_string(name.partition(".")[2])
        columns = self._stored_columns()
        if columns is not None:
            values = columns[name]
            return self.types.get(name, "").startswith("str") or (
                isinstance(values, np.ndarray) and values.dtype == object)
        values = self._frame_values(name)
        dtype = values.dtype if values is not None else self.df[name].dtype
        return (self.types.get(name, "").startswith("str") or dtype == object
                or pd.api.types.is_string_dtype(dtype))  # pandas >= 3: "str" dtype

    def column(self, name: str) -> pd.Series:
        return self.df[self.resolve(name)]

    def numeric(self, name: str) -> np.ndarray:
        """A numeric variable as float64 (missing = NaN); strings raise type mismatch.
        ``L.x`` and the like: the operated values (``time_series_ops``)."""
        name = self.resolve(name)
        if "." in name:
            from mlmcli.time_series_ops import apply_operator

            op, _, base = name.partition(".")
            return apply_operator(op, self.numeric(base), *time_structure(self))
        if self.is_string(name):
            raise StataError("type mismatch", 109)
        columns = self._stored_columns()
        if columns is not None:  # float64, as the frame's column would give it
            values = columns[name]
            return values if isinstance(values, np.ndarray) else values()
        values = self._frame_values(name)
        if isinstance(values, np.ndarray) and values.dtype == np.float64:  # what to_numpy gives
            view = values.view()
            view.flags.writeable = not _copy_on_write()
            return view
        return self.df[name].to_numpy(dtype=float, na_value=np.nan)

    def _frame_values(self, name: str):
        """A column's values in the frame in memory, read without building a Series (a
        tenth of the cost on small data, where a program's every line reads a few columns);
        None when there is no frame yet, for a subclass, or a name not held once."""
        frame = self.__dict__.get("_frame")
        if frame is None or type(self) is not Dataset:
            return None
        try:
            loc = frame.columns.get_loc(name)
            return frame._mgr.iget_values(loc) if isinstance(loc, int) else None
        except (KeyError, AttributeError):  # AttributeError: a pandas without this reader
            return None

    def format_of(self, name: str) -> str:
        if name in self.formats:
            return self.formats[name]
        t = self.types.get(name, "float")
        if t.startswith("str"):  # Stata's default: %9s up to str9 and for strL, %#s beyond
            width = t[3:]
            return f"%{width}s" if width.isdecimal() and int(width) > 9 else "%9s"
        return {"byte": "%8.0g", "int": "%8.0g", "long": "%12.0g", "float": "%9.0g", "double": "%10.0g"}.get(t, "%9.0g")

    def value_label_text(self, name: str, value) -> str | None:
        lab = self.value_label_of.get(name)
        if lab is None:
            return None
        if value != value:  # .a … .z are labelled under their order key (mlmcli/missing.py)
            from mlmcli.missing import order_key
            value = order_key(value)
        return self.value_labels.get(lab, {}).get(value)

    def set_variable(self, name: str, values, vtype: str | None = None, position: int | None = None) -> None:
        """Create or overwrite a variable; keeps metadata of an existing one."""
        exists = name in self.df.columns
        if not exists:
            if not NAME_RE.match(name) or name in RESERVED_NAMES:
                raise StataError(f"{name} invalid name", 198)
            if len(self.df.columns) == 0 and len(self.df) == 0:
                self.df = pd.DataFrame(index=pd.RangeIndex(len(values)))
        self.df[name] = values
        if vtype is not None or not exists:
            self.types[name] = vtype or infer_storage_type(self.df[name])
        else:  # new values of another kind (text over numbers or the reverse)
            derive_storage_types(self, self.df[[name]])
        self.changed = True
        if position is not None and not exists:
            cols = [c for c in self.df.columns if c != name]
            cols.insert(position, name)
            self.replace_columns(self.df[cols])

    def drop_variables(self, names) -> None:
        names = list(names)
        if len(names) <= _DROP_BY_DELETION:
            # a few columns (a program's temporaries, each ml evaluator call's): deleting them
            # from a shallow copy is ~4x cheaper than DataFrame.drop, the same frame otherwise
            frame = self.df.copy(deep=False)
            for name in dict.fromkeys(names):
                del frame[name]
        else:
            frame = self.df.drop(columns=names)
        self.replace_columns(frame)
        self.drop_metadata(names)

    def drop_metadata(self, names: list[str]) -> None:
        """What the dropped variables leave behind: labels, formats, types, characteristics
        and a sort order that involved them."""
        for meta in (self.var_labels, self.value_label_of, self.formats, self.types):
            for n in names:
                meta.pop(n, None)
        drop_for(self.chars, names)
        if set(names) & set(self.sortedby):
            self.sortedby = ()
        self.changed = True

    def rename_variable(self, old: str, new: str) -> None:
        self.replace_columns(self.df.rename(columns={old: new}))
        self.rename_metadata(old, new)

    def rename_metadata(self, old: str, new: str) -> None:
        """The renamed variable's labels, format, type, characteristics (and the xtset/tsset
        settings naming it) and its place in the sort order follow it to the new name."""
        for meta in (self.var_labels, self.value_label_of, self.formats, self.types):
            if old in meta:
                meta[new] = meta.pop(old)
        rename_in(self.chars, old, new)
        rename_in_settings(self.chars, old, new, PANEL_KEYS + TIME_KEYS)
        self.sortedby = tuple(new if v == old else v for v in self.sortedby)
        self.changed = True

    def rename_variables(self, pairs: dict[str, str]) -> None:
        """Rename several variables at once: ``{"a": "b", "b": "a"}`` swaps them (each old
        name goes first to a name no variable has, then to its new name)."""
        pairs = {old: new for old, new in pairs.items() if old != new}
        taken = set(self.varnames) | set(pairs.values())
        parked = {}
        for k, old in enumerate(pairs):
            temp = f"__rename_{k}"
            while temp in taken:
                temp += "_"
            taken.add(temp)
            parked[old] = temp
            self.rename_variable(old, temp)
        for old, temp in parked.items():
            self.rename_variable(temp, pairs[old])

    # ----- name resolution (varlist_resolution) -----
    def resolve(self, name: str, allow_abbrev: bool = True) -> str:
        """Full variable name for a typed name or unambiguous abbreviation; ``L.x``, ``D2.x``
        (time-series operators) resolve to Stata's spelling of the operated variable."""
        return resolve_name(self, name, allow_abbrev)

    def expand_varlist(self, text: str | list[str], allow_abbrev: bool = True,
                       allow_empty: bool = False) -> list[str]:
        """Expand a varlist: names, abbreviations, ``*``/``?`` wildcards, ``a-b`` ranges, ``_all``."""
        return expand_varlist(self, text, allow_abbrev, allow_empty)


def _get_frame(self):
    if self.__dict__.get("_pending_snapshots"):  # the frame may change from here: snapshots copy it
        frame = self.__dict__.get("_frame")
        sharing = [clone for clone in self.__dict__.pop("_pending_snapshots")
                   if frame is not None and clone.__dict__.get("_frame") is frame]
        if sharing and _worth_consolidating(self, frame):
            # a loop of generate leaves a block per variable, and a shallow copy costs ~2 us a
            # block each command: this dataset takes a consolidated copy instead, the snapshots
            # keep the frame as it was
            fresh = frame.copy()
            self.__dict__["_frame"] = fresh
            self.__dict__["_blocks_after_copy"] = _blocks(fresh)
        else:
            for clone in sharing:
                clone.__dict__["_frame"] = frame.copy(deep=False)
    if self.__dict__.get("_frame") is None:
        if self.__dict__.get("_column_store") is None:  # Dataset(): no rows, no variables
            self.__dict__["_column_store"] = ({}, 0)
        self.materialise()
    return self.__dict__["_frame"]


def _set_frame(self, frame) -> None:
    self.__dict__["_frame"] = frame
    self.__dict__["_column_store"] = None if frame is not None else ({}, 0)
    derive_storage_types(self, frame)


# ``df`` is the dataclass's field (its __init__ argument) and this property: a DataFrame,
# built from the column store on first access (see the module docstring)
Dataset.df = property(_get_frame, _set_frame, doc="The rows as a pandas DataFrame.")


# drop_variables deletes up to this many columns one by one (each deletion is linear in the
# number of columns; DataFrame.drop's fixed cost is larger for a few)
_DROP_BY_DELETION = 8


# a frame of more pandas blocks than this (beyond what the last consolidating copy left: text
# columns of pandas' string dtype stay a block each) and of at most _CONSOLIDATE_CELLS values
# is copied whole once instead of shallowly every command
_FRAGMENTED_BLOCKS = 64
_CONSOLIDATE_CELLS = 20_000_000


def _blocks(frame) -> int:
    try:
        return int(frame._mgr.nblocks)
    except AttributeError:  # a pandas without this attribute: never consolidate
        return 0


def _worth_consolidating(data, frame) -> bool:
    extra = _blocks(frame) - data.__dict__.get("_blocks_after_copy", 0)
    return extra > _FRAGMENTED_BLOCKS and frame.shape[0] * frame.shape[1] <= _CONSOLIDATE_CELLS


# Dataset's dicts whose values are text (never a dict a command could change in place)
_FLAT_METADATA = frozenset({"var_labels", "value_label_of", "formats", "types", "chars"})


def _copy_on_write() -> bool:
    return int(pd.__version__.split(".")[0]) >= 3 or bool(pd.get_option("mode.copy_on_write"))

