"""``meta bias`` and ``meta trimfill`` ([META] meta bias, meta trimfill): tests for small-study
effects and the trim-and-fill analysis of publication bias.  Numbers in ``mlmcli.meta.bias`` and
``mlmcli.meta.trimfill``; ``meta trimfill, funnel`` draws the funnel plot of the observed and
imputed studies (``plots``)."""
from __future__ import annotations

import numpy as np

from mlmcli.commands.meta import settings as store
from mlmcli.commands.meta.model_options import MODEL_SPECS, RANDOM_CHOICES, model_and_method, se_adjustment
from mlmcli.errors import StataError
from mlmcli.results.meta import BiasTest, TrimFillSummary
from mlmcli.syntax.options import OptionSpec, confidence_level, resolve_options

_BIAS = [*MODEL_SPECS, OptionSpec("egger", 5), OptionSpec("harbord", 7), OptionSpec("peters", 6),
         OptionSpec("begg", 4), OptionSpec("traditional", 4), OptionSpec("se", 2, True),
         OptionSpec("tdistribution", 4), OptionSpec("detail", 3), OptionSpec("nometashow", 10),
         OptionSpec("metashow", 8)]


def _moderators(session, words, st) -> tuple[np.ndarray, str]:
    """Moderators named before the comma (meta bias's moderators): continuous variables only."""
    if not words:
        return np.empty((st.K, 0)), ""
    names = session.data.expand_varlist(" ".join(words))
    cols = []
    for name in names:
        if session.data.is_string(name):
            raise StataError(f"{name}: string variables not allowed", 109)
        cols.append(session.data.numeric(name)[st.rows])
    return np.column_stack(cols), " ".join(names)


def cmd_bias(session, cmd, words: list[str]) -> None:
    from mlmcli.meta import bias
    from mlmcli.render.meta import render_bias

    opts = resolve_options(cmd.options, _BIAS)
    tests = [t for t in ("egger", "harbord", "peters", "begg") if t in opts]
    if len(tests) != 1:
        raise StataError("one of egger, harbord, peters or begg is required" if not tests else
                         f"only one of {', '.join(tests)} is allowed", 198)
    test = tests[0]
    s = store.load(session.data)
    st = store.studies(session, cmd, s)
    store.require_studies(st, 3)
    if test in ("harbord", "peters") and s.estype not in ("lnoratio", "lnrratio"):
        raise StataError(f"option {test} is allowed only with binary data and log odds-ratios or "
                         "log risk-ratios (meta esize)", 198)
    traditional = "traditional" in opts
    if traditional and test == "begg":
        raise StataError("option traditional not allowed with begg", 198)
    typed = model_and_method(opts, binary=s.datatype == "binary")
    if traditional and (typed or "se" in opts or "tdistribution" in opts):
        raise StataError("option traditional may not be combined with model options", 198)
    model, method = typed or (s.model, s.method)
    if model != "random":
        method = "invvariance"
    if "tdistribution" in opts:
        raise StataError("meta bias: option tdistribution is not implemented in mlm", 198)
    seadj = se_adjustment(opts, model)
    if test == "begg":
        if words:
            raise StataError("moderators not allowed with begg", 198)
        r = bias.begg_test(st.es, st.se)
        result = BiasTest(settings=s, test="begg", model=model, method=method, K=st.K, beta1=float("nan"),
                          se=r.se, stat=r.z, p=r.p, score=r.score)
        session.print("\n" + render_bias(result))
        session.set_r({"score": r.score, "se_score": r.se, "z": r.z, "p": r.p, "N": float(st.K)})
        return
    mods, mod_names = _moderators(session, words, st)
    y, se, regressor = st.es, st.se, st.se
    if test in ("harbord", "peters"):
        cells = [session.data.numeric(v)[st.rows] for v in s.summary_vars]
        if test == "harbord":
            Z, V = bias.peto_statistics(*cells)
            y, se, regressor = Z / V, 1 / np.sqrt(V), 1 / np.sqrt(V)
        else:
            regressor = 1 / (cells[0] + cells[1] + cells[2] + cells[3])
    moderator = np.column_stack([regressor, mods]) if mods.size else regressor
    r = _regression(test, y, se, moderator, model, method, seadj, traditional)
    result = BiasTest(settings=s, test=test, model=r.model, method=r.method, K=st.K,
                      se_adjustment="Knapp-Hartung" if seadj else "", beta1=r.beta1, se=r.se, stat=r.stat,
                      p=r.p, df=r.df, traditional=traditional, moderators=mod_names)
    session.print("\n" + render_bias(result))
    out = {"beta1": r.beta1, "se_beta1": r.se, "p": r.p, "N": float(st.K)}
    out["t" if r.df is not None else "z"] = r.stat
    if r.tau2 is not None:
        out["tau2"] = r.tau2
    session.set_r(out)


def _regression(test, y, se, moderator, model, method, seadj, traditional):
    """The slope of the first column of ``moderator`` (more columns: further moderators)."""
    from mlmcli.meta.bias import RegressionTest
    from mlmcli.meta.regression import meta_regress
    from mlmcli.distributions import norm, t as student

    moderator = np.asarray(moderator, float)
    if moderator.ndim == 1:
        from mlmcli.meta.bias import regression_test
        return regression_test(test, y, se, moderator, model, method, seadj, traditional)
    X = np.column_stack([moderator, np.ones(len(y))])
    v = np.asarray(se) ** 2
    fit = meta_regress(y, v, X, "fixed" if traditional else model, "invvariance" if traditional else method,
                       "khartung" if traditional else seadj)
    df = len(y) - X.shape[1] if (traditional or seadj) else None
    b1, s1 = float(fit.b[0]), float(np.sqrt(fit.V[0, 0]))
    stat = b1 / s1
    p = float(2 * (norm.sf(abs(stat)) if df is None else student.sf(abs(stat), df)))
    return RegressionTest(test=test, beta1=b1, se=s1, stat=stat, p=p, df=df, beta0=float(fit.b[-1]),
                          tau2=fit.tau2 if model == "random" and not traditional else None,
                          model="fixed" if traditional else model,
                          method="invvariance" if traditional else method)


_TRIMFILL = [OptionSpec("estimator", 3, True), OptionSpec("left", 4), OptionSpec("right", 5),
             OptionSpec("combined", 4), OptionSpec("itermethod", 8, True), OptionSpec("poolmethod", 8, True),
             OptionSpec("level", 1, True), OptionSpec("eform", 5, True, True), OptionSpec("funnel", 6, True, True),
             OptionSpec("nometashow", 10), OptionSpec("metashow", 8), OptionSpec("iterate", 4, True)]


def _method_option(text: str, option: str) -> tuple[str, str]:
    from mlmcli.commands.meta.model_options import method_choice

    word = text.strip().lower()
    if word in ("common", "fixed") or word.startswith(("common(", "fixed(")):
        return ("common" if word.startswith("common") else "fixed"), "invvariance"
    if word == "random":
        return "random", "reml"
    if word.startswith("random(") and word.endswith(")"):
        return "random", method_choice(word[7:-1], RANDOM_CHOICES, option)
    return "random", method_choice(word, RANDOM_CHOICES, option)


def trimfill_analysis(session, cmd, opts):
    from mlmcli.meta.trimfill import trim_and_fill

    s = store.load(session.data)
    st = store.studies(session, cmd, s)
    store.require_studies(st, 3)
    estimator = "linear"
    if "estimator" in opts:
        word = opts["estimator"].strip().lower()
        if "linear".startswith(word) and len(word) >= 3:
            estimator = "linear"
        elif "run".startswith(word) and word:
            estimator = "run"
        else:
            raise StataError(f"option estimator() invalid;\nestimator {word} not allowed", 198)
    sides = [x for x in ("left", "right") if x in opts]
    if len(sides) > 1:
        raise StataError("only one of left or right is allowed", 184)
    if "combined" in opts:
        raise StataError("meta trimfill: option combined is not implemented in mlm", 198)
    pool_model, pool_method = (_method_option(opts["poolmethod"], "poolmethod") if "poolmethod" in opts
                               else (s.model, s.method if s.model == "random" else "invvariance"))
    # both steps default to the declared model (a published Stata 16 log: Iteration and Pooling
    # both "Random-effects, REML" after meta esize's default)
    declared = (s.model, s.method if s.model == "random" else "invvariance")
    iter_model, iter_method = (_method_option(opts["itermethod"], "itermethod") if "itermethod" in opts
                               else declared)
    if pool_method == "mhaenszel" or iter_method == "mhaenszel":
        pool_method = "invvariance"
    level = confidence_level(opts, s.level)
    v = st.se ** 2
    try:
        tf = trim_and_fill(st.es, v, sides[0] if sides else "", estimator, iter_model, iter_method,
                           pool_model, pool_method)
    except ArithmeticError:
        raise StataError("trim-and-fill algorithm did not converge", 430) from None
    return s, st, tf, (pool_model, pool_method), level


def cmd_trimfill(session, cmd, words: list[str]) -> None:
    from mlmcli.commands.meta.summarize import EFORM_LABELS
    from mlmcli.meta.estimators import pool
    from mlmcli.render.meta import render_trimfill

    if words:
        raise StataError("varlist not allowed", 101)
    opts = resolve_options(cmd.options, _TRIMFILL)
    s, st, tf, (pool_model, pool_method), level = trimfill_analysis(session, cmd, opts)
    v = st.se ** 2
    observed = pool(st.es, v, pool_model, pool_method, level)
    both = pool(np.r_[st.es, tf.filled_y], np.r_[v, tf.filled_v], pool_model, pool_method, level)
    eform = opts.get("eform")
    scale = np.exp if eform is not None else (lambda x: x)
    label = (eform.strip().strip('"') if isinstance(eform, str) and eform.strip() else
             EFORM_LABELS.get(s.estype, "exp(ES)")) if eform is not None else s.eslabel
    summary = TrimFillSummary(settings=s, estimator="linear" if "estimator" not in opts or
                              opts["estimator"].strip().lower().startswith("l") else "run",
                              side=tf.side, K=st.K, k0=tf.k0, iter_model=tf.iter_model,
                              iter_method=tf.iter_method, pool_model=pool_model, pool_method=pool_method,
                              level=level,
                              observed=tuple(float(scale(x)) for x in (observed.theta, *observed.ci)),
                              filled=tuple(float(scale(x)) for x in (both.theta, *both.ci)),
                              column_label=label[:12])
    session.print("\n" + render_trimfill(summary))
    from mlmcli.results.matrix import Matrix
    session.set_r({"K_total": float(st.K + tf.k0), "K_observed": float(st.K), "K_imputed": float(tf.k0),
                   "level": level, "side": tf.side,
                   "table": Matrix(np.array([[observed.theta, observed.ci[0], observed.ci[1]],
                                             [both.theta, both.ci[0], both.ci[1]]]),
                                   ("Observed", "Observed_Imputed"), ("theta", "ci_lb", "ci_ub")),
                   "imputed": Matrix(np.column_stack([tf.filled_y, np.sqrt(tf.filled_v)])
                                     if tf.k0 else np.full((1, 2), np.nan),
                                     tuple(f"r{i + 1}" for i in range(max(tf.k0, 1))), ("_meta_es", "_meta_se"))})
    if "funnel" in opts:
        from mlmcli.commands.meta.plots import trimfill_funnel
        trimfill_funnel(session, cmd, s, st, tf, both, opts)
