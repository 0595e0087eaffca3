"""``ira``'s display: the counts, then one row per index with its mean, median and range across
groups (``%5.4f``, a space before values that are not negative), rules between the families."""
from __future__ import annotations

from mlmcli.render.numfmt import format_number
from mlmcli.results.within_group_agreement import WithinGroupAgreement

_LABEL = 44
_RULE = "-" * _LABEL + "+" + "-" * 9 + "+" + "-" * 9 + "+" + "-" * 9
_BLANK_CELLS = "|         |         |"


def _cell(value: float) -> str:
    # Stata's `if v >= 0 di " "`: missing counts as not negative
    lead = " " if not value < 0 else ""
    return lead + format_number(value, "%5.4f")


def render_within_group_agreement(res: WithinGroupAgreement) -> str:
    lines = list(res.warnings)
    lines += ["",
              f"{'Number of observations (N)':<43}= {res.n_obs}",
              f"{'Number of items (J)':<43}= {res.n_items}",
              f"{'Number of groups':<43}= {res.n_groups}",
              f"{'Response options (A)':<43}= {res.options}",
              "",
              f"{'Interrater agreement (across groups)':<{_LABEL}}| Mean    | Median  | Range",
              _RULE]
    for k, block in enumerate(res.blocks):
        if k:
            lines.append(_RULE)
        for row in block:
            lines.append(f"{row.label:<{_LABEL}}| {_cell(row.mean)} | {_cell(row.median)} | {_cell(row.range)}")
            lines += [f"{note:<{_LABEL}}{_BLANK_CELLS}" for note in row.notes]
    return "\n".join(lines)
