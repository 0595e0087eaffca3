"""``gllapred`` (gllamm's prediction command):

    gllapred varname [if] [in], {xb | u | linpred | mu [marginal]} [fsample nooffset]

- ``xb``: the fixed part of the linear predictor x'beta (+ offset unless ``nooffset``);
- ``u``: posterior means and standard deviations of the random effects in ``varnamem1``,
  ``varnamem2`` ... and ``varnames1``, ``varnames2`` ... (gllamm's order: level 2's effects
  first, each level's in its ``eqs()`` order);
- ``linpred``: x'beta + z'E(b | y), the posterior means plugged in;
- ``mu``: the posterior mean of the conditional mean g^-1(x'beta + z'b) (integrated over the
  posterior of b); with ``marginal`` over the prior distribution instead;
- ``us(stub)`` with ``mu`` or ``linpred``: the random effects are not integrated over but set
  to the values in the variables ``stub1``, ``stub2`` ... (gllamm's order, as ``u`` names
  them): the conditional mean g^-1(x'beta + z'u) or linear predictor x'beta + z'u, as MLMUS
  (ch. 10, toenail) uses ``gllapred condprob0, mu us(zeta)`` with ``zeta1`` = 0, -4, 4.  A row
  missing any ``stub#`` is missing.  (Read from MLMUS's use of the option; gllapred.ado itself
  is not in the code index: whether it also requires e(sample) rows there is unverified --
  mlmcli keeps the rule of the other statistics.)

- ``ll``: each cluster's log-likelihood contribution, the random effects integrated out (on
  every row of the cluster; from the data in memory, so with ``fsample`` clusters outside the
  estimation sample too -- MLMUS ch. 14 reads exp(ll) of fake children as their marginal
  survival).

Posterior quantities come from ``glmm.posterior_response`` with gllamm's integration rule
(``nip`` points; adaptive when the model was fitted with ``adapt``); they are available for
models with one random-effects level (``u`` for any model: the engine's posterior means).
Rows: e(sample) (within if/in) unless ``fsample`` (every row with the covariates; a cluster
not in the estimation sample takes the prior).  New variables are doubles.  gllapred's other
statistics and options (``p``, ``s``, ``pearson``, ``deviance``, ``anscombe``,
``cooksd``, ``ustd``, ``fac``, ``outcome()``, ``above()``, ``from()``...) are refused
with r(198).  The notes printed (``(mu will be stored in cmu)``) follow gllapred's wording.
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options

STATISTICS = ("xb", "u", "linpred", "mu", "ll")
OPTIONS = [OptionSpec("xb", 2), OptionSpec("u", 1), OptionSpec("linpred", 3), OptionSpec("mu", 2),
           OptionSpec("marginal", 3), OptionSpec("fsample", 2), OptionSpec("nooffset", 5),
           OptionSpec("adapt", 2),
           # gllapred's options mlmcli refuses
           OptionSpec("ll", 2),
           OptionSpec("p", 1), OptionSpec("s", 1), OptionSpec("pearson", 2),
           OptionSpec("deviance", 3), OptionSpec("anscombe", 3), OptionSpec("cooksd", 3), OptionSpec("ustd", 4),
           OptionSpec("fac", 3), OptionSpec("us", 2, takes_arg=True), OptionSpec("outcome", 1, takes_arg=True),
           OptionSpec("above", 2, takes_arg=True), OptionSpec("from", 2, takes_arg=True),
           OptionSpec("adoonly", 5), OptionSpec("corr", 4)]


def _rows_wanted(session, e, body, fsample: bool) -> np.ndarray:
    from mlmcli.sample import mark_sample

    selected = (np.asarray(mark_sample(session, body, []), bool) if body.if_exp or body.in_range
                else np.ones(session.data.nobs, bool))
    if fsample:
        return selected
    return selected & e.sample_mask(session.data)


def _level_of_rows(fit, rows) -> tuple[np.ndarray, np.ndarray]:
    """(model group index per data row (-1: none), Z on every row) of the one random level."""
    from mlmcli.glmm.posterior_response import single_level

    lv = single_level(fit)
    model = fit.model
    term = fit.spec.terms[0]
    codes = rows.groups().codes[0]
    used = np.unique(np.asarray(term.group)[model.rows])
    idx = np.full(rows.n, -1)
    known = codes >= 0
    pos = np.searchsorted(used, codes[known])
    ok = (pos < len(used)) & (used[np.minimum(pos, len(used) - 1)] == codes[known])
    tmp = np.full(int(known.sum()), -1)
    tmp[ok] = pos[ok]
    idx[known] = tmp
    Z = np.column_stack([np.ones(rows.n) if name == "_cons" else rows.variable(name) for name in term.names])
    assert Z.shape[1] == lv.q
    return idx, Z


def _mean_function(fit, rows):
    from mlmcli.glm.family import Family
    from mlmcli.glmm.varcorr import trials_of

    fx = fit.spec.fixed
    fam = Family(fx.family, fx.link, np.zeros(rows.n), trials_of(fit, rows), fx.dispersion, 0)
    return lambda eta: fam.mean(eta, fit.anc)


def _xb(fit, rows, nooffset: bool) -> np.ndarray:
    xb = rows.fixed_design() @ fit.beta
    name = fit.spec.fixed.offset_name
    if name and not nooffset:
        xb = xb + rows.variable(name)
    return xb


def _store(session, name: str, values: np.ndarray, label: str) -> None:
    session.data.set_variable(name, values, vtype="double")
    session.data.var_labels[name] = label


def cmd_gllapred(session, cmd) -> None:
    from mlmcli.commands.estimation.mixed_syntax import read_piece

    gllapred(session, read_piece(cmd.args))


def predict_gllapred(session, e, cmd) -> None:
    """``predict`` after gllamm runs gllapred (gllamm's e(predict)) with the same arguments."""
    gllapred(session, cmd)


def gllapred(session, body) -> None:
    """``body``: the parsed command (new variable name, if/in, options)."""
    from mlmcli.estimation.rows import PredictionRows
    from mlmcli.glmm import posterior_response as pr
    from mlmcli.syntax.varlist import check_new_name

    e = session.e
    if e is None or e.cmd != "gllamm":
        raise StataError("gllamm was not the last command", 301)
    if not hasattr(e.model, "spec"):  # gllamm_thresh_mlogit's models: no glmm-engine fit to predict from
        raise StataError("gllapred: predictions after gllamm with thresh(), link(mlogit) or init not available "
                         "in mlmcli", 198)
    words = (body.args or "").split()
    if len(words) != 1:
        raise StataError("varname required" if not words else "too many variables specified",
                         100 if not words else 103)
    name = words[0]
    opts = resolve_options(body.options, OPTIONS)
    refused = [k for k in opts if k not in STATISTICS + ("marginal", "fsample", "nooffset", "adapt", "us")]
    if refused:
        raise StataError(f"gllapred: option {refused[0]} not available in mlmcli", 198)
    stats = [k for k in STATISTICS if k in opts]
    if len(stats) != 1:
        raise StataError("exactly one of xb, u, linpred, mu or ll must be specified" if not stats
                         else f"options {' and '.join(stats)} may not be combined", 198)
    stat = stats[0]
    if opts.get("marginal") and stat != "mu":
        raise StataError("gllapred: option marginal is available with mu only in mlmcli", 198)
    if opts.get("us") is not None and (stat not in ("mu", "linpred") or opts.get("marginal")):
        raise StataError("gllapred: option us() is available with mu or linpred only in mlmcli", 198)
    fit = e.model
    if fit.spec.fixed.family == "ordinal" and stat in ("mu", "linpred"):
        raise StataError("gllapred: mu and linpred after ordinal models are not available in mlmcli", 198)
    adaptive = bool(e.scalars.get("adapt")) or bool(opts.get("adapt"))
    wanted = _rows_wanted(session, e, body, bool(opts.get("fsample")))
    rows = PredictionRows(session, e)
    if stat == "u":
        return _effects(session, e, fit, name, rows, wanted, adaptive)
    check_new_name(session.data, name)
    xb = _xb(fit, rows, bool(opts.get("nooffset")))
    if stat == "ll":
        return _cluster_loglik(session, fit, name, rows, wanted, xb, adaptive)
    if stat == "xb":
        session.print(f"(xb will be stored in {name})")
        _store(session, name, np.where(wanted, xb, np.nan), "xb")
        return
    idx, Z = _level_of_rows(fit, rows)
    if opts.get("us") is not None:
        return _at_given_effects(session, fit, name, rows, wanted, stat, xb, Z, opts["us"])
    if stat == "mu" and opts.get("marginal"):
        nodes, w = pr.prior_grid(fit)
        K = len(w)
        vals = pr.expected_mean(_mean_function(fit, rows), xb, Z, np.broadcast_to(nodes, (rows.n,) + nodes.shape),
                                np.broadcast_to(w, (rows.n, K)))
        session.print(f"(mu will be stored in {name})")
        _store(session, name, np.where(wanted, vals, np.nan), "marginal mu")
        return
    grid = pr.posterior_grid(fit, adaptive)
    known = idx >= 0
    if stat == "linpred":
        means = np.zeros((rows.n, Z.shape[1]))
        means[known] = grid.means()[idx[known]]
        session.print(f"(linear predictor will be stored in {name})")
        _store(session, name, np.where(wanted, xb + np.sum(Z * means, axis=1), np.nan), "linear predictor")
        return
    prior_nodes, w = pr.prior_grid(fit)
    nodes = np.broadcast_to(prior_nodes, (rows.n,) + prior_nodes.shape).copy()
    prob = np.broadcast_to(w, (rows.n, len(w))).copy()
    nodes[known] = grid.nodes[idx[known]]
    prob[known] = grid.prob[idx[known]]
    vals = pr.expected_mean(_mean_function(fit, rows), xb, Z, nodes, prob)
    session.print(f"(mu will be stored in {name})")
    _store(session, name, np.where(wanted, vals, np.nan), "mu")


def _cluster_loglik(session, fit, name, rows, wanted, xb, adaptive) -> None:
    """``ll``: each cluster's log-likelihood contribution ln L_j (the random effects integrated
    out with gllamm's rule) on every row of the cluster, from the data in memory -- with
    ``fsample``, clusters the model never saw (MLMUS ch. 14 builds fake children and reads
    their marginal survival as exp(ll))."""
    from mlmcli.glm.family import Family
    from mlmcli.glmm.posterior_response import cluster_loglik, single_level
    from mlmcli.glmm.varcorr import trials_of

    lv = single_level(fit)
    _, Z = _level_of_rows(fit, rows)
    assert Z.shape[1] == lv.q
    fx = fit.spec.fixed
    y = rows.variable(fit.spec.depvar)
    trials = trials_of(fit, rows)
    import pandas as pd

    # clusters by the level variable's values in memory (a cluster the model never saw too)
    level = session.data.df[session.data.resolve(session.e.model.re_terms()[0].levelvar)]
    codes = pd.factorize(level.where(level.notna() & (level.astype(str) != ""), None))[0]
    use = wanted & (codes >= 0) & np.isfinite(xb) & np.isfinite(y) & np.all(np.isfinite(Z), axis=1)
    out = np.full(rows.n, np.nan)
    if use.any():
        kept, group = np.unique(codes[use], return_inverse=True)
        fam = Family(fx.family, fx.link, y[use], None if trials is None else np.asarray(trials)[use],
                     fx.dispersion, 0)
        _, anc, _ = fit.model.split(fit.theta)
        lnl = cluster_loglik(fit, lambda eta: fam.logf(eta, anc), xb[use], Z[use], group.ravel(), adaptive)
        out[use] = lnl[group.ravel()]
    _store(session, name, out, "log-likelihood contribution")


def _effects(session, e, fit, name, rows, wanted, adaptive) -> None:
    """``u``: posterior means and SDs, one pair of variables per random effect."""
    from mlmcli.syntax.varlist import check_new_name

    terms = list(reversed(fit.spec.terms))  # gllamm's order: level 2 first
    q = sum(len(t.names) for t in terms)
    means = [f"{name}m{k}" for k in range(1, q + 1)]
    sds = [f"{name}s{k}" for k in range(1, q + 1)]
    for v in means + sds:
        check_new_name(session.data, v)
    groups = rows.groups()
    n_terms = len(fit.spec.terms)
    if len(fit.model.structure.levels) == 1:
        from mlmcli.glmm.posterior_response import posterior_grid

        grid = posterior_grid(fit, adaptive)
        idx, _ = _level_of_rows(fit, rows)
        per_term = [(idx, grid.means(), grid.sds())]
    else:  # several levels: the engine's posterior means (adaptive quadrature)
        effects = fit.posterior("ebmeans")
        per_term = []
        for k in reversed(range(n_terms)):
            code = groups.codes[k]
            per_term.append((code, effects[k].values, effects[k].se))
    session.print(f"(means and standard deviations will be stored in {' '.join(means)} {' '.join(sds)})")
    col = 0
    for term, (code, m, s) in zip(terms, per_term):
        known = code >= 0
        for j in range(len(term.names)):
            mv = np.full(rows.n, np.nan)
            sv = np.full(rows.n, np.nan)
            mv[known] = m[code[known], j]
            sv[known] = s[code[known], j]
            _store(session, means[col], np.where(wanted, mv, np.nan), f"posterior mean of random effect {col + 1}")
            _store(session, sds[col], np.where(wanted, sv, np.nan), f"posterior sd of random effect {col + 1}")
            col += 1


def _at_given_effects(session, fit, name, rows, wanted, stat, xb, Z, stub) -> None:
    """``us(stub)``: x'beta + z'u (or its mean g^-1) at u = (stub1, stub2, ...)."""
    stub = stub.strip()
    if not stub or len(stub.split()) != 1:
        raise StataError("invalid us() specification", 198)
    cols = []
    for k in range(1, Z.shape[1] + 1):
        var = session.data.resolve(f"{stub}{k}", False)  # gllapred names the variables whole
        cols.append(np.asarray(session.data.column(var), dtype=float))
    u = np.column_stack(cols)
    lin = xb + np.sum(Z * u, axis=1)
    if stat == "linpred":
        session.print(f"(linear predictor will be stored in {name})")
        _store(session, name, np.where(wanted, lin, np.nan), "linear predictor")
        return
    with np.errstate(over="ignore", invalid="ignore"):
        vals = _mean_function(fit, rows)(lin)
    session.print(f"(mu will be stored in {name})")
    _store(session, name, np.where(wanted & np.isfinite(lin), vals, np.nan), "mu")
