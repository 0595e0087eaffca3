"""``fp [, nocompare est_cmd_display_options]``: fp's replay (fp.ado's fp_replay, fp_replay_u and
fp_replay_compare): "(fp ...)" as typed, the comparison table from e(fp_compare*) after a search
(not with nocompare, nor after fp()), then est_cmd's own replay with the other options."""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError


FP_COMMANDS = ("fp, powers():", "fp, search():")


def fp_results(session):
    """The active results of the fp prefix (fp.ado's check of e(fp_cmd)); after fracpoly or mfp,
    whose e(fp_cmd) is "fracpoly", and after anything else: last estimates not found r(301)."""
    e = session.e
    if e is None or e.macros.get("fp_cmd") not in FP_COMMANDS or not e.macros.get("cmd"):
        raise StataError("last estimates not found", 301)
    return e


def comparison_rows(e):
    """The table fp_prefix printed, from e(): (rows, the F denominator df or None)."""
    table = e.matrices["fp_compare"].values
    powers = e.matrices["fp_compare_fp"].values
    codes = e.matrices["fp_compare_length"].values.ravel()
    df2 = e.scalars.get("fp_compare_df2", float("nan"))
    hasess = bool(np.isfinite(df2))
    rows = []
    for i, code in enumerate(codes):
        label = "omitted" if code == 0 else "linear" if code == -1 else f"m = {int(code)}"
        shown = tuple(float(p) for p in powers[i] if np.isfinite(p))
        rows.append((label, table[i, 0], table[i, 1], table[i, 2], table[i, 3],
                     table[i, 4] if hasess else float("nan"), shown))
    return rows, (int(df2) if hasess else None)


def fp_replay(session, text: str) -> None:
    from mlmcli.parser import parse_arguments
    from mlmcli.render.fp import render_comparison
    from mlmcli.render.lrtest import wrap_paragraph
    from mlmcli.runner import Runner, current_runner

    e = fp_results(session)
    options = list(parse_arguments(text, "fp").options)
    compare = not any(o.arg is None and len(o.name) >= 7 and "nocompare".startswith(o.name)
                      for o in options)
    rest = [o for o in options if not (o.arg is None and len(o.name) >= 7 and "nocompare".startswith(o.name))]
    session.print("\n".join(wrap_paragraph(f"({e.macros.get('fp_cmdline', '')})", session.linesize,
                                           first=1, hanging=3, right=2)))
    searched = e.macros["fp_cmd"] == "fp, search():"
    if searched and compare:
        if "fp_compare" not in e.matrices:
            raise StataError("fp's comparison table is not in e() (mlm)", 301)
        session.print("\n" + render_comparison(e.macros.get("fp_variable", ""), comparison_rows(e),
                                               e.macros.get("cmd") == "regress"))
    shown = " ".join(o.name if o.arg is None else f"{o.name}({o.arg})" for o in (rest if searched else options))
    cmd = e.macros.get("cmd2") or e.macros["cmd"]
    (current_runner(session) or Runner(session)).execute(f"{cmd}{', ' + shown if shown else ''}")
