"""Style options every twoway plot type reads whether or not its view draws that part.

Stata parses the options of a plot through ``twoway_yxview_parse.class`` (scatter, line and
connected use it directly; every other plot type but the ci plots -- lfitci, qfitci, lpolyci,
fpfitci -- inherits it): its ``factor`` program turns marker (``msize()``, ``msymbol()`` ...),
area and bar (``fcolor()``, ``bcolor()``, ``blwidth()`` ...) and dot (``dcolor()`` ...) options
into the plot's style edits, and its ``syntax`` takes ``sort``, ``nodropbase`` and
``jitter()``/``jitterseed()``.  So ``line y x, msize(small)``, ``lfit y x, msize(small)
jitter(5)``, ``rcap hi lo x, sort`` and ``rline hi lo x, bcolor(mint) blwidth(thick)`` run in
Stata (public do-files: Cunningham's Mixtape, learners' transcriptions of Mitchell's book):
the view simply has no markers (no bars, no dots, no marker labels) to show them.  mlm takes
them and draws the plot as without them -- what Stata draws.  A plot's own options (rcap's ``msize()``, the cap
width; scatter's ``jitter()``) are matched first and keep their meaning.

Evidence: Stata 16's twoway_yxview_parse.class (its ``factor`` program and ``syntax``), the
stored copy of a Stata install in opensafely-core/cohort-extractor (bin/ado/base/t).  That
Stata 13's class reads the same list is assumed (the parser dates from Stata 8; the do-files
that type these options were written for Stata 8-13).
"""
from __future__ import annotations

from mlmcli.syntax.options import OptionSpec


def _o(name: str, abbrev: int | None, takes_arg: bool = True) -> OptionSpec:
    return OptionSpec(name, abbrev, takes_arg, repeatable=True)


# (name, minimal abbreviation): the capitals of the factor program's option() names
VIEW_STYLE_SPECS = [_o(*row) for row in (
    # marker style
    ("mstyle", 3), ("msymbol", 1), ("symbol", 1), ("mcolor", 2), ("mfcolor", 3), ("msize", 4), ("mlstyle", 3),
    ("mlcolor", 3), ("mlpattern", 3), ("mlwidth", 3), ("mlalign", 3), ("mangle", 4), ("msangle", 3),
    # marker labels (yxview's MLabels() and the MLAB* factors): yxview.class's line draw, like the
    # area, bar, spike, rline, rarea, rspike and rcap draws, calls no _draw_points -- no labels
    ("mlabel", 2), ("mlabvposition", 5), ("mlabstyle", 5), ("mlabposition", 5), ("mlabformat", 6),
    ("mlabgap", 5), ("mlabtextstyle", 5), ("mlabsize", 5), ("mlabcolor", 5), ("mlabangle", 5),
    # connecting line style (a scatter view draws none unless connect())
    ("lstyle", 2), ("lcolor", 2), ("lwidth", 2), ("lalign", 3), ("lpattern", 2),
    # area and bar style (and the unprefixed fill synonyms)
    ("astyle", 3), ("acolor", 2), ("afcolor", 3), ("afintensity", 3), ("alstyle", 2), ("alcolor", 3),
    ("alpattern", 3), ("alwidth", 3), ("alalign", 3), ("bstyle", 3), ("bcolor", 2), ("bfcolor", 3),
    ("bfintensity", 3), ("blstyle", 2), ("blcolor", 3), ("blpattern", 3), ("blwidth", 3),
    ("blalign", 3), ("fcolor", 2), ("fintensity", 2),
    # dot style (twoway dot's dots)
    ("dstyle", 3), ("dsymbol", 1), ("dcolor", 2), ("dfcolor", 3), ("dsize", 3), ("dlstyle", 2),
    ("dlcolor", 3), ("dlpattern", 3), ("dlwidth", 3), ("dlalign", 3),
    # the plot settings and yxview's syntax
    ("jitter", None), ("jitterseed", None), ("barwidth", 4), ("cmissing", 4),
)] + [OptionSpec("sort", None, True, arg_optional=True, repeatable=True),
      _o("nodropbase", 7, False)]

# the plot types whose parser is not twoway_yxview_parse: the ci plots build two views
NOT_YXVIEW = ("lfitci", "qfitci", "lpolyci", "fpfitci")


# views that draw markers: whether their markers would move with jitter() is not known (the
# view's .jitter is set; only scatter's use of it is documented), so jitter() stays refused there
MARKER_VIEWS = ("scatter", "connected", "dropline", "rcapsym", "rscatter", "rconnected", "pccapsym",
                "pcscatter", "pcarrow", "pcbarrow", "dot", "rbarm")


def view_style_option(kind: str, name: str) -> bool:
    """Whether ``name`` (as typed) is a yxview style option ``kind``'s view does not draw -- taken
    and without effect.  Only asked for options that match none of the plot's own."""
    if kind in NOT_YXVIEW:
        return False
    spec = next((s for s in VIEW_STYLE_SPECS if s.matches(name)), None)
    if spec is None:
        return False
    return not (spec.name.startswith("jitter") and kind in MARKER_VIEWS)
