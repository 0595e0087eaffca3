"""Choosing a reader or writer by the file's extension (for ``use`` and ``save`` of any
format the interpreter knows; Stata's own ``use`` opens only .dta)."""
from __future__ import annotations

import os

from mlmcli.dataset import Dataset
from mlmcli.errors import StataError

READ_EXTENSIONS = {
    ".dta": "dta", ".sav": "spss", ".zsav": "spss", ".por": "spss",
    ".sas7bdat": "sas", ".xpt": "sas", ".xport": "sas", ".parquet": "parquet", ".pq": "parquet",
}
WRITE_EXTENSIONS = {".dta": "dta", ".sav": "spss", ".zsav": "spss", ".parquet": "parquet", ".pq": "parquet"}


def kind_of(path: str, table: dict[str, str]) -> str:
    ext = os.path.splitext(path)[1].lower()
    if ext not in table:
        raise StataError(f"file {path}: unknown file type {ext or '(no extension)'}; "
                         f"use one of {' '.join(sorted(table))}", 198)
    return table[ext]


def read_dataset(path: str, *, columns: list[str] | None = None) -> Dataset:
    """The dataset in ``path`` (.dta, .sav/.zsav/.por, .sas7bdat/.xpt, .parquet), read by its
    extension.  A .dta comes back as saved (``changed`` False, ``filename`` set); the other
    formats with import semantics (``changed`` True, no ``filename``)."""
    kind = kind_of(path, READ_EXTENSIONS)
    if kind == "dta":
        from mlmcli.fileformats.dta_read import read_dta
        return read_dta(path, columns=columns)[0]
    if kind == "spss":
        from mlmcli.fileformats.spss_sas import read_spss
        return read_spss(path, columns=columns)
    if kind == "sas":
        from mlmcli.fileformats.spss_sas import read_sas
        return read_sas(path, columns=columns)
    from mlmcli.fileformats.parquet import read_parquet
    return read_parquet(path, columns=columns)


def write_dataset(ds: Dataset, path: str, *, replace: bool, version: int | None = None) -> None:
    """Write ``ds`` to ``path`` in the format its extension names (``version``: .dta release)."""
    kind = kind_of(path, WRITE_EXTENSIONS)
    if kind == "dta":
        from mlmcli.fileformats.dta_write import save_dta
        save_dta(ds, path, replace=replace, version=version)
    elif kind == "spss":
        from mlmcli.fileformats.spss_sas import write_spss
        write_spss(ds, path, replace=replace)
    else:
        from mlmcli.fileformats.parquet import write_parquet
        write_parquet(ds, path, replace=replace)
