"""Look-alike of a long firm panel built from Peru's ENIIM 2018 innovation survey (firms
``id`` in two-digit industries ``ciiu2d``, 2015-2017): innovation search ``rawsearch`` (and
its variance and inverse-hyperbolic-sine forms), performance-feedback divergences from
historical and social aspirations with 0/1 indicators of positive divergence
(``divergventas_l2_`` ``Iventas_l2_pos_`` and their export, intensity and lambda-1/3 and
robust-social variants), slack measures ``slack_capi slack_wage slack_prof`` (and ihs forms),
controls ``capita produc y_oper`` and the expansion factor ``FACTOR_FINAL``.  Unbalanced:
about a fifth of the firms miss a year."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=2018)
    ids = d.nested(("ciiu2d", 22), ("id", (6, 16)), (None, (2, 3)))
    ind, firm = ids["ciiu2d"], ids["id"]
    d.columns["ciiu2d"] = 10 + ind
    d.put("year", 2015 + np.concatenate([np.arange(k) for k in np.bincount(firm)[1:]]), "int")
    u_ind, u_firm = d.effect(ind, 0.5), d.effect(firm, 0.8)
    slack = {}
    for name in ("slack_capi", "slack_wage", "slack_prof"):
        slack[name] = np.round(d.normal(0, 1), 4)
        d.put(name, slack[name], "float")
        if name != "slack_capi":
            d.put("ihs_" + name, np.round(np.arcsinh(slack[name]), 4), "float")
    div = {}
    for stem in ("ventas_l1_", "ventas_l2_", "ventas_l3_", "export_l1_", "export_l2_", "export_l3_",
                 "intexp_l2_", "socventas", "socexport", "socintexp", "socventas_r_", "socexport_r_"):
        x = np.round(d.normal(0, 1), 4)
        div[stem] = x
        d.put("diverg" + stem, x, "float")
        d.put("ihs_diverg" + stem, np.round(np.arcsinh(x), 4), "float")
        flag = "I" + stem.rstrip("_") + ("_pos_" if stem.endswith("_") else "_pos_")
        d.put(flag, (x > 0).astype(int), "byte")
    for name in ("capita", "produc", "y_oper"):
        d.put(name, np.round(d.normal(0, 1), 4), "float")
    search = 2 + 0.3 * div["ventas_l2_"] * (div["ventas_l2_"] < 0) - 0.2 * div["export_l2_"] \
        + 0.2 * slack["slack_capi"] + u_ind + u_firm + d.normal(0, 1)
    search = np.round(np.clip(search, 0, None), 4)
    d.put("rawsearch", search, "float")
    d.put("var_rawsearch", np.round(search - np.mean(search) + d.normal(0, 0.3), 4), "float")
    d.put("intsearch", np.round(search / 8, 4), "float")
    d.put("var_intsearch", np.round(search / 8 + d.normal(0, 0.1), 4), "float")
    d.put("ihs_rawsearch", np.round(np.arcsinh(search), 4), "float")
    d.put("FACTOR_FINAL", np.round(d.group_constant(firm, d.rng.uniform(1, 12, d.n)), 3), "float")
    return d.dataset()
