"""Generalized linear mixed models as Stata 13's ``me`` commands fit them
(``melogit``, ``meprobit``, ``mecloglog``, ``mepoisson``, ``menbreg``, ``meologit``,
``meoprobit``, ``meglm``).

API
---
``fit_glmm(spec: GLMMSpec, on_iteration=None) -> GLMMFit``  (``mlmcli.glmm.fit``; the estimation in ``mlmcli.glmm.estimate``)
    ``spec`` (``mlmcli.glmm.spec``): ``fixed`` -- a ``glm.spec.GLMSpec`` (outcome,
    design, family, link, trials, dispersion, offset, observation weights, vce,
    cluster, constraints, tolerances, asis) -- plus ``terms`` (``mixed.spec.RandomTerm``:
    nested levels outermost first, ``_all: R.x`` crossed factors, covariance, level
    fweight/pweight), ``intmethod`` (``mvaghermite`` default, ``mcaghermite``,
    ``ghermite``, ``laplace``; None = Stata's default, laplace for crossed models),
    ``intpoints`` (default 7), ``command`` (e(cmd); default from the family).
    Maximises the marginal log likelihood over all parameters (fixed effects,
    ancillary parameters, ln sd / atanh corr of the random effects) after Stata's
    phases: fixed-effects model, grid of starting variances, full model.
    Raises ``StataError`` as ``fit_glm`` does for the outcome, plus: no random-effects
    equation (198), bad intmethod/intpoints (198), clusters splitting top-level groups
    (459), lower-level weights with ``laplace`` and several levels (198).  A model
    that does not converge comes back with ``converged`` False.

``GLMMFit`` fields: ``theta`` (beta, alpha, phi), ``V`` (estimation metric),
``loglik``, ``converged``, ``glm`` (the fixed-effects fit: ``ll_single``), ``used``,
``labels``, ``robust``, ``n_clusters``, ``notes``, ``phases`` (iteration log).
Methods: ``result() -> results.glmm.GLMMResult`` (every printed number);
``e_matrices()`` -> (e(b), e(V)) in Stata's me metric and names (``depvar:x``,
``cut1:_cons``, ``lnalpha:_cons``, ``var(_cons[school]):_cons``,
``cov(x[school],_cons[school]):_cons``, nested labels ``school>class``);
``scalars()`` (N k k_f k_r k_rs ll chi2 p df_m n_quad converged rank, ll_c chi2_c
df_c p_c, N_g/g_min/g_avg/g_max lists); ``macros()`` (cmd family link intmethod ivars
labels model revars redim vartypes icctype ...); ``latent_residual_variance()``
(pi^2/3, 1, pi^2/6 for estat icc); ``posterior(kind)`` -> ``posterior.TermEffects``
per term (``ebmeans``/``ebmodes`` with posterior SDs); ``predict(what, kind=,
fixedonly=, outcome=, nooffset=)`` for ``mu eta xb stdp pr response pearson deviance
anscombe``; ``sigmas()`` (random-effects covariance matrices per level).

Modules: ``levels`` (terms -> nested levels), ``quadrature`` (Gauss-Hermite rules),
``single_level`` (+ ``single_level_gradient``: one level, vectorised over groups),
``nested`` (+ ``nested_gradient``: several levels, joint Laplace and nested quadrature),
``likelihood`` (theta -> ln L), ``optimize``, ``numdiff``, ``posterior``, ``fit``.
"""
