"""fpfit's ``estcmd(stcox) estopts(vce(bootstrap, cluster(c) idcluster(k) [group(g)]))`` with k or g
a variable the final fit's stcox reads: x (the covariate beside y's FP terms), a ``strata()``
variable or the ``offset()``.

bootstrap.ado (4.9.1) hands ``idcluster(k)`` to bsample in each replicate; bsample (2.0.7) drops k
and renames its new cluster id to k: NewClustID numbers the drawn copies 1, 2, ... in the order
(bootstrap's stratum, cluster drawn, copy) -- restarting in each of bootstrap's strata() under
version 13 (``uniq``, one numbering over the strata, only from version 14) --; then _loop_bs
(1.2.0) renumbers g: ``sort strata idcluster g``, 1, 2, ... over the distinct (stratum, copy, g)
(``fpfit_xt_bootstrap_group.group_numbers``).  So each replicate's stcox reads the new numbers:
its design's x column, its tvc() columns, its strata (each distinct combination of the strata() variables' values
in the replicate a stratum) or its offset are rebuilt from them.  y is not read by any fit --
fracpoly hands stcox y's generated FP terms -- so k or g = y leaves the band as without it.
The full-sample fits (the line, fracpoly's choice of powers) are not renumbered.
k or g one of the st variables ``_t``, ``_t0``, ``_d``, ``_st`` (stcox reads them through st_smpl
and ``cox _t ..., t0(_t0) dead(_d)``; nothing reruns stset): the replicate's times, entries or
failures rebuilt (``survival.st_renumbering``: _st changes nothing, _d's numbers are all failures,
_t or _t0 the copy numbers -- tvc()'s texp() evaluated at the new _t; a record with _t0 >= _t is
mlm's refusal, ``EntryNotBeforeExit``, raised through the replicate loops).
"""
from __future__ import annotations

from dataclasses import replace

import numpy as np
from mlmcli.sorted_codes import row_codes


def roles(s, plot) -> dict:
    """{variable: its roles among "x", "strata", "offset", "tvc", "st"} for the variables the fits read."""
    from mlmcli.survival.st_renumbering import ST_VARIABLES

    found: dict = {}
    pairs = [(plot.x, "x"), (s.offset, "offset")] + [(v, "strata") for v in s.strata] + [(v, "tvc") for v in s.tvc]
    pairs += [(v, "st") for v in ST_VARIABLES]
    for name, role in pairs:
        if name:
            found.setdefault(name, set()).add(role)
    return found


class Renumbering:
    """The replicate's data from the renumbered variables: ``apply(data, strata, idx, draw, tvc, g)``
    -> (data, strata, tvc, g) with x (the design's last column), the strata, the offset, the tvc()
    columns, _t/_t0/_d (texp()'s values g at the new _t) rebuilt."""

    def __init__(self, ds, s, plot, rows: np.ndarray, cluster, boot_strata, time_function=None):
        self.idcluster, self.group = s.bootstrap.get("idcluster"), s.bootstrap.get("group")
        self.read = roles(s, plot)
        self.strata_names = list(s.strata)
        self.tvc_names = list(s.tvc)
        self.units = np.unique(np.asarray(cluster), return_inverse=True)[1].reshape(-1)
        self.boot_strata = boot_strata
        self.time_function = time_function  # texp() at given _t (tvc()): the new _t's
        self.values = {}  # each variable stcox reads, over the fit's rows (strings as codes)
        for name in set(self.read) | set(self.strata_names):
            column = ds.column(name).to_numpy()[rows]
            self.values[name] = (np.unique(column.astype(str), return_inverse=True)[1].astype(float)
                                 if ds.is_string(name) else np.asarray(column, float))

    def new_values(self, idx, draw) -> dict:
        from mlmcli.replication.renumbered import renumbered_values

        strata = None if self.boot_strata is None else np.asarray(self.boot_strata)[idx]
        new = renumbered_values(self.idcluster, self.group, strata, self.units[idx], draw,
                                lambda name: self.values[name][idx] if name in self.values else None)
        return {k: v for k, v in new.items() if k in self.read}

    def apply(self, data, strata, idx, draw, tvc=None, g=None):
        """(data, strata, tvc, g) of the replicate (``g``: texp() over its rows)."""
        from mlmcli.survival.st_renumbering import renumbered_times

        new = self.new_values(idx, draw)
        st_new = {k: v for k, v in new.items() if "st" in self.read[k]}
        if st_new:  # raises EntryNotBeforeExit (a record with _t0 >= _t): mlm's refusal
            t0, t, d = renumbered_times(data.t0, data.t, data.d, st_new, "stcox")
            data = replace(data, t0=t0, t=t, d=d)
            if "_t" in st_new and g is not None and self.time_function is not None:
                g = self.time_function(t)
        for name, values in new.items():
            roles_of = self.read[name]
            if "x" in roles_of:
                X = np.array(data.X, float)
                X[:, -1] = values
                data = replace(data, X=X)
            if "offset" in roles_of:
                data = replace(data, offset=np.asarray(values, float))
        if any("strata" in self.read[name] for name in new):
            columns = [new[v] if v in new else self.values[v][idx] for v in self.strata_names]
            strata = row_codes(columns)
        if tvc is not None and any("tvc" in self.read[name] for name in new):  # tvc(v): v x texp's column
            tvc = np.array(tvc, float)
            for j, name in enumerate(self.tvc_names):
                if name in new:
                    tvc[:, j] = new[name]
        return data, strata, tvc, g
