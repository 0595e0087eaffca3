"""``sts test varlist [if] [in] [, logrank|wilcoxon|tware|peto|fh(p q)|cox strata(varlist)
detail trend mat(u V) notitle noshow]``: tests of equal survivor functions across the groups
(the combinations of the varlist's values) as Stata 13's sts.ado Test dispatches them to
logrank.ado, wilc_st.ado, tware_st.ado, peto_st.ado, fh_st.ado and ctst_st.ado; _sttrend's
test for trend; r(chi2), r(df) (r(chi2_tr), r(df_tr); r(by) where the ado leaves it)."""
from __future__ import annotations

import numpy as np

from mlmcli.commands.survival.sts import show_st, st_columns, st_sample, st_weights
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec

STS_TEST_SPECS = [OptionSpec(*row) for row in (
    ("logrank", 1), ("breslow", 1), ("cox", 1), ("wilcoxon", 1), ("tware", 2), ("peto", 1),
    ("fh", 1, True), ("by", 2, True), ("detail", 1), ("noshow", 4), ("trend", 2), ("strata", 2, True),
    ("mat", None, True), ("notitle", 4),
)]
NO_FAILURES = "no test possible because there are no failures"


def _choose_test(opts) -> tuple[str, float, float]:
    """(kind, p, q) as sts.ado's Test picks the ado (breslow alone runs the log-rank test there)."""
    from mlmcli.syntax.numlist import numlist

    if opts.get("trend") is not None and opts.get("cox"):
        raise StataError("trend not valid with option cox or pweight", 198)
    p = q = 0.0
    if opts.get("fh") is not None:
        values = numlist(str(opts["fh"]))
        if len(values) != 2:
            raise StataError("too few numbers specified" if len(values) < 2 else "too many numbers specified",
                             122 if len(values) < 2 else 123)
        p, q = (float(v) for v in values)
        if p < 0 or q < 0:
            raise StataError("p and q must be nonnegative", 198)
        return "fh", p, q
    for kind in ("wilcoxon", "cox", "tware", "peto"):
        if opts.get(kind):
            return kind, p, q
    return "logrank", p, q


def group_texts(session, names, rows) -> tuple[np.ndarray, list[str]]:
    """Codes 0..k-1 of the combinations of ``names`` on ``rows`` (sorted) and their labels:
    the value labels (or values) joined by ", ", each at most 30 characters (the ados' grp)."""
    from mlmcli.graphs.plotdata import value_text

    data = session.data
    columns = [data.df[v].to_numpy()[rows] for v in names]
    keys = sorted({tuple(c[i] for c in columns) for i in range(int(rows.sum()))})
    index = {key: k for k, key in enumerate(keys)}
    codes = np.array([index[tuple(c[i] for c in columns)] for i in range(int(rows.sum()))], np.int64)
    labels = [", ".join((value.strip() if isinstance(value, str) else value_text(data, v, float(value)).strip())[:30]
                        for v, value in zip(names, key)) for key in keys]
    return codes, labels


def _title_of(names) -> str:
    from mlmcli.render.abbrev import abbrev

    if len(names) == 1:
        return abbrev(names[0], 12)
    return ", ".join(abbrev(v, 8) for v in names)


def cmd_sts_test(session, cmd) -> None:
    from mlmcli.commands.data.survival_settings import require_st
    from mlmcli.syntax.options import resolve_options
    from mlmcli.syntax.varlist import counted_varlist

    opts = resolve_options(cmd.options, STS_TEST_SPECS)
    description = require_st(session.data)
    if not cmd.args.strip():
        raise StataError("varlist required", 100)
    names = counted_varlist(session.data, cmd.args, 1, None)
    if opts.get("trend"):
        if len(names) > 1:
            raise StataError("only one grouping variable allowed for trend tests\n"
                             "use egen, group() to generate one group variable", 198)
        if session.data.is_string(names[0]):
            raise StataError(f"{names[0]} found where numeric variable expected", 7)  # confirm numeric variable
    if opts.get("by") is not None:
        raise StataError("by() not allowed", 198)
    chosen = [k for k in ("fh", "breslow", "wilcoxon", "tware", "peto", "cox", "logrank") if opts.get(k)]
    if len(chosen) > 1:
        raise StataError("options logrank, wilcoxon, tware, peto, fh and cox are alternatives\n"
                         "they may not be specified together", 198)
    kind, p, q = _choose_test(opts)
    strata = counted_varlist(session.data, opts["strata"], 1, None) if opts.get("strata") else []
    mat = str(opts["mat"]).split() if opts.get("mat") is not None else None
    show_st(session, opts, description)
    if kind == "cox" and mat is not None:
        raise StataError("option mat() not allowed", 198)  # ctst_st's syntax has no mat()
    if mat is not None and len(mat) != 2:
        raise StataError("invalid syntax", 198)
    rows = st_sample(session, cmd, names + strata)
    weights = st_weights(session, description)
    t0, t, d = st_columns(session, rows)
    w = None if weights is None else weights[rows]
    if kind != "cox" and not (d != 0).any():
        raise StataError(NO_FAILURES, 2000)
    codes, labels = group_texts(session, names, rows)
    stratum = group_texts(session, strata, rows)[0] if strata else None
    run = _TestRun(session, kind, p, q, _title_of(names), not opts.get("notitle"), " ".join(strata))
    if strata and opts.get("detail") and kind != "cox":  # Test keeps detail from ctst_st
        if len(strata) > 1:  # the ados' title, then `local x = s1 s2[#]`: an expression of two names
            run.print_title()
            raise StataError("invalid syntax", 198)
        total = run.detail(codes, labels, stratum, session.data.df[strata[0]].to_numpy()[rows], t0, t, d, w)
        if opts.get("trend"):  # the ado's "-> Total" call carries trend
            run.trend(total, session.data.df[names[0]].to_numpy()[rows], codes, labels)
        session.set_r({})  # the ado's detail branch exits without returning results
        return
    result = run.table(codes, labels, stratum, t0, t, d, w, title=True)
    values = {"chi2": result.chi2, "df": float(result.df)}
    if kind in ("wilcoxon", "cox"):
        values["by"] = " ".join(names)  # wilc_st and ctst_st leave r(by); Test clears it after the others
    if mat is not None:
        _store_matrices(session, mat, -result.u if kind == "logrank" else result.u, result.V)
    if opts.get("trend"):
        values.update(run.trend(result, session.data.df[names[0]].to_numpy()[rows], codes, labels))
    session.set_r(values)


class _TestRun:
    """One sts test: the tables it prints (overall, per stratum) and the trend test."""

    def __init__(self, session, kind, p, q, ttl, title, strata_text):
        self.session, self.kind, self.p, self.q = session, kind, p, q
        self.ttl, self.title, self.strata_text = ttl, title, strata_text

    def compute(self, codes, stratum, t0, t, d, w):
        from mlmcli.survival.rank_tests import cox_test, rank_test

        if self.kind == "cox":
            return cox_test(codes, t0, t, d, w, stratum)
        return rank_test(codes, t0, t, d, w, self.kind, stratum, self.p, self.q)

    def print_title(self):
        from mlmcli.render.survival_sts_test import test_title

        if self.title:
            self.session.print("\n\n" + test_title(self.kind, bool(self.strata_text)))

    def table(self, codes, labels, stratum, t0, t, d, w, title: bool):
        from mlmcli.render.survival_sts_test import render_rank_table

        result = self.compute(codes, stratum, t0, t, d, w)
        if title:
            self.print_title()
        lines = []
        if stratum is not None and result.omitted_strata:
            n = result.omitted_strata
            lines.append(f"Note: {n} strat{'um' if n == 1 else 'a'} omitted because of no failures")
        lines += render_rank_table(self.kind, self.ttl, labels, result, self.strata_text if stratum is not None
                                   else "")
        self.session.print("\n".join(lines))
        self.labels = labels
        return result

    def detail(self, codes, labels, stratum, values, t0, t, d, w):
        """logrank.ado's detail: each stratum's own test, then the stratified one ("-> Total")."""
        from mlmcli.render.numfmt import format_number

        self.print_title()
        for s in range(int(stratum.max()) + 1):
            sel = stratum == s
            value = values[sel][0]
            shown = value if isinstance(value, str) else format_number(float(value), "%18.0g").strip()
            self.session.print(f"\n-> {self.strata_text} = {shown}")
            if not (d[sel] != 0).any():
                self.session.print(NO_FAILURES)
                continue
            present = np.unique(codes[sel])
            local = np.searchsorted(present, codes[sel])
            self.table(local, [labels[k] for k in present], None, t0[sel], t[sel], d[sel],
                       None if w is None else w[sel], title=False)
        self.session.print("\n-> Total")
        return self.table(codes, labels, stratum, t0, t, d, w, title=False)

    def trend(self, result, values, codes, labels) -> dict:
        from mlmcli.render.survival_sts_test import render_trend, table_width
        from mlmcli.survival.rank_tests import trend_test

        if len(labels) <= 2:
            raise StataError("trend test requires 3 or more groups", 198)
        scores = np.array([float(values[codes == k][0]) for k in range(len(labels))])
        chi2, p = trend_test(result.u, result.V, scores)
        self.session.print("\n".join(render_trend(chi2, p, table_width(self.ttl, labels), result.df)))
        return {"df_tr": 1.0, "chi2_tr": chi2}


def _store_matrices(session, names, u, V) -> None:
    """mat(name1 name2): the 1 x k vector and the k x k variance (rows r#, columns c#)."""
    from mlmcli.results.matrix import Matrix

    k = len(u)
    cols = tuple(f"c{j + 1}" for j in range(k))
    session.matrices[names[0]] = Matrix(np.asarray(u, float).reshape(1, k), ("r1",), cols)
    session.matrices[names[1]] = Matrix(np.asarray(V, float).copy(), tuple(f"r{i + 1}" for i in range(k)), cols)
