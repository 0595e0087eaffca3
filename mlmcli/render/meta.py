"""The meta commands' text, laid out as Stata 16's meta suite prints it ([META] manual's
examples): the settings block of meta set/meta esize/meta query, the header naming the effect
size, meta summarize's study table with its heterogeneity header and tests, meta bias's tests,
meta trimfill's summary and meta regress's header."""
from __future__ import annotations

import math

from mlmcli.results.meta import (BiasTest, Heterogeneity, MetaRegressionHeader, MetaSettings, SummaryTable,
                                 TrimFillSummary)

MODEL_TITLES = {"random": "Random-effects", "common": "Common-effect", "fixed": "Fixed-effects"}
METHOD_NAMES = {"reml": "REML", "mle": "ML", "ebayes": "Empirical Bayes", "dlaird": "DerSimonian-Laird",
                "sjonkman": "Sidik-Jonkman", "hedges": "Hedges", "hschmidt": "Hunter-Schmidt",
                "invvariance": "Inverse-variance", "mhaenszel": "Mantel-Haenszel"}
_RULE = 78


def _num(x: float, fmt: str) -> str:
    return "." if x is None or (isinstance(x, float) and math.isnan(x)) else format(x, fmt)


def _pairs(rows: list[tuple[str, str]], width: int = 18) -> list[str]:
    return [f"{label:>{width}}:  {value}" if label else "" for label, value in rows]


def _study_label_text(s: MetaSettings) -> str:
    return s.studylabel or "Generic"


def render_settings(s: MetaSettings, title: str = "Meta-analysis setting information") -> str:
    rows = [title, "", " Study information"]
    info = [("No. of studies", str(s.K)), ("Study label", _study_label_text(s)),
            ("Study size", s.studysize or "N/A")]
    if s.summary_vars:
        info.append(("Summary data", " ".join(s.summary_vars)))
    rows += _pairs(info)
    rows += ["", "       Effect size"]
    effect = [("Type", "Generic" if s.estype == "generic" else s.estype), ("Label", s.eslabel),
              ("Variable", s.esvar)]
    if s.estype == "hedgesg":
        effect.append(("Bias correction", "Exact" if s.option("exact") else "Approximate"))
    if s.estype in ("lnoratio", "lnrratio", "rdiff") and s.option("zerocells"):
        effect.append(("Zero-cells adj.", s.option("zerocells")))
    elif s.estype in ("lnoratio", "lnrratio"):
        effect.append(("Zero-cells adj.", "None; no zero cells"))
    rows += _pairs(effect)
    rows += ["", "         Precision"]
    level = f"{s.level:g}%"
    precision = [("Std. Err.", s.sevar)]
    if s.estype in ("hedgesg", "cohend", "mdiff"):
        precision.append(("Std. Err. adj.", "Hedges-Olkin" if s.option("holkinse") else
                          "Unequal" if s.option("unequal") else "None"))
    precision += [("CI", "[_meta_cil, _meta_ciu]"),
                 ("CI level", f"{level}, controlled by level()" if s.datatype == "generic_ci" else level)]
    if s.datatype == "generic_ci":
        precision += [("User CI", f"[{s.cil}, {s.ciu}]"),
                      ("User CI level", f"{s.civarlevel:g}%, controlled by civarlevel()")]
    rows += _pairs(precision)
    rows += ["", "  Model and method"]
    rows += _pairs([("Model", MODEL_TITLES[s.model]), ("Method", METHOD_NAMES.get(s.method, s.method))])
    return "\n".join(rows)


def render_es_header(s: MetaSettings, study_label: bool = True, model: str = "", method: str = "") -> str:
    """The lines naming the effect size every meta analysis prints first (funnel plots add the
    model and method)."""
    rows = [("Effect-size label", s.eslabel), ("Effect size", s.esvar), ("Std. Err.", s.sevar)]
    if study_label and s.studylabel:
        rows.append(("Study label", s.studylabel))
    if model:
        rows += [("Model", MODEL_TITLES[model]), ("Method", METHOD_NAMES.get(method, method))]
    return "\n".join(_pairs(rows, 19))


def _het_block(model: str, method: str, h: Heterogeneity, K: int, title: str, se_adjustment: str = "") -> list[str]:
    """The title block beside "Number of studies =" (its = at column 61) and the heterogeneity
    statistics (their = at column 60, values ending at 68), as Stata 16 prints them."""
    left = [title, f"{MODEL_TITLES[model]} model", f"Method: {METHOD_NAMES.get(method, method)}"]
    if se_adjustment:
        left.append(f"SE adjustment: {se_adjustment}")
    right = [f"Number of studies = {K:>6}", "Heterogeneity:"]
    stats = []
    if h.tau2 is not None:
        stats.append(("tau2", f"{h.tau2:.4f}"))
    stats += [("I2 (%)", f"{h.I2:.2f}"), ("H2", f"{h.H2:.2f}")]
    out = _side_by_side(left[:len(right)], right, 42)
    for i, (label, value) in enumerate(stats):
        row = len(right) + i
        lead = left[row] if row < len(left) else ""
        out.append(f"{lead:<42}{label + ' =':>18}{value:>8}" if lead else f"{label + ' =':>60}{value:>8}")
    for extra in left[len(right) + len(stats):]:
        out.append(extra)
    return out


def _side_by_side(left: list[str], right: list[str], column: int) -> list[str]:
    out = []
    for i in range(max(len(left), len(right))):
        a = left[i] if i < len(left) else ""
        b = right[i] if i < len(right) else ""
        out.append(f"{a:<{column}}{b}".rstrip())
    return out


def id_width(labels) -> int:
    """The study column: 17 wide, wider for longer labels (at most 32)."""
    return min(max([17] + [len(x) for x in labels]), 32)


def _test_line(left: str, right: str, column: int) -> str:
    """A test and its p-value at ``column`` (0-based), or three spaces after a longer test."""
    return f"{left:<{column}}{right}" if len(left) < column else f"{left}   {right}"


def render_summary(t: SummaryTable) -> str:
    out = [render_es_header(t.settings), ""]
    title = "Subgroup meta-analysis summary" if t.subgroup_var else "Meta-analysis summary"
    out += _het_block(t.model, t.method, t.heterogeneity, t.K, title, t.se_adjustment)
    labels = [r.label for _, rows, _, _ in t.groups for r in rows] + [t.theta_label]
    if t.subgroup_var:
        labels += [f"{t.subgroup_var}: {name}" for name, *_ in t.groups]
    width = id_width(labels)
    lev = f"{t.level:g}"
    rule, line = "-" * (width + 51), "-" * (width + 1) + "+" + "-" * 49
    out += ["", rule, f"{'Study':>{width}} |{t.column_label[:14]:>15}{f'[{lev}% Conf. Interval]':>24}  % Weight", line]

    def study(r):
        name = r.label if len(r.label) <= width else r.label[:width - 1] + "~"
        weight = "" if math.isnan(r.weight) else f"{r.weight:10.2f}"
        return f"{name:>{width}} |{r.es:15.3f}{r.lo:12.3f}{r.hi:12.3f}{weight}"

    def pooled(p):
        return f"{p.label:>{width}} |{p.theta:15.3f}{p.lo:12.3f}{p.hi:12.3f}"

    for name, rows, group_pooled, _ in t.groups:
        if t.subgroup_var:
            out.append(f"{(t.subgroup_var + ': ' + name)[:width]:<{width}} |")
        if t.show_studies:
            out += [study(r) for r in rows]
        if t.subgroup_var and group_pooled is not None:
            out.append(pooled(group_pooled))
            out.append(line)
    if not t.subgroup_var and t.show_studies:
        out.append(line)
    out.append(pooled(t.overall))
    out.append(rule)
    if t.predinterval is not None:
        plev, lo, hi = t.predinterval
        out.append(f"{plev:g}% prediction interval for {t.theta_label}: [{lo:6.3f}, {hi:6.3f}]")
    if t.sorted_by:
        out.append(f"Sorted by: {t.sorted_by}")
    at = width + 32  # meta summarize's Prob column: its id column's width + 33 (1-based)
    if t.subgroup_var:
        out.append(_test_line(f"Test of group differences: Q_b = chi2({t.group_test[1]}) = {t.group_test[0]:.2f}",
                              f"Prob > Q_b = {t.group_test[2]:.4f}", at))
        out += ["", "Heterogeneity summary",
                "-" * 66,
                f"{'Group':>14} |   df        Q    P > Q     tau2    % I2      H2",
                "-" * 15 + "+" + "-" * 50]
        for name, _, _, h in t.groups:
            if h is None:
                continue
            tau = "" if h.tau2 is None else f"{h.tau2:8.3f}"
            out.append(f"{name[:14]:>14} | {h.df:4d} {h.Q:8.2f} {h.p:8.3f} {tau:>8} {h.I2:7.2f} {h.H2:7.2f}")
        h = t.heterogeneity
        out.append("-" * 15 + "+" + "-" * 50)
        tau = "" if h.tau2 is None else f"{h.tau2:8.3f}"
        out.append(f"{'Overall':>14} | {h.df:4d} {h.Q:8.2f} {h.p:8.3f} {tau:>8} {h.I2:7.2f} {h.H2:7.2f}")
        out.append("-" * 66)
        return "\n".join(out)
    o = t.overall
    if o.df is None:
        out.append(_test_line(f"Test of theta = 0: z = {o.stat:.2f}", f"Prob > |z| = {o.p:.4f}", at))
    else:
        out.append(_test_line(f"Test of theta = 0: t({o.df:g}) = {o.stat:.2f}", f"Prob > |t| = {o.p:.4f}", at))
    h = t.heterogeneity
    out.append(_test_line(f"Test of homogeneity: Q = chi2({h.df}) = {h.Q:.2f}", f"Prob > Q = {h.p:.4f}", at + 2))
    out += list(t.notes)
    return "\n".join(out)


def render_bias(b: BiasTest) -> str:
    out = [render_es_header(b.settings, study_label=False), ""]
    if b.test == "begg":
        out += ["Begg's test for small-study effects", "",
                f"  Kendall's score = {b.score:9.2f}", f"      SE of score = {b.se:9.3f}",
                f"                z = {b.stat:9.2f}", f"       Prob > |z| = {b.p:9.4f}"]
        return "\n".join(out)
    title = {"egger": "Regression-based Egger test for small-study effects",
             "harbord": "Regression-based Harbord test for small-study effects",
             "peters": "Regression-based Peters test for small-study effects"}[b.test]
    out.append(title)
    if b.traditional:
        out += ["Fixed-effects model", "Method: Inverse-variance"]
        out.append("SE adjustment: multiplicative dispersion")
    else:
        out += [f"{MODEL_TITLES[b.model]} model", f"Method: {METHOD_NAMES.get(b.method, b.method)}"]
        if b.se_adjustment:
            out.append(f"SE adjustment: {b.se_adjustment}")
    if b.moderators:
        out.append(f"Moderators: {b.moderators}")
    out += ["", "H0: beta1 = 0; no small-study effects",
            f"            beta1 = {b.beta1:9.2f}", f"      SE of beta1 = {b.se:9.3f}"]
    if b.df is None:
        out += [f"                z = {b.stat:9.2f}", f"       Prob > |z| = {b.p:9.4f}"]
    else:
        out += [f"{'t(' + str(b.df) + ')':>17} = {b.stat:9.2f}", f"       Prob > |t| = {b.p:9.4f}"]
    return "\n".join(out)


def render_trimfill(t: TrimFillSummary) -> str:
    est = {"linear": "Linear", "run": "Run"}[t.estimator]
    out = [render_es_header(t.settings, study_label=False), "",
           "Nonparametric trim-and-fill analysis of publication bias",
           f"{est} estimator, imputing on the {t.side}", ""]
    left = ["Iteration", f"  Model: {MODEL_TITLES[t.iter_model]}",
            f" Method: {METHOD_NAMES.get(t.iter_method, t.iter_method)}"]
    right = [f"Number of studies = {t.K + t.k0:6d}", f"{'observed =':>19}{t.K:7d}", f"{'imputed =':>19}{t.k0:7d}"]
    out += [f"{a:<37}{b}" for a, b in zip(left, right)]
    out += ["", "Pooling", f"  Model: {MODEL_TITLES[t.pool_model]}",
            f" Method: {METHOD_NAMES.get(t.pool_method, t.pool_method)}", ""]
    lev = f"{t.level:g}"
    out += ["-" * 63,
            f"{'Studies':>20} |{t.column_label[:16]:>17}{f'[{lev}% Conf. Interval]':>24}",
            "-" * 21 + "+" + "-" * 41]
    out.append(f"{'Observed':>20} |{t.observed[0]:17.3f}{t.observed[1]:12.3f}{t.observed[2]:12.3f}")
    out.append(f"{'Observed + Imputed':>20} |{t.filled[0]:17.3f}{t.filled[1]:12.3f}{t.filled[2]:12.3f}")
    out.append("-" * 63)
    return "\n".join(out)


def render_regression_header(h: MetaRegressionHeader) -> str:
    """meta regress's header: the right block at column 53, its = at 68 (69 for the residual
    heterogeneity), values ending at 78, as Stata 16 prints it."""
    from mlmcli.render.numfmt import format_number

    out = [render_es_header(h.settings, study_label=False), ""]
    left = [f"{MODEL_TITLES[h.model]} meta-regression", f"Method: {METHOD_NAMES.get(h.method, h.method)}"]
    if h.se_adjustment:
        left.append(f"SE adjustment: {h.se_adjustment}")
    right = [f"{'Number of obs':<15}= {h.K:>9}"]
    indented = []
    if h.model == "random":
        right.append("Residual heterogeneity:")
        indented = [("tau2", format_number(h.tau2, "%8.4g").strip()), ("I2 (%)", f"{h.I2:.2f}"),
                    ("H2", f"{h.H2:.2f}")]
        if not math.isnan(h.R2):
            indented.append(("R-squared (%)", f"{h.R2:.2f}"))
    tests = ([(f"Model F({h.chi2_df},{h.f_df2})", h.chi2, "Prob > F")] if h.fstat else
             [(f"Wald chi2({h.chi2_df})", h.chi2, "Prob > chi2")])
    rows = list(right) + [f"{label + ' =':>18}{value:>8}" for label, value in indented]
    for label, value, plabel in tests:
        rows += [f"{label:<15}= {_fmt(value, '9.2f')}", f"{plabel:<15}= {_fmt(h.chi2_p, '9.4f')}"]
    out += _side_by_side(left, rows, 52)
    return "\n".join(out)


def _fmt(x: float, spec: str) -> str:
    return f"{'.':>{spec.split('.')[0]}}" if x is None or not math.isfinite(x) else format(x, spec)


def render_regression_footer(h: MetaRegressionHeader) -> str:
    return (f"Test of residual homogeneity: Q_res = chi2({h.Q_df}) = {h.Q_res:.2f}   "
            f"Prob > Q_res = {h.Q_p:.4f}")


def render_heterogeneity(h: MetaRegressionHeader) -> str:
    out = [f"{MODEL_TITLES[h.model]} meta-regression", f"Method: {METHOD_NAMES.get(h.method, h.method)}", "",
           "Residual heterogeneity:"]
    if h.tau2 is not None:
        out.append(f"{'tau2 =':>19} {h.tau2:9.4g}")
    out += [f"{'I2 (%) =':>19} {h.I2:9.2f}", f"{'H2 =':>19} {h.H2:9.2f}"]
    if h.model == "random" and not math.isnan(h.R2):
        out.append(f"{'R-squared (%) =':>19} {h.R2:9.2f}")
    return "\n".join(out)
