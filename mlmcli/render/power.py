"""``power``'s output: the study-parameters display and the table of many computations."""
from __future__ import annotations

import math

from mlmcli.render.numfmt import format_number
from mlmcli.results.power import PowerLine, PowerReport, PowerTable

_FORMATS = {"real": "%10.4f", "count": "%10.0fc", "integer": "%10.0f"}


def _line_text(line: PowerLine) -> str:
    text = f"{line.label:>13} =" + format_number(line.value, _FORMATS[line.kind]).rjust(10)
    return f"{text}  {line.note}" if line.note else text


def _header(iterated: bool, title: str, test: str, hypothesis: str) -> list[str]:
    out = [""]
    if iterated:
        out += ["Performing iteration ...", ""]
    return out + [title, test, hypothesis]


def render_power_report(report: PowerReport) -> str:
    out = _header(report.iterated, report.title, report.test, report.hypothesis)
    out += ["", "Study parameters:", ""]
    left = [_line_text(x) for x in report.parameters]
    right = [_line_text(x) for x in report.parameters_right]
    for i in range(max(len(left), len(right))):
        a = left[i] if i < len(left) else ""
        b = right[i] if i < len(right) else ""
        out.append(f"{a:<25}{b}".rstrip() if b else a)
    out += ["", report.estimate_title, ""]
    out += [_line_text(x) for x in report.estimates]
    return "\n".join(out)


def _cell(value: float) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "."
    return format_number(value, "%7.4g").strip()


def render_power_table(table: PowerTable) -> str:
    out = _header(table.iterated, table.title, table.test, table.hypothesis) + [""]
    rule = "-" * (8 * len(table.columns) + 1)
    out.append(f"  +{rule}+")
    out.append("  |" + "".join(f"{c:>8}" for c in table.columns) + " |")
    out.append(f"  |{rule}|")
    for row in table.rows:
        out.append("  |" + "".join(f"{_cell(v):>8}" for v in row) + " |")
    out.append(f"  +{rule}+")
    if table.failed:
        out += ["  Warning: some of the computations failed; execute each ",
                "           computation separately to see the specific error"]
    return "\n".join(out)
