"""Single-level generalized linear models: ``logit``, ``probit``, ``cloglog``,
``poisson``, ``nbreg`` (dispersion mean/constant), ``ologit``, ``oprobit`` -- and the
fixed-effects phase and LR-test comparison model of the ``me`` commands.

API
---
``fit_glm(spec: GLMSpec) -> GLMFit``  (``mlmcli.glm.fit``)
    Maximum likelihood by Newton-Raphson from the constant-only model (its log
    likelihood is ll_0, Stata's ``Iteration 0``).  ``spec`` (``mlmcli.glm.spec``):
    depvar, y, X (estimable columns), coef_labels, family (``bernoulli``,
    ``binomial``, ``poisson``, ``nbinomial``, ``ordinal``, ``gaussian``), link,
    trials/trials_label, dispersion, offset/offset_name (ln(exposure) already taken),
    categories (ordinal: y coded 1..K), fweight/pweight, vce/cluster/cluster_var,
    constraints (``LinearConstraints`` R theta = r), level, iterate and tolerances, asis.
    Raises ``StataError``: no observations (2000), outcome does not vary (2000, Stata's
    "remember: 0 = negative outcome" text for binary outcomes), negative counts (459),
    complete separation ``outcome = x > c predicts data perfectly`` (2000),
    inconsistent constraints (412).  Quasi-separation drops the variable and the
    observations with Stata's notes (``x != 0 predicts failure perfectly`` ...),
    unless ``asis``.  Non-convergence is ``GLMFit.converged`` (never raised).

``GLMFit``: ``theta`` = (beta, ancillary), ``V``, ``loglik``, ``ll_0``, ``used`` (rows
kept), ``labels`` (with perfect predictors omitted), ``notes``; methods ``result() ->
results.glmm.GLMResult``, ``e_matrices()`` (``depvar:x`` ..., ``cut1:_cons`` /
``lnalpha:_cons``), ``scalars()``, ``xb()``, ``stdp()``, ``mu()``.

``family.Family``: log density and its eta-derivatives (d1..d3) and ancillary
derivatives for every family/link, vectorised over observations x quadrature nodes.
"""
