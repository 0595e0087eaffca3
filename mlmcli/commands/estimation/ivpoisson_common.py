"""What ``ivpoisson gmm`` and ``ivpoisson cfunction`` share: the offset or ln(exposure), the
depvar's checks (ivpoisson.ado's) and the e() macros both post."""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError


def offset_var(ds, opts: dict) -> str | None:
    return next((ds.resolve(str(opts[o]).strip()) for o in ("exposure", "offset") if opts.get(o) is not None), None)


def check_depvar(depvar: str, y: np.ndarray) -> None:
    if (y < 0).any():
        raise StataError(f"{depvar} must be greater than or equal to zero", 459)
    if (y == 0).all():
        raise StataError(f"{depvar} is zero for all observations", 498)


def offset_values(session, opts: dict, sample: np.ndarray) -> tuple[np.ndarray, str | None]:
    """(offset on the sample, e(offset1) text) of exposure()/offset()."""
    ds = session.data
    n = int(sample.sum())
    if opts.get("exposure") is not None:
        var = ds.resolve(str(opts["exposure"]).strip())
        x = ds.numeric(var)[sample]
        if not (x > 0).all():
            raise StataError("exposure() must be greater than zero", 459)
        return np.log(x), f"ln({var})"
    if opts.get("offset") is not None:
        var = ds.resolve(str(opts["offset"]).strip())
        return ds.numeric(var)[sample].astype(float), var
    return np.zeros(n), None


def common_macros(cmd, s: dict, depvar: str, endog, insts, clustvar, offset_text, wkind) -> dict:
    from mlmcli.render.iv_poisson import TITLE

    macros = {"cmd": "ivpoisson", "cmdline": cmd.text or f"ivpoisson {cmd.args}", "depvar": depvar,
              "title": TITLE, "instd": " ".join(endog), "insts": " ".join(insts), "vce": s["vce"],
              "wmatrix": f"cluster {s['wclust']}" if s["wmatrix"] == "cluster" else s["wmatrix"],
              "technique": "gn", "predict": "ivpoisson_p", "estat_cmd": "ivpoisson_estat",
              "footnote": "ivpoisson_footnote", "properties": "b V"}
    if clustvar:
        macros["clustvar"] = clustvar
    if offset_text:
        macros["offset1"] = offset_text
    if wkind:
        macros["wtype"], macros["wexp"] = wkind, "= " + cmd.weight.exp
    return macros
