"""``ml search`` and ``ml maximize`` over a user's evaluator: the likelihood and its numerical
derivatives as the maximiser wants them, e() after the fit, and ml display's table.

lf: the derivatives of each observation's log likelihood with respect to its linear
predictors (glm/numeric_derivatives.linear_form_derivatives) and the chain rule; lf0: the
observations' values differenced in b; d0: the total differenced in b.  lf1/lf2/d1/d2: the
evaluator's own derivatives (todo = 1, 2; ml_evaluator.py) -- the scores g_j (lf1/lf2) give
g = sum w g_j x_j and the scores for vce(robust|opg) and bhhh; H is the evaluator's (lf2, d2)
or the central difference of its gradient (lf1, d1), as ml does.  d-family methods give no
scores: no vce(robust|cluster|opg), no bhhh.  Observations are weighted by the weights (aweights scaled to sum
to N) for lf and lf-family methods; a d-family evaluator weights through ``mlsum``.
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.syntax.settings import setting_value


def likelihood(ev, p):
    """(value(b), derivatives(b) -> (ll, g, H, S)) of ``p`` evaluated by ``ev``."""
    from mlmcli.glm.numeric_derivatives import linear_form_derivatives, vector_derivatives

    w = p.sample_weights()

    def total(values):
        return float(np.sum(w * values)) if np.all(np.isfinite(values)) else -np.inf

    if p.method == "lf":
        def value(b):
            return total(ev.linear_form(p.thetas(b)))

        def derivatives(b):
            l0, d1, d2 = linear_form_derivatives(ev.linear_form, p.thetas(b))
            pos, X = p.positions, p.X
            k = sum(x.shape[1] for x in X)
            g, H = np.empty(k), np.empty((k, k))
            with np.errstate(over="ignore", invalid="ignore"):  # past the double range: missing
                S = np.column_stack([d1[:, j:j + 1] * X[j] for j in range(len(X))])
                for j in range(len(X)):
                    g[pos[j]] = X[j].T @ (w * d1[:, j])
                    for m in range(len(X)):
                        H[np.ix_(pos[j], pos[m])] = (X[j] * (w * d2[:, j, m])[:, None]).T @ X[m]
            _differences_finite(np.array([total(l0)]), g, H)
            return total(l0), g, H, S
        return value, derivatives
    if p.method == "lf0":
        def value(b):
            return total(ev.observations(b))

        def derivatives(b):
            f0, J, H = _differences_finite(*vector_derivatives(lambda x: w * ev.observations(x), b))
            return (float(np.sum(f0)) if np.all(np.isfinite(f0)) else -np.inf), J.sum(axis=0), H, J / w[:, None]
        return value, derivatives
    if p.method in ("lf1", "lf2"):
        def value(b):
            return total(ev.observations(b))

        def gradient(b, todo):
            lnfj, scores, H = ev.observations(b, todo)
            S = np.column_stack([scores[:, j:j + 1] * X for j, X in enumerate(p.X)])
            ll = total(lnfj)
            g = (w[:, None] * S).sum(axis=0) if np.isfinite(ll) else np.full(S.shape[1], np.nan)
            return ll, g, H, S

        def derivatives(b):
            ll, g, H, S = gradient(b, 2 if p.method == "lf2" else 1)
            if H is None:
                H = differenced_gradient(lambda x: gradient(x, 1)[1], b)
            return ll, _finite(p, "scores", g), _finite(p, "Hessian", H), S
        return value, derivatives
    if p.method in ("d1", "d2"):
        def d_gradient(b):
            ll, g, _ = ev.scalar(b, 1)
            return g if g is not None else np.full(len(b), np.nan)

        def d_derivatives(b):
            ll, g, H = ev.scalar(b, 2 if p.method == "d2" else 1)
            if not np.isfinite(ll) and np.isfinite(ev.scalar(b)):
                # lnf missing only when derivatives were asked for: mlvecsum/mlmatsum passed the
                # double range (a covariate near 1e300) -- the derivatives are missing, ml's r(430)
                from mlmcli.errors import derivatives_missing

                raise derivatives_missing()
            if g is None:
                return ll, np.full(len(b), np.nan), np.full((len(b), len(b)), np.nan), None
            if H is None:
                H = differenced_gradient(d_gradient, b)
            return ll, _finite(p, "gradient vector", g), _finite(p, "Hessian", H), None
        return ev.scalar, d_derivatives

    def derivatives(b):
        f0, J, H = _differences_finite(*vector_derivatives(lambda x: np.array([ev.scalar(x)]), b))
        return float(f0[0]), J[0], H, None
    return ev.scalar, derivatives


def _finite(p, what: str, values: np.ndarray) -> np.ndarray:
    """The evaluator's derivatives where ln L could be evaluated: missing ones are its error."""
    if not np.all(np.isfinite(values)):
        raise StataError(f"{p.program} returned missing values in the {what} where the log likelihood is "
                         f"not missing ({p.method} evaluators must fill them when todo asks for them)", 504)
    return values


def differenced_gradient(gradient, b) -> np.ndarray:
    """The Hessian as the central difference of an analytic gradient (lf1, d1), symmetrised,
    with the steps of ml's numerical derivatives."""
    from mlmcli.glm.central_hessian import hessian_from_gradient
    from mlmcli.glm.numeric_derivatives import FIRST_STEP, difference_steps

    b = np.asarray(b, float)
    return hessian_from_gradient(gradient, b, difference_steps(b, FIRST_STEP))


def _differences_finite(f0, J, H):
    """The differences at a point whose own lnL is finite; a neighbour with lnL missing makes
    them missing: ml's r(430) stop (its numerical derivatives meet the missing region)."""
    if np.all(np.isfinite(f0)) and not (np.all(np.isfinite(J)) and np.all(np.isfinite(H))):
        from mlmcli.errors import derivatives_missing

        raise derivatives_missing()
    return f0, J, H


def run_search(session, p, *, alternative: bool, rescale: bool = True, bounds=None):
    """ml search from the problem's values: (SearchResult, its log text); ``bounds``
    {position of an equation's constant: (lb, ub)}, the range its constant is tried over."""
    from mlmcli.commands.estimation.ml_evaluator import Evaluator
    from mlmcli.glm.program_maximizer import search_start
    from mlmcli.render.ml_program import render_ml_log
    from mlmcli.results.ml_program import MLLog, MLSearchLine

    cmap = constraint_map(p)
    with Evaluator(session, p) as ev:
        value, _ = likelihood(ev, p)
        b0 = p.init if p.init is not None else np.zeros(len(p.names))
        result = search_start(_projected(value, cmap), b0, p.equation_layout(),
                              alternative=alternative and (p.init is None or bool(bounds)), rescale=rescale,
                              bounds=bounds)
        result.b = cmap.theta(cmap.gamma(result.b))
    log = MLLog(tuple(MLSearchLine(*line) for line in result.lines), pseudo=_pseudo(p))
    return result, render_ml_log(log)


def constraint_map(p):
    """b = b0 + N gamma under the problem's constraints() and its omitted (collinear)
    coefficients, held at 0 (identity without either)."""
    from mlmcli.glm.inference import ConstraintMap

    cns = p.settings.get("constraint_set")
    k = len(p.names)
    R = [cns.R] if cns is not None else []
    r = [np.asarray(cns.r, float).ravel()] if cns is not None else []
    omitted = p.omitted_positions
    if omitted:
        R.append(np.eye(k)[omitted])
        r.append(np.zeros(len(omitted)))
    return ConstraintMap(k, np.vstack(R), np.concatenate(r)) if R else ConstraintMap(k)


def _projected(value, cmap):
    """The likelihood at the nearest b satisfying the constraints: the search stays on them."""
    if not cmap.active:
        return value
    return lambda b: value(cmap.theta(cmap.gamma(b)))


def check(session, p) -> list[str]:
    """ml check's first two tests: the evaluator computes the log likelihood at the current
    values without altering b, and gives the same value when called again."""
    from mlmcli.commands.estimation.ml_evaluator import Evaluator

    b = p.init if p.init is not None else np.zeros(len(p.names))
    prog = p.program
    with Evaluator(session, p) as ev:
        value, _ = likelihood(ev, p)
        first = value(b)
        kept = ev.b_unchanged()
        second = value(b)
        analytic = _derivative_tests(ev, p, b, value) if np.isfinite(first) and p.method not in (
            "lf", "lf0", "d0") else []
    out = [f"Test 1:  Calling {prog} to check if it computes log likelihood and",
           "         does not alter coefficient vector...",
           "         Passed." if kept else "         FAILED; the coefficient vector was altered.", "",
           f"Test 2:  Calling {prog} again to check if the same log likelihood value",
           "         is returned...",
           "         Passed." if first == second or not (np.isfinite(first) or np.isfinite(second))
           else "         FAILED; a different log likelihood was returned."]
    if not np.isfinite(first):
        out += ["", "(the log likelihood cannot be evaluated at the initial values: ml maximize's search",
                " looks for feasible values)"]
    if p.method in ("lf", "lf0", "d0"):
        out += ["", "(mlm: derivatives are numerical, so ml check's derivative tests do not apply)"]
    return out + analytic


def _derivative_tests(ev, p, b, value) -> list[str]:
    """ml check's derivative tests for lf1/lf2/d1/d2 at b: the evaluator returns finite first
    (and second) derivatives, the same when called again; then mlm's comparison with central
    differences of ln L (and of the evaluator's gradient), as d1debug/d2debug report mreldif()."""
    from mlmcli.glm.numeric_derivatives import vector_derivatives
    from mlmcli.render.numfmt import format_number

    prog = p.program
    out: list[str] = []
    orders = [(1, "1st")] + ([(2, "2nd")] if p.method in ("lf2", "d2") else [])
    for todo, word in orders:
        one, two = _analytic(ev, p, b, todo)[todo - 1], _analytic(ev, p, b, todo)[todo - 1]
        finite = one is not None and bool(np.all(np.isfinite(one)))
        out += ["", f"Test {2 * todo + 1}:  Calling {prog} to check if {word} derivatives are computed...",
                "         Passed." if finite else "         FAILED; missing values were returned.", "",
                f"Test {2 * todo + 2}:  Calling {prog} again to check if the same {word} derivatives",
                "         are returned...",
                "         Passed." if finite and np.array_equal(one, two) else "         FAILED."]
    g, H = _analytic(ev, p, b, 2 if p.method in ("lf2", "d2") else 1)
    numeric_g = vector_derivatives(lambda x: np.array([value(x)]), b)[1][0]
    out += ["", f"(mlm: mreldif({prog}'s gradient, numerical gradient) = "
                f"{format_number(_mreldif(g, numeric_g), '%9.0g').strip()})"]
    if H is not None:
        numeric_H = differenced_gradient(lambda x: _analytic(ev, p, x, 1)[0], b)
        out += [f"(mlm: mreldif({prog}'s Hessian, differenced gradient) = "
                f"{format_number(_mreldif(H, numeric_H), '%9.0g').strip()})"]
    return out


def _analytic(ev, p, b, todo):
    """(g, H or None) the evaluator returns at b (g missing where it set none)."""
    if p.method in ("d1", "d2"):
        _, g, H = ev.scalar(b, todo)
        return (np.full(len(b), np.nan) if g is None else g), H
    _, scores, H = ev.observations(b, todo)
    S = np.column_stack([scores[:, j:j + 1] * X for j, X in enumerate(p.X)])
    return (p.sample_weights()[:, None] * S).sum(axis=0), H


def _mreldif(x, y) -> float:
    """Stata's mreldif(): max |x - y| / (|y| + 1)."""
    return float(np.max(np.abs(np.asarray(x) - np.asarray(y)) / (np.abs(np.asarray(y)) + 1.0)))


def _pseudo(p) -> bool:
    return p.settings.get("vce", "oim") not in ("oim", "opg") or p.weight_type == "pweight"


def _number(settings, name, default):
    from mlmcli.syntax.options import number_option

    return number_option(settings, name, default) if settings.get(name) is not None else default


def fit_and_post(session, p, settings: dict, schedule) -> None:
    """Search (unless done or off), maximise, and post e()."""
    from mlmcli.commands.estimation.ml_evaluator import Evaluator
    from mlmcli.fit_progress import iteration_progress
    from mlmcli.glm.program_maximizer import maximize, model_vce, robust_vce, search_start
    from mlmcli.render.ml_iteration_detail import shown_details
    from mlmcli.results.ml_program import MLLog, MLSearchLine

    mode = str(settings.get("search") or "on").strip().lower()
    if mode not in ("on", "off", "quietly", "norescale"):
        raise StataError("option search() invalid", 198)
    cns = settings.get("constraint_set")
    k = len(p.names)
    from mlmcli.syntax.options import integer_option

    iterate = integer_option(settings, "iterate", 16000)  # c(maxiter); iterate(1e300): r(198), as logit's
    tolerances = dict(tolerance=_number(settings, "tolerance", 1e-6), ltolerance=_number(settings, "ltolerance", 1e-7),
                      nrtolerance=np.inf if settings.get("nonrtolerance") else _number(settings, "nrtolerance", 1e-5))
    cmap = constraint_map(p)
    with Evaluator(session, p) as ev:
        value, derivatives = likelihood(ev, p)
        b0 = p.init if p.init is not None else np.zeros(k)
        b0 = cmap.theta(cmap.gamma(b0))
        if p.start_given or mode == "off":
            ll0 = value(b0)
            if not np.isfinite(ll0):
                raise StataError("initial values not feasible", 1400)
            lines = [MLSearchLine("initial:", ll0)]
        else:
            found = search_start(_projected(value, cmap), b0, p.equation_layout(), alternative=p.init is None,
                                 rescale=mode != "norescale")
            b0 = cmap.theta(cmap.gamma(found.b))
            lines = [MLSearchLine(*line) for line in found.lines] if mode != "quietly" else []
        with iteration_progress(session, "ml", "log pseudolikelihood" if _pseudo(p) else "log likelihood"
                                ) as on_iteration:
            res = maximize(value, derivatives, b0, cmap, schedule, iterate=iterate, score_weights=p.sample_weights(),
                           record=bool(shown_details(settings)), on_iteration=on_iteration, **tolerances)
        ll, g, H, S = derivatives(res.b)
        clusters = None
        if p.settings.get("clustvar"):
            clusters = session.data.numeric(p.settings["clustvar"])[p.sample]
        n_clusters = None
        if p.settings.get("vce", "oim") == "oim":
            V = model_vce(cmap, H)
        elif p.settings["vce"] == "opg":  # the outer product of the scores: sum w s s'
            V = cmap.exactly_fixed(cmap.information_inverse((S * p.sample_weights()[:, None]).T @ S))
        else:
            weights = None if p.weights is None else p.sample_weights()
            V, n_clusters = robust_vce(cmap, H, S, weights, p.weight_type, clusters)
        calls = ev.calls
    log = MLLog(tuple(lines), tuple(res.steps), res.converged, _pseudo(p),  # also ml graph's values
                tuple(res.details), tuple(p.names))
    # e(rank): the model's (-H's), so a sandwich missing with one cluster or observation (G/(G-1))
    # counts the parameters as the OIM variance does, and numpy's SVD never meets its NaN
    rank = _finite_rank(V if np.all(np.isfinite(V)) else model_vce(cmap, H))
    _post(session, p, settings, res, V, n_clusters, log, cns, rank)
    del calls  # the evaluator's calls: not an e() result in Stata


def _wald(p, b, V) -> tuple[float, int, float]:
    from mlmcli import distributions as stats

    eq = p.equations[0]
    idx = [int(i) for i in p.positions[0][:eq.n_covariates] if V[i, i] > 0]
    if not idx:
        return np.nan, 0, np.nan
    sub = V[np.ix_(idx, idx)]
    rank = int(np.linalg.matrix_rank(sub))
    chi2 = float(b[idx] @ np.linalg.pinv(sub) @ b[idx])
    return chi2, rank, float(stats.chi2.sf(chi2, rank)) if rank else np.nan


def _finite_rank(V) -> float:
    """The rank of V over its rows and columns without a missing entry."""
    V = np.asarray(V, float)
    keep = np.all(np.isfinite(V), axis=1) if V.size else np.zeros(0, bool)
    sub = V[np.ix_(keep, keep)]
    return float(np.linalg.matrix_rank(sub)) if sub.size else 0.0


def _post(session, p, settings, res, V, n_clusters, log, cns, rank: float) -> None:
    from mlmcli.estimation.results import EstimationResults
    from mlmcli.results.matrix import Matrix

    names = tuple(p.names)
    b = np.asarray(res.b, float)
    chi2, df, pval = _wald(p, b, V)
    vce = p.settings.get("vce", "oim")
    scalars = {"N": float(p.nobs), "k": float(len(names)), "k_eq": float(len(p.equations)), "k_eq_model": 1.0,
               "k_dv": float(len(p.depvars)), "df_m": float(df), "chi2": chi2, "p": pval, "ll": float(res.ll),
               "rank": rank, "ic": float(res.iterations),
               "rc": 0.0 if res.converged else 430.0, "converged": 1.0 if res.converged else 0.0}
    macros = {"cmd": "ml", "user": p.program, "ml_method": p.method, "opt": "moptimize", "which": "max",
              "technique": str(settings.get("technique") or "nr").strip(), "crittype":
              "log pseudolikelihood" if log.pseudo else "log likelihood", "chi2type": "Wald",
              "vce": vce, "depvar": " ".join(p.depvars), "predict": "ml_p", "properties": "b V"}
    if settings.get("title"):
        macros["title"] = str(settings["title"]).strip().strip('"')
    if vce != "oim":
        macros["vcetype"] = "OPG" if vce == "opg" else "Robust"
    if p.settings.get("clustvar"):
        macros["clustvar"] = p.settings["clustvar"]
        scalars["N_clust"] = float(n_clusters)
    if p.weight_type:
        macros["wtype"] = p.weight_type
    matrices = {"b": Matrix(b[None, :], ("y1",), names), "V": Matrix(np.asarray(V, float), names, names)}
    if cns is not None:
        from mlmcli.postest.ml_constraints import cns_matrix

        matrices["Cns"] = cns_matrix(cns, names)
    e = EstimationResults(cmd="ml", scalars=scalars, macros=macros, matrices=matrices, result=log,
                          sample=p.sample.copy(), title=macros.get("title", ""))
    e.stamp_sample(session.data)
    e.model = MLModel(p.equations, cns.labels if cns is not None else ())
    e.model.problem = p  # ml score and predict, scores re-run its evaluator at e(b)
    from mlmcli.commands.postestimation.margins_ml import equation_designs

    e.model.designs = equation_designs(session.data, p.equations, p.sample)
    e.design = e.model.designs[0]  # margins' first equation (None: margins says r(321))
    session.e = e


class MLModel:
    """What predict after ml needs (the equations' covariates and offsets by name) and the
    constraints' text ml display lists."""

    def __init__(self, equations, constraint_labels=()):
        self.equations = [(eq.name, list(eq.xvars), eq.constant, eq.offset, eq.exposure) for eq in equations]
        self.factor_designs = [eq.design for eq in equations]  # None: a plain varlist (predict)
        self.constraint_labels = tuple(constraint_labels)  # ml display's list over the table
        self.designs: list = []  # each equation's design on e(sample), for margins
        self.problem = None  # the MLProblem fitted (ml score)

    def equation_index(self, text) -> int:
        """equation(#k|name) -> k - 1 (None: the first); Stata's r(303) otherwise."""
        if text is None:
            return 0
        text = str(text).strip()
        if text.startswith("#") and text[1:].isdecimal() and 1 <= int(text[1:]) <= len(self.equations):
            return int(text[1:]) - 1
        names = [eq[0] for eq in self.equations]
        if text in names:
            return names.index(text)
        raise StataError(f"equation {text} not found", 303)

    def margins_prediction(self, options: str):
        from mlmcli.commands.postestimation.margins_ml import ml_margins_prediction

        return ml_margins_prediction(self, options)

    def margins_other_labels(self) -> tuple:
        from mlmcli.commands.postestimation.margins_ml import other_labels

        return other_labels(self)

    def margins_variables(self) -> tuple[str, ...]:
        from mlmcli.commands.postestimation.margins_ml import other_variables

        return other_variables(self)


def display_table(session, e, opts: dict):
    """ml display's header and table from e() (``level()``, ``eform[(label)]``, ``title()``).
    The last e(k_aux) equations (set by a program after ml) show as ``/name`` rows."""
    import dataclasses

    from mlmcli.missing import stata_exp
    from mlmcli.postest.coefficient_rows import rows_by_equation
    from mlmcli.results.ml_program import MLTable
    from mlmcli.syntax.options import confidence_level

    level = confidence_level(opts, setting_value(session, "level"))
    coefs = e.coefficients()
    blocks = rows_by_equation(coefs.names, coefs.b, coefs.V, level=level)
    from mlmcli.commands.estimation.common import factor_display_defaults, rows_shown
    from mlmcli.postest.coefficient_rows import mark_empty_cells

    blocks = mark_empty_cells(blocks, session.data, e.sample_mask(session.data))
    fv_shown = factor_display_defaults(opts)  # base rows under (all)baselevels, as _coef_table
    blocks = [(eq, list(rows_shown(rows, fv_shown))) for eq, rows in blocks]
    if "Cns" in e.matrices:  # a coefficient the constraints fix: b  (constrained)
        from mlmcli.postest.ml_constraints import mark_constrained

        blocks = [(eq, list(mark_constrained(rows))) for eq, rows in blocks]
    k_aux = int(e.scalars.get("k_aux", 0) or 0)
    main, aux = (blocks[:-k_aux], blocks[-k_aux:]) if 0 < k_aux < len(blocks) else (blocks, [])
    label, eform = "Coef.", False
    if "eform" in opts:
        label = str(opts["eform"]).strip().strip('"') if isinstance(opts["eform"], str) else "exp(b)"
        eform = True
        eq, rows = main[0]
        # a diverged coefficient or bound past the double range is missing, as Stata's exp()
        rows = [dataclasses.replace(r, coef=stata_exp(r.coef), se=stata_exp(r.coef) * r.se,
                                    ci_lo=stata_exp(r.ci_lo), ci_hi=stata_exp(r.ci_hi))
                for r in rows if r.name != "_cons"]
        main = [(eq, rows)] + list(main[1:])
    shown = [(None, rows) for _, rows in main] if len(main) == 1 else list(main)
    if aux:
        shown.append((None, [dataclasses.replace(rows[0], name=f"/{eq}") for eq, rows in aux]))
    depvar = e.macros.get("depvar", "").split()
    cluster = (int(e.scalars["N_clust"]), e.macros["clustvar"]) if e.macros.get("clustvar") else None
    title = opts.get("title") or e.macros.get("title", "")
    labels = tuple(getattr(e.model, "constraint_labels", ()))
    return MLTable(int(e.scalars["N"]), float(e.scalars["ll"]), float(e.scalars["chi2"]), int(e.scalars["df_m"]),
                   float(e.scalars["p"]), tuple(shown), depvar[0] if len(depvar) == 1 else "",
                   str(title).strip().strip('"'), e.macros.get("crittype", "").endswith("pseudolikelihood"),
                   e.macros.get("vcetype") if cluster is None else None, cluster,
                   level, label, eform, labels, fv_shown["baselevels"], bool(opts.get("vsquish")))
