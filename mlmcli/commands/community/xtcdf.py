"""``xtcdf`` (Jesse Wursten's SSC command, xtcdf.ado 1.0.0 of 28jul2017): Pesaran's CD test of
cross-sectional independence of each variable of a varlist in xtset data.

    xtcdf varlist

For each variable the panels are laid out over the time values (the ado's ``tsfill, full``),
each pair of panels is correlated over the time values at which both have the variable, and
Pesaran's CD = sum sqrt(T_ij) rho_ij / sqrt(pairs) is referred to N(0,1); pairs with fewer
than 3 common time values are left out of CD (counted in the note after the row) but enter the
mean correlations as 0 (engine: ``panel.cross_section_dependence.xtcdf_statistics``).  The
table is the ado's: CD rounded to .001 and shown as display shows a number, the p-value
(rounded to .001) in %4.3f, the average joint T (.01) in %10.2f, the mean rho and mean |rho|
(.01) in %3.2f.  The data are left as they were (the ado preserves them).

Returns r(cd#) and r(pvalue#) for the #th variable, r(CD) and r(p) (1 x k, columns c1 c2 ...;
the ado builds them by concatenation), unrounded; like the ado's Mata code it also leaves
the scalars cd, pvalue, meanObs, meanCorr, meanAbsCorr and notEnoughJointObs of the last
variable behind.  The ado reads the variables with Mata's st_data(), which does not take a
string variable; mlm refuses one with type mismatch r(109) (the ado's own message was not
checked)."""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.sorted_codes import unique_rows


class _Line:
    """One display line built as the ado's display directives build it (_col, _skip)."""

    def __init__(self) -> None:
        self.text = ""

    def col(self, k: int) -> "_Line":
        if k - 1 > len(self.text):
            self.text += " " * (k - 1 - len(self.text))
        return self

    def put(self, piece: str) -> "_Line":
        self.text += piece
        return self


def _header(varlist: str, ivar: str, tvar: str) -> list[str]:
    row = (_Line().col(2).put("   Variable").col(16).put(" |").col(20).put("CD-test").col(30).put("p-value")
           .col(40).put("average joint T").put(" |").col(58).put("mean \u03c1").col(67).put("mean abs(\u03c1)")
           .col(73).put(" |"))
    rule = "-" * 16 + "+" + "-" * 38 + "+" + "-" * 22 + "+"
    return ["", f"xtcd test on variables {varlist}", f"Panelvar: {ivar}", f"Timevar: {tvar}", rule, row.text,
            rule]


def _row(name: str, s) -> str:
    from mlmcli.expr.functions import stata_round
    from mlmcli.expr.string_functions import abbrev
    from mlmcli.render.numfmt import format_number

    def rounded(v: float, unit: float) -> float:
        return float(stata_round(v, unit)) if np.isfinite(v) else float("nan")

    note = ""
    if s.skipped == 1:
        note = f" {s.skipped} combination of panel units ignored (insufficient joint observations)."
    elif s.skipped > 1:
        note = f" {s.skipped} combinations of panel units ignored (insufficient joint observations)."
    line = (_Line().col(2).put(format_number(abbrev(name, 14), "%~14s")).col(16).put(" +").col(20)
            .put(format_number(rounded(s.cd, 0.001), "%10.0g").strip()).col(30).put(" ")
            .put(format_number(rounded(s.p, 0.001), "%4.3f")).col(40)
            .put(format_number(rounded(s.mean_t, 0.01), "%10.2f")).col(55).put(" +").put("  ")
            .put(format_number(rounded(s.mean_rho, 0.01), "%3.2f")).col(67).put("   ")
            .put(format_number(rounded(s.mean_abs_rho, 0.01), "%3.2f")).col(78).put(" +").put(" ").put(note))
    return line.text


def cmd_xtcdf(session, cmd) -> None:
    from mlmcli.panel.cross_section_dependence import xtcdf_statistics
    from mlmcli.panel.time_settings import panel_setting, time_setting
    from mlmcli.results.matrix import Matrix

    ds = session.data
    if cmd.if_exp:
        raise StataError("if not allowed", 101)
    if cmd.in_range:
        raise StataError("in range not allowed", 101)
    if cmd.weight:
        raise StataError("weights not allowed", 101)
    if cmd.options:
        raise StataError("options not allowed", 101)
    if not cmd.args.strip():
        raise StataError("varlist required", 100)
    names = ds.expand_varlist(cmd.args)
    ivar, tvar = panel_setting(ds), time_setting(ds)
    if not ivar:
        raise StataError("panel variable not set; use xtset varname ...", 459)
    session.print("\n".join(_header(" ".join(names), ivar, tvar or "")))
    if not tvar:  # the ado's tsfill, full
        raise StataError("time variable not set, use tsset varname ...", 111)
    panel, time = ds.numeric(ivar), ds.numeric(tvar)
    keep = ~np.isnan(panel) & ~np.isnan(time)
    if not keep.any():  # the ado's tsfill, full on no panel-time rows
        raise StataError("no observations", 2000)
    pairs = np.column_stack([panel[keep], time[keep]])
    if len(unique_rows(pairs)) < len(pairs):
        raise StataError("repeated time values within panel", 451)
    results = []
    for name in names:
        if ds.is_string(name):
            raise StataError("type mismatch", 109)
        s = xtcdf_statistics(ds.numeric(name)[keep], panel[keep], time[keep])
        session.print(_row(name, s))
        results.append(s)
    session.print("-" * 16 + "+" + "-" * 38 + "+" + "-" * 22 + "+")
    session.print(" Notes: Under the null hypothesis of cross-section independence, CD ~ N(0,1)")
    session.print("        P-values close to zero indicate data are correlated across panel groups.")
    cols = tuple(f"c{j}" for j in range(1, len(results) + 1))
    r = {}
    for j, s in enumerate(results, 1):
        r[f"cd{j}"] = s.cd
        r[f"pvalue{j}"] = s.p
    r["CD"] = Matrix(np.array([[s.cd for s in results]]), ("r1",), cols)
    r["p"] = Matrix(np.array([[s.p for s in results]]), ("r1",), cols)
    session.set_r(r)
    last = results[-1]
    session.scalars.update({"cd": last.cd, "pvalue": last.p, "meanObs": last.mean_t, "meanCorr": last.mean_rho,
                            "meanAbsCorr": last.mean_abs_rho, "notEnoughJointObs": float(last.skipped)})
