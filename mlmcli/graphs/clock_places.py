"""Stata's clock positions and compass points for what is placed around or inside the plot
region ([G-4] clockposstyle, ringposstyle, compassdirstyle): which side a clock position is
on, how it aligns there, and matplotlib's ``loc`` for a compass point or a clock position
inside a region.  Shared by the frame (titles, the legend) and the contour plot's ramp."""
from __future__ import annotations

TOP, BOTTOM, RIGHT, LEFT = (11, 12, 1), (5, 6, 7), (2, 3, 4), (8, 9, 10)
JUSTIFY = {11: "left", 12: "center", 1: "right", 5: "right", 6: "center", 7: "left", 0: "center",
           2: "center", 3: "center", 4: "center", 8: "center", 9: "center", 10: "center"}
SIDE_Y = {2: "top", 10: "top", 3: "middle", 9: "middle", 4: "bottom", 8: "bottom"}
COMPASS_LOC = {"c": "center", "center": "center", "n": "upper center", "ne": "upper right",
               "e": "center right", "se": "lower right", "s": "lower center", "sw": "lower left",
               "w": "center left", "nw": "upper left"}
# a legend inside a region at a clock position -> matplotlib's loc
LEGEND_INSIDE = {0: "center", 12: "upper center", 1: "upper right", 2: "upper right",
                 3: "center right", 4: "lower right", 5: "lower right", 6: "lower center",
                 7: "lower left", 8: "lower left", 9: "center left", 10: "upper left",
                 11: "upper left"}


def clock_side(clock: int, ring: float) -> str:
    """``inside`` (ring 0 or clock 0), ``top``, ``bottom``, ``right`` or ``left``."""
    if ring == 0 or clock == 0:
        return "inside"
    if clock in TOP:
        return "top"
    if clock in BOTTOM:
        return "bottom"
    return "right" if clock in RIGHT else "left"
