"""``xtunitroot llc`` as _xturllc.ado prints it (Stata 16 ado tree):

```
Levin-Lin-Chu unit-root test for invest
---------------------------------------
Ho: Panels contain unit roots               Number of panels  =     10
Ha: Panels are stationary                   Number of periods =     20

AR parameter: Common                        Asymptotics: N/T -> 0
Panel means:  Included
Time trend:   Not included

ADF regressions: 1 lag
LR variance:     Bartlett kernel, 8.00 lags average (chosen by LLC)
------------------------------------------------------------------------------
                    Statistic      p-value
------------------------------------------------------------------------------
 Unadjusted t        -1.3101
 Adjusted t*          2.2049        0.9863
------------------------------------------------------------------------------
```
"""
from __future__ import annotations

from mlmcli.render.numfmt import format_number
from mlmcli.results.panel_unit_root import BreitungTest, FisherTest, HadriTest, HTTest, IPSTest, LLCTest


def render_llc(r: LLCTest, *, hac_chosen: bool = True) -> str:
    num = format_number
    head = "Levin-Lin-Chu unit-root test for " + r.varname
    lags = r.adf_lags
    out = ["", head, "-" * (33 + len(r.varname)),
           "Ho: Panels contain unit roots".ljust(44) + "Number of panels".ljust(18) + "=" + num(r.n_panels, "%7.0g"),
           "Ha: Panels are stationary".ljust(44) + "Number of periods".ljust(18) + "=" + num(r.n_periods, "%7.0g"),
           "",
           "AR parameter: Common".ljust(44) + "Asymptotics: " + ("root(N)/T -> 0" if r.model == 1 else "N/T -> 0"),
           "Panel means:  " + ("Not included" if r.model == 1 else "Included"),
           ("Time trend:   " + ("Included" if r.model == 3 else "Not included")).ljust(44 if r.demean else 0)
           + ("Cross-sectional means removed" if r.demean else ""),
           "",
           f"ADF regressions: {lags} lag" + ("" if lags == 1 else "s")]
    if hac_chosen:
        s = "" if r.hac_lags == 1 else "s"
        out.append(f"LR variance:     Bartlett kernel, {num(r.hac_lags, '%4.2f')} lag{s} average (chosen by LLC)")
    else:
        lag = format_number(r.hac_lags, "%10.0g").strip()
        out.append(f"LR variance:     Bartlett kernel, {lag} lag" + ("" if r.hac_lags == 1 else "s"))
    out += ["-" * 78, " " * 20 + "Statistic" + " " * 6 + "p-value", "-" * 78,
            " Unadjusted t".ljust(20) + num(r.td, "%8.4f") + (" " * 8 + num(r.p_td, "%6.4f") if r.model == 1 else ""),
            " Adjusted t*".ljust(20) + num(r.tds, "%8.4f") + " " * 8 + num(r.p_tds, "%6.4f"), "-" * 78]
    return "\n".join(out)


def render_hadri(r: HadriTest) -> str:
    """_xturhadri.ado's display."""
    num = format_number
    means = "Cross-sectional means removed" if r.demean else ""
    out = ["", "Hadri LM test for " + r.varname, "-" * (20 + len(r.varname)),
           "Ho: All panels are stationary".ljust(44) + "Number of panels".ljust(18) + "=" + num(r.n_panels, "%7.0g"),
           "Ha: Some panels contain unit roots".ljust(44) + "Number of periods".ljust(18) + "="
           + num(r.n_periods, "%7.0g"), "",
           ("Time trend:         " + ("Included" if r.trend else "Not included")).ljust(44)
           + "Asymptotics: T, N -> Infinity",
           ("Heteroskedasticity: " + ("Robust" if r.robust or r.kernel else "Not robust")).ljust(62) + "sequentially"]
    if r.kernel:
        name = "Quad. Spectral" if r.kernel == "quadraticspectral" else r.kernel.capitalize()
        lag = num(r.lags, "%4.2f") if r.kernel == "quadraticspectral" else str(r.lags)
        tail = " lag" + ("" if r.lags == 1 else "s")
        head = "LR variance:        " + name + " kernel, "
        if r.kernel == "quadraticspectral" or r.lags > 9:
            out += [(head.ljust(44) + means) if means else head.rstrip(), " " * 20 + lag + tail]
        else:
            out.append((head + lag + tail).ljust(44 if means else 0) + means)
    else:
        out.append(("LR variance:        (not used)").ljust(44 if means else 0) + means)
    out += ["-" * 78, " " * 20 + "Statistic" + " " * 6 + "p-value", "-" * 78,
            " z".ljust(20) + num(r.z, "%8.4f") + " " * 8 + num(r.p, "%6.4f"), "-" * 78]
    return "\n".join(out)


def _at(line: str, col: int, text: str) -> str:
    """``text`` from (1-based) column ``col``."""
    return line.ljust(col - 1) + text


def render_ips(r: IPSTest) -> str:
    """_xturips.ado's display."""
    num = format_number
    out = ["", "Im-Pesaran-Shin unit-root test for " + r.varname, "-" * (35 + len(r.varname))]
    if r.balanced:
        panels = _at(_at("", 45, "Number of panels"), 63, "=") + num(r.n_panels, "%7.0g")
        periods = _at(_at("", 45, "Number of periods"), 63, "=") + num(r.n_periods, "%7.0g")
    else:
        panels = _at(_at("", 45, "Number of panels"), 68, "=") + num(r.n_panels, "%7.0g")
        periods = _at(_at("", 45, "Avg. number of periods"), 68, "=") + num(r.n_periods, "%7.2f")
    out += [_at("Ho: All panels contain unit roots", 45, panels[44:]),
            _at("Ha: Some panels are stationary", 45, periods[44:]), "",
            _at("AR parameter: Panel-specific", 45, "Asymptotics: T,N -> Infinity"),
            _at("Panel means:  Included", 63, "sequentially"),
            _at("Time trend:   " + ("Included" if r.trend else "Not included"), 45,
                "Cross-sectional means removed") if r.demean else
            "Time trend:   " + ("Included" if r.trend else "Not included"), ""]
    if r.lags is None:
        out += ["ADF regressions: No lags included", "-" * 78, _at("", 47, "Fixed-N exact critical values"),
                _at(_at(_at(_at(_at("", 21, "Statistic"), 36, "p-value"), 52, "1%"), 60, "5%"), 68, "10%"), "-" * 78]
        line = _at(" t-bar", 21, num(r.tbar, "%8.4f"))
        if r.critical is None:
            line = _at(line, 55, "(Not available)")
        else:
            line = _at(_at(_at(line, 50, num(r.critical[0], "%6.3f")), 58, num(r.critical[1], "%6.3f")), 66,
                       num(r.critical[2], "%6.3f"))
        out += [line, _at(" t-tilde-bar", 21, num(r.ttildebar, "%8.4f"))]
        z = _at(" Z-t-tilde-bar", 21, num(r.zttildebar, "%8.4f"))
        missing_p = r.p_zttildebar != r.p_zttildebar
        out += [_at(z, 39, "*") if missing_p else _at(z, 37, num(r.p_zttildebar, "%6.4f")), "-" * 78]
        if missing_p:
            need = ("at least 10 observations \n  per panel with unbalanced data." if not r.balanced else
                    "at least 7 observations \n  per panel with balanced data and a time trend." if r.trend else
                    "at least 6 observations \n  per panel with balanced data and no time trend.")
            out += ("* Normality of Z-t-tilde-bar requires " + need).split("\n")
    else:
        out += [f"ADF regressions: {r.lags} lag" + ("" if r.lags == 1 else "s"), "-" * 78,
                _at(_at("", 21, "Statistic"), 36, "p-value"), "-" * 78,
                _at(_at(" W-t-bar", 21, num(r.wtbar, "%8.4f")), 37, num(r.p_wtbar, "%6.4f")), "-" * 78]
    return "\n".join(out)


def render_ht(r: HTTest) -> str:
    """_xturht.ado's display."""
    num = format_number
    trend = "Included" if r.model == 3 else "Not included"
    out = ["", "Harris-Tzavalis unit-root test for " + r.varname, "-" * (35 + len(r.varname)),
           _at("Ho: Panels contain unit roots", 45, "Number of panels".ljust(18) + "=" + num(r.n_panels, "%7.0g")),
           _at("Ha: Panels are stationary", 45, "Number of periods".ljust(18) + "=" + num(r.n_periods, "%7.0g")), "",
           _at("AR parameter: Common", 45, "Asymptotics: N -> Infinity"),
           _at("Panel means:  " + ("Not included" if r.model == 1 else "Included"), 58, "T Fixed"),
           _at("Time trend:   " + trend, 45, "Cross-sectional means removed") if r.demean else "Time trend:   " + trend]
    if r.altt:
        out.append("Small-sample adjustment to T applied")
    out += ["-" * 78, _at(_at(_at("", 21, "Statistic"), 39, "z"), 49, "p-value"), "-" * 78,
            _at(_at(_at(" rho", 21, num(r.rho, "%8.4f")), 35, num(r.z, "%8.4f")), 50, num(r.p, "%6.4f")), "-" * 78]
    return "\n".join(out)


def render_breitung(r: BreitungTest) -> str:
    """_xturbreitung.ado's display (no trend, not robust)."""
    num = format_number
    pre = "Not performed" if r.lags == 0 else f"{r.lags} lag" + ("s" if r.lags > 1 else "")
    out = ["", "Breitung unit-root test for " + r.varname, "-" * (30 + len(r.varname)),
           _at("Ho: Panels contain unit roots", 45, "Number of panels".ljust(18) + "=" + num(r.n_panels, "%7.0g")),
           _at("Ha: Panels are stationary", 45, "Number of periods".ljust(18) + "=" + num(r.n_periods, "%7.0g")), "",
           _at("AR parameter: Common", 45, "Asymptotics:  T,N -> Infinity"),
           _at("Panel means:  " + ("Included" if r.constant else "Not included"), 63, "sequentially"),
           _at("Time trend:   Not included", 45, "Prewhitening: " + pre)]
    if r.demean:
        out.append(_at("", 45, "Cross-sectional means removed"))
    out += ["-" * 78, _at(_at("", 21, "Statistic"), 36, "p-value"), "-" * 78,
            _at(_at(" lambda", 21, num(r.lam, "%8.4f")), 37, num(r.p, "%6.4f")), "-" * 78]
    return "\n".join(out)


def render_fisher(r: FisherTest) -> str:
    """_xturfisher.ado's display."""
    num = format_number
    line2 = "Based on augmented Dickey-Fuller tests" if r.urtest == "dfuller" else "Based on Phillips-Perron tests"
    head = "Fisher-type unit-root test for " + r.varname
    if r.balanced:
        panels = _at("Number of panels", 19, "=" + num(r.n_panels, "%7.0g"))
        periods = _at("Number of periods", 19, "=" + num(r.n_periods, "%7.0g"))
    else:
        panels = _at("Number of panels", 24, "=" + num(r.n_panels, "%7.0g"))
        periods = _at("Avg. number of periods", 24, "=" + num(r.n_periods, "%7.2f"))
    col = 15 if r.urtest == "dfuller" else 18
    lag = f"{r.lags} lag" + ("" if r.lags == 1 else "s")
    out = ["", head, line2, "-" * max(len(head), len(line2)),
           _at("Ho: All panels contain unit roots", 45, panels),
           _at("Ha: At least one panel is stationary", 45, periods), "",
           _at(_at("AR parameter:", col, "Panel-specific"), 45, "Asymptotics: T -> Infinity"),
           _at("Panel means:", col, "Included"),
           _at(_at("Time trend:", col, "Included" if r.trend else "Not included"), 45,
               "Cross-sectional means removed") if r.demean else
           _at("Time trend:", col, "Included" if r.trend else "Not included")]
    if r.urtest == "dfuller":
        out.append(_at(_at("Drift term:", col, "Included" if r.drift else "Not included"), 45,
                       "ADF regressions: " + lag))
    else:
        out.append(_at("Newey-West lags:", col, lag))
    rows = ((f" Inverse chi-squared({r.df_P})", "P", r.P, r.p_P), (" Inverse normal", "Z", r.Z, r.p_Z),
            (f" Inverse logit t({r.df_L})", "L*", r.L, r.p_L), (" Modified inv. chi-squared", "Pm", r.Pm, r.p_Pm))
    out += ["-" * 78, _at(_at("", 35, "Statistic"), 50, "p-value"), "-" * 78]
    out += [_at(_at(_at(label, 28, name), 35, num(stat, "%9.4f")), 51, num(p, "%6.4f"))
            for label, name, stat, p in rows]
    out += ["-" * 78, " P statistic requires number of panels to be finite.",
            " Other statistics are suitable for finite or infinite number of panels.", "-" * 78]
    return "\n".join(out)
