"""The irf file of irf set/create/table and the irf graphs: a .dta of the results (variables irfname
impulse response step and each statistic with its std<stat>) whose characteristics name the
results (irfnames) and each one's order, step and model."""
from __future__ import annotations

from mlmcli.errors import StataError


class IrfFile:
    def __init__(self, path: str):
        import pandas as pd

        self.path = path
        self.frame = pd.DataFrame(columns=["irfname", "impulse", "response", "step"])
        self.meta: dict[str, dict] = {}  # irfname -> {order, step, model}

    def save(self) -> None:
        from mlmcli.dataset import Dataset
        from mlmcli.dta import write_dta

        ds = Dataset(df=self.frame.reset_index(drop=True).copy())
        ds.chars["irfnames"] = " ".join(self.meta)
        for name, m in self.meta.items():
            ds.chars[f"{name}_order"] = " ".join(m["order"])
            ds.chars[f"{name}_step"] = str(m["step"])
            ds.chars[f"{name}_model"] = m["model"]
        write_dta(ds, self.path)

    @classmethod
    def load(cls, path: str) -> "IrfFile":
        from mlmcli.fileformats.dta_read import read_dta

        try:
            ds, _ = read_dta(path)
        except Exception:  # noqa: BLE001 -- any unreadable file is Stata's "not an irf file"
            raise StataError(f"file {path} is not a valid irf file", 610) from None
        out = cls(path)
        names = str(ds.chars.get("irfnames", "")).split()
        if "irfname" not in ds.varnames and ds.nobs:
            raise StataError(f"file {path} is not a valid irf file", 610)
        out.frame = ds.df.copy()
        for name in names:
            out.meta[name] = {"order": str(ds.chars.get(f"{name}_order", "")).split(),
                              "step": int(float(ds.chars.get(f"{name}_step", "8") or 8)),
                              "model": str(ds.chars.get(f"{name}_model", "var"))}
        return out
