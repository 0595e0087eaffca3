"""``stem``'s stem-and-leaf plot ([R] stem): pure data, filled by ``mlmcli.stem_leaf`` and the
command, laid out by ``mlmcli.render.stem_leaf``."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class StemLine:
    stem: str  # the stem as printed, with its place holder: "  1*", " -0t"
    leaves: str  # "" for a stem without leaves


@dataclass(frozen=True)
class StemLeafPlot:
    varname: str
    var_label: str
    notes: tuple[str, ...]  # "x rounded to integers" ... (each followed by a blank line)
    lines: tuple[StemLine, ...]
