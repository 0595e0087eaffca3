"""``kap`` (two unique raters) and ``kappa`` (counts of ratings per outcome); numbers in
``mlmcli.classic_tests.kappa``.

    kap varname1 varname2 [if] [in] [fweight] [, tab wgt(I|w|w2|name) absolute]
    kap varname1 varname2 varname3 [...] [if] [in]
    kappa varlist [if] [in]

kap with three or more rater variables (kap_3.ado's nonunique raters) counts each subject's
ratings by category and reports kappa's statistics of those counts.  wgt(name) reads a global
macro holding ``kapwgt k w11 w21 w22 ...`` (what kapwgt stores; mlm has no kapwgt command, a
global typed so works)."""
from __future__ import annotations

import numpy as np

from mlmcli.commands.data.common import mark, weights
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options

KAP_OPTIONS = [OptionSpec("absolute", 1), OptionSpec("tab", 3), OptionSpec("wgt", 1, takes_arg=True)]


def cmd_kap(session, cmd) -> None:
    from mlmcli.classic_tests.kappa import two_raters, weight_matrix
    from mlmcli.commands.data.common import value_text
    from mlmcli.commands.data.tabulate_report import report_tab2
    from mlmcli.render.kappa_tests import render_kap, render_weights

    ds = session.data
    opts = resolve_options(cmd.options, KAP_OPTIONS)
    names = ds.expand_varlist(cmd.args or "")
    if len(names) < 2:
        raise StataError("too few variables specified", 102)
    for name in names:
        if ds.is_string(name):
            raise StataError("type mismatch", 109)
    if len(names) > 2:
        names = _nonunique_raters(session, cmd, opts, names)
        if len(names) > 2:
            return
        session.print("\nThere are 2 identified raters per subject:")
    rows = mark(session, cmd, names)
    rows, w, _ = weights(session, cmd, rows, ("fweight",), default="fweight")
    a, b = ds.numeric(names[0])[rows], ds.numeric(names[1])[rows]
    wv = w[rows] if w is not None else np.ones(a.size)
    if a.size < 2:
        raise StataError("insufficient observations", 2001)
    categories = np.unique(np.concatenate([a, b]))
    if opts.get("absolute"):
        if not (np.all(categories == np.floor(categories)) and categories.min() >= 1):
            raise StataError(f"{names[0]} and {names[1]} not integers 1, ..., K\n"
                             "this is required when option absolute is specified", 498)
        k = int(max(a.max(), b.max()))
        positions = categories
    else:
        k = categories.size
        positions = np.arange(1.0, k + 1)
    counts = np.zeros((categories.size, categories.size))
    np.add.at(counts, (np.searchsorted(categories, a), np.searchsorted(categories, b)), wv)
    if opts.get("tab"):
        texts = [value_text(ds, names[0], c) for c in categories], [value_text(ds, names[1], c) for c in categories]
        report_tab2(session, {}, ds.var_labels.get(names[0]) or names[0], ds.var_labels.get(names[1]) or names[1],
                    texts[0], texts[1], counts.astype(int))
    if k < 2:
        raise StataError("too few rating categories", 499)
    kind = str(opts.get("wgt") or "").strip()
    blank = [] if opts.get("tab") else [""]
    if kind in ("", "I"):
        wij = weight_matrix(positions, k, "I")
    else:
        wij = weight_matrix(positions, k, kind) if kind in ("w", "w2") else _user_weights(session, kind, positions,
                                                                                         k, bool(opts.get("absolute")))
        session.print("\n".join(blank + [render_weights(wij)]))
        blank = [""]
    result = two_raters(counts, wij)
    session.print("\n".join(blank + [render_kap(result)]))
    session.set_r({key: result[key] for key in ("N", "prop_o", "prop_e", "kappa", "z", "se")})


def _user_weights(session, name: str, positions: np.ndarray, k: int, absolute: bool) -> np.ndarray:
    """kap.ado's wgt(name): the global holds ``kapwgt K`` and the lower triangle by rows."""
    words = str(session.globals.get(name, "")).split()
    if not words or words[0] != "kapwgt":
        raise StataError(f"kappawgt {words[0] if words else ''} not found", 111)
    size = int(float(words[1]))
    if (not absolute and size != k) or (absolute and size < k):
        raise StataError(f"kapwgt not {k} x {k}", 198)
    values = [float(v) for v in words[2:]]
    full = np.zeros((size, size))
    at = 0
    for i in range(size):
        for j in range(i + 1):
            full[i, j] = full[j, i] = values[at] if at < len(values) else np.nan
            at += 1
    idx = positions.astype(int) - 1
    return full[np.ix_(idx, idx)]


def cmd_kappa(session, cmd) -> None:
    from mlmcli.render.abbrev import abbrev

    ds = session.data
    resolve_options(cmd.options, [])
    if cmd.weight is not None:
        raise StataError("weights not allowed", 101)
    names = ds.expand_varlist(cmd.args or "")
    if len(names) < 2:
        raise StataError("too few variables specified", 102)
    rows = mark(session, cmd, [])  # kappa.ado: the varlist is not marked out
    counts = np.column_stack([ds.numeric(n)[rows] for n in names])
    bad = np.isnan(counts) | (counts < 0) | (counts != np.floor(counts))
    if bad.any():
        raise StataError("negative, missing, or noninteger values encountered" if len(names) == 2 else
                         "noninteger, negative, or missing values encountered", 499 if len(names) == 2 else 498)
    labels = []
    for n in names:
        label = ds.var_labels.get(n) or ""
        labels.append(label if label and len(label) <= 16 else abbrev(n, 12))
    _report_kappa(session, counts, labels)


def _report_kappa(session, counts: np.ndarray, labels: list[str]) -> None:
    """kappa.ado's two displays: two outcomes, or each outcome and the combined kappa."""
    from scipy import stats

    from mlmcli.classic_tests.kappa import outcomes, two_outcomes
    from mlmcli.render.kappa_tests import render_outcomes, render_two_outcomes

    prob = lambda z: float(stats.norm.sf(z)) if np.isfinite(z) else float("nan")  # noqa: E731
    if counts.shape[1] == 2:
        if not (counts.sum(axis=1) > 0).any():
            raise StataError("no observations", 2000)
        kappa, z = two_outcomes(counts[:, 0], counts[:, 1])
        session.print(render_two_outcomes(kappa, z, prob(z)))
    else:
        per, kappa, z, equal = outcomes(counts)
        session.print(render_outcomes(labels, [(k, zj, prob(zj)) for k, zj in per], kappa, z, prob(z), equal))
    session.set_r({"kappa": kappa, "z": z})


def _nonunique_raters(session, cmd, opts, names: list[str]) -> list[str]:
    """kap_3.ado: three or more rater variables.  Variables missing on every row are noted and
    left out; with two left this is kap of those two (returned for cmd_kap to run); otherwise the
    ratings of each subject are counted by category and reported by kappa (its r(kappa), r(z))."""
    from mlmcli.render.numfmt import format_number
    from mlmcli.summary_statistics import stata_percentile

    for option, message in (("absolute", "Option absolute not allowed with 3 or more raters"),
                            ("tab", "option tab not allowed with 3 or more raters"),
                            ("wgt", "option wgt() not allowed with 3 or more raters")):
        if opts.get(option):
            raise StataError(message, 198)
    ds = session.data
    rows = mark(session, cmd, [])
    rows, w, _ = weights(session, cmd, rows, ("fweight",), default="fweight")
    if not rows.any():
        raise StataError("no observations", 2000)
    kept = []
    for name in names:
        if np.isnan(ds.numeric(name)[rows]).all():
            session.print(f"note:  {name} contains all missing values; variable ignored")
        else:
            kept.append(name)
    if len(kept) < 2:
        raise StataError("only one rating variable remains" if kept else "no rating variables remain", 498)
    if len(kept) == 2:
        return kept
    ratings = np.column_stack([ds.numeric(n)[rows] for n in kept])
    categories = np.unique(ratings[~np.isnan(ratings)])
    as_float = ratings.astype(np.float32)  # kap_3.ado compares float(rating) == float(category)
    counts = np.column_stack([(as_float == np.float32(c)).sum(axis=1) for c in categories]).astype(float)
    total = counts.sum(axis=1)
    if total.min() == total.max():
        session.print(f"\nThere are {int(total[0])} raters per subject:")
    else:
        median = format_number(stata_percentile(np.sort(total), 50), "%9.2f").strip()
        session.print(f"\nThere are between {int(total.min())} and {int(total.max())} (median = {median}) "
                      "raters per subject:")
    if w is not None:  # kap_3.ado hands its weights to kappa, which takes none
        raise StataError("weights not allowed", 101)
    _report_kappa(session, counts, [format_number(c, "%12.0g").strip() for c in categories])
    return kept
