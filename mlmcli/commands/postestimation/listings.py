"""Listings of stored results: ``ereturn list`` (e()), ``return list`` (r()) and ``sreturn
list`` (s()), in Stata's layouts (``mlmcli.render.listings``).  The commands themselves are
``commands/program/returns.py``; ``matrix list`` is ``commands/program/matrix``.

Stata lists results in the order the command stored them.  For the commands whose order
is known from Stata's own output (``regress``: an ``ereturn list`` log) or manual
(``mixed``: [ME] mixed, Stored results), ``E_ORDER`` gives it; any other result follows
in the order it was stored.  ``E_INTERNAL`` names e() entries mlm keeps for its own use
that Stata does not store (``e(level)``), which are not listed.
"""
from __future__ import annotations

import numpy as np

E_ORDER: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "regress": (
        ("N", "df_m", "df_r", "F", "r2", "rmse", "mss", "rss", "r2_a", "ll", "ll_0", "rank", "N_clust"),
        ("cmdline", "title", "marginsok", "vce", "depvar", "cmd", "properties", "predict", "model", "estat_cmd",
         "vcetype", "clustvar", "wtype", "wexp"),
        ("b", "V", "V_modelbased"),
    ),
    "mixed": (
        ("N", "k", "k_f", "k_r", "k_rs", "k_rc", "N_clust", "ll", "chi2", "p", "ll_c", "chi2_c", "df_c", "p_c",
         "df_m", "rank", "ic", "rc", "converged"),
        ("cmd", "cmdline", "depvar", "wtype", "wexp", "ivars", "title", "redim", "vartypes", "revars", "resopt",
         "rstructure", "rstructlab", "rbyvar", "rglabels", "pwscale", "timevar", "chi2type", "clustvar", "vce",
         "vcetype", "method", "opt", "optmetric", "emonly", "ml_method", "technique", "datasignature",
         "datasignaturevars", "properties", "estat_cmd", "predict", "asbalanced", "asobserved"),
        ("b", "V", "N_g", "g_min", "g_avg", "g_max", "tmap"),
    ),
}
E_ORDER["xtmixed"] = E_ORDER["mixed"]
E_INTERNAL = {"regress": {"level"}, "mixed": {"level"}, "xtmixed": {"level"}}


def _ordered(d: dict, order: tuple[str, ...]) -> dict:
    known = [k for k in order if k in d]
    return {k: d[k] for k in known + [k for k in d if k not in order]}


def list_e(session, e) -> None:
    """``ereturn list``: e() scalars, macros, matrices and functions."""
    from mlmcli.render.listings import render_results_list
    from mlmcli.results.postestimation import ResultsListing

    text = render_results_list(ResultsListing("e", *e_results_listed(e)))
    if text:
        session.print(text)


def e_results_listed(e) -> tuple[dict, dict, dict, tuple[str, ...]]:
    """e()'s scalars, macros, matrices and functions as ``ereturn list`` shows them (and
    ``: e(scalars)`` names them): in Stata's order, internal entries left out."""
    hidden = E_INTERNAL.get(e.cmd, set())
    scalars = {k: v for k, v in e.scalars.items() if np.isscalar(v) and k not in hidden}
    macros = {k: v for k, v in e.macros.items() if not k.startswith("_estimates_note")}
    if e.cmd:
        macros.setdefault("cmd", e.cmd)
    s_order, m_order, x_order = E_ORDER.get(e.cmd, (("N",), ("cmd", "cmdline"), ("b", "V")))
    return (_ordered(scalars, s_order), _ordered(macros, m_order), _ordered(dict(e.matrices), x_order),
            ("sample",) if e.sample is not None else ())


def r_results_split(results: dict) -> tuple[dict, dict, dict]:
    """r() or s() as scalars, macros and matrices, each in the order stored."""
    from mlmcli.results.matrix import Matrix

    scalars, macros, mats = {}, {}, {}
    for k, v in results.items():
        if isinstance(v, (Matrix, np.ndarray)):
            mats[k] = v
        elif isinstance(v, str):
            macros[k] = v
        else:
            scalars[k] = v
    return scalars, macros, mats


def list_r(session, results: dict, prefix: str) -> None:
    """``return list`` (prefix ``r``) / ``sreturn list`` (``s``): in the order stored."""
    from mlmcli.render.listings import render_results_list
    from mlmcli.results.postestimation import ResultsListing

    text = render_results_list(ResultsListing(prefix, *r_results_split(results)))
    if text:
        session.print(text)
