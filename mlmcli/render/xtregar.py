"""``xtregar`` as xtregar.ado's DispFE and DispRE print it (Stata 16 ado tree):

```
FE (within) regression with AR(1) disturbances  Number of obs     =        190
Group variable: company                         Number of groups  =         10

R-sq:                                           Obs per group:
     within  = 0.5927                                         min =         19
     between = 0.7989                                         avg =       19.0
     overall = 0.7904                                         max =         19

                                                F(2,178)          =     129.49
corr(u_i, Xb)  = -0.0454                        Prob > F          =     0.0000
(coefficient table, then rho_ar, sigma_u, sigma_e, rho_fov)
F test that all u_i=0: F(9,178) = 10.11                      Prob > F = 0.0000
```
"""
from __future__ import annotations

from mlmcli.render.coef_table import render_coef_table
from mlmcli.render.numfmt import format_number


def _pair(left: str, label: str, value: str, value_col: int = 69) -> str:
    """left text, label at column 49, "=" at 67, the value from ``value_col``."""
    return left.ljust(48) + label.ljust(18) + "=" + " " * (value_col - 68) + value


def render_xtregar(macros, s, rows, tests, level: float, *, lbi: bool) -> str:
    num = format_number
    fe = macros["model"] == "fe"
    title = "FE (within) regression with AR(1) disturbances" if fe else "RE GLS regression with AR(1) disturbances"
    out = ["", _pair(title, "Number of obs", num(s["N"], "%10.0fc")),
           _pair("Group variable: " + macros["ivar"], "Number of groups", num(s["N_g"], "%10.0fc")), "",
           "R-sq:".ljust(48) + "Obs per group:",
           ("     within  = " + num(s["r2_w"], "%6.4f")).ljust(62) + "min".ljust(4) + "= " + num(s["g_min"], "%10.0fc"),
           ("     between = " + num(s["r2_b"], "%6.4f")).ljust(62) + "avg".ljust(4) + "= " + num(s["g_avg"], "%10.1fc"),
           ("     overall = " + num(s["r2_o"], "%6.4f")).ljust(62) + "max".ljust(4) + "= " + num(s["g_max"], "%10.0fc"),
           ""]
    if fe:
        df_b, df_r = int(s["df_b"]), int(s["df_r"])
        out += [_pair("", f"F({df_b},{df_r})", num(s["F"], "%9.2f"), 70),
                _pair("corr(u_i, Xb)  = " + num(s["corr"], "%6.4f"), "Prob > F", num(tests["p"], "%6.4f"), 73), ""]
    else:
        out += [_pair("", f"Wald chi2({int(s['df_m'])})", num(s["chi2"], "%9.2f"), 70),
                _pair("corr(u_i, Xb)".ljust(19) + "= 0 (assumed)", "Prob > chi2", num(tests["p"], "%6.4f"), 73)]
        if s["Tcon"] == 0:
            out += ["", "-" * 19 + " theta " + "-" * 20, "  min      5%       median        95%      max",
                    num(s["thta_min"], "%6.4f") + num(s["thta_5"], "%9.4f") + num(s["thta_50"], "%11.4f")
                    + num(s["thta_95"], "%11.4f") + num(s["thta_max"], "%9.4f")]
        out.append("")
    out.append(render_coef_table(rows, macros["depvar"], stat_label="t" if fe else "z", level=level, plus=True))

    def line(label, value, note=""):
        return label.rjust(12) + " | " + num(value, "%10.0g").strip().rjust(10) + note

    out.append(line("rho_ar", s["rho_ar"], "" if fe else "   (estimated autocorrelation coefficient)"))
    out += [line("sigma_u", s["sigma_u"]), line("sigma_e", s["sigma_e"]),
            line("rho_fov", s["rho_fov"], "   (fraction of variance because of u_i)" if fe
                 else "   (fraction of variance due to u_i)")]
    if not fe and s["Tcon"] == 1:
        out.append(line("theta", s["thta_min"]))
    out.append("-" * 13 + "+" + "-" * 64)
    if fe:
        ff = num(s["F_f"], "%8.2f").strip()
        left = f"F test that all u_i=0: F({int(s['df_a'])},{int(s['df_r'])}) = " + ff
        out.append(left.ljust(61) + "Prob > F = " + num(tests["p_f"], "%6.4f"))
    if lbi:
        out += ["modified Bhargava et al. Durbin-Watson = " + num(s["d1"], "%10.0g").strip(),
                "Baltagi-Wu LBI = " + num(s["LBI"], "%10.0g").strip()]
    return "\n".join(out)
