"""``mvtest``: multivariate tests of means, covariances, correlations and normality ([MV] mvtest;
mvtest.ado and mvtest_mean/_cov/_corr/_norm.ado, Stata 16 tree):

    mvtest means varlist [if] [in] [aw fw] [, equal | zero | equals(M) | linear(A) | by(groupvars)
                                              [missing homogeneous]]
    mvtest covariances varlist [if] [in] [aw fw] [, diagonal | spherical | compound | equals(C) |
                                                    block(varlist || ...) | by(groupvars) [missing]]
    mvtest correlations varlist [if] [in] [aw fw] [, compound | equals(C) | by(groupvars) [missing]]
    mvtest normality varlist [if] [in] [fw] [, univariate bivariate stats(dhansen hzirkler kurtosis
                                               skewness all)]

Statistics: ``multivariate.mvtests`` (means by() through manova's tests, ``manova_tests``); layout:
``render.mvtest``.  means by() with heterogeneous or lr (James', Krishnamoorthy-Yu's and the LR
tests) is refused as not implemented in mlmcli.
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options

HELP = {"mvtest": "mvtest means|covariances|correlations|normality varlist [if] [in] [weight] [, options] : "
                  "multivariate tests"}
_SUBCOMMANDS = (("means", 1), ("covariances", 3), ("correlations", 4), ("normality", 4))


def cmd_mvtest(session, cmd) -> None:
    words = cmd.args.split(None, 1)
    if not words:
        raise StataError("subcommand and varlist required", 198)
    word = words[0].lower()
    for name, minimum in _SUBCOMMANDS:
        if len(word) >= minimum and name.startswith(word):
            break
    else:
        raise StataError(f"unknown subcommand of mvtest: {words[0]}", 198)
    ds = session.data
    varlist = ds.expand_varlist(words[1]) if len(words) > 1 else []
    if not varlist:
        raise StataError("varlist required", 100)
    dups = [v for i, v in enumerate(varlist) if v in varlist[:i]]
    if dups:
        raise StataError("duplicate variables: " + " ".join(dict.fromkeys(dups)), 198)
    for v in varlist:
        if ds.is_string(v):
            raise StataError("string variables not allowed in varlist;\n" f"{v} is a string variable", 109)
    {"means": _means, "covariances": _covariances, "correlations": _correlations,
     "normality": _normality}[name](session, cmd, varlist)


def _data(session, cmd, varlist, allowed=("aweight", "fweight"), by=None, missing=False):
    """(X, w) on the sample, and the by() group of each row (None without by())."""
    from mlmcli.commands.estimation.common import weighted_sample
    from mlmcli.sample import mark_sample

    sample, w, kind = weighted_sample(session, cmd, list(varlist), allowed)
    groups = None
    if by:
        byvars = session.data.expand_varlist(by)
        if not missing:
            sample &= np.asarray(mark_sample(session, cmd, byvars, strok=True), bool)
        keys = [np.asarray(session.data.df[v].to_numpy())[sample] for v in byvars]
        table = list(zip(*keys)) if keys else []
        ordered = sorted(set(table), key=lambda t: tuple((isinstance(x, str), x) for x in t))
        index = {t: i for i, t in enumerate(ordered)}
        groups = np.array([index[t] for t in table], int)
    if not sample.any():
        raise StataError("no observations", 2000)
    X = np.column_stack([session.data.numeric(v)[sample] for v in varlist])
    wv = np.ones(X.shape[0]) if w is None else np.asarray(w, float)[sample]
    if kind == "aweight":
        wv = wv * (wv.size / wv.sum())
    return X, wv, groups


def _group_samples(session, cmd, varlist, opts) -> list:
    """(X, w) of each by() group (covariances and correlations: at least two groups)."""
    X, w, g = _data(session, cmd, varlist, by=opts["by"], missing=bool(opts.get("missing")))
    m = int(g.max()) + 1
    if m < 2:
        raise StataError("by() variables constant -- only one group found", 198)
    return [(X[g == i], w[g == i]) for i in range(m)]


def _matrix(session, name):
    from mlmcli.commands.program.matrix import lookup_any

    return np.atleast_2d(np.asarray(lookup_any(session, str(name).strip()).values, float))


# --------------------------------------------------------------------------------- means
def _means(session, cmd, varlist) -> None:
    from mlmcli.multivariate.mvtests import hotelling_one_sample
    from mlmcli.render.mvtest import f_lines

    opts = resolve_options(cmd.options, [OptionSpec("by", 2, takes_arg=True), OptionSpec("equal", 1),
                                         OptionSpec("equals", 6, takes_arg=True), OptionSpec("linear", 1, takes_arg=True),
                                         OptionSpec("zero", 1), OptionSpec("missing", 4),
                                         OptionSpec("homogeneous", 3), OptionSpec("heterogeneous", 3),
                                         OptionSpec("lr", 2), OptionSpec("protect", 4, takes_arg=True)])
    if opts.get("by"):
        return _means_by(session, cmd, varlist, opts)
    k = len(varlist)
    chosen = [o for o in ("equal", "equals", "linear", "zero") if opts.get(o) not in (None, False)]
    if len(chosen) > 1:
        raise StataError("exactly one hypothesis should be specified", 198)
    hyp = chosen[0] if chosen else "equal"
    X, w, _ = _data(session, cmd, varlist)
    if hyp == "equal":
        if k == 1:
            raise StataError("too few variables specified", 102)
        A = np.column_stack([np.eye(k - 1), -np.ones(k - 1)])
        test, text = hotelling_one_sample(X, w, A=A, b=np.zeros(k - 1)), "all means are the same"
    elif hyp == "zero":
        test, text = hotelling_one_sample(X, w, mu0=np.zeros(k)), "all means are 0"
    elif hyp == "equals":
        M0 = _matrix(session, opts["equals"])
        M0 = M0.T if M0.shape[1] == 1 else M0
        if M0.shape != (1, k):
            raise StataError("conformability error", 503)
        test, text = hotelling_one_sample(X, w, mu0=M0.ravel()), f"means equal vector {opts['equals'].strip()}"
    else:
        A = _matrix(session, opts["linear"])
        if A.shape[1] == k:
            b = np.zeros(A.shape[0])
        elif A.shape[1] == k + 1:
            A, b = A[:, :k], A[:, k]
        else:
            raise StataError("conformability error", 503)
        test = hotelling_one_sample(X, w, A=A, b=b)
        text = f"mean vector satisfies linear hypothesis {opts['linear'].strip()}"
    lines = ["", f"Test that {text}", "", "Hotelling T2".rjust(22) + " = " + _f(test.T2, "%9.2f")]
    session.print("\n".join(lines + f_lines("Hotelling", test.F, test.df_m, test.df_r, test.p)))
    session.set_r({"Ftype": "Hotelling", "T2": test.T2, "F": test.F, "df_m": test.df_m, "df_r": test.df_r,
                   "p_F": test.p})


def _f(value, fmt):
    from mlmcli.render.numfmt import format_number

    return format_number(value, fmt)


def _means_by(session, cmd, varlist, opts) -> None:
    from mlmcli.multivariate.manova_tests import multivariate_tests, residual_sscp
    from mlmcli.render.mvtest import manova_tests_table
    from mlmcli.results.matrix import Matrix

    if opts.get("homogeneous") and opts.get("heterogeneous"):
        raise StataError("options homogeneous and heterogeneous may not be specified together", 198)
    if opts.get("protect") is not None and not opts.get("lr"):
        raise StataError("must specify lr with protect()", 198)
    if opts.get("lr") and opts.get("homogeneous"):
        raise StataError("options lr and homogeneous may not be specified together", 198)
    if opts.get("heterogeneous") or opts.get("lr"):
        raise StataError("mvtest means, by() heterogeneous and lr are not implemented in mlmcli", 198)
    X, w, g = _data(session, cmd, varlist, by=opts["by"], missing=bool(opts.get("missing")))
    m = int(g.max()) + 1
    if m == 1:
        raise StataError("only one group specified", 198)
    base = np.ones((len(w), 1))
    dummies = (g[:, None] == np.arange(m - 1)[None, :]).astype(float)
    E0, _ = residual_sscp(X, base, w)
    E, rank = residual_sscp(X, np.column_stack([base, dummies]), w)
    if np.linalg.matrix_rank(E0) < len(varlist):
        raise StataError("collinearity among the dependent variables", 506)
    tests = multivariate_tests(E0 - E, E, rank - 1, float(w.sum()) - rank)
    lines = ["", f"Test for equality of {m} group means, assuming homogeneity", ""]
    session.print("\n".join(lines + manova_tests_table(tests.tests)))
    vals = np.array([[t.statistic, t.F, t.df1, t.df2, t.p, float(t.kind == "e")] for t in tests.tests])
    wilks = tests.tests[0]
    session.set_r({"Ftype": "Wilks/LR", "F": wilks.F, "df_m": wilks.df1, "df_r": wilks.df2, "p_F": wilks.p,
                   "stat_m": Matrix(vals, ("wilks", "pillai", "lawley", "roy"),
                                    ("statistic", "F", "df1", "df2", "p", "exact"))})


# --------------------------------------------------------------------------- covariances
def _covariances(session, cmd, varlist) -> None:
    from mlmcli.multivariate.mvtests import box_m, covariance_pattern
    from mlmcli.render.mvtest import chi2_lines, f_lines

    opts = resolve_options(cmd.options, [OptionSpec("by", 2, takes_arg=True), OptionSpec("missing", 4),
                                         OptionSpec("block", 2, takes_arg=True), OptionSpec("compound", 4),
                                         OptionSpec("diagonal", 4), OptionSpec("equals", 1, takes_arg=True),
                                         OptionSpec("spherical", 3)])
    if len(varlist) < 2:
        raise StataError("too few variables specified", 102)
    if opts.get("by"):
        groups = _group_samples(session, cmd, varlist, opts)
        m = len(groups)
        box = box_m(groups)
        lines = ["", f"Test of equality of covariance matrices across {m} samples", "",
                 "Modified LR chi2".rjust(22) + " = " + _f(box.modified_lr, "%9.0g")]
        lines += f_lines("Box", box.F, box.df1, box.df2, box.p_F, oneline=True)
        lines += chi2_lines("Box", box.chi2.chi2, box.chi2.df, box.chi2.p, oneline=True)
        session.print("\n".join(lines))
        session.set_r({"chi2type": "Box", "F_Box": box.F, "df_m_Box": box.df1, "df_r_Box": box.df2,
                       "p_F_Box": box.p_F, "chi2": box.chi2.chi2, "df": box.chi2.df, "p_chi2": box.chi2.p})
        return
    chosen = [o for o in ("block", "compound", "diagonal", "equals", "spherical") if opts.get(o) not in (None, False)]
    if len(chosen) > 1:
        raise StataError("only one hypothesis may be specified", 198)
    kind = chosen[0] if chosen else "diagonal"
    X, w, _ = _data(session, cmd, varlist)
    k = len(varlist)
    C = blocks = None
    if kind == "equals":
        C = _matrix(session, opts["equals"])
        if C.shape != (k, k):
            raise StataError("conformability error", 503)
        if not np.allclose(C, C.T):
            raise StataError("matrix not symmetric", 505)
        if np.any(np.linalg.eigvalsh(C) <= 0):
            raise StataError("matrix not positive definite", 506)
    if kind == "block":
        blocks = _blocks(session, opts["block"], varlist)
    test = covariance_pattern(X, w, kind, C=C, blocks=blocks)
    text = {"equals": f"equals matrix {str(opts.get('equals') or '').strip()}", "diagonal": "is diagonal",
            "spherical": "is spherical", "compound": "is compound symmetric", "block": "is block diagonal"}[kind]
    lines = ["", f"Test that covariance matrix {text}", ""] + chi2_lines("Adjusted LR", test.chi2, test.df, test.p)
    session.print("\n".join(lines))
    session.set_r({"chi2type": "Adjusted LR", "chi2": test.chi2, "df": test.df, "p_chi2": test.p})


def _blocks(session, text, varlist):
    left = list(varlist)
    out = []
    for part in str(text).split("||"):
        if not part.strip():
            continue
        names = session.data.expand_varlist(part)
        outside = [v for v in names if v not in varlist]
        if outside:
            raise StataError(" ".join(outside) + " not in varlist", 198)
        again = [v for v in names if v not in left]
        if again:
            raise StataError(" ".join(again) + " specified more than once in block()", 198)
        left = [v for v in left if v not in names]
        out.append([varlist.index(v) for v in names])
    if left:
        out.append([varlist.index(v) for v in left])
    return out


# -------------------------------------------------------------------------- correlations
def _correlations(session, cmd, varlist) -> None:
    from mlmcli.multivariate.mvtests import jennrich_groups, jennrich_pattern, lawley_equal_correlations
    from mlmcli.render.mvtest import chi2_lines

    opts = resolve_options(cmd.options, [OptionSpec("by", 2, takes_arg=True), OptionSpec("missing", 4),
                                         OptionSpec("compound", 4), OptionSpec("equal", 1),
                                         OptionSpec("equals", 6, takes_arg=True)])
    k = len(varlist)
    if k < 2:
        raise StataError("too few variables specified", 102)
    if opts.get("by"):
        test, title = jennrich_groups(_group_samples(session, cmd, varlist, opts)), "Jennrich"
        lines = ["", "Test of equality of correlation matrices across samples", ""]
    else:
        equal = bool(opts.get("compound") or opts.get("equal"))
        if equal and opts.get("equals") is not None:
            raise StataError("only one test may be specified", 198)
        X, w, _ = _data(session, cmd, varlist)
        if w.sum() < k:
            raise StataError("insufficient observations", 2001)
        if opts.get("equals") is not None:
            P = _matrix(session, opts["equals"])
            if P.shape != (k, k):
                raise StataError("conformability error", 503)
            if np.any(np.linalg.eigvalsh((P + P.T) / 2) <= 0):
                raise StataError("specified correlation matrix is not positive definite", 506)
            d = np.sqrt(np.diag(P))
            R0 = P / np.outer(d, d)
            notes = ["", f"(matrix {opts['equals'].strip()} is not a correlation matrix)"] \
                if np.max(np.abs(R0 - P) / (np.abs(P) + 1)) > 1e-8 else []
            test, title = jennrich_pattern(X, w, R0), "Jennrich"
            lines = notes + ["", f"Test that correlation matrix equals specified pattern {opts['equals'].strip()}", ""]
        else:
            if k < 3:
                raise StataError("compound symmetry test requires at least three variables", 102)
            test, title = lawley_equal_correlations(X, w), "Lawley"
            lines = ["", "Test that correlation matrix is compound symmetric (all correlations equal)", ""]
    session.print("\n".join(lines + chi2_lines(title, test.chi2, test.df, test.p)))
    session.set_r({"chi2type": title, "chi2": test.chi2, "df": test.df, "p_chi2": test.p})


# ----------------------------------------------------------------------------- normality
def _normality(session, cmd, varlist) -> None:
    from mlmcli.multivariate.mvtests import multivariate_normality
    from mlmcli.render.mvtest import bivariate_table, normality_line, univariate_table
    from mlmcli.results.matrix import Matrix

    opts = resolve_options(cmd.options, [OptionSpec("univariate", 3), OptionSpec("bivariate", 2),
                                         OptionSpec("stats", 2, takes_arg=True),
                                         OptionSpec("statistics", 10, takes_arg=True), OptionSpec("all", 3)])
    stats = _stats(opts)
    X, w, _ = _data(session, cmd, varlist, allowed=("fweight",))
    r: dict = {}
    out: list[str] = []
    if opts.get("univariate"):
        from mlmcli.normality_tests import sktest

        rows, vals = [], []
        for j, v in enumerate(varlist):
            t = sktest(X[:, j], w)
            rows.append((v, t.p_skew, t.p_kurt, t.chi2, t.p_chi2))
            vals.append([t.p_skew, t.p_kurt, t.chi2, t.p_chi2])
        out += ["", "Test for univariate normality"] + univariate_table(rows)
        r["Utest"] = Matrix(np.array(vals), tuple(varlist), ("Pr(Skewness)", "Pr(Kurtosis)", "chi2", "P"))
    bivariate = bool(opts.get("bivariate"))
    if bivariate and len(varlist) < 2:
        out.append("only one variable specified; option bivariate ignored")
        bivariate = False
    if bivariate:
        rows, vals, names = [], [], []
        for a in range(len(varlist)):
            for b in range(a + 1, len(varlist)):
                dh = multivariate_normality(X[:, [a, b]], w, ("dhansen",)).dh
                rows.append((varlist[a], varlist[b], dh.chi2, dh.df, dh.p))
                vals.append([dh.chi2, dh.df, dh.p])
                names.append(f"{varlist[a]}:{varlist[b]}")
        out += ["", "Doornik-Hansen test for bivariate normality"] + bivariate_table(rows)
        r["Btest"] = Matrix(np.array(vals), tuple(names), ("chi2", "df", "p"))
    t = multivariate_normality(X, w, stats)
    out += ["", "Test for multivariate normality", ""]
    if t.mskew is not None:
        b1p, c = t.mskew
        out.append(normality_line("Mardia mSkewness", b1p, c.df, c.chi2, c.p))
        r.update({"mskew": b1p, "chi2_mskew": c.chi2, "df_mskew": c.df, "p_mskew": c.p,
                  "rank_mskew": float(len(varlist))})
    if t.mkurt is not None:
        b2p, z, c = t.mkurt
        out.append(normality_line("Mardia mKurtosis", b2p, 1, c.chi2, c.p))
        r.update({"mkurt": b2p, "z_mkurt": z, "chi2_mkurt": c.chi2, "p_mkurt": c.p, "rank_mkurt": float(len(varlist))})
    if t.hz is not None:
        T, z, p, ET, VT = t.hz
        out.append(normality_line("Henze-Zirkler", T, 1, z * z, p))
        r.update({"hz": T, "E_hz": ET, "V_hz": VT, "z_hz": z, "p_hz": p, "rank_hz": float(len(varlist))})
    if t.dh is not None:
        out.append(normality_line("Doornik-Hansen", None, t.dh.df, t.dh.chi2, t.dh.p))
        r.update({"chi2_dh": t.dh.chi2, "df_dh": t.dh.df, "p_dh": t.dh.p,
                  "U_dh": Matrix(t.dh_univariate, tuple(varlist), ("b1", "b2", "z1", "z2"))})
    session.print("\n".join(out))
    session.set_r(r)


def _stats(opts) -> tuple[str, ...]:
    typed = opts.get("stats")
    if typed is not None and opts.get("statistics") is not None:
        raise StataError("stats() and statistics() are synonyms", 198)
    typed = typed if typed is not None else opts.get("statistics")
    if opts.get("all") and typed is not None:
        raise StataError("all may not be combined with stats()", 198)
    if opts.get("all"):
        typed = "all"
    if typed is None or not str(typed).strip():
        return ("dhansen",)
    names = (("all", 3), ("dhansen", 2), ("hzirkler", 2), ("kurtosis", 2), ("skewness", 2))
    chosen = []
    for word in str(typed).split():
        low = word.lower()
        match = next((n for n, k in names if len(low) >= k and n.startswith(low)), None)
        if match is None:
            raise StataError(f"option {word} not allowed", 198)
        chosen.append(match)
    if "all" in chosen:
        return ("dhansen", "hzirkler", "kurtosis", "skewness")
    return tuple(n for n in ("dhansen", "hzirkler", "kurtosis", "skewness") if n in chosen)
