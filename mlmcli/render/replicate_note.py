"""_prefix_footnote's note after a replicate table when replicates were posted missing
(e(missing) ``missing``: a failing fit, a dropped coefficient, reject(), n()):

    Note: one or more parameters could not be estimated in 3 bootstrap replicates;
          standard-error estimates include only complete replications.

``{p 0 6 0 79}``; Stata 12's _prefix_footnote (1.2.4, 2009) writes "one", Stata 16's "One"
(docs/regress_jackknife.md)."""
from __future__ import annotations

from mlmcli.render.lrtest import wrap_paragraph


def missing_replicates_note(kind: str, count: int, linesize: int = 79) -> list[str]:
    """The note's lines for ``count`` missing ``kind`` (bootstrap|jackknife) replicates."""
    reps = "replicate" if count == 1 else "replicates"
    return wrap_paragraph(f"Note: one or more parameters could not be estimated in {count} {kind} {reps}; "
                          "standard-error estimates include only complete replications.", linesize, hanging=6, right=0)


def note_of_results(scalars: dict, macros: dict) -> list[str]:
    """The note an estimation result shows after its table (and on replay): e(missing) set under
    vce(bootstrap|jackknife)."""
    if macros.get("missing") != "missing" or macros.get("vce") not in ("bootstrap", "jackknife"):
        return []
    return missing_replicates_note(macros["vce"], int(scalars.get("N_misreps", 0)))


def resample_warning(name: str, kind: str, linesize: int = 79) -> list[str]:
    """_resample_warn 1.2.0's warning when the command leaves no e(sample) (bootstrap's
    _prefix_check4esample; ``nowarn`` suppresses it): a blank line, ``{p 0 10 2}`` and
    ``{p 10 10 2}`` paragraphs with a blank line between."""
    first = (f"Warning:  Because {name} is not an estimation command or does not set e(sample), {kind} has no "
             "way to determine which observations are used in calculating the statistics and so assumes that "
             "all observations are used.  This means that no observations will be excluded from the resampling "
             "because of missing values or other reasons.")
    second = ("If the assumption is not true, press Break, save the data, and drop the observations that are to "
              "be excluded.  Be sure that the dataset in memory contains only the relevant data.")
    return ([""] + wrap_paragraph(first, linesize, first=0, hanging=10, right=2) + [""]
            + wrap_paragraph(second, linesize, first=10, hanging=10, right=2))
