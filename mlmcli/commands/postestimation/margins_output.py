"""What ``margins``, ``contrast`` and ``pwcompare`` share after computing: r() and e()
(``post``), the derivative texts and the multiple-comparison option."""
from __future__ import annotations

from mlmcli.errors import StataError

DERIVATIVE_TEXT = {"dydx": "dy/dx", "eyex": "ey/ex", "dyex": "dy/ex", "eydx": "ey/dx"}


def mcompare_method(opts, pairwise: bool = False) -> str:
    """mcompare(): noadjust, bonferroni, sidak, scheffe (and tukey, snk, duncan for pairwise comparisons)."""
    from mlmcli.syntax.abbreviation import resolve_choice

    m = opts.get("mcompare")
    if m is None:
        return "noadjust"
    word = str(m).strip().lower()
    first = word.split()[0] if word else word
    # _b_stat::set_mcompare: snk spelled out; dun.. is duncan (before dunnett's dunn..)
    if pairwise and (first == "snk" or (len(first) >= 3 and "duncan".startswith(first))):
        return "snk" if first == "snk" else "duncan"
    choices = [("noadjust", 5), ("bonferroni", 3), ("sidak", 3), ("scheffe", 3), ("tukey", 3)]
    found = resolve_choice(first, choices)
    if found == "tukey" and not pairwise:
        raise StataError("mcompare(tukey) is allowed only with pairwise comparisons", 198)
    if found is None:
        if word.split() and word.split()[0] in ("snk", "duncan", "dunnett"):
            raise StataError(f"mcompare({word}) not allowed", 198)
        raise StataError(f"mcompare({m}) invalid", 198)
    return found



def mctitle(method: str) -> str:
    from mlmcli.margins.contrasts import METHOD_TITLES

    return METHOD_TITLES.get(method, "")


def store_results(session, result, scalars: dict, macros: dict, matrices: dict, *, post: bool) -> None:
    """r() (always) and e() (``post``); marginsplot reads ``session.margins``."""
    r = dict(scalars)
    r.update(macros)
    r.update(matrices)
    session.set_r(r)
    session.margins = result
    if post:
        from mlmcli.estimation.results import EstimationResults

        mats = {k: v for k, v in matrices.items() if k not in ("table",)}
        session.e = EstimationResults(cmd="margins", scalars=dict(scalars), macros=dict(macros), matrices=mats,
                                      result=result, model=None, sample=None, title=macros.get("title", ""))
    session.shown_table = ("margins", result, session.e)


def command_results(name: str, cmd, s, n_terms: int, opts: dict, method: str, title: str) -> tuple[dict, dict]:
    """r() scalars and macros of the ``contrast`` and ``pwcompare`` commands."""
    scalars = {"N": float(s.n_obs), "level": float(s.level), "k_terms": float(n_terms)}
    if s.df_r:
        scalars["df_r"] = float(s.df_r)
    macros = {"cmd": name, "cmdline": typed_cmdline(name, cmd), "est_cmd": s.e.cmd,
              "title": title, "margin_method": "asobserved" if opts.get("asobserved") else "asbalanced",
              "mcmethod": method}
    return scalars, macros


def typed_cmdline(name: str, cmd) -> str:
    """r(cmdline): ``name`` and what was typed after the command word (_marg_work's ``margins
    `0'``, contrast's and pwcompare's ``copy local 0``): no quietly/capture/noisily prefix, the
    command word in full however it was abbreviated."""
    from mlmcli.parser import text_after_command

    try:
        rest = text_after_command(cmd.text) if cmd.text else cmd.args
    except Exception:  # a text the head grammar cannot read (not typed: built by mlm): the arguments
        rest = cmd.args
    return f"{name} {rest.strip()}".strip()
