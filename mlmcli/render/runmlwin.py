"""runmlwin's output as its ``runmlwin_display`` program writes it (runmlwin.ado, 17Jun2019;
read, not copied): the header ``MLwiN <version> multilevel model`` with the number of
observations at column 49, the response model's title, ``Estimation algorithm:``, the group
table, the fit statistics (IGLS: ``Log likelihood``/``Deviance`` at column 22; RIGLS: ``Log
restricted-likelihood``/``Restricted-deviance`` at column 27), the fixed-part table (z
statistics) and the random-part table, one block per level from the highest down."""
from __future__ import annotations

from mlmcli.render.coef_table import level_text
from mlmcli.render.numfmt import format_number
from mlmcli.results.runmlwin import RunmlwinResult, RunmlwinRow


def _at(line: str, col: int, text: str) -> str:
    """``text`` placed at Stata's 1-based column ``col`` (display's _col())."""
    return line.ljust(col - 1) + text


def _header(res: RunmlwinResult, noheader_group: bool) -> list[str]:
    version = f"MLwiN {res.version} multilevel model" if res.version else "MLwiN multilevel model"
    lines = [_at(version, 49, "Number of obs").ljust(67) + "= " + format_number(res.n_obs, "%9.0g"),
             res.title, f"Estimation algorithm: {res.method}"]
    if not noheader_group and res.groups_unavailable:
        lines.append("Grouping information is not available when nosort option is specified")
    if not noheader_group and res.groups:
        lines += ["", "-" * 16 + "-" + "-" * 42,
                  _at(_at("", 17, "|") , 21, "No. of").ljust(33) + "Observations per Group",
                  _at(_at(" Level Variable", 17, "|"), 21, "Groups").ljust(30) + "Minimum".ljust(11)
                  + "Average".ljust(11) + "Maximum",
                  "-" * 16 + "+" + "-" * 42]
        for g in res.groups:
            name = g.levelvar if len(g.levelvar) <= 12 else g.levelvar[:10] + "~" + g.levelvar[-1]
            line = _at(name.rjust(15), 17, "|")
            line = _at(line, 19, format_number(g.n_groups, "%8.0g"))
            line = _at(line, 29, format_number(g.min, "%9.0g"))
            line = _at(line, 40, format_number(g.avg, "%9.1f"))
            lines.append(_at(line, 51, format_number(g.max, "%9.0g")))
        lines.append("-" * 16 + "-" + "-" * 42)
    if not noheader_group:  # nogroup: the algorithm's line ends where the fit statistics begin
        lines.append("")
    col = 22 if res.method == "IGLS" else 27
    ll_name, dev_name = (("Log likelihood", "Deviance") if res.method == "IGLS"
                         else ("Log restricted-likelihood", "Restricted-deviance"))
    for name, value, fmt in (("Run time (seconds)", res.run_time, "%10.2f"),
                             ("Number of iterations", res.iterations, "%10.0f"),
                             (ll_name, res.ll, "%10.0g"), (dev_name, -2 * res.ll, "%10.0g")):
        lines.append(_at(name, col, "= ") + format_number(value, fmt))
    return lines


def _fixed(res: RunmlwinResult) -> list[str]:
    kk = len(level_text(res.level))
    dep = res.depvar if len(res.depvar) <= 12 else res.depvar[:10] + "~" + res.depvar[-1]
    head = _at(_at(_at(_at(_at(dep.rjust(12), 14, "|"), 21, "Coef."), 29, "Std. Err."), 44, "z"), 49, "P>|z|")
    head = _at(head, 61 - kk, f"[{level_text(res.level)}% Conf. Interval]")
    lines = ["-" * 78, head, "-" * 13 + "+" + "-" * 64]
    for row in res.fixed:
        lines.append(_fixed_row(row))
    lines += ["-" * 78, ""]
    return lines


def _fixed_row(row: RunmlwinRow) -> str:
    name = row.label if len(row.label) <= 12 else row.label[:10] + "~" + row.label[-1]
    line = _at(name.rjust(12), 14, "|")
    line = _at(line, 17, format_number(row.estimate, "%9.0g"))
    line = _at(line, 28, format_number(row.se, "%9.0g"))
    line = _at(line, 36, format_number(row.z, "%8.2f"))
    line = _at(line, 49, format_number(row.p, "%5.3f"))
    line = _at(line, 58, format_number(row.lower, "%9.0g"))
    return _at(line, 70, format_number(row.upper, "%9.0g"))


def _random(res: RunmlwinResult) -> list[str]:
    if not res.random:
        return []
    kk = len(level_text(res.level))
    head = _at(_at(_at(_at("   Random-effects Parameters", 30, "|"), 34, "Estimate"), 45, "Std. Err."),
               61 - kk, f"[{level_text(res.level)}% Conf. Interval]")
    lines = ["-" * 78, head]
    for level in res.random:
        lines += ["-" * 29 + "+" + "-" * 48, _at(level.heading, 30, "|")]
        for row in level.rows:
            line = _at(row.label.rjust(28), 30, "|")
            line = _at(line, 33, format_number(row.estimate, "%9.0g"))
            line = _at(line, 44, format_number(row.se, "%9.0g"))
            line = _at(line, 58, format_number(row.lower, "%9.0g"))
            lines.append(_at(line, 70, format_number(row.upper, "%9.0g")))
    lines.append("-" * 78)
    return lines


def render_runmlwin(res: RunmlwinResult, *, noheader: bool = False, nogroup: bool = False,
                    nofetable: bool = False, noretable: bool = False) -> str:
    lines = [] if noheader else _header(res, nogroup)
    if not nofetable:
        lines += _fixed(res)
    if not noretable:
        lines += _random(res)
    if not res.converged:
        lines += ["", f"WARNING: {res.method} algorithm failed to converge. Increase the number of "
                      "iterations. See the maxiterations() option."]
    return "\n".join(lines)
